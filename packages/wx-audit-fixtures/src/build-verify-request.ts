import { randomInt } from 'node:crypto';
import { pushSignature } from '@x/wx-audit-middleware/wire';
import type { BuiltRequest } from './build-push-request.js';

export interface VerifyRequestOptions {
  /** Message-push Token. */
  token: string;
  /** The string WeChat expects back; default a random 19-digit number, like WeChat's. */
  echostr?: string;
  /** Unix seconds; default now. */
  timestamp?: number | string;
  nonce?: string;
}

export interface BuiltVerifyRequest extends BuiltRequest {
  method: 'GET';
  body: '';
  /** What a correct server answers, verbatim. */
  echostr: string;
}

/** WeChat's URL verification: `GET ?signature&timestamp&nonce&echostr`, signed like a plaintext push. */
export function buildVerifyRequest(options: VerifyRequestOptions): BuiltVerifyRequest {
  if (options === null || typeof options !== 'object' || typeof options.token !== 'string' || options.token === '') {
    throw new TypeError('buildVerifyRequest: token must be a non-empty string (the message-push Token).');
  }
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  if (!/^\d{1,12}$/.test(timestamp)) throw new TypeError(`buildVerifyRequest: timestamp must be unix seconds; got ${JSON.stringify(options.timestamp)}.`);
  const nonce = options.nonce ?? String(randomInt(100_000_000, 2_147_483_647));
  const echostr = options.echostr ?? `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  if (nonce === '' || echostr === '') throw new TypeError('buildVerifyRequest: nonce and echostr must be non-empty strings.');
  const query = new URLSearchParams({ signature: pushSignature(options.token, timestamp, nonce), timestamp, nonce, echostr });
  // The GET has no body; the content-type is there because every builder's headers carry one (API.md).
  return { method: 'GET', search: `?${query}`, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '', echostr };
}
