import type { Faker } from '@faker-js/faker';
import { CHANNELS_EC_BRAND_STATUS, PRODUCT_CATEGORY_AUDIT_STATUS, PRODUCT_SPU_AUDIT_STATUS, PRODUCT_TYPE } from '@x/wx-audit-middleware';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { digitsId, EMOJI, ghId, openid, uint64Id, unixSeconds } from './content.js';
import { BRAND_REJECTIONS, BRAND_REVOKED, CATEGORY_QUALIFICATION_REJECTIONS, SHOP_AUDIT_FIELDS } from './shop-content.js';

/** WeChat Shop (Channels shop) pushes: JSON, safe mode only. */

const envelope = (f: Faker) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime: unixSeconds(f) });

/** `audit_info`: the failed fields and WeChat's reasons, JSON inside the string as the shop sends it. */
function auditInfo(f: Faker, emoji = ''): { reason: string; auditInfo: string } {
  const fields = f.helpers.arrayElements(SHOP_AUDIT_FIELDS, { min: 1, max: 2 });
  const items = fields.map((field) => ({
    multi_failed_reasons: f.helpers.arrayElements(field.reasons, { min: 1, max: 2 }).map((reason) => ({ audit_reason: `${reason}${emoji}` })),
    busi_show_field_api: field.field,
  }));
  const reason = items.flatMap((item) => item.multi_failed_reasons.map((r) => r.audit_reason)).join(';');
  return { reason, auditInfo: JSON.stringify({ busi_audit_info: { item_list: items } }) };
}

/** Approved, rejected (with `reason` and the `audit_info` behind it) or withdrawn; `product_type` now and then (added in 2026). */
export function productSpuAudit(f: Faker, emoji = ''): CatalogueDraft<'productSpuAudit'> {
  const status = f.helpers.weightedArrayElement([
    { weight: 5, value: PRODUCT_SPU_AUDIT_STATUS.APPROVED },
    { weight: 4, value: PRODUCT_SPU_AUDIT_STATUS.REJECTED },
    { weight: 1, value: PRODUCT_SPU_AUDIT_STATUS.WITHDRAWN },
  ]);
  return {
    type: 'productSpuAudit',
    ...envelope(f),
    productId: uint64Id(f),
    status,
    ...(status === PRODUCT_SPU_AUDIT_STATUS.REJECTED ? auditInfo(f, emoji) : {}),
    ...(f.datatype.boolean() ? { productType: f.helpers.arrayElement(Object.values(PRODUCT_TYPE)) } : {}),
  };
}

/** A rejected product whose reasons (and the JSON of `audit_info`) carry emoji. */
export function productSpuAuditEmoji(f: Faker): CatalogueDraft<'productSpuAudit'> {
  const base = productSpuAudit(f);
  return { ...base, status: PRODUCT_SPU_AUDIT_STATUS.REJECTED, ...auditInfo(f, f.helpers.arrayElements(EMOJI, { min: 1, max: 3 }).join('')) };
}

export function productCategoryAudit(f: Faker): CatalogueDraft<'productCategoryAudit'> {
  const status = f.helpers.arrayElement(Object.values(PRODUCT_CATEGORY_AUDIT_STATUS));
  return {
    type: 'productCategoryAudit',
    ...envelope(f),
    auditId: digitsId(f, 8),
    status,
    ...(status === PRODUCT_CATEGORY_AUDIT_STATUS.REJECTED ? { reason: f.helpers.arrayElement(CATEGORY_QUALIFICATION_REJECTIONS) } : {}),
  };
}

/** Any of the eight brand statuses; a failure or a revocation comes with its reason, anything else with `reason: ''` as in WeChat's example. */
export function channelsEcBrand(f: Faker): CatalogueDraft<'channelsEcBrand'> {
  const status = f.helpers.arrayElement(Object.values(CHANNELS_EC_BRAND_STATUS));
  const reason =
    status === CHANNELS_EC_BRAND_STATUS.REJECTED
      ? f.helpers.arrayElement(BRAND_REJECTIONS)
      : status === CHANNELS_EC_BRAND_STATUS.REVOKED
        ? f.helpers.arrayElement(BRAND_REVOKED)
        : '';
  return { type: 'channelsEcBrand', ...envelope(f), brandId: uint64Id(f), auditId: digitsId(f, 8), status, reason };
}
