import { aggregateOutcome, verdict } from '../audit-result.js';
import { catalogueEvent } from '../catalogue-event.js';
import { defineStatuses } from '../statuses.js';
import { wxArray, wxNumber, wxObject, wxObjectOrEmpty, wxOptionalNumber, wxText } from '../wire-fields.js';
import { THIRD_PARTY_AUTHORIZATION } from './channels.js';

/** Audits reported to a third-party platform's authorization-event URL (`InfoType`), CATALOGUE §6.1–6.4. */

const fastRegisterStatus = defineStatuses({
  SUCCESS: { value: 0, zh: '成功', en: 'success', outcome: 'approved' },
});
/** 0 is success; any other value is an error code (89249 task running, 89250 task not found, 89251 legal person checking…). */
export const FAST_REGISTER_STATUS = fastRegisterStatus.values;
export const FAST_REGISTER_STATUS_TEXT = fastRegisterStatus.text;

const codeType = defineStatuses({
  UNIFIED_SOCIAL_CREDIT_CODE: { value: 1, zh: '统一社会信用代码', en: 'unified social credit code' },
  ORGANIZATION_CODE: { value: 2, zh: '组织机构代码', en: 'organization code' },
  BUSINESS_LICENSE_NUMBER: { value: 3, zh: '营业执照注册号', en: 'business licence registration number' },
});
export const FAST_REGISTER_CODE_TYPE = codeType.values;
export const FAST_REGISTER_CODE_TYPE_TEXT = codeType.text;

