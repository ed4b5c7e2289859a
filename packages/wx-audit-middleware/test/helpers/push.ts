import request from 'supertest';
import { createWxAudit, type WxAudit, type WxAuditOptions } from '../../src/index.js';
import { buildXml, decodeAesKey, encryptMessage, messageSignature, pushSignature, type XmlInputObject } from '../../src/wire/index.js';
import seed from '../../../../fixtures/seed/scene-audit.json' with { type: 'json' };

// Test credentials: made up, never used anywhere real. The key is 43 base64 characters like the console's.
export const TOKEN = 'pushTokenForTests';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OLD_AES_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
export const APP_ID = 'wx5823bf96d3bd56c7';
/** A fixed clock (unix seconds) so that no test depends on the real time. */
export const NOW_S = 1_714_037_059;
export const MOUNT = '/wechat/audit';

export type Mode = 'plain' | 'compatible' | 'safe';
export type Format = 'xml' | 'json';
type App = Parameters<typeof request>[0];
export const modes: Mode[] = ['plain', 'compatible', 'safe'];
export const formats: Format[] = ['xml', 'json'];

/**
 * An audit configured with the test credentials and the fixed clock; `overrides` replace any option. It takes
 * every mode with one configuration (`requireEncryption: false`), as the mode tests need; the default (true
 * with a key) has its own tests (security-replay.test.ts).
 */
export function makeAudit(overrides: Partial<WxAuditOptions> = {}): WxAudit {
  return createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, requireEncryption: false, now: () => NOW_S * 1000, logger: false, ...overrides });
}

/** The seed's CreateTime moved to a minute before the tests' clock, so that it passes maxMessageAgeSeconds. */
export const SEED_CREATE_TIME = NOW_S - 60;

/** The seed's scene audit (open_product_scene_group_audit) in WeChat's wire shape, two list items, sent a minute ago. */
export function sceneAuditWire(overrides: XmlInputObject = {}): XmlInputObject {
  return {
    ...seed.wire,
    CreateTime: SEED_CREATE_TIME,
    ...overrides,
  };
}

/** A plain text message (has a MsgId, so it is de-duplicated by it). */
export function textWire(msgId: string, content = 'hello'): XmlInputObject {
  return { ToUserName: 'gh_885ece6ed5eb', FromUserName: 'oUser', CreateTime: 1714037000, MsgType: 'text', Content: content, MsgId: msgId };
}

export interface PushSpec {
  message: XmlInputObject;
  mode?: Mode;
  format?: Format;
  token?: string;
  encodingAESKey?: string;
  receiveId?: string;
  timestamp?: string;
  nonce?: string;
  /** Serialize the (inner) message yourself, e.g. JSON with a bare 64-bit integer. */
  serialized?: string;
}

export interface BuiltPush {
  search: string;
  contentType: string;
  body: string;
  /** The Encrypt value, for encrypted modes. */
  encrypt?: string;
}

export const serialize = (message: XmlInputObject, format: Format): string => (format === 'xml' ? buildXml(message) : JSON.stringify(message));

/** Builds a push the way WeChat sends it, with the middleware's own wire functions (PROTOCOL.md). */
export function buildPush(spec: PushSpec): BuiltPush {
  const mode = spec.mode ?? 'safe';
  const format = spec.format ?? 'xml';
  const token = spec.token ?? TOKEN;
  const timestamp = spec.timestamp ?? String(NOW_S);
  const nonce = spec.nonce ?? '1320562132';
  const contentType = format === 'xml' ? 'text/xml' : 'application/json';
  const inner = spec.serialized ?? serialize(spec.message, format);
  const query = new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, openid: 'oUser' });
  if (mode === 'plain') return { search: `?${query}`, contentType, body: inner };

  const encrypt = encryptMessage(decodeAesKey(spec.encodingAESKey ?? AES_KEY), { message: inner, receiveId: spec.receiveId ?? APP_ID });
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', messageSignature(token, timestamp, nonce, encrypt));
  // Safe mode: only the addressee and Encrypt; compatible mode: every plaintext field beside Encrypt.
  const addressee = spec.message.AppId !== undefined ? { AppId: spec.message.AppId } : { ToUserName: spec.message.ToUserName };
  const outer: XmlInputObject = mode === 'safe' ? { ...addressee, Encrypt: encrypt } : { ...spec.message, Encrypt: encrypt };
  return { search: `?${query}`, contentType, body: serialize(outer, format), encrypt };
}

/** POSTs a built push to `path` (the mount point by default). */
export function send(app: App, push: BuiltPush, path = MOUNT) {
  return request(app).post(path + push.search).set('content-type', push.contentType).send(push.body);
}

/** The query of a GET URL verification. */
export function verifySearch(echostr: string, timestamp = String(NOW_S), token = TOKEN, nonce = '9999'): string {
  return `?${new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce, echostr })}`;
}

/** A promise with its resolve function, to hold a listener until the test lets it go. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves after the current macrotask queue drained: lets already-answered requests reach their listeners. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
