import type { Faker } from '@faker-js/faker';
import { AUTH_AND_ICP_PROCEDURE_STATUS, FAST_REGISTER_CODE_TYPE, ICP_FILING_STATUS, ORDER_PATH_AUDIT_STATUS } from '@x/wx-audit-middleware';
import { COMPANY_PARTS, FAST_REGISTER_ERRORS, FAST_REGISTER_FAILURES, ORDER_PATH_REJECTIONS, USCC_CHARS } from './audit-content.js';
import type { CatalogueDraft } from './catalogue-fixture.js';
import { appId, digitsId, platformCode, twoTimes, unixSeconds } from './content.js';

/** Audits reported to a third-party platform's authorization-event URL (`InfoType`, `AppId` the platform's). */

const envelope = (f: Faker) => ({ appId: appId(f), createTime: unixSeconds(f) });

type FastRegisterInfo = CatalogueDraft<'notifyThirdFasteregister'>['info'];

const mobile = (f: Faker) => `1${f.helpers.arrayElement(['3', '5', '7', '8', '9'])}${f.string.numeric({ length: 9, allowLeadingZeros: true })}`;
const personalWechat = (f: Faker) => `wxid_${f.string.alphanumeric({ length: 14, casing: 'lower' })}`;

/** An enterprise registration's `info`: name, unified social credit code (text: it has letters), legal person, phone. */
function enterpriseInfo(f: Faker): FastRegisterInfo {
  return {
    name: `${f.helpers.arrayElement(COMPANY_PARTS.city)}${f.helpers.arrayElement(COMPANY_PARTS.brand)}${f.helpers.arrayElement(COMPANY_PARTS.trade)}有限公司`,
    code: `91${f.string.numeric({ length: 6, allowLeadingZeros: true })}${f.string.fromCharacters(USCC_CHARS, 10)}`,
    codeType: FAST_REGISTER_CODE_TYPE.UNIFIED_SOCIAL_CREDIT_CODE,
    legalPersonaWechat: personalWechat(f),
    legalPersonaName: f.person.fullName(),
    componentPhone: mobile(f),
  };
}

/** A personal registration's `info`: the user's WeChat id and name, the platform's phone. */
const personalInfo = (f: Faker): FastRegisterInfo => ({ wxuser: personalWechat(f), idname: f.person.fullName(), componentPhone: mobile(f) });

/** Mostly a success (the new appid and its authorization code), enterprise or personal; sometimes an error status with WeChat's message. */
export function notifyThirdFasteregister(f: Faker): CatalogueDraft<'notifyThirdFasteregister'> {
  const personal = f.datatype.boolean({ probability: 0.3 });
  const info = { ...(personal ? personalInfo(f) : enterpriseInfo(f)), ...(f.datatype.boolean() ? { taskid: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }) } : {}) };
  if (f.datatype.boolean({ probability: 0.7 })) {
    return { type: 'notifyThirdFasteregister', ...envelope(f), appid: appId(f), status: 0, authCode: platformCode(f, 'queryauthcode'), msg: 'OK', info };
  }
  const error = f.helpers.arrayElement(FAST_REGISTER_ERRORS);
  return { type: 'notifyThirdFasteregister', ...envelope(f), status: error.status, msg: error.msg, info };
}

/** A failure as it has been seen on the wire: a negative status, no appid, no auth_code, an empty `info`. */
export function notifyThirdFasteregisterFailure(f: Faker): CatalogueDraft<'notifyThirdFasteregister'> {
  const failure = f.helpers.arrayElement(FAST_REGISTER_FAILURES);
  return { type: 'notifyThirdFasteregister', ...envelope(f), status: failure.status, msg: failure.msg, info: {} };
}

export function notifyApplyIcpfilingResult(f: Faker): CatalogueDraft<'notifyApplyIcpfilingResult'> {
  return { type: 'notifyApplyIcpfilingResult', ...envelope(f), authorizerAppid: appId(f), beianStatus: f.helpers.arrayElement(Object.values(ICP_FILING_STATUS)) };
}

export function notify3rdWxaAuthAndIcp(f: Faker): CatalogueDraft<'notify3rdWxaAuthAndIcp'> {
  return {
    type: 'notify3rdWxaAuthAndIcp',
    ...envelope(f),
    procedureId: f.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }),
    procedureStatus: f.helpers.arrayElement(Object.values(AUTH_AND_ICP_PROCEDURE_STATUS)),
  };
}

type OrderPathItem = CatalogueDraft<'orderPathAuditResultNotify'>['list'][number];

/** One Mini Program's order path: in review (no audit time yet), rejected with a reason, or approved (`reason` empty, as sent). */
function orderPathItem(f: Faker, status: number | undefined): OrderPathItem {
  const [applyTime, auditTime] = twoTimes(f);
  const base = { appid: appId(f), auditId: digitsId(f, 4 + f.number.int({ min: 0, max: 4 })), applyTime };
  if (status === undefined) return base;
  if (status === ORDER_PATH_AUDIT_STATUS.IN_REVIEW) return { ...base, status };
  const reason = status === ORDER_PATH_AUDIT_STATUS.REJECTED ? f.helpers.arrayElement(ORDER_PATH_REJECTIONS) : '';
  return { ...base, status, auditTime, reason };
}

const drawStatus = (f: Faker) =>
  f.helpers.weightedArrayElement([
    { weight: 6, value: ORDER_PATH_AUDIT_STATUS.APPROVED },
    { weight: 2, value: ORDER_PATH_AUDIT_STATUS.REJECTED },
    { weight: 2, value: ORDER_PATH_AUDIT_STATUS.IN_REVIEW },
  ]);

/** The batch's push, sent once its last item was audited. */
function orderPathPush(f: Faker, list: OrderPathItem[]): CatalogueDraft<'orderPathAuditResultNotify'> {
  const { appId: platform, createTime } = envelope(f);
  const latest = Math.max(createTime, ...list.map((item) => item.auditTime ?? item.applyTime ?? 0));
  return { type: 'orderPathAuditResultNotify', appId: platform, createTime: latest, list };
}

/** One push per batch: two or three Mini Programs, each its own status. */
export function orderPathAuditResultNotify(f: Faker): CatalogueDraft<'orderPathAuditResultNotify'> {
  return orderPathPush(f, f.helpers.multiple(() => orderPathItem(f, drawStatus(f)), { count: { min: 2, max: 3 } }));
}

/** One `list` element: in XML, a single element where a list belongs. */
export function orderPathAuditResultNotifySingleItem(f: Faker): CatalogueDraft<'orderPathAuditResultNotify'> {
  return orderPathPush(f, [orderPathItem(f, drawStatus(f))]);
}

/** No `list` element: the event still carries an (empty) array. */
export function orderPathAuditResultNotifyNoItems(f: Faker): CatalogueDraft<'orderPathAuditResultNotify'> {
  return orderPathPush(f, []);
}

/** An approved item next to one without `status`, as real pushes have carried: no approval for the batch. */
export function orderPathAuditResultNotifyMissingStatus(f: Faker): CatalogueDraft<'orderPathAuditResultNotify'> {
  return orderPathPush(f, [orderPathItem(f, ORDER_PATH_AUDIT_STATUS.APPROVED), orderPathItem(f, undefined)]);
}
