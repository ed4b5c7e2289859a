// How WeChat really sends pushes, continued: lists and fields go missing, unknown fields appear, JSON hides inside strings, and
// enumerations grow. None of it may fail a push; each has a defined typed value and outcome.
import { afterAll, describe, expect, it } from 'vitest';
import type { XmlInput } from '../../src/wire/index.js';
import { flavors } from '../helpers/apps.js';
import { accepted, freshWire, receiverPool } from './receiver.js';
import { AUTHORIZER_APPID, SECOND_AUTHORIZER_APPID, type Channel } from './wire-examples.js';
import { withField, withFields } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

const item = (auditId: number, status?: number) => ({ appid: auditId % 2 ? AUTHORIZER_APPID : SECOND_AUTHORIZER_APPID, audit_id: auditId, status, reason: '' });

/** One unknown value per enumeration: kept as sent, outcome other. [event, channel, field, value, typed field]. */
const UNKNOWN_VALUES: ReadonlyArray<[string, Channel, string, XmlInput, string]> = [
  ['wxaNicknameAudit', 'T-msg', 'ret', 1, 'ret'],
  ['wxaCategoryAudit', 'T-msg', 'ret', 4, 'ret'],
  ['wxaPrivacyApply', 'T-msg', 'result_info.status', 5, 'status'],
  ['wxaAppealRecord', 'T-msg', 'appeal_status', 6, 'appealStatus'],
  ['openProductSpuAudit', 'M', 'OpenProductSpuAudit.status', 2, 'status'],
  ['openProductBrandAudit', 'M', 'QualificationAuditResult.status', 2, 'status'],
  ['openProductCategoryAudit', 'M', 'QualificationAuditResult.status', 3, 'status'],
  ['productSpuAudit', 'S', 'ProductSpuAudit.status', 7, 'status'],
  ['productCategoryAudit', 'S', 'ProductCategoryAudit.status', 13, 'status'],
  // WxJava's brand model still lacks 8; the next value WeChat adds is 9.
  ['channelsEcBrand', 'S', 'BrandEvent.status', 9, 'status'],
  ['notifyApplyIcpfilingResult', 'T-auth', 'beian_status', 7, 'beianStatus'],
  ['notify3rdWxaAuthAndIcp', 'T-auth', 'procedure_status', 30, 'procedureStatus'],
  ['cardMerchantCheckResult', 'OA', 'IsPass', 2, 'isPass'],
];

