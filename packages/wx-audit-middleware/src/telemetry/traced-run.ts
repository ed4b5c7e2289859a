import { isWxAuditError } from '../errors.js';
import { ATTR, INTERNAL_SPAN as SPAN_OPTIONS, RUN_SPAN_NAME, SPAN_STATUS_ERROR as ERROR } from './telemetry-names.js';
import type { TelemetryTracer } from './telemetry-options.js';
import type { RunTracer } from './telemetry.js';


/**
 * Durable mode's worker runs listeners outside any request: each run is a span of its own, active while
 * the listeners run (so spans they start are its children), with the attempt and how it ended:
 * `succeeded`, or `failed` with the code (HANDLER_FAILED for a listener's own error, HANDLER_ABANDONED…).
 */
export function tracedRun(tracer: TelemetryTracer): RunTracer {
  return (eventTypes, attempt, run) =>
    tracer.startActiveSpan(RUN_SPAN_NAME, SPAN_OPTIONS, (span) => {
      span.setAttribute(ATTR.eventTypes, eventTypes);
      span.setAttribute(ATTR.attempt, attempt);
      const end = (ok: boolean, code?: string) => {
        span.setAttribute(ATTR.outcome, ok ? 'succeeded' : 'failed');
        if (code !== undefined) {
          span.setAttribute(ATTR.code, code);
          span.setStatus({ code: ERROR, message: code });
        }
        span.end();
      };
      return run().then(
        (result) => {
          // A listener's own error text may quote the push: only a wx-audit code is recorded.
          end(result.ok, result.ok ? undefined : isWxAuditError(result.error) ? result.error.code : 'HANDLER_FAILED');
          return result;
        },
        (error: unknown) => {
          end(false, 'INTERNAL_ERROR');
          throw error;
        },
      );
    });
}
