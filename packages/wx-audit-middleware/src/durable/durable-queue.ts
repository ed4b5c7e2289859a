import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { Dispatcher, DispatchOutcome } from '../dispatch/dispatch.js';
import { WxAuditError } from '../errors.js';
import { openRedis } from '../stores/redis-client.js';
import type { IdempotencyStore } from '../stores/store.js';
import type { Reporter } from '../dispatch/reporter.js';
import type { ListenerTimer } from '../dispatch/listeners.js';
import type { RunTracer } from '../telemetry/telemetry.js';
import type { DurableOptions } from './durable-options.js';
import { unexpectedStoreValue } from '../stores/store-keys.js';
import { durableKeys, sameSlotOnCluster } from './durable-keys.js';
import { ENQUEUE } from './durable-scripts.js';
import { createDeadLetters, type DeadLetters } from './dead-letters.js';
import { startDurableWorker, type DurableConfig } from './durable-worker.js';

export interface DurableDispatcher extends Dispatcher {
  /**
   * Stops consuming (no entry is read or started after this call, retries waiting out their backoff
   * included), waits up to `timeoutMs` for the listeners running now, then closes the connections this
   * queue opened. What did not finish stays pending in the stream for another instance or the next start.
   */
  close(options: { timeoutMs: number }): Promise<void>;
  /** The dead letters of this queue, through its connection. */
  readonly deadLetters: DeadLetters;
}

/** Default waits between runs: 1 s, 2 s, 4 s… capped at 60 s. */
export function exponentialBackoff(baseMs = 1000, maxMs = 60_000): (attempt: number) => number {
  return (attempt) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Durable mode's dispatcher: a verified push is acknowledged once it is in the stream; the worker runs it. */
export function createDurableDispatcher(context: {
  emitter: EventEmitter;
  store: IdempotencyStore;
  options: DurableOptions;
  reporter?: Reporter;
  /** Times each listener call the worker makes (telemetry). */
  listenerTimer?: ListenerTimer;
  traceRun?: RunTracer;
}): DurableDispatcher {
  const o = context.options;
  const keys = durableKeys({ keyPrefix: o.keyPrefix ?? 'wx-audit:', stream: o.stream, deadLetter: o.deadLetter });
  if (o.client ? o.client.isCluster === true : o.cluster !== undefined) sameSlotOnCluster(keys);
  const ttlSeconds = o.ttlSeconds ?? 86_400;
  const blockMs = o.blockMs ?? 2000;
  const backoff = typeof o.backoff === 'function' ? o.backoff : exponentialBackoff(o.backoff?.baseMs, o.backoff?.maxMs);
  const config: DurableConfig = {
    stream: keys.stream,
    group: o.group ?? 'wx-audit',
    consumer: o.consumer ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    deadLetter: keys.deadLetter,
    attemptsKey: keys.attempts,
    maxAttempts: o.maxAttempts ?? 5,
    backoff,
    concurrency: o.concurrency ?? 8,
    claimIdleMs: o.claimIdleMs ?? 30_000,
    leaseMs: o.leaseMs ?? 30_000,
    handlerTimeoutMs: o.handlerTimeoutMs ?? 600_000,
    blockMs,
  };
  const redis = openRedis({ url: o.url, cluster: o.cluster, client: o.client, commandTimeoutMs: o.commandTimeoutMs ?? 1000 });
  const blocking = redis.duplicate(blockMs);
  const worker = startDurableWorker({ emitter: context.emitter, store: context.store, redis, blocking, config, reporter: context.reporter, listenerTimer: context.listenerTimer, traceRun: context.traceRun });

  async function dispatch(id: string, events: Parameters<Dispatcher['dispatch']>[1]): Promise<DispatchOutcome> {
    let serialized: string;
    try {
      serialized = JSON.stringify(events);
    } catch (cause) {
      // Only a user's own event (defineEvent) can hold what JSON cannot (a BigInt, a cycle): say so, rather
      // than blame Redis. Answered 500, so WeChat retries once the definition is fixed.
      const types = [...new Set(events.map((event) => event.type))].join(', ');
      return { ok: false, error: new WxAuditError('INTERNAL_ERROR', `Durable mode stores a push's events as JSON, and the fields of ${types} are not JSON values (a BigInt, a cycle…): make the defineEvent schema's output plain JSON.`, { cause }) };
    }
    try {
      // One entry per message: a re-delivery of a push already in the stream is acknowledged as it is.
      const marker = keys.queued(id);
      const entryId = await redis.eval(ENQUEUE, [keys.stream, marker], [ttlSeconds, id, serialized, Date.now()]);
      if (entryId === 'unexpected') return { ok: false, error: unexpectedStoreValue(marker) };
      return { ok: true, duplicate: entryId === null };
    } catch (cause) {
      return {
        ok: false,
        error: new WxAuditError('STORE_UNAVAILABLE', 'The durable queue (Redis) could not be reached, so the push was not acknowledged; WeChat will retry.', { cause }),
      };
    }
  }

  return {
    dispatch,
    get inFlight() {
      return worker.active;
    },
    drain: () => worker.drain(),
    deadLetters: createDeadLetters(redis, keys),
    async close({ timeoutMs }) {
      await worker.stop(timeoutMs);
      await redis.close();
    },
  };
}
