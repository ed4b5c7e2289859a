// Security review, finding 1: a captured push replayed long after toleranceSeconds by swapping `timestamp` and
// `nonce` (both signatures sort their inputs, so the swap keeps them valid). Freshness is now bound to the
// signed CreateTime (maxMessageAgeSeconds), and requireEncryption defaults to true with a key.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, createWxAudit, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { messageSignature, pushSignature } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { APP_ID, AES_KEY, buildPush, MOUNT, sceneAuditWire, send, TOKEN } from './helpers/push.js';
import { expectRefused, watch } from './helpers/refusals.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

/** Capture time, and a WeChat-style 10-digit nonce that is also a unix time three days later. */
const CAPTURED_AT = 1_796_100_000;
const NONCE_AS_TIME = CAPTURED_AT + 3 * 86_400;

function audit(nowSeconds: number, overrides: Partial<WxAuditOptions> = {}) {
  const a = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => nowSeconds * 1000, ...overrides });
  audits.push(a);
  return a;
}

/** The captured push with its timestamp and nonce swapped: both signatures still verify. */
function swapped(search: string): string {
  const query = new URLSearchParams(search);
  const timestamp = query.get('timestamp')!;
  query.set('timestamp', query.get('nonce')!);
  query.set('nonce', timestamp);
  return `?${query}`;
}

describe.each(flavors)('%s: replays and freshness', (flavor) => {
  const captured = buildPush({
    mode: 'safe',
    message: sceneAuditWire({ CreateTime: CAPTURED_AT - 2 }),
    timestamp: String(CAPTURED_AT),
    nonce: String(NONCE_AS_TIME),
  });

  it('a safe-mode push replayed days later with timestamp and nonce swapped is refused MESSAGE_TOO_OLD', async () => {
    // The original delivery, at capture time, is accepted.
    const first = audit(CAPTURED_AT, { requireEncryption: true });
    expect((await send(makeApp(flavor, first), captured)).text).toBe('success');

    // Three days later, on an instance whose store never saw it (or has forgotten it): the swapped query
    // passes the signature and the timestamp check, but the signed CreateTime is three days old.
    const later = audit(NONCE_AS_TIME, { requireEncryption: true });
    const seen = watch(later);
    const replay = { ...captured, search: swapped(captured.search) };
    const params = new URLSearchParams(replay.search);
    expect(params.get('msg_signature')).toBe(messageSignature(TOKEN, params.get('timestamp')!, params.get('nonce')!, captured.encrypt!));
    const res = await send(makeApp(flavor, later), replay);
    expectRefused(seen, res, 401, 'MESSAGE_TOO_OLD');
    expect(seen.rejected[0]!.message).toContain('maxMessageAgeSeconds 3600');
  });

  it('a leaked plaintext URL cannot be used to forge pushes once a key is configured (requireEncryption defaults to true)', async () => {
    const a = audit(CAPTURED_AT);
    const seen = watch(a);
    const forged = buildPush({ mode: 'plain', message: sceneAuditWire({ CreateTime: CAPTURED_AT }), timestamp: String(CAPTURED_AT) });
    expectRefused(seen, await send(makeApp(flavor, a), forged), 401, 'ENCRYPTION_REQUIRED');
  });

  it('requireEncryption: false still accepts plaintext pushes (switching the console), and without a key plaintext is the mode', async () => {
    const plain = buildPush({ mode: 'plain', message: sceneAuditWire({ CreateTime: CAPTURED_AT }), timestamp: String(CAPTURED_AT) });
    expect((await send(makeApp(flavor, audit(CAPTURED_AT, { requireEncryption: false })), plain)).text).toBe('success');
    const keyless = createWxAudit({ token: TOKEN, now: () => CAPTURED_AT * 1000 });
    audits.push(keyless);
    expect((await send(makeApp(flavor, keyless), plain)).text).toBe('success');
  });

  it("encrypt_type=raw (WeChat's name for plaintext) is plaintext: refused under requireEncryption, accepted without it; other values are 400", async () => {
    const plain = buildPush({ mode: 'plain', message: sceneAuditWire({ CreateTime: CAPTURED_AT }), timestamp: String(CAPTURED_AT) });
    const raw = { ...plain, search: `${plain.search}&encrypt_type=raw` };
    const strict = audit(CAPTURED_AT);
    const seen = watch(strict);
    expectRefused(seen, await send(makeApp(flavor, strict), raw), 401, 'ENCRYPTION_REQUIRED');
    expect((await send(makeApp(flavor, audit(CAPTURED_AT, { requireEncryption: false })), raw)).text).toBe('success');
    const other = await send(makeApp(flavor, audit(CAPTURED_AT, { requireEncryption: false })), { ...plain, search: `${plain.search}&encrypt_type=des` });
    expect([other.status, other.body.code]).toEqual([400, 'QUERY_INVALID']);
  });

  it('accepts a CreateTime exactly maxMessageAgeSeconds away, either way, and refuses one second more', async () => {
    const at = (createTime: number) => buildPush({ message: sceneAuditWire({ CreateTime: createTime }), timestamp: String(CAPTURED_AT) });
    const a = audit(CAPTURED_AT, { maxMessageAgeSeconds: 600 });
    const app = makeApp(flavor, a);
    const seen = watch(a);
    expect((await send(app, at(CAPTURED_AT - 600))).status).toBe(200);
    expect((await send(app, at(CAPTURED_AT + 600))).status).toBe(200);
    expect((await send(app, at(CAPTURED_AT - 601))).body).toMatchObject({ code: 'MESSAGE_TOO_OLD' });
    expect((await send(app, at(CAPTURED_AT + 601))).body).toMatchObject({ code: 'MESSAGE_TOO_OLD' });
    expect(seen.rejected.map((r) => r.message)).toEqual([expect.stringContaining('601 s old'), expect.stringContaining('601 s in the future')]);
  });

  it('maxMessageAgeSeconds: false lets a recorded push through (tests that replay recordings)', async () => {
    const a = audit(NONCE_AS_TIME, { maxMessageAgeSeconds: false });
    const res = await send(makeApp(flavor, a), { ...captured, search: swapped(captured.search) });
    expect(res.text).toBe('success');
  });

  it('the age is checked before the push is typed: a stale push with a broken schema is still MESSAGE_TOO_OLD', async () => {
    const a = audit(CAPTURED_AT);
    const seen = watch(a);
    const stale = buildPush({ message: sceneAuditWire({ CreateTime: CAPTURED_AT - 7200, SceneGroupAudit: 'broken' }), timestamp: String(CAPTURED_AT) });
    expectRefused(seen, await send(makeApp(flavor, a), stale), 401, 'MESSAGE_TOO_OLD');
  });

  it('URL verification is unaffected (it has no CreateTime), and a GET with swapped values is bound by toleranceSeconds only', async () => {
    const a = audit(CAPTURED_AT);
    const search = `?${new URLSearchParams({ signature: pushSignature(TOKEN, String(CAPTURED_AT), '42'), timestamp: String(CAPTURED_AT), nonce: '42', echostr: 'e1' })}`;
    const res = await request(makeApp(flavor, a)).get(MOUNT + search);
    expect([res.status, res.text]).toEqual([200, 'e1']);
  });
});

