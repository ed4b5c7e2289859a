import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_MESSAGE } from './channels.js';

/** Name (`setnickname`) and category (`addcategory`) audits of an authorizer, CATALOGUE §2.2–2.3: `ret`. */
const nicknameRet = defineStatuses({
  REJECTED: { value: 2, zh: '驳回', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 3, zh: '通过', en: 'approved', outcome: 'approved' },
});
export const WXA_NICKNAME_AUDIT_RET = nicknameRet.values;
export const WXA_NICKNAME_AUDIT_RET_TEXT = nicknameRet.text;

const categoryRet = defineStatuses({
  REJECTED: { value: 2, zh: '驳回', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 3, zh: '通过', en: 'approved', outcome: 'approved' },
});
export const WXA_CATEGORY_AUDIT_RET = categoryRet.values;
export const WXA_CATEGORY_AUDIT_RET_TEXT = categoryRet.text;

/** The push has no audit id: correlate by the account (`toUserName`) and the name. */
export const wxaNicknameAudit = catalogueEvent({
  name: 'wxaNicknameAudit',
  wire: { event: 'wxa_nickname_audit' },
  ...THIRD_PARTY_MESSAGE,
  payload: { ret: wxNumber, nickname: wxText, reason: wxText.optional() },
  keys: (e) => [e.nickname, e.ret],
  auditResult: (e) => verdict(nicknameRet.outcomeOf(e.ret), e.toUserName, e.reason),
});

/** `first` and `second`: the category ids (the official example's tags do not match; SKIT's sample does). */
export const wxaCategoryAudit = catalogueEvent({
  name: 'wxaCategoryAudit',
  wire: { event: 'wxa_category_audit' },
  ...THIRD_PARTY_MESSAGE,
  payload: { ret: wxNumber, first: wxNumber, second: wxNumber, reason: wxText.optional() },
  keys: (e) => [e.first, e.second, e.ret],
  auditResult: (e) => verdict(categoryRet.outcomeOf(e.ret), e.toUserName, e.reason),
});
