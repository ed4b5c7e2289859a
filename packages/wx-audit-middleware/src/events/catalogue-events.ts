import type { AuditResultKind, CatalogueEventName, CatalogueFields } from './catalogue/catalogue.js';
import type { AuditOutcome } from './statuses.js';
import type { EventEnvelope } from './envelope.js';

/** A catalogue event as listeners receive it: `type`, `id`, `raw` (and `authorizerAppId`), then its typed fields. */
export type CatalogueEventOf<N extends CatalogueEventName> = EventEnvelope<N> & CatalogueFields<N>;

/** Every catalogue event, by name: `audit.on(name, (event) => …)`. */
export type CatalogueEventMap = { [N in CatalogueEventName]: [CatalogueEventOf<N>] };

/**
 * Emitted after every catalogue push that reports an audit's outcome, between the specific event and
 * `message`, with the same `id` and delivery rules: one feed for every audit result.
 */
export type AuditResultEvent = EventEnvelope<'auditResult'> & {
  /** The specific event's name (`weappAuditFail`, `productSpuAudit`…). */
  kind: AuditResultKind;
  /** The push's status mapped as its page in docs/events says; a value WeChat did not document is `other`. */
  outcome: AuditOutcome;
  /** What was audited (a product, brand, audit, appid, trace…), when the push names it. */
  subjectId?: string;
  /** The reason given, when there is one and it is not empty. */
  reason?: string;
};

export type WeappAuditSuccessEvent = CatalogueEventOf<'weappAuditSuccess'>;
export type WeappAuditFailEvent = CatalogueEventOf<'weappAuditFail'>;
export type WeappAuditDelayEvent = CatalogueEventOf<'weappAuditDelay'>;
export type WxaNicknameAuditEvent = CatalogueEventOf<'wxaNicknameAudit'>;
export type WxaCategoryAuditEvent = CatalogueEventOf<'wxaCategoryAudit'>;
export type WxaPrivacyApplyEvent = CatalogueEventOf<'wxaPrivacyApply'>;
export type WxaAppealRecordEvent = CatalogueEventOf<'wxaAppealRecord'>;
export type OpenProductSpuAuditEvent = CatalogueEventOf<'openProductSpuAudit'>;
export type OpenProductSpuStatusUpdateEvent = CatalogueEventOf<'openProductSpuStatusUpdate'>;
export type OpenProductBrandAuditEvent = CatalogueEventOf<'openProductBrandAudit'>;
export type OpenProductCategoryAuditEvent = CatalogueEventOf<'openProductCategoryAudit'>;
export type WxaMediaCheckEvent = CatalogueEventOf<'wxaMediaCheck'>;
export type ProductSpuAuditEvent = CatalogueEventOf<'productSpuAudit'>;
export type ProductCategoryAuditEvent = CatalogueEventOf<'productCategoryAudit'>;
export type ChannelsEcBrandEvent = CatalogueEventOf<'channelsEcBrand'>;
export type NotifyThirdFasteregisterEvent = CatalogueEventOf<'notifyThirdFasteregister'>;
export type NotifyApplyIcpfilingResultEvent = CatalogueEventOf<'notifyApplyIcpfilingResult'>;
export type Notify3rdWxaAuthAndIcpEvent = CatalogueEventOf<'notify3rdWxaAuthAndIcp'>;
export type OrderPathAuditResultNotifyEvent = CatalogueEventOf<'orderPathAuditResultNotify'>;
export type ComponentVerifyTicketEvent = CatalogueEventOf<'componentVerifyTicket'>;
export type AuthorizedEvent = CatalogueEventOf<'authorized'>;
export type UpdateauthorizedEvent = CatalogueEventOf<'updateauthorized'>;
export type UnauthorizedEvent = CatalogueEventOf<'unauthorized'>;
export type QualificationVerifySuccessEvent = CatalogueEventOf<'qualificationVerifySuccess'>;
export type QualificationVerifyFailEvent = CatalogueEventOf<'qualificationVerifyFail'>;
export type NamingVerifySuccessEvent = CatalogueEventOf<'namingVerifySuccess'>;
export type NamingVerifyFailEvent = CatalogueEventOf<'namingVerifyFail'>;
export type AnnualRenewEvent = CatalogueEventOf<'annualRenew'>;
export type VerifyExpiredEvent = CatalogueEventOf<'verifyExpired'>;
export type CardPassCheckEvent = CatalogueEventOf<'cardPassCheck'>;
export type CardNotPassCheckEvent = CatalogueEventOf<'cardNotPassCheck'>;
export type CardMerchantCheckResultEvent = CatalogueEventOf<'cardMerchantCheckResult'>;
