import type { IdempotencyStore } from '../stores/store.js';
import type { StoreOperation } from './instruments.js';

/**
 * The store the dispatchers use, each claim, complete, release, state and renew timed. A call that
 * throws synchronously still throws synchronously (the callers handle both), and is timed too.
 */
export function timedStore(store: IdempotencyStore, record: (operation: StoreOperation, ms: number) => void): IdempotencyStore {
  function timed<T>(operation: StoreOperation, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const done = () => record(operation, performance.now() - started);
    let result: Promise<T>;
    try {
      result = call();
    } catch (error) {
      done();
      throw error;
    }
    return Promise.resolve(result).then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  }
  // Delegation, not a prototype: a store class with #private fields needs its own `this`.
  return {
    ttlSeconds: store.ttlSeconds,
    claim: (key, owner, leaseMs) => timed('claim', () => store.claim(key, owner, leaseMs)),
    renew: (key, owner, leaseMs) => timed('renew', () => store.renew(key, owner, leaseMs)),
    complete: (key, owner) => timed('complete', () => store.complete(key, owner)),
    release: (key, owner) => timed('release', () => store.release(key, owner)),
    state: (key) => timed('state', () => store.state(key)),
    close: () => store.close(),
  };
}
