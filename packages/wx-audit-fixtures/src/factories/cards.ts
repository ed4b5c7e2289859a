import type { Faker } from '@faker-js/faker';
import { CARD_MERCHANT_IS_PASS } from '@x/wx-audit-middleware';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { cardId, digitsId, ghId, openid, unixSeconds } from './content.js';
import { CARD_REFUSALS, MERCHANT_REFUSALS } from './shop-content.js';

/** Card and coupon audits of an Official Account. */

const envelope = (f: Faker) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime: unixSeconds(f) });

export function cardPassCheck(f: Faker): CatalogueDraft<'cardPassCheck'> {
  return { type: 'cardPassCheck', ...envelope(f), cardId: cardId(f) };
}

export function cardNotPassCheck(f: Faker): CatalogueDraft<'cardNotPassCheck'> {
  return { type: 'cardNotPassCheck', ...envelope(f), cardId: cardId(f), refuseReason: f.helpers.arrayElement(CARD_REFUSALS) };
}

/** A sub-merchant's audit (third-party card mode): a refusal says why. */
export function cardMerchantCheckResult(f: Faker): CatalogueDraft<'cardMerchantCheckResult'> {
  const isPass = f.helpers.arrayElement(Object.values(CARD_MERCHANT_IS_PASS));
  return {
    type: 'cardMerchantCheckResult',
    ...envelope(f),
    merchantId: digitsId(f, 9),
    isPass,
    ...(isPass === CARD_MERCHANT_IS_PASS.NOT_PASSED ? { reason: f.helpers.arrayElement(MERCHANT_REFUSALS) } : {}),
  };
}
