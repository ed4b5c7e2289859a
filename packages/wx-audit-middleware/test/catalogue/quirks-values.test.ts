// How WeChat really writes values. Numbers arrive as digit strings (JSON
// too), ids must keep every digit, `{}` stands for an empty string, and a list of one is written as a
// single element (XML) or a single object (JSON).
import { afterAll, describe, expect, it } from 'vitest';
import { flavors } from '../helpers/apps.js';
import { accepted, freshCreateTime, freshWire, receiverPool } from './receiver.js';
import { AUTHORIZER_GH, example, MP_APPID } from './wire-examples.js';
import { jsonWithBigIntegers, withField, withFields, xmlWithoutCdata } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

describe.each(flavors)('%s: values as WeChat writes them', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  describe('numbers arrive as digit strings, in JSON too', () => {
    it('wxa_privacy_apply as JSON with every number a string (CreateTime too) and an empty reason as {}', async () => {
      const createTime = freshCreateTime();
      const wire = {
        ...example('wxaPrivacyApply').wire,
        CreateTime: String(createTime),
        result_info: { api_name: 'wx.chooseAddress', apply_time: '1714000000', audit_id: '421609338', audit_time: '1714037000', reason: {}, status: '3' },
      };
      const { typed, audit, message, events } = accepted(await post('T-msg', wire, { format: 'json' }));
      expect(typed).toMatchObject({ type: 'wxaPrivacyApply', createTime, apiName: 'wx.chooseAddress', applyTime: 1714000000, auditId: '421609338', auditTime: 1714037000, reason: '', status: 3 });
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, authorizerAppId: typed.authorizerAppId, kind: 'wxaPrivacyApply', outcome: 'approved', subjectId: '421609338' });
      expect(message).toMatchObject({ createTime });
      // raw keeps every value as sent.
      expect(typed.raw).toMatchObject({ CreateTime: String(createTime), result_info: { status: '3', apply_time: '1714000000', reason: {} } });
      expect(events.map((e) => e.type)).toEqual(['wxaPrivacyApply', 'auditResult', 'message']);
    });

    it('wxa_media_check v2 with version, errcode, label, prob and CreateTime as strings', async () => {
      const createTime = freshCreateTime();
      const wire = withFields(example('wxaMediaCheck').wire, {
        CreateTime: String(createTime),
        version: '2',
        detail: [{ strategy: 'content_model', errcode: '0', suggest: 'pass', label: '100', prob: '90' }],
        result: { suggest: 'pass', label: '100' },
      });
      const { typed, audit } = accepted(await post('M', wire, { format: 'json', mode: 'plain' }));
      expect(typed).toMatchObject({ createTime, version: 2, detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }], result: { suggest: 'pass', label: 100 } });
      expect(audit).toMatchObject({ outcome: 'approved', subjectId: '60f96f1d-3845297a-1976a3ae' });
    });

    it('a negative number as digits (XML)', async () => {
      const wire = withFields(freshWire('notifyThirdFasteregister'), { status: '-1', appid: undefined, auth_code: undefined, msg: '创建失败' });
      const { typed } = accepted(await post('T-auth', wire));
      expect(typed.status).toBe(-1);
    });
  });

  describe('ids are strings with every digit', () => {
    it('product_id and brand_id past 2^53, bare in the JSON, keep every digit (WeChat Shop)', async () => {
      const spu = withField(freshWire('productSpuAudit'), 'ProductSpuAudit.product_id', 'BIG');
      const spuPush = await post('S', spu, { format: 'json', serialized: jsonWithBigIntegers(spu, { BIG: '9007199254740993' }) });
      const { typed, audit } = accepted(spuPush);
      expect(typed.productId).toBe('9007199254740993');
      expect(audit!.subjectId).toBe('9007199254740993');
      expect((typed.raw.ProductSpuAudit as Record<string, unknown>).product_id).toBe('9007199254740993');

      const brand = withField(freshWire('channelsEcBrand'), 'BrandEvent.brand_id', 'BIG');
      const brandPush = await post('S', brand, { format: 'json', serialized: jsonWithBigIntegers(brand, { BIG: '18446744073709551615' }) });
      expect(accepted(brandPush).typed.brandId).toBe('18446744073709551615');
    });

    it('a JSON number id is its decimal digits (trading component, sent as JSON to the Mini Program)', async () => {
      const wire = withField(freshWire('openProductSpuAudit'), 'OpenProductSpuAudit.product_id', 'BIG');
      const push = await post('M', wire, { format: 'json', mode: 'plain', serialized: jsonWithBigIntegers(wire, { BIG: '12345678901234567' }) });
      const { typed, audit } = accepted(push);
      expect([typed.productId, audit!.subjectId]).toEqual(['12345678901234567', '12345678901234567']);
    });

    it('leading zeros survive in XML ids and in text that only looks numeric', async () => {
      const spu = withField(freshWire('openProductSpuAudit'), 'OpenProductSpuAudit.product_id', '0038249023');
      const { typed, audit } = accepted(await post('M', spu, { format: 'xml', mode: 'safe' }));
      expect([typed.productId, audit!.subjectId]).toEqual(['0038249023', '0038249023']);

      const merchant = withField(freshWire('cardMerchantCheckResult'), 'MerchantId', '0012');
      expect(accepted(await post('OA', merchant)).typed.merchantId).toBe('0012');

      // A bare (not CDATA) element of digits is text too: the XML builder writes numbers bare.
      const appeal = withField(freshWire('wxaAppealRecord'), 'appeal_record_id', '004111001');
      const serialized = xmlWithoutCdata(appeal);
      expect(accepted(await post('T-msg', appeal, { serialized })).typed.appealRecordId).toBe('004111001');

      const register = withFields(freshWire('notifyThirdFasteregister'), { 'info.component_phone': '075586000000', 'info.code': '0091440300', 'info.code_type': '01' });
      const { typed: registered } = accepted(await post('T-auth', register));
      expect(registered.info).toMatchObject({ componentPhone: '075586000000', code: '0091440300', codeType: 1 });
    });
  });

  describe('{} sent for an empty string is ""', () => {
    it('reject_reason {} (trading component, JSON): typed "", no reason in auditResult, {} in raw', async () => {
      const wire = withField(freshWire('openProductSpuAudit'), 'OpenProductSpuAudit.reject_reason', {});
      const { typed, audit } = accepted(await post('M', wire, { format: 'json', mode: 'safe' }));
      expect(typed.rejectReason).toBe('');
      expect(audit).not.toHaveProperty('reason');
      expect((typed.raw.OpenProductSpuAudit as Record<string, unknown>).reject_reason).toEqual({});
    });

    it('reason and audit_id {} (WeChat Shop brand)', async () => {
      const wire = withFields(freshWire('channelsEcBrand'), { 'BrandEvent.reason': {}, 'BrandEvent.audit_id': {} });
      const { typed, audit } = accepted(await post('S', wire, { format: 'json' }));
      expect(typed).toMatchObject({ brandId: '10002934', auditId: '', reason: '' });
      expect(audit).toMatchObject({ outcome: 'rejected', subjectId: '10002934' });
      expect(audit).not.toHaveProperty('reason');
    });

    it('ScreenShot {} (code audit, JSON): "" and no screenshot', async () => {
      const wire = withField(freshWire('weappAuditFail'), 'ScreenShot', {});
      const { typed } = accepted(await post('T-msg', wire, { format: 'json' }));
      expect([typed.screenShot, typed.screenShotList]).toEqual(['', []]);
    });

    it('nickname reason {} (JSON)', async () => {
      const wire = withField(freshWire('wxaNicknameAudit'), 'reason', {});
      const { typed, audit } = accepted(await post('T-msg', wire, { format: 'json', mode: 'plain' }));
      expect(typed.reason).toBe('');
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, authorizerAppId: typed.authorizerAppId, kind: 'wxaNicknameAudit', outcome: 'rejected', subjectId: AUTHORIZER_GH });
    });
    it('sceneAudit too: reason and an item name {} (JSON), an empty list {}', async () => {
      const group = { group_id: 3, reason: {}, name: '视频号场景', scene_group_ext_list: [{ ext_id: 1, status: 1, name: {} }] };
      const { typed, audit } = accepted(await post('M', withField(freshWire('sceneAudit'), 'SceneGroupAudit', group), { format: 'json' }));
      expect(typed).toMatchObject({ groupId: 3, reason: '', sceneGroupExtList: [{ extId: 1, status: 1, name: '' }] });
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'sceneAudit', outcome: 'approved', subjectId: '3' });
      const empty = { group_id: 4, reason: '', name: '视频号场景', scene_group_ext_list: {} };
      const none = accepted(await post('M', withField(freshWire('sceneAudit'), 'SceneGroupAudit', empty), { format: 'json' }));
      expect([none.typed.sceneGroupExtList, none.audit!.outcome]).toEqual([[], 'other']);
    });
  });

  describe('one element or many: always an array', () => {
    it('XML: one <material> with one <proof_material_id>', async () => {
      const material = { illegal_material: { content: '违规内容', content_url: 'https://mmbiz.qpic.cn/x' }, appeal_material: { reason: '正常', proof_material_id: ['only'] } };
      const wire = withField(freshWire('wxaAppealRecord'), 'material', [material]);
      const { typed } = accepted(await post('T-msg', wire, { format: 'xml' }));
      expect(typed.material).toEqual([{ illegalMaterial: { content: '违规内容', contentUrl: 'https://mmbiz.qpic.cn/x' }, appealMaterial: { reason: '正常', proofMaterialId: ['only'] } }]);
    });

    it('XML: one <detail> and two <detail>s of a media check', async () => {
      const item = { strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20006, keyword: '违禁词' };
      const one = withField(freshWire('wxaMediaCheck'), 'detail', [item]);
      expect(accepted(await post('M', one, { format: 'xml' })).typed.detail).toEqual([{ strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20006, keyword: '违禁词' }]);
      const two = withField(freshWire('wxaMediaCheck'), 'detail', [item, { strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 1 }]);
      expect(accepted(await post('M', two, { format: 'xml', mode: 'plain' })).typed.detail).toHaveLength(2);
    });

    it('XML: one <list> item of an order-path audit gives its subjectId and reason', async () => {
      const item = { appid: MP_APPID, audit_id: 1003, status: 3, apply_time: 1714000000, audit_time: 1714030000, reason: '订单路径页面无法打开' };
      const wire = withField(freshWire('orderPathAuditResultNotify'), 'list', [item]);
      const { typed, audit } = accepted(await post('T-auth', wire));
      expect(typed.list).toEqual([{ appid: MP_APPID, auditId: '1003', status: 3, applyTime: 1714000000, auditTime: 1714030000, reason: '订单路径页面无法打开' }]);
      expect(audit).toMatchObject({ outcome: 'rejected', subjectId: '1003', reason: '订单路径页面无法打开' });
    });

    it('JSON: a single object where the docs say array (detail, material)', async () => {
      const detail = { strategy: 'content_model', errcode: 0, suggest: 'review', label: 20012, prob: 60 };
      const check = withField(freshWire('wxaMediaCheck'), 'detail', detail);
      expect(accepted(await post('M', check, { format: 'json' })).typed.detail).toEqual([{ strategy: 'content_model', errcode: 0, suggest: 'review', label: 20012, prob: 60 }]);
      const material = { appeal_material: { reason: '正常', proof_material_id: 'p1' } };
      const appeal = withField(freshWire('wxaAppealRecord'), 'material', material);
      expect(accepted(await post('T-msg', appeal, { format: 'json' })).typed.material).toEqual([{ appealMaterial: { reason: '正常', proofMaterialId: ['p1'] } }]);
    });
  });
});
