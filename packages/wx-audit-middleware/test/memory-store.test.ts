import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/stores/memory-store.js';
import { expectSharedStateContract, expectStoreContract } from './helpers/store-contract.js';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createMemoryStore', () => {
  it('claims once, lets only the owner renew, release and complete, as the Redis store does', async () => {
    await expectStoreContract(createMemoryStore(), 'm1');
  });

  it('keeps leases and shared values (a shared registration watch) apart from claims, as the Redis store does', async () => {
    const c = clock();
    await expectSharedStateContract(createMemoryStore({ now: c.now }), 'auditStatus:shop', 100, async () => c.advance(100));
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

/**
 * The store against a plain model (arrays, no ring, no Map order): random claims, completes, releases and
 * state reads by two owners on a few keys, with `max` small enough that eviction and the ring's
 * wrap-around happen in nearly every run. Leases are long, so only the size bound forgets anything.
 */
describe('createMemoryStore against a model', () => {
  type Op = { kind: 'claim' | 'complete' | 'release' | 'state'; key: string; owner: string };
  const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
  const op = fc.record({
    kind: fc.constantFrom<Op['kind']>('claim', 'complete', 'release', 'state'),
    key: fc.constantFrom(...KEYS),
    owner: fc.constantFrom('a', 'b'),
  });

  function model(max: number) {
    let done: string[] = []; // oldest first
    let flight: Array<{ key: string; owner: string }> = []; // oldest first
    const evict = () => {
      while (done.length + flight.length > max) {
        if (done.length > 0) done = done.slice(1);
        else flight = flight.slice(1);
      }
    };
    const owner = (key: string) => flight.find((c) => c.key === key)?.owner;
    return {
      claim(key: string, who: string): string {
        if (done.includes(key)) return 'done';
        if (owner(key) !== undefined) return 'in-flight';
        flight.push({ key, owner: who });
        evict();
        return 'claimed';
      },
      complete(key: string, who: string) {
        const holder = owner(key);
        if (holder !== undefined && holder !== who) return;
        flight = flight.filter((c) => c.key !== key);
        if (!done.includes(key)) done.push(key); // a marker written again keeps its place
        evict();
      },
      release(key: string, who: string) {
        if (owner(key) === who) flight = flight.filter((c) => c.key !== key);
      },
      state(key: string): string {
        if (done.includes(key)) return 'done';
        return owner(key) !== undefined ? 'in-flight' : 'none';
      },
    };
  }

  it('answers every operation as the model does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 120 }), async (max, ops) => {
        const store = createMemoryStore({ max });
        const expected = model(max);
        for (const { kind, key, owner } of ops) {
          if (kind === 'claim') expect(await store.claim(key, owner, 60_000)).toBe(expected.claim(key, owner));
          else if (kind === 'state') expect(await store.state(key)).toBe(expected.state(key));
          else {
            await store[kind](key, owner);
            expected[kind](key, owner);
          }
        }
        for (const key of KEYS) expect(await store.state(key)).toBe(expected.state(key));
      }),
      { numRuns: 400 },
    );
  });
});
