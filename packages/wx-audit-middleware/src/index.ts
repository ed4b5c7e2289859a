export { createWxAudit, WxAudit } from './create-wx-audit.js';
export type { WxAuditOptions } from './options.js';
export type { WxAuditLogger } from './logger.js';
export type { TelemetryOptions, TelemetryTracer, TelemetryMeter, TelemetrySpan, TelemetryAttributes } from './telemetry/telemetry-options.js';
export { WxAuditError, WxApiError, isWxAuditError, WX_AUDIT_ERROR_STATUS } from './errors.js';
export type { WxAuditErrorCode } from './errors.js';
export type {
  WxAuditEventMap,
  WxAuditEventName,
  WxAuditListener,
  EventEnvelope,
  RawMessage,
  DispatchedEvent,
  SceneAuditEvent,
  MessageEvent,
  InfoUpdateAuditEvent,
  AuditStatusEvent,
  RejectedEvent,
  HandlerErrorEvent,
  HandlerSlowEvent,
  StoreErrorEvent,
  WatchErrorEvent,
} from './events/types.js';
export { sceneAuditFieldsSchema, SCENE_AUDIT_EVENT, SCENE_AUDIT_STATUS, SCENE_EXT_ID } from './events/scene-audit.js';
export type { SceneAuditFields } from './events/scene-audit.js';
export { messageFieldsSchema } from './events/message.js';
export type { MessageFields } from './events/message.js';
export { createMemoryStore } from './stores/memory-store.js';
export type { MemoryStoreOptions } from './stores/memory-store.js';
export { createRedisStore } from './stores/redis-store.js';
export type { RedisStoreOptions, RedisClientLike, RedisClusterOptions, RedisConnectionOverrides } from './stores/redis-store.js';
export type { DurableOptions } from './durable/durable-options.js';
export { openDeadLetters, deadLettersOptionsSchema } from './durable/open-dead-letters.js';
export type { DeadLettersOptions, OpenedDeadLetters } from './durable/open-dead-letters.js';
export type { DeadLetters, DeadLetter, DeadLetterListOptions, DeadLetterReplayResult, DeadLetterDropResult } from './durable/dead-letters.js';
export type { IdempotencyStore, ClaimResult, MessageState } from './stores/store.js';
export type { InboundRequest, Answer } from './receive.js';
export type { InboundBody } from './verify/decode-body.js';
export type { WxAuditMiddleware } from './transport/express.js';
export { infoUpdateAuditFieldsSchema, AUDIT_RESULT } from './events/info-update-audit.js';
export type { InfoUpdateAuditFields } from './events/info-update-audit.js';
export {
  auditStatusDataSchema,
  auditStatusFieldsSchema,
  REGISTER_STATUS,
  AUDIT_ITEM_STATUS,
  REGISTER_STATUS_TEXT,
  AUDIT_ITEM_STATUS_TEXT,
  isRegistrationApproved,
  isRegistrationFinal,
} from './events/audit-status.js';
export type { AuditStatusData, AuditStatusFields, CheckAuditStatusResult } from './events/audit-status.js';
export { createWxApiClient, CHECK_AUDIT_STATUS_PATH } from './client/wx-api-client.js';
export type { WxApiClient, CheckAuditStatusParams } from './client/wx-api-client.js';
export { wxApiClientOptionsSchema } from './client/wx-api-options.js';
export type { WxApiClientOptions, AccessTokenProvider, AccessTokenRequest, FetchFunction } from './client/wx-api-options.js';
export type { CallOptions, WxEnvelope, PostJson } from './client/wx-api-request.js';
export { watchRegistrationOptionsSchema } from './client/watch-registration.js';
export type { WatchRegistrationOptions, RegistrationWatch, RegistrationWatchResult } from './client/watch-registration.js';
