import { createVerify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createWxAudit, type InfoUpdateAuditEvent, type WxAudit } from '@x/wx-audit-middleware';
import { parseApiv3Authorization } from '@x/wx-audit-middleware/wire';
import { buildInfoUpdateRequest, type InfoUpdateAuditMessage } from '../src/build-info-update-request.js';
import { createFixtures } from '../src/create-fixtures.js';
import { WECHAT_PAY_RETRY_DELAYS_MS, notifyInfoUpdate } from '../src/fake-wechat/notify-info-update.js';
import { generateTestKeys } from '../src/generate-test-keys.js';

const keys = generateTestKeys();
const MCHID = '1900016681';
const NOW_S = 1_714_037_059;

const message: InfoUpdateAuditMessage = {
  type: 'infoUpdateAudit',
  outRequestNo: 'htozr8denqegbt6tk6u10iymo7yww5pn',
  mchid: MCHID,
  auditResult: 'REJECT',
  auditFinishTime: '2015-05-20T13:29:35+08:00',
  attachInfo: 'updateidcard',
  failCode: '1001',
  failMsg: '身份证不合法',
};

const open: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function audit(now?: () => number): WxAudit {
  const a = createWxAudit({ payKeys: { [keys.serialNo]: keys.publicKey }, ...(now ? { now } : {}) });
  open.push(a);
  return a;
}

function app(flavor: 'express4' | 'express5', a: WxAudit) {
  const express = (flavor === 'express4' ? express4 : express5) as unknown as typeof express5;
  const server = express();
  server.use('/pay', a.middleware());
  return server;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  open.push({ close: async () => server.closeAllConnections() });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('generateTestKeys', () => {
  it('gives a PEM pair that signs and verifies, and a certificate-like serial', () => {
    const other = generateTestKeys();
    expect(keys.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(keys.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.serialNo).toMatch(/^[0-9A-F]{40}$/);
    expect(other.serialNo).not.toBe(keys.serialNo);
    expect(generateTestKeys({ serialNo: '1DB1A2C3D4E5F60718293A4B5C6D7E8F90A1B2C3' }).serialNo).toBe('1DB1A2C3D4E5F60718293A4B5C6D7E8F90A1B2C3');
  });
});

describe('buildInfoUpdateRequest', () => {
  const built = buildInfoUpdateRequest(message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, path: '/pay/notify?x=1', timestamp: NOW_S, nonce: 'NONCE1' });

  it('is the wire shape: snake_case JSON body, split path and search, APIv3 Authorization', () => {
    expect(built).toMatchObject({ method: 'POST', path: '/pay/notify', search: '?x=1', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(built.body)).toEqual({
      out_request_no: message.outRequestNo,
      mchid: MCHID,
      audit_result: 'REJECT',
      audit_finish_time: message.auditFinishTime,
      attach_info: 'updateidcard',
      fail_code: '1001',
      fail_msg: '身份证不合法',
    });
    expect(parseApiv3Authorization(built.headers.authorization)).toMatchObject({ mchid: MCHID, nonceStr: 'NONCE1', timestamp: String(NOW_S), serialNo: keys.serialNo });
    const minimal = buildInfoUpdateRequest({ outRequestNo: 'R', mchid: MCHID, auditResult: 'PASS' }, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, path: '/pay' });
    expect(minimal.body).toBe('{"out_request_no":"R","mchid":"1900016681","audit_result":"PASS"}');
    expect(minimal.search).toBe('');
  });

  it('signs METHOD\\nPATH_WITH_QUERY\\ntimestamp\\nnonce\\nbody\\n (checked with node:crypto directly)', () => {
    const { signature } = parseApiv3Authorization(built.headers.authorization);
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`POST\n/pay/notify?x=1\n${NOW_S}\nNONCE1\n${built.body}\n`);
    expect(verifier.verify(keys.publicKey, signature, 'base64')).toBe(true);
    // Same inputs, same request (RSA PKCS#1 v1.5 is deterministic): builds compare byte for byte.
    expect(buildInfoUpdateRequest(message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, path: '/pay/notify?x=1', timestamp: String(NOW_S), nonce: 'NONCE1' })).toEqual(built);
  });

  it.each(['express4', 'express5'] as const)('%s: a built request produces an event that matches the message', async (flavor) => {
    const a = audit(() => NOW_S * 1000);
    const events: InfoUpdateAuditEvent[] = [];
    a.on('infoUpdateAudit', (e) => void events.push(e));
    const res = await request(app(flavor, a)).post(built.path + built.search).set(built.headers).send(built.body);
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty('ret_msg');
    expect(events[0]).toMatchObject(message);
    expect(events[0]!.id).toBe(`pay:${message.mchid}|${message.outRequestNo}|REJECT|${message.auditFinishTime}`);
  });

  it('fx.infoUpdateAudit() and its edge cases round-trip: the event matches the fixture', async () => {
    const fx = createFixtures({ seed: 42 });
    const a = audit(() => NOW_S * 1000);
    const events: InfoUpdateAuditEvent[] = [];
    a.on('infoUpdateAudit', (e) => void events.push(e));
    const messages = [fx.infoUpdateAudit(), fx.infoUpdateAudit({ auditResult: 'PASS' }), fx.edge.infoUpdateAuditLongest(), fx.edge.infoUpdateAuditMinimal(), fx.edge.infoUpdateAuditEmoji()];
    for (const msg of messages) {
      const req = buildInfoUpdateRequest(msg, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: msg.mchid, path: '/pay/notify', timestamp: NOW_S });
      const res = await request(app('express5', a)).post(req.path + req.search).set(req.headers).send(req.body);
      expect(res.status).toBe(200);
    }
    expect(events).toHaveLength(messages.length);
    events.forEach((event, i) => expect(event).toMatchObject(messages[i]!));
  });

  it('defaults: now as timestamp, a random nonce, POST', async () => {
    const a = audit();
    const req = buildInfoUpdateRequest(message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, path: '/pay' });
    const other = buildInfoUpdateRequest(message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, path: '/pay' });
    expect(parseApiv3Authorization(req.headers.authorization).nonceStr).not.toBe(parseApiv3Authorization(other.headers.authorization).nonceStr);
    expect((await request(app('express5', a)).post(req.path).set(req.headers).send(req.body)).status).toBe(200);
  });
});

