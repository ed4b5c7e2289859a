import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** How one listener call went: returned (a value, or a promise still running), or threw. */
export type ListenerCall = { threw: false; pending?: Promise<unknown> } | { threw: true; error: unknown };

/** Told how long each listener call took, until it returned or its promise settled (telemetry). */
export type ListenerTimer = (eventType: string, ms: number) => void;

/**
 * Calls every listener of `name` synchronously and reports how each call went, without making a promise
 * for a listener that returned a plain value: the dispatcher settles a push whose listeners are all
 * synchronous in the same tick, with no timers (see dispatch.ts). `rawListeners` keeps `once` wrappers
 * (and `events.once()`) working. A sync throw or a thenable whose `then` cannot be read is caught here.
 * Without a `timer`, nothing is timed (no clock read, no extra promise).
 */
export function callListeners(emitter: EventEmitter, name: string, payload: unknown, timer?: ListenerTimer): ListenerCall[] {
  const listeners = emitter.rawListeners(name) as Listener[];
  const calls: ListenerCall[] = [];
  for (const listener of listeners) {
    const started = timer ? performance.now() : 0;
    try {
      const value = listener.call(emitter, payload);
      if (isThenable(value)) {
        const pending = Promise.resolve(value);
        if (timer) {
          const settled = () => timer(name, performance.now() - started);
          pending.then(settled, settled);
        }
        calls.push({ threw: false, pending });
      } else {
        timer?.(name, performance.now() - started);
        calls.push({ threw: false });
      }
    } catch (error) {
      timer?.(name, performance.now() - started);
      calls.push({ threw: true, error });
    }
  }
  return calls;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Calls every listener of `name` and collects how each one settles, as promises. A sync throw or a
 * rejected promise is caught here, so no listener can crash the process with an unhandled rejection.
 */
export function invokeListeners(emitter: EventEmitter, name: string, payload: unknown, timer?: ListenerTimer): Array<Promise<unknown>> {
  return callListeners(emitter, name, payload, timer).map((call) => (call.threw ? Promise.reject(call.error) : (call.pending ?? Promise.resolve())));
}

/** Fire-and-forget notification (`rejected`, `handlerError`): listener failures are swallowed, never re-thrown. */
export function notify(emitter: EventEmitter, name: string, payload: unknown): void {
  for (const call of callListeners(emitter, name, payload)) if (!call.threw) call.pending?.catch(() => undefined);
}
