// One wire example per catalogue push, written by hand from WeChat's printed examples and field tables (and
// the SDKs' samples where WeChat prints none), with realistic values and a CreateTime a little before the
// tests' clock (the official examples' 11-digit CreateTimes would be refused as too old). They are the
// tests' independent oracle: nothing here is built with the middleware's definitions or the fixtures package.
import type { XmlInputObject } from '../../src/wire/index.js';
import { NOW_S } from '../helpers/push.js';

/** Where WeChat sends each push: a platform's message URL, a Mini Program's, a shop's, a platform's authorization-event URL, an Official Account's. */
export type Channel = 'T-msg' | 'M' | 'S' | 'T-auth' | 'OA';

/** A third-party platform: its component appid decrypts every push it receives (T-msg and T-auth). */
export const COMPONENT_APPID = 'wx3f2a9b7c5d1e0a46';
/** An authorizer of that platform (a Mini Program), in the T-msg path `<mount>/<appid>`, and its original id. */
export const AUTHORIZER_APPID = 'wx7ac3e1b5d9f20468';
export const AUTHORIZER_GH = 'gh_fb9688c2a4b2';
export const SECOND_AUTHORIZER_APPID = 'wx0e4d8c2b6a1f3957';
/** WeChat's system sender on third-party pushes. */
export const PLATFORM_SENDER = 'od1P50M-fNQI5Gcq-trm4a7apsU8';
/** A Mini Program receiving its own message pushes (M). */
export const MP_APPID = 'wx8f16a5be77871234';
export const MP_GH = 'gh_9df7d78a1234';
export const MP_SENDER = 'o4_t144jTUSEoxydysUA2E234_tc';
/** A WeChat Shop (S). */
export const SHOP_APPID = 'wx1d5c0e9b7a3f8246';
export const SHOP_GH = 'gh_3b2d6e8f9a1c';
export const SHOP_SENDER = 'oQa8Vs4yWkG2bL0mZf9cHe7tXp3R';
/** An Official Account (OA). */
export const OA_APPID = 'wx5e7c9a1b3d2f4068';
export const OA_GH = 'gh_7f083739789a';
export const OA_SENDER = 'oia2TjjewbmiOUlr6X-1crbLOvLw';

/** Sent half a minute before the tests' clock. */
export const CREATED = NOW_S - 30;

export interface WireExample {
  /** The typed event's name. */
  name: string;
  channel: Channel;
  /** The decrypted message, as a JavaScript object (serialised to XML or JSON per test). */
  wire: XmlInputObject;
}

const ADDRESSEE: Record<Exclude<Channel, 'T-auth'>, [to: string, from: string]> = {
  'T-msg': [AUTHORIZER_GH, PLATFORM_SENDER],
  M: [MP_GH, MP_SENDER],
  S: [SHOP_GH, SHOP_SENDER],
  OA: [OA_GH, OA_SENDER],
};

/** An `Event` push's envelope, then its payload in WeChat's order. */
function event(name: string, channel: Exclude<Channel, 'T-auth'>, Event: string, payload: XmlInputObject): WireExample {
  const [ToUserName, FromUserName] = ADDRESSEE[channel];
  return { name, channel, wire: { ToUserName, FromUserName, CreateTime: CREATED, MsgType: 'event', Event, ...payload } };
}

/** An `InfoType` push (a platform's authorization-event URL): AppId, CreateTime, InfoType, payload. */
function infoType(name: string, InfoType: string, payload: XmlInputObject): WireExample {
  return { name, channel: 'T-auth', wire: { AppId: COMPONENT_APPID, CreateTime: CREATED, InfoType, ...payload } };
}

export const FAIL_REASON =
  '1:账号信息不符合规范:<br>(1):包含色情因素<br>2:服务类目"金融业-保险_"与你提交代码审核时设置的功能页面内容不一致:<br>(1):功能页面涉及保险产品销售';
export const AUDIT_INFO = JSON.stringify({
  busi_audit_info: { item_list: [{ multi_failed_reasons: [{ audit_reason: '商品标题含有极限词“最便宜”' }], busi_show_field_api: 'product.title' }] },
});

