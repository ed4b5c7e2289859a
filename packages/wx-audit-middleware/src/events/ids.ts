import { createHash } from 'node:crypto';

/**
 * Idempotency ids. Two rules hold for every id (API.md, "Ids"):
 *
 * - A re-delivery gets the same id: WeChat re-sends the same plaintext (re-encrypted, re-signed), so an id
 *   made only of message fields, the receiving account and the callback path is stable.
 * - Two distinct pushes never share one: the parts are joined so that no part's text can run into the next
 *   (each part escapes `%` and `|`, then parts are joined with `|`), the receiving account and the
 *   authorizer path are always in, and each kind of id has a prefix of its own, so a MsgId, an event's id,
 *   a third-party system notification's id and a WeChat Pay notification's id can never be equal.
 */
export const ID_PREFIX = {
  /** An ordinary message, by its MsgId. */
  message: 'msg:',
  /** An `Event` push: receiving account, authorizer path, sender, CreateTime, Event, then the event's keys. */
  event: 'evt:',
  /** An `InfoType` push (third-party authorization-event URL): AppId, authorizer path, CreateTime, InfoType, keys. */
  infoType: 'sys:',
  /** Neither MsgId, Event nor InfoType: the receiving account and path, and a digest of the whole message. */
  digest: 'dig:',
  /** A WeChat Pay info-update notification. */
  payNotification: 'pay:',
  /** An `auditStatus` event: the watched wxName, the change's number, the status (see audit-status-id.ts). */
  auditStatus: 'st:',
} as const;

/** The parts of an id after its prefix; an absent part is an empty string (so `undefined` and `''` give one id). */
export type IdParts = ReadonlyArray<string | number | undefined>;

const escapePart = (part: string): string => (part.includes('%') || part.includes('|') ? part.replaceAll('%', '%25').replaceAll('|', '%7C') : part);

/** Joins id parts unambiguously: `|` between parts, and no part can contain a bare `|`. */
export function joinIdParts(prefix: string, parts: IdParts): string {
  let id = prefix;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i > 0) id += '|';
    if (part !== undefined) id += escapePart(typeof part === 'number' ? String(part) : part);
  }
  return id;
}

/**
 * A digest of the whole decoded message, keys sorted at every level: the safe id part for a push that has no
 * documented keys. WeChat's retries carry the same plaintext, so it is stable across them, and any field
 * that differs between two pushes sent in the same second tells them apart.
 */
export function messageDigest(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
