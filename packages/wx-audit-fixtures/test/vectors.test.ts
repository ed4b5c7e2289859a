// The proof that the builders are WeChat-exact: given a published vector's timestamp, nonce and 16
// random bytes, they reproduce its query, Encrypt and signatures byte for byte.
import { describe, expect, it } from 'vitest';
import { buildRawPushRequest, buildVerifyRequest } from '../src/index.js';
import { vector } from './helpers/vectors.js';

describe('published vectors (fixtures/vectors/wechat-message-push.json)', () => {
  it('wx-doc-miniprogram-json-safe-mode: safe-mode JSON query, body and Encrypt', () => {
    const v = vector('wx-doc-miniprogram-json-safe-mode');
    const req = buildRawPushRequest(v.expected!.plaintext, {
      token: v.token,
      encodingAESKey: v.encodingAESKey!,
      appId: v.receiveId!,
      mode: 'safe',
      format: 'json',
      timestamp: v.timestamp,
      nonce: v.nonce,
      random: Buffer.from(v.expected!.random16, 'latin1'),
    });
    expect(req.encrypt).toBe(v.encrypt);
    expect(req.search).toBe(`?${v.query!}`);
    expect(req.body).toBe(JSON.stringify(v.body));
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('the same safe-mode vector, built from the message object instead of its text', () => {
    const v = vector('wx-doc-miniprogram-json-safe-mode');
    const message = JSON.parse(v.expected!.plaintext) as Record<string, string | number>;
    const req = buildRawPushRequest(message, {
      token: v.token,
      encodingAESKey: v.encodingAESKey!,
      appId: v.receiveId!,
      format: 'json',
      timestamp: Number(v.timestamp),
      nonce: v.nonce,
      random: Buffer.from(v.expected!.random16, 'latin1'),
    });
    expect(req.mode).toBe('safe');
    expect(req.plaintext).toBe(v.expected!.plaintext);
    expect(req.encrypt).toBe(v.encrypt);
    expect(req.search).toBe(`?${v.query!}`);
  });

  it('wxbizmsgcrypt-python-sample-compat-xml: compatible-mode XML ciphertext and msg_signature', () => {
    const v = vector('wxbizmsgcrypt-python-sample-compat-xml');
    const options = {
      token: v.token,
      encodingAESKey: v.encodingAESKey!,
      appId: v.receiveId!,
      mode: 'compatible' as const,
      format: 'xml' as const,
      timestamp: v.timestamp,
      nonce: v.nonce,
      random: Buffer.from(v.expected!.random16, 'latin1'),
    };
    const fromText = buildRawPushRequest(v.expected!.plaintext, options);
    expect(fromText.encrypt).toBe(v.encrypt);
    expect(new URLSearchParams(fromText.search).get('msg_signature')).toBe(v.msgSignature);
    // buildXml writes WeChat's own layout: the message object (64-bit MsgId as a bigint) gives the same bytes.
    const fromObject = buildRawPushRequest(
      {
        ToUserName: 'gh_10f6c3c3ac5a',
        FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
        CreateTime: 1409735668,
        MsgType: 'text',
        Content: 'abcdteT',
        MsgId: 6054768590064713728n,
      },
      options,
    );
    expect(fromObject.plaintext).toBe(v.expected!.plaintext);
    expect(fromObject.encrypt).toBe(v.encrypt);
    expect(fromObject.body).toContain(`<Encrypt><![CDATA[${v.encrypt!}]]></Encrypt>`);
    expect(fromObject.body).toContain('<Content><![CDATA[abcdteT]]></Content>');
    // The plaintext half is WeChat's bytes: numbers bare (`<CreateTime>1409735668</CreateTime>`), never
    // in CDATA, whether the message was given as its text or as an object.
    const wechatBody = v.expected!.plaintext.replace(/\n<\/xml>$/, `\n<Encrypt><![CDATA[${v.encrypt!}]]></Encrypt>\n</xml>`);
    expect(fromText.body).toBe(wechatBody);
    expect(fromObject.body).toBe(wechatBody);
  });

  it('compatible mode from JSON text keeps numbers as numbers beside Encrypt', () => {
    const plaintext = '{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1409735668,"MsgType":"event","Event":"x","MsgId":6054768590064713728}';
    const req = buildRawPushRequest(plaintext, { token: 't', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx1', mode: 'compatible', format: 'json' });
    expect(req.body).toBe(`${plaintext.slice(0, -1)},"Encrypt":"${req.encrypt!}"}`);
  });

  it('wx-doc-plain-mode-post: plaintext signature and body', () => {
    const v = vector('wx-doc-plain-mode-post');
    const req = buildRawPushRequest(v.body as string, { token: v.token, format: 'json', timestamp: v.timestamp, nonce: v.nonce });
    expect(req.mode).toBe('plain');
    expect(req.body).toBe(v.body);
    expect(req.search).toBe(`?signature=${v.signature!}&timestamp=${v.timestamp}&nonce=${v.nonce}&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY`);
  });

  it('wx-doc-url-verify-get: URL verification signature', () => {
    const v = vector('wx-doc-url-verify-get');
    const req = buildVerifyRequest({ token: v.token, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr! });
    expect(req).toEqual({
      method: 'GET',
      search: `?signature=${v.signature!}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr!}`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '',
      echostr: v.echostr,
    });
  });

  it('wechatpy-test-check-signature', () => {
    const v = vector('wechatpy-test-check-signature');
    const req = buildVerifyRequest({ token: v.token, timestamp: v.timestamp, nonce: v.nonce, echostr: 'x' });
    expect(new URLSearchParams(req.search).get('signature')).toBe(v.signature);
  });
});
