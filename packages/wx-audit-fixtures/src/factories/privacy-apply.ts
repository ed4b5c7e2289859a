import type { Faker } from '@faker-js/faker';
import { WXA_PRIVACY_APPLY_STATUS } from '@x/wx-audit-middleware';
import { PRIVACY_APIS, PRIVACY_REJECTIONS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { digitsId, ghId, openid, twoTimes, unixSeconds } from './content.js';

/** A privacy interface application's result (`wx.chooseAddress`, `wx.choosePoi`…): applied, audited, then pushed. */
export function wxaPrivacyApply(f: Faker): CatalogueDraft<'wxaPrivacyApply'> {
  const status = f.helpers.arrayElement(Object.values(WXA_PRIVACY_APPLY_STATUS));
  const [applyTime, auditTime] = twoTimes(f);
  return {
    type: 'wxaPrivacyApply',
    toUserName: ghId(f),
    fromUserName: openid(f),
    createTime: Math.max(auditTime, unixSeconds(f)),
    apiName: f.helpers.arrayElement(PRIVACY_APIS),
    applyTime,
    auditId: digitsId(f, 9),
    auditTime,
    ...(status === WXA_PRIVACY_APPLY_STATUS.REJECTED ? { reason: f.helpers.arrayElement(PRIVACY_REJECTIONS) } : {}),
    status,
  };
}
