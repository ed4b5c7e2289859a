import { WxAuditError } from '../errors.js';
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES } from './document-limits.js';
import { assertSafeKeys } from './safe-keys.js';

export { MAX_DOCUMENT_DEPTH } from './document-limits.js';

const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;

/**
 * JSON.parse, except that integers too large for a double (WeChat's 64-bit MsgId) become strings
 * instead of silently losing digits, nesting and size are bounded (document-limits.ts), and reserved or
 * repeated keys are refused.
 *
 * Numbers are found by a single scan that skips string literals. Quoting a number token keeps valid JSON
 * valid, but can make invalid JSON valid (`{123…:1}`, `0123…`): the text as sent is judged by JSON.parse first.
 */
export function parseJson(text: string): unknown {
  let rewritten = '';
  let copiedUpTo = 0;
  let depth = 0;
  // Values, counted before JSON.parse builds them: each object or array, and one per comma.
  let nodes = 1;
  // Object members in the text: one ':' each outside strings. JSON.parse keeps the last of two equal keys.
  let members = 0;
  const tooMany = () => new WxAuditError('BODY_MALFORMED', `The JSON body has more than ${MAX_DOCUMENT_NODES} values.`);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DOCUMENT_DEPTH) throw new WxAuditError('BODY_MALFORMED', `The JSON body nests deeper than ${MAX_DOCUMENT_DEPTH} levels.`);
      if (++nodes > MAX_DOCUMENT_NODES) throw tooMany();
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const token = text.slice(start, i);
      if (token.length >= 16 && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        rewritten += `${text.slice(copiedUpTo, start)}"${token}"`;
        copiedUpTo = i;
      }
    } else {
      if (c === 0x2c && ++nodes > MAX_DOCUMENT_NODES) throw tooMany();
      if (c === 0x3a) members++;
      i++;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (copiedUpTo !== 0) value = JSON.parse(rewritten + text.slice(copiedUpTo));
  } catch {
    throw new WxAuditError('BODY_MALFORMED', 'The body is not valid JSON.');
  }
  if (assertSafeKeys(value, MAX_DOCUMENT_DEPTH) !== members) {
    // A repeated key is refused rather than guessed at, as a repeated query parameter is: parsers disagree
    // on which copy wins, and the copy JSON.parse drops may be the one a check was aimed at (the fuzzer
    // found `{"a":{"__proto__":…},"a":""}` passing for a body without a reserved key).
    throw new WxAuditError('BODY_MALFORMED', 'The JSON body gives a key twice in one object.');
  }
  return value;
}

/** JSON.stringify for our own documents (no big-integer handling needed: ids are already strings). */
export function stringifyJson(value: unknown): string {
  return JSON.stringify(value);
}
