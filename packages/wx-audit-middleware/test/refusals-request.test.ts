import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, createWxAudit, WxAuditError, type IdempotencyStore, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { buildXml } from '../src/wire/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { AES_KEY, APP_ID, buildPush, makeAudit, MOUNT, NOW_S, sceneAuditWire, send, textWire, TOKEN, verifySearch } from './helpers/push.js';
import { expectRefused, watch } from './helpers/refusals.js';

const audits: WxAudit[] = [];
const track = (audit: WxAudit) => (audits.push(audit), audit);
afterEach(async () => {
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

const plainSearch = buildPush({ message: sceneAuditWire(), mode: 'plain' }).search;

describe.each(flavors)('%s: 400, 405, 413, 503 refusals', (flavor) => {
  const setup = (overrides: Partial<WxAuditOptions> = {}, parser?: Parameters<typeof makeApp>[2]) => {
    const audit = track(makeAudit(overrides));
    return { app: makeApp(flavor, audit, parser), seen: watch(audit) };
  };

  it.each(['signature', 'timestamp', 'nonce'])('a plaintext push without %s → 400 QUERY_INVALID', async (name) => {
    const { app, seen } = setup();
    const params = new URLSearchParams(plainSearch);
    params.delete(name);
    const res = await request(app).post(`${MOUNT}?${params}`).set('content-type', 'text/xml').send(buildXml(sceneAuditWire()));
    expectRefused(seen, res, 400, 'QUERY_INVALID');
  });

  it('a safe-mode push without msg_signature → 400 QUERY_INVALID', async () => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    expectRefused(seen, await send(app, { ...push, search: push.search.replace(/&msg_signature=[0-9a-f]+/, '') }), 400, 'QUERY_INVALID');
  });

  it.each(['signature', 'timestamp', 'nonce', 'echostr'])('GET verification without %s → 400 QUERY_INVALID', async (name) => {
    const { app, seen } = setup();
    const params = new URLSearchParams(verifySearch('1'));
    params.delete(name);
    expectRefused(seen, await request(app).get(`${MOUNT}?${params}`), 400, 'QUERY_INVALID');
  });

  it.each(['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type'])('a duplicated %s → 400 QUERY_INVALID', async (name) => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const value = new URLSearchParams(push.search).get(name)!;
    const res = await send(app, { ...push, search: `${push.search}&${name}=${encodeURIComponent(value)}` });
    expectRefused(seen, res, 400, 'QUERY_INVALID');
  });

  it.each([
    ['empty', ''],
    ['neither XML nor JSON', 'hello'],
    ['broken XML', '<xml><ToUserName>a</FromUserName></xml>'],
    ['XML with a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e "boom">]><xml><ToUserName>&e;</ToUserName></xml>'],
    ['XML that is not <xml>', '<root><a>1</a></root>'],
    ['XML with a __proto__ element', '<xml><__proto__><x>1</x></__proto__><CreateTime>1</CreateTime></xml>'],
    ['broken JSON', '{"ToUserName": '],
    ['JSON with a __proto__ key', '{"__proto__": {"polluted": true}, "CreateTime": 1, "MsgType": "event"}'],
    ['a JSON array', '[1, 2]'],
  ])('a correctly signed plaintext push whose body is %s → 400 BODY_MALFORMED', async (_name, body) => {
    const { app, seen } = setup();
    const res = await request(app).post(MOUNT + plainSearch).set('content-type', 'text/plain').send(body);
    expectRefused(seen, res, 400, 'BODY_MALFORMED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a body that is not UTF-8 → 400 BODY_MALFORMED', async () => {
    const { app, seen } = setup();
    const bytes = Buffer.concat([Buffer.from('<xml><ToUserName>'), Buffer.from([0xff, 0xfe]), Buffer.from('</ToUserName></xml>')]);
    const res = await request(app).post(MOUNT + plainSearch).set('content-type', 'application/octet-stream').send(bytes);
    expectRefused(seen, res, 400, 'BODY_MALFORMED');
  });

  it('a safe-mode body without Encrypt → 400 BODY_MALFORMED', async () => {
    const { app, seen } = setup();
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    expectRefused(seen, await send(app, { ...push, body: '<xml><ToUserName>gh</ToUserName></xml>' }), 400, 'BODY_MALFORMED');
  });

  it.each(['plain', 'safe'] as const)('%s: an authenticated scene audit that fails its schema → 400 SCHEMA_INVALID, naming the field', async (mode) => {
    const { app, seen } = setup();
    const broken = sceneAuditWire({ SceneGroupAudit: { reason: 'x', name: 'y' } });
    const res = await send(app, buildPush({ message: broken, mode }));
    expectRefused(seen, res, 400, 'SCHEMA_INVALID');
    expect(seen.rejected[0]!.message).toContain('group_id');
  });

  it('a push without CreateTime → 400 SCHEMA_INVALID', async () => {
    const { app, seen } = setup();
    const { CreateTime: _dropped, ...message } = textWire('1');
    expectRefused(seen, await send(app, buildPush({ message, mode: 'safe' })), 400, 'SCHEMA_INVALID');
  });

  it('a schema failure under a bad signature is a 401, not a 400: nothing is parsed before authentication', async () => {
    const { app, seen } = setup();
    const res = await send(app, buildPush({ message: sceneAuditWire({ SceneGroupAudit: {} }), mode: 'plain', token: 'nope' }));
    expectRefused(seen, res, 401, 'SIGNATURE_INVALID');
  });

  it.each(['PUT', 'DELETE', 'PATCH'] as const)('%s → 405 with Allow: GET, POST', async (method) => {
    const { app, seen } = setup();
    const agent = request(app);
    const res = await (method === 'PUT' ? agent.put(MOUNT) : method === 'DELETE' ? agent.delete(MOUNT) : agent.patch(MOUNT));
    expectRefused(seen, res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, POST');
  });

  it('a body over bodyLimit with a Content-Length → 413, without dispatch', async () => {
    const { app, seen } = setup({ bodyLimit: 1024 });
    const push = buildPush({ message: textWire('1', 'x'.repeat(3000)), mode: 'plain' });
    expectRefused(seen, await send(app, push), 413, 'BODY_TOO_LARGE');
  });

  it('a chunked body (no Content-Length) over bodyLimit → 413', async () => {
    const { app, seen } = setup({ bodyLimit: 1024 });
    const push = buildPush({ message: textWire('1', 'x'.repeat(3000)), mode: 'plain' });
    const req = request(app).post(MOUNT + push.search).set('content-type', 'text/xml');
    req.write(push.body.slice(0, 1500));
    req.write(push.body.slice(1500));
    expectRefused(seen, await req, 413, 'BODY_TOO_LARGE');
  });

  it('a body within bodyLimit is read in full', async () => {
    const { app, seen } = setup({ bodyLimit: 8192 });
    const res = await send(app, buildPush({ message: textWire('1', 'x'.repeat(3000)), mode: 'plain' }));
    expect(res.text).toBe('success');
    expect(seen.dispatched).toEqual(['message']);
  });

  it('req.rawBody over bodyLimit → 413', async () => {
    const { app, seen } = setup({ bodyLimit: 1024 }, 'json-rawBody');
    const push = buildPush({ message: textWire('1', 'x'.repeat(3000)), mode: 'plain', format: 'json' });
    expectRefused(seen, await send(app, push), 413, 'BODY_TOO_LARGE');
  });

  it.each(['text', 'raw'] as const)('a body over bodyLimit left in req.body by express.%s() → 413', async (parser) => {
    const { app, seen } = setup({ bodyLimit: 1024 }, parser);
    const push = buildPush({ message: textWire('1', 'x'.repeat(3000)), mode: 'plain' });
    expectRefused(seen, await send(app, push), 413, 'BODY_TOO_LARGE');
  });

  it('a store that throws → 503 STORE_UNAVAILABLE, nothing dispatched; the next delivery goes through', async () => {
    const inner = createMemoryStore();
    let down = true;
    const store: IdempotencyStore = {
      ...inner,
      claim: async (...args) => {
        if (down) throw new Error('ECONNREFUSED 10.0.0.7:6379');
        return inner.claim(...args);
      },
    };
    const { app, seen } = setup({ store });
    const push = buildPush({ message: sceneAuditWire(), mode: 'safe' });
    const res = await send(app, push);
    expectRefused(seen, res, 503, 'STORE_UNAVAILABLE');
    expect(res.text).not.toContain('10.0.0.7');
    down = false;
    expect((await send(app, push)).text).toBe('success');
    expect(seen.dispatched).toEqual(['sceneAudit', 'message']);
  });

  it('an encrypted push to an audit without encodingAESKey → 401 NOT_CONFIGURED', async () => {
    const { app, seen } = setup({ encodingAESKey: undefined, appId: undefined });
    expectRefused(seen, await send(app, buildPush({ message: sceneAuditWire(), mode: 'safe' })), 401, 'NOT_CONFIGURED');
  });

  it('a path deeper than <mount>/<authorizerAppId> → 404 NOT_FOUND', async () => {
    const { app, seen } = setup();
    expectRefused(seen, await send(app, buildPush({ message: sceneAuditWire() }), `${MOUNT}/wx1/extra`), 404, 'NOT_FOUND');
  });
});

describe('bad options throw CONFIG_INVALID at createWxAudit', () => {
  const valid: WxAuditOptions = { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID };
  it.each<[string, Partial<WxAuditOptions> & Record<string, unknown>]>([
    ['an encodingAESKey of the wrong length', { encodingAESKey: AES_KEY.slice(1) }],
    ['an encodingAESKey with characters outside base64', { encodingAESKey: `${AES_KEY.slice(1)}!` }],
    ['a previousEncodingAESKey of the wrong length', { previousEncodingAESKey: 'short' }],
    ['encodingAESKey without appId', { appId: undefined }],
    ['neither token nor payKeys', { token: undefined }],
    ['an empty token', { token: '' }],
    ['a negative ackTimeoutMs', { ackTimeoutMs: -1 }],
    ['a fractional bodyLimit', { bodyLimit: 10.5 }],
    ['a negative toleranceSeconds', { toleranceSeconds: -5 }],
    ['a store without its methods', { store: {} as IdempotencyStore }],
    ['a misspelt option', { tolerance: 10 }],
  ])('%s', (_name, overrides) => {
    let thrown: unknown;
    try {
      createWxAudit({ ...valid, ...overrides } as WxAuditOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WxAuditError);
    expect(thrown).toMatchObject({ code: 'CONFIG_INVALID', status: 500 });
    expect((thrown as Error).message).not.toContain(AES_KEY.slice(1, 40));
    expect((thrown as Error).message).not.toContain(TOKEN);
  });

  it('valid options build an audit that serves a request', async () => {
    const audit = track(createWxAudit({ ...valid, now: () => NOW_S * 1000 }));
    expect((await request(makeApp('express5', audit)).get(MOUNT + verifySearch('ok'))).text).toBe('ok');
  });
});

describe('audit.receive() from a transport that does not upper-case the method', () => {
  const inbound = (method: string, search: string, body = '') => ({
    method,
    url: `${MOUNT}${search}`,
    path: '/',
    headers: { 'content-type': 'text/xml' },
    readBody: async () => ({ kind: 'bytes' as const, bytes: Buffer.from(body) }),
  });

  it('answers get and post as GET and POST, and refuses put as PUT', async () => {
    const audit = track(makeAudit());
    const seen: string[] = [];
    audit.on('sceneAudit', (event) => void seen.push(event.id));
    const verified = await audit.receive(inbound('get', verifySearch('echo-1')));
    expect(verified).toMatchObject({ status: 200, body: 'echo-1' });
    const push = buildPush({ message: sceneAuditWire(), mode: 'plain' });
    expect(await audit.receive(inbound('post', push.search, push.body))).toMatchObject({ status: 200, body: 'success' });
    expect(seen).toHaveLength(1);
    const refused = await audit.receive(inbound('put', ''));
    expect(refused.status).toBe(405);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });
});
