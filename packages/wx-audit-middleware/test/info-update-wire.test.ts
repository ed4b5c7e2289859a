import { createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WxAuditError } from '../src/index.js';
import { apiv3Message, formatApiv3Authorization, isApiv3Authorization, parseApiv3Authorization, signApiv3, verifyApiv3 } from '../src/wire/index.js';
import { KEY_A, KEY_B } from './helpers/info-update.js';

const auth = { mchid: '1900016681', nonceStr: 'N1', signature: 'c2lnbmF0dXJl', timestamp: '1714037059', serialNo: 'SERIAL' };

describe('APIv3 Authorization header', () => {
  it('formats in WeChat Pay’s order and parses back', () => {
    const header = formatApiv3Authorization(auth);
    expect(header).toBe('WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="N1",signature="c2lnbmF0dXJl",timestamp="1714037059",serial_no="SERIAL"');
    expect(parseApiv3Authorization(header)).toEqual(auth);
  });

  it('accepts any field order, spaces around commas and a lower-case scheme', () => {
    const header = 'wechatpay2-sha256-rsa2048 serial_no="SERIAL", timestamp="1714037059" ,signature="c2lnbmF0dXJl",nonce_str="N1",mchid="1900016681"';
    expect(parseApiv3Authorization(header)).toEqual(auth);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another scheme', 'Bearer abc'],
    ['a trailing comma', `${formatApiv3Authorization(auth)},`],
    ['a quote inside a value', formatApiv3Authorization(auth).replace('N1', 'N"1')],
    ['a backslash inside a value', formatApiv3Authorization(auth).replace('N1', 'N\\1')],
    ['an upper-case field name', formatApiv3Authorization(auth).replace('mchid=', 'MCHID=')],
  ])('refuses %s with AUTHORIZATION_INVALID', (_name, header) => {
    expect(() => parseApiv3Authorization(header)).toThrow(expect.objectContaining({ code: 'AUTHORIZATION_INVALID' }) as WxAuditError);
  });

  it('will not format a value that would change the header’s meaning', () => {
    expect(() => formatApiv3Authorization({ ...auth, nonceStr: 'a",serial_no="X' })).toThrow(TypeError);
    expect(() => formatApiv3Authorization({ ...auth, mchid: '' })).toThrow(TypeError);
  });

  it('routes any WECHATPAY2- scheme, case-insensitively, and nothing else', () => {
    expect([isApiv3Authorization('WECHATPAY2-SHA256-RSA2048 x'), isApiv3Authorization('wechatpay2-sm2 x'), isApiv3Authorization('Basic x'), isApiv3Authorization(undefined)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('APIv3 message and signature', () => {
  it('appends the body bytes as received, never re-encoded', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const message = apiv3Message({ method: 'post', url: '/a?b=1', timestamp: 1, nonce: 'n', body });
    expect(message).toEqual(Buffer.concat([Buffer.from('POST\n/a?b=1\n1\nn\n'), body, Buffer.from('\n')]));
  });

  it('signs what node:crypto verifies, and verifies only with the matching key', () => {
    const message = apiv3Message({ method: 'POST', url: '/n', timestamp: '1', nonce: 'n', body: '{"a":"中"}' });
    const signature = signApiv3(KEY_A.privateKey, message);
    const verifier = createVerify('RSA-SHA256');
    verifier.update('POST\n/n\n1\nn\n{"a":"中"}\n');
    expect(verifier.verify(KEY_A.publicKey, signature, 'base64')).toBe(true);
    expect(verifyApiv3(createPublicKey(KEY_A.publicKey), message, signature)).toBe(true);
    expect(verifyApiv3(createPublicKey(KEY_B.publicKey), message, signature)).toBe(false);
    expect(verifyApiv3(createPublicKey(KEY_A.publicKey), message, signature.slice(4))).toBe(false);
    expect(verifyApiv3(createPublicKey(KEY_A.publicKey), message, `WECHATPAY/SIGNTEST/${signature}`)).toBe(false);
  });
});
