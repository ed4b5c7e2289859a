import type { Faker } from '@faker-js/faker';
import { AUDIT_ITEM_STATUS, REGISTER_STATUS } from '@x/wx-audit-middleware';
import { assertKnownKeys, deepMerge } from '../deep-merge.js';
import type { AuditStatusFixture, Overrides } from '../fixture-types.js';
import { assertValidAuditStatus } from '../to-wire.js';
import { BASIC_INFO_REJECTS, PAY_REJECTS, appId } from './content.js';

/** The fields of an audit status fixture (besides `type`). */
export const AUDIT_STATUS_KEYS = [
  'registerStatus',
  'merchantInfoStatus',
  'acctVerifyStatus',
  'basicInfoStatus',
  'paySignStatus',
  'auditRejectReasons',
  'legalValidationUrl',
  'payAuditDetail',
  'registeredAppid',
  'signUrl',
] as const satisfies ReadonlyArray<keyof AuditStatusFixture>;

const ITEM_STATUSES = Object.values(AUDIT_ITEM_STATUS);

/**
 * What belongs to the shop rather than to one of its statuses: its appid once registered, its links and
 * the wording of its rejections. A fixture set models one shop, so createFixtures draws this once (from a
 * stream of its own) and every status of the set reuses it: two statuses that differ only in values
 * the caller never asked for would otherwise read as a change to a registration watch.
 */
export interface ShopIdentity {
  registeredAppid: string;
  /** The token in the legal validation and signing links. */
  linkToken: string;
  basicInfoReject: string;
  payReject: { paramName: string; rejectReason: string };
}

export function drawShopIdentity(f: Faker): ShopIdentity {
  return {
    registeredAppid: appId(f),
    linkToken: f.string.alphanumeric(24),
    basicInfoReject: f.helpers.arrayElement(BASIC_INFO_REJECTS),
    payReject: { ...f.helpers.arrayElement(PAY_REJECTS) },
  };
}

/**
 * A check_audit_status result. Registered shops (register_status 0, most of the time) get item
 * statuses with the fields that go with them: reject reasons for a rejected item, a legal validation
 * link while the account is verified, a signing link while the payment contract is open. Unregistered
 * ones report 0 for every item, as WeChat does. Only the statuses are drawn per call; the rest is the
 * set's `shop`.
 */
export function auditStatus(f: Faker, shop: () => ShopIdentity, overrides?: Overrides<AuditStatusFixture>): AuditStatusFixture {
  assertKnownKeys('auditStatus', overrides, AUDIT_STATUS_KEYS);
  // Statuses are drawn whatever the overrides (the sequence stays the same), then overridden before
  // the fields that depend on them are chosen, so `{ paySignStatus: 4 }` comes with its reject detail.
  const drawnRegister = f.helpers.weightedArrayElement([
    { weight: 6, value: REGISTER_STATUS.SUCCESS },
    { weight: 2, value: REGISTER_STATUS.AGREEMENT_NOT_SIGNED },
    { weight: 2, value: REGISTER_STATUS.AGREEMENT_NOT_SENT },
  ]);
  const registerStatus = overrides?.registerStatus ?? drawnRegister;
  const registered = registerStatus === REGISTER_STATUS.SUCCESS;
  const item = (override: number | undefined) => {
    const drawn = f.helpers.arrayElement(ITEM_STATUSES);
    return override ?? (registered ? drawn : 0);
  };
  const merchantInfoStatus = item(overrides?.merchantInfoStatus);
  const acctVerifyStatus = item(overrides?.acctVerifyStatus);
  const basicInfoStatus = item(overrides?.basicInfoStatus);
  const paySignStatus = item(overrides?.paySignStatus);
  const rejected = AUDIT_ITEM_STATUS.REJECTED;
  const { registeredAppid, linkToken, basicInfoReject, payReject } = shop();
  const base: AuditStatusFixture = {
    type: 'auditStatus',
    registerStatus,
    merchantInfoStatus,
    acctVerifyStatus,
    basicInfoStatus,
    paySignStatus,
    ...(basicInfoStatus === rejected ? { auditRejectReasons: basicInfoReject } : {}),
    ...(acctVerifyStatus === AUDIT_ITEM_STATUS.NORMAL || acctVerifyStatus === AUDIT_ITEM_STATUS.IN_REVIEW
      ? { legalValidationUrl: `https://mp.weixin.qq.com/wxopen/legalverify?token=${linkToken}` }
      : {}),
    ...(paySignStatus === rejected ? { payAuditDetail: { ...payReject } } : {}),
    ...(registered ? { registeredAppid } : {}),
    ...(paySignStatus === AUDIT_ITEM_STATUS.NORMAL ? { signUrl: `https://pay.weixin.qq.com/index.php/public/apply_sign?token=${linkToken}` } : {}),
  };
  const status = deepMerge(base, overrides);
  assertValidAuditStatus(status);
  return status;
}

/** Every item status at `value` on a registered shop (e.g. AUDIT_ITEM_STATUS.SUCCESS: all done). */
export function auditStatusAll(f: Faker, shop: () => ShopIdentity, value: number, overrides?: Overrides<AuditStatusFixture>): AuditStatusFixture {
  return auditStatus(f, shop, {
    registerStatus: REGISTER_STATUS.SUCCESS,
    merchantInfoStatus: value,
    acctVerifyStatus: value,
    basicInfoStatus: value,
    paySignStatus: value,
    ...overrides,
  });
}
