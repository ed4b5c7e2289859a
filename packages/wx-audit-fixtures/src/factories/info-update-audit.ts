import type { Faker } from '@faker-js/faker';
import { infoUpdateAuditFieldsSchema } from '@x/wx-audit-middleware';
import { assertKnownKeys, deepMerge } from '../deep-merge.js';
import type { InfoUpdateAuditFixture, Overrides } from '../fixture-types.js';
import { assertValidInfoUpdateAudit } from '../to-wire.js';
import { ATTACH_INFOS, EMOJI, FAIL_CODES, mchid, rfc3339Cst, unixSeconds } from './content.js';

const KEYS = ['outRequestNo', 'mchid', 'auditResult', 'auditFinishTime', 'attachInfo', 'failCode', 'failMsg'] as const satisfies ReadonlyArray<
  keyof InfoUpdateAuditFixture
>;

const shape = infoUpdateAuditFieldsSchema.in.shape;

/** The longest string each field accepts, read from the middleware's schema (so the two never disagree). */
export const INFO_UPDATE_LIMITS = {
  outRequestNo: shape.out_request_no.maxLength ?? 64,
  mchid: shape.mchid.maxLength ?? 32,
  attachInfo: shape.attach_info.unwrap().maxLength ?? 1024,
  failCode: shape.fail_code.unwrap().maxLength ?? 32,
  failMsg: shape.fail_msg.unwrap().maxLength ?? 1024,
} as const;

function finish(base: InfoUpdateAuditFixture, overrides: Overrides<InfoUpdateAuditFixture> | undefined): InfoUpdateAuditFixture {
  assertKnownKeys('infoUpdateAudit', overrides, KEYS);
  const msg = deepMerge(base, overrides);
  assertValidInfoUpdateAudit(msg);
  return msg;
}

/** PASS (about 3 in 4) or REJECT with a fail code and message; the same shape as WeChat Pay's documented example. */
export function infoUpdateAudit(f: Faker, overrides?: Overrides<InfoUpdateAuditFixture>): InfoUpdateAuditFixture {
  const pass = f.datatype.boolean({ probability: 0.75 });
  const fail = f.helpers.arrayElement(FAIL_CODES);
  const base: InfoUpdateAuditFixture = {
    type: 'infoUpdateAudit',
    outRequestNo: f.string.alphanumeric({ length: 32, casing: 'lower' }),
    mchid: mchid(f),
    auditResult: pass ? 'PASS' : 'REJECT',
    auditFinishTime: rfc3339Cst(unixSeconds(f)),
    attachInfo: f.helpers.arrayElement(ATTACH_INFOS),
    ...(pass ? {} : { failCode: fail.code, failMsg: fail.msg }),
  };
  // A REJECT override without its own reason gets one, so `{ auditResult: 'REJECT' }` reads like WeChat's.
  if (overrides?.auditResult === 'REJECT' && pass && !('failCode' in overrides) && !('failMsg' in overrides)) {
    return finish({ ...base, failCode: fail.code, failMsg: fail.msg }, overrides);
  }
  if (overrides?.auditResult === 'PASS' && !pass && !('failCode' in overrides) && !('failMsg' in overrides)) {
    const { failCode: _code, failMsg: _msg, ...passed } = base;
    return finish(passed, overrides);
  }
  return finish(base, overrides);
}

/** Only the required fields: no finish time, attach info or fail reason. */
export function infoUpdateAuditMinimal(f: Faker, overrides?: Overrides<InfoUpdateAuditFixture>): InfoUpdateAuditFixture {
  const { type, outRequestNo, mchid: merchant, auditResult } = infoUpdateAudit(f);
  return finish({ type, outRequestNo, mchid: merchant, auditResult }, overrides);
}

/** A REJECT with every string at the longest length the schema allows (fail_msg and attach_info in Chinese). */
export function infoUpdateAuditLongest(f: Faker, overrides?: Overrides<InfoUpdateAuditFixture>): InfoUpdateAuditFixture {
  const base = infoUpdateAudit(f, { auditResult: 'REJECT' });
  const chinese = (length: number) =>
    f.helpers.multiple(() => f.helpers.arrayElement(FAIL_CODES).msg, { count: Math.ceil(length / 4) }).join('。').padEnd(length, '。').slice(0, length);
  return finish(
    {
      ...base,
      outRequestNo: f.string.alphanumeric({ length: INFO_UPDATE_LIMITS.outRequestNo, casing: 'lower' }),
      mchid: f.string.numeric({ length: INFO_UPDATE_LIMITS.mchid }),
      attachInfo: chinese(INFO_UPDATE_LIMITS.attachInfo),
      failCode: f.string.alphanumeric({ length: INFO_UPDATE_LIMITS.failCode, casing: 'upper' }),
      failMsg: chinese(INFO_UPDATE_LIMITS.failMsg),
    },
    overrides,
  );
}

/** Emoji in the free-text fields (attach_info, fail_msg) of a REJECT. */
export function infoUpdateAuditEmoji(f: Faker, overrides?: Overrides<InfoUpdateAuditFixture>): InfoUpdateAuditFixture {
  const base = infoUpdateAudit(f, { auditResult: 'REJECT' });
  const pick = () => f.helpers.arrayElements(EMOJI, { min: 2, max: 4 }).join('');
  return finish({ ...base, attachInfo: `${base.attachInfo ?? ''}${pick()}`, failMsg: `${pick()}${base.failMsg ?? ''}` }, overrides);
}
