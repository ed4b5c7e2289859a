import { createCipheriv, randomBytes } from 'node:crypto';
import { apiv3Message, buildXml, decodeAesKey, encryptMessage, formatApiv3Authorization, messageSignature, pushSignature, signApiv3 } from '../src/wire/index.js';
import { AES_KEY, APP_ID, MOUNT, NOW_S, TOKEN, type Format } from '../test/helpers/push.js';
import { MCHID, PAY_KEYS, PAY_SERIAL, type FuzzRequest } from './fuzz-target.js';

/**
 * Requests built with the middleware's own wire functions, so that exactly one part of each is hostile
 * and everything else would pass: a refusal then tests the check it was aimed at.
 */

export const TIMESTAMP = String(NOW_S);
export const NONCE = '1320562132';
const CONTENT_TYPE: Record<Format, string> = { xml: 'text/xml', json: 'application/json' };

const bytes = (body: Buffer | string) => (Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));

/** The query of a plaintext push, correctly signed with the token. */
export function plainQuery(token = TOKEN, timestamp = TIMESTAMP, nonce = NONCE): URLSearchParams {
  return new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, openid: 'oFuzzUser' });
}

export function post(label: string, search: string, body: Buffer | string, expect: FuzzRequest['expect'], headers: Record<string, string> = {}): FuzzRequest {
  return { label, method: 'POST', url: `${MOUNT}${search}`, headers: { 'content-type': 'text/xml', ...headers }, body: bytes(body), expect };
}

/** A plaintext push whose signature is right: the body is parsed after authentication. */
export function signedPlain(label: string, body: Buffer | string, expect: FuzzRequest['expect'] = 'refused', format: Format = 'xml'): FuzzRequest {
  return post(`signed plaintext: ${label}`, `?${plainQuery()}`, body, expect, { 'content-type': CONTENT_TYPE[format] });
}

/** Safe mode with a wrong msg_signature: anyone can send it, and the body is parsed before the check. */
export function unsignedSafe(label: string, body: Buffer | string, expect: FuzzRequest['expect'] = 'refused'): FuzzRequest {
  const query = plainQuery();
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  return post(`unsigned safe mode: ${label}`, `?${query}`, body, expect);
}

/** A safe-mode body carrying `encrypt`, with a msg_signature that is right for it. */
export function withEncrypt(label: string, encrypt: string, format: Format = 'xml', expect: FuzzRequest['expect'] = 'refused'): FuzzRequest {
  const query = plainQuery();
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', messageSignature(TOKEN, TIMESTAMP, NONCE, encrypt));
  const outer = { ToUserName: 'gh_fuzz', Encrypt: encrypt };
  return post(label, `?${query}`, format === 'xml' ? buildXml(outer) : JSON.stringify(outer), expect, { 'content-type': CONTENT_TYPE[format] });
}

/** A genuine safe-mode push (token and key) whose decrypted message is `inner`: parsed after authentication. */
export function insideEncrypt(label: string, inner: Buffer | string, expect: FuzzRequest['expect'] = 'refused', format: Format = 'xml'): FuzzRequest {
  const encrypt = encryptMessage(decodeAesKey(AES_KEY), { message: bytes(inner), receiveId: APP_ID });
  return withEncrypt(`inside Encrypt: ${label}`, encrypt, format, expect);
}

/** AES-256-CBC of `plain` exactly as given (no padding added): to craft bad padding and length fields. */
export function encryptRaw(plain: Buffer, encodingAESKey = AES_KEY): string {
  const { key, iv } = decodeAesKey(encodingAESKey);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** WeChat's plaintext layout `random(16) + length + message + receiveId`, padded to 32 with `padByte` (true PKCS#7 when undefined). */
export function plaintextLayout(message: Buffer, options: { receiveId?: string; length?: number; padByte?: number; padLength?: number } = {}): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE((options.length ?? message.length) >>> 0, 0);
  const content = Buffer.concat([randomBytes(16), length, message, Buffer.from(options.receiveId ?? APP_ID, 'utf8')]);
  const padLength = options.padLength ?? 32 - (content.length % 32);
  return Buffer.concat([content, Buffer.alloc(padLength, options.padByte ?? padLength)]);
}

// RSA signing costs about a millisecond: the fuzzer asks for the same few messages over and over.
const signatures = new Map<string, string>();
function signOnce(path: string, timestamp: string, nonce: string, body: string): string {
  const key = JSON.stringify([path, timestamp, nonce, body]);
  let signature = signatures.get(key);
  if (signature === undefined) {
    if (signatures.size > 1000) signatures.clear();
    signature = signApiv3(PAY_KEYS.privateKey, apiv3Message({ method: 'POST', url: path, timestamp, nonce, body }));
    signatures.set(key, signature);
  }
  return signature;
}

export interface NotificationParts {
  body?: string;
  path?: string;
  timestamp?: string;
  nonce?: string;
  serialNo?: string;
  signature?: string;
  /** Replaces the whole header. */
  authorization?: string | string[];
}

/** An info-update notification signed with PAY_KEYS over exactly what is sent, unless `parts` says otherwise. */
export function notification(label: string, parts: NotificationParts, expect: FuzzRequest['expect'] = 'refused'): FuzzRequest {
  const path = parts.path ?? MOUNT;
  const body = parts.body ?? JSON.stringify({ out_request_no: 'fuzz-req-1', mchid: MCHID, audit_result: 'PASS', audit_finish_time: '2024-04-25T17:24:19+08:00' });
  const timestamp = parts.timestamp ?? TIMESTAMP;
  const nonce = parts.nonce ?? 'A1B2C3D4E5F6';
  const signature = parts.signature ?? signOnce(path, timestamp, nonce, body);
  const authorization = parts.authorization ?? formatApiv3Authorization({ mchid: MCHID, nonceStr: nonce, signature, timestamp, serialNo: parts.serialNo ?? PAY_SERIAL });
  const header = Array.isArray(authorization) ? authorization.join(', ') : authorization;
  return { label: `info-update: ${label}`, method: 'POST', url: path, headers: { 'content-type': 'application/json', authorization: header }, body: bytes(body), expect };
}

/** The fields of a valid Authorization header, to take apart. */
export function authorizationFields(body: string, nonce = 'A1B2C3D4E5F6'): Array<[string, string]> {
  const signature = signOnce(MOUNT, TIMESTAMP, nonce, body);
  return [
    ['mchid', MCHID],
    ['nonce_str', nonce],
    ['signature', signature],
    ['timestamp', TIMESTAMP],
    ['serial_no', PAY_SERIAL],
  ];
}
