import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { isWxAuditError, WxAuditError } from '../errors.js';
import type { AnyDispatchedEvent } from '../events/types.js';
import type { IdempotencyStore } from '../stores/store.js';
import { createReporter, type Reporter, type RequestPlace } from './reporter.js';
import type { DispatchOutcome } from './dispatch-outcome.js';
import { createFlight, type Flight } from './flight.js';
import { leaseRenewal } from './lease-renewal.js';
import { callListeners, type ListenerTimer } from './listeners.js';

export type { DispatchOutcome } from './dispatch-outcome.js';

export interface DispatcherOptions {
  emitter: EventEmitter;
  store: IdempotencyStore;
  ackTimeoutMs: number;
  /** Lease on a claim, renewed every third of it while listeners run. */
  leaseMs: number;
  /** Emits and logs `handlerError` and `handlerSlow`; default: emits them, logs nothing. */
  reporter?: Reporter;
  /** Times each listener call (telemetry); default: nothing is timed. */
  listenerTimer?: ListenerTimer;
}

export interface Dispatcher {
  /** Delivers the events of one message (same `id`) under the delivery rules; never throws. */
  dispatch(id: string, events: AnyDispatchedEvent[], place?: RequestPlace): Promise<DispatchOutcome>;
  /** Messages whose listeners are still running in this process. */
  readonly inFlight: number;
  /** Resolves when every running listener has settled or been abandoned (graceful shutdown, tests). */
  drain(): Promise<void>;
}

export interface LocalDispatcher extends Dispatcher {
  /** Duplicates waiting for a first delivery's outcome, all messages together (at most MAX_WAITERS_PER_ID each). */
  readonly waiting: number;
}

const POLL_MS = 25;

/**
 * A listener still running after this many ackTimeoutMs is abandoned: the message is let go (lease no
 * longer renewed, claim released, HANDLER_ABANDONED reported) so that WeChat's next retry dispatches it
 * again, rather than a hung listener pinning it, and the memory of its re-deliveries, for ever.
 */
export const ABANDON_AFTER_ACK_TIMEOUTS = 10;

