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
  AnyDispatchedEvent,
  DefinedEvent,
  DefinedEventMap,
  WxAuditEventsWith,
  WxAuditEventNameWith,
  WxAuditListenerWith,
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
export { sceneAuditFieldsSchema, SCENE_AUDIT_EVENT, SCENE_AUDIT_STATUS, SCENE_EXT_ID, SCENE_AUDIT_STATUS_TEXT, SCENE_EXT_ID_TEXT } from './events/catalogue/scene-audit.js';
export type { SceneAuditFields } from './events/catalogue/scene-audit.js';
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
export { WXA_NICKNAME_AUDIT_RET, WXA_NICKNAME_AUDIT_RET_TEXT, WXA_CATEGORY_AUDIT_RET, WXA_CATEGORY_AUDIT_RET_TEXT } from './events/catalogue/account-audit.js';
export { WXA_APPEAL_STATUS, WXA_APPEAL_STATUS_TEXT, WXA_APPEAL_FROM, WXA_APPEAL_FROM_TEXT } from './events/catalogue/appeal-record.js';
export { CARD_MERCHANT_IS_PASS, CARD_MERCHANT_IS_PASS_TEXT } from './events/catalogue/cards.js';
export { CATALOGUE, AUDIT_RESULT_KINDS } from './events/catalogue/catalogue.js';
export { MEDIA_CHECK_SUGGEST, MEDIA_CHECK_SUGGEST_TEXT, MEDIA_CHECK_LABEL, MEDIA_CHECK_LABEL_TEXT, MEDIA_CHECK_ISRISKY, MEDIA_CHECK_ISRISKY_TEXT } from './events/catalogue/media-check.js';
export { OPEN_PRODUCT_SPU_AUDIT_STATUS, OPEN_PRODUCT_SPU_AUDIT_STATUS_TEXT, OPEN_PRODUCT_SPU_STATUS, OPEN_PRODUCT_SPU_STATUS_TEXT, OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS, OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS_TEXT } from './events/catalogue/open-product.js';
export { WXA_PRIVACY_APPLY_STATUS, WXA_PRIVACY_APPLY_STATUS_TEXT } from './events/catalogue/privacy-apply.js';
export { FAST_REGISTER_STATUS, FAST_REGISTER_STATUS_TEXT, FAST_REGISTER_CODE_TYPE, FAST_REGISTER_CODE_TYPE_TEXT, ICP_FILING_STATUS, ICP_FILING_STATUS_TEXT, AUTH_AND_ICP_PROCEDURE_STATUS, AUTH_AND_ICP_PROCEDURE_STATUS_TEXT, ORDER_PATH_AUDIT_STATUS, ORDER_PATH_AUDIT_STATUS_TEXT } from './events/catalogue/registration.js';
export { PRODUCT_SPU_AUDIT_STATUS, PRODUCT_SPU_AUDIT_STATUS_TEXT, PRODUCT_TYPE, PRODUCT_TYPE_TEXT, PRODUCT_CATEGORY_AUDIT_STATUS, PRODUCT_CATEGORY_AUDIT_STATUS_TEXT, CHANNELS_EC_BRAND_STATUS, CHANNELS_EC_BRAND_STATUS_TEXT } from './events/catalogue/wechat-shop.js';
export { splitScreenShots } from './events/catalogue/code-audit.js';
export { defineEvent } from './events/define-event.js';
export type { DefineEventOptions, DefinedEventDefinition } from './events/define-event.js';
export type { StandardSchemaV1, StandardSchemaOutput } from './events/standard-schema.js';
export type { EventDefinition, CatalogueEvent, WireDiscriminator, PushChannel, PushFormat } from './events/catalogue-event.js';
export type { CatalogueEventName, CatalogueFields, AuditResultKind, CatalogueDefinition } from './events/catalogue/catalogue.js';
export type { WireNode, WireField } from './events/wire-fields.js';
export type { StatusText, AuditOutcome } from './events/statuses.js';
export { camelCase } from './events/camel-case.js';
export type { CamelCase } from './events/camel-case.js';
export type * from './events/catalogue-events.js';
