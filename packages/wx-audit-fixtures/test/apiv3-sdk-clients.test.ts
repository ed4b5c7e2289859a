// Real WeChat Pay APIv3 client SDKs as oracles: they call a real Express app that mounts the
// middleware, and they accept (or reject) its answers with their own verification code.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import WxPay from 'wechatpay-node-v3';
import { Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { createWxAudit, type InfoUpdateAuditEvent, type WxAudit } from '@x/wx-audit-middleware';
import { apiv3Message, parseApiv3Authorization } from '@x/wx-audit-middleware/wire';
import { buildInfoUpdateRequest, createFixtures, generateTestKeys } from '../src/index.js';

// The endpoint of seed 002, as the SDK's chain spells it: v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify.
const NOTIFY_PATH = '/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify';
/** The seed's own sample payload, verbatim. */
const SEED = {
  out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
  mchid: '1900016681',
  audit_result: 'PASS',
  audit_finish_time: '2015-05-20T13:29:35+08:00',
  attach_info: 'updateidcard',
  fail_code: '1001',
  fail_msg: 'IDCARD_ILLEGAL',
};

// Two roles, two key pairs: the caller signs requests (the receiver holds its public key in payKeys),
// the receiver signs answers (the caller's SDK holds the receiver's public key in its `certs`).
const caller = generateTestKeys();
const receiver = generateTestKeys();

type Flavor = 'express4' | 'express5';
type Tamper = 'none' | 'body' | 'signature';

const open: Array<{ server: Server; audit: WxAudit }> = [];
afterEach(async () => {
  for (const { server, audit } of open.splice(0)) {
    server.close();
    await audit.close();
  }
});

/** A real Express app with the middleware at the seed's path; `tamper` rewrites the answer after it was signed. */
async function startApp(flavor: Flavor, options: { reply?: boolean; tamper?: Tamper } = {}) {
  const audit = createWxAudit({
    payKeys: { [caller.serialNo]: caller.publicKey },
    ...(options.reply === false ? { logger: false as const } : { payReplyKey: { serialNo: receiver.serialNo, privateKey: receiver.privateKey } }),
  });
  const events: InfoUpdateAuditEvent[] = [];
  audit.on('infoUpdateAudit', (event) => void events.push(event));
  const express = (flavor === 'express4' ? express4 : express5) as unknown as typeof express5;
  const app = express();
  if (options.tamper === 'body' || options.tamper === 'signature') {
    const how = options.tamper;
    app.use((_req, res, next) => {
      // A man in the middle: same length, so only the signature can tell.
      const end = res.end.bind(res) as (chunk: string) => typeof res;
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name: string, value: string | number | readonly string[]) =>
        setHeader(name, how === 'signature' && name.toLowerCase() === 'wechatpay-signature' ? `A${String(value).slice(1)}` : value);
      (res as unknown as { end: (chunk: string) => typeof res }).end = (chunk: string) => end(how === 'body' ? chunk.replace('success', 'SUCCESS') : chunk);
      next();
    });
  }
  app.use(NOTIFY_PATH, audit.middleware());
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ server, audit });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, events };
}

/** wechatpay-axios-plugin's client, configured as a merchant that calls the endpoint. */
function axiosClient(origin: string) {
  return new Wechatpay({
    mchid: SEED.mchid,
    serial: caller.serialNo,
    privateKey: caller.privateKey,
    certs: { [receiver.serialNo]: receiver.publicKey },
    baseURL: `${origin}/`,
  });
}

/** The call as the seed's own sample makes it: the SDK's chain, then `post` with the JSON payload. */
function notifyWith(client: Wechatpay) {
  return client.v3!.aggracctBc!.wbChannel!.controlOrders!.info!.update!.result!.notify!.post(SEED);
}

/** wechatpay-node-v3, whose verifySign looks the answer's key up in its static certificate table. */
function nodeV3Client() {
  (WxPay as unknown as { certificates: Record<string, string> }).certificates = { [receiver.serialNo]: receiver.publicKey };
  return new WxPay({ appid: 'wx0123456789abcdef', mchid: SEED.mchid, serial_no: caller.serialNo, publicKey: Buffer.from(caller.publicKey), privateKey: Buffer.from(caller.privateKey) });
}

