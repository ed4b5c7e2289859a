/**
 * How much CPU can one hostile request cost? Sends each body of hostile-bodies.ts through
 * `audit.receive()` (the whole pipeline once the body is read) in the three ways an attacker can reach
 * the parsers, and prints CPU time per request, most expensive first.
 *
 *   npx tsx packages/wx-audit-middleware/fuzz/cost-bench.ts        (COST_MIN_MS=200 CPU ms per row)
 *
 * COST_LIMIT sets bodyLimit (and the bodies' size; 65536 by default), to see how the cost grows with it;
 * COST_ONLY keeps the bodies whose name contains it (e.g. COST_ONLY=XML).
 *
 * Kept out of the test suite on purpose: timings vary with the machine and its load, so they are
 * measured and reported here, never asserted.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createWxAudit, type Answer, type InboundRequest } from '../src/index.js';
import { apiv3Message, buildXml, decodeAesKey, encryptMessage, formatApiv3Authorization, messageSignature, pushSignature, signApiv3 } from '../src/wire/index.js';
import { AES_KEY, APP_ID, buildPush, NOW_S, sceneAuditWire, TOKEN } from '../test/helpers/push.js';
import { hostileBodies } from './hostile-bodies.js';

const LIMIT = Number(process.env.COST_LIMIT ?? 65_536);
const ONLY = process.env.COST_ONLY ?? '';
const MIN_CPU_MS = Number(process.env.COST_MIN_MS ?? 200);
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const SERIAL = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C';

const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, payKeys: { [SERIAL]: keys.publicKey }, now: () => NOW_S * 1000, bodyLimit: LIMIT, logger: false });
audit.on('message', () => undefined);

const timestamp = String(NOW_S);
const nonce = 'n0nce';
const plainSearch = `?${new URLSearchParams({ signature: pushSignature(TOKEN, timestamp, nonce), timestamp, nonce, openid: 'o' })}`;
const unsignedSafeSearch = `?${new URLSearchParams({ signature: '0'.repeat(40), timestamp, nonce, openid: 'o', encrypt_type: 'aes', msg_signature: '0'.repeat(40) })}`;

const request = (url: string, bytes: Buffer, headers: InboundRequest['headers'] = {}): InboundRequest => ({
  method: 'POST',
  url: `/wechat/audit${url}`,
  path: '/',
  headers,
  readBody: async () => ({ kind: 'bytes', bytes }),
});

/** A valid safe-mode push whose decrypted message is `inner`: only WeChat (token and key) can send it. */
function safeWithInner(inner: string): InboundRequest {
  const encrypt = encryptMessage(decodeAesKey(AES_KEY), { message: inner, receiveId: APP_ID });
  const search = `?${new URLSearchParams({ signature: '0'.repeat(40), timestamp, nonce, openid: 'o', encrypt_type: 'aes', msg_signature: messageSignature(TOKEN, timestamp, nonce, encrypt) })}`;
  return request(search, Buffer.from(buildXml({ ToUserName: 'gh', Encrypt: encrypt })));
}

/** An info-update notification with a well-formed Authorization whose signature is wrong. */
function badlySignedNotification(body: string): InboundRequest {
  const signature = signApiv3(keys.privateKey, apiv3Message({ method: 'POST', url: '/other', timestamp, nonce, body }));
  const authorization = formatApiv3Authorization({ mchid: '1900016681', nonceStr: nonce, signature, timestamp, serialNo: SERIAL });
  return request('', Buffer.from(body), { authorization, 'content-type': 'application/json' });
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return d.user + d.system;
};

/** CPU µs per request: a warm-up (so V8 has optimised the path), then at least MIN_CPU_MS of CPU. */
async function measure(send: () => Promise<Answer>): Promise<{ status: number; code: string; micros: number; n: number }> {
  const first = await send();
  const warm = process.cpuUsage();
  while (cpuSince(warm) < 50_000) await send();
  const start = process.cpuUsage();
  let n = 0;
  while (cpuSince(start) < MIN_CPU_MS * 1000 || n < 5) {
    await send();
    n++;
  }
  const code = first.status === 200 ? 'ok' : (JSON.parse(first.body) as { code: string }).code;
  return { status: first.status, code, micros: cpuSince(start) / n, n };
}

interface Row {
  body: string;
  bytes: number;
  delivery: string;
  status: number;
  code: string;
  micros: number;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const add = async (body: string, bytes: number, delivery: string, make: () => InboundRequest) => {
    const m = await measure(() => audit.receive(make()));
    rows.push({ body, bytes, delivery, status: m.status, code: m.code, micros: m.micros });
    process.stderr.write('.');
  };
  let msgId = 1;
  const reference = buildPush({ message: sceneAuditWire(), mode: 'safe' });
  await add('valid scene audit (reference)', reference.body.length, 'valid safe mode', () =>
    safeWithInner(JSON.stringify({ ...sceneAuditWire(), MsgId: String(msgId++) })),
  );
  // Base64 and the outer XML take a third more than the inner message: inner bodies are sized to fit.
  const innerLimit = Math.floor(((LIMIT - 200) * 3) / 4) - 64;
  const inner = new Map(hostileBodies(innerLimit).map((h) => [h.name, safeWithInner(h.body)]));
  for (const hostile of hostileBodies(LIMIT).filter((h) => h.name.includes(ONLY))) {
    const bytes = Buffer.from(hostile.body);
    await add(hostile.name, bytes.length, 'anyone: safe mode, wrong msg_signature', () => request(unsignedSafeSearch, bytes));
    await add(hostile.name, bytes.length, 'token holder: signed plaintext', () => request(plainSearch, bytes));
    const wrapped = inner.get(hostile.name)!;
    await add(hostile.name, innerLimit, 'WeChat: inside a valid Encrypt', () => wrapped);
  }
  if ('JSON distinct keys'.includes(ONLY)) {
    const big = hostileBodies(LIMIT).find((h) => h.name === 'JSON distinct keys')!.body;
    const notification = badlySignedNotification(big);
    await add('JSON distinct keys', Buffer.byteLength(big), 'anyone: APIv3, wrong signature', () => notification);
  }
  process.stderr.write('\n');

  rows.sort((a, b) => b.micros - a.micros);
  console.log(`CPU per request through audit.receive(), bodyLimit ${LIMIT}, ≥${MIN_CPU_MS} CPU ms per row, node ${process.version}\n`);
  console.log('| µs/request | answer | delivery | body | bytes |\n|---:|---|---|---|---:|');
  for (const r of rows) console.log(`| ${r.micros.toFixed(0)} | ${r.status} ${r.code} | ${r.delivery} | ${r.body} | ${r.bytes} |`);
  const worst = rows[0]!;
  console.log(`\nworst: ${worst.micros.toFixed(0)} µs (${worst.body}, ${worst.delivery})`);
  await audit.close();
}

await main();
