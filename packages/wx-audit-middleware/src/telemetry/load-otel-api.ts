import { createRequire } from 'node:module';
import type { TelemetryMeter, TelemetryTracer } from './telemetry-options.js';

/** The part of `@opentelemetry/api` wx-audit reads: its global providers. */
export interface OtelApi {
  trace: {
    getTracer(name: string): TelemetryTracer;
    getTracerProvider(): { getDelegateTracer?(name: string): unknown };
  };
  metrics: { getMeter(name: string): TelemetryMeter };
  createNoopMeter(): TelemetryMeter;
}

/**
 * `@opentelemetry/api` when it can be loaded, else undefined: it is an optional peer dependency, so a
 * static import would crash every app without it. Loaded synchronously (createRequire, from this
 * package's own location, where a package manager puts its peers) so that createWxAudit stays
 * synchronous. The CommonJS copy is shared with ESM apps through the API's own globals.
 */
export function loadOtelApi(): OtelApi | undefined {
  try {
    // The CommonJS build has import.meta.url too (tsup's shims, tsup.config.ts).
    const load = createRequire(import.meta.url);
    return load('@opentelemetry/api') as OtelApi;
  } catch {
    return undefined;
  }
}