export function createDispatcher({ emitter, store, ackTimeoutMs, leaseMs, reporter = createReporter(emitter, undefined), listenerTimer }: DispatcherOptions): LocalDispatcher {
  // One owner per dispatcher: leases tell this instance's claims from another's.
  const owner = randomUUID();
  const running = new Map<string, Flight>();
  const abandonAfterMs = ABANDON_AFTER_ACK_TIMEOUTS * ackTimeoutMs;

  const storeDown = (cause: unknown): DispatchOutcome => ({
    ok: false,
    // A store that reached Redis but found a value it never writes says so itself (STORE_VALUE_UNEXPECTED).
    error: isWxAuditError(cause) && cause.code === 'STORE_VALUE_UNEXPECTED' ? cause : new WxAuditError('STORE_UNAVAILABLE', 'The idempotency store could not be reached; WeChat will retry.', { cause }),
  });
  const notYet = (why: string): DispatchOutcome => ({ ok: false, error: new WxAuditError('DUPLICATE_IN_FLIGHT', why) });

  async function dispatch(id: string, events: AnyDispatchedEvent[], place?: RequestPlace): Promise<DispatchOutcome> {
    const local = running.get(id);
    if (local) {
      return local.wait(
        ackTimeoutMs,
        () => notYet('The first delivery of this message is still being handled; WeChat will retry.'),
        () => notYet('Too many re-deliveries of this message are already waiting for its first delivery; WeChat will retry.'),
      );
    }
    const flight = createFlight();
    running.set(id, flight);
    const finish = (result: DispatchOutcome) => {
      // An abandoned delivery that settles late finds a newer delivery of the same id here: leave it be.
      if (running.get(id) === flight) running.delete(id);
      flight.finish(result);
      return result;
    };

    // WeChat waits 5 s for an answer: the wait for another instance and this run share one ackTimeoutMs.
    const deadline = Date.now() + ackTimeoutMs;
    let claim;
    for (;;) {
      try {
        claim = await store.claim(id, owner, leaseMs);
      } catch (cause) {
        return finish(storeDown(cause));
      }
      if (claim !== 'in-flight') break;
      const waited = await awaitOtherInstance(id, deadline);
      // The other delivery failed, or its lease lapsed (its instance died, or Redis restarted under it):
      // claimed again here while WeChat still waits, rather than answered 503 on what may be its last retry.
      if (waited !== 'released') return finish(waited);
    }
    if (claim === 'done') return finish({ ok: true, duplicate: true });

    const run = runListeners(id, events, place);
    // Every listener returned without a promise: the outcome is known now, so neither the lease renewal
    // nor the ackTimeoutMs timer is armed (two timers per push otherwise).
    if (run.settled === undefined) return finish(await record(id, run.failed, place));
    void run.settled.then(finish);
    return within(run.settled, Math.max(1, deadline - Date.now()), () => {
      run.reportOverdue();
      return {
        ok: false,
        error: new WxAuditError(
          'HANDLER_TIMEOUT',
          `Listeners did not settle within ackTimeoutMs (${ackTimeoutMs} ms); the message stays in flight until they do (for at most ${ABANDON_AFTER_ACK_TIMEOUTS} × ackTimeoutMs), and WeChat will retry. Make the listener faster, raise ackTimeoutMs (below 5000: WeChat gives up after 5 s), or use durable mode (docs/recipes/durable-mode.md).`,
        ),
      };
    });
  }

  /** Marks the message done when no listener failed, or lets it go so that WeChat's retry can claim it. */
  async function record(id: string, failed: number, place: RequestPlace | undefined): Promise<DispatchOutcome> {
    try {
      if (failed === 0) {
        await store.complete(id, owner);
        return { ok: true, duplicate: false };
      }
      await store.release(id, owner);
    } catch (cause) {
      // The listeners ran: whoever answers WeChat (now, or after an overrun nobody waits for), say so.
      reporter.storeError({ type: 'storeError', operation: failed === 0 ? 'complete' : 'release', id, error: cause }, place);
      return storeDown(cause);
    }
    return { ok: false, error: new WxAuditError('HANDLER_FAILED', `${failed} listener(s) failed; the message was not recorded as done, so WeChat will retry.`) };
  }

  /**
   * Calls the listeners of every event. `settled` is undefined when all of them returned synchronously;
   * otherwise it resolves to the outcome once the last promise settles, while the claim's lease is renewed.
   */
  function runListeners(id: string, events: AnyDispatchedEvent[], place: RequestPlace | undefined) {
    const failures: Array<{ event: AnyDispatchedEvent; error: unknown }> = [];
    const pending: Array<{ event: AnyDispatchedEvent; done: boolean; overran: boolean; promise: Promise<unknown> }> = [];
    const startedAt = Date.now();
    for (const event of events) {
      for (const call of callListeners(emitter, event.type, event, listenerTimer)) {
        if (call.threw) failures.push({ event, error: call.error });
        else if (call.pending) pending.push({ event, done: false, overran: false, promise: call.pending });
      }
    }
    // Reported once every listener has been called, as a rejected promise would be.
    const failed = failures.length;
    for (const { event, error } of failures) reporter.handlerError({ type: 'handlerError', event, error }, place);
    if (pending.length === 0) return { failed, settled: undefined, reportOverdue: () => undefined };

    // The renewal timer also counts towards abandonment (at its first tick past the bound, when leaseMs / 3
    // is the longer): no timer more per push for a bound rarely reached.
    const every = Math.max(10, Math.floor(leaseMs / 3));
    let ticksLeft = Math.ceil(abandonAfterMs / every);
    let abandon!: (outcome: DispatchOutcome) => void;
    const abandoned = new Promise<DispatchOutcome>((resolve) => (abandon = resolve));
    let gaveUp: DispatchOutcome | undefined;
    const renewLease = leaseRenewal(store, { id, owner, leaseMs }, reporter, place);
    const renew = setInterval(() => {
      if (--ticksLeft > 0) return renewLease();
      clearInterval(renew);
      // Released rather than left to lapse: WeChat's next retry can claim it at once.
      void storeCall(() => store.release(id, owner)).catch((error: unknown) => reporter.storeError({ type: 'storeError', operation: 'release', id, error }, place));
      const error = new WxAuditError(
        'HANDLER_ABANDONED',
        `A listener had not settled after ${abandonAfterMs} ms (${ABANDON_AFTER_ACK_TIMEOUTS} × ackTimeoutMs); the message was let go, so WeChat's next retry dispatches it again and this run's late outcome is ignored.`,
      );
      for (const call of pending) if (!call.done) reporter.handlerError({ type: 'handlerError', event: call.event, error }, place);
      gaveUp = { ok: false, error };
      abandon(gaveUp);
    }, every);
    renew.unref();
    for (const call of pending) {
      call.promise.then(
        () => {
          call.done = true;
          // An overrun that ended well is not a failure: reported apart, so that handlerError pages only for real ones.
          if (call.overran && !gaveUp) reporter.handlerSlow({ type: 'handlerSlow', event: call.event, elapsedMs: Date.now() - startedAt, ackTimeoutMs }, place);
        },
        (error: unknown) => {
          call.done = true;
          // Once abandoned, a call was already reported (HANDLER_ABANDONED) and its late outcome is ignored.
          if (!gaveUp) reporter.handlerError({ type: 'handlerError', event: call.event, error }, place);
        },
      );
    }
    const finished = Promise.allSettled(pending.map((c) => c.promise)).then((results): DispatchOutcome | Promise<DispatchOutcome> => {
      clearInterval(renew);
      // Given up on: the store is not told (the same owner may hold a newer claim of this id by now).
      if (gaveUp) return gaveUp;
      return record(id, failed + results.filter((r) => r.status === 'rejected').length, place);
    });
    const settled = Promise.race([finished, abandoned]);

    // Not a handlerError yet: the listener may still succeed (handlerSlow), fail (handlerError with its own
    // error) or hang (HANDLER_ABANDONED). The overrun is logged now, so that it is seen while it lasts.
    const reportOverdue = () => {
      for (const call of pending) {
        if (call.done) continue;
        call.overran = true;
        reporter.overrun(call.event, ackTimeoutMs, place);
      }
    };
    return { failed, settled, reportOverdue };
  }

  /** Another instance holds the claim: poll the shared store until it is done, released (claim it then), or the deadline. */
  async function awaitOtherInstance(id: string, deadline: number): Promise<DispatchOutcome | 'released'> {
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      let state;
      try {
        state = await store.state(id);
      } catch (cause) {
        return storeDown(cause);
      }
      if (state === 'done') return { ok: true, duplicate: true };
      if (state === 'none') return 'released';
    }
    return notYet('The first delivery of this message is still being handled; WeChat will retry.');
  }

  return {
    dispatch,
    get inFlight() {
      return running.size;
    },
    get waiting() {
      let waiting = 0;
      for (const flight of running.values()) waiting += flight.waiting;
      return waiting;
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running.values()].map((flight) => flight.settled));
    },
  };
}

/**
 * Through a promise chain: a store of the user's own may throw synchronously or answer without a promise,
 * and either would otherwise escape a timer as an uncaught exception. The caller reports a failure
 * (storeError); a lease that is not renewed or released lapses by itself.
 */
function storeCall<T>(call: () => T | Promise<T>): Promise<T> {
  return Promise.resolve().then(call);
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
