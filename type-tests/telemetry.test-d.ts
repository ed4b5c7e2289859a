// Compiled, never run (see wx-audit-events.test-d.ts): the `telemetry` option takes @opentelemetry/api's
// own Tracer and Meter, and anything else is a compile error. The package's types never import
// @opentelemetry/api (an optional peer): they describe what is called on a tracer and a meter.
import { metrics, trace, type Meter, type Tracer } from '@opentelemetry/api';
import { expectTypeOf } from 'vitest';
import { createWxAudit, type TelemetryMeter, type TelemetryOptions, type TelemetryTracer, type WxAuditOptions } from '@x/wx-audit-middleware';

expectTypeOf<Tracer>().toExtend<TelemetryTracer>();
expectTypeOf<Meter>().toExtend<TelemetryMeter>();
expectTypeOf<TelemetryOptions>().toEqualTypeOf<WxAuditOptions['telemetry'] & {}>();

createWxAudit({ token: 't', telemetry: { tracer: trace.getTracer('app'), meter: metrics.getMeter('app') } });
createWxAudit({ token: 't', telemetry: { meter: metrics.getMeter('app') } });
createWxAudit({ token: 't', telemetry: false });
// @ts-expect-error: `true` is the default already; only false turns it off.
createWxAudit({ token: 't', telemetry: true });
// @ts-expect-error: a tracer provider is not a tracer.
createWxAudit({ token: 't', telemetry: { tracer: trace.getTracerProvider() } });
