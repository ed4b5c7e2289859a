import { keyDigest } from '../stores/store-keys.js';

/** Every key durable mode writes besides the store's claims (`<keyPrefix>claim:<digest>`, redis-store.ts). */
export interface DurableKeys {
  stream: string;
  deadLetter: string;
  /** Hash of entry id → attempts, so that attempts survive a crash. */
  attempts: string;
  /** The marker that makes a re-delivered push acknowledged without a second entry. */
  queued(id: string): string;
}

/**
 * The queue's keys all derive from the stream's name, whose default carries a hash tag (`{events}`):
 * each script touches the stream with its markers, attempts and dead letters, and in a Redis Cluster
 * the keys of one script must share a slot. Cluster is not supported yet; this layout does not stand in
 * its way. (A `stream` of your own should carry a tag, and a `deadLetter` of your own the same one.)
 * Ids appear only hashed, in a namespace of their own, so no id can name the stream or another key.
 */
export function durableKeys(options: { keyPrefix: string; stream?: string; deadLetter?: string }): DurableKeys {
  const stream = options.stream ?? `${options.keyPrefix}{events}`;
  return {
    stream,
    deadLetter: options.deadLetter ?? `${stream}:dead`,
    attempts: `${stream}:attempts`,
    queued: (id) => `${stream}:queued:${keyDigest(id)}`,
  };
}
