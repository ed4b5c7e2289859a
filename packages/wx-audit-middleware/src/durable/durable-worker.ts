import type { EventEmitter } from 'node:events';
import { invokeListeners, type ListenerTimer } from '../dispatch/listeners.js';
import { leaseRenewal } from '../dispatch/lease-renewal.js';
import { settleWithin } from '../dispatch/settle-within.js';
import { isWxAuditError, WxAuditError } from '../errors.js';
import type { AnyDispatchedEvent } from '../events/types.js';
import { createReporter, type Reporter } from '../dispatch/reporter.js';
import type { RedisConnection } from '../stores/redis-client.js';
import type { IdempotencyStore } from '../stores/store.js';
import type { RunTracer } from '../telemetry/telemetry.js';
import { ACK, DEAD_LETTER } from './durable-scripts.js';

export interface DurableConfig {
  stream: string;
  group: string;
  consumer: string;
  deadLetter: string;
  /** Hash of entry id → listener runs started, so that attempts survive a crash. */
  attemptsKey: string;
  maxAttempts: number;
  backoff: (attempt: number) => number;
  concurrency: number;
  claimIdleMs: number;
  leaseMs: number;
  /** Listeners still running after this long are given up (HANDLER_ABANDONED), ms. */
  handlerTimeoutMs: number;
  blockMs: number;
}

export interface DurableWorker {
  readonly active: number;
  drain(): Promise<void>;
  /**
   * Stops reading at once (retries waiting out their backoff are not run), waits up to `timeoutMs` for
   * the listeners running now; unfinished entries stay pending for the others (or the next start).
   */
  stop(timeoutMs: number): Promise<void>;
}

interface Entry {
  id: string;
  events: AnyDispatchedEvent[];
  raw: { events: string };
}

const noop = () => undefined;

/**
 * Consumes the stream in a consumer group: new entries with XREADGROUP, entries whose consumer went
 * quiet with XAUTOCLAIM. Each entry's listeners run under the idempotency store's claim, so a
 * re-delivered entry never runs successfully twice; failures retry with backoff, then dead-letter.
 */
