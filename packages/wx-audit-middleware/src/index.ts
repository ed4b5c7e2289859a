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
  InfoUpdateAuditEvent,
  AuditStatusEvent,
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
export { infoUpdateAuditFieldsSchema, AUDIT_RESULT } from './events/info-update-audit.js';
export type { InfoUpdateAuditFields } from './events/info-update-audit.js';
export { auditStatusDataSchema, auditStatusFieldsSchema, REGISTER_STATUS, AUDIT_ITEM_STATUS } from './events/audit-status.js';
export type { AuditStatusData, AuditStatusFields, CheckAuditStatusResult } from './events/audit-status.js';
