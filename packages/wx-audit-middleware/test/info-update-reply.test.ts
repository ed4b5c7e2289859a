// payReplyKey: every answer to a notification is signed with the receiver's key, refusals included;
// push answers never are; without it, one start-up warning. payKeys is keyed by the caller's serial.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createWxAudit, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { checkApiv3Response } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { KEY_A, KEY_B, infoUpdateWire, makePayAudit, sendNotification } from './helpers/info-update.js';
import { NOW_S, buildPush, send, sceneAuditWire } from './helpers/push.js';

/** The receiver's own merchant API key: KEY_B's pair stands in for it. */
const REPLY = { serialNo: KEY_B.serialNo, privateKey: KEY_B.privateKey };
const checkAnswer = (res: { headers: Record<string, string>; text: string }) =>
  checkApiv3Response(res.headers, res.text, { publicKey: KEY_B.publicKey, serialNo: KEY_B.serialNo, nowMs: NOW_S * 1000 });

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

describe.each(flavors)('%s: answers to notifications with payReplyKey', (flavor) => {
  it('success, a refusal and a listener failure all carry the four Wechatpay-* headers, a Request-ID, and verify', async () => {
    const audit = track(makePayAudit({ payReplyKey: REPLY }));
    let fail = false;
    audit.on('infoUpdateAudit', () => {
      if (fail) throw new Error('database down');
    });
    const app = makeApp(flavor, audit);
    const ok = await sendNotification(app);
    const refused = await sendNotification(app, { key: { privateKey: KEY_A.privateKey, serialNo: KEY_B.serialNo } });
    fail = true;
    const failed = await sendNotification(app, { body: JSON.stringify(infoUpdateWire({ out_request_no: 'other' })) });
    expect([ok.status, refused.status, failed.status]).toEqual([200, 401, 500]);
    const ids = new Set<string>();
    for (const res of [ok, refused, failed]) {
      expect(res.headers['wechatpay-timestamp']).toBe(String(NOW_S));
      expect(res.headers['wechatpay-serial']).toBe(KEY_B.serialNo);
      expect(res.headers['wechatpay-nonce']).toMatch(/^[0-9A-F]{32}$/);
      expect(checkAnswer(res)).toEqual({ valid: true });
      ids.add(res.headers['request-id']!);
    }
    expect(ids.size).toBe(3);
    // The signature covers the body: another body with the same headers does not verify.
    expect(checkAnswer({ headers: ok.headers, text: refused.text }).valid).toBe(false);
  });

  it('push answers stay unsigned (WeChat never verifies them)', async () => {
    const audit = track(makePayAudit({ payReplyKey: REPLY }));
    const res = await send(makeApp(flavor, audit), buildPush({ mode: 'plain', message: sceneAuditWire() }));
    expect([res.status, res.text]).toEqual([200, 'success']);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('wechatpay-') || name === 'request-id')).toEqual([]);
  });

  it('without payReplyKey the answer is unsigned, as before', async () => {
    const res = await sendNotification(makeApp(flavor, track(makePayAudit())));
    expect(res.status).toBe(200);
    expect(checkAnswer(res)).toMatchObject({ valid: false, reason: expect.stringMatching(/not signed/) });
  });
});

describe('start-up warning and configuration', () => {
  const make = (options: Partial<WxAuditOptions>) => track(createWxAudit({ payKeys: { [KEY_A.serialNo]: KEY_A.publicKey }, ...options }));
  const recorder = () => {
    const lines: string[] = [];
    return { lines, logger: { warn: (line: string) => void lines.push(`warn ${line}`), error: (line: string) => void lines.push(`error ${line}`) } };
  };

  it('payKeys without payReplyKey warns once through the logger, naming the fix', () => {
    const { lines, logger } = recorder();
    make({ logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn .*APIv3 clients .*reject unsigned answers.*payReplyKey/);
  });

  it('no warning with payReplyKey, with logger: false, or without payKeys', () => {
    const { lines, logger } = recorder();
    make({ logger, payReplyKey: REPLY });
    track(createWxAudit({ token: 't', logger }));
    make({ logger: false });
    expect(lines).toEqual([]);
  });

  it.each([
    ['a WeChat Pay public-key id as a payKeys serial', { payKeys: { PUB_KEY_ID_0114232134912410000000000000: KEY_A.publicKey } }, /caller's merchant API certificate serial/],
    ['a public key as payReplyKey', { payReplyKey: { serialNo: KEY_B.serialNo, privateKey: KEY_B.publicKey } }, /not a PEM private key/],
    ['an EC private key as payReplyKey', { payReplyKey: { serialNo: KEY_B.serialNo, privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey } }, /RSA private key/],
    ['a payReplyKey serial that is no certificate serial', { payReplyKey: { serialNo: 'PUB_KEY_ID_1', privateKey: KEY_B.privateKey } }, /40 hex digits/],
    ['a logger without error()', { logger: { warn: () => undefined } as unknown as false }, /warn and error/],
  ])('%s is CONFIG_INVALID', (_name, options, message) => {
    expect(() => make(options as Partial<WxAuditOptions>)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) }));
  });

  it('the serial_no in the header matches payKeys whatever the hex case', async () => {
    const audit = track(makePayAudit({ payKeys: { [KEY_A.serialNo.toLowerCase()]: KEY_A.publicKey } }));
    expect((await sendNotification(makeApp('express5', audit))).status).toBe(200);
  });
});
