// Runs the README's demo as a child process (it needs the built packages: `pnpm demo` and `pnpm test` build first).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(`${root}/packages/wx-audit-fixtures/dist/index.js`) && existsSync(`${root}/packages/wx-audit-middleware/dist/index.js`);

describe.skipIf(!built)('examples/demo', () => {
  it('prints the scene audit and the code audit result it received and exits 0 by itself', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['examples/demo/demo.mjs'], { cwd: root, timeout: 15_000 });
    expect(stdout).toMatch(/^app listening: http:\/\/127\.0\.0\.1:\d+\/wechat\/audit$/m);
    expect(stdout).toMatch(/^sceneAudit: .+ \(group \d+\): .+$/m);
    expect(stdout).toMatch(/^ {2}- .+: ext_id [12], status [0-3]$/m);
    expect(stdout).toMatch(/^message: event\/open_product_scene_group_audit from o[\w-]{27} /m);
    expect(stdout).toMatch(/^ {2}reply: 200 success/m);
    expect(stdout).toMatch(/^acknowledged$/m);
    expect(stdout).toMatch(/^auditResult: sceneAudit (approved|rejected|pending|other) \(subject \d+\)/m);
    expect(stdout).toMatch(/^weappAuditFail: authorizer wx0123456789abcdef, \d+ screenshot\(s\): .+$/m);
    expect(stdout).toMatch(/^auditResult: weappAuditFail rejected \(subject gh_\w+\): .+$/m);
    expect(stdout.match(/^acknowledged$/gm)).toHaveLength(2);
    expect(stdout).not.toMatch(/^rejected: /m); // no refusal (an auditResult may well be "rejected")
    expect(stdout).toMatch(/^auditStatus: demo_shop registered: merchantInfo submitted, in review, .+\nauditStatus: demo_shop registered: merchantInfo success, acctVerify success, basicInfo submitted, in review, .+\nauditStatus: demo_shop registered: merchantInfo success, acctVerify success, basicInfo success, paySign success\nregistration approved$/m);
  });
});

it.skipIf(built)('skipped: packages are not built (`pnpm demo` and `pnpm test` build first)', () => {
  expect(built).toBe(false);
});
