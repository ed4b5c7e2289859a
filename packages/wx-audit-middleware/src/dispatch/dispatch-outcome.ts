import type { WxAuditError } from '../errors.js';

/** How the delivery of one message went: acknowledged (a re-delivery of a done message too), or not. */
export type DispatchOutcome = { ok: true; duplicate: boolean } | { ok: false; error: WxAuditError };
