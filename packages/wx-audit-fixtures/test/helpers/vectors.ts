import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The published vectors, as copied into the repository (fixtures/vectors/SOURCES.md names their origins).
const file = fileURLToPath(new URL('../../../../fixtures/vectors/wechat-message-push.json', import.meta.url));

export interface Vector {
  id: string;
  token: string;
  encodingAESKey?: string;
  receiveId?: string;
  timestamp: string;
  nonce: string;
  signature?: string;
  urlSignature?: string;
  msgSignature?: string;
  query?: string;
  echostr?: string;
  body?: unknown;
  encrypt?: string;
  expected?: { random16: string; plaintext: string; receiveId: string };
}

const vectors = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors;

export function vector(id: string): Vector {
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`fixtures/vectors has no vector "${id}"`);
  return found;
}
