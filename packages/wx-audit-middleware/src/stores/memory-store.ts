import { createMemorySharedState } from './memory-shared-state.js';
import type { ClaimResult, IdempotencyStore, MessageState } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the oldest are forgotten first. Default 10,000. */
  max?: number;
  /** How long a done marker is kept. Default 86,400 s; WeChat's retries all come within a minute. */
  ttlSeconds?: number;
  /** Clock in milliseconds (tests). Default Date.now. */
  now?: () => number;
}

interface Claim {
  owner: string;
  /** Lease end, ms. */
  expiresAt: number;
}

/** The default store: one process, bounded in size (oldest forgotten first) and in time. */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const max = options.max ?? 10_000;
  const ttlMs = (options.ttlSeconds ?? 86_400) * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(max) || max < 1) throw new RangeError('createMemoryStore: max must be a positive integer');
  if (!(ttlMs > 0)) throw new RangeError('createMemoryStore: ttlSeconds must be positive');
  // Done markers are nearly all the store holds, so each is a key and a number, no object per message for
  // the garbage collector to copy and promote. They are forgotten in the order they were written, through
  // a ring of slots rather than by asking a Map for its first key: V8 leaves a hole for each deleted entry
  // until the table is rebuilt, and `keys().next()` walks every hole from the front, which made each
  // eviction cost thousands of steps (~9 µs a push at the default size). The few claims in flight keep
  // their owner; a Map iterates in insertion order, so its first key is the oldest claim.
  const base = now();
  const done = new Map<string, number>(); // key → slot
  const ring: Array<string | undefined> = []; // slot → key; undefined once the marker expired
  const expiry: number[] = []; // slot → expiry, ms after `base` (an unboxed number for ~12 days)
  let oldest = 0; // the slot written first
  let used = 0; // slots from `oldest` on, expired ones included
  const inFlight = new Map<string, Claim>();
  const { clear: clearShared, ...shared } = createMemorySharedState(now);

  const forget = (key: string, slot: number) => {
    done.delete(key);
    ring[slot] = undefined;
  };
  const isDone = (key: string): boolean => {
    const slot = done.get(key);
    if (slot === undefined) return false;
    if (expiry[slot]! + base > now()) return true;
    forget(key, slot);
    return false;
  };
  /** Frees the oldest slot; true when it still held a marker. */
  const dropOldest = (): boolean => {
    const key = ring[oldest];
    if (key !== undefined) forget(key, oldest);
    oldest = (oldest + 1) % max;
    used--;
    return key !== undefined;
  };
  const markDone = (key: string, expiresAt: number) => {
    const slot = done.get(key);
    if (slot !== undefined) {
      expiry[slot] = expiresAt;
      return;
    }
    if (used === max) dropOldest();
    const free = (oldest + used) % max;
    ring[free] = key;
    expiry[free] = expiresAt;
    done.set(key, free);
    used++;
  };
  const liveClaim = (key: string): Claim | undefined => {
    const claim = inFlight.get(key);
    if (claim && claim.expiresAt <= now()) {
      inFlight.delete(key);
      return undefined;
    }
    return claim;
  };
  const evict = () => {
    while (done.size + inFlight.size > max) {
      if (done.size > 0) while (!dropOldest());
      else inFlight.delete(inFlight.keys().next().value as string);
    }
  };

  return {
    ttlSeconds: ttlMs / 1000,
    async claim(key, owner, leaseMs): Promise<ClaimResult> {
      if (isDone(key)) return 'done';
      if (liveClaim(key)) return 'in-flight';
      inFlight.set(key, { owner, expiresAt: now() + leaseMs });
      evict();
      return 'claimed';
    },
    async renew(key, owner, leaseMs) {
      const claim = liveClaim(key);
      if (!claim || claim.owner !== owner) return false;
      claim.expiresAt = now() + leaseMs;
      return true;
    },
    async complete(key, owner) {
      // Another owner's live claim is left alone, as the Redis store leaves it.
      const claim = liveClaim(key);
      if (claim && claim.owner !== owner) return;
      inFlight.delete(key);
      markDone(key, now() + ttlMs - base);
      evict();
    },
    async release(key, owner) {
      if (liveClaim(key)?.owner === owner) inFlight.delete(key);
    },
    async state(key): Promise<MessageState> {
      if (isDone(key)) return 'done';
      return liveClaim(key) ? 'in-flight' : 'none';
    },
    ...shared,
    async close() {
      clearShared();
      done.clear();
      inFlight.clear();
      ring.length = 0;
      expiry.length = 0;
      oldest = used = 0;
    },
  };
}
