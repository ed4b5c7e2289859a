export { createWxAudit, WxAudit } from './create-wx-audit.js';
export type { WxAuditOptions } from './options.js';
export { WxAuditError, WxApiError, isWxAuditError, WX_AUDIT_ERROR_STATUS } from './errors.js';
export type { WxAuditErrorCode } from './errors.js';
export type {
  WxAuditEventMap,
  WxAuditEventName,
  EventEnvelope,
  RawMessage,
  DispatchedEvent,
  SceneAuditEvent,
  MessageEvent,
  RejectedEvent,
  HandlerErrorEvent,
} from './events/types.js';
export { sceneAuditFieldsSchema, SCENE_AUDIT_EVENT, SCENE_AUDIT_STATUS, SCENE_EXT_ID } from './events/scene-audit.js';
export type { SceneAuditFields } from './events/scene-audit.js';
export { messageFieldsSchema } from './events/message.js';
export type { MessageFields } from './events/message.js';
export { createMemoryStore } from './stores/memory-store.js';
export type { MemoryStoreOptions } from './stores/memory-store.js';
export type { IdempotencyStore, ClaimResult, MessageState } from './stores/store.js';
export type { InboundRequest, Answer } from './receive.js';
export type { InboundBody } from './verify/decode-body.js';
export type { WxAuditMiddleware } from './transport/express.js';
