// Distinct pushes in the same second (same account, sender, CreateTime and
// Event) must keep distinct ids and both be dispatched; a genuine re-delivery (same plaintext, new
// timestamp, nonce and ciphertext) must keep its id and be dispatched once.
import { afterAll, describe, expect, it } from 'vitest';
import type { XmlInput } from '../../src/wire/index.js';
import { flavors } from '../helpers/apps.js';
import { MOUNT, NOW_S } from '../helpers/push.js';
import { CHANNELS } from './channels.js';
import { accepted, freshCreateTime, freshWire, receiverPool } from './receiver.js';
import { AUTHORIZER_APPID, COMPONENT_APPID, example, SECOND_AUTHORIZER_APPID, WIRE_EXAMPLES } from './wire-examples.js';
import { withField } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

/** For each event, one field whose change makes another push of the same kind: one of its id keys, or any field where it has none. */
const OTHER_PUSH: Readonly<Record<string, [path: string, value: XmlInput]>> = {
  weappAuditSuccess: ['SuccTime', NOW_S - 20],
  weappAuditFail: ['Reason', '1:小程序名称与简介不符'],
  weappAuditDelay: ['DelayTime', NOW_S - 20],
  wxaNicknameAudit: ['nickname', '小鹿优选'],
  wxaCategoryAudit: ['second', 306],
  wxaPrivacyApply: ['result_info.audit_id', 421609338],
  wxaAppealRecord: ['appeal_status', 2],
  openProductSpuAudit: ['OpenProductSpuAudit.product_id', 38249024],
  openProductSpuStatusUpdate: ['OpenProductSpuAudit.status', 5],
  openProductBrandAudit: ['QualificationAuditResult.audit_id', 'Xe5h1ILil12_fwff'],
  openProductCategoryAudit: ['QualificationAuditResult.audit_id', 'RQAAAHIW8cgW-1EWAAAB'],
  sceneAudit: ['SceneGroupAudit.group_id', 2],
  wxaMediaCheck: ['trace_id', '60f96f1d-3845297a-1976a3af'],
  productSpuAudit: ['ProductSpuAudit.product_id', '10000029995862'],
  productCategoryAudit: ['ProductCategoryAudit.audit_id', '123457'],
  channelsEcBrand: ['BrandEvent.brand_id', '10002935'],
  notifyThirdFasteregister: ['appid', 'wx9a7b3c5d1e2f4681'],
  notifyApplyIcpfilingResult: ['authorizer_appid', SECOND_AUTHORIZER_APPID],
  notify3rdWxaAuthAndIcp: ['procedure_status', 19],
  orderPathAuditResultNotify: ['list.1.audit_id', 1003],
  componentVerifyTicket: ['ComponentVerifyTicket', 'ticket@@@second'],
  authorized: ['AuthorizerAppid', SECOND_AUTHORIZER_APPID],
  updateauthorized: ['AuthorizerAppid', SECOND_AUTHORIZER_APPID],
  unauthorized: ['AuthorizerAppid', SECOND_AUTHORIZER_APPID],
  qualificationVerifySuccess: ['ExpiredTime', NOW_S + 31_536_001],
  qualificationVerifyFail: ['FailReason', '资质材料不清晰'],
  namingVerifySuccess: ['ExpiredTime', NOW_S + 31_536_001],
  namingVerifyFail: ['FailReason', '名称与主体不符'],
  annualRenew: ['ExpiredTime', NOW_S + 2_592_001],
  verifyExpired: ['ExpiredTime', NOW_S - 37],
  cardPassCheck: ['CardId', 'pFS7Fjg8kV1IdDz01r4SQwMkuCKe'],
  cardNotPassCheck: ['CardId', 'pFS7Fjg8kV1IdDz01r4SQwMkuCKf'],
  cardMerchantCheckResult: ['MerchantId', 13],
};

