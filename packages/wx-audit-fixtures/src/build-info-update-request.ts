import { randomBytes, type KeyObject } from 'node:crypto';
import { apiv3Message, formatApiv3Authorization, signApiv3 } from '@x/wx-audit-middleware/wire';
import type { InfoUpdateAuditFixture } from './fixture-types.js';
import { infoUpdateAuditToWire } from './to-wire.js';

/** The `infoUpdateAudit` event's typed fields: what `fx.infoUpdateAudit()` returns, its `type` optional. */
export type InfoUpdateAuditMessage = Omit<InfoUpdateAuditFixture, 'type'> & { type?: 'infoUpdateAudit' };

export interface InfoUpdateRequestOptions {
  /** The caller's RSA private key (PEM or KeyObject) whose public half the receiver holds under `serialNo`. */
  privateKey: string | Buffer | KeyObject;
  /** Serial of the certificate or public key that verifies the signature (`payKeys` key on the receiver). */
  serialNo: string;
  /** The caller's merchant id, as the Authorization header carries it. */
  mchid: string;
  /** Path and query as the receiver sees them, mount point included (Express `req.originalUrl`). */
  path: string;
  /** Unix seconds (number or string). Default: now. */
  timestamp?: number | string;
  /** Default: 32 random hex characters. */
  nonce?: string;
  /** Default 'POST'. */
  method?: string;
  /** Send (and sign) these bytes instead of the message's JSON: malformed or hand-written bodies in tests. */
  body?: string;
}

export interface InfoUpdateRequest {
  method: string;
  /** `path` without its query. */
  path: string;
  /** The query with its `?`, or '' (same role as `buildPushRequest`'s `search`). */
  search: string;
  headers: { authorization: string; 'content-type': string; accept: string };
  body: string;
}

/**
 * A WeChat Pay APIv3 info-update audit result notification, signed as WeChat Pay signs it:
 * `Authorization: WECHATPAY2-SHA256-RSA2048 …` over `METHOD\nPATH_WITH_QUERY\ntimestamp\nnonce\nbody\n`.
 */
export function buildInfoUpdateRequest(message: InfoUpdateAuditMessage, options: InfoUpdateRequestOptions): InfoUpdateRequest {
  const method = (options.method ?? 'POST').toUpperCase();
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(16).toString('hex').toUpperCase();
  const body = options.body ?? JSON.stringify(infoUpdateAuditToWire({ ...message, type: 'infoUpdateAudit' }));
  const signature = signApiv3(options.privateKey, apiv3Message({ method, url: options.path, timestamp, nonce, body }));
  const at = options.path.indexOf('?');
  return {
    method,
    path: at === -1 ? options.path : options.path.slice(0, at),
    search: at === -1 ? '' : options.path.slice(at),
    headers: {
      authorization: formatApiv3Authorization({ mchid: options.mchid, nonceStr: nonce, signature, timestamp, serialNo: options.serialNo }),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body,
  };
}
