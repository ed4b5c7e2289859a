import { expect } from 'vitest';
import type { IdempotencyStore } from '../../src/index.js';

/**
 * The claim/renew/release/complete rules every store keeps (the memory store and the Redis store alike),
 * on key `id`: one claim at a time, only its owner renews, releases or completes it, done is final.
 */
export async function expectStoreContract(store: IdempotencyStore, id: string): Promise<void> {
  expect(await store.claim(id, 'a', 5000)).toBe('claimed');
  expect(await store.claim(id, 'b', 5000)).toBe('in-flight');
  expect(await store.renew(id, 'b', 5000)).toBe(false);
  expect(await store.renew(id, 'a', 5000)).toBe(true);
  await store.release(id, 'b');
  expect(await store.state(id)).toBe('in-flight');
  await store.complete(id, 'b'); // another owner's live claim is left alone
  expect(await store.state(id)).toBe('in-flight');
  await store.release(id, 'a');
  expect(await store.state(id)).toBe('none');
  expect(await store.claim(id, 'b', 5000)).toBe('claimed');
  await store.complete(id, 'b');
  expect(await store.state(id)).toBe('done');
  expect(await store.claim(id, 'c', 5000)).toBe('done');
  expect(await store.renew(id, 'b', 5000)).toBe(false);
}

/**
 * The lease and shared-value rules (the optional methods a shared registration watch uses), on `name`:
 * one lease holder at a time, taken over only once it lapsed (`lapse` lets `leaseMs` pass); a value is
 * replaced only by whoever read what it holds. Lease and value names never meet each other or an id.
 */
export async function expectSharedStateContract(store: IdempotencyStore, name: string, leaseMs: number, lapse: () => Promise<void>): Promise<void> {
  const s = store as Required<IdempotencyStore>;
  expect(await s.acquireLease(name, 'a', leaseMs)).toBe(true);
  expect(await s.acquireLease(name, 'a', leaseMs)).toBe(true); // the holder extends it
  expect(await s.acquireLease(name, 'b', leaseMs)).toBe(false);
  expect(await s.renewLease(name, 'b', leaseMs)).toBe(false);
  expect(await s.renewLease(name, 'a', leaseMs)).toBe(true);
  await s.releaseLease(name, 'b'); // not b's: left alone
  expect(await s.acquireLease(name, 'b', leaseMs)).toBe(false);
  await s.releaseLease(name, 'a');
  expect(await s.acquireLease(name, 'b', leaseMs)).toBe(true);
  await lapse(); // b dies: its lease lapses and a takes over; b can no longer renew
  expect(await s.acquireLease(name, 'a', 60_000)).toBe(true);
  expect(await s.renewLease(name, 'b', leaseMs)).toBe(false);

  expect(await s.getValue(name)).toBeUndefined();
  expect(await s.swapValue(name, 'x', 'first', 60_000)).toBe(false); // expected a value, none is set
  expect(await s.swapValue(name, undefined, 'first', 60_000)).toBe(true);
  expect(await s.swapValue(name, undefined, 'again', 60_000)).toBe(false);
  expect(await s.swapValue(name, 'first', 'second|{x}', 60_000)).toBe(true);
  expect(await s.swapValue(name, 'first', 'third', 60_000)).toBe(false); // read before the last swap: refused
  expect(await s.getValue(name)).toBe('second|{x}');
  expect(await s.swapValue(name, 'second|{x}', 'short', leaseMs)).toBe(true);
  await lapse();
  expect(await s.getValue(name)).toBeUndefined();

  // Namespaces apart: a claim, a lease and a value under the same name do not see each other.
  expect(await s.claim(name, 'a', 60_000)).toBe('claimed');
  expect(await s.getValue(name)).toBeUndefined();
  expect(await s.swapValue(name, undefined, 'v', 60_000)).toBe(true);
  expect(await s.state(name)).toBe('in-flight');
  expect(await s.acquireLease(name, 'a', 60_000)).toBe(true);
}