describe.each(flavors)('%s: ids of catalogue pushes', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  it.each(WIRE_EXAMPLES.map((e) => [e.name, e] as const))('%s: another push in the same second is dispatched too; a re-delivery of either is not', async (name, ex) => {
    const format = CHANNELS[ex.channel].formats[0];
    const first = freshWire(name);
    const [path, value] = OTHER_PUSH[name]!;
    const second = withField(first, path, value);
    const a = accepted(await post(ex.channel, first, { format }));
    const b = accepted(await post(ex.channel, second, { format }));
    expect([a.typed.type, b.typed.type]).toEqual([name, name]);
    expect(a.typed.id).not.toBe(b.typed.id);
    for (const wire of [first, second]) {
      const again = await post(ex.channel, wire, { format, timestamp: String(NOW_S + 7), nonce: '5550123' });
      expect([again.res.status, again.res.text, again.events]).toEqual([200, 'success', []]);
    }
  });

  it('two media checks fired together: same second, different trace_id (XML and JSON)', async () => {
    for (const format of ['xml', 'json'] as const) {
      const createTime = freshCreateTime();
      const traces = ['60f96f1d-aaaa0001-1976a3ae', '60f96f1d-aaaa0002-1976a3ae'];
      const seen = [];
      for (const trace of traces) seen.push(accepted(await post('M', { ...example('wxaMediaCheck').wire, CreateTime: createTime, trace_id: trace }, { format })));
      expect(seen.map((s) => s.typed.traceId)).toEqual(traces);
      expect(seen.map((s) => s.audit!.subjectId)).toEqual(traces);
      expect(new Set(seen.map((s) => s.typed.id)).size).toBe(2);
    }
  });

  it.each(['weappAuditSuccess', 'openProductSpuAudit', 'qualificationVerifySuccess'])(
    "%s: the same push for two authorizers in the same second (the platform's message URL)",
    async (name) => {
      const wire = freshWire(name);
      const seen = [];
      for (const authorizer of [AUTHORIZER_APPID, SECOND_AUTHORIZER_APPID]) {
        seen.push(accepted(await post('T-msg', wire, { format: 'xml', path: `${MOUNT}/${authorizer}` })));
      }
      expect(seen.map((s) => s.events.map((e) => e.authorizerAppId))).toEqual([
        seen[0]!.events.map(() => AUTHORIZER_APPID),
        seen[1]!.events.map(() => SECOND_AUTHORIZER_APPID),
      ]);
      expect(new Set(seen.map((s) => s.typed.id)).size).toBe(2);
    },
  );

  it.each(['authorized', 'unauthorized', 'notifyApplyIcpfilingResult'])('%s for two authorizers in the same second (the authorization-event URL)', async (name) => {
    const createTime = freshCreateTime();
    const field = name === 'notifyApplyIcpfilingResult' ? 'authorizer_appid' : 'AuthorizerAppid';
    const seen = [];
    for (const authorizer of [AUTHORIZER_APPID, SECOND_AUTHORIZER_APPID]) {
      seen.push(accepted(await post('T-auth', { ...example(name).wire, CreateTime: createTime, [field]: authorizer })));
    }
    expect(seen.map((s) => s.typed.appId)).toEqual([COMPONENT_APPID, COMPONENT_APPID]);
    expect(new Set(seen.map((s) => s.typed.id)).size).toBe(2);
  });

  const firstOfEachChannel = WIRE_EXAMPLES.filter((e, i) => WIRE_EXAMPLES.findIndex((o) => o.channel === e.channel) === i);
  it.each(firstOfEachChannel)('a re-delivery on $channel ($name): new timestamp, nonce and ciphertext, same id, dispatched once', async (ex) => {
    const wire = freshWire(ex.name);
    const format = CHANNELS[ex.channel].formats[0];
    const first = await post(ex.channel, wire, { format });
    const again = await post(ex.channel, wire, { format, timestamp: String(NOW_S + 3), nonce: '987654' });
    expect(accepted(first).events[0]!.type).toBe(ex.name);
    expect([again.res.status, again.res.text, again.events, again.rejected]).toEqual([200, 'success', [], []]);
    // What WeChat re-sends really differs on the wire: another ciphertext under another signature.
    expect(again.push.encrypt).not.toBe(first.push.encrypt);
    expect(again.push.search).not.toBe(first.push.search);
  });

  it('ids are built from typed values: status "1" and status 1 are one push', async () => {
    const wire = freshWire('productCategoryAudit');
    accepted(await post('S', withField(wire, 'ProductCategoryAudit.status', '1'), { format: 'json' }));
    const again = await post('S', withField(wire, 'ProductCategoryAudit.status', 1), { format: 'json', nonce: '24680' });
    expect([again.res.text, again.events]).toEqual(['success', []]);
  });
});
