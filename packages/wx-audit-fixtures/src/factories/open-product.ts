import type { Faker } from '@faker-js/faker';
import { OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS, OPEN_PRODUCT_SPU_AUDIT_STATUS, OPEN_PRODUCT_SPU_STATUS } from '@x/wx-audit-middleware';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { digitsId, ghId, openid, uint64Id, unixSeconds } from './content.js';
import { BRAND_REJECTIONS, CATEGORY_QUALIFICATION_REJECTIONS, PRODUCT_REJECTIONS, PRODUCT_TAKE_DOWNS } from './shop-content.js';

/** The Mini Program shop trading component's audits (Mini Program push URL, or the platform running the shop). */

const envelope = (f: Faker) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime: unixSeconds(f) });
const outProductId = (f: Faker) => `spu_${digitsId(f, 8)}`;

/** The trading component's listing statuses `spu_status` reports (0 initial, 5 listed, 11 delisted by the shop, 13 taken down). */
const SPU_STATUSES = [0, 5, 11, 13];

/** Qualification audit ids (from `shop/audit/audit_brand`, `audit_category`) look like `Xe5h1ILil12_fwfe`. */
const qualificationAuditId = (f: Faker) => f.string.fromCharacters('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_', 16);

export function openProductSpuAudit(f: Faker): CatalogueDraft<'openProductSpuAudit'> {
  const status = f.helpers.arrayElement(Object.values(OPEN_PRODUCT_SPU_AUDIT_STATUS));
  const rejected = status === OPEN_PRODUCT_SPU_AUDIT_STATUS.REJECTED;
  return {
    type: 'openProductSpuAudit',
    ...envelope(f),
    outProductId: outProductId(f),
    productId: uint64Id(f),
    status,
    ...(f.datatype.boolean() ? { spuStatus: rejected ? 0 : f.helpers.arrayElement(SPU_STATUSES) } : {}),
    ...(rejected ? { rejectReason: f.helpers.arrayElement(PRODUCT_REJECTIONS) } : {}),
  };
}

/** A system take-down (with its reason) or a restore to sale. */
export function openProductSpuStatusUpdate(f: Faker): CatalogueDraft<'openProductSpuStatusUpdate'> {
  const status = f.helpers.arrayElement(Object.values(OPEN_PRODUCT_SPU_STATUS));
  return {
    type: 'openProductSpuStatusUpdate',
    ...envelope(f),
    outProductId: outProductId(f),
    productId: uint64Id(f),
    status,
    ...(status === OPEN_PRODUCT_SPU_STATUS.TAKEN_DOWN_BY_SYSTEM ? { rejectReason: f.helpers.arrayElement(PRODUCT_TAKE_DOWNS) } : {}),
  };
}

/** `brand_id` comes with an approval only. */
export function openProductBrandAudit(f: Faker): CatalogueDraft<'openProductBrandAudit'> {
  const status = f.helpers.arrayElement(Object.values(OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS));
  const approved = status === OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS.APPROVED;
  return {
    type: 'openProductBrandAudit',
    ...envelope(f),
    auditId: qualificationAuditId(f),
    status,
    auditType: 1,
    ...(approved ? {} : { rejectReason: f.helpers.arrayElement(BRAND_REJECTIONS) }),
    ...(approved ? { brandId: digitsId(f, 7) } : {}),
  };
}

export function openProductCategoryAudit(f: Faker): CatalogueDraft<'openProductCategoryAudit'> {
  const status = f.helpers.arrayElement(Object.values(OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS));
  return {
    type: 'openProductCategoryAudit',
    ...envelope(f),
    auditId: qualificationAuditId(f),
    status,
    auditType: 2,
    ...(status === OPEN_PRODUCT_QUALIFICATION_AUDIT_STATUS.REJECTED ? { rejectReason: f.helpers.arrayElement(CATEGORY_QUALIFICATION_REJECTIONS) } : {}),
  };
}
