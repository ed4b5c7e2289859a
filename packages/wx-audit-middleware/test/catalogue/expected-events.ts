// What each wire example (wire-examples.ts) must become, written by hand from WeChat's field tables and
// mappings: the typed payload fields (camelCased, the wrapper flattened, ids as strings, numbers as numbers,
// lists as arrays) and the auditResult verdict, or null for the seven lifecycle events.
import { NOW_S } from '../helpers/push.js';
import { AUDIT_INFO, AUTHORIZER_APPID, AUTHORIZER_GH, FAIL_REASON, MP_APPID, OA_GH, SECOND_AUTHORIZER_APPID } from './wire-examples.js';

export type Outcome = 'approved' | 'rejected' | 'pending' | 'cancelled' | 'other';

export interface Verdict {
  outcome: Outcome;
  subjectId?: string;
  reason?: string;
}

export interface Expected {
  /** The payload's typed fields (the envelope is checked from the wire example itself). */
  fields: Record<string, unknown>;
  audit: Verdict | null;
}

const fastRegisterInfo = {
  name: '深圳市小鹿科技有限公司',
  code: '91440300MA5F8Q2X1K',
  codeType: 1,
  legalPersonaWechat: 'lucy_2019',
  legalPersonaName: '张三',
  componentPhone: '075586000000',
};

