import type { TelemetryAttributes, TelemetryMeter } from './telemetry-options.js';
import { ATTR, METRIC } from './telemetry-names.js';
import type { RequestKind, RequestNote, RequestOutcome } from './telemetry.js';

export type StoreOperation = 'claim' | 'complete' | 'release' | 'state' | 'renew';

/** The `wx_audit.*` instruments, recorded with attribute sets made once per distinct value. */
export interface Instruments {
  request(note: RequestNote, outcome: RequestOutcome): void;
  listener(eventType: string, ms: number): void;
  listenerFailure(eventType: string): void;
  store(operation: StoreOperation, ms: number): void;
}

// Listeners answer WeChat within ackTimeoutMs (4,000 by default, 5,000 at most) or overrun it.
const LISTENER_BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 4000, 5000, 10_000, 30_000];
// A memory store answers in microseconds, Redis in about a millisecond, a timeout in commandTimeoutMs.
const STORE_BUCKETS_MS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

export function createInstruments(meter: TelemetryMeter): Instruments {
  const requests = meter.createCounter(METRIC.requests, { description: 'Inbound requests, by kind and outcome.' });
  const refusals = meter.createCounter(METRIC.refusals, { description: 'Requests refused (a `rejected` event), by code.' });
  const duplicates = meter.createCounter(METRIC.duplicates, { description: 'Re-deliveries of a message already done or being handled.' });
  const listenerDuration = meter.createHistogram(METRIC.listenerDuration, {
    description: 'Time from calling a listener until it returned or its promise settled.',
    unit: 'ms',
    advice: { explicitBucketBoundaries: LISTENER_BUCKETS_MS },
  });
  const listenerFailures = meter.createCounter(METRIC.listenerFailures, { description: 'Listener failures reported as handlerError, by event type.' });
  const storeDuration = meter.createHistogram(METRIC.storeDuration, {
    description: 'Time the idempotency store took, by operation.',
    unit: 'ms',
    advice: { explicitBucketBoundaries: STORE_BUCKETS_MS },
  });

  const requestAttributes = cache((key: `${RequestKind} ${RequestOutcome}`) => {
    const [kind, outcome] = key.split(' ');
    return { [ATTR.kind]: kind!, [ATTR.outcome]: outcome! };
  });
  const refusalAttributes = cache((key: `${RequestKind} ${string}`) => {
    const at = key.indexOf(' ');
    return { [ATTR.kind]: key.slice(0, at), [ATTR.code]: key.slice(at + 1) };
  });
  const kindAttributes = cache((kind: RequestKind) => ({ [ATTR.kind]: kind }));
  const eventAttributes = cache((eventType: string) => ({ [ATTR.eventType]: eventType }));
  const storeAttributes = cache((operation: StoreOperation) => ({ [ATTR.storeOperation]: operation }));

  return {
    request(note, outcome) {
      requests.add(1, requestAttributes(`${note.kind} ${outcome}`));
      if (note.refused) refusals.add(1, refusalAttributes(`${note.kind} ${note.code ?? 'INTERNAL_ERROR'}`));
      if (note.duplicate) duplicates.add(1, kindAttributes(note.kind));
    },
    listener: (eventType, ms) => listenerDuration.record(ms, eventAttributes(eventType)),
    listenerFailure: (eventType) => listenerFailures.add(1, eventAttributes(eventType)),
    store: (operation, ms) => storeDuration.record(ms, storeAttributes(operation)),
  };
}

/**
 * One frozen attribute set per key, made on first use. The keys are bounded: request kinds, outcomes,
 * error codes and event types are wx-audit's own names, never request content.
 */
function cache<K extends string>(make: (key: K) => TelemetryAttributes): (key: K) => TelemetryAttributes {
  const made = new Map<K, TelemetryAttributes>();
  return (key) => {
    let attributes = made.get(key);
    if (attributes === undefined) {
      attributes = Object.freeze(make(key));
      made.set(key, attributes);
    }
    return attributes;
  };
}
