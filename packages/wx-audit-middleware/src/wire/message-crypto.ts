import { createCipheriv, randomBytes } from 'node:crypto';
import { WxAuditError } from '../errors.js';
import { decryptCbc, type AesKey } from './cbc-decipher.js';

/** WeChat pads to 32-byte blocks (PKCS#7 with K=32), not AES's 16: OpenSSL's own padding is turned off. */
const PAD_BLOCK = 32;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;

export type { AesKey } from './cbc-decipher.js';

/** `EncodingAESKey` (43 base64 characters) to the 32-byte AES key; the IV is its first 16 bytes. */
export function decodeAesKey(encodingAESKey: string): AesKey {
  if (!ENCODING_AES_KEY.test(encodingAESKey)) {
    throw new WxAuditError('CONFIG_INVALID', 'encodingAESKey must be the 43 characters shown on the WeChat console (letters and digits).');
  }
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) {
    throw new WxAuditError('CONFIG_INVALID', 'encodingAESKey does not decode to a 32-byte AES key.');
  }
  return { key, iv: key.subarray(0, 16) };
}

export interface EncryptInput {
  message: string | Buffer;
  receiveId: string;
  /** The 16 random bytes WeChat puts in front; inject them to reproduce a published ciphertext. */
  random?: Buffer;
}

export function encryptMessage(aesKey: AesKey, input: EncryptInput): string {
  const random = input.random ?? randomBytes(16);
  if (random.length !== 16) throw new RangeError('random must be exactly 16 bytes');
  const message = Buffer.isBuffer(input.message) ? input.message : Buffer.from(input.message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length, 0);
  const full = Buffer.concat([random, length, message, Buffer.from(input.receiveId, 'utf8')]);
  const pad = PAD_BLOCK - (full.length % PAD_BLOCK);
  const padded = Buffer.concat([full, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', aesKey.key, aesKey.iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export interface DecryptedMessage {
  message: Buffer;
  receiveId: string;
}

/** Decrypts an `Encrypt` value. Throws `DECRYPT_FAILED` (401) for anything that is not a well-formed ciphertext. */
export function decryptMessage(aesKey: AesKey, encrypt: string): DecryptedMessage {
  const fail = (why: string): never => {
    throw new WxAuditError('DECRYPT_FAILED', `Encrypt could not be decrypted (${why}); check encodingAESKey and previousEncodingAESKey.`);
  };
  // Node's base64 decoder skips what it does not know; only canonical base64, which is what WeChat sends,
  // comes back unchanged when re-encoded (~3x cheaper than a character-class regex on a 1 KB Encrypt).
  const data = Buffer.from(encrypt, 'base64');
  if (data.toString('base64') !== encrypt) fail('not base64');
  if (data.length === 0 || data.length % PAD_BLOCK !== 0) fail('length is not a multiple of 32 bytes');
  let plain: Buffer;
  try {
    plain = decryptCbc(aesKey, data);
  } catch {
    return fail('cipher error');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK) fail('bad padding');
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) fail('bad padding');
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) fail('too short');
  const length = content.readUInt32BE(16);
  if (length > content.length - 20) fail('length field past the end');
  return {
    message: content.subarray(20, 20 + length),
    receiveId: content.subarray(20 + length).toString('utf8'),
  };
}
