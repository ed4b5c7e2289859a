import type { Faker } from '@faker-js/faker';
import { AUDIT_ITEM_STATUS, REGISTER_STATUS } from '@x/wx-audit-middleware';
import { assertKnownKeys, deepMerge } from '../deep-merge.js';
import type { AuditStatusFixture, Overrides } from '../fixture-types.js';
import { assertValidAuditStatus } from '../to-wire.js';
import { BASIC_INFO_REJECTS, PAY_REJECTS, appId } from './content.js';

const KEYS = [
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
 * A check_audit_status result. Registered shops (register_status 0, most of the time) get
 * item statuses with the fields that go with them: reject reasons for a rejected item, a legal
 * validation link while the account is verified, a signing link while the payment contract is open.
 * Unregistered ones report 0 for every item, as WeChat does.
 */
export function auditStatus(f: Faker, overrides?: Overrides<AuditStatusFixture>): AuditStatusFixture {
  assertKnownKeys('auditStatus', overrides, KEYS);
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
  const basicReject = f.helpers.arrayElement(BASIC_INFO_REJECTS);
  const payReject = f.helpers.arrayElement(PAY_REJECTS);
  const token = f.string.alphanumeric(24);
  const base: AuditStatusFixture = {
    type: 'auditStatus',
    registerStatus,
    merchantInfoStatus,
    acctVerifyStatus,
    basicInfoStatus,
    paySignStatus,
    ...(basicInfoStatus === rejected ? { auditRejectReasons: basicReject } : {}),
    ...(acctVerifyStatus === AUDIT_ITEM_STATUS.NORMAL || acctVerifyStatus === AUDIT_ITEM_STATUS.IN_REVIEW
      ? { legalValidationUrl: `https://mp.weixin.qq.com/wxopen/legalverify?token=${token}` }
      : {}),
    ...(paySignStatus === rejected ? { payAuditDetail: { ...payReject } } : {}),
    ...(registered ? { registeredAppid: appId(f) } : {}),
    ...(paySignStatus === AUDIT_ITEM_STATUS.NORMAL ? { signUrl: `https://pay.weixin.qq.com/index.php/public/apply_sign?token=${token}` } : {}),
  };
  const status = deepMerge(base, overrides);
  assertValidAuditStatus(status);
  return status;
}

/** Every item status at `value` on a registered shop (e.g. AUDIT_ITEM_STATUS.SUCCESS: all done). */
export function auditStatusAll(f: Faker, value: number, overrides?: Overrides<AuditStatusFixture>): AuditStatusFixture {
  return auditStatus(f, {
    registerStatus: REGISTER_STATUS.SUCCESS,
    merchantInfoStatus: value,
    acctVerifyStatus: value,
    basicInfoStatus: value,
    paySignStatus: value,
    ...overrides,
  });
}
