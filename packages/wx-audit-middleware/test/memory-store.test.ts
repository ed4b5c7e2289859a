import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/stores/memory-store.js';
import { expectStoreContract } from './helpers/store-contract.js';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createMemoryStore', () => {
  it('claims once, lets only the owner renew, release and complete, as the Redis store does', async () => {
    await expectStoreContract(createMemoryStore(), 'm1');
  });

  it('lets a lapsed lease be claimed by another owner; the late owner can no longer renew or release it', async () => {
    const c = clock();
    const store = createMemoryStore({ now: c.now });
    expect(await store.claim('m2', 'dead', 100)).toBe('claimed');
    c.advance(100);
    expect(await store.state('m2')).toBe('none');
    expect(await store.claim('m2', 'alive', 5000)).toBe('claimed');
    expect(await store.renew('m2', 'dead', 5000)).toBe(false);
    await store.release('m2', 'dead');
    expect(await store.state('m2')).toBe('in-flight');
  });

  it('keeps a done marker for exactly ttlSeconds', async () => {
    const c = clock(1_700_000_000_123);
    const store = createMemoryStore({ now: c.now, ttlSeconds: 60 });
    await store.claim('m3', 'a', 1000);
    c.advance(7);
    await store.complete('m3', 'a');
    c.advance(59_999);
    expect(await store.state('m3')).toBe('done');
    c.advance(1);
    expect(await store.state('m3')).toBe('none');
    expect(await store.claim('m3', 'b', 1000)).toBe('claimed');
  });

  it('holds at most `max` keys, forgetting the oldest done markers first, claims in flight last', async () => {
    const store = createMemoryStore({ max: 3 });
    await store.claim('flight', 'a', 60_000);
    for (const id of ['d1', 'd2', 'd3']) {
      await store.claim(id, 'a', 60_000);
      await store.complete(id, 'a');
    }
    expect(await store.state('flight')).toBe('in-flight');
    expect(await store.state('d1')).toBe('none');
    expect(await store.state('d2')).toBe('done');
    expect(await store.state('d3')).toBe('done');
    for (const id of ['f2', 'f3', 'f4']) await store.claim(id, 'a', 60_000);
    expect(await Promise.all(['flight', 'f2', 'f3', 'f4', 'd2', 'd3'].map((id) => store.state(id)))).toEqual(['none', 'in-flight', 'in-flight', 'in-flight', 'none', 'none']);
  });

  it('forgets everything on close() and refuses nonsense options', async () => {
    const store = createMemoryStore();
    await store.claim('m4', 'a', 1000);
    await store.close();
    expect(await store.state('m4')).toBe('none');
    expect(() => createMemoryStore({ max: 0 })).toThrow(RangeError);
    expect(() => createMemoryStore({ ttlSeconds: 0 })).toThrow(RangeError);
  });
});
