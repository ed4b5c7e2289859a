import { catalogueEvent } from '../catalogue-event.js';
import { wxNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_AUTHORIZATION } from './channels.js';

/**
 * The lifecycle pushes every platform receives at its authorization-event URL (CATALOGUE §6.5): the
 * ticket every 10 minutes, and an account granting, changing or revoking its authorization. No auditResult.
 */

/** Valid 12 hours; keep the latest (it is needed for the component access token). */
export const componentVerifyTicket = catalogueEvent({
  name: 'componentVerifyTicket',
  wire: { infoType: 'component_verify_ticket' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: { ComponentVerifyTicket: wxText },
  keys: (e) => [e.componentVerifyTicket],
});

const grant = {
  AuthorizerAppid: wxText,
  AuthorizationCode: wxText,
  AuthorizationCodeExpiredTime: wxNumber,
  PreAuthCode: wxText.optional(),
};

export const authorized = catalogueEvent({
  name: 'authorized',
  wire: { infoType: 'authorized' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: grant,
  keys: (e) => [e.authorizerAppid, e.authorizationCode],
});

/** Not sent when the granted permission sets did not change. */
export const updateauthorized = catalogueEvent({
  name: 'updateauthorized',
  wire: { infoType: 'updateauthorized' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: grant,
  keys: (e) => [e.authorizerAppid, e.authorizationCode],
});

export const unauthorized = catalogueEvent({
  name: 'unauthorized',
  wire: { infoType: 'unauthorized' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: { AuthorizerAppid: wxText },
  keys: (e) => [e.authorizerAppid],
});
