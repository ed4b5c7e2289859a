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

export const auditStatusFieldsSchema = auditStatusDataSchema.transform((d) => ({
  registerStatus: d.register_status,
  merchantInfoStatus: d.merchant_info_status,
  acctVerifyStatus: d.acct_verify_status,
  basicInfoStatus: d.basic_info_status,
  paySignStatus: d.pay_sign_status,
  auditRejectReasons: d.audit_reject_reasons,
  legalValidationUrl: d.legal_validation_url,
  payAuditDetail: d.pay_audit_detail && { paramName: d.pay_audit_detail.param_name, rejectReason: d.pay_audit_detail.reject_reason },
  registeredAppid: d.registered_appid,
  signUrl: d.sign_url,
}));

/** The typed result of `checkAuditStatus`, without `raw`. */
export type AuditStatusFields = z.output<typeof auditStatusFieldsSchema>;

/** What `api.checkAuditStatus()` resolves to: the typed fields plus the reply's `data` as sent. */
export type CheckAuditStatusResult = AuditStatusFields & { raw: Record<string, unknown> };
