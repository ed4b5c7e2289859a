import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/index.js';
import { startDurableWorker, type DurableConfig } from '../src/durable/durable-worker.js';
import type { RedisConnection } from '../src/stores/redis-client.js';
import { gate, tick } from './helpers/push.js';

const config: DurableConfig = {
  stream: 's',
  group: 'g',
  consumer: 'c',
  deadLetter: 's:dead',
  attemptsKey: 's:attempts',
  maxAttempts: 3,
  backoff: () => 10,
  concurrency: 4,
  claimIdleMs: 30_000,
  leaseMs: 30_000,
  handlerTimeoutMs: 600_000,
  blockMs: 50,
};

/** A connection whose every reply the test decides; `handler` answers each command. */
function fakeConnection(handler: (command: string) => Promise<unknown>, close: () => Promise<void> = async () => undefined): RedisConnection {
  const connection: RedisConnection = {
    call: (command) => handler(command),
    eval: () => Promise.resolve(1),
    duplicate: () => connection,
    close,
  };
  return connection;
}

describe('durable worker: stopping while a read is under way', () => {
  it('entries that arrive after stop() are not left counted as active (drain and close() would never end)', async () => {
    const reclaimAsked = gate();
    const reclaimReply = gate<unknown>();
    const closeBlocking = gate();
    const redis = fakeConnection((command) => {
      if (command === 'XAUTOCLAIM') {
        reclaimAsked.open();
        return reclaimReply.promise;
      }
      return Promise.resolve('OK');
    });
    const blocking = fakeConnection(() => Promise.resolve(null), () => closeBlocking.promise);
    const worker = startDurableWorker({ emitter: new EventEmitter(), store: createMemoryStore(), redis, blocking, config });

    await reclaimAsked.promise;
    const stopping = worker.stop(10_000);
    // The reclaim read was under way when stop() was called: its entry comes back now.
    reclaimReply.open(['0-0', [['1-0', ['id', 'm1', 'events', '[]']]]]);
    await tick();
    expect(worker.active).toBe(0);

    closeBlocking.open();
    await stopping;
    expect(worker.active).toBe(0);
  });
});
