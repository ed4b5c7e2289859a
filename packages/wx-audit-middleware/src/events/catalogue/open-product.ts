import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxNumber, wxOptionalNumber, wxText } from '../wire-fields.js';
import { MINI_PROGRAM_OR_PLATFORM } from './channels.js';

/**
 * The Mini Program shop trading component's audits (CATALOGUE §3): products, brands, categories. Official
 * examples print an 11-digit CreateTime and no CDATA; the docs add that a callback is not guaranteed, so
 * poll the product when no result arrives. The scene-group audit is `sceneAudit` (scene-audit.ts).
 */
const spuAuditStatus = defineStatuses({
  REJECTED: { value: 3, zh: '拒绝', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 4, zh: '已通过', en: 'approved', outcome: 'approved' },
});
export const OPEN_PRODUCT_SPU_AUDIT_STATUS = spuAuditStatus.values;
export const OPEN_PRODUCT_SPU_AUDIT_STATUS_TEXT = spuAuditStatus.text;

const spuStatus = defineStatuses({
  RESTORED: { value: 5, zh: '恢复上架', en: 'restored to sale' },
  TAKEN_DOWN_BY_SYSTEM: { value: 13, zh: '系统下架', en: 'taken down by the system' },
});
export const OPEN_PRODUCT_SPU_STATUS = spuStatus.values;
export const OPEN_PRODUCT_SPU_STATUS_TEXT = spuStatus.text;

const qualificationStatus = defineStatuses({
  APPROVED: { value: 1, zh: '已通过', en: 'approved', outcome: 'approved' },
  REJECTED: { value: 9, zh: '拒绝', en: 'rejected', outcome: 'rejected' },
});
export const OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS = qualificationStatus.values;
export const OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS_TEXT = qualificationStatus.text;

const spuPayload = { out_product_id: wxText, product_id: wxText, status: wxNumber, spu_status: wxOptionalNumber, reject_reason: wxText.optional() };

export const openProductSpuAudit = catalogueEvent({
  name: 'openProductSpuAudit',
  wire: { event: 'open_product_spu_audit' },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'OpenProductSpuAudit',
  payload: spuPayload,
  keys: (e) => [e.productId, e.status],
  auditResult: (e) => verdict(spuAuditStatus.outcomeOf(e.status), e.productId, e.rejectReason),
});

/** A take-down or restore by the system after review (lifecycle: no auditResult). Same wrapper as the audit. */
export const openProductSpuStatusUpdate = catalogueEvent({
  name: 'openProductSpuStatusUpdate',
  wire: { event: 'open_product_spu_status_update' },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'OpenProductSpuAudit',
  payload: spuPayload,
  keys: (e) => [e.productId, e.status],
});

export const openProductBrandAudit = catalogueEvent({
  name: 'openProductBrandAudit',
  wire: { event: 'open_product_brand_audit' },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'QualificationAuditResult',
  payload: { audit_id: wxText, status: wxNumber, audit_type: wxNumber, reject_reason: wxText.optional(), brand_id: wxText.optional() },
  keys: (e) => [e.auditId, e.status],
  auditResult: (e) => verdict(qualificationStatus.outcomeOf(e.status), e.auditId, e.rejectReason),
});

export const openProductCategoryAudit = catalogueEvent({
  name: 'openProductCategoryAudit',
  wire: { event: 'open_product_category_audit' },
  ...MINI_PROGRAM_OR_PLATFORM,
  wrapper: 'QualificationAuditResult',
  payload: { audit_id: wxText, status: wxNumber, audit_type: wxNumber, reject_reason: wxText.optional() },
  keys: (e) => [e.auditId, e.status],
  auditResult: (e) => verdict(qualificationStatus.outcomeOf(e.status), e.auditId, e.rejectReason),
});
