import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { parseJsonText } from './json-text.js';
import { wxNumber, wxOptionalNumber, wxText } from '../wire-fields.js';
import { WECHAT_SHOP } from './channels.js';

/** WeChat Shop (Channels shop) pushes, CATALOGUE §5: JSON, safe mode only. Each event has its own enum. */
const productStatus = defineStatuses({
  REJECTED: { value: 2, zh: '审核不通过', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 3, zh: '审核通过', en: 'approved', outcome: 'approved' },
  WITHDRAWN: { value: 4, zh: '撤销审核', en: 'audit withdrawn', outcome: 'cancelled' },
});
export const PRODUCT_SPU_AUDIT_STATUS = productStatus.values;
export const PRODUCT_SPU_AUDIT_STATUS_TEXT = productStatus.text;

const productType = defineStatuses({
  OWN: { value: 1, zh: '小店自营商品', en: "the shop's own product" },
  GIFT_ON_SALE: { value: 4, zh: '在售赠品', en: 'gift on sale' },
  NOT_FOR_SALE: { value: 5, zh: '非卖商品', en: 'not for sale' },
});
export const PRODUCT_TYPE = productType.values;
export const PRODUCT_TYPE_TEXT = productType.text;

const categoryStatus = defineStatuses({
  IN_REVIEW: { value: 1, zh: '审核中', en: 'in review', outcome: 'pending' },
  REJECTED: { value: 2, zh: '审核不通过', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 3, zh: '审核通过', en: 'approved', outcome: 'approved' },
  CANCELLED: { value: 12, zh: '主动取消申请单', en: 'application cancelled', outcome: 'cancelled' },
});
export const PRODUCT_CATEGORY_AUDIT_STATUS = categoryStatus.values;
export const PRODUCT_CATEGORY_AUDIT_STATUS_TEXT = categoryStatus.text;

const brandStatus = defineStatuses({
  SUBMITTED: { value: 1, zh: '新增品牌', en: 'brand qualification submitted', outcome: 'pending' },
  UPDATED: { value: 2, zh: '更新品牌', en: 'updated and resubmitted', outcome: 'pending' },
  WITHDRAWN: { value: 3, zh: '撤回品牌审核', en: 'audit withdrawn', outcome: 'cancelled' },
  APPROVED: { value: 4, zh: '审核成功', en: 'approved', outcome: 'approved' },
  REJECTED: { value: 5, zh: '审核失败', en: 'rejected', outcome: 'rejected' },
  DELETED: { value: 6, zh: '删除品牌', en: 'deleted', outcome: 'other' },
  REVOKED: { value: 7, zh: '品牌资质被系统撤销', en: 'revoked by the system', outcome: 'other' },
  EXPIRED: { value: 8, zh: '品牌资质过期', en: 'expired', outcome: 'other' },
});
export const CHANNELS_EC_BRAND_STATUS = brandStatus.values;
export const CHANNELS_EC_BRAND_STATUS_TEXT = brandStatus.text;

/**
 * A product's audit. On a local-life (团购) account the same Event and wrapper report an operation (0
 * update, 1 add, 2 delete, 3 purge), not an audit: such receivers should ignore this event's auditResult.
 */
export const productSpuAudit = catalogueEvent({
  name: 'productSpuAudit',
  wire: { event: 'product_spu_audit' },
  ...WECHAT_SHOP,
  wrapper: 'ProductSpuAudit',
  payload: { product_id: wxText, status: wxNumber, reason: wxText.optional(), audit_info: wxText.optional(), product_type: wxOptionalNumber },
  derive: (p) => parseJsonText('auditInfoParsed', p.auditInfo),
  keys: (e) => [e.productId, e.status],
  auditResult: (e) => verdict(productStatus.outcomeOf(e.status), e.productId, e.reason),
});

export const productCategoryAudit = catalogueEvent({
  name: 'productCategoryAudit',
  wire: { event: 'product_category_audit' },
  ...WECHAT_SHOP,
  wrapper: 'ProductCategoryAudit',
  payload: { audit_id: wxText, status: wxNumber, reason: wxText.optional() },
  keys: (e) => [e.auditId, e.status],
  auditResult: (e) => verdict(categoryStatus.outcomeOf(e.status), e.auditId, e.reason),
});

/** The doc's table omits `audit_id`, which its example carries: optional. */
export const channelsEcBrand = catalogueEvent({
  name: 'channelsEcBrand',
  wire: { event: 'channels_ec_brand' },
  ...WECHAT_SHOP,
  wrapper: 'BrandEvent',
  payload: { brand_id: wxText, audit_id: wxText.optional(), status: wxNumber, reason: wxText.optional() },
  keys: (e) => [e.brandId, e.auditId, e.status],
  auditResult: (e) => verdict(brandStatus.outcomeOf(e.status), e.brandId, e.reason),
});
