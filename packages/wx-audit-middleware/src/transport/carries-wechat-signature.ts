import type { IncomingHttpHeaders } from 'node:http';
import { isApiv3Authorization } from '../wire/apiv3-signature.js';

/**
 * Whether a request looks like one of WeChat's: a signature query (`signature` or `msg_signature`, with
 * `timestamp` and `nonce`) or an APIv3 `Authorization` header. Only such requests are taken by a handler
 * mounted at the app's root; every other one is the app's own (API.md, Operations). Whether the
 * signature is valid is for the receiver to say: a request that only looks like WeChat's is refused
 * loudly there, not passed on in silence.
 */
export function carriesWeChatSignature(url: string, headers: IncomingHttpHeaders): boolean {
  const authorization = headers.authorization;
  if (isApiv3Authorization(Array.isArray(authorization) ? authorization[0] : authorization)) return true;
  const at = url.indexOf('?');
  if (at === -1) return false;
  const query = new URLSearchParams(url.slice(at + 1));
  return (query.has('signature') || query.has('msg_signature')) && query.has('timestamp') && query.has('nonce');
}
