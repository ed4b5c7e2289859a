import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * One party's key pair, for either role of an APIv3 exchange. As the caller's: `privateKey` signs
 * requests (`buildInfoUpdateRequest`, `wx.notifyInfoUpdate`), `publicKey` goes in the receiver's
 * `payKeys[serialNo]`. As the receiver's: `{ serialNo, privateKey }` is its `payReplyKey`, and
 * `publicKey` verifies its answers (`replyPublicKey`, an SDK's `certs[serialNo]`).
 */
export interface TestKeys {
  /** PKCS#8 PEM: signs (requests as the caller, answers as the receiver). */
  privateKey: string;
  /** SPKI PEM: verifies what `privateKey` signed. */
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
 * A fresh RSA key pair standing in for a merchant API certificate's key, for tests: call it once per
 * party (caller and receiver need distinct serials, which SDKs check). node:crypto cannot issue
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
