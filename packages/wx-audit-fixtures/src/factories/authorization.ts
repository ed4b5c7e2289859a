import type { Faker } from '@faker-js/faker';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { appId, platformCode, unixSeconds } from './content.js';

/** The lifecycle pushes of a third-party platform's authorization-event URL. */

const envelope = (f: Faker) => ({ appId: appId(f), createTime: unixSeconds(f) });

export function componentVerifyTicket(f: Faker): CatalogueDraft<'componentVerifyTicket'> {
  return { type: 'componentVerifyTicket', ...envelope(f), componentVerifyTicket: platformCode(f, 'ticket') };
}

/** An authorization code is valid for an hour after the push. */
function grant(f: Faker) {
  const { appId: platform, createTime } = envelope(f);
  return {
    appId: platform,
    createTime,
    authorizerAppid: appId(f),
    authorizationCode: platformCode(f, 'queryauthcode'),
    authorizationCodeExpiredTime: createTime + 3600,
    preAuthCode: platformCode(f, 'preauthcode'),
  };
}

export function authorized(f: Faker): CatalogueDraft<'authorized'> {
  return { type: 'authorized', ...grant(f) };
}

export function updateauthorized(f: Faker): CatalogueDraft<'updateauthorized'> {
  return { type: 'updateauthorized', ...grant(f) };
}

export function unauthorized(f: Faker): CatalogueDraft<'unauthorized'> {
  return { type: 'unauthorized', ...envelope(f), authorizerAppid: appId(f) };
}
