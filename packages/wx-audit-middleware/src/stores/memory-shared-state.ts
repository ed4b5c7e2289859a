import type { SharedStateStore } from './store.js';

type SharedStateMethods = Pick<SharedStateStore, 'acquireLease' | 'renewLease' | 'releaseLease' | 'getValue' | 'swapValue'>;

interface Timed {
  value: string;
  /** ms, on the store's clock. */
  expiresAt: number;
}

/**
 * Leases and shared values for the memory store: audits in one process that share a memory store take
 * turns through them. Kept in maps of their own, so a lease or value name can never meet a message id.
 * They are few (one lease and one value per watched shop) and expire, so they are not counted in `max`.
 */
export function createMemorySharedState(now: () => number): SharedStateMethods & { clear(): void } {
  const leases = new Map<string, Timed>();
  const values = new Map<string, Timed>();
  /** The live entry of `name`; a lapsed one is forgotten on the way. */
  const live = (map: Map<string, Timed>, name: string): Timed | undefined => {
    const entry = map.get(name);
    if (entry && entry.expiresAt <= now()) {
      map.delete(name);
      return undefined;
    }
    return entry;
  };

  return {
    async acquireLease(name, owner, leaseMs) {
      const lease = live(leases, name);
      if (lease && lease.value !== owner) return false;
      leases.set(name, { value: owner, expiresAt: now() + leaseMs });
      return true;
    },
    async renewLease(name, owner, leaseMs) {
      const lease = live(leases, name);
      if (lease?.value !== owner) return false;
      lease.expiresAt = now() + leaseMs;
      return true;
    },
    async releaseLease(name, owner) {
      if (live(leases, name)?.value === owner) leases.delete(name);
    },
    async getValue(name) {
      return live(values, name)?.value;
    },
    async swapValue(name, expected, value, ttlMs) {
      if (live(values, name)?.value !== expected) return false;
      values.set(name, { value, expiresAt: now() + ttlMs });
      return true;
    },
    clear() {
      leases.clear();
      values.clear();
    },
  };
}
