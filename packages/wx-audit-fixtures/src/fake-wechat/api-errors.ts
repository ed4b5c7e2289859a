/**
 * The errmsg WeChat sends with each errcode the fake uses (from WeChat's global return-code table), so
 * code under test sees the same pairs as in production.
 */
export const WECHAT_ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  [-2]: 'token too long',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  48001: 'api unauthorized',
  61006: 'component ticket is invalid',
  61023: 'refresh_token is invalid',
};

/**
 * check_audit_status for a wx_name the fake knows nothing about. WeChat does not document the code it
 * uses for this; the fake's choice is this constant, with a WeChat-style errmsg.
 */
export const UNKNOWN_WX_NAME_ERRCODE = 9410001;
export const UNKNOWN_WX_NAME_ERRMSG = 'wx_name not found or not registered';

export type WeChatErrorReply = { errcode: number; errmsg: string };

export function wechatError(errcode: number, errmsg?: string): WeChatErrorReply {
  return { errcode, errmsg: errmsg ?? WECHAT_ERRMSG[errcode] ?? (errcode === UNKNOWN_WX_NAME_ERRCODE ? UNKNOWN_WX_NAME_ERRMSG : 'error') };
}
