import type { EventEmitter } from 'node:events';
import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { isRegistrationFinal, type CheckAuditStatusResult } from '../events/audit-status.js';
import { describeIssues } from '../events/issues.js';
import type { AuditStatusEvent, WatchErrorEvent } from '../events/types.js';
import { invokeListeners, notify } from '../dispatch/listeners.js';
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

/**
 * What "the status changed" means: the five statuses, the reject reasons and the registered appid.
 * The sign and legal-validation links are left out: WeChat may reissue them on each call, and a new
 * link for the same state is not news.
 */
function statusKey(s: CheckAuditStatusResult): string {
  return JSON.stringify([
    s.registerStatus,
    s.merchantInfoStatus,
    s.acctVerifyStatus,
    s.basicInfoStatus,
    s.paySignStatus,
    s.auditRejectReasons ?? null,
    s.payAuditDetail ? [s.payAuditDetail.paramName, s.payAuditDetail.rejectReason] : null,
    s.registeredAppid ?? null,
  ]);
}

/**
 * Polls one shop's registration status and emits `auditStatus` on `emitter` when it differs from the
 * last one seen (the first one always). Each watch owns its timer, abort controller and last status:
 * watches share nothing. Failed polls are reported as `watchError` and retried after a doubling wait;
 * a failing `auditStatus` listener is reported as `watchError` too, and never stops the watch.
 */
export function watchRegistration(emitter: EventEmitter, options: WatchRegistrationOptions): RegistrationWatch {
  const parsed = watchRegistrationOptionsSchema.safeParse(options);
  if (!parsed.success) throw new WxAuditError('CONFIG_INVALID', `watchRegistration: ${describeIssues(parsed.error)}.`);
  const { api, wxName, intervalMs = 60_000, until = isRegistrationFinal } = parsed.data;
  const maxBackoffMs = Math.max(intervalMs, parsed.data.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let active = true;
  let last: CheckAuditStatusResult | undefined;
  let lastKey: string | undefined;
  let failures = 0;
  let resolveDone!: (result: RegistrationWatchResult) => void;
  const done = new Promise<RegistrationWatchResult>((resolve) => (resolveDone = resolve));

  const finish = (result: RegistrationWatchResult) => {
    if (!active) return;
    active = false;
    clearTimeout(timer);
    timer = undefined;
    controller.abort();
    resolveDone(result);
  };

  const schedule = (ms: number) => {
    if (active) timer = setTimeout(() => void poll(), ms);
  };

  const reportError = (event: Omit<WatchErrorEvent, 'type' | 'wxName'>) => {
    notify(emitter, 'watchError', { type: 'watchError', wxName, ...event } satisfies WatchErrorEvent);
  };

  const emitStatus = (status: CheckAuditStatusResult) => {
    const event: AuditStatusEvent = { type: 'auditStatus', wxName, ...status };
    for (const run of invokeListeners(emitter, 'auditStatus', event)) {
      run.catch((error: unknown) => reportError({ error, event, consecutiveFailures: 0, nextPollInMs: undefined }));
    }
  };

  async function poll(): Promise<void> {
    timer = undefined;
    let status: CheckAuditStatusResult;
    try {
      status = await api.checkAuditStatus({ wxName }, { signal: controller.signal });
    } catch (error) {
      if (!active) return; // stop() aborted the request: not a failure
      failures++;
      const wait = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
      reportError({ error, consecutiveFailures: failures, nextPollInMs: wait });
      schedule(wait);
      return;
    }
    if (!active) return;
    failures = 0;
    last = status;
    const key = statusKey(status);
    if (key !== lastKey) {
      lastKey = key;
      emitStatus(status);
    }
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

  void poll();

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