describe.each(flavors)('%s: missing, extra and unknown values', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  describe('absent lists are [] and missing fields stay absent', () => {
    it('a v1 media check without detail, an appeal without material, an appeal_material without proof ids', async () => {
      const v1 = withFields(freshWire('wxaMediaCheck'), { version: undefined, detail: undefined, result: undefined, isrisky: 0 });
      expect(accepted(await post('M', v1, { format: 'json' })).typed.detail).toEqual([]);
      const appeal = withField(freshWire('wxaAppealRecord'), 'material', undefined);
      expect(accepted(await post('T-msg', appeal, { format: 'xml' })).typed.material).toEqual([]);
      const noProof = withField(freshWire('wxaAppealRecord'), 'material', [{ appeal_material: { reason: '正常' } }]);
      expect(accepted(await post('T-msg', noProof, { format: 'json' })).typed.material).toEqual([{ appealMaterial: { reason: '正常', proofMaterialId: [] } }]);
    });

    it('an empty <detail></detail> is [] too', async () => {
      const wire = withFields(freshWire('wxaMediaCheck'), { version: undefined, result: undefined, isrisky: 0, detail: '' });
      expect(accepted(await post('M', wire, { format: 'xml' })).typed.detail).toEqual([]);
    });

    it('an order-path push without list: [] and outcome other', async () => {
      const { typed, audit } = accepted(await post('T-auth', withField(freshWire('orderPathAuditResultNotify'), 'list', undefined)));
      expect(typed.list).toEqual([]);
      expect(audit).toMatchObject({ outcome: 'other' });
      expect(audit).not.toHaveProperty('subjectId');
    });

    it('a code-audit failure without ScreenShot, an appeal in progress without audit_time and audit_reason', async () => {
      const fail = withField(freshWire('weappAuditFail'), 'ScreenShot', undefined);
      const { typed } = accepted(await post('T-msg', fail, { format: 'xml' }));
      expect(typed).not.toHaveProperty('screenShot');
      expect(typed.screenShotList).toEqual([]);
      const appeal = withFields(freshWire('wxaAppealRecord'), { appeal_status: 1, audit_time: undefined, audit_reason: undefined });
      const inProgress = accepted(await post('T-msg', appeal, { format: 'xml' }));
      expect(inProgress.typed).not.toHaveProperty('auditTime');
      expect(inProgress.typed).not.toHaveProperty('auditReason');
      expect(inProgress.audit).toMatchObject({ outcome: 'pending', subjectId: '4111001' });
      expect(inProgress.audit).not.toHaveProperty('reason');
    });

    it('empty parts of ScreenShot are dropped', async () => {
      const wire = withField(freshWire('weappAuditFail'), 'ScreenShot', '|a1||b2|');
      expect(accepted(await post('T-msg', wire, { format: 'xml' })).typed.screenShotList).toEqual(['a1', 'b2']);
    });

    it.each([
      ['approved and no status', [item(1001, 4), item(1002)], 'other'],
      ['rejected and no status', [item(1001, 3), item(1002)], 'rejected'],
      ['in review and no status', [item(1001, 2), item(1002)], 'pending'],
      ['approved, in review and rejected', [item(1001, 4), item(1002, 2), item(1003, 3)], 'rejected'],
      ['approved and in review', [item(1001, 4), item(1002, 2)], 'pending'],
      ['no status at all', [item(1001), item(1002)], 'other'],
    ])('order-path items without status: %s → %s', async (_label, list, outcome) => {
      const { typed, audit } = accepted(await post('T-auth', withField(freshWire('orderPathAuditResultNotify'), 'list', list)));
      const items = typed.list as Array<Record<string, unknown>>;
      expect(items.map((i) => i.status)).toEqual(list.map((i) => i.status));
      items.forEach((i, n) => expect('status' in i).toBe(list[n]!.status !== undefined));
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'orderPathAuditResultNotify', outcome });
    });

    it('one order-path item without status: other, its audit id named', async () => {
      const { audit } = accepted(await post('T-auth', withField(freshWire('orderPathAuditResultNotify'), 'list', [item(1005)])));
      expect(audit).toMatchObject({ outcome: 'other', subjectId: '1005' });
    });
  });

  describe('unknown fields are kept in raw and never fail a push', () => {
    it('media check v2 with top-level errcode/errmsg and new keys in result and detail (JSON)', async () => {
      const wire = withFields(freshWire('wxaMediaCheck'), {
        errcode: 0,
        errmsg: 'ok',
        'result.risk_level': 'high',
        detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90, model_version: 'v7' }],
      });
      const { typed, audit } = accepted(await post('M', wire, { format: 'json' }));
      expect(typed).not.toHaveProperty('errcode');
      expect(typed).not.toHaveProperty('errmsg');
      expect(typed.result).toEqual({ suggest: 'risky', label: 20002 });
      expect(typed.detail).toEqual([{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }]);
      expect(typed.raw).toMatchObject({ errcode: 0, errmsg: 'ok', result: { risk_level: 'high' }, detail: [{ model_version: 'v7' }] });
      expect(audit).toMatchObject({ outcome: 'rejected' });
    });

    it('a new element in a flattened wrapper and at the top level (XML)', async () => {
      const wire = withFields(freshWire('openProductSpuAudit'), { 'OpenProductSpuAudit.audit_scene': 'live', notify_version: 3 });
      const { typed } = accepted(await post('M', wire, { format: 'xml', mode: 'plain' }));
      expect(typed).not.toHaveProperty('auditScene');
      expect(typed).not.toHaveProperty('audit_scene');
      expect(typed).not.toHaveProperty('notifyVersion');
      expect(typed.raw).toMatchObject({ notify_version: '3', OpenProductSpuAudit: { audit_scene: 'live' } });
    });

    it('fast registration: info.taskid (real) is typed, an unknown key inside info is not', async () => {
      const wire = withFields(freshWire('notifyThirdFasteregister'), { 'info.taskid': 'fd3d7a8b5c', 'info.region': 'gd', errcode: 0 });
      const { typed } = accepted(await post('T-auth', wire));
      expect(typed.info).toMatchObject({ taskid: 'fd3d7a8b5c' });
      expect(typed.info).not.toHaveProperty('region');
      expect(typed.raw).toMatchObject({ errcode: '0', info: { region: 'gd' } });
    });

    it('product_type, added to the shop doc years later, is typed when present and absent when not', async () => {
      const withType = withField(freshWire('productSpuAudit'), 'ProductSpuAudit.product_type', 5);
      expect(accepted(await post('S', withType, { format: 'json' })).typed.productType).toBe(5);
      const without = withField(freshWire('productSpuAudit'), 'ProductSpuAudit.product_type', undefined);
      expect(accepted(await post('S', without, { format: 'json' })).typed).not.toHaveProperty('productType');
    });
  });

  describe('JSON inside strings', () => {
    it('audit_info that parses: the string as sent and auditInfoParsed', async () => {
      const info = '{"busi_audit_info":{"item_list":[]},"strategy":{"is_ai":1}}';
      const { typed } = accepted(await post('S', withField(freshWire('productSpuAudit'), 'ProductSpuAudit.audit_info', info), { format: 'json' }));
      expect([typed.auditInfo, typed.auditInfoParsed]).toEqual([info, { busi_audit_info: { item_list: [] }, strategy: { is_ai: 1 } }]);
    });

    it.each([
      ['not JSON', '{busi_audit_info: broken'],
      ['empty', ''],
      ['{} (an empty string)', {}],
    ])('audit_info %s: kept, no auditInfoParsed, the push accepted', async (_label, value) => {
      const { typed, audit } = accepted(await post('S', withField(freshWire('productSpuAudit'), 'ProductSpuAudit.audit_info', value), { format: 'json' }));
      expect(typed.auditInfo).toBe(typeof value === 'string' ? value : '');
      expect(typed).not.toHaveProperty('auditInfoParsed');
      expect(audit).toMatchObject({ outcome: 'rejected', subjectId: '10000029995861' });
    });

    it('no audit_info: neither field', async () => {
      const { typed } = accepted(await post('S', withField(freshWire('productSpuAudit'), 'ProductSpuAudit.audit_info', undefined), { format: 'json' }));
      expect(typed).not.toHaveProperty('auditInfo');
      expect(typed).not.toHaveProperty('auditInfoParsed');
    });

    it.each([
      ['JSON', 'xml', '{"media_type":2,"scene":1}', { media_type: 2, scene: 1 }],
      ['JSON', 'json', '{"media_type":2}', { media_type: 2 }],
      ['not JSON', 'xml', 'media_type=2', undefined],
      ['empty', 'json', '', undefined],
    ] as const)('v1 extra_info_json %s (%s)', async (_label, format, text, parsed) => {
      const wire = withFields(freshWire('wxaMediaCheck'), { version: undefined, detail: undefined, result: undefined, isrisky: 0, extra_info_json: text });
      const { typed } = accepted(await post('M', wire, { format }));
      expect(typed.extraInfoJson).toBe(text);
      if (parsed) expect(typed.extraInfoJsonParsed).toEqual(parsed);
      else expect(typed).not.toHaveProperty('extraInfoJsonParsed');
    });
  });

  describe('unknown enumeration values are kept, outcome other', () => {
    it.each(UNKNOWN_VALUES)('%s (%s) %s = %s', async (name, channel, path, value, field) => {
      const format = channel === 'S' ? 'json' : 'xml';
      const { typed, audit } = accepted(await post(channel, withField(freshWire(name), path, value), { format }));
      expect(typed[field]).toBe(value);
      expect(audit).toMatchObject({ kind: name, outcome: 'other' });
    });

    it('media check: an unknown suggest and an unknown label', async () => {
      const wire = withFields(freshWire('wxaMediaCheck'), { result: { suggest: 'block', label: 30001 }, detail: [{ strategy: 'llm', errcode: 0, suggest: 'block', label: 30001 }] });
      const { typed, audit } = accepted(await post('M', wire, { format: 'json' }));
      expect(typed.result).toEqual({ suggest: 'block', label: 30001 });
      expect(typed.detail).toEqual([{ strategy: 'llm', errcode: 0, suggest: 'block', label: 30001 }]);
      expect(audit).toMatchObject({ outcome: 'other', subjectId: '60f96f1d-3845297a-1976a3ae' });
    });

    it('scene audit: an unknown item status blocks an approval', async () => {
      const group = { group_id: 7, reason: '', name: '视频号场景', scene_group_ext_list: [{ ext_id: 1, status: 1, name: '客服售后' }, { ext_id: 3, status: 9, name: '新场景' }] };
      const { typed, audit } = accepted(await post('M', withField(freshWire('sceneAudit'), 'SceneGroupAudit', group), { format: 'xml' }));
      expect(typed.sceneGroupExtList).toEqual([{ extId: 1, status: 1, name: '客服售后' }, { extId: 3, status: 9, name: '新场景' }]);
      expect(audit).toEqual({ type: 'auditResult', id: typed.id, raw: typed.raw, kind: 'sceneAudit', outcome: 'other', subjectId: '7' });
    });
  });
});
