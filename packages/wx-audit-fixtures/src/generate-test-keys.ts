import { generateKeyPairSync, randomBytes } from 'node:crypto';

export interface TestKeys {
  /** PKCS#8 PEM: signs requests (`buildInfoUpdateRequest`, `wx.notifyInfoUpdate`). */
  privateKey: string;
  /** SPKI PEM: goes in the receiver's `payKeys` under `serialNo`. */
  publicKey: string;
  /** 40 upper-case hex characters, the shape of a WeChat Pay certificate serial. */
  serialNo: string;
}

export interface GenerateTestKeysOptions {
  serialNo?: string;
  /** RSA modulus bits. Default 2048, as WECHATPAY2-SHA256-RSA2048 says. */
  modulusLength?: number;
}

/**
 * A fresh RSA key pair standing in for WeChat Pay's signing key, for tests. node:crypto cannot issue
 * X.509 certificates, so this gives a PEM public key (which `payKeys` accepts just as well).
 */
export function generateTestKeys(options: GenerateTestKeysOptions = {}): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: options.modulusLength ?? 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey, serialNo: options.serialNo ?? randomBytes(20).toString('hex').toUpperCase() };
}