describe('maxMessageAgeSeconds and the store', () => {
  it('is refused at start-up when larger than what the store remembers', () => {
    const store = createMemoryStore({ ttlSeconds: 600 });
    expect(() => createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, store })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('remembers pushes for 600 s') }),
    );
    expect(() => createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, store, maxMessageAgeSeconds: 601 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    const fits = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, store, maxMessageAgeSeconds: 600 });
    audits.push(fits);
  });

  it('rejects values that are not a positive integer or false', () => {
    for (const bad of [0, -1, 1.5, true, '3600']) {
      expect(() => createWxAudit({ token: TOKEN, maxMessageAgeSeconds: bad as never })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    }
  });

  it('defaults to 3600 s and the default stores remember a day', () => {
    expect(createMemoryStore().ttlSeconds).toBe(86_400);
    const at = 1_796_100_000;
    const a = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => at * 1000 });
    audits.push(a);
    const app = makeApp('express5', a);
    return Promise.all([
      send(app, buildPush({ message: sceneAuditWire({ CreateTime: at - 3600 }), timestamp: String(at) })).expect(200),
      send(app, buildPush({ message: sceneAuditWire({ CreateTime: at - 3601, SceneGroupAudit: { group_id: 2, reason: '', name: 'n' } }), timestamp: String(at) })).expect(401),
    ]);
  });
});
