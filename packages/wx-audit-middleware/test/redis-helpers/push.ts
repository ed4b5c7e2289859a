import { buildXml, decodeAesKey, encryptMessage, messageSignature, pushSignature, type XmlInputObject } from '../../src/wire/index.js';

// Made-up credentials, used only by these tests and the instances they start.
export const TOKEN = 'redisTestToken';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const APP_ID = 'wx5823bf96d3bd56c7';

export interface SignedPush {
  search: string;
  body: string;
  contentType: string;
}

/** The idempotency id of `textPush(msgId)`: its MsgId, under the receiving account (events/ids.ts). */
export const textPushId = (msgId: string) => `msg:gh_885ece6ed5eb||${msgId}`;

/** A text message with its own MsgId (the idempotency key), signed the way WeChat signs it. */
export function textPush(msgId: string, options: { mode?: 'plain' | 'safe'; timestamp?: number } = {}): SignedPush {
  const createTime = options.timestamp ?? Math.floor(Date.now() / 1000);
  return signedPush({ ToUserName: 'gh_885ece6ed5eb', FromUserName: 'oUser', CreateTime: createTime, MsgType: 'text', Content: 'hi', MsgId: msgId }, options);
}

/** Any message (an `event` push, a crafted FromUserName…) signed the way WeChat signs it, plaintext or safe mode. */
export function signedPush(message: XmlInputObject, options: { mode?: 'plain' | 'safe'; timestamp?: number } = {}): SignedPush {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const xml = buildXml(message);
  const query = new URLSearchParams({ signature: pushSignature(TOKEN, timestamp, nonce), timestamp, nonce, openid: 'oUser' });
  if (options.mode !== 'safe') return { search: `?${query}`, body: xml, contentType: 'text/xml' };
  const encrypt = encryptMessage(decodeAesKey(AES_KEY), { message: xml, receiveId: APP_ID });
  query.set('encrypt_type', 'aes');
  query.set('msg_signature', messageSignature(TOKEN, timestamp, nonce, encrypt));
  return { search: `?${query}`, body: buildXml({ ToUserName: String(message.ToUserName), Encrypt: encrypt }), contentType: 'text/xml' };
}

export interface Delivery {
  status: number;
  body: string;
  ms: number;
}

/** POSTs a push to `url` (an instance's mount path) and reports the answer; a refused connection is status 0. */
export async function deliver(url: string, push: SignedPush, timeoutMs = 5000): Promise<Delivery> {
  const started = performance.now();
  try {
    const res = await fetch(url + push.search, { method: 'POST', headers: { 'content-type': push.contentType }, body: push.body, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text(), ms: performance.now() - started };
  } catch {
    return { status: 0, body: '', ms: performance.now() - started };
  }
}

/** WeChat's delivery: first attempt plus up to 3 retries, each with a 5 s timeout; resolves with every attempt. */
export async function deliverLikeWeChat(urls: string[], push: SignedPush, retryDelayMs = 200): Promise<Delivery[]> {
  const attempts: Delivery[] = [];
  for (let i = 0; i < 4; i++) {
    const attempt = await deliver(urls[i % urls.length]!, push);
    attempts.push(attempt);
    if (attempt.status === 200 && attempt.body === 'success') break;
    await new Promise((r) => setTimeout(r, retryDelayMs));
  }
  return attempts;
}
