// The caller's side checks the receiver's signed answers: wx.notifyInfoUpdate with replyPublicKey,
// `wx-audit trigger info-update --reply-public-key`, and `wx-audit keys` making both roles' keys.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWxAudit, type InfoUpdateAuditEvent, type WxAudit } from '@x/wx-audit-middleware';
import { createFixtures, generateTestKeys, notifyInfoUpdate } from '../src/index.js';

const caller = generateTestKeys();
const receiver = generateTestKeys();
const events: InfoUpdateAuditEvent[] = [];
const audits: WxAudit[] = [];
const servers: Server[] = [];

/** An app whose answers are signed with `receiver` (or unsigned), verifying requests from `payKeys`. */
async function start(payKeys: Record<string, string>, signed: boolean): Promise<string> {
  const audit = createWxAudit({ payKeys, logger: false, ...(signed ? { payReplyKey: { serialNo: receiver.serialNo, privateKey: receiver.privateKey } } : {}) });
  audit.on('infoUpdateAudit', (e) => void events.push(e));
  const app = express();
  app.use('/pay/notify', audit.middleware());
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  audits.push(audit);
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay/notify`;
}

let signedUrl: string;
let unsignedUrl: string;
beforeAll(async () => {
  signedUrl = await start({ [caller.serialNo]: caller.publicKey }, true);
  unsignedUrl = await start({ [caller.serialNo]: caller.publicKey }, false);
});
afterAll(async () => {
  for (const server of servers) server.close();
  await Promise.all(audits.map((a) => a.close()));
});

describe('notifyInfoUpdate with the receiver public key', () => {
  const msg = createFixtures({ seed: 5 }).infoUpdateAudit();
  const base = { privateKey: caller.privateKey, serialNo: caller.serialNo, mchid: msg.mchid, retries: 0 };

  it('a signed answer verifies and acknowledges; the report says it was checked', async () => {
    const report = await notifyInfoUpdate(signedUrl, msg, { ...base, replyPublicKey: receiver.publicKey, replySerialNo: receiver.serialNo });
    expect(report).toMatchObject({ acknowledged: true, answersVerified: true, attempts: [{ status: 200, answerSignature: 'valid' }] });
  });

  it('an unsigned 200, or one signed under another serial, is no acknowledgement, and the report says why', async () => {
    const unsigned = await notifyInfoUpdate(unsignedUrl, msg, { ...base, replyPublicKey: receiver.publicKey });
    expect(unsigned).toMatchObject({ acknowledged: false, answersVerified: true, attempts: [{ status: 200, answerSignature: 'invalid', answerProblem: expect.stringMatching(/not signed/) }] });
    const wrongSerial = await notifyInfoUpdate(signedUrl, msg, { ...base, replyPublicKey: receiver.publicKey, replySerialNo: caller.serialNo });
    expect(wrongSerial.attempts[0]).toMatchObject({ answerSignature: 'invalid', answerProblem: expect.stringMatching(/Wechatpay-Serial/) });
    const otherKey = await notifyInfoUpdate(signedUrl, msg, { ...base, replyPublicKey: caller.publicKey });
    expect(otherKey.attempts[0]).toMatchObject({ answerSignature: 'invalid', answerProblem: expect.stringMatching(/does not verify/) });
  });

  it('without it, nothing is checked (as before)', async () => {
    const report = await notifyInfoUpdate(unsignedUrl, msg, base);
    expect(report.acknowledged).toBe(true);
    expect(report.answersVerified).toBe(false);
    expect('answerSignature' in report.attempts[0]!).toBe(false);
  });
});

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(!existsSync(cli))('wx-audit keys, then trigger info-update with keys from outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wx-audit-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes both roles\' pairs; the trigger checks the signed answer (exit 0) and refuses an unsigned one (exit 1)', async () => {
    const made = await run(['keys', '--out', join(dir, 'caller')]);
    expect(made.code).toBe(0);
    const serial = readFileSync(join(dir, 'caller', 'serial-no.txt'), 'utf8').trim();
    expect(serial).toMatch(/^[0-9A-F]{40}$/);
    expect(made.stdout).toContain(`serial: ${serial}`);
    expect(statSync(join(dir, 'caller', 'private-key.pem')).mode & 0o077).toBe(0);
    // Never overwritten.
    expect((await run(['keys', '--out', join(dir, 'caller')])).code).toBe(1);

    const publicKey = readFileSync(join(dir, 'caller', 'public-key.pem'), 'utf8');
    const url = await start({ [serial]: publicKey }, true);
    const plain = await start({ [serial]: publicKey }, false);
    const replyKeyFile = join(dir, 'receiver-public.pem');
    await import('node:fs/promises').then((fs) => fs.writeFile(replyKeyFile, receiver.publicKey));
    const args = ['--private-key', join(dir, 'caller', 'private-key.pem'), '--serial-no', serial, '--reply-public-key', replyKeyFile, '--reply-serial-no', receiver.serialNo];

    const ok = await run(['trigger', 'info-update', '--url', url, ...args]);
    expect(ok.stdout).toMatch(/← 200 .*\nanswer signature: valid/);
    expect(ok.code).toBe(0);
    const refused = await run(['trigger', 'info-update', '--url', plain, ...args]);
    expect(refused.stderr).toMatch(/answer signature: INVALID, the answer is not signed/);
    expect(refused.code).toBe(1);
  });

  it('--serial-no must be a certificate serial', async () => {
    const bad = await run(['keys', '--out', join(dir, 'bad'), '--serial-no', 'PUB_KEY_ID_1']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/40 hex digits/)]);
  });
});
