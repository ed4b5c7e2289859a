// A request built for a fixture, sent to the middleware with the same credentials, yields an event
// that toMatchObject the fixture: every fixture kind x mode x format, over real HTTP (supertest).
import { once } from 'node:events';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { SceneAuditEvent } from '@x/wx-audit-middleware';
import { buildPushRequest, buildVerifyRequest, createFixtures, PUSH_FORMATS, PUSH_MODES, type SceneAuditFixture } from '../src/index.js';
import { AES_KEY, APP_ID, makeApp, makeAudit, MOUNT, NOW_MS, NOW_S, TOKEN } from './helpers/credentials.js';

const fx = createFixtures({ seed: 2024, now: NOW_MS });
const fixtures: Array<[string, SceneAuditFixture]> = [
  ['sceneAudit', fx.sceneAudit()],
  ['single item', fx.edge.sceneAuditSingleItem()],
  ['no items', fx.edge.sceneAuditNoItems()],
  ['emoji', fx.edge.sceneAuditEmoji()],
  ['long strings', fx.edge.sceneAuditLongStrings()],
  ['CDATA terminator in text', fx.sceneAudit({ reason: '含有 ]]> 与 <xml> & "引号"', name: ']]>' })],
];
const cases = fixtures.flatMap(([name, msg]) => PUSH_MODES.flatMap((mode) => PUSH_FORMATS.map((format) => ({ name, msg, mode, format }))));

describe('round trip through createWxAudit', () => {
  it.each(cases)('$name, $mode, $format', async ({ msg, mode, format }) => {
    const audit = makeAudit();
    const app = makeApp(audit);
    const rejected: unknown[] = [];
    audit.on('rejected', (r) => rejected.push(r));
    const received = once(audit, 'sceneAudit') as Promise<[SceneAuditEvent]>;
    const req = buildPushRequest(msg, { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, mode, format, timestamp: NOW_S });
    const res = await request(app).post(MOUNT + req.search).set(req.headers).send(req.body);
    expect(rejected).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.text).toBe('success');
    const [event] = await received;
    expect(event).toMatchObject(msg);
    await audit.close();
  });

  it('defaults: safe with a key, plain without one; a fresh nonce each time', () => {
    const msg = fx.sceneAudit();
    const safe = buildPushRequest(msg, { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID });
    expect(safe.mode).toBe('safe');
    expect(safe.format).toBe('xml');
    expect(safe.headers['content-type']).toBe('text/xml');
    expect(safe.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_[0-9a-f]{12}\]\]><\/ToUserName>\n<Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt>\n<\/xml>$/);
    const plain = buildPushRequest(msg, { token: TOKEN });
    expect(plain.mode).toBe('plain');
    expect(new URLSearchParams(plain.search).get('openid')).toBe(msg.fromUserName);
    expect(new URLSearchParams(plain.search).get('nonce')).not.toBe(new URLSearchParams(safe.search).get('nonce'));
  });

  it('a request built with other credentials is refused', async () => {
    const audit = makeAudit();
    const req = buildPushRequest(fx.sceneAudit(), { token: 'another', encodingAESKey: AES_KEY, appId: APP_ID, timestamp: NOW_S });
    const res = await request(makeApp(audit)).post(MOUNT + req.search).set(req.headers).send(req.body);
    expect(res.status).toBe(401);
    await audit.close();
  });

  it('URL verification is answered with the echostr', async () => {
    const audit = makeAudit();
    const req = buildVerifyRequest({ token: TOKEN, timestamp: NOW_S });
    expect(req.echostr).toMatch(/^\d{19}$/);
    const res = await request(makeApp(audit)).get(MOUNT + req.search);
    expect(res.status).toBe(200);
    expect(res.text).toBe(req.echostr);
    await audit.close();
  });

  it('bad builder input fails clearly', () => {
    const msg = fx.sceneAudit();
    expect(() => buildPushRequest(msg, { token: TOKEN, mode: 'safe' })).toThrow(/needs encodingAESKey/);
    expect(() => buildPushRequest(msg, { token: TOKEN, encodingAESKey: AES_KEY })).toThrow(/needs appId/);
    expect(() => buildPushRequest(msg, { token: '' })).toThrow(/token must be a non-empty string/);
    expect(() => buildPushRequest(msg, { token: TOKEN, timestamp: 'yesterday' })).toThrow(/timestamp must be unix seconds/);
    expect(() => buildPushRequest(msg, { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, random: Buffer.alloc(8) })).toThrow(/16 bytes/);
    // @ts-expect-error wrong mode
    expect(() => buildPushRequest(msg, { token: TOKEN, mode: 'aes' })).toThrow(/mode must be one of/);
    // @ts-expect-error not a fixture
    expect(() => buildPushRequest({ type: 'infoUpdateAudit' }, { token: TOKEN })).toThrow(/Expected a catalogue fixture/);
    expect(() => buildVerifyRequest({ token: '' })).toThrow(/token/);
  });
});
