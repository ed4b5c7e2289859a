// A duplicate that finds the message claimed by another instance waits for that delivery's outcome. When
// the other delivery fails, or its lease lapses (its instance died, or Redis restarted under it), the
// waiting delivery claims and runs the message itself while WeChat still waits, instead of answering 503
// on what may be WeChat's last retry (found by the soak run: WeChat gave up on pushes after a Redis restart).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/dispatch/dispatch.js';
import type { AnyDispatchedEvent } from '../src/events/types.js';
import { createMemoryStore } from '../src/stores/memory-store.js';

const event = (id: string) => ({ type: 'message', id, raw: {}, toUserName: 'gh', fromUserName: 'o', createTime: 1, msgType: 'event' }) as unknown as AnyDispatchedEvent;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two instances sharing one store, as two processes share Redis. */
function twoInstances(ackTimeoutMs = 1000, leaseMs = 300) {
  const store = createMemoryStore();
  const a = new EventEmitter();
  const b = new EventEmitter();
  return { store, a, b, first: createDispatcher({ emitter: a, store, ackTimeoutMs, leaseMs }), second: createDispatcher({ emitter: b, store, ackTimeoutMs, leaseMs }) };
}

describe('a re-delivery waiting for another instance', () => {
  it("runs the message itself when the other instance's listener fails", async () => {
    const { a, b, first, second } = twoInstances();
    a.on('message', async () => {
      await sleep(80);
      throw new Error('the first instance failed');
    });
    a.on('handlerError', () => undefined);
    let ranOnB = 0;
    b.on('message', () => void ranOnB++);
    const firstDelivery = first.dispatch('m1', [event('m1')]);
    await sleep(10);
    const retry = await second.dispatch('m1', [event('m1')]);
    expect(retry).toEqual({ ok: true, duplicate: false });
    expect(ranOnB).toBe(1);
    expect((await firstDelivery).ok).toBe(false);
  });

  it('runs the message itself when the holder died and its lease lapsed', async () => {
    const { store, b, second } = twoInstances(1000, 300);
    // An instance claimed it, then died: nobody renews or releases its claim.
    expect(await store.claim('m2', 'a-dead-instance', 150)).toBe('claimed');
    let ran = 0;
    b.on('message', () => void ran++);
    expect(await second.dispatch('m2', [event('m2')])).toEqual({ ok: true, duplicate: false });
    expect(ran).toBe(1);
    expect(await store.state('m2')).toBe('done');
  });

  it('still answers 503 DUPLICATE_IN_FLIGHT when the holder is alive past ackTimeoutMs, and the run shares that budget', async () => {
    const { a, b, first, second } = twoInstances(200, 1000);
    a.on('message', () => sleep(600));
    let ran = 0;
    b.on('message', () => void ran++);
    const firstDelivery = first.dispatch('m3', [event('m3')]);
    await sleep(10);
    const retry = await second.dispatch('m3', [event('m3')]);
    expect(retry.ok).toBe(false);
    expect(!retry.ok && retry.error.code).toBe('DUPLICATE_IN_FLIGHT');
    // Answered within ackTimeoutMs: had it waited for the holder's 600 ms, it would have found the message done.
    expect(ran).toBe(0);
    await firstDelivery;
  });

  it('a duplicate of a message the other instance completes is answered as one, without running', async () => {
    const { a, b, first, second } = twoInstances();
    a.on('message', () => sleep(60));
    let ran = 0;
    b.on('message', () => void ran++);
    const firstDelivery = first.dispatch('m4', [event('m4')]);
    await sleep(10);
    expect(await second.dispatch('m4', [event('m4')])).toEqual({ ok: true, duplicate: true });
    expect(ran).toBe(0);
    expect(await firstDelivery).toEqual({ ok: true, duplicate: false });
  });
});
