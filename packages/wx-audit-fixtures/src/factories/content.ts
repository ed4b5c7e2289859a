import type { Faker } from '@faker-js/faker';

// Realistic building blocks: WeChat's id formats and the Chinese wording of WeChat's own audit messages.

const OPENID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An Official Account / Mini Program original id: `gh_` and 12 hex digits (gh_885ece6ed5eb). */
export const ghId = (f: Faker) => `gh_${f.string.hexadecimal({ length: 12, casing: 'lower', prefix: '' })}`;

/** An openid: 28 characters, `o` then URL-safe base64 (oMKbH5MtRalx0-1bIdmAuduh-style). */
export const openid = (f: Faker) => `o${f.string.fromCharacters(OPENID_CHARS, 27)}`;

/** An appid: `wx` and 16 hex digits. */
export const appId = (f: Faker) => `wx${f.string.hexadecimal({ length: 16, casing: 'lower', prefix: '' })}`;

/** A WeChat Pay merchant number: 10 digits starting with 1 (1900016681). */
export const mchid = (f: Faker) => `1${f.string.numeric({ length: 9, allowLeadingZeros: true })}`;

/** How far before the fixture set's `now` its times are drawn: fresh enough for any middleware's checks. */
export const FRESH_WINDOW_SECONDS = 300;

/**
 * Unix seconds within the five minutes before the set's `now` (the Faker instance's reference date, set by
 * createFixtures): a fixture is fresh when it is sent, and the same seed and `now` give the same value.
 */
export function unixSeconds(f: Faker): number {
  const now = Math.floor(f.defaultRefDate().getTime() / 1000);
  return f.number.int({ min: now - FRESH_WINDOW_SECONDS, max: now });
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes it (2015-05-20T13:29:35+08:00). */
export function rfc3339Cst(seconds: number): string {
  return `${new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 19)}+08:00`;
}

/** Scene groups as the WeChat console names them. */
export const SCENE_GROUPS: ReadonlyArray<{ groupId: number; name: string }> = [
  { groupId: 1, name: '视频号、公众号场景' },
  { groupId: 2, name: '小程序直播场景' },
  { groupId: 3, name: '搜一搜场景' },
  { groupId: 4, name: '朋友圈广告场景' },
  { groupId: 5, name: '小程序商城场景' },
];

/** Audit items by ext_id (1 customer service and after-sales, 2 e-commerce platform). */
export const EXT_NAMES: Readonly<Record<1 | 2, readonly string[]>> = {
  1: ['绑定视频号', '客服售后', '配置客服电话', '售后服务承诺'],
  2: ['添加推广员', '电商平台', '开通小店', '商品橱窗'],
};

export const PASS_REASONS = ['审核通过,可以在视频号场景使用。', '审核通过,可以在该场景使用。', '审核通过,相关能力已开通。'];
export const IN_AUDIT_REASONS = ['审核中,请耐心等待。', '资料已提交,正在审核中。'];
export const FAIL_DETAILS = [
  '客服电话无法接通',
  '售后服务说明不完整',
  '小程序名称与主体经营范围不符',
  '商品类目需补充相关资质',
  '推广员账号未完成实名认证',
  '视频号未绑定该小程序',
];

/** WeChat Pay info-update rejection codes and messages. */
export const FAIL_CODES: ReadonlyArray<{ code: string; msg: string }> = [
  { code: '1001', msg: 'IDCARD_ILLEGAL' },
  { code: '1002', msg: '身份证号码与姓名不一致' },
  { code: '1003', msg: '银行账户信息有误,请核对开户名称与账号' },
  { code: '1004', msg: '营业执照已过期,请上传最新营业执照' },
  { code: '1005', msg: '联系人手机号无法验证' },
];

export const ATTACH_INFOS = ['updateidcard', 'updatebankcard', 'updatecontact', 'updatelicense', 'updatemerchantname'];

export const BASIC_INFO_REJECTS = ['基础信息驳回原因:小程序简称与主体名称不符', '基础信息驳回原因:经营类目缺少资质', '基础信息驳回原因:头像涉及他人商标'];
export const PAY_REJECTS = [
  { paramName: '营业执照', rejectReason: '营业执照照片模糊,请重新上传' },
  { paramName: '法人身份证', rejectReason: '身份证已过有效期' },
  { paramName: '结算银行账户', rejectReason: '开户名称与主体名称不一致' },
];

/** Emoji of every kind that breaks naive byte or length handling: astral plane, skin tone, ZWJ sequence, flag, keycap. */
export const EMOJI = ['✅', '🎉', '👍🏻', '👨‍👩‍👧‍👦', '🇨🇳', '1️⃣', '🛒', '📦', '😀'];

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A media id as the material and temporary-media APIs return it: 64 URL-safe characters. */
export const mediaId = (f: Faker) => f.string.fromCharacters(URL_SAFE, 64);

/** A 64-bit id as WeChat Shop and the trading component print it: 19 digits, below 2^63, kept as text. */
export const uint64Id = (f: Faker) => `${f.number.int({ min: 1, max: 8 })}${f.string.numeric({ length: 18, allowLeadingZeros: true })}`;

/** A shorter numeric id (audit ids, record ids): `length` digits, no leading zero. */
export const digitsId = (f: Faker, length: number) => `${f.number.int({ min: 1, max: 9 })}${f.string.numeric({ length: length - 1, allowLeadingZeros: true })}`;

/** A media check's trace_id: three groups of 8 hex digits (60f96f1d-3845297a-1976a3ae). */
export const traceId = (f: Faker) => Array.from({ length: 3 }, () => f.string.hexadecimal({ length: 8, casing: 'lower', prefix: '' })).join('-');

/** A card_id: `p` and 27 URL-safe characters, like an openid (pFS7Fjg8kV1IdDz01r4SQwMkuCKc). */
export const cardId = (f: Faker) => `p${f.string.fromCharacters(URL_SAFE.slice(0, 62), 27)}`;

/** A third-party platform credential as WeChat prints it: a prefix, `@@@`, then URL-safe characters (`queryauthcode@@@…`, `ticket@@@…`). */
export const platformCode = (f: Faker, prefix: string) => `${prefix}@@@${f.string.fromCharacters(URL_SAFE, 86)}`;

/**
 * Two times of one push, both within the five minutes before `now`: the earlier is when the audit ended
 * (`FailTime`, `audit_time`), the later when WeChat sent the push (`CreateTime`).
 */
export function twoTimes(f: Faker): [earlier: number, later: number] {
  const a = unixSeconds(f);
  const b = unixSeconds(f);
  return a <= b ? [a, b] : [b, a];
}
