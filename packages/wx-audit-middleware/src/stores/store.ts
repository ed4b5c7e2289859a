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
}
