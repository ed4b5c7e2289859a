import { WxAuditError } from '../errors.js';
import type { RawMessage } from '../events/types.js';
import { decryptMessage } from '../wire/message-crypto.js';
import { messageSignature, pushSignature, safeEqual } from '../wire/signature.js';
import type { PushCredentials } from './credentials.js';
import { bodyText, decodeBody, decodeMessage, type InboundBody } from './decode-body.js';
import { requireParam, type Query } from './query.js';
import { checkTimestamp } from './timestamp.js';
import { requireToken } from './verify-url.js';

export interface OpenedPush {
  message: RawMessage;
  encrypted: boolean;
}

/**
 * Authenticates and decodes one push. The mode comes from the query alone (`encrypt_type=aes`), so a
 * request cannot pick the weaker check by shaping its body. Plaintext pushes are authenticated before
 * their body is parsed; encrypted ones need `Encrypt` from the body first.
 */
export function openPush(query: Query, body: InboundBody, credentials: PushCredentials, nowMs: number, toleranceSeconds: number): OpenedPush {
  const timestamp = requireParam(query, 'timestamp');
  const nonce = requireParam(query, 'nonce');
  const token = requireToken(credentials);
  const encryptType = query.get('encrypt_type');
  if (encryptType !== undefined && encryptType !== 'aes' && encryptType !== 'raw') {
    throw new WxAuditError('QUERY_INVALID', 'encrypt_type must be "aes" (or absent for plaintext pushes).');
  }

  if (encryptType !== 'aes') {
    const signature = requireParam(query, 'signature');
    if (!safeEqual(signature, pushSignature(token, timestamp, nonce))) {
      throw new WxAuditError('SIGNATURE_INVALID', 'The signature does not match; check that `token` equals the Token set on the WeChat console.');
    }
    checkTimestamp(timestamp, nowMs, toleranceSeconds);
    if (credentials.requireEncryption) {
      throw new WxAuditError('ENCRYPTION_REQUIRED', 'A plaintext push was refused because requireEncryption is set; switch the WeChat console to safe mode.');
    }
    return { message: decodeBody(body), encrypted: false };
  }

  const msgSignature = requireParam(query, 'msg_signature');
  const outer = decodeBody(body, false);
  const encrypt = outer.Encrypt;
  if (typeof encrypt !== 'string' || encrypt === '') {
    throw new WxAuditError('BODY_MALFORMED', 'The query says encrypt_type=aes but the body has no Encrypt field.');
  }
  if (!safeEqual(msgSignature, messageSignature(token, timestamp, nonce, encrypt))) {
    throw new WxAuditError('SIGNATURE_INVALID', 'msg_signature does not match; check that `token` equals the Token set on the WeChat console.');
  }
  checkTimestamp(timestamp, nowMs, toleranceSeconds);
  // Compatible mode sends plaintext fields beside Encrypt (safe mode the addressee): only the decrypted
  // message is authenticated, so it is the message. A field found only beside Encrypt (a MsgId changing
  // the idempotency id of a replay, anything a listener would read from raw) is never taken from there.
  return { message: decodeMessage(bodyText(decrypt(encrypt, credentials))), encrypted: true };
}

function decrypt(encrypt: string, credentials: PushCredentials): Buffer {
  if (credentials.aesKeys.length === 0) {
    throw new WxAuditError('NOT_CONFIGURED', 'An encrypted push arrived but createWxAudit() was given no `encodingAESKey`.');
  }
  const malformed = malformedEncrypt(encrypt);
  if (malformed) throw new WxAuditError('DECRYPT_FAILED', malformed);
  let appIdMismatch = false;
  for (const key of credentials.aesKeys) {
    let opened;
    try {
      opened = decryptMessage(key, encrypt);
    } catch {
      continue; // the next key may be the right one (rotation)
    }
    if (opened.receiveId === credentials.appId) return opened.message;
    appIdMismatch = true;
  }
  if (appIdMismatch) {
    throw new WxAuditError('APPID_MISMATCH', 'The push decrypted but was addressed to another appid; check `appId` (for a third-party platform, the component appid).');
  }
  throw new WxAuditError('DECRYPT_FAILED', 'Encrypt could not be decrypted with encodingAESKey (nor previousEncodingAESKey); check the key on the WeChat console.');
}

/**
 * A value no key could decrypt says so, instead of sending the operator to check a key that is fine.
 * WeChat's Encrypt is one line of base64, a whole number of 32-byte blocks.
 */
function malformedEncrypt(encrypt: string): string | undefined {
  if (/\s/.test(encrypt)) {
    return 'Encrypt contains line breaks or spaces, which WeChat never sends: something between WeChat and this server (a proxy, a body rewriter, a copied request) re-wrapped it; pass the body through unchanged.';
  }
  const bytes = Buffer.from(encrypt, 'base64');
  if (bytes.toString('base64') !== encrypt || bytes.length === 0 || bytes.length % 32 !== 0) {
    return 'Encrypt is not a WeChat ciphertext (not base64 of whole 32-byte blocks): the body was altered on the way or was not sent by WeChat.';
  }
  return undefined;
}
