/** The span and metric names and attribute keys: a dashboard's contract, listed in docs/recipes/opentelemetry.md. */
export const SPAN_NAME = 'wx-audit receive';
/** Durable mode: one span per run of a queued push's listeners, in the worker (no request around it). */
export const RUN_SPAN_NAME = 'wx-audit run';

// SpanKind.INTERNAL and SpanStatusCode.ERROR, without loading @opentelemetry/api for two constants.
// INTERNAL: the HTTP server span (instrumentation-http) is a request's SERVER span, ours its child.
export const INTERNAL_SPAN = { kind: 0 };
export const SPAN_STATUS_ERROR = 2;

/** The instrumentation scope the global tracer and meter are asked for. */
export const SCOPE = '@x/wx-audit-middleware';

export const METRIC = {
  requests: 'wx_audit.requests',
  refusals: 'wx_audit.refusals',
  duplicates: 'wx_audit.duplicates',
  listenerDuration: 'wx_audit.listener.duration',
  listenerFailures: 'wx_audit.listener.failures',
  storeDuration: 'wx_audit.store.duration',
} as const;

// Never an id (it may hold an openid), a body, a path (it may hold an authorizer's appid) or a secret.
export const ATTR = {
  kind: 'wx_audit.kind',
  outcome: 'wx_audit.outcome',
  code: 'wx_audit.code',
  eventTypes: 'wx_audit.event_types',
  attempt: 'wx_audit.attempt',
  eventType: 'wx_audit.event_type',
  storeOperation: 'wx_audit.store.operation',
  method: 'http.request.method',
  status: 'http.response.status_code',
} as const;
