import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CryptoVector {
  id: string;
  kind: 'wechat-message-crypto';
  token: string;
  encodingAESKey: string;
  receiveId: string;
  timestamp: string;
  nonce: string;
  msgSignature: string;
  urlSignature?: string;
  query?: string;
  body?: { ToUserName: string; Encrypt: string };
  encrypt: string;
  reply?: { random16: string; plaintext: string; encrypt: string; timeStamp: number; nonce: string; msgSignature: string };
  expected: { random16: string; msgLen: number; plaintext: string; receiveId: string; pkcs7PadByte: number; ciphertextBytes: number };
}
export interface SignatureVector {
  id: string;
  kind: 'wechat-plain-signature';
  token: string;
  timestamp: string;
  nonce: string;
  signature: string;
  echostr?: string;
  body?: string;
}

const file = fileURLToPath(new URL('../../../../fixtures/vectors/wechat-message-push.json', import.meta.url));
const all = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Array<CryptoVector | SignatureVector> }).vectors;

export const cryptoVectors = all.filter((v): v is CryptoVector => v.kind === 'wechat-message-crypto');
export const signatureVectors = all.filter((v): v is SignatureVector => v.kind === 'wechat-plain-signature');
export const vector = <T extends CryptoVector | SignatureVector>(id: string) => {
  const found = all.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found as T;
};
