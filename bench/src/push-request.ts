import { buildXml, decodeAesKey, encryptMessage, messageSignature, pushSignature, type XmlInputObject } from '@x/wx-audit-middleware/wire';
import { BENCH_CREDENTIALS, MOUNT } from './credentials.js';

export type PushMode = 'plain' | 'safe';
export type PushFormat = 'xml' | 'json';

/** One HTTP request, ready for autocannon or fetch. */
export interface BenchRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface PushOptions {
  mode: PushMode;
  format: PushFormat;
  /** Unix seconds, as a string (what WeChat signs). */
  timestamp: string;
  nonce: string;
}

const aesKey = decodeAesKey(BENCH_CREDENTIALS.encodingAESKey);
const serialize = (message: XmlInputObject, format: PushFormat): string => (format === 'xml' ? buildXml(message) : JSON.stringify(message));

/**
 * Builds a push the way WeChat sends it (PROTOCOL.md), with the middleware's own public wire functions:
 * plaintext signs [token, timestamp, nonce]; safe mode also signs `Encrypt` (msg_signature).
 */
export function buildBenchPush(message: XmlInputObject, options: PushOptions): BenchRequest {
  const { token, appId } = BENCH_CREDENTIALS;
  const { timestamp, nonce, format } = options;
  const headers = { 'content-type': format === 'xml' ? 'text/xml' : 'application/json' };
  const query = new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, openid: 'oBenchUser' });
  const inner = serialize(message, format);
  if (options.mode === 'plain') return { path: `${MOUNT}?${query}`, headers, body: inner };

  const encrypt = encryptMessage(aesKey, { message: inner, receiveId: appId });
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', messageSignature(token, timestamp, nonce, encrypt));
  return { path: `${MOUNT}?${query}`, headers, body: serialize({ ToUserName: message.ToUserName, Encrypt: encrypt }, format) };
}
