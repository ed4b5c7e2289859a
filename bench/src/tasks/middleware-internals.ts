// The middleware's internal stages, imported from its sources (bundled into the bench by tsup), so that
// the micro-benchmark times each stage exactly as receive() runs it. Kept in one file: when a stage moves
// or is renamed, this is the only import to fix (the bench smoke test catches it).
export { parseQuery, requireParam } from '../../../packages/wx-audit-middleware/src/verify/query.js';
export { checkTimestamp } from '../../../packages/wx-audit-middleware/src/verify/timestamp.js';
export { bodyText, decodeBody, decodeMessage } from '../../../packages/wx-audit-middleware/src/verify/decode-body.js';
export { pushFields } from '../../../packages/wx-audit-middleware/src/events/push-events.js';
import { pushEvents as pushEventsOf, type PushEvents } from '../../../packages/wx-audit-middleware/src/events/push-events.js';
import type { MessageFields } from '../../../packages/wx-audit-middleware/src/events/message.js';
import { CATALOGUE_REGISTRY } from '../../../packages/wx-audit-middleware/src/events/registry.js';

/** A push's events as receive() makes them, with the catalogue alone (whose definitions never validate asynchronously). */
export function pushEvents(raw: Record<string, unknown>, fields: MessageFields): PushEvents {
  const built = pushEventsOf(raw, fields, { registry: CATALOGUE_REGISTRY });
  if (built instanceof Promise) throw new Error('bench: the catalogue parsed a push asynchronously');
  return built;
}
export { createDispatcher } from '../../../packages/wx-audit-middleware/src/dispatch/dispatch.js';
export { createMemoryStore } from '../../../packages/wx-audit-middleware/src/stores/memory-store.js';
export { createWxAudit } from '../../../packages/wx-audit-middleware/src/create-wx-audit.js';
export { decodeAesKey, decryptMessage } from '../../../packages/wx-audit-middleware/src/wire/message-crypto.js';
export { messageSignature, pushSignature, safeEqual } from '../../../packages/wx-audit-middleware/src/wire/signature.js';
export { openPush } from '../../../packages/wx-audit-middleware/src/verify/open-push.js';
