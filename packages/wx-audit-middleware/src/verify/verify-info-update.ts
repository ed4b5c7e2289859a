import { WxAuditError } from '../errors.js';
import { ID_PREFIX, joinIdParts } from '../events/ids.js';
import { infoUpdateAuditFieldsSchema } from '../events/info-update-audit.js';
import { describeIssues } from '../events/issues.js';
import type { InfoUpdateAuditEvent, RawMessage } from '../events/types.js';
import type { Answer, InboundRequest } from './inbound-request.js';
import { apiv3Message, parseApiv3Authorization, verifyApiv3 } from '../wire/apiv3-signature.js';
import { parseJson } from '../wire/json.js';
import { RAW_BODY_HINT, bodyText, type InboundBody } from './decode-body.js';
import { payKeyFor, type PayKeys } from './pay-keys.js';
import { checkTimestamp } from './timestamp.js';
import { describeRequestText } from '../describe-request-text.js';

export interface VerifiedInfoUpdate {
  /** `out_request_no + audit_result + audit_finish_time`: equal for every re-delivery of one result. */
  id: string;
  event: InfoUpdateAuditEvent;
}

/** What the caller is answered once listeners settled: WeChat Pay's notify reply shape, `{ ret_msg }`. */
export const INFO_UPDATE_ACK: Answer = {
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ ret_msg: 'success' }),
};

/**
 * Authenticates one WeChat Pay APIv3 info-update audit result notification and turns it
 * into its event. The order matters: the signature is checked over the exact bytes received before
 * any JSON is parsed, so nothing unauthenticated reaches the parser or the schema.
 */
export async function verifyInfoUpdate(request: InboundRequest, payKeys: PayKeys, nowMs: number, toleranceSeconds: number): Promise<VerifiedInfoUpdate> {
  const auth = parseApiv3Authorization(headerOf(request, 'authorization'));
  if (payKeys.size === 0) {
    throw new WxAuditError('NOT_CONFIGURED', 'A WeChat Pay info-update notification arrived but createWxAudit() was given no `payKeys`.');
  }
  const key = payKeyFor(payKeys, auth.serialNo);
  if (!key) {
    // The serial is public (it is in the header); naming it tells the operator which key to add.
    throw new WxAuditError('PAY_KEY_UNKNOWN', `No key in payKeys has serial_no ${describeRequestText(auth.serialNo)}; add the public key or certificate of the caller's merchant API certificate it names (keep the old one during rotation).`);
  }

  const bytes = exactBytes(await request.readBody());
  const message = apiv3Message({ method: request.method, url: request.url, timestamp: auth.timestamp, nonce: auth.nonceStr, body: bytes });
  if (!verifyApiv3(key, message, auth.signature)) {
    throw new WxAuditError(
      'SIGNATURE_INVALID',
      'The APIv3 signature does not match; check that payKeys holds the right key for this serial_no and that nothing rewrote the path, query or body on the way.',
    );
  }
  checkTimestamp(auth.timestamp, nowMs, toleranceSeconds);

  const raw = decodeObject(bodyText(bytes));
  const parsed = infoUpdateAuditFieldsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WxAuditError('SCHEMA_INVALID', `The info-update notification does not match its schema: ${describeIssues(parsed.error)}.`);
  }
  const fields = parsed.data;
  const id = joinIdParts(ID_PREFIX.payNotification, [fields.mchid, fields.outRequestNo, fields.auditResult, fields.auditFinishTime]);
  return { id, event: { type: 'infoUpdateAudit', id, raw, ...fields } };
}

function headerOf(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The bytes that were signed. A Buffer (kept `req.rawBody`, express.raw()) or text (express.text()) is
 * the body as sent; an object a JSON parser made is not, and re-serializing it would verify something
 * WeChat Pay never signed, so that is refused with the fix instead.
 */
function exactBytes(body: InboundBody): Buffer {
  switch (body.kind) {
    case 'bytes':
      return body.bytes;
    case 'none':
      return Buffer.alloc(0);
    case 'unavailable':
      throw new WxAuditError('RAW_BODY_UNAVAILABLE', RAW_BODY_HINT);
    case 'parsed':
      if (Buffer.isBuffer(body.value)) return body.value;
      if (typeof body.value === 'string') return Buffer.from(body.value, 'utf8');
      throw new WxAuditError('RAW_BODY_UNAVAILABLE', `The info-update signature covers the exact body bytes. ${RAW_BODY_HINT}`);
  }
}

function decodeObject(text: string): RawMessage {
  const value = parseJson(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WxAuditError('BODY_MALFORMED', 'The info-update notification body must be a JSON object.');
  }
  return value as RawMessage;
}
