import { createHash } from 'node:crypto';
import { WxAuditError } from '../errors.js';

/**
 * What stands for an id inside a Redis key: its SHA-256, in hex. An id is whatever a push carries (and,
 * for user-defined events, whatever `id(raw)` returns), so it never appears raw in a key: no id can
 * equal, or reach into, a key of another namespace (`claim:`, `lease:`, `value:`, `queued:`, the streams), and no id can
 * smuggle a `{hash tag}` into a key. Hex rather than base64url: 21 bytes longer, but an operator finds
 * a message's key with `printf %s "$id" | sha256sum`, and the alphabet cannot hold `:`, `{` or `}`.
 */
export function keyDigest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A key wx-audit reads holds a value it never writes: something else writes under its keyPrefix. */
export function unexpectedStoreValue(key: string): WxAuditError {
  return new WxAuditError(
    'STORE_VALUE_UNEXPECTED',
    `The Redis key ${key} holds a value wx-audit did not write, so the message's state is unknown. Give wx-audit a keyPrefix no other program writes under, then delete that key.`,
  );
}
