import type { Faker } from '@faker-js/faker';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { ghId, openid, twoTimes, unixSeconds } from './content.js';
import { NAMING_FAILURES, QUALIFICATION_FAILURES } from './shop-content.js';

/**
 * WeChat verification (微信认证) of an Official Account. `ExpiredTime` is when the verification runs out:
 * a year after a success, weeks ahead when the annual review is due, the push's own time when it expired.
 */

const DAY = 86_400;
const envelope = (f: Faker, createTime = unixSeconds(f)) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime });

export function qualificationVerifySuccess(f: Faker): CatalogueDraft<'qualificationVerifySuccess'> {
  const e = envelope(f);
  return { type: 'qualificationVerifySuccess', ...e, expiredTime: e.createTime + 365 * DAY };
}

export function qualificationVerifyFail(f: Faker): CatalogueDraft<'qualificationVerifyFail'> {
  const [failTime, createTime] = twoTimes(f);
  return { type: 'qualificationVerifyFail', ...envelope(f, createTime), failTime, failReason: f.helpers.arrayElement(QUALIFICATION_FAILURES) };
}

export function namingVerifySuccess(f: Faker): CatalogueDraft<'namingVerifySuccess'> {
  const e = envelope(f);
  return { type: 'namingVerifySuccess', ...e, expiredTime: e.createTime + 365 * DAY };
}

export function namingVerifyFail(f: Faker): CatalogueDraft<'namingVerifyFail'> {
  const [failTime, createTime] = twoTimes(f);
  return { type: 'namingVerifyFail', ...envelope(f, createTime), failTime, failReason: f.helpers.arrayElement(NAMING_FAILURES) };
}

export function annualRenew(f: Faker): CatalogueDraft<'annualRenew'> {
  const e = envelope(f);
  return { type: 'annualRenew', ...e, expiredTime: e.createTime + f.number.int({ min: 7, max: 60 }) * DAY };
}

export function verifyExpired(f: Faker): CatalogueDraft<'verifyExpired'> {
  const [expiredTime, createTime] = twoTimes(f);
  return { type: 'verifyExpired', ...envelope(f, createTime), expiredTime };
}