describe.each(['express4', 'express5'] as const)('%s: wechatpay-axios-plugin calls the mounted middleware', (flavor) => {
  it("the seed's notification: the client's promise resolves with the signed answer, one infoUpdateAudit", async () => {
    const { origin, events } = await startApp(flavor);
    const res = await notifyWith(axiosClient(origin));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ ret_msg: 'success' });
    expect(res.headers['wechatpay-serial']).toBe(receiver.serialNo);
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'infoUpdateAudit', outRequestNo: SEED.out_request_no, auditResult: 'PASS', raw: SEED });
  });

  it('without payReplyKey the client rejects the unsigned answer (the listener still ran)', async () => {
    const { origin, events } = await startApp(flavor, { reply: false });
    await expect(notifyWith(axiosClient(origin))).rejects.toMatchObject({
      code: 'EV3_RES_HEADERS_INCOMPLATE',
    });
    expect(events).toHaveLength(1);
  });

  it.each(['body', 'signature'] as const)('an answer whose %s was changed after signing is rejected', async (tamper) => {
    const { origin } = await startApp(flavor, { tamper });
    await expect(notifyWith(axiosClient(origin))).rejects.toMatchObject({
      code: 'EV3_RES_HEADER_SIGNATURE_DIGEST',
    });
  });

  it("an answer signed with a key the client does not know under that serial is rejected", async () => {
    const { origin } = await startApp(flavor);
    const stranger = generateTestKeys({ serialNo: receiver.serialNo });
    const client = new Wechatpay({ mchid: SEED.mchid, serial: caller.serialNo, privateKey: caller.privateKey, certs: { [receiver.serialNo]: stranger.publicKey }, baseURL: `${origin}/` });
    await expect(notifyWith(client)).rejects.toMatchObject({ code: 'EV3_RES_HEADER_SIGNATURE_DIGEST' });
  });
});

describe.each(['express4', 'express5'] as const)('%s: wechatpay-node-v3 signs the call and verifies the answer', (flavor) => {
  /** node-v3 signs (its own getSignature and Authorization format); the answer is read raw for its verifySign. */
  async function call(origin: string, pay: WxPay, body: string) {
    const authorization = (pay as unknown as { buildAuthorization(method: string, url: string, params: object): string }).buildAuthorization('POST', NOTIFY_PATH, SEED);
    const res = await fetch(origin + NOTIFY_PATH, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
    const text = await res.text();
    const verified = await pay.verifySign({
      timestamp: res.headers.get('wechatpay-timestamp') ?? '',
      nonce: res.headers.get('wechatpay-nonce') ?? '',
      serial: res.headers.get('wechatpay-serial') ?? '',
      signature: res.headers.get('wechatpay-signature') ?? '',
      body: text,
    });
    return { status: res.status, text, verified };
  }

  it('accepts the signed success answer; one event', async () => {
    const { origin, events } = await startApp(flavor);
    const result = await call(origin, nodeV3Client(), JSON.stringify(SEED));
    expect(result).toEqual({ status: 200, text: '{"ret_msg":"success"}', verified: true });
    expect(events).toHaveLength(1);
  });

  it('a refusal is signed too: verifies, and rejects once the body was changed after signing', async () => {
    const { origin, events } = await startApp(flavor);
    // Sent with a body other than the one signed: 401 SIGNATURE_INVALID, answered and signed by the receiver.
    const refused = await call(origin, nodeV3Client(), JSON.stringify({ ...SEED, audit_result: 'REJECT' }));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(refused.verified).toBe(true);
    expect(events).toEqual([]);
    const tampered = await startApp(flavor, { tamper: 'body' });
    expect((await call(tampered.origin, nodeV3Client(), JSON.stringify(SEED))).verified).toBe(false);
  });
});

describe("buildInfoUpdateRequest against the SDKs' own request-signature code", () => {
  const fx = createFixtures({ seed: 2 });
  const msg = fx.infoUpdateAudit({ auditResult: 'REJECT' });
  const path = `${NOTIFY_PATH}?from=wechatpay`;
  const built = buildInfoUpdateRequest(msg, { privateKey: caller.privateKey, serialNo: caller.serialNo, mchid: msg.mchid, path, timestamp: 1714037059, nonce: 'D1A5E1F3C9B04E2A8F6D7C5B3A291807' });
  const auth = parseApiv3Authorization(built.headers.authorization);

  it('wechatpay-axios-plugin: the same signed message, byte for byte, the same signature, and it verifies', () => {
    const theirs = Formatter.request('POST', path, auth.timestamp, auth.nonceStr, built.body);
    const ours = apiv3Message({ method: 'POST', url: path, timestamp: auth.timestamp, nonce: auth.nonceStr, body: built.body });
    expect(Buffer.from(theirs, 'utf8').equals(ours)).toBe(true);
    // PKCS#1 v1.5 is deterministic: the same key over the same bytes gives the same signature.
    expect(Rsa.sign(theirs, Rsa.from(caller.privateKey, Rsa.KEY_TYPE_PRIVATE))).toBe(auth.signature);
    expect(Rsa.verify(theirs, auth.signature, Rsa.from(caller.publicKey, Rsa.KEY_TYPE_PUBLIC))).toBe(true);
    // Their Authorization header (another field order) says the same as ours.
    const header = Formatter.authorization(msg.mchid, auth.nonceStr, auth.signature, auth.timestamp, caller.serialNo);
    expect(parseApiv3Authorization(header)).toEqual(auth);
  });

  it('wechatpay-node-v3: getSignature over the same request gives our signature', () => {
    const pay = nodeV3Client();
    expect(pay.getSignature('POST', auth.nonceStr, auth.timestamp, path, built.body)).toBe(auth.signature);
  });
});
