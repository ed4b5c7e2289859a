// WeChat's own printed examples are broken in ways no real push is. Where an example
// decodes, it types as its field table says; where it does not (mismatched tags, text where a number
// belongs), it is a clean 400 and nothing is dispatched, never a half-typed event.
import { afterAll, describe, expect, it } from 'vitest';
import { flavors } from '../helpers/apps.js';
import { NOW_S } from '../helpers/push.js';
import { accepted, freshCreateTime, receiverPool, refused } from './receiver.js';
import { AUTHORIZER_APPID, AUTHORIZER_GH, COMPONENT_APPID, example, MP_GH, OA_GH, PLATFORM_SENDER } from './wire-examples.js';
import { withField } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

/** The trading component's examples as printed: no CDATA, an 11-digit CreateTime unless one is given. */
const tradingExample = (event: string, body: string, createTime: number | string = '12344555555') =>
  `<xml><ToUserName>${MP_GH}</ToUserName><FromUserName>oABCD</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>event</MsgType><Event>${event}</Event>${body}</xml>`;
/** An Event push's head as WeChat's third-party and Official Account examples print it (CDATA), sent now. */
const eventHead = (to: string, from: string, event: string) =>
  `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
  `<CreateTime>${freshCreateTime()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>`;
const spuBody = '<OpenProductSpuAudit><out_product_id>spu_123</out_product_id><product_id>38249023</product_id><status>13</status></OpenProductSpuAudit>';
const brandBody =
  '<QualificationAuditResult><audit_id>Xe5h1ILil12_fwfe</audit_id><status>1</status><audit_type>1</audit_type><reject_reason>xxx原因</reject_reason><brand_id>11</brand_id></QualificationAuditResult>';

describe.each(flavors)('%s: broken official examples', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);
  const mp = example('openProductSpuAudit').wire;

  describe('decodable: typed by the field table', () => {
    it("open_product_spu_status_update with its table's Event (the example prints open_product_spu_audit): a lifecycle event", async () => {
      const serialized = tradingExample('open_product_spu_status_update', spuBody, freshCreateTime());
      const { events } = accepted(await post('M', mp, { mode: 'plain', serialized }));
      expect(events.map((e) => e.type)).toEqual(['openProductSpuStatusUpdate', 'message']);
      expect(events[0]).toMatchObject({ outProductId: 'spu_123', productId: '38249023', status: 13 });
    });

    it('the status-update example as printed (Event open_product_spu_audit) is what its Event says: an audit with an unknown status, outcome other', async () => {
      const serialized = tradingExample('open_product_spu_audit', spuBody, freshCreateTime());
      const { events } = accepted(await post('M', mp, { mode: 'safe', serialized }));
      expect(events.map((e) => e.type)).toEqual(['openProductSpuAudit', 'auditResult', 'message']);
      expect(events[1]).toMatchObject({ outcome: 'other', subjectId: '38249023' });
    });

    it('the brand-audit example without CDATA decodes once its CreateTime is a real one', async () => {
      const createTime = freshCreateTime();
      const { typed, audit } = accepted(await post('M', mp, { mode: 'safe', serialized: tradingExample('open_product_brand_audit', brandBody, createTime) }));
      expect(typed).toMatchObject({ createTime, auditId: 'Xe5h1ILil12_fwfe', status: 1, auditType: 1, rejectReason: 'xxx原因', brandId: '11' });
      expect(audit).toMatchObject({ outcome: 'approved', subjectId: 'Xe5h1ILil12_fwfe', reason: 'xxx原因' });
    });

    it('channels_ec_brand with the audit_id its table omits, and without it', async () => {
      const wire = { ...example('channelsEcBrand').wire, CreateTime: freshCreateTime() };
      expect(accepted(await post('S', wire, { format: 'json' })).typed.auditId).toBe('12345678');
      const tableOnly = withField({ ...wire, CreateTime: freshCreateTime() }, 'BrandEvent.audit_id', undefined);
      const { typed, audit } = accepted(await post('S', tableOnly, { format: 'json' }));
      expect(typed).not.toHaveProperty('auditId');
      expect(audit).toMatchObject({ outcome: 'rejected', subjectId: '10002934' });
    });
  });

  describe('not decodable: refused 400, nothing dispatched', () => {
    it("the trading component's 11-digit CreateTime is no real time: refused as a replay", async () => {
      refused(await post('M', mp, { mode: 'safe', serialized: tradingExample('open_product_brand_audit', brandBody) }), 401, 'MESSAGE_TOO_OLD');
    });

    it('wxa_privacy_apply with every value in literal quotes: the numbers are named, never their values', async () => {
      const quoted = [
        eventHead(AUTHORIZER_GH, PLATFORM_SENDER, 'wxa_privacy_apply'),
        '<result_info><api_name>"wx.choosePoi"</api_name><apply_time>"1644805538"</apply_time><audit_id>"421609337"</audit_id>',
        '<audit_time>"1644828435"</audit_time><reason>"小程序内未含有相应使用场景"</reason><status>"2"</status></result_info></xml>',
      ].join('');
      const message = refused(await post('T-msg', example('wxaPrivacyApply').wire, { serialized: quoted }), 400, 'SCHEMA_INVALID');
      expect(message).toContain('result_info.apply_time');
      expect(message).toContain('result_info.status');
      expect(message).not.toContain('1644805538');
      expect(message).not.toContain('小程序内');
    });

    it('wxa_appeal_record with appeal_status 1|2|3|4', async () => {
      const wire = withField({ ...example('wxaAppealRecord').wire, CreateTime: freshCreateTime() }, 'appeal_status', '1|2|3|4');
      const message = refused(await post('T-msg', wire), 400, 'SCHEMA_INVALID');
      expect(message).toContain('appeal_status');
      expect(message).not.toContain('1|2|3|4');
    });

    it('wxa_category_audit with mismatched tags (<first>…</nickname>)', async () => {
      const serialized = `${eventHead(AUTHORIZER_GH, PLATFORM_SENDER, 'wxa_category_audit')}<ret>2</ret><first>一级类目id</nickname><second>二级类目id</reason><reason>驳回原因</reason></xml>`;
      refused(await post('T-msg', example('wxaCategoryAudit').wire, { serialized }), 400, 'BODY_MALFORMED');
    });

    it('the personal fast-registration example (<idname>…</wxidnnn>)', async () => {
      const serialized = [
        `<xml><AppId><![CDATA[${COMPONENT_APPID}]]></AppId><CreateTime>${freshCreateTime()}</CreateTime><InfoType><![CDATA[notify_third_fasteregister]]></InfoType>`,
        '<appid>wx3c5e7a9b1d2f4680</appid><status>0</status><auth_code>xxxxx</auth_code><msg>OK</msg>',
        '<info><wxuser><![CDATA[用户微信号]]></wxuser><idname><![CDATA[用户姓名]]></wxidnnn><component_phone><![CDATA[第三方联系电话]]></component_phone></info></xml>',
      ].join('');
      refused(await post('T-auth', example('notifyThirdFasteregister').wire, { serialized }), 400, 'BODY_MALFORMED');
    });

    it('authorized closed by <xml>, and with a placeholder where AuthorizationCodeExpiredTime is a number', async () => {
      const body = (expiry: string, end: string) =>
        [
          `<xml><AppId>${COMPONENT_APPID}</AppId><CreateTime>${freshCreateTime()}</CreateTime><InfoType>authorized</InfoType>`,
          `<AuthorizerAppid>${AUTHORIZER_APPID}</AuthorizerAppid><AuthorizationCode>授权码</AuthorizationCode>`,
          `<AuthorizationCodeExpiredTime>${expiry}</AuthorizationCodeExpiredTime><PreAuthCode>预授权码</PreAuthCode>${end}`,
        ].join('');
      const wire = example('authorized').wire;
      refused(await post('T-auth', wire, { serialized: body(String(NOW_S + 600), '<xml>') }), 400, 'BODY_MALFORMED');
      const message = refused(await post('T-auth', wire, { serialized: body('过期时间', '</xml>') }), 400, 'SCHEMA_INVALID');
      expect(message).toContain('AuthorizationCodeExpiredTime');
      expect(message).not.toContain('过期时间');
    });

    it('card_not_pass_check with a // comment inside the XML', async () => {
      const serialized = `${eventHead(OA_GH, 'FromUser', 'card_pass_check')}  //不通过为card_not_pass_check\n<CardId><![CDATA[cardid]]></CardId><RefuseReason><![CDATA[非法代制]]></RefuseReason></xml>`;
      refused(await post('OA', example('cardPassCheck').wire, { serialized }), 400, 'BODY_MALFORMED');
    });

    it('product_spu_audit with unbalanced braces around product_type', async () => {
      const head = `{"ToUserName":"gh_*","FromUserName":"OPENID","CreateTime":${freshCreateTime()},"MsgType":"event","Event":"product_spu_audit",`;
      const serialized = `${head}"ProductSpuAudit":{"product_id":"12345678","status":3,"reason":"abc"},"product_type":1}}`;
      refused(await post('S', example('productSpuAudit').wire, { format: 'json', serialized }), 400, 'BODY_MALFORMED');
    });
  });
});
