import { createPrivateKey, sign, verify, type KeyLike, type KeyObject } from 'node:crypto';
import { WxAuditError } from '../errors.js';
import { describeRequestText } from '../describe-request-text.js';

/**
 * WeChat Pay APIv3 request signatures, as pure functions shared by the middleware (verifying) and the
 * fixtures (signing), so that both sides of a test run the same code that independent vectors check.
 *
 *   Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
 *   signature = base64(RSA-SHA256(privateKey, METHOD\nPATH_WITH_QUERY\ntimestamp\nnonce\nbody\n))
 */
export const APIV3_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** A signature WeChat Pay sends on purpose to probe that the receiver really verifies: it must fail. */
export const APIV3_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

export interface Apiv3Authorization {
  mchid: string;
  nonceStr: string;
  /** Base64 of the RSA-SHA256 signature. */
  signature: string;
  /** Unix seconds, as the decimal string that was signed. */
  timestamp: string;
  /** Names the certificate or public key that verifies the signature. */
  serialNo: string;
}

const FIELDS = { mchid: 'mchid', nonce_str: 'nonceStr', signature: 'signature', timestamp: 'timestamp', serial_no: 'serialNo' } as const;
type WireField = keyof typeof FIELDS;
const isWireField = (name: string): name is WireField => Object.hasOwn(FIELDS, name);

// key="value": values are printable ASCII without a quote or a backslash in WeChat's scheme, so
// there is no escaping to interpret (and nothing for a crafted header to smuggle).
const PAIR = /^\s*([a-z_]+)="([ !#-[\]-~]*)"\s*$/;

const invalid = (why: string) => new WxAuditError('AUTHORIZATION_INVALID', `The Authorization header is not a valid ${APIV3_SCHEME} credential: ${why}.`);

/** True when a header names a WeChat Pay APIv3 scheme (any `WECHATPAY2-…`): such requests are routed here. */
export function isApiv3Authorization(header: string | undefined): boolean {
  return header !== undefined && /^WECHATPAY2-/i.test(header.trimStart());
}

/**
 * Parses the header strictly: the scheme, then exactly the five fields, each once. A field given twice
 * is refused rather than guessed at (which copy would the signature be checked against?), and so is
 * an unknown one.
 */
export function parseApiv3Authorization(header: string | undefined): Apiv3Authorization {
  if (header === undefined || header.trim() === '') throw invalid('the header is missing');
  const text = header.trim();
  const space = text.indexOf(' ');
  const scheme = space === -1 ? text : text.slice(0, space);
  if (scheme.toUpperCase() !== APIV3_SCHEME) throw invalid(`the scheme must be ${APIV3_SCHEME}`);
  const params = space === -1 ? '' : text.slice(space + 1);
  const found: Partial<Record<WireField, string>> = {};
  for (const part of params.split(',')) {
    const match = PAIR.exec(part);
    if (!match) throw invalid('expected comma-separated key="value" pairs');
    const name = match[1]!;
    if (!isWireField(name)) throw invalid(`unknown field ${describeRequestText(name)}`);
    if (found[name] !== undefined) throw invalid(`the field "${name}" appears more than once`);
    found[name] = match[2]!;
  }
  for (const name of Object.keys(FIELDS) as WireField[]) {
    if (!found[name]) throw invalid(`the field "${name}" is missing or empty`);
  }
  return {
    mchid: found.mchid!,
    nonceStr: found.nonce_str!,
    signature: found.signature!,
    timestamp: found.timestamp!,
    serialNo: found.serial_no!,
  };
}

/** The header value for `auth`, fields in WeChat Pay's own order. */
export function formatApiv3Authorization(auth: Apiv3Authorization): string {
  for (const [wire, key] of Object.entries(FIELDS)) {
    if (!/^[ !#-+\--[\]-~]+$/.test(auth[key])) throw new TypeError(`${wire} must be non-empty printable ASCII without a quote, comma or backslash`);
  }
  return `${APIV3_SCHEME} mchid="${auth.mchid}",nonce_str="${auth.nonceStr}",signature="${auth.signature}",timestamp="${auth.timestamp}",serial_no="${auth.serialNo}"`;
}

export interface Apiv3MessageInput {
  /** HTTP method, upper-cased before signing. */
  method: string;
  /** Path and query exactly as sent (mount point included): `/notify?x=1`. */
  url: string;
  timestamp: string | number;
  nonce: string;
  /** The exact body bytes; a string is taken as UTF-8. Empty for a request without a body. */
  body: Buffer | string;
}

/** `METHOD\nPATH_WITH_QUERY\ntimestamp\nnonce\nbody\n` as bytes: the body is appended as received, never re-encoded. */
export function apiv3Message({ method, url, timestamp, nonce, body }: Apiv3MessageInput): Buffer {
  const head = Buffer.from(`${method.toUpperCase()}\n${url}\n${String(timestamp)}\n${nonce}\n`, 'utf8');
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([head, bytes, Buffer.from('\n')]);
}

/** base64(RSA-SHA256(privateKey, message)), PKCS#1 v1.5 as WeChat Pay uses. */
export function signApiv3(privateKey: KeyLike, message: Buffer): string {
  const key = typeof privateKey === 'string' || Buffer.isBuffer(privateKey) ? createPrivateKey(privateKey) : privateKey;
  return sign('sha256', message, key).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Verifies a base64 signature over `message`. False (never a throw) for a malformed signature, a
 * probe signature, or a key that cannot verify: every such request is simply not authentic.
 */
export function verifyApiv3(publicKey: KeyObject, message: Buffer, signature: string): boolean {
  if (signature.startsWith(APIV3_PROBE_PREFIX) || !BASE64.test(signature) || signature.length % 4 !== 0) return false;
  try {
    return verify('sha256', message, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