export const EXPECTED: Readonly<Record<string, Expected>> = {
  weappAuditSuccess: { fields: { succTime: NOW_S - 41 }, audit: { outcome: 'approved', subjectId: AUTHORIZER_GH } },
  weappAuditFail: {
    fields: { reason: FAIL_REASON, failTime: NOW_S - 42, screenShot: 'mWq3Zr1p5T|kD8sLx2Yv0|Hn4bQe7uJc', screenShotList: ['mWq3Zr1p5T', 'kD8sLx2Yv0', 'Hn4bQe7uJc'] },
    audit: { outcome: 'rejected', subjectId: AUTHORIZER_GH, reason: FAIL_REASON },
  },
  weappAuditDelay: {
    fields: { reason: '为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待', delayTime: NOW_S - 43 },
    audit: { outcome: 'pending', subjectId: AUTHORIZER_GH, reason: '为了更好的服务小程序，您的服务商正在进行提审系统的优化，可能会导致审核时效的增长，请耐心等待' },
  },
  wxaNicknameAudit: {
    fields: { ret: 2, nickname: '小鹿优选商城', reason: '名称涉嫌侵犯他人商标权' },
    audit: { outcome: 'rejected', subjectId: AUTHORIZER_GH, reason: '名称涉嫌侵犯他人商标权' },
  },
  // An empty reason is typed '' but left out of the verdict.
  wxaCategoryAudit: { fields: { ret: 3, first: 304, second: 305, reason: '' }, audit: { outcome: 'approved', subjectId: AUTHORIZER_GH } },
  wxaPrivacyApply: {
    fields: { apiName: 'wx.choosePoi', applyTime: NOW_S - 86_400, auditId: '421609337', auditTime: NOW_S - 45, reason: '小程序内未含有相应使用场景', status: 2 },
    audit: { outcome: 'rejected', subjectId: '421609337', reason: '小程序内未含有相应使用场景' },
  },
  wxaAppealRecord: {
    fields: {
      appealRecordId: '4111001',
      appid: AUTHORIZER_APPID,
      appealTime: NOW_S - 172_800,
      appealCount: 1,
      appealFrom: 0,
      appealStatus: 3,
      auditTime: NOW_S - 50,
      auditReason: '申诉材料不足以证明内容合规',
      punishDescription: '内容涉嫌欺诈',
      material: [
        {
          illegalMaterial: { content: '违规内容1', contentUrl: 'https://mmbiz.qpic.cn/illegal/1' },
          appealMaterial: { reason: '内容是正常的', proofMaterialId: ['6r3Wz9kPq1', '6r3Wz9kPq2'] },
        },
        {
          illegalMaterial: { content: '违规内容2', contentUrl: 'https://mmbiz.qpic.cn/illegal/2' },
          appealMaterial: { reason: '内容是正常的', proofMaterialId: ['6r3Wz9kPq3'] },
        },
      ],
    },
    audit: { outcome: 'rejected', subjectId: '4111001', reason: '申诉材料不足以证明内容合规' },
  },
  openProductSpuAudit: {
    fields: { outProductId: 'spu_123', productId: '38249023', status: 3, rejectReason: '商品主图与标题不符' },
    audit: { outcome: 'rejected', subjectId: '38249023', reason: '商品主图与标题不符' },
  },
  openProductSpuStatusUpdate: { fields: { outProductId: 'spu_123', productId: '38249023', status: 13, rejectReason: '商品涉嫌虚假宣传' }, audit: null },
  openProductBrandAudit: {
    fields: { auditId: 'Xe5h1ILil12_fwfe', status: 1, auditType: 1, rejectReason: '', brandId: '11' },
    audit: { outcome: 'approved', subjectId: 'Xe5h1ILil12_fwfe' },
  },
  openProductCategoryAudit: {
    fields: { auditId: 'RQAAAHIW8cgW-1EWAAAA', status: 9, auditType: 2, rejectReason: '类目资质证书已过期' },
    audit: { outcome: 'rejected', subjectId: 'RQAAAHIW8cgW-1EWAAAA', reason: '类目资质证书已过期' },
  },
  // One item approved and one in audit: pending. sceneAudit's groupId stays a number (API.md).
  sceneAudit: {
    fields: {
      groupId: 1,
      reason: '审核通过,可以在视频号场景使用。',
      name: '视频号、公众号场景',
      sceneGroupExtList: [
        { extId: 1, status: 1, name: '客服售后' },
        { extId: 2, status: 0, name: '电商平台' },
      ],
    },
    audit: { outcome: 'pending', subjectId: '1', reason: '审核通过,可以在视频号场景使用。' },
  },
  wxaMediaCheck: {
    fields: {
      appid: MP_APPID,
      traceId: '60f96f1d-3845297a-1976a3ae',
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
      result: { suggest: 'risky', label: 20002 },
    },
    audit: { outcome: 'rejected', subjectId: '60f96f1d-3845297a-1976a3ae' },
  },
  productSpuAudit: {
    fields: { productId: '10000029995861', status: 2, reason: '商品标题含有极限词', auditInfo: AUDIT_INFO, auditInfoParsed: JSON.parse(AUDIT_INFO) as unknown, productType: 1 },
    audit: { outcome: 'rejected', subjectId: '10000029995861', reason: '商品标题含有极限词' },
  },
  productCategoryAudit: { fields: { auditId: '123456', status: 1, reason: '类目资质审核中' }, audit: { outcome: 'pending', subjectId: '123456', reason: '类目资质审核中' } },
  channelsEcBrand: {
    fields: { brandId: '10002934', auditId: '12345678', status: 5, reason: '商标注册证与品牌名称不一致' },
    audit: { outcome: 'rejected', subjectId: '10002934', reason: '商标注册证与品牌名称不一致' },
  },
  notifyThirdFasteregister: {
    fields: { appid: 'wx9a7b3c5d1e2f4680', status: 0, authCode: 'queryauthcode@@@Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', msg: 'OK', info: fastRegisterInfo },
    audit: { outcome: 'approved', subjectId: 'wx9a7b3c5d1e2f4680' },
  },
  notifyApplyIcpfilingResult: { fields: { authorizerAppid: AUTHORIZER_APPID, beianStatus: 6 }, audit: { outcome: 'approved', subjectId: AUTHORIZER_APPID } },
  notify3rdWxaAuthAndIcp: { fields: { procedureId: '1f3b5d7e9a2c4e6f', procedureStatus: 18 }, audit: { outcome: 'rejected', subjectId: '1f3b5d7e9a2c4e6f' } },
  // Two items: no subjectId or reason of one of them.
  orderPathAuditResultNotify: {
    fields: {
      list: [
        { appid: AUTHORIZER_APPID, auditId: '1001', status: 4, applyTime: NOW_S - 10_000, auditTime: NOW_S - 60, reason: '' },
        { appid: SECOND_AUTHORIZER_APPID, auditId: '1002', status: 4, applyTime: NOW_S - 9_000, auditTime: NOW_S - 60, reason: '' },
      ],
    },
    audit: { outcome: 'approved' },
  },
  componentVerifyTicket: {
    fields: { componentVerifyTicket: 'ticket@@@lEHjsBEi_TPDey0IZxw4Zbb7JRYLOtEf9ksvDpSwzkwog3R6xEpdaK0yIee7JOyOXM0V7cp0dpM58GKmb8FSKA' },
    audit: null,
  },
  authorized: {
    fields: {
      authorizerAppid: AUTHORIZER_APPID,
      authorizationCode: 'queryauthcode@@@cNt5Rr3VhkF9sVJ4zyw3hHsRRV7_c4B2i6wO8eG0-a1',
      authorizationCodeExpiredTime: NOW_S + 3570,
      preAuthCode: 'preauthcode@@@RNPkZYjVgWVOHHfZjqxJkX-bbKyH0cFnoKTEOkEZuP3',
    },
    audit: null,
  },
  updateauthorized: {
    fields: {
      authorizerAppid: AUTHORIZER_APPID,
      authorizationCode: 'queryauthcode@@@dBu6Ss4WilG0tWK5azx4iItSSW8_d5C3j7xP9fH1-b2',
      authorizationCodeExpiredTime: NOW_S + 3570,
      preAuthCode: 'preauthcode@@@SOQlaZkWhXWPIIgakryKlY-ccLzI1dGopLUFPlFavQ4',
    },
    audit: null,
  },
  unauthorized: { fields: { authorizerAppid: AUTHORIZER_APPID }, audit: null },
  qualificationVerifySuccess: { fields: { expiredTime: NOW_S + 31_536_000 }, audit: { outcome: 'approved', subjectId: OA_GH } },
  qualificationVerifyFail: {
    fields: { failTime: NOW_S - 34, failReason: '营业执照信息与认证主体不符' },
    audit: { outcome: 'rejected', subjectId: OA_GH, reason: '营业执照信息与认证主体不符' },
  },
  namingVerifySuccess: { fields: { expiredTime: NOW_S + 31_536_000 }, audit: { outcome: 'approved', subjectId: OA_GH } },
  namingVerifyFail: {
    fields: { failTime: NOW_S - 35, failReason: '命名不符合规范: 含有地域词' },
    audit: { outcome: 'rejected', subjectId: OA_GH, reason: '命名不符合规范: 含有地域词' },
  },
  annualRenew: { fields: { expiredTime: NOW_S + 2_592_000 }, audit: null },
  verifyExpired: { fields: { expiredTime: NOW_S - 36 }, audit: null },
  cardPassCheck: { fields: { cardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }, audit: { outcome: 'approved', subjectId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' } },
  cardNotPassCheck: {
    fields: { cardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKd', refuseReason: '非法代制' },
    audit: { outcome: 'rejected', subjectId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKd', reason: '非法代制' },
  },
  cardMerchantCheckResult: {
    fields: { merchantId: '12', isPass: 0, reason: '营业执照与商户名称不一致' },
    audit: { outcome: 'rejected', subjectId: '12', reason: '营业执照与商户名称不一致' },
  },
};
