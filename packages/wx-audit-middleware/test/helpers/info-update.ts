import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request, { type Response } from 'supertest';
import { expect } from 'vitest';
import { createWxAudit, type InfoUpdateAuditEvent, type RejectedEvent, type WxAudit, type WxAuditOptions } from '../../src/index.js';
import { apiv3Message, formatApiv3Authorization, signApiv3 } from '../../src/wire/index.js';
import { NOW_S } from './push.js';

type App = Parameters<typeof request>[0];

/** Two RSA pairs standing in for WeChat Pay's current and previous key (rotation), made once per file. */
function rsa() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}
export const KEY_A = { ...rsa(), serialNo: '4C1B2A7F0E6D5C4B3A29180706F5E4D3C2B1A090' };
export const KEY_B = { ...rsa(), serialNo: '7A2F0C51E9B3D48C6E05A1F2B7D90C3E4F6A8B12' };

/** The checked-in self-signed test certificate (fixtures/apiv3/README.md) and its private key. */
const certDir = new URL('../../../../fixtures/apiv3/', import.meta.url);
export const CERT = {
  certificate: readFileSync(new URL('test-platform-cert.pem', certDir), 'utf8'),
  privateKey: readFileSync(new URL('test-platform-key.pem', certDir), 'utf8'),
  serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
};

export const MCHID = '1900016681';
export const NOTIFY_PATH = '/wechat/audit';

/** The seed's own example body (seed 002), in wire order. */
export function infoUpdateWire(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    out_request_no: 'htozr8denqegbt6tk6u10iymo7yww5pn',
    mchid: MCHID,
    audit_result: 'PASS',
    audit_finish_time: '2015-05-20T13:29:35+08:00',
    attach_info: 'updateidcard',
    fail_code: '1001',
    fail_msg: 'IDCARD_ILLEGAL',
    ...overrides,
  };
}

export interface NotificationSpec {
  /** The exact body; default the seed's example as JSON. */
  body?: string;
  /** Path and query that are signed and, unless `sendTo` says otherwise, requested. */
  path?: string;
  sendTo?: string;
  key?: { privateKey: string; serialNo: string };
  timestamp?: string | number;
  nonce?: string;
  /** Replace the Authorization header outright. */
  authorization?: string;
}

/** POSTs a notification signed with the middleware's own wire functions. */
export function sendNotification(app: App, spec: NotificationSpec = {}) {
  const path = spec.path ?? NOTIFY_PATH;
  const body = spec.body ?? JSON.stringify(infoUpdateWire());
  const key = spec.key ?? KEY_A;
  const timestamp = String(spec.timestamp ?? NOW_S);
  const nonce = spec.nonce ?? '593BEC0C930BF1AFEB40B4A08C8FB242';
  const signature = signApiv3(key.privateKey, apiv3Message({ method: 'POST', url: path, timestamp, nonce, body }));
  const authorization = spec.authorization ?? formatApiv3Authorization({ mchid: MCHID, nonceStr: nonce, signature, timestamp, serialNo: key.serialNo });
  return request(app).post(spec.sendTo ?? path).set('content-type', 'application/json').set('authorization', authorization).send(body);
}

/** An audit that verifies notifications with KEY_A (and no push credentials unless given), on the fixed clock. */
export function makePayAudit(overrides: Partial<WxAuditOptions> = {}): WxAudit {
  return createWxAudit({ token: 'pushTokenForTests', payKeys: { [KEY_A.serialNo]: KEY_A.publicKey }, now: () => NOW_S * 1000, logger: false, ...overrides });
}

/** Every `infoUpdateAudit` and `rejected` an audit emits. */
export function watchPay(audit: WxAudit) {
  const events: InfoUpdateAuditEvent[] = [];
  const rejected: RejectedEvent[] = [];
  audit.on('infoUpdateAudit', (e) => void events.push(e));
  audit.on('rejected', (e) => void rejected.push(e));
  return { events, rejected };
}

/** A refusal: status and code in the answer and in exactly one `rejected`, nothing dispatched, no key material. */
export function expectPayRefused(seen: ReturnType<typeof watchPay>, res: Response, status: number, code: string): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status, body: { code } });
  expect(seen.rejected).toMatchObject([{ type: 'rejected', code, status }]);
  expect(seen.events).toEqual([]);
  for (const text of [res.text, seen.rejected[0]!.message]) {
    expect(text).not.toMatch(/BEGIN|PRIVATE|MII/);
  }
}
