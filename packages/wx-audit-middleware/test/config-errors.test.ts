// Issue #17, item 5: configuration errors that diagnose. A key of the wrong length, with a trailing "=" or
// a stray space; a misspelt option ("Unrecognized key"); a payKeys value that is undefined (an unset
// environment variable: "Invalid input") or a file path instead of its contents. Each is CONFIG_INVALID
// with a message that says what to change, and never the value itself.
import { describe, expect, it } from 'vitest';
import { createWxAudit, WxAuditError, type WxAuditOptions } from '../src/index.js';
import { AES_KEY, APP_ID, TOKEN } from './helpers/push.js';

const SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const valid: WxAuditOptions = { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, logger: false };

/** The CONFIG_INVALID message createWxAudit throws for these options (fails the test when it does not throw one). */
function configError(overrides: Record<string, unknown>): string {
  try {
    createWxAudit({ ...valid, ...overrides } as WxAuditOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(WxAuditError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', status: 500 });
    return (error as Error).message;
  }
  throw new Error('createWxAudit did not throw');
}

describe('encodingAESKey: the length received and what to remove', () => {
  it.each([
    ['a trailing "="', `${AES_KEY}=`, 'encodingAESKey: ends with "=" (44 characters received, 43 expected): remove the "="'],
    ['a trailing newline (an env file)', `${AES_KEY}\n`, 'encodingAESKey: holds a line break at the end (44 characters received, 43 expected): remove it'],
    ['a leading space', ` ${AES_KEY}`, 'encodingAESKey: holds a space at the start (44 characters received, 43 expected): remove it'],
    ['a space inside', `${AES_KEY.slice(0, 10)} ${AES_KEY.slice(10)}`, 'encodingAESKey: holds a space at character 11 (44 characters received'],
    ['a tab inside', `${AES_KEY.slice(0, 10)}\t${AES_KEY.slice(11)}`, 'encodingAESKey: holds a tab at character 11 (43 characters received'],
    ['one character short', AES_KEY.slice(1), 'encodingAESKey: has 42 characters; the EncodingAESKey shown on the WeChat console has 43'],
    ['far too long', AES_KEY + AES_KEY, 'encodingAESKey: has 86 characters'],
    ['a character outside base64', `${AES_KEY.slice(0, 42)}!`, 'encodingAESKey: holds a character that is not a letter or a digit at the end'],
  ])('%s', (_name, key, expected) => {
    const message = configError({ encodingAESKey: key });
    expect(message).toContain(expected);
    // Never the key, not even most of it.
    expect(message).not.toContain(AES_KEY.slice(12, 30));
  });

  it('previousEncodingAESKey is diagnosed the same way', () => {
    expect(configError({ previousEncodingAESKey: `${AES_KEY}=` })).toContain('previousEncodingAESKey: ends with "="');
  });
});

describe('a misspelt option names the nearest one', () => {
  it.each([
    ['encodingAesKey', { encodingAesKey: AES_KEY, encodingAESKey: undefined }, 'createWxAudit: encodingAesKey: unknown option; did you mean encodingAESKey?'],
    ['appid', { appid: APP_ID }, 'appid: unknown option; did you mean appId?'],
    ['tolerance', { tolerance: 10 }, 'tolerance: unknown option; did you mean toleranceSeconds?'],
    ['ackTimeoutMS', { ackTimeoutMS: 10 }, 'ackTimeoutMS: unknown option; did you mean ackTimeoutMs?'],
    ['requireEncyption', { requireEncyption: false }, 'requireEncyption: unknown option; did you mean requireEncryption?'],
    ['durable.blockMS', { durable: { blockMS: 10 } }, 'durable.blockMS: unknown option; did you mean durable.blockMs?'],
  ])('%s', (_name, overrides, expected) => {
    const message = configError(overrides);
    expect(message).toContain(expected);
    expect(message).not.toContain('Unrecognized key');
    expect(message).not.toContain(AES_KEY);
  });

  it('a name close to nothing lists the options instead', () => {
    expect(configError({ zzz: 1 })).toMatch(/^createWxAudit: zzz: unknown option \(known: token, encodingAESKey, .*\)\.$/);
  });
});

describe('payKeys: an unset environment variable or a file path', () => {
  it('a value that is undefined says an environment variable may be unset', () => {
    const message = configError({ payKeys: { [SERIAL]: process.env.WX_AUDIT_TEST_SURELY_UNSET } });
    expect(message).toContain(`payKeys.${SERIAL}: is undefined: is the environment variable holding this key unset?`);
    expect(message).not.toContain('Invalid input');
  });

  it('an empty value says so', () => {
    expect(configError({ payKeys: { [SERIAL]: '' } })).toContain(`payKeys.${SERIAL}: is empty`);
  });

  it.each(['./certs/apiclient_cert.pem', '/etc/wechatpay/caller.crt', 'C:\\keys\\caller.pem', 'caller_public_key.pem'])('a file path (%s) → pass its contents', (path) => {
    const message = configError({ payKeys: { [SERIAL]: path } });
    expect(message).toBe(`createWxAudit: payKeys["${SERIAL}"] looks like a file path, not a key: pass the file's contents (readFileSync(path, 'utf8')).`);
  });

  it('payReplyKey.privateKey given as a file path → pass its contents', () => {
    const message = configError({ payKeys: undefined, payReplyKey: { serialNo: SERIAL, privateKey: './apiclient_key.pem' } });
    expect(message).toContain("payReplyKey.privateKey looks like a file path, not a key: pass the file's contents");
  });

  it('something that is neither a path nor PEM keeps the plain message', () => {
    expect(configError({ payKeys: { [SERIAL]: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' } })).toContain('is neither a PEM public key nor an X.509 certificate');
  });
});

describe('durations longer than a Node timer can wait', () => {
  // A longer delay fires after 1 ms: "practically never" would have meant at once (a handler given up
  // at once, a lease renewed in a busy loop).
  it('ackTimeoutMs (listeners are given up after 10 × it), leaseMs', () => {
    expect(configError({ ackTimeoutMs: 3_000_000_000 })).toMatch(/ackTimeoutMs: at most 214748364 \(listeners are given up after 10 × ackTimeoutMs/);
    expect(configError({ leaseMs: Number.MAX_SAFE_INTEGER })).toMatch(/leaseMs: at most 2147483647/);
    expect(() => createWxAudit({ ...valid, ackTimeoutMs: 214_748_364, leaseMs: 2_147_483_647 }).close()).not.toThrow();
  });
});
