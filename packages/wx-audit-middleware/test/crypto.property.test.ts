import { createDecipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WxAuditError } from '../src/index.js';
import { decodeAesKey, decryptMessage, encryptMessage, messageSignature, safeEqual } from '../src/wire/index.js';
import { decryptCbc } from '../src/wire/cbc-decipher.js';
import type { AesKey } from '../src/wire/message-crypto.js';
import { APP_ID, AES_KEY, buildPush, makeAudit, MOUNT, NOW_S, sceneAuditWire, TOKEN } from './helpers/push.js';
import { SECRETS } from './helpers/refusals.js';

const key = decodeAesKey(AES_KEY);
const encodingAESKey = fc.stringMatching(/^[A-Za-z0-9+/]{43}$/);
const receiveId = fc.string({ unit: 'grapheme', maxLength: 32 });
const random16 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b));

/** Decrypts; a throw must be WxAuditError DECRYPT_FAILED and nothing else. */
function tryDecrypt(encrypt: string, k = key) {
  try {
    return decryptMessage(k, encrypt);
  } catch (error) {
    expect(error).toBeInstanceOf(WxAuditError);
    expect((error as WxAuditError).code).toBe('DECRYPT_FAILED');
    return undefined;
  }
}

describe('message crypto', () => {
  it('encrypt → decrypt round-trips any message, receiveId, key and random prefix', () => {
    fc.assert(
      fc.property(encodingAESKey, fc.uint8Array({ maxLength: 300 }), receiveId, random16, (aes, message, id, random) => {
        const k = decodeAesKey(aes);
        const encrypt = encryptMessage(k, { message: Buffer.from(message), receiveId: id, random });
        expect(Buffer.from(encrypt, 'base64').length % 32).toBe(0);
        const opened = decryptMessage(k, encrypt);
        expect(opened.message.equals(Buffer.from(message))).toBe(true);
        expect(opened.receiveId).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('random input: a message or DECRYPT_FAILED, nothing else', () => {
    const blocks = fc.uint8Array({ minLength: 1, maxLength: 8 }).chain((n) => fc.uint8Array({ minLength: n.length * 32, maxLength: n.length * 32 }));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.base64String(), blocks.map((b) => Buffer.from(b).toString('base64'))), (encrypt) => {
        tryDecrypt(encrypt);
      }),
      { numRuns: 1000 },
    );
  });

  it('a mutated ciphertext gives DECRYPT_FAILED or bytes, never another exception; a mutated last block is never accepted', () => {
    // WeChat's format has no MAC: msg_signature is the integrity check (see the push-level property below).
    // What the decryptor alone guarantees: it never throws anything but DECRYPT_FAILED on a mutation.
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), random16, fc.nat(), fc.integer({ min: 1, max: 255 }), (text, random, at, flip) => {
        const bytes = Buffer.from(encryptMessage(key, { message: text, receiveId: APP_ID, random }), 'base64');
        bytes[at % bytes.length]! ^= flip;
        const opened = tryDecrypt(bytes.toString('base64'));
        // A flip in the last block breaks the padding or the receiveId: never accepted as this app's message.
        if (at % bytes.length >= bytes.length - 16 && opened) expect(opened.receiveId === APP_ID && opened.message.toString() !== text).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('a key that is not 43 base64 characters is CONFIG_INVALID', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !/^[A-Za-z0-9+/]{43}$/.test(s)), (bad) => {
        expect(() => decodeAesKey(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
      }),
    );
  });
});

describe('decryptCbc (one running decipher per key)', () => {
  const fresh = (k: AesKey, data: Buffer) => {
    const decipher = createDecipheriv('aes-256-cbc', k.key, k.iv);
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  };

  it('gives what a fresh decipher gives, for any sequence of messages under interleaved keys', () => {
    const keys = [decodeAesKey(AES_KEY), decodeAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')];
    const message = fc.record({
      key: fc.constantFrom(0, 1),
      data: fc.integer({ min: 1, max: 6 }).chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 })),
    });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), (messages) => {
        for (const { key: which, data } of messages) {
          const bytes = Buffer.from(data);
          const copy = Buffer.from(bytes);
          const k = keys[which]!;
          expect(decryptCbc(k, bytes).equals(fresh(k, bytes))).toBe(true);
          expect(bytes.equals(copy)).toBe(true); // the caller's buffer is left as it was
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses data that is not whole blocks, and goes on decrypting correctly afterwards', () => {
    const k = decodeAesKey(AES_KEY);
    expect(() => decryptCbc(k, Buffer.alloc(15))).toThrow(RangeError);
    const data = Buffer.alloc(48, 7);
    expect(decryptCbc(k, data).equals(fresh(k, data))).toBe(true);
  });
});

describe('whole pushes through audit.receive()', () => {
  const audit = makeAudit();
  let dispatched = 0;
  audit.on('message', () => void dispatched++);
  const receive = (search: string, body: string) =>
    audit.receive({ method: 'POST', url: `${MOUNT}${search}`, path: '/', headers: { 'content-type': 'text/xml' }, readBody: async () => ({ kind: 'bytes', bytes: Buffer.from(body) }) });

  it('any mutation of Encrypt is refused (msg_signature covers it): never dispatched, never another plaintext', async () => {
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const encrypt = push.encrypt!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: encrypt.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), async (at, c) => {
        fc.pre(encrypt[at] !== c);
        const mutated = encrypt.slice(0, at) + c + encrypt.slice(at + 1);
        const answer = await receive(push.search, push.body.replace(encrypt, mutated));
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.body)).toMatchObject({ code: 'SIGNATURE_INVALID' });
      }),
      { numRuns: 300 },
    );
    expect(dispatched).toBe(0);
  });

  it('a mutated Encrypt re-signed with the token (only the holder can) is still never dispatched as another message', async () => {
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const bytes = Buffer.from(push.encrypt!, 'base64');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const mutated = Buffer.from(bytes);
        mutated[at]! ^= flip;
        const encrypt = mutated.toString('base64');
        const search = push.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${messageSignature(TOKEN, String(NOW_S), '1320562132', encrypt)}`);
        const answer = await receive(search, push.body.replace(push.encrypt!, encrypt));
        expect(answer.status === 200 || answer.status === 400 || answer.status === 401).toBe(true);
        for (const secret of SECRETS) expect(answer.body).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('random bodies and queries: always an answer with a known status, never a secret in it', async () => {
    const query = fc.dictionary(fc.constantFrom('signature', 'timestamp', 'nonce', 'encrypt_type', 'msg_signature', 'openid'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(query, fc.oneof(fc.string({ unit: 'binary' }), fc.json()), async (params, body) => {
        const answer = await receive(`?${new URLSearchParams(params)}`, body);
        expect([400, 401, 413]).toContain(answer.status);
        for (const secret of SECRETS) expect(answer.body).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
    expect(dispatched).toBe(0);
  });

});

describe('safeEqual', () => {
  const text = fc.string({ unit: 'binary', maxLength: 48 });
  it('is true exactly for equal strings, whatever their lengths and characters', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(safeEqual(a, b)).toBe(a === b);
        expect(safeEqual(a, a)).toBe(true);
        expect(safeEqual(b, a)).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart a signature from its prefixes, extensions and one-character changes', () => {
    const expected = messageSignature(TOKEN, '1700000000', 'nonce', 'Encrypt');
    fc.assert(
      fc.property(fc.nat({ max: 39 }), fc.integer({ min: 1, max: 0xffff }), (at, delta) => {
        const changed = expected.slice(0, at) + String.fromCharCode((expected.charCodeAt(at) + delta) % 0x10000) + expected.slice(at + 1);
        expect(safeEqual(changed, expected)).toBe(false);
        expect(safeEqual(expected.slice(0, at), expected)).toBe(false);
        expect(safeEqual(expected + changed[at], expected)).toBe(false);
      }),
    );
    expect(safeEqual('', expected)).toBe(false);
    expect(safeEqual(expected, '')).toBe(false);
    expect(safeEqual(expected, expected.slice())).toBe(true);
  });
});
