import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createWxAudit, type MessageEvent, type RejectedEvent } from '../src/index.js';
import { buildEncryptedReply, decodeAesKey, decryptMessage, encryptMessage, messageSignature, pushSignature } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { cryptoVectors, signatureVectors, vector, type CryptoVector, type SignatureVector } from './helpers/vectors.js';

const at = (timestamp: string) => () => Number(timestamp) * 1000;

describe('published vectors: wire functions', () => {
  it.each(signatureVectors)('$id: signature', (v) => {
    expect(pushSignature(v.token, v.timestamp, v.nonce)).toBe(v.signature);
  });

  it.each(cryptoVectors)('$id: msg_signature, decryption and re-encryption', (v) => {
    expect(messageSignature(v.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.msgSignature);
    const key = decodeAesKey(v.encodingAESKey);
    const opened = decryptMessage(key, v.encrypt);
    expect(opened.message.toString('utf8')).toBe(v.expected.plaintext);
    expect(opened.message.length).toBe(v.expected.msgLen);
    expect(opened.receiveId).toBe(v.expected.receiveId);
    const again = encryptMessage(key, { message: v.expected.plaintext, receiveId: v.receiveId, random: Buffer.from(v.expected.random16, 'utf8') });
    expect(again).toBe(v.encrypt);
    expect(Buffer.from(again, 'base64').length).toBe(v.expected.ciphertextBytes);
  });

  it('wx-doc-miniprogram-json-safe-mode: the published encrypted reply re-encrypts byte for byte', () => {
    const v = vector<CryptoVector>('wx-doc-miniprogram-json-safe-mode');
    const reply = v.reply!;
    const built = buildEncryptedReply({
      aesKey: decodeAesKey(v.encodingAESKey),
      token: v.token,
      receiveId: v.receiveId,
      message: reply.plaintext,
      timestamp: reply.timeStamp,
      nonce: reply.nonce,
      random: Buffer.from(reply.random16, 'utf8'),
    });
    expect(built).toEqual({ Encrypt: reply.encrypt, MsgSignature: reply.msgSignature, TimeStamp: reply.timeStamp, Nonce: reply.nonce });
  });
});

describe.each(flavors)('published vectors through the mounted middleware (%s)', (flavor) => {
  it('wx-doc-url-verify-get: echoes echostr', async () => {
    const v = vector<SignatureVector>('wx-doc-url-verify-get');
    const audit = createWxAudit({ token: v.token, now: at(v.timestamp) });
    const res = await request(makeApp(flavor, audit)).get(`/wechat/audit?signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`);
    expect(res.status).toBe(200);
    expect(res.text).toBe(v.echostr);
  });

  it('wx-doc-url-verify-get: a wrong token does not echo', async () => {
    const v = vector<SignatureVector>('wx-doc-url-verify-get');
    const audit = createWxAudit({ token: 'other', now: at(v.timestamp) });
    const rejected: RejectedEvent[] = [];
    audit.on('rejected', (e) => rejected.push(e));
    const res = await request(makeApp(flavor, audit)).get(`/wechat/audit?signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(v.echostr!);
    expect(rejected.map((r) => r.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('wx-doc-plain-mode-post: plaintext JSON push', async () => {
    const v = vector<SignatureVector>('wx-doc-plain-mode-post');
    const audit = createWxAudit({ token: v.token, now: at(v.timestamp) });
    const seen: MessageEvent[] = [];
    audit.on('message', (e) => void seen.push(e));
    const res = await request(makeApp(flavor, audit))
      .post(`/wechat/audit?signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY`)
      .set('content-type', 'application/json')
      .send(v.body!);
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'message', msgType: 'event', event: 'debug_demo', createTime: 1714037059, toUserName: 'gh_97417a04a28d' });
    expect(seen[0]!.raw.debug_str).toBe('hello world');
  });

  it('wx-doc-miniprogram-json-safe-mode: safe-mode JSON push with the published query', async () => {
    const v = vector<CryptoVector>('wx-doc-miniprogram-json-safe-mode');
    const audit = createWxAudit({ token: v.token, encodingAESKey: v.encodingAESKey, appId: v.receiveId, now: at(v.timestamp) });
    const seen: MessageEvent[] = [];
    audit.on('message', (e) => void seen.push(e));
    const res = await request(makeApp(flavor, audit)).post(`/wechat/audit?${v.query}`).set('content-type', 'application/json').send(JSON.stringify(v.body));
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    expect(seen[0]).toMatchObject({ msgType: 'event', event: 'debug_demo', fromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY' });
    expect(seen[0]!.raw).toEqual({ ...JSON.parse(v.expected.plaintext) });
  });

  it('wxbizmsgcrypt-python-sample-compat-xml: compatible-mode XML push, MsgId kept exact', async () => {
    const v = vector<CryptoVector>('wxbizmsgcrypt-python-sample-compat-xml');
    const audit = createWxAudit({ token: v.token, encodingAESKey: v.encodingAESKey, appId: v.receiveId, now: at(v.timestamp) });
    const seen: MessageEvent[] = [];
    audit.on('message', (e) => void seen.push(e));
    // Compatible mode: the plaintext fields and Encrypt side by side (the sample's own envelope).
    const body = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${v.encrypt}]]></Encrypt><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]></Content></xml>`;
    const signature = pushSignature(v.token, v.timestamp, v.nonce);
    const res = await request(makeApp(flavor, audit))
      .post(`/wechat/audit?signature=${signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&encrypt_type=aes&msg_signature=${v.msgSignature}`)
      .set('content-type', 'text/xml')
      .send(body);
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ type: 'message', msgType: 'text', msgId: '6054768590064713728', createTime: 1409735668 });
    expect(seen[0]!.id).toBe(`msg:${String(seen[0]!.raw.ToUserName)}||6054768590064713728`);
    expect(seen[0]!.raw.MsgId).toBe('6054768590064713728');
    expect(seen[0]!.raw.Encrypt).toBeUndefined();
  });
});
