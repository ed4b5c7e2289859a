import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../src/dispatch/dispatch.js';
import type { DispatchedEvent, HandlerErrorEvent } from '../src/events/types.js';
import { createMemoryStore } from '../src/stores/memory-store.js';

afterEach(() => vi.restoreAllMocks());

const message = (id: string) => ({ type: 'message', id, raw: {}, toUserName: 'gh', fromUserName: 'o', createTime: 1, msgType: 'event' }) as DispatchedEvent;

function setup() {
  const emitter = new EventEmitter();
  const store = createMemoryStore();
  const dispatcher = createDispatcher({ emitter, store, ackTimeoutMs: 1_000, leaseMs: 300 });
  const handlerErrors: HandlerErrorEvent[] = [];
  emitter.on('handlerError', (e: HandlerErrorEvent) => void handlerErrors.push(e));
  return { emitter, store, dispatcher, handlerErrors };
}

describe('dispatcher: listeners that return synchronously', () => {
  it('settles without arming a lease or ackTimeoutMs timer, and records the message as done', async () => {
    const { emitter, store, dispatcher } = setup();
    const seen: string[] = [];
    emitter.on('message', (e: DispatchedEvent) => void seen.push(e.id));
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const intervals = vi.spyOn(globalThis, 'setInterval');

    await expect(dispatcher.dispatch('m1', [message('m1')])).resolves.toEqual({ ok: true, duplicate: false });
    expect(timeouts).not.toHaveBeenCalled();
    expect(intervals).not.toHaveBeenCalled();
    expect(seen).toEqual(['m1']);
    expect(await store.state('m1')).toBe('done');
    await expect(dispatcher.dispatch('m1', [message('m1')])).resolves.toEqual({ ok: true, duplicate: true });
    expect(seen).toEqual(['m1']);
  });

  it('a sync throw fails the message (handlerError, released for the retry) even beside listeners that succeed', async () => {
    const { emitter, store, dispatcher, handlerErrors } = setup();
    const order: string[] = [];
    emitter.on('message', () => void order.push('first'));
    emitter.on('message', () => {
      order.push('second');
      throw new Error('db down');
    });
    emitter.on('message', () => void order.push('third'));

    const outcome = await dispatcher.dispatch('m2', [message('m2')]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'HANDLER_FAILED' } });
    expect(order).toEqual(['first', 'second', 'third']);
    expect(handlerErrors.map((e) => (e.error as Error).message)).toEqual(['db down']);
    expect(await store.state('m2')).toBe('none');
  });

  it('one listener returning a promise makes the dispatch wait for it, with a lease renewal armed meanwhile', async () => {
    const { emitter, dispatcher } = setup();
    const settled = vi.fn();
    let release!: () => void;
    emitter.on('message', () => undefined);
    emitter.on('message', () => new Promise<void>((resolve) => (release = resolve)));
    const intervals = vi.spyOn(globalThis, 'setInterval');
    const outcome = dispatcher.dispatch('m3', [message('m3')]).then((o) => (settled(), o));
    await new Promise((resolve) => setImmediate(resolve));
    expect(intervals).toHaveBeenCalledTimes(1);
    expect(settled).not.toHaveBeenCalled();
    expect(dispatcher.inFlight).toBe(1);
    release();
    await expect(outcome).resolves.toEqual({ ok: true, duplicate: false });
    expect(dispatcher.inFlight).toBe(0);
  });

  it('a listener returning a thenable whose `then` throws counts as failed, it does not escape', async () => {
    const { emitter, dispatcher, handlerErrors } = setup();
    emitter.on('message', () => ({
      get then(): never {
        throw new Error('hostile thenable');
      },
    }));
    const outcome = await dispatcher.dispatch('m4', [message('m4')]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'HANDLER_FAILED' } });
    expect(handlerErrors).toHaveLength(1);
  });
});
