// wx.notifyInfoUpdate and `wx-audit trigger info-update`, against a real Express app with the middleware.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWxAudit, type InfoUpdateAuditEvent } from '@x/wx-audit-middleware';
import { createFixtures, deliver, startFakeWeChat } from '../src/index.js';
import { TRIGGERS, UsageError, type ParsedValues } from '../src/cli-triggers.js';

// The checked-in test certificate and its key (fixtures/apiv3/README.md): payKeys holds the certificate.
const keyFile = fileURLToPath(new URL('../../../fixtures/apiv3/test-platform-key.pem', import.meta.url));
const certificate = readFileSync(new URL('../../../fixtures/apiv3/test-platform-cert.pem', import.meta.url), 'utf8');
const privateKey = readFileSync(keyFile, 'utf8');
const serialNo = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';

const audit = createWxAudit({ payKeys: { [serialNo]: certificate } });
const events: InfoUpdateAuditEvent[] = [];
let failuresLeft = 0;
audit.on('infoUpdateAudit', (e) => {
  if (failuresLeft > 0) {
    failuresLeft--;
    throw new Error('not yet');
  }
  events.push(e);
});
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.use('/wechat/audit', audit.middleware());
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/audit/pay?tenant=1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await audit.close();
});
beforeEach(() => {
  events.length = 0;
  failuresLeft = 0;
});

describe('wx.notifyInfoUpdate', () => {
  it('delivers fx.infoUpdateAudit() signed with a certificate key, retrying on the time-scaled schedule', async () => {
    const wx = await startFakeWeChat({ timeScale: 0.001 });
    try {
      const msg = createFixtures({ seed: 11 }).infoUpdateAudit({ auditResult: 'REJECT' });
      failuresLeft = 2;
      const report = await wx.notifyInfoUpdate(url, msg, { privateKey, serialNo, mchid: msg.mchid });
      expect(report.acknowledged).toBe(true);
      expect(report.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject(msg);
    } finally {
      await wx.close();
    }
  });
});

describe('wx-audit trigger info-update', () => {
  const trigger = TRIGGERS['info-update']!;
  const values = (extra: ParsedValues = {}): ParsedValues => ({ url, 'private-key': keyFile, 'serial-no': serialNo, ...extra });

  it('builds a signed notification from the fixture and --set, acknowledged by 200 { ret_msg }', async () => {
    const request = await trigger.build(values(), createFixtures({ seed: 3 }), ['auditResult=PASS', 'outRequestNo=cli-001']);
    const report = await deliver(url, request, { retries: 0 });
    const last = report.attempts[0]!;
    expect(last.status).toBe(200);
    expect(trigger.acknowledges?.(last.status, last.body)).toBe(true);
    expect(events).toMatchObject([{ outRequestNo: 'cli-001', auditResult: 'PASS' }]);
  });

  it('refusals are not acknowledged; bad options are usage errors', async () => {
    const request = await trigger.build(values({ 'serial-no': 'UNKNOWN' }), createFixtures({ seed: 4 }), []);
    const [attempt] = (await deliver(url, request, { retries: 0 })).attempts;
    expect(attempt).toMatchObject({ status: 401, body: expect.stringContaining('PAY_KEY_UNKNOWN') });
    expect(trigger.acknowledges?.(attempt!.status, attempt!.body)).toBe(false);
    await expect(trigger.build(values({ 'private-key': undefined }), createFixtures(), [])).rejects.toBeInstanceOf(UsageError);
    await expect(trigger.build(values({ 'private-key': fileURLToPath(import.meta.url) }), createFixtures(), [])).rejects.toBeInstanceOf(UsageError);
    await expect(trigger.build(values(), createFixtures(), ['auditResult=MAYBE'])).rejects.toBeInstanceOf(Error);
  });

  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  it.skipIf(!existsSync(cli))('the built command exits 0 when acknowledged', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [cli, 'trigger', 'info-update', '--url', url, '--private-key', keyFile, '--serial-no', serialNo, '--seed', '9', '--retries', '3'], { timeout: 15_000 }, (error, out) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
    });
    expect(stdout).toMatch(/^← 200 \{"ret_msg":/m);
    // A 200 JSON answer acknowledges an info-update notification: no re-send although retries were allowed.
    expect(stdout).not.toMatch(/attempt 2/);
    expect(code).toBe(0);
    expect(events).toHaveLength(1);
  });
});
