import fc from 'fast-check';
import { buildXml, decodeAesKey, encryptMessage } from '../src/wire/index.js';
import { AES_KEY, APP_ID, MOUNT, sceneAuditWire, serialize, type Format } from '../test/helpers/push.js';
import type { FuzzRequest } from './fuzz-target.js';
import { foreignEncoding, hostileJson, hostileXml, invalidUtf8 } from './hostile-documents.js';
import { authorizationFields, encryptRaw, insideEncrypt, notification, plainQuery, plaintextLayout, signedPlain, unsignedSafe, withEncrypt } from './push-builders.js';

/** The ways a document reaches the decoder: before authentication, after it, and after decryption. */
const deliveries = ['signed plaintext', 'unsigned safe mode', 'inside Encrypt', 'compatible outer'] as const;
type Delivery = (typeof deliveries)[number];

function deliver(delivery: Delivery, doc: Buffer | string, fatal: boolean, format: Format): FuzzRequest {
  const expect = fatal ? 'refused' : 'any';
  const label = `${format} document`;
  if (delivery === 'signed plaintext') return signedPlain(label, doc, expect, format);
  if (delivery === 'unsigned safe mode') return unsignedSafe(label, doc, 'refused');
  if (delivery === 'inside Encrypt') return insideEncrypt(label, doc, expect, format);
  // Compatible mode: a hostile outer document around a genuine Encrypt. The outer is parsed first.
  const encrypt = encryptMessage(decodeAesKey(AES_KEY), { message: serialize(sceneAuditWire(), 'xml'), receiveId: APP_ID });
  const text = Buffer.isBuffer(doc) ? doc.toString('latin1') : doc;
  const outer = text.replace(/<xml>/, `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt>`);
  return { ...withEncrypt(`compatible outer: ${label}`, encrypt, 'xml', expect), body: Buffer.from(outer, Buffer.isBuffer(doc) ? 'latin1' : 'utf8') };
}

const documentRequest = fc.oneof(
  fc.tuple(hostileXml, fc.constantFrom(...deliveries)).map(([{ doc, fatal }, d]) => deliver(d, doc, fatal, 'xml')),
  fc.tuple(hostileJson, fc.constantFrom(...deliveries.slice(0, 3))).map(([{ doc, fatal }, d]) => deliver(d, doc, fatal, 'json')),
);

/** A valid message's bytes with an invalid UTF-8 sequence inserted, or re-encoded as UTF-16/32. */
const encodingRequest = fc
  .tuple(fc.constantFrom<Format>('xml', 'json'), fc.oneof(fc.tuple(invalidUtf8, fc.nat()), foreignEncoding), fc.constantFrom(...deliveries.slice(0, 3)))
  .map(([format, damage, delivery]) => {
    const text = serialize(sceneAuditWire(), format);
    let doc: Buffer;
    if (typeof damage === 'function') doc = damage(text);
    else {
      const bytes = Buffer.from(text);
      const at = damage[1] % bytes.length;
      doc = Buffer.concat([bytes.subarray(0, at), damage[0], bytes.subarray(at)]);
    }
    return deliver(delivery, doc, true, format);
  });

