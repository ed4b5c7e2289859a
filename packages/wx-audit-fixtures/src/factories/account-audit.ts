import type { Faker } from '@faker-js/faker';
import { WXA_CATEGORY_AUDIT_RET, WXA_NICKNAME_AUDIT_RET } from '@x/wx-audit-middleware';
import { CATEGORIES, CATEGORY_REJECTIONS, NICKNAMES, NICKNAME_REJECTIONS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { ghId, openid, unixSeconds } from './content.js';

/** Name and category audits of an authorizer (third-party message URL): `ret` 3 approved, 2 rejected with a reason. */

const envelope = (f: Faker) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime: unixSeconds(f) });

export function wxaNicknameAudit(f: Faker): CatalogueDraft<'wxaNicknameAudit'> {
  const ret = f.helpers.arrayElement(Object.values(WXA_NICKNAME_AUDIT_RET));
  return {
    type: 'wxaNicknameAudit',
    ...envelope(f),
    ret,
    nickname: f.helpers.arrayElement(NICKNAMES),
    ...(ret === WXA_NICKNAME_AUDIT_RET.REJECTED ? { reason: f.helpers.arrayElement(NICKNAME_REJECTIONS) } : {}),
  };
}

export function wxaCategoryAudit(f: Faker): CatalogueDraft<'wxaCategoryAudit'> {
  const ret = f.helpers.arrayElement(Object.values(WXA_CATEGORY_AUDIT_RET));
  const { first, second } = f.helpers.arrayElement(CATEGORIES);
  return {
    type: 'wxaCategoryAudit',
    ...envelope(f),
    ret,
    first,
    second,
    ...(ret === WXA_CATEGORY_AUDIT_RET.REJECTED ? { reason: f.helpers.arrayElement(CATEGORY_REJECTIONS) } : {}),
  };
}
