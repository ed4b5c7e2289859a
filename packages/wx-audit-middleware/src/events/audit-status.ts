import { z } from 'zod';

/** `data.register_status` of check_audit_status. */
export const REGISTER_STATUS = {
  /** 0 注册成功 / registered; the other statuses are meaningful */ SUCCESS: 0,
  /** 1 协议已发送未签署 / agreement sent, not signed */ AGREEMENT_NOT_SIGNED: 1,
  /** 2 协议未发送或已过期 / agreement not sent or expired: send it again */ AGREEMENT_NOT_SENT: 2,
} as const;

/** merchant_info_status, acct_verify_status, basic_info_status, pay_sign_status. */
export const AUDIT_ITEM_STATUS = {
  /** 1 当前不可操作 / not operable yet */ NOT_OPERABLE: 1,
  /** 2 正常,当前可操作 / normal, operable */ NORMAL: 2,
  /** 3 已提交,审核中 / submitted, in review */ IN_REVIEW: 3,
  /** 4 审核失败,被驳回 / rejected */ REJECTED: 4,
  /** 5 成功 / success */ SUCCESS: 5,
  /** 6 冻结 / frozen */ FROZEN: 6,
} as const;

const status = z.number().int();

/**
 * `data` of a check_audit_status reply. WeChat documents the item statuses as meaningful only once
 * register_status is 0, and its own example sends 0 for them; absent ones read as 0 ("not reported").
 */
export const auditStatusDataSchema = z.object({
  register_status: status,
  merchant_info_status: status.default(0),
  acct_verify_status: status.default(0),
  basic_info_status: status.default(0),
  pay_sign_status: status.default(0),
  audit_reject_reasons: z.string().optional(),
  legal_validation_url: z.string().optional(),
  pay_audit_detail: z.object({ param_name: z.string().default(''), reject_reason: z.string().default('') }).optional(),
  registered_appid: z.string().optional(),
  sign_url: z.string().optional(),
});

export type AuditStatusData = z.input<typeof auditStatusDataSchema>;

/**
 * camelCased fields. Optional wire fields that are absent stay absent (no key set to undefined), so a
 * result compares cleanly with `assert.deepStrictEqual` and serialises as sent.
 */
export const auditStatusFieldsSchema = auditStatusDataSchema.transform((d) => ({
  registerStatus: d.register_status,
  merchantInfoStatus: d.merchant_info_status,
  acctVerifyStatus: d.acct_verify_status,
  basicInfoStatus: d.basic_info_status,
  paySignStatus: d.pay_sign_status,
  ...(d.audit_reject_reasons !== undefined ? { auditRejectReasons: d.audit_reject_reasons } : {}),
  ...(d.legal_validation_url !== undefined ? { legalValidationUrl: d.legal_validation_url } : {}),
  ...(d.pay_audit_detail !== undefined
    ? { payAuditDetail: { paramName: d.pay_audit_detail.param_name, rejectReason: d.pay_audit_detail.reject_reason } }
    : {}),
  ...(d.registered_appid !== undefined ? { registeredAppid: d.registered_appid } : {}),
  ...(d.sign_url !== undefined ? { signUrl: d.sign_url } : {}),
}));

/** The typed result of `checkAuditStatus`, without `raw`. */
export type AuditStatusFields = z.output<typeof auditStatusFieldsSchema>;

/** What `api.checkAuditStatus()` resolves to: the typed fields plus the reply's `data` as sent. */
export type CheckAuditStatusResult = AuditStatusFields & { raw: Record<string, unknown> };

type StatusText = { readonly zh: string; readonly en: string };

/** What each `register_status` means, for logs and UIs. */
export const REGISTER_STATUS_TEXT: Readonly<Record<number, StatusText>> = {
  0: { zh: '注册成功', en: 'registered' },
  1: { zh: '协议已发送未签署', en: 'agreement sent, not signed' },
  2: { zh: '协议未发送或已过期', en: 'agreement not sent or expired' },
};

/** What each audit item status means, for logs and UIs. */
export const AUDIT_ITEM_STATUS_TEXT: Readonly<Record<number, StatusText>> = {
  1: { zh: '当前不可操作', en: 'not operable yet' },
  2: { zh: '正常,当前可操作', en: 'normal, operable' },
  3: { zh: '已提交,审核中', en: 'submitted, in review' },
  4: { zh: '审核失败,被驳回', en: 'rejected' },
  5: { zh: '成功', en: 'success' },
  6: { zh: '冻结', en: 'frozen' },
};

type ItemStatuses = Pick<AuditStatusFields, 'registerStatus' | 'merchantInfoStatus' | 'acctVerifyStatus' | 'basicInfoStatus' | 'paySignStatus'>;

const items = (s: ItemStatuses) => [s.merchantInfoStatus, s.acctVerifyStatus, s.basicInfoStatus, s.paySignStatus];

/** Registered (register_status 0) and every audit item a success (5): the shop is through. */
export function isRegistrationApproved(s: ItemStatuses): boolean {
  return s.registerStatus === REGISTER_STATUS.SUCCESS && items(s).every((v) => v === AUDIT_ITEM_STATUS.SUCCESS);
}

/**
 * A registration that will not move again without an outside intervention: approved, or registered with
 * an item frozen (6, lifted only through WeChat's appeal process). A rejection (4) is not final: the
 * merchant corrects the data and resubmits, and the item goes back to review (3) under the same watch.
 * Item statuses only count once register_status is 0, as WeChat documents.
 */
export function isRegistrationFinal(s: ItemStatuses): boolean {
  if (s.registerStatus !== REGISTER_STATUS.SUCCESS) return false;
  return isRegistrationApproved(s) || items(s).some((v) => v === AUDIT_ITEM_STATUS.FROZEN);
}
