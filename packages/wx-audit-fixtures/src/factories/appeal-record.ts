import type { Faker } from '@faker-js/faker';
import { WXA_APPEAL_FROM, WXA_APPEAL_STATUS } from '@x/wx-audit-middleware';
import { APPEAL_DISMISSED, APPEAL_REASONS, APPEAL_UPHELD, ILLEGAL_CONTENTS, PUNISHMENTS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { appId, digitsId, EMOJI, ghId, mediaId, openid, twoTimes } from './content.js';

type Material = CatalogueDraft<'wxaAppealRecord'>['material'][number];

/** A screenshot of the offending content as WeChat's CDN serves it. */
const screenshotUrl = (f: Faker) => `https://mmbiz.qpic.cn/mmbiz_jpg/${f.string.alphanumeric(40)}/0?wx_fmt=jpeg`;

function material(f: Faker, proofs: number): Material {
  return {
    illegalMaterial: { content: f.helpers.arrayElement(ILLEGAL_CONTENTS), contentUrl: screenshotUrl(f) },
    appealMaterial: { reason: f.helpers.arrayElement(APPEAL_REASONS), proofMaterialId: f.helpers.multiple(() => mediaId(f), { count: proofs }) },
  };
}

/**
 * An appeal against a penalty, in any of its four states. `audit_time` and `audit_reason` come with a
 * decision only (upheld or dismissed); `material` and `proof_material_id` repeat without a wrapper.
 */
export function wxaAppealRecord(f: Faker): CatalogueDraft<'wxaAppealRecord'> {
  const appealStatus = f.helpers.arrayElement(Object.values(WXA_APPEAL_STATUS));
  const [appealTime, auditTime] = twoTimes(f);
  const decided = appealStatus === WXA_APPEAL_STATUS.UPHELD || appealStatus === WXA_APPEAL_STATUS.DISMISSED;
  return {
    type: 'wxaAppealRecord',
    toUserName: ghId(f),
    fromUserName: openid(f),
    createTime: auditTime,
    appealRecordId: digitsId(f, 7),
    appid: appId(f),
    appealTime,
    appealCount: f.number.int({ min: 1, max: 3 }),
    appealFrom: f.helpers.arrayElement(Object.values(WXA_APPEAL_FROM)),
    appealStatus,
    ...(decided
      ? { auditTime, auditReason: f.helpers.arrayElement(appealStatus === WXA_APPEAL_STATUS.UPHELD ? APPEAL_UPHELD : APPEAL_DISMISSED) }
      : {}),
    punishDescription: f.helpers.arrayElement(PUNISHMENTS),
    material: f.helpers.multiple(() => material(f, f.number.int({ min: 1, max: 3 })), { count: { min: 2, max: 3 } }),
  };
}

/** One `material` element holding one `proof_material_id`: in XML, single elements where lists belong. */
export function wxaAppealRecordSingleMaterial(f: Faker): CatalogueDraft<'wxaAppealRecord'> {
  return { ...wxaAppealRecord(f), material: [material(f, 1)] };
}

/** No `material` element at all: the event still carries an (empty) array. */
export function wxaAppealRecordNoMaterial(f: Faker): CatalogueDraft<'wxaAppealRecord'> {
  return { ...wxaAppealRecord(f), material: [] };
}

/** Emoji in the penalty's description and in every material's text. */
export function wxaAppealRecordEmoji(f: Faker): CatalogueDraft<'wxaAppealRecord'> {
  const base = wxaAppealRecord(f);
  const pick = () => f.helpers.arrayElements(EMOJI, { min: 1, max: 3 }).join('');
  return {
    ...base,
    punishDescription: `${base.punishDescription}${pick()}`,
    material: base.material.map((m) => ({
      illegalMaterial: { ...m.illegalMaterial, content: `${pick()}${m.illegalMaterial?.content ?? ''}` },
      appealMaterial: { proofMaterialId: m.appealMaterial?.proofMaterialId ?? [], reason: `${m.appealMaterial?.reason ?? ''}${pick()}` },
    })),
  };
}
