import { randomInt } from 'node:crypto';
import { buildXml, decodeAesKey, encryptMessage, messageSignature, parseJson, parseXml, pushSignature } from '@x/wx-audit-middleware/wire';
import { catalogueDefinition, catalogueToWire, parseCatalogueFixture, type WireMessage } from './catalogue-to-wire.js';
import type { AnyCatalogueFixture } from './fixture-types.js';

export type PushMode = 'plain' | 'compatible' | 'safe';
export type PushFormat = 'xml' | 'json';
export const PUSH_MODES: readonly PushMode[] = ['plain', 'compatible', 'safe'];
export const PUSH_FORMATS: readonly PushFormat[] = ['xml', 'json'];

export interface PushRequestOptions {
  /** Message-push Token. */
  token: string;
  /** 43-character EncodingAESKey; needed for compatible and safe mode. */
  encodingAESKey?: string;
  /** receiveId put after the message before encryption: the appid (or component appid). Needed with a key. */
  appId?: string;
  /** Default `'safe'` when `encodingAESKey` is given, else `'plain'` (WeChat Shop events: always `'safe'`). */
  mode?: PushMode;
  /**
   * Default: the event's channel format with `buildPushRequest` (JSON for WeChat Shop events, XML for
   * every other), `'xml'` with `buildRawPushRequest`.
   */
  format?: PushFormat;
  /** Unix seconds (number or digits); default now. */
  timestamp?: number | string;
  /** Default a random 9–10 digit string, like WeChat's. */
  nonce?: string;
  /** The 16 random bytes in front of the encrypted message; inject them to reproduce a ciphertext byte for byte. */
  random?: Uint8Array;
  /** The `openid` query parameter; default the message's FromUserName (as WeChat sends it). `null` leaves it out. */
  openid?: string | null;
}

/** An HTTP request ready to send: `POST <url><search>` with `headers` and `body`. */
export interface BuiltRequest {
  method: 'POST' | 'GET';
  /** The query, `?` included. */
  search: string;
  headers: Record<string, string>;
  body: string;
}

export interface BuiltPushRequest extends BuiltRequest {
  method: 'POST';
  mode: PushMode;
  format: PushFormat;
  /** The message as WeChat serialized it (what is encrypted in compatible and safe mode). */
  plaintext: string;
  /** The `Encrypt` value (compatible and safe mode). */
  encrypt?: string;
}

const CONTENT_TYPE: Record<PushFormat, string> = { xml: 'text/xml', json: 'application/json' };

/** A message in WeChat's wire shape, serialized as WeChat does it (XML: buildXml; JSON: fields in order). */
export function serializeMessage(message: WireMessage, format: PushFormat): string {
  return format === 'xml' ? buildXml(message) : JSON.stringify(message);
}

function fail(message: string): never {
  throw new TypeError(`buildPushRequest: ${message}`);
}

/** Checks the options and fills the defaults of API.md's Precisions. */
export function resolvePushOptions(options: PushRequestOptions): Required<Pick<PushRequestOptions, 'mode' | 'format' | 'nonce'>> & { timestamp: string } {
  if (options === null || typeof options !== 'object') fail('options ({ token, encodingAESKey?, appId?, mode?, format? }) are required.');
  if (typeof options.token !== 'string' || options.token === '') fail('token must be a non-empty string (the message-push Token).');
  const mode = options.mode ?? (options.encodingAESKey ? 'safe' : 'plain');
  const format = options.format ?? 'xml';
  if (!PUSH_MODES.includes(mode)) fail(`mode must be one of ${PUSH_MODES.join(', ')}; got ${JSON.stringify(mode)}.`);
  if (!PUSH_FORMATS.includes(format)) fail(`format must be one of ${PUSH_FORMATS.join(', ')}; got ${JSON.stringify(format)}.`);
  if (mode !== 'plain') {
    if (!options.encodingAESKey) fail(`mode "${mode}" needs encodingAESKey.`);
    if (!options.appId) fail(`mode "${mode}" needs appId (the receiveId appended to the encrypted message).`);
  }
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  if (!/^\d{1,12}$/.test(timestamp)) fail(`timestamp must be unix seconds; got ${JSON.stringify(options.timestamp)}.`);
  const nonce = options.nonce ?? String(randomInt(100_000_000, 2_147_483_647));
  if (typeof nonce !== 'string' || nonce === '') fail('nonce must be a non-empty string.');
  if (options.random !== undefined && options.random.length !== 16) fail('random must be exactly 16 bytes.');
  return { mode, format, nonce, timestamp };
}

/**
 * Builds a push from a message already in WeChat's wire shape, or from the exact plaintext string to
 * encrypt (to reproduce a published vector byte for byte). The query is in WeChat's order:
 * `signature, timestamp, nonce, openid[, encrypt_type, msg_signature]`.
 */
