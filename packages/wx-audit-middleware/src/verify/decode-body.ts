import { WxAuditError } from '../errors.js';
import type { RawMessage } from '../events/types.js';
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES } from '../wire/document-limits.js';
import { parseJson } from '../wire/json.js';
import { parseXml } from '../wire/xml.js';

/** A body as the transport found it: bytes or text it read, or an object a body parser already made. */
export type InboundBody =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'parsed'; value: unknown }
  /** A body parser consumed the stream and kept neither the bytes nor a usable value. */
  | { kind: 'unavailable' }
  | { kind: 'none' };

export const RAW_BODY_HINT =
  'A body parser consumed the request before the wx-audit middleware: mount audit.middleware() before express.json()/express.text(), or keep the bytes as req.rawBody (e.g. express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })).';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function bodyText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WxAuditError('BODY_MALFORMED', 'The body is not valid UTF-8.');
  }
}

/** Decodes an XML or JSON document (told apart by its first character) to a message object. */
export function decodeMessage(text: string): RawMessage {
  const start = text.trimStart()[0];
  if (start === '<') return parseXml(text);
  if (start === '{') {
    const value = parseJson(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new WxAuditError('BODY_MALFORMED', 'The JSON body must be an object.');
    }
    return value as RawMessage;
  }
  throw new WxAuditError('BODY_MALFORMED', 'The body is neither XML nor JSON.');
}

/** `exactIntegers: false` when the body's own values are overridden anyway (compatible mode's decrypted fields win). */
export function decodeBody(body: InboundBody, exactIntegers = true): RawMessage {
  if (body.kind === 'none') throw new WxAuditError('BODY_MALFORMED', 'The push has no body.');
  if (body.kind === 'unavailable') throw new WxAuditError('RAW_BODY_UNAVAILABLE', RAW_BODY_HINT);
  if (body.kind === 'bytes') return decodeMessage(bodyText(body.bytes));
  const { value } = body;
  if (typeof value === 'string') return decodeMessage(value);
  if (Buffer.isBuffer(value)) return decodeMessage(bodyText(value));
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // A body parser (express.json()) already decoded it. Pushes are signed over the query and `Encrypt`,
    // not the body bytes, so the parsed object is as good as the bytes once its keys are checked.
    // Except for integers past 2^53 (MsgId): the parser already rounded them, and a rounded MsgId would
    // de-duplicate two different messages as one. Refuse with the fix rather than guess.
    const rounded = walkParsed(value);
    if (exactIntegers && rounded) throw new WxAuditError('RAW_BODY_UNAVAILABLE', ROUNDED_HINT);
    return decodeMessage(JSON.stringify(value));
  }
  throw new WxAuditError('BODY_MALFORMED', 'The body is neither XML nor JSON.');
}

const ROUNDED_HINT =
  'The JSON body holds an integer beyond 2^53 (e.g. MsgId) that a body parser already rounded: keep the bytes as req.rawBody (express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })) or mount audit.middleware() before express.json().';

/**
 * Walks a value a body parser made (iteratively) before JSON.stringify sees it: a parser with a larger
 * limit than ours can hand over an array nested 10,000 deep, which would overflow stringify's recursion,
 * or millions of values. Both are refused as the decoder would refuse them. True when an integer is past 2^53.
 */
function walkParsed(value: unknown): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  let nodes = 0;
  let rounded = false;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > MAX_DOCUMENT_NODES) throw new WxAuditError('BODY_MALFORMED', `The JSON body has more than ${MAX_DOCUMENT_NODES} values.`);
    if (typeof node === 'number' && Number.isInteger(node) && !Number.isSafeInteger(node)) rounded = true;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DOCUMENT_DEPTH) throw new WxAuditError('BODY_MALFORMED', `The JSON body nests deeper than ${MAX_DOCUMENT_DEPTH} levels.`);
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return rounded;
}
