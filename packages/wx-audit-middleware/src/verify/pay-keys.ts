import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { WxAuditError } from '../errors.js';

/** Verification keys by serial number, loaded once when createWxAudit() is called. */
export type PayKeys = ReadonlyMap<string, KeyObject>;

/**
 * Loads `payKeys` (`{ [serialNo]: PEM public key or X.509 certificate }`) into KeyObjects, so that a
 * bad key fails at start-up with CONFIG_INVALID instead of refusing every notification later. Several
 * serials side by side is how WeChat Pay rotates keys: the header's `serial_no` picks one.
 */
export function loadPayKeys(payKeys: Readonly<Record<string, string | Buffer>> | undefined): PayKeys {
  const keys = new Map<string, KeyObject>();
  for (const [serialNo, material] of Object.entries(payKeys ?? {})) keys.set(serialNo, loadPayKey(serialNo, material));
  return keys;
}

function loadPayKey(serialNo: string, material: string | Buffer): KeyObject {
  // Named without its value: the message may be logged, and whoever reads it must not get key material.
  const where = `payKeys["${serialNo.slice(0, 64)}"]`;
  const text = typeof material === 'string' ? material : material.toString('latin1');
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    // createPublicKey would quietly derive the public half; a private key in this option is a leak waiting to happen.
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${where} is a private key; give the WeChat Pay public key or platform certificate instead.`);
  }
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN') ? createPublicKey(material) : fromDer(material);
  } catch (cause) {
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${where} is neither a PEM public key nor an X.509 certificate.`, { cause });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${where} is a ${String(key.asymmetricKeyType)} key; WECHATPAY2-SHA256-RSA2048 needs an RSA key.`);
  }
  return key;
}

/** A DER Buffer: an X.509 certificate (as downloaded) or an SPKI public key. */
function fromDer(material: string | Buffer): KeyObject {
  if (typeof material === 'string') throw new TypeError('not PEM');
  try {
    return new X509Certificate(material).publicKey;
  } catch {
    return createPublicKey({ key: material, format: 'der', type: 'spki' });
  }
}