describe('notifyInfoUpdate (WeChat Pay delivery)', () => {
  it('the schedule is WeChat Pay’s: 15 s, 15 s, 30 s, 3 min, 10 min, … 6 h, 24 h 4 min in all', () => {
    expect(WECHAT_PAY_RETRY_DELAYS_MS.slice(0, 5)).toEqual([15_000, 15_000, 30_000, 180_000, 600_000]);
    expect(WECHAT_PAY_RETRY_DELAYS_MS).toHaveLength(15);
    expect(WECHAT_PAY_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe((24 * 60 + 4) * 60_000);
  });

  it('retries a failing listener on the (time-scaled) schedule, re-signed each time, until acknowledged', async () => {
    const a = audit();
    let calls = 0;
    a.on('infoUpdateAudit', () => {
      if (++calls < 3) throw new Error('not yet');
    });
    const server = express5();
    server.use('/pay', a.middleware());
    const base = await listen(server);
    const report = await notifyInfoUpdate(`${base}/pay/notify?from=fake`, message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, timeScale: 0.001 });
    expect(report.acknowledged).toBe(true);
    expect(report.attempts.map((x) => x.status)).toEqual([500, 500, 200]);
    expect(JSON.parse(report.attempts[2]!.body)).toHaveProperty('ret_msg');
    expect(calls).toBe(3);
  });

  it('204 is success; any other status (202 included) is retried up to `retries`, then given up', async () => {
    const statuses = [202, 204];
    const base = await listen((_req, res) => {
      res.statusCode = statuses.shift() ?? 500;
      res.end();
    });
    const options = { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, retryDelaysMs: [1, 1, 1, 1] };
    expect(await notifyInfoUpdate(base, message, options)).toMatchObject({ acknowledged: true, attempts: [{ status: 202 }, { status: 204 }] });
    const failing = await notifyInfoUpdate(base, message, { ...options, retries: 2 });
    expect(failing).toMatchObject({ acknowledged: false, attempts: [{ status: 500 }, { status: 500 }, { status: 500 }] });
  });

  it('no answer (refused connection, or past timeoutMs) is status 0 with the reason', async () => {
    const hung = await listen(() => undefined);
    const report = await notifyInfoUpdate(hung, message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, retries: 0, timeoutMs: 50 });
    expect(report).toMatchObject({ acknowledged: false, attempts: [{ status: 0, error: expect.stringMatching(/no answer within 50 ms/) }] });
    const closed = await notifyInfoUpdate('http://127.0.0.1:9', message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, retries: 0 });
    expect(closed.attempts).toMatchObject([{ status: 0, error: expect.any(String) }]);
  });

  it('an aborted signal stops the retries', async () => {
    const controller = new AbortController();
    const base = await listen((_req, res) => {
      controller.abort();
      res.statusCode = 500;
      res.end();
    });
    const report = await notifyInfoUpdate(base, message, { privateKey: keys.privateKey, serialNo: keys.serialNo, mchid: MCHID, signal: controller.signal });
    expect(report).toMatchObject({ acknowledged: false });
    expect(report.attempts).toHaveLength(1);
  });
});
