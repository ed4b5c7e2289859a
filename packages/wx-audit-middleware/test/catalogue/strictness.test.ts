// Tolerant of what WeChat really sends, strict about what every source shows. A push
// that lacks a required field, gives a number field text, or an Event push without MsgType "event", is
// refused 400 SCHEMA_INVALID naming the field and never its value, and nothing is dispatched.
import { afterAll, describe, expect, it } from 'vitest';
import type { XmlInput, XmlInputObject } from '../../src/wire/index.js';
import { flavors } from '../helpers/apps.js';
import { CHANNELS } from './channels.js';
import { freshWire, receiverPool, refused } from './receiver.js';
import { WIRE_EXAMPLES } from './wire-examples.js';
import { withField } from './wire-patch.js';

const pool = receiverPool();
afterAll(() => pool.close());

/** One field every source shows, per event (the path as the refusal names it). */
const REQUIRED: Readonly<Record<string, string>> = {
  weappAuditSuccess: 'SuccTime',
  weappAuditFail: 'FailTime',
  weappAuditDelay: 'Reason',
  wxaNicknameAudit: 'ret',
  wxaCategoryAudit: 'first',
  wxaPrivacyApply: 'result_info.audit_id',
  wxaAppealRecord: 'punish_description',
  openProductSpuAudit: 'OpenProductSpuAudit.product_id',
  openProductSpuStatusUpdate: 'OpenProductSpuAudit.status',
  openProductBrandAudit: 'QualificationAuditResult.audit_type',
  openProductCategoryAudit: 'QualificationAuditResult.audit_id',
  sceneAudit: 'SceneGroupAudit.group_id',
  wxaMediaCheck: 'trace_id',
  productSpuAudit: 'ProductSpuAudit.status',
  productCategoryAudit: 'ProductCategoryAudit.audit_id',
  channelsEcBrand: 'BrandEvent.brand_id',
  notifyThirdFasteregister: 'status',
  notifyApplyIcpfilingResult: 'beian_status',
  notify3rdWxaAuthAndIcp: 'procedure_id',
  orderPathAuditResultNotify: 'list.0.audit_id',
  componentVerifyTicket: 'ComponentVerifyTicket',
  authorized: 'AuthorizationCode',
  updateauthorized: 'AuthorizationCodeExpiredTime',
  unauthorized: 'AuthorizerAppid',
  qualificationVerifySuccess: 'ExpiredTime',
  qualificationVerifyFail: 'FailReason',
  namingVerifySuccess: 'ExpiredTime',
  namingVerifyFail: 'FailTime',
  annualRenew: 'ExpiredTime',
  verifyExpired: 'ExpiredTime',
  cardPassCheck: 'CardId',
  cardNotPassCheck: 'CardId',
  cardMerchantCheckResult: 'IsPass',
};

/** Every value of the message that could identify its content (text and numbers of four characters or more), except the discriminators. */
function contentValues(wire: XmlInput, key = ''): string[] {
  if (Array.isArray(wire)) return wire.flatMap((item) => contentValues(item, key));
  if (wire !== null && typeof wire === 'object') return Object.entries(wire).flatMap(([k, v]) => contentValues(v, k));
  const text = String(wire);
  return ['MsgType', 'Event', 'InfoType'].includes(key) || text.length < 4 ? [] : [text];
}

function expectNoValue(message: string, body: string, wire: XmlInputObject): void {
  for (const value of contentValues(wire)) {
    expect(message).not.toContain(value);
    expect(body).not.toContain(value);
  }
}

describe.each(flavors)('%s: strict where every source agrees', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  it.each(WIRE_EXAMPLES.map((e) => [e.name, REQUIRED[e.name]!, e] as const))('%s without %s: 400 SCHEMA_INVALID naming it', async (_name, path, ex) => {
    for (const format of CHANNELS[ex.channel].formats) {
      const wire = withField(freshWire(ex.name), path, undefined);
      const posted = await post(ex.channel, wire, { format });
      const message = refused(posted, 400, 'SCHEMA_INVALID');
      expect(message).toContain(path);
      expectNoValue(message, posted.res.text, wire);
    }
  });

  it.each([
    ['wxaNicknameAudit', 'T-msg', 'ret', 'rejected-by-review'],
    ['wxaPrivacyApply', 'T-msg', 'result_info.apply_time', '2024-04-25 10:00'],
    ['openProductSpuAudit', 'M', 'OpenProductSpuAudit.status', 'approved'],
    ['productSpuAudit', 'S', 'ProductSpuAudit.product_type', 'gift-on-sale'],
    ['notify3rdWxaAuthAndIcp', 'T-auth', 'procedure_status', 'terminated'],
    ['cardMerchantCheckResult', 'OA', 'IsPass', 'true'],
  ] as const)('%s with text in a number field (%s %s): 400 naming the field, not the text', async (name, channel, path, text) => {
    const wire = withField(freshWire(name), path, text);
    const posted = await post(channel, wire, { format: CHANNELS[channel].formats.at(-1) });
    const message = refused(posted, 400, 'SCHEMA_INVALID');
    expect(message).toContain(path);
    expectNoValue(message, posted.res.text, wire);
  });

  it('a non-empty object where text belongs is refused, not turned into text', async () => {
    const wire = withField(freshWire('wxaNicknameAudit'), 'nickname', { first: '小鹿' });
    expect(refused(await post('T-msg', wire, { format: 'json' }), 400, 'SCHEMA_INVALID')).toContain('nickname');
  });

  it('a wrapper that is missing altogether is named', async () => {
    const wire = withField(freshWire('channelsEcBrand'), 'BrandEvent', undefined);
    expect(refused(await post('S', wire, { format: 'json' }), 400, 'SCHEMA_INVALID')).toContain('BrandEvent');
  });

  it.each([
    ['weappAuditFail', 'T-msg'],
    ['wxaMediaCheck', 'M'],
    ['productCategoryAudit', 'S'],
    ['cardPassCheck', 'OA'],
  ] as const)('%s with MsgType "text" instead of "event": 400, nothing dispatched', async (name, channel) => {
    for (const format of CHANNELS[channel].formats) {
      const wire = withField(freshWire(name), 'MsgType', 'text');
      expect(refused(await post(channel, wire, { format }), 400, 'SCHEMA_INVALID')).toContain('MsgType');
    }
  });

  it('an Event push without MsgType: 400', async () => {
    const wire = withField(freshWire('weappAuditSuccess'), 'MsgType', undefined);
    expect(refused(await post('T-msg', wire, { format: 'xml' }), 400, 'SCHEMA_INVALID')).toContain('MsgType');
  });

  it('an InfoType push without AppId: 400 naming AppId', async () => {
    const wire = withField(freshWire('unauthorized'), 'AppId', undefined);
    // Safe mode's outer body names the addressee from the message; without AppId it carries ToUserName: undefined, i.e. only Encrypt.
    expect(refused(await post('T-auth', wire), 400, 'SCHEMA_INVALID')).toContain('AppId');
  });
});
