// Issue #17, item 1: with no `rejected` / `handlerError` listener, a wrong token, key or appId, or a
// listener that throws, printed nothing at all on the server. Every refusal and every listener failure
// is now logged once through `logger` (console by default), with its code, status, method and path.
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWxAudit, type WxAudit, type WxAuditOptions } from '../src/index.js';
import { flavors, makeApp } from './helpers/apps.js';
import { captureLogger } from './helpers/capture-logger.js';
import { AES_KEY, APP_ID, buildPush, gate, makeAudit, MOUNT, NOW_S, OLD_AES_KEY, sceneAuditWire, send, TOKEN } from './helpers/push.js';
import { SECRETS } from './helpers/refusals.js';
import type { IdempotencyStore } from '../src/index.js';

const audits: WxAudit[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(audits.splice(0).map((a) => a.close()));
});

function setup(flavor: (typeof flavors)[number], overrides: Partial<WxAuditOptions> = {}) {
  const logger = captureLogger();
  const audit = makeAudit({ logger, ...overrides });
  audits.push(audit);
  return { audit, app: makeApp(flavor, audit), logger };
}

describe.each(flavors)('%s: every refusal and listener failure is logged once', (flavor) => {
  it('a wrong token with no listener at all: exactly one warn line naming code, status, method and path', async () => {
    const { app, logger } = setup(flavor);
    const res = await send(app, buildPush({ message: sceneAuditWire(), token: 'not-the-token' }));
    expect(res.status).toBe(401);
    expect(logger.lines).toEqual([{ level: 'warn', line: expect.stringContaining('SIGNATURE_INVALID') }]);
    expect(logger.lines[0]!.line).toMatch(/^wx-audit: refused "POST" "\/wechat\/audit": 401 SIGNATURE_INVALID: /);
  });

  it('logs the same whether or not someone listens to rejected', async () => {
    const { audit, app, logger } = setup(flavor);
    const rejected: string[] = [];
    audit.on('rejected', (e) => void rejected.push(e.code));
    await send(app, buildPush({ message: sceneAuditWire(), receiveId: 'wx0000000000000000' }));
    expect(rejected).toEqual(['APPID_MISMATCH']);
    expect(logger.lines.map((l) => l.level + ' ' + l.line.split(': ')[2])).toEqual(['warn 401 APPID_MISMATCH']);
  });

  it('a listener that throws, with no handlerError listener: exactly one error line with its message', async () => {
    const { audit, app, logger } = setup(flavor);
    audit.on('sceneAudit', () => {
      throw new Error('db down');
    });
    expect((await send(app, buildPush({ message: sceneAuditWire() }))).status).toBe(500);
    expect(logger.lines).toEqual([
      { level: 'error', line: 'wx-audit: a listener of sceneAudit failed on "POST" "/wechat/audit": 500 HANDLER_FAILED (WeChat will retry): Error: db down' },
    ]);
  });

  it('a listener that rejects: one error line too', async () => {
    const { audit, app, logger } = setup(flavor);
    audit.on('message', async () => Promise.reject(new TypeError('bad row')));
    expect((await send(app, buildPush({ message: sceneAuditWire() }))).status).toBe(500);
    expect(logger.lines).toEqual([{ level: 'error', line: expect.stringContaining('a listener of message failed') }]);
    expect(logger.lines[0]!.line).toContain('TypeError: bad row');
  });

  it('a listener that overruns ackTimeoutMs then succeeds: one warn at the overrun, one info at the recovery, no error', async () => {
    const { audit, app, logger } = setup(flavor, { ackTimeoutMs: 50 });
    const held = gate();
    const slow = gate();
    audit.on('handlerSlow', () => slow.open());
    audit.on('sceneAudit', () => held.promise);
    expect((await send(app, buildPush({ message: sceneAuditWire() }))).status).toBe(503);
    expect(logger.lines).toEqual([{ level: 'warn', line: expect.stringContaining('has not settled within ackTimeoutMs (50 ms) on "POST" "/wechat/audit"') }]);
    expect(logger.lines[0]!.line).toContain('raise ackTimeoutMs (below 5000');
    held.open();
    await slow.promise;
    expect(logger.lines.map((l) => l.level)).toEqual(['warn', 'info']);
    expect(logger.lines[1]!.line).toMatch(/^wx-audit: a listener of sceneAudit that overran ackTimeoutMs \(50 ms\) succeeded after \d+ ms/);
  });

  it('an unreachable store is trouble on this side: logged as an error (503 STORE_UNAVAILABLE)', async () => {
    const down: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      renew: () => Promise.resolve(true),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
      state: () => Promise.resolve('none' as const),
      close: () => Promise.resolve(),
    };
    const { app, logger } = setup(flavor, { store: down });
    expect((await send(app, buildPush({ message: sceneAuditWire() }))).status).toBe(503);
    expect(logger.lines.map((l) => l.level)).toEqual(['error']);
    expect(logger.lines[0]!.line).toContain('503 STORE_UNAVAILABLE');
  });

  it('never a secret or decrypted content in a log line, whatever was refused or failed', async () => {
    const { audit, app, logger } = setup(flavor, { previousEncodingAESKey: OLD_AES_KEY });
    audit.on('sceneAudit', (e) => {
      if (e.groupId === 2) throw new Error('failed');
    });
    await send(app, buildPush({ message: sceneAuditWire(), token: 'wrong' }));
    await send(app, buildPush({ message: sceneAuditWire(), encodingAESKey: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ' }));
    await send(app, buildPush({ message: sceneAuditWire(), receiveId: 'wx0000000000000000' }));
    await send(app, buildPush({ message: sceneAuditWire({ CreateTime: NOW_S - 100_000 }) }));
    await send(app, buildPush({ message: sceneAuditWire({ SceneGroupAudit: { group_id: 2 } }) }));
    await request(app).get(`${MOUNT}?signature=x&timestamp=${NOW_S}&nonce=1&echostr=${encodeURIComponent('secret echo')}`);
    expect(logger.lines.length).toBeGreaterThanOrEqual(6);
    for (const { line } of logger.lines) {
      for (const secret of [...SECRETS, 'secret echo', 'secret%20echo']) expect(line).not.toContain(secret);
      // The query (signatures, nonces) is left out: the path is enough to find the mount.
      expect(line).not.toContain('?');
    }
  });

});

describe.each(flavors)('%s: where the lines go', (flavor) => {
  it('console by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => NOW_S * 1000 });
    audits.push(audit);
    await send(makeApp(flavor, audit), buildPush({ message: sceneAuditWire(), token: 'wrong' }));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('401 SIGNATURE_INVALID');
  });

  it('logger: false silences it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const audit = createWxAudit({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, now: () => NOW_S * 1000, logger: false });
    audits.push(audit);
    audit.on('sceneAudit', () => {
      throw new Error('x');
    });
    const app = makeApp(flavor, audit);
    await send(app, buildPush({ message: sceneAuditWire(), token: 'wrong' }));
    await send(app, buildPush({ message: sceneAuditWire() }));
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('request text in a log line is escaped: a forged method or path cannot write a second line', async () => {
    const logger = captureLogger();
    const audit = makeAudit({ logger });
    audits.push(audit);
    const answer = await audit.receive({
      method: 'PUT\nwx-audit: forged',
      url: '/wechat/audit/\u2028forged\r\nline?signature=1',
      path: '/\u2028forged\r\nline',
      headers: {},
      readBody: () => Promise.reject(new Error('not read')),
    });
    expect(answer.status).toBe(404);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]!.line).not.toMatch(/[\n\r\u2028]/);
    expect(logger.lines[0]!.line).toContain('"PUT\\u000awx-audit: forged" "/wechat/audit/\\u2028forged\\u000d\\u000aline"');
  });

  it('a logger without warn and error is refused at createWxAudit', () => {
    expect(() => createWxAudit({ token: TOKEN, logger: { info: () => undefined } as never })).toThrow(/logger: an object with warn and error/);
  });
});

describe('who retries a failed listener, as the log line says it', () => {
  it('default mode: WeChat (answered 500); durable mode: the worker, after its backoff (WeChat was acknowledged)', async () => {
    const { createReporter } = await import('../src/dispatch/reporter.js');
    const { EventEmitter } = await import('node:events');
    const failure = { type: 'handlerError' as const, event: { type: 'message', id: 'm', raw: {} } as never, error: new Error('db down') };
    for (const [retries, expected] of [
      ['wechat', 'wx-audit: a listener of message failed: 500 HANDLER_FAILED (WeChat will retry): Error: db down'],
      ['durable', 'wx-audit: a listener of message failed: HANDLER_FAILED (durable mode: run again after its backoff, dead-lettered after maxAttempts): Error: db down'],
    ] as const) {
      const logger = captureLogger();
      createReporter(new EventEmitter(), logger, retries).handlerError(failure);
      expect(logger.lines).toEqual([{ level: 'error', line: expected }]);
    }
  });
});
