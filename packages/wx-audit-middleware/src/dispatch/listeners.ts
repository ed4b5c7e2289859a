import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/**
 * Calls every listener of `name` and collects how each one settles. `rawListeners` keeps `once`
 * wrappers (and `events.once()`) working. A sync throw or a rejected promise is caught here, so no
 * listener can crash the process with an unhandled rejection.
 */
export function invokeListeners(emitter: EventEmitter, name: string, payload: unknown): Array<Promise<unknown>> {
  return (emitter.rawListeners(name) as Listener[]).map((listener) => {
    try {
      return Promise.resolve(listener.call(emitter, payload));
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

/** Fire-and-forget notification (`rejected`, `handlerError`): listener failures are swallowed, never re-thrown. */
export function notify(emitter: EventEmitter, name: string, payload: unknown): void {
  for (const run of invokeListeners(emitter, name, payload)) run.catch(() => undefined);
}
