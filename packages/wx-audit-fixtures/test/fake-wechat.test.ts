// The fake WeChat's delivery: WeChat's timeout and retries against apps that fail, hang and answer
// something else than `success`, with a time scale so that nothing really waits 5 s.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { SceneAuditEvent } from '@x/wx-audit-middleware';
import { createFixtures, startFakeWeChat, type FakeWeChat } from '../src/index.js';
import { AES_KEY, APP_ID, makeAudit, MOUNT, NOW_MS, NOW_S, TOKEN } from './helpers/credentials.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function listen(handler: express.Express | Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler as Parameters<typeof createServer>[1]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
}

async function fake(options: Parameters<typeof startFakeWeChat>[0] = {}): Promise<FakeWeChat> {
  const wx = await startFakeWeChat({ port: 0, timeScale: 0.04, ...options });
  open.push(wx);
  return wx;
}

const creds = { token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID, mode: 'safe' as const, format: 'xml' as const, timestamp: NOW_S };
const fx = createFixtures({ seed: 99, now: NOW_MS });

/** An app whose nth request (1-based) is answered by `answers[n-1]`, the last one repeating. */
function scripted(answers: Array<'hang' | { status: number; body: string }>) {
  let calls = 0;
  const bodies: string[] = [];
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const answer = answers[Math.min(calls, answers.length - 1)]!;
    calls++;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  };
  return { handler, calls: () => calls, bodies };
}

describe('wx.push delivers like WeChat', () => {
  it('delivers to the middleware: one attempt, acknowledged, the event matches the fixture', async () => {
    const audit = makeAudit();
    open.push(audit);
    const app = express();
    app.use(MOUNT, audit.middleware());
    const events: SceneAuditEvent[] = [];
    audit.on('sceneAudit', (e) => void events.push(e));
    const wx = await fake();
    const msg = fx.sceneAudit();
    const report = await wx.push(await listen(app), msg, creds);
    expect(report.acknowledged).toBe(true);
    expect(report.attempts).toHaveLength(1);
    expect(report.attempts[0]).toMatchObject({ status: 200, body: 'success', acknowledged: true });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject(msg);
  });

  it('an app that answers 500 gets the first attempt and 3 retries, the same bytes each time', async () => {
    const app = scripted([{ status: 500, body: 'oops' }]);
    const wx = await fake();
    const report = await wx.push(await listen(app.handler), fx.sceneAudit(), creds);
    expect(report.acknowledged).toBe(false);
    expect(report.attempts.map((a) => [a.status, a.body])).toEqual(Array(4).fill([500, 'oops']));
    expect(app.calls()).toBe(4);
    expect(new Set(app.bodies).size).toBe(1);
  });

  it('an app that hangs past the timeout is cut off and retried; a later success ends it', async () => {
    const app = scripted(['hang', 'hang', { status: 200, body: 'success' }]);
    const wx = await fake();
    const report = await wx.push(await listen(app.handler), fx.sceneAudit(), creds);
    expect(report.acknowledged).toBe(true);
    expect(report.attempts.map((a) => a.status)).toEqual([0, 0, 200]);
    expect(report.attempts[0]!.error).toBe('timeout');
    expect(app.calls()).toBe(3);
  });

  it('anything but `success` or an empty body is a failure, even with HTTP 200', async () => {
    const wx = await fake();
    for (const [body, ok] of [['ok', false], ['SUCCESS', false], ['', true], ['success', true]] as const) {
      const app = scripted([{ status: 200, body }]);
      const report = await wx.push(await listen(app.handler), fx.sceneAudit(), creds);
      expect(report.acknowledged).toBe(ok);
      expect(report.attempts).toHaveLength(ok ? 1 : 4);
    }
  });

  it('a 204 with an empty body is not an acknowledgement', async () => {
    const wx = await fake();
    const app = scripted([{ status: 204, body: '' }]);
    const report = await wx.push(await listen(app.handler), fx.sceneAudit(), { ...creds, retries: 0 });
    expect(report).toMatchObject({ acknowledged: false, attempts: [{ status: 204 }] });
  });

  it('retries, timeoutMs and retryDelayMs are options (per server and per push)', async () => {
    const wx = await fake({ retries: 1 });
    const app = scripted([{ status: 503, body: '' }]);
    const url = await listen(app.handler);
    expect((await wx.push(url, fx.sceneAudit(), creds)).attempts).toHaveLength(2);
    expect((await wx.push(url, fx.sceneAudit(), { ...creds, retries: 0 })).attempts).toHaveLength(1);
    const slow = await wx.push(url, fx.sceneAudit(), { ...creds, retries: 2, retryDelayMs: 1000 });
    expect(slow.attempts).toHaveLength(3);
    const hang = scripted(['hang']);
    const cut = await wx.push(await listen(hang.handler), fx.sceneAudit(), { ...creds, retries: 0, timeoutMs: 2000 });
    expect(cut.attempts[0]).toMatchObject({ status: 0, error: 'timeout' });
  });

  it('an unreachable target is reported, not thrown', async () => {
    const wx = await fake();
    const url = await listen(scripted([{ status: 200, body: '' }]).handler);
    await open.pop()!.close();
    const report = await wx.push(url, fx.sceneAudit(), { ...creds, retries: 1 });
    expect(report.acknowledged).toBe(false);
    expect(report.attempts.map((a) => a.status)).toEqual([0, 0]);
    expect(report.attempts[0]!.error).toBe('ECONNREFUSED');
  });

  it('bad options fail clearly', async () => {
    const wx = await fake();
    await expect(wx.push('not a url', fx.sceneAudit(), creds)).rejects.toThrow(/not an absolute URL/);
    await expect(wx.push('http://127.0.0.1:1/', fx.sceneAudit(), { ...creds, retries: -1 })).rejects.toThrow(/retries/);
    await expect(wx.push('http://127.0.0.1:1/', fx.sceneAudit(), { ...creds, encodingAESKey: undefined })).rejects.toThrow(/encodingAESKey/);
  });
});

describe('the fake WeChat API', () => {
  it('answers check_audit_status with the state set by setAuditStatus, through the real API client', async () => {
    const { createWxApiClient } = await import('@x/wx-audit-middleware');
    const wx = await fake();
    const status = fx.auditStatus({ registerStatus: 0 });
    wx.setAuditStatus('shop', status);
    const api = createWxApiClient({ accessToken: wx.accessToken, baseUrl: wx.url });
    const { type: _type, ...fields } = status;
    expect(await api.checkAuditStatus({ wxName: 'shop' })).toMatchObject(fields);
    expect(wx.api.calls.length).toBeGreaterThan(0);
  });

  it('answers other paths 404', async () => {
    const wx = await fake();
    const res = await fetch(`${wx.url}/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ errmsg: expect.stringContaining('/nothing/here') });
  });

  it('close() ends calls a hang fault holds', async () => {
    const wx = await startFakeWeChat();
    wx.api.injectFault({ hang: true });
    const pending = fetch(`${wx.url}/cgi-bin/token?grant_type=client_credential&appid=a&secret=b`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await wx.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
