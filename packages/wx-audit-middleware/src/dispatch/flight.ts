import type { DispatchOutcome } from './dispatch-outcome.js';

/**
 * Most duplicates of one message that wait at once for its first delivery's outcome; past it, a duplicate
 * is answered at once (503, WeChat retries). A listener that never settles would otherwise let each
 * re-delivery hold a timer and a closure for as long as the process runs (security review #19).
 */
export const MAX_WAITERS_PER_ID = 16;

const DUPLICATE: DispatchOutcome = { ok: true, duplicate: true };

/** A message whose first delivery is running in this process, and the duplicates waiting for it. */
export interface Flight {
  /** Resolves once, with the first delivery's outcome (or its abandonment). */
  readonly settled: Promise<DispatchOutcome>;
  /** Duplicates waiting now. */
  readonly waiting: number;
  /**
   * Waits up to `ms` for the outcome. A waiter that times out is forgotten at once: nothing of it stays
   * attached to a first delivery that may never end.
   */
  wait(ms: number, timedOut: () => DispatchOutcome, full: () => DispatchOutcome): Promise<DispatchOutcome>;
  /**
   * Settles `settled` with `outcome` and answers every waiter with it, a success as a duplicate: a
   * re-delivery acknowledged because its first delivery succeeded is not a second delivery (telemetry
   * counts it as a duplicate). Later calls change nothing.
   */
  finish(outcome: DispatchOutcome): void;
}

export function createFlight(): Flight {
  const waiters = new Set<(outcome: DispatchOutcome) => void>();
  let resolve!: (outcome: DispatchOutcome) => void;
  const settled = new Promise<DispatchOutcome>((r) => (resolve = r));
  return {
    settled,
    get waiting() {
      return waiters.size;
    },
    wait(ms, timedOut, full) {
      if (waiters.size >= MAX_WAITERS_PER_ID) return Promise.resolve(full());
      return new Promise<DispatchOutcome>((answer) => {
        const wake = (outcome: DispatchOutcome) => {
          clearTimeout(timer);
          answer(outcome);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          answer(timedOut());
        }, ms);
        waiters.add(wake);
      });
    },
    finish(outcome) {
      const answer = outcome.ok ? DUPLICATE : outcome;
      for (const wake of waiters) wake(answer);
      waiters.clear();
      resolve(outcome);
    },
  };
}
