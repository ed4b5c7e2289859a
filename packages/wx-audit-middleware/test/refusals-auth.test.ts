import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { WxAudit } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { AES_KEY, buildPush, makeAudit, MOUNT, NOW_S, OLD_AES_KEY, sceneAuditWire, SEED_CREATE_TIME, send, verifySearch } from './helpers/push.js';
import { expectRefused, watch } from './helpers/refusals.js';

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const TOLERANCE = 300;

describe.each(flavors)('%s: 401 authentication refusals', (flavor) => {
  const setup = (overrides: Parameters<typeof makeAudit>[0] = {}) => {
    const audit = track(makeAudit(overrides));
    return { app: makeApp(flavor, audit), seen: watch(audit) };
  };

  it.each(['plain', 'compatible', 'safe'] as const)('%s mode: a push signed with another token → SIGNATURE_INVALID', async (mode) => {
    const { app, seen } = setup();
    const res = await send(app, buildPush({ message: sceneAuditWire(), mode, token: 'someone-elses-token' }));
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it('safe mode checks msg_signature, not signature: a valid signature with a forged msg_signature is refused', async () => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const res = await send(app, { ...push, search: push.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`) });
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it('safe mode: swapping in another Encrypt breaks msg_signature', async () => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const other = buildPush({ message: sceneAuditWire({ CreateTime: 1623856999 }), mode: 'safe' });
    const res = await send(app, { ...push, body: other.body });
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it('GET verification with a wrong signature does not echo', async () => {
    const { app, seen } = setup();
    const res = await request(app).get(MOUNT + verifySearch('123456789', String(NOW_S), 'another-token'));
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
    expect(res.text).not.toContain('123456789');
  });

  describe('timestamp tolerance: inclusive, both ways', () => {
    const kinds = ['plain', 'safe', 'GET'] as const;
    const call = (app: ReturnType<typeof makeApp>, kind: (typeof kinds)[number], timestamp: number) =>
      kind === 'GET'
        ? request(app).get(MOUNT + verifySearch('42', String(timestamp)))
        : send(app, buildPush({ message: sceneAuditWire(), mode: kind, timestamp: String(timestamp) }));

    it.each(kinds)('%s: exactly toleranceSeconds behind and ahead is accepted', async (kind) => {
      for (const timestamp of [NOW_S - TOLERANCE, NOW_S + TOLERANCE]) {
        const { app, seen } = setup({ toleranceSeconds: TOLERANCE });
        const res = await call(app, kind, timestamp);
        expect(res.status).toBe(200);
        expect(res.text).toBe(kind === 'GET' ? '42' : 'success');
        expect(seen.rejected).toEqual([]);
      }
    });

    it.each(kinds)('%s: one second past toleranceSeconds either way → TIMESTAMP_OUT_OF_TOLERANCE', async (kind) => {
      for (const timestamp of [NOW_S - TOLERANCE - 1, NOW_S + TOLERANCE + 1]) {
        const { app, seen } = setup({ toleranceSeconds: TOLERANCE });
        expectRefused(seen, await call(app, kind, timestamp), 401, 'TIMESTAMP_OUT_OF_TOLERANCE');
      }
    });

    it.each(kinds)('%s: the server clock counts in whole seconds (a request exactly tolerance old, mid-second)', async (kind) => {
      // Date.now() is rarely on a second boundary: a timestamp `tolerance` seconds before the current second is still in.
      const { app, seen } = setup({ toleranceSeconds: TOLERANCE, now: () => NOW_S * 1000 + 999 });
      const res = await call(app, kind, NOW_S - TOLERANCE);
      expect(res.status).toBe(200);
      expect(seen.rejected).toEqual([]);
    });

    it('a timestamp that is not unix seconds is refused', async () => {
      const { app, seen } = setup();
      const res = await send(app, buildPush({ message: sceneAuditWire(), mode: 'plain', timestamp: '2024-04-25' }));
      expectRefused(seen, res, 401, 'TIMESTAMP_OUT_OF_TOLERANCE');
    });
  });

  it('a push encrypted for another appid → APPID_MISMATCH', async () => {
    const { app, seen } = setup();
    const res = await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe', receiveId: 'wxsomeoneelse00000' }));
    expectRefused(seen, res, 401, 'APPID_MISMATCH');
  });

  it('a push encrypted with an unknown key → DECRYPT_FAILED', async () => {
    const { app, seen } = setup();
    const res = await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe', encodingAESKey: OLD_AES_KEY }));
    expectRefused(seen, res, 401, 'DECRYPT_FAILED');
  });

  it.each([
    ['not base64', '!!!not base64!!!'],
    ['not whole blocks', Buffer.alloc(40, 7).toString('base64')],
    ['random blocks', Buffer.alloc(64, 9).toString('base64')],
  ])('an Encrypt that is %s → DECRYPT_FAILED (the signature over it is valid)', async (_name, encrypt) => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const { messageSignature } = await import('../src/wire/index.js');
    const search = push.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${messageSignature('pushTokenForTests', String(NOW_S), '1320562132', encrypt)}`);
    const res = await send(app, { ...push, search, body: `<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
    expectRefused(seen, res, 401, 'DECRYPT_FAILED');
  });

  it.each([
    ['line breaks', (e: string) => `${e.slice(0, 76)}\n${e.slice(76)}`, /line breaks or spaces/],
    ['spaces', (e: string) => `${e.slice(0, 40)} ${e.slice(40)}`, /line breaks or spaces/],
    ['not base64 at all', () => '!!!notBase64!!!', /not a WeChat ciphertext/],
  ])('an Encrypt with %s → DECRYPT_FAILED that says what is wrong with it, not with the key', async (_name, alter, message) => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const encrypt = alter(push.encrypt!);
    const { messageSignature } = await import('../src/wire/index.js');
    const search = push.search.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${messageSignature('pushTokenForTests', String(NOW_S), '1320562132', encrypt)}`);
    const res = await send(app, { ...push, search, body: `<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
    expectRefused(seen, res, 401, 'DECRYPT_FAILED');
    expect(seen.rejected[0]!.message).toMatch(message);
    expect(seen.rejected[0]!.message).not.toMatch(/encodingAESKey|key on the WeChat console/);
  });

  it('requireEncryption refuses a correctly signed plaintext push → ENCRYPTION_REQUIRED', async () => {
    const { app, seen } = setup({ requireEncryption: true });
    const res = await send(app, buildPush({ message: sceneAuditWire(), mode: 'plain' }));
    expectRefused(seen, res, 401, 'ENCRYPTION_REQUIRED');
  });

  it('requireEncryption still accepts safe and compatible pushes', async () => {
    const { app, seen } = setup({ requireEncryption: true });
    expect((await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe' }))).text).toBe('success');
    expect((await send(app, buildPush({ message: sceneAuditWire({ CreateTime: SEED_CREATE_TIME + 1 }), mode: 'compatible' }))).text).toBe('success');
    expect(seen.rejected).toEqual([]);
    expect(seen.dispatched).toEqual(['sceneAudit', 'message', 'sceneAudit', 'message']);
  });

  it('key rotation: a push under previousEncodingAESKey is accepted; one under neither key is refused', async () => {
    const { app, seen } = setup({ encodingAESKey: AES_KEY, previousEncodingAESKey: OLD_AES_KEY });
    const old = await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe', encodingAESKey: OLD_AES_KEY }));
    const current = await send(app, buildPush({ message: sceneAuditWire({ CreateTime: SEED_CREATE_TIME + 1 }), mode: 'safe', encodingAESKey: AES_KEY }));
    expect([old.text, current.text]).toEqual(['success', 'success']);
    expect(seen.dispatched).toEqual(['sceneAudit', 'message', 'sceneAudit', 'message']);

    const third = 'QWERTYUIOPASDFGHJKLZXCVBNMqwertyuiopasdfghj';
    const refused = await send(app, buildPush({ message: sceneAuditWire({ CreateTime: SEED_CREATE_TIME + 2 }), mode: 'safe', encodingAESKey: third }));
    expect(refused.status).toBe(401);
    expect(seen.rejected.map((r) => r.code)).toEqual(['DECRYPT_FAILED']);
  });

  it('a rotation key that does not decode the push does not mask an appid mismatch under the other', async () => {
    const { app, seen } = setup({ encodingAESKey: AES_KEY, previousEncodingAESKey: OLD_AES_KEY });
    const res = await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe', encodingAESKey: OLD_AES_KEY, receiveId: 'wxother' }));
    expectRefused(seen, res, 401, 'APPID_MISMATCH');
  });
});
