import type { EventEmitter } from 'node:events';
import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { isRegistrationFinal, type CheckAuditStatusResult } from '../events/audit-status.js';
import { describeIssues } from '../events/issues.js';
import type { AuditStatusEvent, WatchErrorEvent } from '../events/types.js';
import { invokeListeners, notify } from '../dispatch/listeners.js';
import { settleWithin } from '../dispatch/settle-within.js';
import type { SharedStateStore } from '../stores/store.js';
import { createLocalStatusGate, createSharedStatusGate, type EmitStatus } from './status-gate.js';
import type { WxApiClient } from './wx-api-client.js';

const isFunction = (v: unknown) => typeof v === 'function';

/** Options of `audit.watchRegistration`; the TypeScript type derives from this schema. */
export const watchRegistrationOptionsSchema = z
  .object({
    /** What to poll: a client from `createWxApiClient`, or anything with the same `checkAuditStatus`. */
    api: z.custom<Pick<WxApiClient, 'checkAuditStatus'>>(
      (v) => typeof v === 'object' && v !== null && isFunction((v as Record<string, unknown>).checkAuditStatus),
      'an object with checkAuditStatus (createWxApiClient)',
    ),
    /** The shop's WeChat id. */
    wxName: z.string().min(1),
    /** Time between two polls, ms. Default 60000. The first poll starts at once. */
    intervalMs: z.number().int().positive().optional(),
    /** Longest wait after failed polls (the wait doubles with each failure in a row), ms. Default 30 minutes, at least intervalMs. */
    maxBackoffMs: z.number().int().positive().optional(),
    /**
     * With a shared store: how long the polling instance's lease lasts unrenewed, ms. Another instance
     * takes over about this long after the poller died. Default 30000; renewed every third of it.
     */
    leaseMs: z.number().int().positive().optional(),
    /** When the watch stops by itself. Default `isRegistrationFinal`: approved, or an item frozen. */
    until: z.custom<(status: CheckAuditStatusResult) => boolean>(isFunction, 'a function of the status').optional(),
  })
  .strict();

export type WatchRegistrationOptions = z.input<typeof watchRegistrationOptionsSchema>;

export type RegistrationWatchResult =
  | { reason: 'final'; status: CheckAuditStatusResult }
  | { reason: 'stopped'; status: CheckAuditStatusResult | undefined };

export interface RegistrationWatch {
  readonly wxName: string;
  /** Stops polling: clears the timer and aborts a request under way. Idempotent. */
  stop(): void;
  /** Resolves (never rejects) when the watch ends: a final status was seen, or `stop()` was called. */
  readonly done: Promise<RegistrationWatchResult>;
  /** The latest status polled successfully. */
  readonly last: CheckAuditStatusResult | undefined;
  readonly active: boolean;
}

const DEFAULT_MAX_BACKOFF_MS = 30 * 60_000;
const DEFAULT_LEASE_MS = 30_000;

/** What the watch shares with other watches of the same shop: a store with leases and shared values. */
export interface WatchSharing {
  store: SharedStateStore;
}

/**
 * Polls one shop's registration status and emits `auditStatus` on `emitter` when it differs from the
 * last one seen (the first one always). On its own, a watch owns its timer, abort controller and last
 * status. With `sharing`, the watches of one shop on every instance poll once between them and emit each
 * change once (see status-gate.ts). Failed polls are reported as `watchError` and retried after a
 * doubling wait; a failing `auditStatus` listener is reported as `watchError` too, and never stops the watch.
 */
export function watchRegistration(emitter: EventEmitter, options: WatchRegistrationOptions, sharing?: WatchSharing): RegistrationWatch {
  const parsed = watchRegistrationOptionsSchema.safeParse(options);
  if (!parsed.success) throw new WxAuditError('CONFIG_INVALID', `watchRegistration: ${describeIssues(parsed.error)}.`);
  const { api, wxName, intervalMs = 60_000, until = isRegistrationFinal, leaseMs = DEFAULT_LEASE_MS } = parsed.data;
  const maxBackoffMs = Math.max(intervalMs, parsed.data.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
  // A watch waiting for the lease looks again this often, so it takes over soon after the lease lapses.
  const standbyMs = Math.min(intervalMs, Math.max(1, Math.floor(leaseMs / 2)));

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let active = true;
  let last: CheckAuditStatusResult | undefined;
  let failures = 0;
  let resolveDone!: (result: RegistrationWatchResult) => void;
  const done = new Promise<RegistrationWatchResult>((resolve) => (resolveDone = resolve));

  const reportError = (event: Omit<WatchErrorEvent, 'type' | 'wxName'>) => {
    notify(emitter, 'watchError', { type: 'watchError', wxName, ...event } satisfies WatchErrorEvent);
  };

  const emitStatus: EmitStatus = (status, id) => {
    if (!active) return false;
    const event: AuditStatusEvent = { type: 'auditStatus', id, wxName, ...status };
    for (const run of invokeListeners(emitter, 'auditStatus', event)) {
      run.catch((error: unknown) => reportError({ error, event, consecutiveFailures: 0, nextPollInMs: undefined }));
    }
    return true;
  };

  const gate = sharing
    ? createSharedStatusGate({
        store: sharing.store,
        wxName,
        leaseMs,
        emit: emitStatus,
        onRenewError: (error) => reportError({ error, consecutiveFailures: failures, nextPollInMs: undefined }),
      })
    : createLocalStatusGate(wxName, emitStatus);

  const finish = (result: RegistrationWatchResult) => {
    if (!active) return;
    active = false;
    clearTimeout(timer);
    timer = undefined;
    controller.abort();
    // A shared watch frees its lease first, so that another instance need not wait for it to lapse.
    const freeing = gate.stop();
    if (freeing) void settleWithin(freeing, RELEASE_WAIT_MS).then(() => resolveDone(result));
    else resolveDone(result);
  };

  const schedule = (ms: number) => {
    if (active) timer = setTimeout(() => void tick(), ms);
  };

  /** A failed poll or store call: reported, then tried again after a doubling wait. */
  const fail = (error: unknown) => {
    failures++;
    const wait = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
    reportError({ error, consecutiveFailures: failures, nextPollInMs: wait });
    schedule(wait);
  };

  async function tick(): Promise<void> {
    timer = undefined;
    let status: CheckAuditStatusResult;
    try {
      if (!(await gate.mayPoll())) {
        schedule(standbyMs); // another watch of this shop polls for us
        return;
      }
      if (!active) return;
      status = await api.checkAuditStatus({ wxName }, { signal: controller.signal });
      if (!active) return;
      last = status;
      await gate.record(status);
    } catch (error) {
      if (active) fail(error); // else stop() aborted the request: not a failure
      return;
    }
    if (!active) return;
    failures = 0;
    let final: boolean;
    try {
      final = until(status);
    } catch (error) {
      // A throwing `until` is a bug in the caller's predicate: report it and keep watching.
      reportError({ error, consecutiveFailures: 0, nextPollInMs: intervalMs });
      final = false;
    }
    if (final) finish({ reason: 'final', status });
    else schedule(intervalMs);
  }

  void tick();

  return {
    wxName,
    stop: () => finish({ reason: 'stopped', status: last }),
    done,
    get last() {
      return last;
    },
    get active() {
      return active;
    },
  };
}

/** Longest `done` waits for the lease to be freed: a store that does not answer cannot hold it. */
const RELEASE_WAIT_MS = 1000;