/** Fast registration of an enterprise or personal Mini Program. `info` is `{}` when absent; `component_phone` and `code` are text. */
export const notifyThirdFasteregister = catalogueEvent({
  name: 'notifyThirdFasteregister',
  wire: { infoType: 'notify_third_fasteregister' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: {
    appid: wxText.optional(),
    status: wxNumber,
    auth_code: wxText.optional(),
    msg: wxText.optional(),
    info: wxObjectOrEmpty({
      name: wxText.optional(),
      code: wxText.optional(),
      code_type: wxOptionalNumber,
      legal_persona_wechat: wxText.optional(),
      legal_persona_name: wxText.optional(),
      component_phone: wxText.optional(),
      wxuser: wxText.optional(),
      idname: wxText.optional(),
      taskid: wxText.optional(),
    }),
  },
  keys: (e) => [e.appid, e.status, e.info.taskid || e.info.code || e.info.wxuser],
  auditResult: (e) => (e.status === 0 ? verdict('approved', e.appid) : verdict('rejected', e.appid, e.msg)),
});

const icpStatus = defineStatuses({
  PLATFORM_REVIEW: { value: 2, zh: '平台审核中', en: 'in platform review', outcome: 'pending' },
  PLATFORM_REJECTED: { value: 3, zh: '平台审核驳回', en: 'rejected by the platform', outcome: 'rejected' },
  AUTHORITY_REVIEW: { value: 4, zh: '管局审核中', en: 'in authority review', outcome: 'pending' },
  AUTHORITY_REJECTED: { value: 5, zh: '管局审核驳回', en: 'rejected by the authority', outcome: 'rejected' },
  FILED: { value: 6, zh: '已备案', en: 'filed', outcome: 'approved' },
  NOT_FILED: { value: 1024, zh: '未备案', en: 'not filed', outcome: 'other' },
});
export const ICP_FILING_STATUS = icpStatus.values;
export const ICP_FILING_STATUS_TEXT = icpStatus.text;

/** An ICP filing (备案) rejected or approved. Rejection details are not pushed: query `get_icp_entrance_info`. */
export const notifyApplyIcpfilingResult = catalogueEvent({
  name: 'notifyApplyIcpfilingResult',
  wire: { infoType: 'notify_apply_icpfiling_result' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: { authorizer_appid: wxText, beian_status: wxNumber },
  keys: (e) => [e.authorizerAppid, e.beianStatus],
  auditResult: (e) => verdict(icpStatus.outcomeOf(e.beianStatus), e.authorizerAppid),
});

const procedureStatus = defineStatuses({
  PHONE_VERIFIED: { value: 9, zh: '手机验证成功', en: 'phone verified', outcome: 'pending' },
  AWAITING_PAYMENT: { value: 15, zh: '等待支付', en: 'awaiting payment', outcome: 'pending' },
  PAID: { value: 16, zh: '支付成功', en: 'paid', outcome: 'pending' },
  VERIFICATION_REVIEW: { value: 17, zh: '认证审核中', en: 'verification in review', outcome: 'pending' },
  VERIFICATION_REJECTED: { value: 18, zh: '认证审核驳回', en: 'verification rejected', outcome: 'rejected' },
  VERIFICATION_PASSED: { value: 19, zh: '认证审核通过', en: 'verification passed, filing continues', outcome: 'pending' },
  VERIFICATION_FAILED: { value: 20, zh: '认证最终失败', en: 'verification failed', outcome: 'rejected' },
  FILING_NOT_CREATED: { value: 21, zh: '创建备案审核单失败', en: 'filing application not created', outcome: 'rejected' },
  FILING_PLATFORM_REVIEW: { value: 22, zh: '备案平台审核中', en: 'filing in platform review', outcome: 'pending' },
  FILING_PLATFORM_REJECTED: { value: 23, zh: '备案平台审核驳回', en: 'filing rejected by the platform', outcome: 'rejected' },
  FILING_AUTHORITY_REVIEW: { value: 24, zh: '备案管局审核中', en: 'filing in authority review', outcome: 'pending' },
  FILING_AUTHORITY_REJECTED: { value: 25, zh: '管局审核驳回', en: 'filing rejected by the authority', outcome: 'rejected' },
  COMPLETED: { value: 26, zh: '认证及备案完成', en: 'verified and filed', outcome: 'approved' },
  EXPIRED: { value: 27, zh: '流程已过期', en: 'procedure expired', outcome: 'other' },
  TERMINATED: { value: 28, zh: '流程已终止', en: 'procedure terminated', outcome: 'cancelled' },
  FILING_WITHDRAWN: { value: 29, zh: '备案已撤回', en: 'filing withdrawn', outcome: 'cancelled' },
});
export const AUTH_AND_ICP_PROCEDURE_STATUS = procedureStatus.values;
export const AUTH_AND_ICP_PROCEDURE_STATUS_TEXT = procedureStatus.text;

/** Each main step of the combined WeChat verification and ICP filing (`submitAuthAndIcp`). */
export const notify3rdWxaAuthAndIcp = catalogueEvent({
  name: 'notify3rdWxaAuthAndIcp',
  wire: { infoType: 'notify_3rd_wxa_auth_and_icp' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: { procedure_id: wxText, procedure_status: wxNumber },
  keys: (e) => [e.procedureId, e.procedureStatus],
  auditResult: (e) => verdict(procedureStatus.outcomeOf(e.procedureStatus), e.procedureId),
});

const orderPathStatus = defineStatuses({
  IN_REVIEW: { value: 2, zh: '审核中', en: 'in review', outcome: 'pending' },
  REJECTED: { value: 3, zh: '审核失败', en: 'rejected', outcome: 'rejected' },
  APPROVED: { value: 4, zh: '审核通过', en: 'approved', outcome: 'approved' },
});
export const ORDER_PATH_AUDIT_STATUS = orderPathStatus.values;
export const ORDER_PATH_AUDIT_STATUS_TEXT = orderPathStatus.text;

/** Order-page path audits, one push per batch: `list` repeats without a wrapper, one item per Mini Program; an item may lack its status. */
export const orderPathAuditResultNotify = catalogueEvent({
  name: 'orderPathAuditResultNotify',
  wire: { infoType: 'order_path_audit_result_notify' },
  ...THIRD_PARTY_AUTHORIZATION,
  payload: {
    list: wxArray(
      wxObject({
        appid: wxText,
        audit_id: wxText,
        status: wxOptionalNumber,
        apply_time: wxOptionalNumber,
        audit_time: wxOptionalNumber,
        reason: wxText.optional(),
      }),
    ),
  },
  keys: (e) => e.list.flatMap((item) => [item.auditId, item.status]),
  auditResult: (e) => {
    const outcome = aggregateOutcome(e.list.map((item) => (item.status === undefined ? undefined : orderPathStatus.outcomeOf(item.status))));
    const only = e.list.length === 1 ? e.list[0] : undefined;
    return verdict(outcome, only?.auditId, only?.reason);
  },
});
