import { z } from 'zod';
import { WxApiError } from '../errors.js';
import { auditStatusFieldsSchema, type CheckAuditStatusResult } from '../events/audit-status.js';
import { describeIssues } from '../events/issues.js';
import { resolveClientOptions, type WxApiClientOptions } from './wx-api-options.js';
import { createPostJson, type CallOptions, type PostJson } from './wx-api-request.js';

export const CHECK_AUDIT_STATUS_PATH = '/product/register/check_audit_status';

export interface CheckAuditStatusParams {
  /** The shop's WeChat id (微信号) given at registration. */
  wxName: string;
}

export interface WxApiClient {
  /**
   * Registration status of a shop (https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/en/business-capabilities/ministore/minishopopencomponent/API/register/check_audit_status.html). Resolves with the typed fields and `raw`, the reply's
   * `data` as sent; rejects with `WxApiError` (errcode ≠ 0, timeout, network, bad reply).
   */
  checkAuditStatus(params: CheckAuditStatusParams, options?: CallOptions): Promise<CheckAuditStatusResult>;
  /**
   * Any other WeChat API taking JSON with `access_token` in the query, with the same token refresh,
   * retries, timeout and errcode handling. Resolves with the whole reply (errcode 0).
   */
  post: PostJson;
}

const replySchema = z.object({ data: z.record(z.string(), z.unknown()) });

/** A reply with errcode 0 whose content does not match the documented shape: names fields, never values. */
function invalidReply(why: string): WxApiError {
  return new WxApiError({ code: 'INVALID_REPLY', errcode: -1, errmsg: why, status: 200, message: `WeChat API ${CHECK_AUDIT_STATUS_PATH}: unexpected reply (${why})` });
}

/** A client for WeChat's server APIs on Node's own fetch. Nothing is sent until a method is called. */
export function createWxApiClient(options: WxApiClientOptions): WxApiClient {
  const post = createPostJson(resolveClientOptions(options));

  async function checkAuditStatus(params: CheckAuditStatusParams, callOptions?: CallOptions): Promise<CheckAuditStatusResult> {
    if (typeof params?.wxName !== 'string' || params.wxName.length === 0) throw new TypeError('checkAuditStatus: wxName must be a non-empty string');
    const reply = await post(CHECK_AUDIT_STATUS_PATH, { wx_name: params.wxName }, callOptions);
    const envelope = replySchema.safeParse(reply);
    if (!envelope.success) throw invalidReply(describeIssues(envelope.error));
    const fields = auditStatusFieldsSchema.safeParse(envelope.data.data);
    if (!fields.success) throw invalidReply(describeIssues(fields.error));
    return { ...fields.data, raw: envelope.data.data };
  }

  return { checkAuditStatus, post };
}