const message = Buffer.from(buildXml({ ...sceneAuditWire(), MsgId: '123' }));
/** Breaks one padding byte other than the last (or the last, when the padding is a single byte). */
function corruptPadding(plain: Buffer, k: number): Buffer {
  const out = Buffer.from(plain);
  const pad = out[out.length - 1]!;
  if (pad === 1) out[out.length - 1] = 2;
  else out[out.length - 2 - (k % (pad - 1))] = pad ^ 0x40;
  return out;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Encrypt values that must not decrypt to this app's message, each correctly signed with the token. */
const cryptoRequest = fc.tuple(
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...base64Alphabet, '=', '-', '_', ' ', '\n', '%', '.'), minLength: 1, maxLength: 400 }).map((s) => ['base64 garbage', s] as const),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).filter((b) => b.length % 32 !== 0).map((b) => ['not a whole number of blocks', Buffer.from(b).toString('base64')] as const),
    fc.constantFrom(0, 33, 64, 255).map((pad) => [`padding byte ${pad}`, encryptRaw(plaintextLayout(message, { padByte: pad }))] as const),
    fc.nat().map((k) => ['inconsistent padding', encryptRaw(corruptPadding(plaintextLayout(message), k))] as const),
    fc.oneof(fc.integer({ min: 1, max: 5000 }).map((extra) => message.length + APP_ID.length + extra), fc.constantFrom(0xffffffff, 0x80000000)).map(
      (length) => ['length field past the buffer', encryptRaw(plaintextLayout(message, { length }))] as const,
    ),
    fc.integer({ min: 1, max: 40 }).map((short) => ['length field short', encryptRaw(plaintextLayout(message, { length: message.length - short }))] as const),
    fc.integer({ min: 1, max: 200 }).map((cut) => {
      const whole = Buffer.from(encryptMessage(decodeAesKey(AES_KEY), { message, receiveId: APP_ID }), 'base64');
      return ['truncated ciphertext', whole.subarray(0, Math.max(0, whole.length - cut)).toString('base64') || 'AAAA'] as const;
    }),
    fc.constantFrom('', 'wx', `${APP_ID}\u0000`, APP_ID.toUpperCase(), ` ${APP_ID}`, `${APP_ID}x`).map((id) => ['another receiveId', encryptMessage(decodeAesKey(AES_KEY), { message, receiveId: id })] as const),
    fc.constant(['another key', encryptMessage(decodeAesKey('QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghj'), { message, receiveId: APP_ID })] as const),
    fc.constant(['shorter than the header', encryptRaw(Buffer.alloc(32, 16))] as const),
  ),
  fc.constantFrom<Format>('xml', 'json'),
).map(([[why, encrypt], format]) => withEncrypt(`crypto: ${why}`, encrypt, format));

/** Query strings that must be refused: duplicated, array-valued, missing or reshaped parameters. */
const queryRequest = fc
  .tuple(
    fc.constantFrom('signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type'),
    fc.constantFrom('duplicate', 'duplicate-other', 'array', 'indexed', 'missing', 'empty', 'spaced', 'upper'),
    fc.boolean(),
  )
  .map(([name, how, safe]) => {
    const encrypt = encryptMessage(decodeAesKey(AES_KEY), { message, receiveId: APP_ID });
    const base = safe ? withEncrypt('q', encrypt) : signedPlain('q', message, 'any');
    const query = new URLSearchParams(base.url.slice(base.url.indexOf('?') + 1));
    if (!query.has(name)) query.set(name, name === 'encrypt_type' ? 'AES' : 'x');
    const value = query.get(name)!;
    let search = query.toString();
    const pair = `${name}=${encodeURIComponent(value)}`;
    if (how === 'duplicate') search += `&${pair}`;
    if (how === 'duplicate-other') search += `&${name}=0${encodeURIComponent(value)}`;
    if (how === 'array') search = search.replace(pair, `${name}%5B%5D=${encodeURIComponent(value)}&${name}[]=${encodeURIComponent(value)}`);
    if (how === 'indexed') search = search.replace(pair, `${name}[0]=${encodeURIComponent(value)}`);
    if (how === 'missing') search = search.replace(pair, '');
    if (how === 'empty') search = search.replace(pair, `${name}=`);
    if (how === 'spaced') search = search.replace(pair, `${name}=%20${encodeURIComponent(value)}`);
    if (how === 'upper') search = search.replace(pair, `${name}=${encodeURIComponent(value.toUpperCase())}`);
    return { ...base, label: `query ${name} ${how}`, url: `${MOUNT}?${search}`, expect: queryExpect(name, how, safe, value) } satisfies FuzzRequest;
  });

