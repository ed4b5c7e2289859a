import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { OFFICIAL_ACCOUNT_ONLY } from './channels.js';

/** Card and coupon audits of an Official Account (CATALOGUE §7.2). */

export const cardPassCheck = catalogueEvent({
  name: 'cardPassCheck',
  wire: { event: 'card_pass_check' },
  ...OFFICIAL_ACCOUNT_ONLY,
  payload: { CardId: wxText },
  keys: (e) => [e.cardId],
  auditResult: (e) => verdict('approved', e.cardId),
});

export const cardNotPassCheck = catalogueEvent({
  name: 'cardNotPassCheck',
  wire: { event: 'card_not_pass_check' },
  ...OFFICIAL_ACCOUNT_ONLY,
  payload: { CardId: wxText, RefuseReason: wxText.optional() },
  keys: (e) => [e.cardId],
  auditResult: (e) => verdict('rejected', e.cardId, e.refuseReason),
});

const isPass = defineStatuses({
  NOT_PASSED: { value: 0, zh: '未通过', en: 'not passed', outcome: 'rejected' },
  PASSED: { value: 1, zh: '通过', en: 'passed', outcome: 'approved' },
});
export const CARD_MERCHANT_IS_PASS = isPass.values;
export const CARD_MERCHANT_IS_PASS_TEXT = isPass.text;

/** A sub-merchant's audit (third-party card mode). */
export const cardMerchantCheckResult = catalogueEvent({
  name: 'cardMerchantCheckResult',
  wire: { event: 'card_merchant_check_result' },
  ...OFFICIAL_ACCOUNT_ONLY,
  payload: { MerchantId: wxText, IsPass: wxNumber, Reason: wxText.optional() },
  keys: (e) => [e.merchantId, e.isPass],
  auditResult: (e) => verdict(isPass.outcomeOf(e.isPass), e.merchantId, e.reason),
});
