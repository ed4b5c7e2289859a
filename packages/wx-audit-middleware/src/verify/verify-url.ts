import { WxAuditError } from '../errors.js';
import { pushSignature, safeEqual } from '../wire/signature.js';
import type { PushCredentials } from './credentials.js';
import { requireParam, type Query } from './query.js';
import { checkTimestamp } from './timestamp.js';

/** WeChat's GET URL verification: returns the `echostr` to echo, only when the signature matches. */
export function verifyUrl(query: Query, credentials: PushCredentials, nowMs: number, toleranceSeconds: number): string {
  const signature = requireParam(query, 'signature');
  const timestamp = requireParam(query, 'timestamp');
  const nonce = requireParam(query, 'nonce');
  const echostr = requireParam(query, 'echostr');
  const token = requireToken(credentials);
  if (!safeEqual(signature, pushSignature(token, timestamp, nonce))) {
    throw new WxAuditError('SIGNATURE_INVALID', 'The signature does not match; check that `token` equals the Token set on the WeChat console.');
  }
  checkTimestamp(timestamp, nowMs, toleranceSeconds);
  return echostr;
}

export function requireToken(credentials: PushCredentials): string {
  if (!credentials.token) {
    throw new WxAuditError('NOT_CONFIGURED', 'A WeChat push arrived but createWxAudit() was given no `token`.');
  }
  return credentials.token;
}
