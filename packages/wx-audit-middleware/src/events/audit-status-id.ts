import type { AuditStatusFields } from './audit-status.js';
import { ID_PREFIX, joinIdParts } from './ids.js';

type ChangeFields = Pick<
  AuditStatusFields,
  'registerStatus' | 'merchantInfoStatus' | 'acctVerifyStatus' | 'basicInfoStatus' | 'paySignStatus' | 'auditRejectReasons' | 'payAuditDetail' | 'registeredAppid'
>;

/**
 * What "the status changed" means: the five statuses, the reject reasons and the registered appid, in
 * this order. The sign and legal-validation links are left out: WeChat may reissue them on each call, and
 * a new link for the same state is not news. An absent text and an empty one are the same part.
 */
function changeParts(s: ChangeFields): Array<string | number | undefined> {
  return [
    s.registerStatus,
    s.merchantInfoStatus,
    s.acctVerifyStatus,
    s.basicInfoStatus,
    s.paySignStatus,
    s.auditRejectReasons,
    s.payAuditDetail?.paramName,
    s.payAuditDetail?.rejectReason,
    s.registeredAppid,
  ];
}

/** Equal for two statuses exactly when neither is a change from the other. */
export function statusChangeKey(s: ChangeFields): string {
  return joinIdParts('', changeParts(s));
}

/**
 * The `id` of an `auditStatus` event: `st:<wxName>|<change>|<status parts>`, joined like every other id.
 * `change` numbers the changes of that shop (1 for the first status seen), so a status that comes back
 * (rejected, resubmitted, rejected again for the same reason) is a new change with an id of its own.
 */
export function auditStatusId(wxName: string, change: number, s: ChangeFields): string {
  return joinIdParts(ID_PREFIX.auditStatus, [wxName, change, ...changeParts(s)]);
}
