import { createPrivateKey, KeyObject } from 'node:crypto';
import { z } from 'zod';
import { WxAuditError } from '../errors.js';
import { FILE_PATH_HINT, looksLikeFilePath } from './looks-like-file-path.js';

/** `payReplyKey`: the receiver's own merchant API key, signing every answer to a notification. */
export const payReplyKeySchema = z
  .object({
    /** Serial of the certificate whose private key this is: the caller looks the public key up by it. */
    serialNo: z.string().regex(/^[0-9A-Fa-f]{40}$/, 'a certificate serial: 40 hex digits'),
    /** PEM (PKCS#8 or PKCS#1) RSA private key, as a string or Buffer, or a KeyObject. */
    privateKey: z.union([z.string().min(1), z.custom<Buffer | KeyObject>((v) => Buffer.isBuffer(v) || isKeyObject(v), 'a PEM string, Buffer or KeyObject')]),
  })
  .strict();

export type PayReplyKeyOption = z.input<typeof payReplyKeySchema>;

export interface PayReplyKey {
  serialNo: string;
  privateKey: KeyObject;
}

const isKeyObject = (value: unknown): value is KeyObject => value instanceof KeyObject;

/** Loads the reply key once, at start-up: a key that cannot sign fails there, not on every answer. */
export function loadPayReplyKey(option: PayReplyKeyOption | undefined): PayReplyKey | undefined {
  if (option === undefined) return undefined;
  if (typeof option.privateKey === 'string' && looksLikeFilePath(option.privateKey)) {
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: payReplyKey.privateKey ${FILE_PATH_HINT}.`);
  }
  let key: KeyObject;
  try {
    key = isKeyObject(option.privateKey) ? option.privateKey : createPrivateKey(option.privateKey);
  } catch (cause) {
    // Never the value: the message may be logged.
    throw new WxAuditError('CONFIG_INVALID', 'createWxAudit: payReplyKey.privateKey is not a PEM private key (a public key or certificate cannot sign); give your merchant API private key (apiclient_key.pem).', { cause });
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'rsa') {
    throw new WxAuditError('CONFIG_INVALID', 'createWxAudit: payReplyKey.privateKey must be an RSA private key (WECHATPAY2-SHA256-RSA2048 signs with RSA).');
  }
  return { serialNo: option.serialNo.toUpperCase(), privateKey: key };
}