/**
 * Duplicates are always refused; so is any change to a parameter the mode requires. Other changes
 * (signature in safe mode, encrypt_type) may leave a push that is valid in another mode.
 */
function queryExpect(name: string, how: string, safe: boolean, value: string): FuzzRequest['expect'] {
  if (how === 'duplicate' || how === 'duplicate-other') return 'refused';
  const required = name === 'timestamp' || name === 'nonce' || (safe ? name === 'msg_signature' : name === 'signature');
  if (!required || (how === 'upper' && value === value.toUpperCase())) return 'any';
  return 'refused';
}

/** APIv3 Authorization headers with fields missing, repeated, unknown or misshapen. */
const authorizationRequest = fc
  .tuple(fc.constantFrom('drop', 'repeat', 'repeat-other', 'unknown', 'empty', 'unquoted', 'scheme', 'probe', 'serial', 'garbage', 'two-headers'), fc.nat({ max: 4 }))
  .map(([how, i]) => {
    const body = JSON.stringify({ out_request_no: 'fuzz-req-2', mchid: '1900016681', audit_result: 'REJECT' });
    const fields = authorizationFields(body);
    const [name, value] = fields[i]!;
    let list = fields.map(([k, v]) => `${k}="${v}"`);
    let scheme = 'WECHATPAY2-SHA256-RSA2048';
    if (how === 'drop') list.splice(i, 1);
    if (how === 'repeat') list.push(`${name}="${value}"`);
    if (how === 'repeat-other') list.splice(i, 0, `${name}="0${value}"`);
    if (how === 'unknown') list.push('extra="1"');
    if (how === 'empty') list[i] = `${name}=""`;
    if (how === 'unquoted') list[i] = `${name}=${value}`;
    if (how === 'scheme') scheme = ['WECHATPAY2-SHA256-RSA4096', 'WECHATPAY2-', 'WECHATPAY2-SHA256-RSA2048,', 'WECHATPAY2-SHA256-RSA2048\t'][i % 4]!;
    if (how === 'probe') list = list.map((f) => (f.startsWith('signature=') ? `signature="WECHATPAY/SIGNTEST/${value.slice(0, 20)}"` : f));
    if (how === 'serial') list = list.map((f) => (f.startsWith('serial_no=') ? 'serial_no="PUB_KEY_ID_UNKNOWN"' : f));
    if (how === 'garbage') list = list.map((f) => (f.startsWith('signature=') ? 'signature="!!notbase64!!"' : f));
    const header = `${scheme} ${list.join(',')}`;
    const authorization = how === 'two-headers' ? [header, header] : header;
    return notification(`Authorization ${how} ${name}`, { body, authorization });
  });

/** Other methods and paths, and GET verifications with broken queries. */
const routeRequest = fc.oneof(
  fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND').map((method) => ({ ...signedPlain('method', message), method, label: `method ${method}` })),
  fc.constantFrom('/a/b', '/..%2f..%2fetc', '/wx1/x', `/${'a'.repeat(65)}`, '/%00', '/a b').map((path) => ({ ...signedPlain('path', message), url: `${MOUNT}${path}?${plainQuery()}`, label: `path ${path}` })),
  fc.dictionary(fc.constantFrom('signature', 'timestamp', 'nonce', 'echostr', 'signature[]'), fc.string({ maxLength: 20 })).map(
    (params) => ({ label: 'GET verification', method: 'GET', url: `${MOUNT}?${new URLSearchParams(params)}`, headers: {}, body: Buffer.alloc(0), expect: 'refused' }) satisfies FuzzRequest,
  ),
);

/** Every hostile request the issue lists (except transport-level ones, crafted in the Express tests). */
export const hostileRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 5, arbitrary: documentRequest },
  { weight: 2, arbitrary: encodingRequest },
  { weight: 2, arbitrary: cryptoRequest },
  { weight: 2, arbitrary: queryRequest },
  { weight: 2, arbitrary: authorizationRequest },
  { weight: 1, arbitrary: routeRequest },
);

