import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { OFFICIAL_ACCOUNT } from './channels.js';

/**
 * WeChat verification (微信认证) of an Official Account (CATALOGUE §7.1); a platform managing the account
 * receives them on its message URL. Qualification verification always succeeds before naming
 * verification; only naming success gives the tick. WeChat documents no keys: a digest stands in.
 */
const expiry = { ExpiredTime: wxNumber };
const failure = { FailTime: wxNumber, FailReason: wxText };

export const qualificationVerifySuccess = catalogueEvent({
  name: 'qualificationVerifySuccess',
  wire: { event: 'qualification_verify_success' },
  ...OFFICIAL_ACCOUNT,
  payload: expiry,
  keys: 'digest',
  auditResult: (e) => verdict('approved', e.toUserName),
});

export const qualificationVerifyFail = catalogueEvent({
  name: 'qualificationVerifyFail',
  wire: { event: 'qualification_verify_fail' },
  ...OFFICIAL_ACCOUNT,
  payload: failure,
  keys: 'digest',
  auditResult: (e) => verdict('rejected', e.toUserName, e.failReason),
});

export const namingVerifySuccess = catalogueEvent({
  name: 'namingVerifySuccess',
  wire: { event: 'naming_verify_success' },
  ...OFFICIAL_ACCOUNT,
  payload: expiry,
  keys: 'digest',
  auditResult: (e) => verdict('approved', e.toUserName),
});

/** The account keeps its API permissions, without the tick. */
export const namingVerifyFail = catalogueEvent({
  name: 'namingVerifyFail',
  wire: { event: 'naming_verify_fail' },
  ...OFFICIAL_ACCOUNT,
  payload: failure,
  keys: 'digest',
  auditResult: (e) => verdict('rejected', e.toUserName, e.failReason),
});

/** The annual review is due (lifecycle). */
export const annualRenew = catalogueEvent({
  name: 'annualRenew',
  wire: { event: 'annual_renew' },
  ...OFFICIAL_ACCOUNT,
  payload: expiry,
  keys: 'digest',
});

/** The verification expired (lifecycle). */
export const verifyExpired = catalogueEvent({
  name: 'verifyExpired',
  wire: { event: 'verify_expired' },
  ...OFFICIAL_ACCOUNT,
  payload: expiry,
  keys: 'digest',
});
