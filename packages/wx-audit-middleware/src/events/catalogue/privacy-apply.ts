import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_MESSAGE } from './channels.js';

/**
 * `status` of the push (CATALOGUE §2.4). Not the enum of `get_privacy_interface` (1–5): the two disagree,
 * and this is the push's.
 */
const status = defineStatuses({
  REJECTED: { value: 2, zh: '审核不通过', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 3, zh: '审核通过', en: 'approved', outcome: 'approved' },
});
export const WXA_PRIVACY_APPLY_STATUS = status.values;
export const WXA_PRIVACY_APPLY_STATUS_TEXT = status.text;

/** Result of `wxa/security/apply_privacy_interface` (`wx.chooseAddress`, `wx.choosePoi`…); `result_info` is flattened. */
export const wxaPrivacyApply = catalogueEvent({
  name: 'wxaPrivacyApply',
  wire: { event: 'wxa_privacy_apply' },
  ...THIRD_PARTY_MESSAGE,
  wrapper: 'result_info',
  payload: { api_name: wxText, apply_time: wxNumber, audit_id: wxText, audit_time: wxNumber, reason: wxText.optional(), status: wxNumber },
  keys: (e) => [e.auditId, e.status],
  auditResult: (e) => verdict(status.outcomeOf(e.status), e.auditId, e.reason),
});
