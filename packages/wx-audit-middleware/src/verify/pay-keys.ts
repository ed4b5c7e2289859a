import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { WxAuditError } from '../errors.js';
import { FILE_PATH_HINT, looksLikeFilePath } from './looks-like-file-path.js';

/** Verification keys by upper-case serial number, loaded once when createWxAudit() is called. */
export type PayKeys = ReadonlyMap<string, KeyObject>;

/** A merchant API certificate serial, as `serial_no` carries it. */
const CERT_SERIAL = /^[0-9A-Fa-f]{40}$/;

/**
 * Loads `payKeys` (`{ [caller's certificate serial]: PEM public key or X.509 certificate }`) into
 * KeyObjects, so that a bad key fails at start-up with CONFIG_INVALID instead of refusing every
 * notification later. The caller signs with its own merchant API private key and names that
 * certificate in `serial_no`; several serials side by side is how a caller rotates certificates.
 */
export function loadPayKeys(payKeys: Readonly<Record<string, string | Buffer>> | undefined): PayKeys {
  const keys = new Map<string, KeyObject>();
  for (const [serialNo, material] of Object.entries(payKeys ?? {})) {
    if (!CERT_SERIAL.test(serialNo)) {
      // The usual mistake is WeChat Pay's own public-key id: it verifies what WeChat Pay answers you, not who calls you.
      throw new WxAuditError(
        'CONFIG_INVALID',
        `createWxAudit: payKeys["${serialNo.slice(0, 64)}"] is not a certificate serial; key payKeys by the caller's merchant API certificate serial (serial_no in its Authorization header, 40 hex digits), not by a WeChat Pay public-key id.`,
      );
    }
    keys.set(serialNo.toUpperCase(), loadPayKey(serialNo, material));
  }
  return keys;
}

/** The key for a header's `serial_no` (hex compares case-insensitively). */
export function payKeyFor(keys: PayKeys, serialNo: string): KeyObject | undefined {
  return keys.get(serialNo.toUpperCase());
}

function loadPayKey(serialNo: string, material: string | Buffer): KeyObject {
  // Named without its value: the message may be logged, and whoever reads it must not get key material.
  const where = `payKeys["${serialNo.slice(0, 64)}"]`;
  const text = typeof material === 'string' ? material : material.toString('latin1');
  if (typeof material === 'string' && looksLikeFilePath(text)) throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${where} ${FILE_PATH_HINT}.`);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    // createPublicKey would quietly derive the public half; a private key in this option is a leak waiting to happen.
    throw new WxAuditError('CONFIG_INVALID', `createWxAudit: ${where} is a private key; give the caller's public key or certificate instead (your own private key goes in payReplyKey).`);
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
