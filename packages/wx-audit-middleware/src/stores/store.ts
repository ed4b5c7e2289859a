/**
 * Idempotency across re-deliveries (and, with a shared store, across instances). A message is claimed
 * before its listeners run, under a lease that the claiming instance renews while they run: if that
 * instance dies, the lease lapses and WeChat's next retry can claim the message elsewhere.
 */
export type ClaimResult = 'claimed' | 'in-flight' | 'done';
export type MessageState = 'none' | 'in-flight' | 'done';

export interface IdempotencyStore {
  /**
   * How long a done marker is kept, seconds. When given, `createWxAudit` refuses a `maxMessageAgeSeconds`
   * larger than it: a push the store has forgotten must be too old to be accepted again.
   */
  readonly ttlSeconds?: number;
  /** Atomically claims `key` for `owner` unless it is done or under another live lease. */
  claim(key: string, owner: string, leaseMs: number): Promise<ClaimResult>;
  /** Extends the lease; false when `owner` no longer holds it. */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Marks `key` done (kept for the store's TTL) so that re-deliveries are acknowledged without dispatch. */
  complete(key: string, owner: string): Promise<void>;
  /** Drops `owner`'s claim so that the next delivery dispatches again. */
  release(key: string, owner: string): Promise<void>;
  state(key: string): Promise<MessageState>;
  close(): Promise<void>;

  // Optional: what lets instances sharing the store take turns at a job (one registration watch per
  // wxName polling for all of them). A store without them still works; each instance then watches on
  // its own. `name` lives in namespaces of its own, apart from ids and from each other.

  /** Takes lease `name` for `owner` when it is free or lapsed, or extends it when `owner` holds it; false when another owner holds it. */
  acquireLease?(name: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Extends `owner`'s lease; false when `owner` no longer holds it. */
  renewLease?(name: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Frees `owner`'s lease at once, so that another owner need not wait for it to lapse. */
  releaseLease?(name: string, owner: string): Promise<void>;
  /** The small shared value `name`, or undefined when none is set (or it expired). */
  getValue?(name: string): Promise<string | undefined>;
  /**
   * Sets value `name` to `value`, kept `ttlMs`, only when it holds `expected` now (undefined: none is
   * set); false otherwise. Swapping a value for itself refreshes its time to live.
   */
  swapValue?(name: string, expected: string | undefined, value: string, ttlMs: number): Promise<boolean>;
}

/** The optional methods of a store that instances can share a job through. */
export type SharedStateStore = IdempotencyStore & Required<Pick<IdempotencyStore, 'acquireLease' | 'renewLease' | 'releaseLease' | 'getValue' | 'swapValue'>>;

/** Whether `store` has every optional method a shared job needs. */
export function hasSharedState(store: IdempotencyStore): store is SharedStateStore {
  return (
    typeof store.acquireLease === 'function' &&
    typeof store.renewLease === 'function' &&
    typeof store.releaseLease === 'function' &&
    typeof store.getValue === 'function' &&
    typeof store.swapValue === 'function'
  );
}