export function startDurableWorker(context: {
  emitter: EventEmitter;
  store: IdempotencyStore;
  redis: RedisConnection;
  blocking: RedisConnection;
  config: DurableConfig;
  reporter?: Reporter;
  listenerTimer?: ListenerTimer;
  /** A span around each run (telemetry with a tracer). */
  traceRun?: RunTracer;
}): DurableWorker {
  const { emitter, store, redis, blocking, config: c } = context;
  const reporter = context.reporter ?? createReporter(emitter, undefined);
  const active = new Map<string, Promise<void>>();
  let stopped = false;
  let wake!: () => void;
  const stopSignal = new Promise<void>((resolve) => (wake = resolve));
  const pause = (ms: number) => Promise.race([new Promise<void>((r) => setTimeout(r, ms).unref()), stopSignal]);

  async function ack(entryId: string) {
    await redis.eval(ACK, [c.stream, c.attemptsKey], [c.group, entryId]);
  }
  async function deadLetter(entryId: string, entry: Pick<Entry, 'id' | 'raw'>, error: string, attempts: number) {
    await redis.eval(DEAD_LETTER, [c.stream, c.attemptsKey, c.deadLetter], [c.group, entryId, entry.id, entry.raw.events, error, attempts, Date.now()]);
  }

  /**
   * Runs every listener of the entry's events; the store lease is renewed while they run. A run still
   * unsettled after handlerTimeoutMs is given up as failed (the listener cannot be stopped, but it no
   * longer holds a slot of `concurrency`, and its late outcome is not reported).
   */
  async function runListeners(entry: Entry): Promise<{ ok: true } | { ok: false; error: unknown }> {
    const renew = setInterval(leaseRenewal(store, { id: entry.id, owner: c.consumer, leaseMs: c.leaseMs }, reporter), Math.max(10, Math.floor(c.leaseMs / 3)));
    renew.unref();
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const pending: Array<{ event: AnyDispatchedEvent; done: boolean; run: Promise<unknown> }> = [];
      for (const event of entry.events) {
        for (const run of invokeListeners(emitter, event.type, event, context.listenerTimer)) {
          const call = { event, done: false, run };
          call.run = run.then(
            () => void (call.done = true),
            (error: unknown) => {
              call.done = true;
              if (!abandoned) reporter.handlerError({ type: 'handlerError', event, error });
              throw error;
            },
          );
          pending.push(call);
        }
      }
      const settled = Promise.allSettled(pending.map((p) => p.run)).then((results) => {
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        return failed ? { ok: false as const, error: failed.reason } : { ok: true as const };
      });
      const giveUp = new Promise<{ ok: false; error: unknown }>((resolve) => {
        timer = setTimeout(() => {
          abandoned = true;
          const error = new WxAuditError(
            'HANDLER_ABANDONED',
            `A listener had not settled after handlerTimeoutMs (${c.handlerTimeoutMs} ms); the run was given up as failed (retried after its backoff, then dead-lettered) and its late outcome is ignored.`,
          );
          for (const call of pending) if (!call.done) reporter.handlerError({ type: 'handlerError', event: call.event, error });
          resolve({ ok: false, error });
        }, c.handlerTimeoutMs);
        timer.unref();
      });
      return await Promise.race([settled, giveUp]);
    } finally {
      clearTimeout(timer);
      clearInterval(renew);
    }
  }

  /** Records the outcome of listeners that ran; a failure is reported (storeError) before it leaves the entry pending. */
  async function recorded(operation: 'complete' | 'release', id: string, call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      reporter.storeError({ type: 'storeError', operation, id, error });
      throw error;
    }
  }

  async function countAttempt(entryId: string): Promise<number> {
    return Number(await redis.call('HINCRBY', c.attemptsKey, entryId, 1));
  }

  async function handle(entryId: string, fields: unknown) {
    // Heartbeat: resetting the entry's idle time tells the other consumers it is still being worked on.
    const heartbeat = setInterval(() => void redis.call('XCLAIM', c.stream, c.group, c.consumer, 0, entryId, 'JUSTID').catch(noop), Math.max(10, Math.floor(c.claimIdleMs / 3)));
    heartbeat.unref();
    const entry = parseEntry(fields);
    try {
      if (!entry) return await deadLetter(entryId, { id: '', raw: { events: JSON.stringify(fields) } }, 'ENTRY_MALFORMED: not an entry written by wx-audit', 0);
      await run(entryId, entry);
    } catch (error) {
      // A store value wx-audit never wrote: no retry can change it. Reported and dead-lettered (an operator
      // replays it once the key is dealt with) rather than retried for ever.
      if (entry && isWxAuditError(error) && error.code === 'STORE_VALUE_UNEXPECTED') {
        if (entry.events[0]) reporter.handlerError({ type: 'handlerError', event: entry.events[0], error });
        await deadLetter(entryId, entry, `${error.code}: ${error.message}`, 0).catch(noop);
      }
      // Otherwise Redis is unreachable: the entry stays pending and is taken over (by anyone) after claimIdleMs.
    } finally {
      clearInterval(heartbeat);
      active.delete(entryId);
    }
  }

  async function run(entryId: string, entry: Entry) {
    let heldSince: number | undefined;
    while (!stopped) {
      const claim = await store.claim(entry.id, c.consumer, c.leaseMs);
      if (claim === 'done') return await ack(entryId);
      if (claim === 'in-flight') {
        // A consumer that died mid-run still holds the claim until its lease lapses, within leaseMs.
        heldSince ??= Date.now();
        if (Date.now() - heldSince < 2 * c.leaseMs) {
          await pause(Math.min(c.leaseMs, 1000));
          continue;
        }
        // Held past that: its owner is alive and renewing. Leave the entry pending (looked at again after
        // claimIdleMs, by whoever takes it over); each such give-up is an attempt, so it ends dead-lettered.
        const attempt = await countAttempt(entryId);
        if (attempt >= c.maxAttempts) return await deadLetter(entryId, entry, `CLAIM_HELD: another consumer held the claim of this id for over ${2 * c.leaseMs} ms each time`, attempt);
        return;
      }
      heldSince = undefined;
      const attempt = await countAttempt(entryId);
      if (attempt > c.maxAttempts) {
        // Only reachable when runs died with their process (a listener that crashes it): stop retrying.
        await store.release(entry.id, c.consumer);
        return await deadLetter(entryId, entry, 'ATTEMPTS_EXHAUSTED: no run finished (the process died during a run, or the claim was held)', attempt - 1);
      }
      const result = context.traceRun ? await context.traceRun(entry.events.map((e) => e.type), attempt, () => runListeners(entry)) : await runListeners(entry);
      if (result.ok) {
        await recorded('complete', entry.id, () => store.complete(entry.id, c.consumer));
        return await ack(entryId);
      }
      await recorded('release', entry.id, () => store.release(entry.id, c.consumer));
      if (attempt >= c.maxAttempts) return await deadLetter(entryId, entry, describe(result.error), attempt);
      // stop() wakes this pause and ends the loop: a retry not yet started stays in the stream.
      await pause(c.backoff(attempt));
    }
  }

  function start(entries: Array<[string, unknown]>) {
    // A read under way when stop() was called still returns: leave its entries pending for the others.
    // (Started now, handle() would run its `finally` synchronously, before active.set, and the entry
    // would stay counted for ever: drain() and close() would never end.)
    if (stopped) return;
    for (const [entryId, fields] of entries) {
      if (active.has(entryId) || fields === null) continue;
      active.set(entryId, handle(entryId, fields));
    }
  }

  let groupReady = false;
  async function ensureGroup() {
    try {
      await redis.call('XGROUP', 'CREATE', c.stream, c.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
    groupReady = true;
  }

  /** Takes over entries idle for claimIdleMs: their consumer died (or lost Redis) mid-run. */
  async function reclaim() {
    let cursor = '0-0';
    for (let page = 0; page < 10 && active.size < c.concurrency; page++) {
      const reply = await redis.call('XAUTOCLAIM', c.stream, c.group, c.consumer, c.claimIdleMs, cursor, 'COUNT', c.concurrency - active.size);
      const [next, entries] = reply as [string, Array<[string, unknown]>];
      start(entries.filter((e): e is [string, unknown] => Array.isArray(e)));
      if (next === '0-0') return;
      cursor = next;
    }
  }

  async function loop() {
    let nextReclaim = 0;
    while (!stopped) {
      try {
        if (!groupReady) await ensureGroup();
        if (Date.now() >= nextReclaim) {
          nextReclaim = Date.now() + Math.max(100, Math.floor(c.claimIdleMs / 2));
          await reclaim();
        }
        const free = c.concurrency - active.size;
        if (free <= 0) {
          await Promise.race([...active.values(), stopSignal]);
          continue;
        }
        const block = Math.max(1, Math.min(c.blockMs, nextReclaim - Date.now()));
        const reply = await blocking.call('XREADGROUP', 'GROUP', c.group, c.consumer, 'COUNT', free, 'BLOCK', block, 'STREAMS', c.stream, '>');
        const streams = (reply ?? []) as Array<[string, Array<[string, unknown]>]>;
        for (const [, entries] of streams) start(entries);
      } catch (error) {
        if (stopped) break;
        if (error instanceof Error && error.message.startsWith('NOGROUP')) groupReady = false;
        await pause(250);
      }
    }
  }
  const looping = loop();

  const drain = async () => {
    while (active.size > 0) await Promise.allSettled([...active.values()]);
  };
  return {
    get active() {
      return active.size;
    },
    drain,
    async stop(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      stopped = true;
      wake();
      await blocking.close();
      await looping;
      await settleWithin(drain(), Math.max(0, deadline - Date.now()));
    },
  };
}

function parseEntry(fields: unknown): Entry | undefined {
  if (!Array.isArray(fields)) return undefined;
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(String(fields[i]), String(fields[i + 1]));
  const id = map.get('id');
  const events = map.get('events');
  if (id === undefined || events === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(events);
    return Array.isArray(parsed) ? { id, events: parsed as AnyDispatchedEvent[], raw: { events } } : undefined;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
