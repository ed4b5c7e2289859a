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
