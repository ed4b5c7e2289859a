import { z } from 'zod';

/**
 * What wx-audit calls on a span. Structural, so that an `@opentelemetry/api` Span is one without
 * these types (and the package's own) depending on `@opentelemetry/api` being installed.
 */
export interface TelemetrySpan {
  setAttribute(key: string, value: string | number | boolean | string[]): unknown;
  /** `code` 2 is SpanStatusCode.ERROR. */
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** Attributes of a span or a measurement. */
export type TelemetryAttributes = Record<string, string | number | boolean | string[]>;

/** What wx-audit calls on a tracer: an `@opentelemetry/api` Tracer is one. */
export interface TelemetryTracer {
  startActiveSpan<F extends (span: TelemetrySpan) => unknown>(name: string, options: { kind?: number; attributes?: TelemetryAttributes }, fn: F): ReturnType<F>;
}

interface InstrumentOptions {
  description?: string;
  unit?: string;
  advice?: { explicitBucketBoundaries?: number[] };
}

/** What wx-audit calls on a meter: an `@opentelemetry/api` Meter is one. */
export interface TelemetryMeter {
  createCounter(name: string, options?: InstrumentOptions): { add(value: number, attributes?: TelemetryAttributes): void };
  createHistogram(name: string, options?: InstrumentOptions): { record(value: number, attributes?: TelemetryAttributes): void };
}

const hasMethods =
  <T>(...names: string[]) =>
  (value: unknown): value is T =>
    typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/**
 * `createWxAudit({ telemetry })`. Default: the tracer and meter of the global providers of
 * `@opentelemetry/api` when it is installed and an SDK registered them before createWxAudit ran, else
 * nothing at all. `false`: nothing, even then. `{ tracer, meter }`: these (either one may be left out,
 * for the global one).
 */
export const telemetryOptionSchema = z.union([
  z.literal(false),
  z
    .object({
      /** A Tracer (`trace.getTracer(…)` or a TracerProvider's): one span per request. */
      tracer: z.custom<TelemetryTracer>(hasMethods('startActiveSpan'), 'a Tracer of @opentelemetry/api (with startActiveSpan)').optional(),
      /** A Meter (`metrics.getMeter(…)` or a MeterProvider's): the `wx_audit.*` counters and histograms. */
      meter: z.custom<TelemetryMeter>(hasMethods('createCounter', 'createHistogram'), 'a Meter of @opentelemetry/api (with createCounter and createHistogram)').optional(),
    })
    .strict(),
]);

export type TelemetryOptions = z.input<typeof telemetryOptionSchema>;
