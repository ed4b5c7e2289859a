import { WxAuditError } from '../errors.js';
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
 * the keys of one script must share a slot. (A `stream` of your own must carry a tag on a cluster, and
 * a `deadLetter` of your own the same one: `sameSlotOnCluster` checks it.)
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

/** The part of a key Redis Cluster hashes: the first `{…}` with something inside, else the whole key. */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * On a Redis Cluster every script's keys must share a slot, or Redis refuses it (CROSSSLOT) on every push:
 * refused here, at start, instead. The markers and attempts derive from the stream, so only a `stream`
 * without a tag, or a `deadLetter` with another one, can break this.
 */
export function sameSlotOnCluster(keys: DurableKeys): void {
  const tag = hashTag(keys.stream);
  if (tag !== keys.stream && hashTag(keys.deadLetter) === tag) return;
  throw new WxAuditError(
    'CONFIG_INVALID',
    `durable: on a Redis Cluster the stream and the dead-letter stream need one {hash tag} (the stream's keys must share a slot); got stream ${JSON.stringify(keys.stream)} and deadLetter ${JSON.stringify(keys.deadLetter)}. Use names like '{orders}:events' and '{orders}:events:dead', or leave both to their defaults.`,
  );
}
