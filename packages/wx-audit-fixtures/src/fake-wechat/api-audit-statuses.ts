import { auditStatusDataSchema, type AuditStatusData, type AuditStatusFields } from '@x/wx-audit-middleware';
import { camelPath } from '../to-wire.js';

/**
 * A status the fake answers: the typed camelCase fields of a check_audit_status result. Only
 * `registerStatus` is required (item statuses default to 0, as WeChat's own example sends them);
 * `fx.auditStatus()` fixtures fit as they are, their `type` included.
 */
export type ApiAuditStatus = Pick<AuditStatusFields, 'registerStatus'> & Partial<Omit<AuditStatusFields, 'registerStatus'>> & { type?: 'auditStatus' };

/** Back to WeChat's snake_case `data`, absent fields left out; checked against the middleware's schema. */
export function toAuditStatusData(status: ApiAuditStatus): AuditStatusData {
  const data = Object.fromEntries(
    Object.entries({
      register_status: status.registerStatus,
      merchant_info_status: status.merchantInfoStatus ?? 0,
      acct_verify_status: status.acctVerifyStatus ?? 0,
      basic_info_status: status.basicInfoStatus ?? 0,
      pay_sign_status: status.paySignStatus ?? 0,
      audit_reject_reasons: status.auditRejectReasons,
      legal_validation_url: status.legalValidationUrl,
      pay_audit_detail: status.payAuditDetail && { param_name: status.payAuditDetail.paramName, reject_reason: status.payAuditDetail.rejectReason },
      registered_appid: status.registeredAppid,
      sign_url: status.signUrl,
    }).filter(([, v]) => v !== undefined),
  );
  const checked = auditStatusDataSchema.safeParse(data);
  if (!checked.success) {
    // Named as the caller wrote them (camelCase), though checked in WeChat's names.
    const fields = checked.error.issues.map((i) => `${camelPath(i.path.join('.'))}: ${i.message}`).join('; ');
    throw new TypeError(`setAuditStatus: not a valid check_audit_status status (${fields}).`);
  }
  return data as AuditStatusData;
}

/** Per-shop scripted answers: each call takes the next status, the last one repeats. */
export function createAuditStatusScript() {
  const scripts = new Map<string, { statuses: AuditStatusData[]; next: number }>();
  return {
    set(wxName: string, status: ApiAuditStatus | readonly ApiAuditStatus[]): void {
      const list = Array.isArray(status) ? (status as readonly ApiAuditStatus[]) : [status as ApiAuditStatus];
      if (list.length === 0) throw new TypeError('setAuditStatus: give at least one status');
      scripts.set(wxName, { statuses: list.map(toAuditStatusData), next: 0 });
    },
    delete(wxName: string): void {
      scripts.delete(wxName);
    },
    /** The status to answer for this call, or undefined for an unknown shop. */
    take(wxName: string): AuditStatusData | undefined {
      const script = scripts.get(wxName);
      if (!script) return undefined;
      const status = script.statuses[Math.min(script.next, script.statuses.length - 1)];
      script.next++;
      return status;
    },
  };
}