export const WIRE_EXAMPLES: readonly WireExample[] = [
  // Third-party platform message URL
  event('weappAuditSuccess', 'T-msg', 'weapp_audit_success', { SuccTime: NOW_S - 41 }),
  event('weappAuditFail', 'T-msg', 'weapp_audit_fail', { Reason: FAIL_REASON, FailTime: NOW_S - 42, ScreenShot: 'mWq3Zr1p5T|kD8sLx2Yv0|Hn4bQe7uJc' }),
  event('weappAuditDelay', 'T-msg', 'weapp_audit_delay', {
    Reason: '为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待',
    DelayTime: NOW_S - 43,
  }),
  event('wxaNicknameAudit', 'T-msg', 'wxa_nickname_audit', { ret: 2, nickname: '小鹿优选商城', reason: '名称涉嫌侵犯他人商标权' }),
  event('wxaCategoryAudit', 'T-msg', 'wxa_category_audit', { ret: 3, first: 304, second: 305, reason: '' }),
  event('wxaPrivacyApply', 'T-msg', 'wxa_privacy_apply', {
    result_info: { api_name: 'wx.choosePoi', apply_time: NOW_S - 86_400, audit_id: 421609337, audit_time: NOW_S - 45, reason: '小程序内未含有相应使用场景', status: 2 },
  }),
  event('wxaAppealRecord', 'T-msg', 'wxa_appeal_record', {
    appeal_record_id: 4111001,
    appid: AUTHORIZER_APPID,
    appeal_time: NOW_S - 172_800,
    appeal_count: 1,
    appeal_from: 0,
    appeal_status: 3,
    audit_time: NOW_S - 50,
    audit_reason: '申诉材料不足以证明内容合规',
    punish_description: '内容涉嫌欺诈',
    material: [
      {
        illegal_material: { content: '违规内容1', content_url: 'https://mmbiz.qpic.cn/illegal/1' },
        appeal_material: { reason: '内容是正常的', proof_material_id: ['6r3Wz9kPq1', '6r3Wz9kPq2'] },
      },
      {
        illegal_material: { content: '违规内容2', content_url: 'https://mmbiz.qpic.cn/illegal/2' },
        appeal_material: { reason: '内容是正常的', proof_material_id: ['6r3Wz9kPq3'] },
      },
    ],
  }),
  // Mini Program shop trading component (here to the Mini Program's own URL)
  event('openProductSpuAudit', 'M', 'open_product_spu_audit', {
    OpenProductSpuAudit: { out_product_id: 'spu_123', product_id: 38249023, status: 3, reject_reason: '商品主图与标题不符' },
  }),
  event('openProductSpuStatusUpdate', 'M', 'open_product_spu_status_update', {
    OpenProductSpuAudit: { out_product_id: 'spu_123', product_id: 38249023, status: 13, reject_reason: '商品涉嫌虚假宣传' },
  }),
  event('openProductBrandAudit', 'M', 'open_product_brand_audit', {
    QualificationAuditResult: { audit_id: 'Xe5h1ILil12_fwfe', status: 1, audit_type: 1, reject_reason: '', brand_id: 11 },
  }),
  event('openProductCategoryAudit', 'M', 'open_product_category_audit', {
    QualificationAuditResult: { audit_id: 'RQAAAHIW8cgW-1EWAAAA', status: 9, audit_type: 2, reject_reason: '类目资质证书已过期' },
  }),
  event('sceneAudit', 'M', 'open_product_scene_group_audit', {
    SceneGroupAudit: {
      group_id: 1,
      reason: '审核通过,可以在视频号场景使用。',
      name: '视频号、公众号场景',
      scene_group_ext_list: [
        { ext_id: 1, status: 1, name: '客服售后' },
        { ext_id: 2, status: 0, name: '电商平台' },
      ],
    },
  }),
  // Mini Program message push: media check, v2
  event('wxaMediaCheck', 'M', 'wxa_media_check', {
    appid: MP_APPID,
    trace_id: '60f96f1d-3845297a-1976a3ae',
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
    result: { suggest: 'risky', label: 20002 },
  }),
  // WeChat Shop: JSON, safe mode
  event('productSpuAudit', 'S', 'product_spu_audit', {
    ProductSpuAudit: { product_id: '10000029995861', status: 2, reason: '商品标题含有极限词', audit_info: AUDIT_INFO, product_type: 1 },
  }),
  event('productCategoryAudit', 'S', 'product_category_audit', { ProductCategoryAudit: { audit_id: '123456', status: '1', reason: '类目资质审核中' } }),
  event('channelsEcBrand', 'S', 'channels_ec_brand', {
    BrandEvent: { brand_id: '10002934', audit_id: '12345678', status: 5, reason: '商标注册证与品牌名称不一致' },
  }),
  // Third-party platform authorization-event URL
  infoType('notifyThirdFasteregister', 'notify_third_fasteregister', {
    appid: 'wx9a7b3c5d1e2f4680',
    status: 0,
    auth_code: 'queryauthcode@@@Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
    msg: 'OK',
    info: {
      name: '深圳市小鹿科技有限公司',
      code: '91440300MA5F8Q2X1K',
      code_type: 1,
      legal_persona_wechat: 'lucy_2019',
      legal_persona_name: '张三',
      component_phone: '075586000000',
    },
  }),
  infoType('notifyApplyIcpfilingResult', 'notify_apply_icpfiling_result', { authorizer_appid: AUTHORIZER_APPID, beian_status: 6 }),
  infoType('notify3rdWxaAuthAndIcp', 'notify_3rd_wxa_auth_and_icp', { procedure_id: '1f3b5d7e9a2c4e6f', procedure_status: 18 }),
  infoType('orderPathAuditResultNotify', 'order_path_audit_result_notify', {
    list: [
      { appid: AUTHORIZER_APPID, audit_id: 1001, status: 4, apply_time: NOW_S - 10_000, audit_time: NOW_S - 60, reason: '' },
      { appid: SECOND_AUTHORIZER_APPID, audit_id: 1002, status: 4, apply_time: NOW_S - 9_000, audit_time: NOW_S - 60, reason: '' },
    ],
  }),
  infoType('componentVerifyTicket', 'component_verify_ticket', {
    ComponentVerifyTicket: 'ticket@@@lEHjsBEi_TPDey0IZxw4Zbb7JRYLOtEf9ksvDpSwzkwog3R6xEpdaK0yIee7JOyOXM0V7cp0dpM58GKmb8FSKA',
  }),
  infoType('authorized', 'authorized', {
    AuthorizerAppid: AUTHORIZER_APPID,
    AuthorizationCode: 'queryauthcode@@@cNt5Rr3VhkF9sVJ4zyw3hHsRRV7_c4B2i6wO8eG0-a1',
    AuthorizationCodeExpiredTime: NOW_S + 3570,
    PreAuthCode: 'preauthcode@@@RNPkZYjVgWVOHHfZjqxJkX-bbKyH0cFnoKTEOkEZuP3',
  }),
  infoType('updateauthorized', 'updateauthorized', {
    AuthorizerAppid: AUTHORIZER_APPID,
    AuthorizationCode: 'queryauthcode@@@dBu6Ss4WilG0tWK5azx4iItSSW8_d5C3j7xP9fH1-b2',
    AuthorizationCodeExpiredTime: NOW_S + 3570,
    PreAuthCode: 'preauthcode@@@SOQlaZkWhXWPIIgakryKlY-ccLzI1dGopLUFPlFavQ4',
  }),
  infoType('unauthorized', 'unauthorized', { AuthorizerAppid: AUTHORIZER_APPID }),
  // Official Account
  event('qualificationVerifySuccess', 'OA', 'qualification_verify_success', { ExpiredTime: NOW_S + 31_536_000 }),
  event('qualificationVerifyFail', 'OA', 'qualification_verify_fail', { FailTime: NOW_S - 34, FailReason: '营业执照信息与认证主体不符' }),
  event('namingVerifySuccess', 'OA', 'naming_verify_success', { ExpiredTime: NOW_S + 31_536_000 }),
  event('namingVerifyFail', 'OA', 'naming_verify_fail', { FailTime: NOW_S - 35, FailReason: '命名不符合规范: 含有地域词' }),
  event('annualRenew', 'OA', 'annual_renew', { ExpiredTime: NOW_S + 2_592_000 }),
  event('verifyExpired', 'OA', 'verify_expired', { ExpiredTime: NOW_S - 36 }),
  event('cardPassCheck', 'OA', 'card_pass_check', { CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }),
  event('cardNotPassCheck', 'OA', 'card_not_pass_check', { CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKd', RefuseReason: '非法代制' }),
  event('cardMerchantCheckResult', 'OA', 'card_merchant_check_result', { MerchantId: 12, IsPass: 0, Reason: '营业执照与商户名称不一致' }),
];

/** The example of one event, by its typed name. */
export function example(name: string): WireExample {
  const found = WIRE_EXAMPLES.find((e) => e.name === name);
  if (!found) throw new Error(`no wire example for ${name}`);
  return found;
}
