import { countedReporter } from './counted-reporter.js';
import { createInstruments } from './instruments.js';
import { loadOtelApi, type OtelApi } from './load-otel-api.js';
import { SCOPE } from './telemetry-names.js';
import type { TelemetryMeter, TelemetryOptions, TelemetryTracer } from './telemetry-options.js';
import type { Telemetry } from './telemetry.js';
import { timedStore } from './timed-store.js';
import { tracedReceive } from './traced-receive.js';
import { tracedRun } from './traced-run.js';

/**
 * The telemetry of one WxAudit, or undefined when there is nothing to record into: `false`, no
 * @opentelemetry/api, or no SDK registered with it (its global providers are no-ops). Decided once,
 * here, so that a request pays nothing for telemetry that is off, not even a no-op span.
 */
export function createTelemetry(option: TelemetryOptions | undefined, loadApi: () => OtelApi | undefined = loadOtelApi): Telemetry | undefined {
  if (option === false) return undefined;
  const given = option ?? {};
  const api = given.tracer && given.meter ? undefined : loadApi();
  const tracer = given.tracer ?? (api ? globalTracer(api) : undefined);
  const meter = given.meter ?? (api ? globalMeter(api) : undefined);
  if (!tracer && !meter) return undefined;
  const instruments = meter ? createInstruments(meter) : undefined;
  return {
    receive: (handle) => tracedReceive(handle, tracer, instruments),
    store: (store) => (instruments ? timedStore(store, instruments.store) : store),
    reporter: (reporter) => (instruments ? countedReporter(reporter, instruments.listenerFailure) : reporter),
    listenerTimer: instruments?.listener,
    traceRun: tracer ? tracedRun(tracer) : undefined,
  };
}

/** The global tracer, unless no SDK registered a provider: the API's proxy then has no delegate to give. */
function globalTracer(api: OtelApi): TelemetryTracer | undefined {
  const provider = api.trace.getTracerProvider();
  if (typeof provider.getDelegateTracer === 'function' && provider.getDelegateTracer(SCOPE) === undefined) return undefined;
  return api.trace.getTracer(SCOPE);
}

/** The global meter, unless it is the API's no-op meter (no SDK registered a provider). */
function globalMeter(api: OtelApi): TelemetryMeter | undefined {
  const meter = api.metrics.getMeter(SCOPE);
  return meter === api.createNoopMeter() ? undefined : meter;
}
