// Security review (issue #19, finding 7): every local re-delivery of a push whose listener never settles
// kept a timer and a closure for as long as the process ran (20,000 re-deliveries: +22 MiB after GC), and
// the message stayed pinned in flight for ever. Now the waiters per id are bounded, and a listener still
// running after ABANDON_AFTER_ACK_TIMEOUTS × ackTimeoutMs is abandoned so that WeChat's retry runs again.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ABANDON_AFTER_ACK_TIMEOUTS, createDispatcher, type DispatchOutcome } from '../src/dispatch/dispatch.js';
import { MAX_WAITERS_PER_ID } from '../src/dispatch/flight.js';
import { WxAuditError } from '../src/errors.js';
import type { DispatchedEvent, HandlerErrorEvent } from '../src/events/types.js';
import { createMemoryStore } from '../src/stores/memory-store.js';

const ACK_MS = 1_000;
const message = (id: string) => ({ type: 'message', id, raw: {}, toUserName: 'gh', fromUserName: 'o', createTime: 1, msgType: 'event' }) as DispatchedEvent;
const codeOf = (outcome: DispatchOutcome) => (outcome.ok ? 'ok' : outcome.error.code);

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function setup() {
  const emitter = new EventEmitter();
  const store = createMemoryStore();
  const dispatcher = createDispatcher({ emitter, store, ackTimeoutMs: ACK_MS, leaseMs: ACK_MS + 500 });
  const handlerErrors: HandlerErrorEvent[] = [];
  emitter.on('handlerError', (e: HandlerErrorEvent) => void handlerErrors.push(e));
  // Each call's listener settles only when the test says so (or never).
  const runs: Array<{ settle: () => void; fail: () => void }> = [];
  emitter.on(
    'message',
    () =>
      new Promise<void>((resolve, reject) => {
        runs.push({ settle: resolve, fail: () => reject(new Error('late failure')) });
      }),
  );
  return { store, dispatcher, handlerErrors, runs };
}

describe('re-deliveries of a push whose listener never settles', () => {
  it('20,000 re-deliveries: at most MAX_WAITERS_PER_ID wait (one timer each), the rest are answered 503 at once', async () => {
    const { dispatcher, runs } = setup();
    const first = dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(ACK_MS);
    expect(codeOf(await first)).toBe('HANDLER_TIMEOUT');
    const timersBefore = vi.getTimerCount();

    const answered: string[] = [];
    for (let i = 0; i < 20_000; i++) void dispatcher.dispatch('m', [message('m')]).then((o) => answered.push(codeOf(o)));
    await vi.advanceTimersByTimeAsync(0);

    expect(dispatcher.waiting).toBe(MAX_WAITERS_PER_ID);
    expect(vi.getTimerCount() - timersBefore).toBe(MAX_WAITERS_PER_ID);
    expect(answered).toHaveLength(20_000 - MAX_WAITERS_PER_ID);
    expect(new Set(answered)).toEqual(new Set(['DUPLICATE_IN_FLIGHT']));

    // The waiters time out after ackTimeoutMs and are forgotten: nothing of them stays with the hung run.
    await vi.advanceTimersByTimeAsync(ACK_MS);
    expect(answered).toHaveLength(20_000);
    expect(dispatcher.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(timersBefore);
    expect(runs).toHaveLength(1);
    expect(dispatcher.inFlight).toBe(1);
  });

  it('a duplicate that waits still gets the first delivery’s outcome when it comes in time', async () => {
    const { dispatcher, runs } = setup();
    const first = dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(0);
    const second = dispatcher.dispatch('m', [message('m')]);
    runs[0]!.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(await first).toEqual({ ok: true, duplicate: false });
    // Acknowledged on the first delivery's success, and a duplicate (telemetry counts it as one).
    expect(await second).toEqual({ ok: true, duplicate: true });
    expect(dispatcher.waiting).toBe(0);
  });
});

describe(`a listener still running after ${ABANDON_AFTER_ACK_TIMEOUTS} × ackTimeoutMs is abandoned`, () => {
  it('reports HANDLER_ABANDONED once, answers the waiters, lets go of the claim; the next re-delivery dispatches again', async () => {
    const { store, dispatcher, handlerErrors, runs } = setup();
    void dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(ACK_MS);
    // An overrun is not a failure yet (the listener may still succeed): no handlerError until it is given up on.
    expect(handlerErrors).toEqual([]);

    await vi.advanceTimersByTimeAsync((ABANDON_AFTER_ACK_TIMEOUTS - 1) * ACK_MS - 50);
    const waiter = dispatcher.dispatch('m', [message('m')]);
    expect(await store.state('m')).toBe('in-flight');
    await vi.advanceTimersByTimeAsync(ACK_MS);

    expect(codeOf(await waiter)).toBe('HANDLER_ABANDONED');
    expect(handlerErrors).toHaveLength(1);
    const abandoned = handlerErrors[0]!;
    expect(abandoned.error).toBeInstanceOf(WxAuditError);
    expect(abandoned.error).toMatchObject({ code: 'HANDLER_ABANDONED', status: 503 });
    expect(abandoned.event.id).toBe('m');
    expect(dispatcher.inFlight).toBe(0);
    expect(await store.state('m')).toBe('none');
    await expect(dispatcher.drain()).resolves.toBeUndefined();

    // WeChat's next retry: dispatched again (at least once for a listener that hangs).
    const retry = dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(2);
    runs[1]!.settle();
    expect(await retry).toEqual({ ok: true, duplicate: false });
    expect(await store.state('m')).toBe('done');
    // Reported once: no second HANDLER_ABANDONED however long the first run hangs on.
    await vi.advanceTimersByTimeAsync(20 * ABANDON_AFTER_ACK_TIMEOUTS * ACK_MS);
    expect(handlerErrors.filter((e) => (e.error as WxAuditError).code === 'HANDLER_ABANDONED')).toHaveLength(1);
  });

  it('a late success of the abandoned run does not mark the message done over the newer claim', async () => {
    const { store, dispatcher, runs } = setup();
    void dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(ABANDON_AFTER_ACK_TIMEOUTS * ACK_MS + ACK_MS);
    expect(dispatcher.inFlight).toBe(0);

    const retry = dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(2);

    runs[0]!.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(await store.state('m')).toBe('in-flight');
    expect(dispatcher.inFlight).toBe(1);

    // The newer run fails: the message is released, not left done by the abandoned run's success.
    runs[1]!.fail();
    expect(codeOf(await retry)).toBe('HANDLER_FAILED');
    expect(await store.state('m')).toBe('none');
  });

  it('a late failure of the abandoned run does not release the newer claim', async () => {
    const { store, dispatcher, runs } = setup();
    void dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(ABANDON_AFTER_ACK_TIMEOUTS * ACK_MS + ACK_MS);
    const retry = dispatcher.dispatch('m', [message('m')]);
    await vi.advanceTimersByTimeAsync(0);

    runs[0]!.fail();
    await vi.advanceTimersByTimeAsync(ACK_MS / 2);
    expect(await store.state('m')).toBe('in-flight');
    runs[1]!.settle();
    expect(await retry).toEqual({ ok: true, duplicate: false });
    expect(await store.state('m')).toBe('done');
  });
});
