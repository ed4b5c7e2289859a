import type { Answer, InboundRequest } from '../verify/inbound-request.js';
import type { Instruments } from './instruments.js';
import { ATTR, INTERNAL_SPAN as SPAN_OPTIONS, SPAN_NAME, SPAN_STATUS_ERROR as ERROR } from './telemetry-names.js';
import type { TelemetrySpan, TelemetryTracer } from './telemetry-options.js';
import type { NotedReceive, Receive, RequestNote, RequestOutcome } from './telemetry.js';


/**
 * receive() with a span per request (when there is a tracer) and the request counters (when there is a
 * meter). The span is active while the request is handled, so spans a listener starts are its children.
 */
export function tracedReceive(handle: NotedReceive, tracer: TelemetryTracer | undefined, instruments: Instruments | undefined): Receive {
  const settle = (request: InboundRequest, note: RequestNote, answer: Answer, span: TelemetrySpan | undefined): Answer => {
    const outcome = outcomeOf(note, answer.status);
    instruments?.request(note, outcome);
    if (span) {
      span.setAttribute(ATTR.kind, note.kind);
      span.setAttribute(ATTR.outcome, outcome);
      span.setAttribute(ATTR.method, methodOf(request.method));
      span.setAttribute(ATTR.status, answer.status);
      if (note.code !== undefined) span.setAttribute(ATTR.code, note.code);
      if (note.eventTypes !== undefined) span.setAttribute(ATTR.eventTypes, note.eventTypes);
      if (answer.status >= 500) span.setStatus({ code: ERROR, message: note.code });
      span.end();
    }
    return answer;
  };

  if (!tracer) {
    return (request) => {
      const note = newNote();
      return handle(request, note).then((answer) => settle(request, note, answer, undefined));
    };
  }
  return (request) =>
    tracer.startActiveSpan(SPAN_NAME, SPAN_OPTIONS, (span) => {
      const note = newNote();
      return handle(request, note).then(
        (answer) => settle(request, note, answer, span),
        // receive() answers every failure itself; should that ever change, the span still ends.
        (error: unknown) => {
          span.setStatus({ code: ERROR, message: 'INTERNAL_ERROR' });
          span.end();
          throw error;
        },
      );
    });
}

function newNote(): RequestNote {
  return { kind: 'other', refused: false, duplicate: false, code: undefined, eventTypes: undefined };
}

function outcomeOf(note: RequestNote, status: number): RequestOutcome {
  if (note.refused) return 'refused';
  if (note.duplicate) return 'duplicate';
  return status >= 400 ? 'failed' : 'acknowledged';
}

/** The method as OpenTelemetry's HTTP conventions name it: any other than WeChat's two is `_OTHER`. */
function methodOf(method: string): string {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'POST' ? upper : '_OTHER';
}
