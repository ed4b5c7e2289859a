// The built `wx-audit` command and the catalogue: `trigger <kebab-name>` for every push, `events` listing
// them all, spawned as users run it, against a real app running the middleware.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_RESULT_KINDS, CATALOGUE } from '@x/wx-audit-middleware';
import { AES_KEY, APP_ID, makeAudit, MOUNT, TOKEN } from './helpers/credentials.js';
import { built, run } from './helpers/cli.js';


type Seen = { type: string; authorizerAppId?: string } & Record<string, unknown>;
const wireName = (d: (typeof CATALOGUE)[number]) => ('event' in d.wire ? d.wire.event : d.wire.infoType);

describe.skipIf(!built)('wx-audit and the catalogue (built dist/cli.js)', () => {
  const audit = makeAudit({ now: Date.now });
  const seen: Seen[] = [];
  let server: Server;
  let url: string;
  const creds = ['--token', TOKEN, '--aes-key', AES_KEY, '--app-id', APP_ID];

  beforeAll(async () => {
    const on = audit.on.bind(audit) as (type: string, listener: (event: Seen) => void) => unknown;
    for (const d of CATALOGUE) on(d.name, (event) => void seen.push(event));
    on('auditResult', (event) => void seen.push(event));
    const app = express();
    app.use(MOUNT, audit.middleware());
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MOUNT}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await audit.close();
  });

  it('events lists all 33 pushes: name, command, wire name, channels, formats, auditResult', async () => {
    const { code, stdout, stderr } = await run(['events', '--json']);
    expect([code, stderr]).toEqual([0, '']);
    const rows = stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string; command: string; wire: Record<string, string>; channels: string[]; formats: string[]; auditResult: boolean });
    expect(rows).toHaveLength(33);
    expect(rows.map((r) => r.name)).toEqual(CATALOGUE.map((d) => d.name));
    for (const [i, row] of rows.entries()) {
      const d = CATALOGUE[i]!;
      expect(row.command).toBe(d.name === 'sceneAudit' ? 'scene-audit' : wireName(d).replaceAll('_', '-'));
      expect(row.wire).toEqual(d.wire);
      expect([row.channels, row.formats]).toEqual([[...d.channels], [...d.formats]]);
      expect(row.auditResult).toBe((AUDIT_RESULT_KINDS as readonly string[]).includes(d.name));
    }
    expect(rows.find((r) => r.name === 'notify3rdWxaAuthAndIcp')?.command).toBe('notify-3rd-wxa-auth-and-icp');

    const table = await run(['events']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^event +command +wire +channels +formats +auditResult$/);
    expect(lines).toHaveLength(1 + 33 + 1);
    expect(table.stdout).toMatch(/^weappAuditFail +weapp-audit-fail +Event=weapp_audit_fail +third-party-message +xml,json +yes$/m);
    expect(table.stdout).toMatch(/^productSpuAudit +product-spu-audit +Event=product_spu_audit +wechat-shop +json +yes$/m);
    expect(table.stdout).toMatch(/^componentVerifyTicket +component-verify-ticket +InfoType=component_verify_ticket +third-party-authorization +xml +no$/m);
    expect(lines.at(-1)).toBe('33 events; 26 emit auditResult.');
  });

  it('trigger weapp-audit-fail --authorizer: posted to <url>/<appid>, the --set values arrive, auditResult follows', async () => {
    seen.length = 0;
    const authorizer = 'wx0123456789abcdef';
    const args = ['trigger', 'weapp-audit-fail', '--url', url, ...creds, '--authorizer', authorizer, '--seed', '11', '--set', 'reason=命令行驳回', '--set', 'screenShot=a|b'];
    const { code, stdout, stderr } = await run(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^→ POST ${url}/${authorizer} \\(weapp-audit-fail\\)$`, 'm'));
    expect(stdout).toMatch(/^acknowledged$/m);
    expect(seen.map((e) => [e.type, e.authorizerAppId])).toEqual([
      ['weappAuditFail', authorizer],
      ['auditResult', authorizer],
    ]);
    expect(seen[0]).toMatchObject({ reason: '命令行驳回', screenShot: 'a|b', screenShotList: ['a', 'b'] });
    expect(seen[1]).toMatchObject({ kind: 'weappAuditFail', outcome: 'rejected', reason: '命令行驳回' });
  });

  it('trigger product-spu-audit: JSON in safe mode by default; a 19-digit id stays text', async () => {
    seen.length = 0;
    const { code, stdout } = await run(['trigger', 'product-spu-audit', '--url', url, ...creds, '--seed', '12', '--set', 'productId=9223372036854775807', '--set', 'status=3']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^← 200 success$/m);
    expect(seen[0]).toMatchObject({ type: 'productSpuAudit', productId: '9223372036854775807', status: 3 });
    expect(seen[1]).toMatchObject({ kind: 'productSpuAudit', outcome: 'approved', subjectId: '9223372036854775807' });
    expect((seen[0]!.raw as Record<string, unknown>).ProductSpuAudit).toMatchObject({ product_id: '9223372036854775807' });
  });

  it('trigger component-verify-ticket and notify-3rd-wxa-auth-and-icp: InfoType pushes with the AppId envelope', async () => {
    seen.length = 0;
    const ticket = await run(['trigger', 'component-verify-ticket', '--url', url, ...creds, '--seed', '13', '--set', `appId=${APP_ID}`]);
    expect(ticket.code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'componentVerifyTicket', appId: APP_ID, componentVerifyTicket: expect.stringMatching(/^ticket@@@/) });
    const icp = await run(['trigger', 'notify-3rd-wxa-auth-and-icp', '--url', url, ...creds, '--seed', '14', '--set', 'procedureStatus=26']);
    expect(icp.code).toBe(0);
    expect(seen.slice(1).map((e) => [e.type, e.outcome])).toEqual([
      ['notify3rdWxaAuthAndIcp', undefined],
      ['auditResult', 'approved'],
    ]);
  });

  // Seed 4 draws a v1 media check (no `result`): the partial --set used to fail it with "result.label: required".
  it('trigger wxa-media-check --set result.suggest=risky: a v2 check whatever the seed', async () => {
    seen.length = 0;
    const { code, stderr } = await run(['trigger', 'wxa-media-check', '--url', url, ...creds, '--seed', '4', '--set', 'result.suggest=risky']);
    expect([code, stderr]).toEqual([0, '']);
    expect(seen[0]).toMatchObject({ type: 'wxaMediaCheck', version: 2, result: { suggest: 'risky', label: expect.any(Number) } });
    expect(seen[1]).toMatchObject({ kind: 'wxaMediaCheck', outcome: 'rejected' });
  });

  // --set guessed each value's type from a sample fixture: JSON text for a field holding JSON became an
  // object ("Unrecognized key"), and digits for a text field the sample lacked became a number ("007" → "7").
  it('--set keeps a text field verbatim: JSON inside a string, digits with leading zeros', async () => {
    seen.length = 0;
    const spu = await run(['trigger', 'product-spu-audit', '--url', url, ...creds, '--seed', '12', '--set', 'auditInfo={"a":1}']);
    expect([spu.code, spu.stderr]).toEqual([0, '']);
    expect(seen[0]).toMatchObject({ type: 'productSpuAudit', auditInfo: '{"a":1}', auditInfoParsed: { a: 1 } });
    seen.length = 0;
    const check = await run(['trigger', 'wxa-media-check', '--url', url, ...creds, '--seed', '12', '--set', 'isrisky=0', '--set', 'extraInfoJson={"b":2}']);
    expect([check.code, check.stderr]).toEqual([0, '']);
    expect(seen[0]).toMatchObject({ type: 'wxaMediaCheck', extraInfoJson: '{"b":2}', extraInfoJsonParsed: { b: 2 } });
    seen.length = 0;
    const registration = await run(['trigger', 'notify-third-fasteregister', '--url', url, ...creds, '--seed', '5', '--set', 'info.wxuser=007', '--set', 'info.idname=0012']);
    expect([registration.code, registration.stderr]).toEqual([0, '']);
    expect(seen[0]).toMatchObject({ type: 'notifyThirdFasteregister', info: { wxuser: '007', idname: '0012' } });
  });

  // The ticket's AppId was drawn at random while the push was encrypted for --app-id: a push WeChat never
  // sends (its AppId is the component appid the message is encrypted for), and a handler that checks it fails.
  it('trigger on the authorization-event URL: AppId is the --app-id the push is encrypted for', async () => {
    seen.length = 0;
    const ticket = await run(['trigger', 'component-verify-ticket', '--url', url, ...creds, '--seed', '13']);
    expect([ticket.code, ticket.stderr]).toEqual([0, '']);
    expect(seen[0]).toMatchObject({ type: 'componentVerifyTicket', appId: APP_ID });
    seen.length = 0;
    const other = 'wx00000000000000aa';
    const set = await run(['trigger', 'unauthorized', '--url', url, ...creds, '--seed', '13', '--set', `appId=${other}`]);
    expect(set.code).toBe(0);
    expect(seen[0]).toMatchObject({ type: 'unauthorized', appId: other });
  });

  it('trigger wxa-appeal-record in plain JSON: nested lists from --set JSON', async () => {
    seen.length = 0;
    const material = '[{"illegalMaterial":{"content":"违规内容"},"appealMaterial":{"reason":"内容是正常的","proofMaterialId":["m1"]}}]';
    const { code } = await run(['trigger', 'wxa-appeal-record', '--url', url, '--token', TOKEN, '--format', 'json', '--seed', '15', '--set', `material=${material}`, '--set', 'appealStatus=4']);
    expect(code).toBe(0);
    expect(seen[0]).toMatchObject({ type: 'wxaAppealRecord', appealStatus: 4, material: JSON.parse(material) as unknown });
    expect(seen[1]).toMatchObject({ outcome: 'cancelled' });
  });

  it.each([
    [['trigger', 'product-spu-audit', '--url', 'http://127.0.0.1:1/', ...creds, '--format', 'xml'], /productSpuAudit is a WeChat Shop push, which WeChat sends as JSON in safe mode only.*got format "xml"/],
    [['trigger', 'channels-ec-brand', '--url', 'http://127.0.0.1:1/', '--token', 't', '--mode', 'plain'], /got mode "plain"/],
    [['trigger', 'product-spu-audit', '--url', 'http://127.0.0.1:1/', ...creds, '--authorizer', 'wx0123456789abcdef'], /--authorizer: product-spu-audit is not a third-party message push \(WeChat sends it to a WeChat Shop's push URL\)/],
    [['trigger', 'component-verify-ticket', '--url', 'http://127.0.0.1:1/', ...creds, '--authorizer', 'wx0123456789abcdef'], /authorization-event URL/],
    [['trigger', 'weapp-audit-fail', '--url', 'http://127.0.0.1:1/', ...creds, '--authorizer', 'gh_885ece6ed5eb'], /--authorizer must be an authorizer's appid/],
    [['trigger', 'product-spu-audit', '--url', 'http://127.0.0.1:1/', ...creds, '--set', 'status=approved'], /--set status expects a number; got "approved"/],
    [['trigger', 'wxa-privacy-apply', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'auditTime=soon'], /--set auditTime expects a number/],
    [['trigger', 'order-path-audit-result-notify', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'list=[{"appid":"wx0123456789abcdef","auditId":"1","status":"x"}]'], /--set list\.0\.status: a number/],
    [['trigger', 'notify-third-fasteregister', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'info.nam=x'], /unknown field "info\.nam"/],
    [['trigger', 'weapp-audit-fail', '--url', 'http://127.0.0.1:1/', '--token', 't', '--set', 'screenShotList=["a"]'], /"screenShotList" is computed from "screenShot"/],
    [['trigger', 'weapp-audit-fails', '--url', 'http://127.0.0.1:1/'], /unknown event "weapp-audit-fails"/],
    [['events', 'extra'], /unexpected argument "extra"/],
  ])('usage error %j exits 2', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('--help: the main help names events; events --help; trigger --help lists every push and one shared option list', async () => {
    expect((await run(['--help'])).stdout).toMatch(/wx-audit events \[--json\]/);
    const events = await run(['events', '--help']);
    expect([events.code, events.stdout]).toEqual([0, expect.stringMatching(/^Usage: wx-audit events \[--json\]/)]);
    const trigger = await run(['trigger', '--help']);
    for (const d of CATALOGUE) expect(trigger.stdout).toContain(`(${'event' in d.wire ? `Event=${d.wire.event}` : `InfoType=${d.wire.infoType}`})`);
    expect(trigger.stdout).toMatch(/^ {2}notify-3rd-wxa-auth-and-icp +notify3rdWxaAuthAndIcp \(InfoType=notify_3rd_wxa_auth_and_icp\)$/m);
    expect(trigger.stdout.match(/--authorizer <appid>/g)).toHaveLength(1);
    expect(trigger.stdout).toMatch(/Options of every WeChat push/);
  });
});

it.skipIf(built)('skipped: the fixtures package is not built (npx pnpm --filter @x/wx-audit-fixtures build)', () => {
  expect(built).toBe(false);
});
