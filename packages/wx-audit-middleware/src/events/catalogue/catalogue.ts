import type { CatalogueEvent } from '../catalogue-event.js';
import { wxaCategoryAudit, wxaNicknameAudit } from './account-audit.js';
import { wxaAppealRecord } from './appeal-record.js';
import { authorized, componentVerifyTicket, unauthorized, updateauthorized } from './authorization.js';
import { cardMerchantCheckResult, cardNotPassCheck, cardPassCheck } from './cards.js';
import { weappAuditDelay, weappAuditFail, weappAuditSuccess } from './code-audit.js';
import { wxaMediaCheck } from './media-check.js';
import { openProductBrandAudit, openProductCategoryAudit, openProductSpuAudit, openProductSpuStatusUpdate } from './open-product.js';
import { wxaPrivacyApply } from './privacy-apply.js';
import { notify3rdWxaAuthAndIcp, notifyApplyIcpfilingResult, notifyThirdFasteregister, orderPathAuditResultNotify } from './registration.js';
import { sceneAudit } from './scene-audit.js';
import { annualRenew, namingVerifyFail, namingVerifySuccess, qualificationVerifyFail, qualificationVerifySuccess, verifyExpired } from './verification.js';
import { channelsEcBrand, productCategoryAudit, productSpuAudit } from './wechat-shop.js';

/** Every push the middleware types, in CATALOGUE.md's order. */
export const CATALOGUE = [
  weappAuditSuccess,
  weappAuditFail,
  weappAuditDelay,
  wxaNicknameAudit,
  wxaCategoryAudit,
  wxaPrivacyApply,
  wxaAppealRecord,
  openProductSpuAudit,
  openProductSpuStatusUpdate,
  openProductBrandAudit,
  openProductCategoryAudit,
  sceneAudit,
  wxaMediaCheck,
  productSpuAudit,
  productCategoryAudit,
  channelsEcBrand,
  notifyThirdFasteregister,
  notifyApplyIcpfilingResult,
  notify3rdWxaAuthAndIcp,
  orderPathAuditResultNotify,
  componentVerifyTicket,
  authorized,
  updateauthorized,
  unauthorized,
  qualificationVerifySuccess,
  qualificationVerifyFail,
  namingVerifySuccess,
  namingVerifyFail,
  annualRenew,
  verifyExpired,
  cardPassCheck,
  cardNotPassCheck,
  cardMerchantCheckResult,
] as const;

export type CatalogueDefinition = (typeof CATALOGUE)[number];
export type CatalogueEventName = CatalogueDefinition['name'];

/** The typed fields of a catalogue event, by name (without `type`, `id`, `raw`). */
export type CatalogueFields<N extends CatalogueEventName> = Extract<CatalogueDefinition, { name: N }> extends CatalogueEvent<N, infer F> ? F : never;

/** The catalogue's events that report an audit's outcome (and so emit `auditResult`); the other seven are lifecycle events. */
export const AUDIT_RESULT_KINDS = [
  'weappAuditSuccess',
  'weappAuditFail',
  'weappAuditDelay',
  'wxaNicknameAudit',
  'wxaCategoryAudit',
  'wxaPrivacyApply',
  'wxaAppealRecord',
  'openProductSpuAudit',
  'openProductBrandAudit',
  'openProductCategoryAudit',
  'sceneAudit',
  'wxaMediaCheck',
  'productSpuAudit',
  'productCategoryAudit',
  'channelsEcBrand',
  'notifyThirdFasteregister',
  'notifyApplyIcpfilingResult',
  'notify3rdWxaAuthAndIcp',
  'orderPathAuditResultNotify',
  'qualificationVerifySuccess',
  'qualificationVerifyFail',
  'namingVerifySuccess',
  'namingVerifyFail',
  'cardPassCheck',
  'cardNotPassCheck',
  'cardMerchantCheckResult',
] as const satisfies readonly CatalogueEventName[];

export type AuditResultKind = (typeof AUDIT_RESULT_KINDS)[number];
