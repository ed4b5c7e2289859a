import { verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_MESSAGE } from './channels.js';

/**
 * The code-release audit of a Mini Program a platform submitted (`wxa/submit_audit`), CATALOGUE §2.1.
 * Privacy-guideline audit results arrive through the same three events, with nothing to tell them apart.
 */

/** `ScreenShot`: media ids of the rejection screenshots, joined by `|`; empty parts dropped. */
export function splitScreenShots(screenShot: string | undefined): string[] {
  return screenShot ? screenShot.split('|').filter((part) => part !== '') : [];
}

export const weappAuditSuccess = catalogueEvent({
  name: 'weappAuditSuccess',
  wire: { event: 'weapp_audit_success' },
  ...THIRD_PARTY_MESSAGE,
  payload: { SuccTime: wxNumber },
  keys: 'digest',
  auditResult: (e) => verdict('approved', e.toUserName),
});

export const weappAuditFail = catalogueEvent({
  name: 'weappAuditFail',
  wire: { event: 'weapp_audit_fail' },
  ...THIRD_PARTY_MESSAGE,
  payload: { Reason: wxText, FailTime: wxNumber, ScreenShot: wxText.optional() },
  derive: (p) => ({ screenShotList: splitScreenShots(p.screenShot) }),
  keys: 'digest',
  auditResult: (e) => verdict('rejected', e.toUserName, e.reason),
});

export const weappAuditDelay = catalogueEvent({
  name: 'weappAuditDelay',
  wire: { event: 'weapp_audit_delay' },
  ...THIRD_PARTY_MESSAGE,
  payload: { Reason: wxText, DelayTime: wxNumber },
  keys: 'digest',
  auditResult: (e) => verdict('pending', e.toUserName, e.reason),
});

