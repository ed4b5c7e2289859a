// Pushes are typed by their exact Event or InfoType, whatever the URL;
// what the catalogue does not type still fires `message`; and in compatible mode only the decrypted half
// of a push counts.
import { afterAll, describe, expect, it } from 'vitest';
import { flavors } from '../helpers/apps.js';
import { MOUNT } from '../helpers/push.js';
import { accepted, freshCreateTime, freshWire, receiverPool } from './receiver.js';
import { AUTHORIZER_APPID, COMPONENT_APPID, MP_GH, MP_SENDER } from './wire-examples.js';
import { withField } from './wire-patch.js';
import { buildXml } from '../../src/wire/index.js';

const pool = receiverPool();
afterAll(() => pool.close());

describe.each(flavors)('%s: what is typed, and from what', (flavor) => {
  const post = (...args: Parameters<ReturnType<typeof pool.get>['post']>) => pool.get(flavor, args[0]).post(...args);

  it.each([
    ['wxa_punish_event (not typed yet)', 'wxa_punish_event'],
    ['an Event in upper case (names match exactly)', 'WXA_MEDIA_CHECK'],
    ['an InfoType name sent as an Event', 'authorized'],
  ])('%s: message only, with raw', async (_label, event) => {
    const wire = withField(freshWire('wxaMediaCheck'), 'Event', event);
    const { events, message } = accepted(await post('M', wire, { format: 'json' }));
    expect(events.map((e) => e.type)).toEqual(['message']);
    expect(message).toMatchObject({ event, raw: { trace_id: '60f96f1d-3845297a-1976a3ae' } });
  });

  it('an untyped InfoType (order_path_apply_result_notify) fires message only', async () => {
    const wire = { AppId: COMPONENT_APPID, CreateTime: freshCreateTime(), InfoType: 'order_path_apply_result_notify', List: { Appid: AUTHORIZER_APPID, AuditId: 1, RetCode: 0 } };
    const { events, message } = accepted(await post('T-auth', wire));
    expect(events.map((e) => e.type)).toEqual(['message']);
    expect(message).toMatchObject({ toUserName: COMPONENT_APPID, msgType: 'order_path_apply_result_notify' });
  });

  it('an InfoType push that reaches <mount>/<appid> is typed all the same, and says which path it came to', async () => {
    const { typed } = accepted(await post('T-auth', freshWire('unauthorized'), { path: `${MOUNT}/${AUTHORIZER_APPID}` }));
    expect(typed).toMatchObject({ type: 'unauthorized', authorizerAppid: AUTHORIZER_APPID, authorizerAppId: AUTHORIZER_APPID });
  });

  it('a wechat-shop event sent as XML to a Mini Program URL is typed by its Event (decode by content)', async () => {
    const wire = { ...freshWire('productCategoryAudit'), ToUserName: MP_GH, FromUserName: MP_SENDER };
    const { typed, audit } = accepted(await post('M', wire, { format: 'xml', mode: 'plain' }));
    expect(typed).toMatchObject({ type: 'productCategoryAudit', auditId: '123456', status: 1 });
    expect(audit).toMatchObject({ outcome: 'pending' });
  });

  it('compatible mode: the plaintext half says approved, the decrypted half rejected; the decrypted half wins', async () => {
    const decrypted = freshWire('openProductSpuAudit');
    const plaintextHalf = withField(decrypted, 'OpenProductSpuAudit.status', 4);
    const { typed, audit } = accepted(await post('M', plaintextHalf, { mode: 'compatible', format: 'xml', serialized: buildXml(decrypted) }));
    expect(typed.status).toBe(3);
    expect(audit).toMatchObject({ outcome: 'rejected', subjectId: '38249023' });
  });

  it('compatible mode, JSON: numbers as strings in the plaintext half only do not matter', async () => {
    const decrypted = freshWire('wxaMediaCheck');
    const plaintextHalf = { ...decrypted, CreateTime: String(decrypted.CreateTime), version: '2' };
    const { typed } = accepted(await post('M', plaintextHalf, { mode: 'compatible', format: 'json', serialized: JSON.stringify(decrypted) }));
    expect(typed).toMatchObject({ createTime: decrypted.CreateTime, version: 2 });
    expect(typed.raw.CreateTime).toBe(decrypted.CreateTime);
  });
});
