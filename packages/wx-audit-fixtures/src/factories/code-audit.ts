import type { Faker } from '@faker-js/faker';
import { CODE_AUDIT_DELAY_REASONS, CODE_AUDIT_PROBLEMS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { EMOJI, ghId, mediaId, openid, twoTimes } from './content.js';

/** The code-release audit of a Mini Program a platform submitted (third-party message URL). */

/** A rejection as WeChat writes it: numbered problems, each with its details, joined by `<br>`. */
export function codeAuditReason(f: Faker): string {
  const problems = f.helpers.arrayElements(CODE_AUDIT_PROBLEMS, { min: 1, max: 3 });
  return problems.map((p, i) => `${i + 1}:${p.title}:<br>${p.details.join('<br>')}<br>`).join('');
}

const envelope = (f: Faker, createTime: number) => ({ toUserName: ghId(f), fromUserName: openid(f), createTime });

export function weappAuditSuccess(f: Faker): CatalogueDraft<'weappAuditSuccess'> {
  const [succTime, createTime] = twoTimes(f);
  return { type: 'weappAuditSuccess', ...envelope(f, createTime), succTime };
}

/** One to three screenshots, most of the time: `ScreenShot` is their media ids joined by `|`. */
export function weappAuditFail(f: Faker): CatalogueDraft<'weappAuditFail'> {
  const [failTime, createTime] = twoTimes(f);
  const shots = f.helpers.arrayElement([0, 1, 2, 3]);
  return {
    type: 'weappAuditFail',
    ...envelope(f, createTime),
    reason: codeAuditReason(f),
    failTime,
    ...(shots > 0 ? { screenShot: f.helpers.multiple(() => mediaId(f), { count: shots }).join('|') } : {}),
  };
}

export function weappAuditDelay(f: Faker): CatalogueDraft<'weappAuditDelay'> {
  const [delayTime, createTime] = twoTimes(f);
  return { type: 'weappAuditDelay', ...envelope(f, createTime), reason: f.helpers.arrayElement(CODE_AUDIT_DELAY_REASONS), delayTime };
}

/** Emoji next to the `<br>`s and quotes of a rejection. */
export function weappAuditFailEmoji(f: Faker): CatalogueDraft<'weappAuditFail'> {
  const base = weappAuditFail(f);
  return { ...base, reason: `${f.helpers.arrayElements(EMOJI, { min: 2, max: 4 }).join('')}${base.reason}${f.helpers.arrayElement(EMOJI)}` };
}