export function buildRawPushRequest(message: WireMessage | string, options: PushRequestOptions): BuiltPushRequest {
  const { mode, format, nonce, timestamp } = resolvePushOptions(options);
  const plaintext = typeof message === 'string' ? message : serializeMessage(message, format);
  // Compatible mode repeats the plaintext fields beside Encrypt, and every mode names the addressee:
  // a string plaintext is decoded (with the middleware's own parsers) to get them.
  const fields: WireMessage =
    typeof message === 'string' ? ((plaintext.trimStart().startsWith('<') ? parseXml(plaintext) : parseJson(plaintext)) as WireMessage) : message;
  const openid = options.openid === undefined ? (typeof fields.FromUserName === 'string' ? fields.FromUserName : null) : options.openid;

  const query = new URLSearchParams({ signature: pushSignature(options.token, timestamp, nonce), timestamp, nonce });
  if (openid !== null) query.set('openid', openid);
  const headers = { 'content-type': CONTENT_TYPE[format] };
  if (mode === 'plain') return { method: 'POST', search: `?${query}`, headers, body: plaintext, mode, format, plaintext };

  const aesKey = decodeAesKey(options.encodingAESKey ?? '');
  const random = options.random === undefined ? undefined : Buffer.from(options.random);
  const encrypt = encryptMessage(aesKey, { message: plaintext, receiveId: options.appId ?? '', random });
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', messageSignature(options.token, timestamp, nonce, encrypt));
  // Third-party platform system events carry AppId instead of ToUserName.
  const addressee: WireMessage = fields.AppId !== undefined && fields.ToUserName === undefined ? { AppId: fields.AppId } : { ToUserName: fields.ToUserName };
  const body =
    mode === 'safe'
      ? serializeMessage({ ...addressee, Encrypt: encrypt }, format)
      : typeof message === 'string'
        ? appendEncrypt(plaintext, encrypt, format)
        : serializeMessage({ ...fields, Encrypt: encrypt }, format);
  return { method: 'POST', search: `?${query}`, headers, body, mode, format, plaintext, encrypt };
}

/**
 * Compatible mode from a plaintext string: WeChat sends the plaintext's own bytes with Encrypt added
 * last. Re-serializing the decoded fields would not do: the decoder keeps every XML value as a
 * string, so numbers would come back wrapped in CDATA, which WeChat's bytes never are.
 */
function appendEncrypt(plaintext: string, encrypt: string, format: PushFormat): string {
  if (format === 'xml') return plaintext.replace(/\s*<\/xml>\s*$/, `\n${buildXml({ Encrypt: encrypt }).slice('<xml>'.length, -'\n</xml>'.length)}\n</xml>`);
  const close = plaintext.lastIndexOf('}');
  const empty = /^\{\s*$/.test(plaintext.slice(0, close));
  return `${plaintext.slice(0, close).trimEnd()}${empty ? '' : ','}"Encrypt":${JSON.stringify(encrypt)}}`;
}

/**
 * WeChat Shop pushes are JSON and safe mode only ("仅支持纯密文模式 … 仅支持JSON格式"): a request in
 * any other shape is one the shop's server never receives, so it is refused rather than built.
 */
function channelOptions(name: string, channels: readonly string[], formats: readonly PushFormat[], options: PushRequestOptions): PushRequestOptions {
  const format = options.format ?? formats[0];
  if (!channels.includes('wechat-shop')) return { ...options, format };
  const mode = options.mode ?? 'safe';
  if (format !== 'json' || mode !== 'safe') {
    const got = format !== 'json' ? `format ${JSON.stringify(format)}` : `mode ${JSON.stringify(mode)}`;
    fail(`${name} is a WeChat Shop push, which WeChat sends as JSON in safe mode only (仅支持纯密文模式, 仅支持JSON格式); got ${got}.`);
  }
  return { ...options, format, mode };
}

/**
 * The request WeChat would send for a catalogue fixture (`fx.sceneAudit()`, `fx.weappAuditFail()`, …):
 * typed fields back to WeChat's names from the event's definition (envelope, wrapper, layout), serialized
 * in the event's channel format unless `format` says otherwise, encrypted and signed with the
 * middleware's own wire functions. An `InfoType` push (third-party authorization events) carries `AppId`
 * where others carry `ToUserName`, in safe mode's outer body too.
 */
export function buildPushRequest(msg: AnyCatalogueFixture, options: PushRequestOptions): BuiltPushRequest {
  if (msg === null || typeof msg !== 'object') fail('msg must be a fixture (fx.sceneAudit(), fx.weappAuditFail(), …).');
  parseCatalogueFixture(msg);
  const definition = catalogueDefinition(msg.type)!;
  if (options === null || typeof options !== 'object') fail('options ({ token, encodingAESKey?, appId?, mode?, format? }) are required.');
  return buildRawPushRequest(catalogueToWire(msg), channelOptions(definition.name, definition.channels, definition.formats, options));
}
