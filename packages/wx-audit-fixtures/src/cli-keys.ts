import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generateTestKeys } from './generate-test-keys.js';

export const KEYS_HELP = `Usage: wx-audit keys [--out <dir>] [--serial-no <serial>]

Writes a fresh RSA 2048 test key pair and the certificate-like serial that names it, for
\`wx-audit trigger info-update\` against your server. Run it twice for the two roles:

  the caller's pair   private-key.pem → trigger --private-key; public-key.pem → your payKeys[serial]
  your server's pair  private-key.pem → payReplyKey.privateKey; public-key.pem → trigger --reply-public-key

  --out <dir>           directory to create (default ./wx-audit-test-keys); existing files are never overwritten
  --serial-no <serial>  40 hex digits (default random)

Files: <dir>/private-key.pem, <dir>/public-key.pem, <dir>/serial-no.txt. Test keys only: never trust them.`;

export interface KeysResult {
  dir: string;
  serialNo: string;
}

/** Writes the pair and its serial; refuses (EEXIST) rather than replace a key someone may rely on. */
export async function writeTestKeys(out: string, serialNo: string | undefined): Promise<KeysResult> {
  const keys = generateTestKeys(serialNo === undefined ? {} : { serialNo: serialNo.toUpperCase() });
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  // The private key is readable by its owner only, as a real apiclient_key.pem should be.
  await writeFile(join(dir, 'private-key.pem'), keys.privateKey, { flag: 'wx', mode: 0o600 });
  await writeFile(join(dir, 'public-key.pem'), keys.publicKey, { flag: 'wx' });
  await writeFile(join(dir, 'serial-no.txt'), `${keys.serialNo}\n`, { flag: 'wx' });
  return { dir, serialNo: keys.serialNo };
}
