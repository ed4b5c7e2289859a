import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { signApiv3, verifyApiv3 } from './apiv3-signature.js';

/**
 * The signed answer of a WeChat Pay APIv3 call. Whoever answers an APIv3 request signs the answer with
 * its own private key, and every official client SDK verifies it before resolving:
 *
 *   Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Serial (the answerer's key serial),
 *   Wechatpay-Signature = base64(RSA-SHA256(privateKey, timestamp\nnonce\nbody\n))
 */
export const APIV3_RESPONSE_HEADERS = {
  timestamp: 'wechatpay-timestamp',
  nonce: 'wechatpay-nonce',
  serial: 'wechatpay-serial',
  signature: 'wechatpay-signature',
} as const;

/** `timestamp\nnonce\nbody\n` as bytes: what an answer's signature covers (an empty body for 204). */
export function apiv3ResponseMessage(timestamp: string | number, nonce: string, body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`${String(timestamp)}\n${nonce}\n`, 'utf8'), bytes, Buffer.from('\n')]);
}

export interface Apiv3ResponseSigner {
  /** Serial of the answerer's certificate, sent as `Wechatpay-Serial`. */
  serialNo: string;
  /** RSA private key (PEM string or Buffer, or KeyObject). */
  privateKey: string | Buffer | KeyObject;
}

/** The four `Wechatpay-*` headers (lower-case names) signing `body`, at unix second `timestamp`. */
export function signApiv3Response(signer: Apiv3ResponseSigner, body: Buffer | string, timestamp: number, nonce = randomBytes(16).toString('hex').toUpperCase()): Record<string, string> {
  const signature = signApiv3(signer.privateKey, apiv3ResponseMessage(timestamp, nonce, body));
  return {
    [APIV3_RESPONSE_HEADERS.timestamp]: String(timestamp),
    [APIV3_RESPONSE_HEADERS.nonce]: nonce,
    [APIV3_RESPONSE_HEADERS.serial]: signer.serialNo,
    [APIV3_RESPONSE_HEADERS.signature]: signature,
  };
}

export interface Apiv3ResponseCheck {
  /** Answerer's public key or certificate. */
  publicKey: string | Buffer | KeyObject;
  /** When given, `Wechatpay-Serial` must equal it (SDKs look the key up by this serial). */
  serialNo?: string;
  /** Clock, ms. Default Date.now. */
  nowMs?: number;
  /** Largest accepted distance between `Wechatpay-Timestamp` and the clock, seconds. Default 300, as the SDKs. */
  toleranceSeconds?: number;
}

export type Apiv3ResponseVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Checks an answer the way APIv3 client SDKs do: the four headers present, the timestamp within the
 * window, the serial the expected one, the signature valid over the exact body bytes.
 */
export function checkApiv3Response(headers: Readonly<Record<string, string | undefined>>, body: Buffer | string, check: Apiv3ResponseCheck): Apiv3ResponseVerdict {
  const get = (name: string) => headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const [timestamp, nonce, serial, signature] = Object.values(APIV3_RESPONSE_HEADERS).map(get);
  if (!timestamp || !nonce || !serial || !signature) {
    return { valid: false, reason: 'the answer is not signed (a Wechatpay-Timestamp, -Nonce, -Serial or -Signature header is missing)' };
  }
  const now = Math.floor((check.nowMs ?? Date.now()) / 1000);
  const tolerance = check.toleranceSeconds ?? 300;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > tolerance) {
    return { valid: false, reason: `Wechatpay-Timestamp ${timestamp.slice(0, 20)} is more than ${tolerance} s from the clock` };
  }
  if (check.serialNo !== undefined && serial.toUpperCase() !== check.serialNo.toUpperCase()) {
    return { valid: false, reason: `Wechatpay-Serial is ${serial.slice(0, 64)}, not the expected ${check.serialNo}` };
  }
  const key = typeof check.publicKey === 'string' || Buffer.isBuffer(check.publicKey) ? createPublicKey(check.publicKey) : check.publicKey;
  if (!verifyApiv3(key, apiv3ResponseMessage(timestamp, nonce, body), signature)) {
    return { valid: false, reason: 'Wechatpay-Signature does not verify with the given public key over the body received' };
  }
  return { valid: true };
}
