import type { Reporter } from '../dispatch/reporter.js';
import type { ListenerTimer } from '../dispatch/listeners.js';
import type { IdempotencyStore } from '../stores/store.js';
import type { Answer, InboundRequest } from '../verify/inbound-request.js';

/** Which of its three doors a request came through; `other` for a method WeChat never uses. */
export type RequestKind = 'url-verification' | 'push' | 'info-update' | 'other';

/** How a request ended: answered, a re-delivery, a `rejected` refusal, or listeners (or their store) that failed. */
export type RequestOutcome = 'acknowledged' | 'duplicate' | 'refused' | 'failed';

/** What receive() learns about one request on the way, for its span and metrics. Made only when telemetry is on. */
export interface RequestNote {
  kind: RequestKind;
  /** A `rejected` event was reported (its code is `code`). */
  refused: boolean;
  /** A re-delivery: already done (acknowledged) or still being handled (503 DUPLICATE_IN_FLIGHT). */
  duplicate: boolean;
  /** The error code of a refusal or a failed dispatch. */
  code: string | undefined;
  eventTypes: string[] | undefined;
}

export type Receive = (request: InboundRequest) => Promise<Answer>;
/** receive() taking a note to fill in; without one it does nothing more than before. */
export type NotedReceive = (request: InboundRequest, note?: RequestNote) => Promise<Answer>;

/**
 * What the receiver, the dispatchers and the store are wrapped with when telemetry is on. When it is
 * off (no provider, no @opentelemetry/api, `telemetry: false`) there is no Telemetry at all, and
 * nothing is wrapped.
 */
export interface Telemetry {
  /** A span per request (with a tracer) and the request counters (with a meter). */
  receive(handle: NotedReceive): Receive;
  /** Times claim, complete, release, state and renew (with a meter); else the store itself. */
  store(store: IdempotencyStore): IdempotencyStore;
  /** Counts every reported listener failure (with a meter); else the reporter itself. */
  reporter(reporter: Reporter): Reporter;
  /** Records each listener call's duration (with a meter). */
  readonly listenerTimer: ListenerTimer | undefined;
  /** Durable mode: a span around each run of a queued push's listeners (with a tracer). */
  readonly traceRun: RunTracer | undefined;
}

/** How one durable-mode run of a push's listeners ended. */
export type RunResult = { ok: true } | { ok: false; error: unknown };

/** Runs `run` inside a span named for it: the event types, the attempt, how it ended. */
export type RunTracer = (eventTypes: string[], attempt: number, run: () => Promise<RunResult>) => Promise<RunResult>;
