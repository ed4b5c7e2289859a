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
  // Done markers are nearly all the store holds, so each is only a key and a number (ms after `base`, small
  // enough to stay an unboxed integer for ~12 days): no object per message for the garbage collector to
  // copy and promote, which in a server profile cost more than the store's own code. The few claims in
  // flight keep their owner. A Map iterates in insertion order: re-inserting on every write makes its
  // first key the least recent.
  const base = now();
  const done = new Map<string, number>();
  const inFlight = new Map<string, Claim>();

  const isDone = (key: string): boolean => {
    const expiresAt = done.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt + base > now()) return true;
    done.delete(key);
    return false;
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
      const oldest = done.size > 0 ? done : inFlight;
      oldest.delete(oldest.keys().next().value as string);
    }
  };

  return {
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
      done.delete(key);
      done.set(key, now() + ttlMs - base);
      evict();
    },
    async release(key, owner) {
      if (liveClaim(key)?.owner === owner) inFlight.delete(key);
    },
    async state(key): Promise<MessageState> {
      if (isDone(key)) return 'done';
      return liveClaim(key) ? 'in-flight' : 'none';
    },
    async close() {
      done.clear();
      inFlight.clear();
    },
  };
}
