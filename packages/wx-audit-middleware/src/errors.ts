/**
 * Every refusal and failure carries a stable string `code` (safe to switch on), the HTTP `status` the
 * middleware answers with, and a message meant for the developer who must fix it. Messages never
 * include a token, a key or decrypted content: they may end up in logs and in HTTP answers.
 */
export const WX_AUDIT_ERROR_STATUS = {
  QUERY_INVALID: 400,
  BODY_MALFORMED: 400,
  SCHEMA_INVALID: 400,
  SIGNATURE_INVALID: 401,
  TIMESTAMP_OUT_OF_TOLERANCE: 401,
  APPID_MISMATCH: 401,
  DECRYPT_FAILED: 401,
  ENCRYPTION_REQUIRED: 401,
  /** A push whose signed CreateTime is further than maxMessageAgeSeconds from the clock (a replay). */
  MESSAGE_TOO_OLD: 401,
  AUTHORIZATION_INVALID: 401,
  PAY_KEY_UNKNOWN: 401,
  /** Nothing configured can authenticate this kind of request (API.md: such requests are refused). */
  NOT_CONFIGURED: 401,
  /** A request below the mount point whose sub-path is not an authorizer appid. */
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  RAW_BODY_UNAVAILABLE: 500,
  HANDLER_FAILED: 500,
  HANDLER_TIMEOUT: 503,
  /** A listener still running after 10 × ackTimeoutMs: the message was let go for WeChat's next retry. */
  HANDLER_ABANDONED: 503,
  DUPLICATE_IN_FLIGHT: 503,
  STORE_UNAVAILABLE: 503,
  /** A request that arrived after `audit.close()` was called. */
  SHUTTING_DOWN: 503,
  /** A store key holds a value wx-audit never writes (another program under the same keyPrefix). */
  STORE_VALUE_UNEXPECTED: 500,
  CONFIG_INVALID: 500,
  /** The handler was mounted with app.post/app.get/app.all (a route): it must be mounted with app.use. */
  MOUNT_INVALID: 500,
  INTERNAL_ERROR: 500,
} as const;

export type WxAuditErrorCode = keyof typeof WX_AUDIT_ERROR_STATUS;

export class WxAuditError extends Error {
  override readonly name = 'WxAuditError';
  readonly code: WxAuditErrorCode;
  readonly status: number;

  constructor(code: WxAuditErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.status = WX_AUDIT_ERROR_STATUS[code];
  }
}

export function isWxAuditError(value: unknown): value is WxAuditError {
  return value instanceof WxAuditError;
}

/** A reply from a WeChat API whose `errcode` is not 0, or a call that could not get a reply. */
export class WxApiError extends Error {
  override readonly name = 'WxApiError';
  /** `WX_API_ERROR` for an errcode reply; `HTTP_ERROR`, `TIMEOUT`, `NETWORK_ERROR`, `INVALID_REPLY` otherwise. */
  readonly code: 'WX_API_ERROR' | 'HTTP_ERROR' | 'TIMEOUT' | 'NETWORK_ERROR' | 'INVALID_REPLY';
  readonly errcode: number;
  readonly errmsg: string;
  /** HTTP status of the reply, 0 when there was none. */
  readonly status: number;

  constructor(
    init: { code?: WxApiError['code']; errcode: number; errmsg: string; status?: number; message?: string },
    options?: { cause?: unknown },
  ) {
    super(init.message ?? `WeChat API error ${init.errcode}: ${init.errmsg}`, options);
    this.code = init.code ?? 'WX_API_ERROR';
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.status = init.status ?? 0;
  }
}
