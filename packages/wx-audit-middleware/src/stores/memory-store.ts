import type { ClaimResult, IdempotencyStore, MessageState } from './store.js';

export interface MemoryStoreOptions {
  /** Most keys kept; the oldest are forgotten first. Default 10,000. */
  max?: number;
  /** How long a done marker is kept. Default 86,400 s; WeChat's retries all come within a minute. */
  ttlSeconds?: number;
  /** Clock in milliseconds (tests). Default Date.now. */
  now?: () => number;
}

interface Entry {
  state: 'in-flight' | 'done';
  owner: string;
  expiresAt: number;
}

/** The default store: one process, bounded in size (LRU by insertion) and in time. */
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
  const max = options.max ?? 10_000;
  const ttlMs = (options.ttlSeconds ?? 86_400) * 1000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(max) || max < 1) throw new RangeError('createMemoryStore: max must be a positive integer');
  if (!(ttlMs > 0)) throw new RangeError('createMemoryStore: ttlSeconds must be positive');
  // A Map iterates in insertion order: re-inserting on every write makes its first key the least recent.
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (key: string, entry: Entry) => {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
  };

  return {
    async claim(key, owner, leaseMs): Promise<ClaimResult> {
      const entry = live(key);
      if (entry) return entry.state;
      put(key, { state: 'in-flight', owner, expiresAt: now() + leaseMs });
      return 'claimed';
    },
    async renew(key, owner, leaseMs) {
      const entry = live(key);
      if (!entry || entry.state !== 'in-flight' || entry.owner !== owner) return false;
      entry.expiresAt = now() + leaseMs;
      return true;
    },
    async complete(key, owner) {
      // Normally the claim's own entry, inserted moments ago: updated in place, it keeps its recent place.
      const entry = entries.get(key);
      if (entry) {
        entry.state = 'done';
        entry.owner = owner;
        entry.expiresAt = now() + ttlMs;
      } else {
        put(key, { state: 'done', owner, expiresAt: now() + ttlMs });
      }
    },
    async release(key, owner) {
      const entry = live(key);
      if (entry && entry.state === 'in-flight' && entry.owner === owner) entries.delete(key);
    },
    async state(key): Promise<MessageState> {
      return live(key)?.state ?? 'none';
    },
    async close() {
      entries.clear();
    },
  };
}
