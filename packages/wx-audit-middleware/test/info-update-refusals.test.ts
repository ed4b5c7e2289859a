import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createWxAudit, WxAuditError, type WxAudit } from '../src/index.js';
import { apiv3Message, signApiv3 } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { CERT, KEY_A, KEY_B, MCHID, NOTIFY_PATH, expectPayRefused, infoUpdateWire, makePayAudit, sendNotification, watchPay } from './helpers/info-update.js';
import { NOW_S } from './helpers/push.js';

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const json = (overrides: Record<string, unknown>) => JSON.stringify(infoUpdateWire(overrides));
const without = (field: string) => {
  const body = infoUpdateWire();
  delete body[field];
  return JSON.stringify(body);
};
const signatureOf = (body: string, path = NOTIFY_PATH, nonce = 'N1', timestamp = NOW_S) =>
  signApiv3(KEY_A.privateKey, apiv3Message({ method: 'POST', url: path, timestamp, nonce, body }));
const header = (fields: string) => `WECHATPAY2-SHA256-RSA2048 ${fields}`;

describe.each(flavors)('%s: info-update refusals', (flavor) => {
  async function refused(spec: Parameters<typeof sendNotification>[1], status: number, code: string, audit = track(makePayAudit())) {
    const seen = watchPay(audit);
    const res = await sendNotification(makeApp(flavor, audit), spec);
    expectPayRefused(seen, res, status, code);
    return { res, seen };
  }

  it('a signature by another key, or over other bytes, is 401 SIGNATURE_INVALID', async () => {
    await refused({ key: { privateKey: KEY_B.privateKey, serialNo: KEY_A.serialNo } }, 401, 'SIGNATURE_INVALID');
    // Signed for `body`, sent with other bytes: an edited field, or the same JSON re-serialized.
    const body = json({});
    const signedForBody = header(`mchid="${MCHID}",nonce_str="N1",signature="${signatureOf(body)}",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`);
    await refused({ body: body.replace('PASS', 'REJECT'), authorization: signedForBody }, 401, 'SIGNATURE_INVALID');
    await refused({ body: JSON.stringify(JSON.parse(body), null, 1), authorization: signedForBody }, 401, 'SIGNATURE_INVALID');
    // The control: the same header with the bytes it was made for is accepted.
    const audit = track(makePayAudit());
    expect((await sendNotification(makeApp(flavor, audit), { body, authorization: signedForBody })).status).toBe(200);
  });

  it.each([
    ['an empty signature', `mchid="${MCHID}",nonce_str="N1",signature="",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`, 'AUTHORIZATION_INVALID'],
    ['no signature field', `mchid="${MCHID}",nonce_str="N1",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`, 'AUTHORIZATION_INVALID'],
    ['no serial_no', `mchid="${MCHID}",nonce_str="N1",signature="c2ln",timestamp="${NOW_S}"`, 'AUTHORIZATION_INVALID'],
    ['a repeated field', `mchid="${MCHID}",nonce_str="N1",signature="c2ln",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}",serial_no="X"`, 'AUTHORIZATION_INVALID'],
    ['an unknown field', `mchid="${MCHID}",nonce_str="N1",signature="c2ln",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}",extra="1"`, 'AUTHORIZATION_INVALID'],
    ['an unquoted value', `mchid=${MCHID},nonce_str="N1",signature="c2ln",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`, 'AUTHORIZATION_INVALID'],
    ['a probe signature', `mchid="${MCHID}",nonce_str="N1",signature="WECHATPAY/SIGNTEST/abc",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`, 'SIGNATURE_INVALID'],
    ['a signature that is not base64', `mchid="${MCHID}",nonce_str="N1",signature="@@@@",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`, 'SIGNATURE_INVALID'],
  ])('%s is 401', async (_name, fields, code) => {
    await refused({ authorization: header(fields) }, 401, code);
  });

  it('another WECHATPAY2 scheme, or the scheme alone, is 401 AUTHORIZATION_INVALID', async () => {
    await refused({ authorization: 'WECHATPAY2-SM2-WITH-SM3 mchid="1"' }, 401, 'AUTHORIZATION_INVALID');
    await refused({ authorization: 'WECHATPAY2-SHA256-RSA2048' }, 401, 'AUTHORIZATION_INVALID');
  });

  it('an unknown serial is 401 PAY_KEY_UNKNOWN', async () => {
    const { res } = await refused({ key: KEY_B }, 401, 'PAY_KEY_UNKNOWN');
    expect((res.body as { message: string }).message).toContain(KEY_B.serialNo);
  });

  it('without payKeys, notifications are refused with NOT_CONFIGURED', async () => {
    await refused({}, 401, 'NOT_CONFIGURED', track(createWxAudit({ token: 'pushTokenForTests', now: () => NOW_S * 1000 })));
  });

  it('timestamps: accepted within toleranceSeconds inclusive, 401 past it, both ways', async () => {
    for (const timestamp of [NOW_S - 301, NOW_S + 301, NOW_S - 86_400]) {
      await refused({ timestamp }, 401, 'TIMESTAMP_OUT_OF_TOLERANCE');
    }
    const audit = track(makePayAudit());
    const app = makeApp(flavor, audit);
    for (const timestamp of [NOW_S - 300, NOW_S + 300]) {
      expect((await sendNotification(app, { timestamp, body: json({ out_request_no: `t${timestamp}` }) })).status).toBe(200);
    }
    await refused({ timestamp: NOW_S - 11 }, 401, 'TIMESTAMP_OUT_OF_TOLERANCE', track(makePayAudit({ toleranceSeconds: 10 })));
  });

  it.each([
    ['not JSON', '{"out_request_no":', 'BODY_MALFORMED'],
    ['a JSON array', '[]', 'BODY_MALFORMED'],
    ['an empty body', '', 'BODY_MALFORMED'],
    ['no out_request_no', without('out_request_no'), 'SCHEMA_INVALID'],
    ['no mchid', without('mchid'), 'SCHEMA_INVALID'],
    ['no audit_result', without('audit_result'), 'SCHEMA_INVALID'],
    ['audit_result outside PASS | REJECT', json({ audit_result: 'pass' }), 'SCHEMA_INVALID'],
    ['out_request_no of 65 characters', json({ out_request_no: 'x'.repeat(65) }), 'SCHEMA_INVALID'],
    ['fail_code of 33 characters', json({ fail_code: 'x'.repeat(33) }), 'SCHEMA_INVALID'],
    ['fail_msg of 1025 characters', json({ fail_msg: 'x'.repeat(1025) }), 'SCHEMA_INVALID'],
    ['audit_finish_time not RFC 3339', json({ audit_finish_time: '2015-05-20 13:29:35' }), 'SCHEMA_INVALID'],
    ['audit_finish_time without offset', json({ audit_finish_time: '2015-05-20T13:29:35' }), 'SCHEMA_INVALID'],
    ['audit_finish_time with month 13', json({ audit_finish_time: '2015-13-20T13:29:35+08:00' }), 'SCHEMA_INVALID'],
    ['audit_finish_time at 24:00', json({ audit_finish_time: '2015-05-20T24:00:00Z' }), 'SCHEMA_INVALID'],
    ['a number for out_request_no', json({ out_request_no: 12345 }), 'SCHEMA_INVALID'],
  ])('a signed body with %s is 400', async (_name, body, code) => {
    await refused({ body }, 400, code);
  });

  it('the length limits themselves are accepted (64, 32, 1024)', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const body = json({ out_request_no: 'o'.repeat(64), fail_code: 'c'.repeat(32), fail_msg: '错'.repeat(1024), audit_finish_time: '2015-05-20T05:29:35.123Z' });
    expect((await sendNotification(makeApp(flavor, audit), { body })).status).toBe(200);
    expect(seen.events[0]).toMatchObject({ outRequestNo: 'o'.repeat(64), failMsg: '错'.repeat(1024) });
  });

  it('a body past bodyLimit is 413', async () => {
    await refused({ body: json({ attach_info: 'a'.repeat(900) }) }, 413, 'BODY_TOO_LARGE', track(makePayAudit({ bodyLimit: 512 })));
  });

  it('express.json() before the middleware without rawBody: 500 RAW_BODY_UNAVAILABLE naming the fix, never a hang', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const res = await sendNotification(makeApp(flavor, audit, 'json'));
    expectPayRefused(seen, res, 500, 'RAW_BODY_UNAVAILABLE');
    expect(seen.rejected[0]!.message).toMatch(/rawBody/);
    expect(seen.rejected[0]!.message).toMatch(/before express\.json\(\)/);
  });

  it.each(['json-rawBody', 'raw', 'text', 'urlencoded'] as const)('behind %s the exact bytes are still there: accepted', async (parser) => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const res = await sendNotification(makeApp(flavor, audit, parser));
    expect(res.status).toBe(200);
    expect(seen.events).toHaveLength(1);
  });

  it('behind express.json() with rawBody, a tampered parse cannot pass: the kept bytes are what is verified', async () => {
    const body = json({});
    const authorization = header(`mchid="${MCHID}",nonce_str="N1",signature="${signatureOf(body)}",timestamp="${NOW_S}",serial_no="${KEY_A.serialNo}"`);
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const res = await sendNotification(makeApp(flavor, audit, 'json-rawBody'), { body: body.replace('PASS', 'REJECT'), authorization });
    expectPayRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it('a GET or PUT carrying the header is not a notification', async () => {
    const audit = track(makePayAudit());
    const seen = watchPay(audit);
    const res = await request(makeApp(flavor, audit)).put(NOTIFY_PATH).set('authorization', header('mchid="1"')).send('{}');
    expect(res.status).toBe(405);
    expect(seen.events).toEqual([]);
  });
});

describe('payKeys are loaded when createWxAudit() is called', () => {
  const bad = (payKeys: Record<string, string | Buffer>) => {
    try {
      createWxAudit({ payKeys });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    ['garbage text', 'not a key'],
    ['a truncated PEM', KEY_A.publicKey.slice(0, 120)],
    ['a private key', KEY_A.privateKey],
    ['the certificate private key', CERT.privateKey],
    ['an empty Buffer', Buffer.alloc(0)],
  ])('%s is CONFIG_INVALID, without the key in the message', (_name, material) => {
    const error = bad({ SERIAL: material });
    expect(error).toBeInstanceOf(WxAuditError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain('SERIAL');
    expect((error as Error).message).not.toMatch(/MII|BEGIN/);
  });

  it('a DER certificate Buffer is accepted too', () => {
    const der = Buffer.from(CERT.certificate.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const audit = createWxAudit({ payKeys: { [CERT.serialNo]: der } });
    expect(audit).toBeDefined();
    return audit.close();
  });
});
