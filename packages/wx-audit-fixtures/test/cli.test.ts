// The built `wx-audit` command, spawned as users run it, against a real app.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWxApiClient, WxApiError, type SceneAuditEvent } from '@x/wx-audit-middleware';
import { AES_KEY, APP_ID, makeAudit, MOUNT, TOKEN } from './helpers/credentials.js';
import { built, cli, run } from './helpers/cli.js';


/** Spawns a long-running command; `line()` reads its stdout a line at a time; `stop()` sends SIGTERM and resolves the exit code. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    line: async () => (await lines.next()).value as string,
    stop: async () => (child.kill('SIGTERM'), exited),
  };
}

describe.skipIf(!built)('wx-audit (built dist/cli.js)', () => {
  const audit = makeAudit({ now: Date.now });
  const events: SceneAuditEvent[] = [];
  let server: Server;
  let url: string;
  let base: string;
  const creds = ['--token', TOKEN, '--aes-key', AES_KEY, '--app-id', APP_ID];

  beforeAll(async () => {
    audit.on('sceneAudit', (e) => void events.push(e));
    const app = express();
    app.use(MOUNT, audit.middleware());
    app.post('/broken', (_req, res) => void res.status(500).send('boom'));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    url = `${base}${MOUNT}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await audit.close();
  });

  // Different seeds: the same message twice would (rightly) be answered as a re-delivery without an event.
  it.each([['safe', '5'], ['compatible', '6'], ['plain', '7']])('trigger scene-audit in %s mode: acknowledged, exit 0, the --set values arrive', async (mode, seed) => {
    events.length = 0;
    const sets = ['--set', 'groupId=7', '--set', 'reason=命令行触发', '--set', 'sceneGroupExtList=[{"extId":2,"status":2,"name":"电商平台"}]'];
    const { code, stdout, stderr } = await run(['trigger', 'scene-audit', '--url', url, ...creds, '--mode', mode, '--format', 'json', '--seed', seed, ...sets]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^← 200 success$/m);
    expect(stdout).toMatch(/^acknowledged$/m);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ groupId: 7, reason: '命令行触发', sceneGroupExtList: [{ extId: 2, status: 2, name: '电商平台' }] });
  });

  it('a refusal prints the status and body and exits 1', async () => {
    const { code, stdout, stderr } = await run(['trigger', 'scene-audit', '--url', url, '--token', 'wrong', '--aes-key', AES_KEY, '--app-id', APP_ID]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^← 401 .*SIGNATURE_INVALID/m);
    expect(stderr).toMatch(/did not acknowledge the push \(HTTP 401\)/);
  });

  it('a failing target exits 1, with every retry shown', async () => {
    const { code, stdout } = await run(['trigger', 'scene-audit', '--url', `${base}/broken`, ...creds, '--retries', '1']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^attempt 1: ← 500 boom$/m);
    expect(stdout).toMatch(/^attempt 2: ← 500 boom$/m);
  });

  it('an unreachable target exits 1 with a clear message', async () => {
    const { code, stderr } = await run(['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/wechat/audit', ...creds]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no reply from http:\/\/127\.0\.0\.1:1\/wechat\/audit: ECONNREFUSED/);
    expect(stderr).toMatch(/could not reach/);
  });

  it.each([
    [['trigger'], /name the event/],
    [['trigger', 'nope', '--url', 'http://x'], /unknown event "nope"/],
    [['trigger', 'scene-audit', ...creds], /--url is required/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--aes-key', AES_KEY], /--token is required/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--mode', 'aes'], /--mode must be one of plain, compatible, safe/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'groupID=1'], /unknown field "groupID"/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'groupId=x'], /groupId expects a number/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--bogus'], /Unknown option '--bogus'/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--mode', 'safe'], /needs --aes-key\./],
    [['launch'], /unknown command "launch"/],
    // Security review #19, finding 8: a --set path through the prototype is refused before anything is written.
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', '__proto__.polluted=1'], /--set cannot write "__proto__"/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'constructor.prototype.polluted=1'], /--set cannot write "constructor"/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'groupId.prototype=1'], /--set cannot write "prototype"/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'sceneGroupExtList=[{"__proto__":{"polluted":1}}]'], /"__proto__" is not allowed/],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('--help on each command', async () => {
    const main = await run(['--help']);
    expect([main.code, main.stdout]).toEqual([0, expect.stringContaining('wx-audit trigger <event>')]);
    const trigger = await run(['trigger', '--help']);
    expect(trigger.code).toBe(0);
    expect(trigger.stdout).toMatch(/scene-audit +a scene audit result push/);
    expect(trigger.stdout).toMatch(/--aes-key/);
    const fake = await run(['fake-server', '--help']);
    expect(fake.code).toBe(0);
    expect(fake.stdout).toMatch(/--port/);
  });

  it('fake-server prints its URL first, serves the API, and stops on SIGTERM', async () => {
    const server = spawnCli(['fake-server', '--port', '0']);
    const first = await server.line();
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = (await server.line()).replace('access token: ', '');
    const res = await fetch(`${first}/product/register/check_audit_status?access_token=${token}`, { method: 'POST', body: '{"wx_name":"unknown-shop"}' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errcode: number }).errcode).not.toBe(0);
    expect(await server.stop()).toBe(0);
  });

  // Issue #17, item 7: the CLI alone gives check_audit_status something to answer, and a script can read where it runs.
  it('fake-server --status answers check_audit_status from presets, sequences and JSON; --json prints { url, accessToken }', async () => {
    const server = spawnCli([
      'fake-server',
      '--json',
      '--status', 'my_shop=in-review,in-review,approved',
      '--status', 'other={"registerStatus":0,"basicInfoStatus":4,"auditRejectReasons":"营业执照模糊"}',
      '--status', 'new_shop=["unsigned",{"registerStatus":0,"merchantInfoStatus":3}]',
    ]);
    const first = await server.line();
    const info = JSON.parse(first) as { url: string; accessToken: string };
    expect(Object.keys(info)).toEqual(['url', 'accessToken']);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const api = createWxApiClient({ accessToken: info.accessToken, baseUrl: info.url, retries: 0 });
    const mine = [];
    for (let i = 0; i < 4; i++) mine.push(await api.checkAuditStatus({ wxName: 'my_shop' }));
    expect(mine.map((s) => [s.registerStatus, s.merchantInfoStatus, s.acctVerifyStatus, s.basicInfoStatus, s.paySignStatus])).toEqual([
      [0, 3, 3, 3, 3],
      [0, 3, 3, 3, 3],
      [0, 5, 5, 5, 5],
      [0, 5, 5, 5, 5],
    ]);
    // One shop: the preset statuses share its appid (and the two in-review ones are the same status).
    expect(mine[0]!.registeredAppid).toMatch(/^wx[0-9a-f]{16}$/);
    expect(new Set(mine.map((s) => s.registeredAppid)).size).toBe(1);
    expect(mine[1]).toEqual(mine[0]);
    expect(await api.checkAuditStatus({ wxName: 'other' })).toMatchObject({ registerStatus: 0, basicInfoStatus: 4, auditRejectReasons: '营业执照模糊' });
    expect((await api.checkAuditStatus({ wxName: 'new_shop' })).registerStatus).toBe(1);
    expect(await api.checkAuditStatus({ wxName: 'new_shop' })).toMatchObject({ registerStatus: 0, merchantInfoStatus: 3, acctVerifyStatus: 0 });
    await expect(api.checkAuditStatus({ wxName: 'nobody' })).rejects.toBeInstanceOf(WxApiError);
    expect(await server.stop()).toBe(0);
  });

  it('fake-server without --json names each shop it answers for, after the URL and the token', async () => {
    const server = spawnCli(['fake-server', '--status', 'my_shop=unregistered,rejected']);
    expect(await server.line()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await server.line()).toMatch(/^access token: \S+$/);
    expect(await server.line()).toBe('check_audit_status my_shop: register_status 2, then items 5/5/4/1 (the last repeats)');
    expect(await server.stop()).toBe(0);
  });

  // Issue #17, item 7: a bad key is a usage error (exit 2, was 1), and every message names the flag the user typed.
  it.each([
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--aes-key', 'abc', '--app-id', APP_ID], /^wx-audit: --aes-key must be/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--aes-key', `${AES_KEY}=`, '--app-id', APP_ID], /^wx-audit: --aes-key /],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--aes-key', AES_KEY], /needs --app-id \(/],
    [['trigger', 'scene-audit', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'sceneGroupExtList=[{"extId":1,"status":"x","name":"a"}]'], /--set sceneGroupExtList\.0\.status: /],
    [['trigger', 'info-update', '--url', 'http://127.0.0.1:1/', '--serial-no', 'a"b', '--private-key', 'missing.pem'], /--private-key: "missing\.pem" is not a readable PEM/],
    [['fake-server', '--status', 'my_shop'], /--status expects <wxName>=<preset\|json>/],
    [['fake-server', '--status', 'my_shop=aproved'], /unknown status "aproved"; the presets are unregistered, unsigned, in-review, rejected, pay-sign, approved, frozen/],
    [['fake-server', '--status', 'my_shop={"register_status":0}'], /unknown field "register_status" \(did you mean "registerStatus"\?\)/],
    [['fake-server', '--status', 'my_shop={"registerStatus":"0"}'], /--status my_shop: not a valid check_audit_status status \(registerStatus: /],
    [['fake-server', '--status', 'a=approved', '--status', 'a=frozen'], /--status names "a" twice/],
  ])('usage error %j exits 2 and names the flag', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/encodingAESKey|appId|serialNo/);
  });

  it('--help of fake-server documents --status, its presets and --json', async () => {
    const { code, stdout } = await run(['fake-server', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--status <wxName>=<status>/);
    expect(stdout).toMatch(/--json/);
    expect(stdout).toMatch(/^ {2}approved +registered, every item approved/m);
    expect(stdout).not.toMatch(/PROTOCOL\.md/);
  });
});

it.skipIf(built)('skipped: the fixtures package is not built (npx pnpm --filter @x/wx-audit-fixtures build)', () => {
  expect(built).toBe(false);
});
