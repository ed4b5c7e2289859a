import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { isWxAuditError, WxAuditError } from '../errors.js';
import type { DispatchedEvent } from '../events/types.js';
import type { IdempotencyStore } from '../stores/store.js';
import { callListeners, notify } from './listeners.js';

export type DispatchOutcome = { ok: true; duplicate: boolean } | { ok: false; error: WxAuditError };

export interface DispatcherOptions {
  emitter: EventEmitter;
  store: IdempotencyStore;
  ackTimeoutMs: number;
  /** Lease on a claim, renewed every third of it while listeners run. */
  leaseMs: number;
}

export interface Dispatcher {
  /** Delivers the events of one message (same `id`) under the delivery rules; never throws. */
  dispatch(id: string, events: DispatchedEvent[]): Promise<DispatchOutcome>;
  /** Messages whose listeners are still running in this process. */
  readonly inFlight: number;
  /** Resolves when every running listener has settled (graceful shutdown, tests). */
  drain(): Promise<void>;
}

const POLL_MS = 25;

export function createDispatcher({ emitter, store, ackTimeoutMs, leaseMs }: DispatcherOptions): Dispatcher {
  // One owner per dispatcher: leases tell this instance's claims from another's.
  const owner = randomUUID();
  const running = new Map<string, Promise<DispatchOutcome>>();

  const storeDown = (cause: unknown): DispatchOutcome => ({
    ok: false,
    // A store that reached Redis but found a value it never writes says so itself (STORE_VALUE_UNEXPECTED).
    error: isWxAuditError(cause) && cause.code === 'STORE_VALUE_UNEXPECTED' ? cause : new WxAuditError('STORE_UNAVAILABLE', 'The idempotency store could not be reached; WeChat will retry.', { cause }),
  });
  const notYet = (why: string): DispatchOutcome => ({ ok: false, error: new WxAuditError('DUPLICATE_IN_FLIGHT', why) });

  async function dispatch(id: string, events: DispatchedEvent[]): Promise<DispatchOutcome> {
    const local = running.get(id);
    if (local) {
      return within(local, ackTimeoutMs, () => notYet('The first delivery of this message is still being handled; WeChat will retry.'));
    }
    const outcome = deferred<DispatchOutcome>();
    running.set(id, outcome.promise);
    const finish = (result: DispatchOutcome) => {
      running.delete(id);
      outcome.resolve(result);
      return result;
    };

    let claim;
    try {
      claim = await store.claim(id, owner, leaseMs);
    } catch (cause) {
      return finish(storeDown(cause));
    }
    if (claim === 'done') return finish({ ok: true, duplicate: true });
    if (claim === 'in-flight') return finish(await awaitOtherInstance(id));

    const run = runListeners(id, events);
    // Every listener returned without a promise: the outcome is known now, so neither the lease renewal
    // nor the ackTimeoutMs timer is armed (two timers per push otherwise).
    if (run.settled === undefined) return finish(await record(id, run.failed));
    run.settled.then(finish);
    return within(run.settled, ackTimeoutMs, () => {
      run.reportOverdue();
      return { ok: false, error: new WxAuditError('HANDLER_TIMEOUT', `Listeners did not settle within ackTimeoutMs (${ackTimeoutMs} ms); the message stays in flight until they do, and WeChat will retry.`) };
    });
  }

  /** Marks the message done when no listener failed, or lets it go so that WeChat's retry can claim it. */
  async function record(id: string, failed: number): Promise<DispatchOutcome> {
    try {
      if (failed === 0) {
        await store.complete(id, owner);
        return { ok: true, duplicate: false };
      }
      await store.release(id, owner);
    } catch (cause) {
      return storeDown(cause);
    }
    return { ok: false, error: new WxAuditError('HANDLER_FAILED', `${failed} listener(s) failed; the message was not recorded as done, so WeChat will retry.`) };
  }

  /**
   * Calls the listeners of every event. `settled` is undefined when all of them returned synchronously;
   * otherwise it resolves to the outcome once the last promise settles, while the claim's lease is renewed.
   */
  function runListeners(id: string, events: DispatchedEvent[]) {
    const failures: Array<{ event: DispatchedEvent; error: unknown }> = [];
    const pending: Array<{ event: DispatchedEvent; done: boolean; promise: Promise<unknown> }> = [];
    for (const event of events) {
      for (const call of callListeners(emitter, event.type, event)) {
        if (call.threw) failures.push({ event, error: call.error });
        else if (call.pending) pending.push({ event, done: false, promise: call.pending });
      }
    }
    // Reported once every listener has been called, as a rejected promise would be.
    const failed = failures.length;
    for (const { event, error } of failures) notify(emitter, 'handlerError', { type: 'handlerError', event, error });
    if (pending.length === 0) return { failed, settled: undefined, reportOverdue: () => undefined };

    // Through a promise chain: a store of the user's own may throw synchronously or answer without a promise,
    // and either would otherwise escape this timer as an uncaught exception.
    const renew = setInterval(() => void Promise.resolve().then(() => store.renew(id, owner, leaseMs)).catch(() => undefined), Math.max(10, Math.floor(leaseMs / 3)));
    renew.unref();
    for (const call of pending) {
      call.promise.then(
        () => (call.done = true),
        (error: unknown) => {
          call.done = true;
          notify(emitter, 'handlerError', { type: 'handlerError', event: call.event, error });
        },
      );
    }
    const settled = Promise.allSettled(pending.map((c) => c.promise)).then((results): Promise<DispatchOutcome> => {
      clearInterval(renew);
      return record(id, failed + results.filter((r) => r.status === 'rejected').length);
    });

    const reportOverdue = () => {
      for (const call of pending) {
        if (call.done) continue;
        const error = new WxAuditError('HANDLER_TIMEOUT', `A ${call.event.type} listener did not settle within ackTimeoutMs (${ackTimeoutMs} ms).`);
        notify(emitter, 'handlerError', { type: 'handlerError', event: call.event, error });
      }
    };
    return { failed, settled, reportOverdue };
  }

  /** Another instance holds the claim: poll the shared store until it is done, released, or we run out of time. */
  async function awaitOtherInstance(id: string): Promise<DispatchOutcome> {
    const deadline = Date.now() + ackTimeoutMs;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      let state;
      try {
        state = await store.state(id);
      } catch (cause) {
        return storeDown(cause);
      }
      if (state === 'done') return { ok: true, duplicate: true };
      if (state === 'none') return notYet('The first delivery of this message failed or was abandoned; WeChat will retry.');
    }
    return notYet('The first delivery of this message is still being handled; WeChat will retry.');
  }

  return {
    dispatch,
    get inFlight() {
      return running.size;
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function within<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(onTimeout()), ms);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
