// The built packages, loaded the way users load them: through the `exports` map, as ESM and as CJS.
// (The other suites run against the sources.) `pnpm test` builds before it runs this.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}packages/wx-audit-middleware/dist/index.js`);

function node(args: string[], cwd: string): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' });
}

describe.skipIf(!built)('built packages resolve through their exports map', () => {
  const cwd = `${root}packages/wx-audit-fixtures`; // a package that depends on the middleware, as users' code would

  it('@x/wx-audit-middleware: ESM and CJS expose the same public API', () => {
    const esm = node(['--input-type=module', '-e', "const m = await import('@x/wx-audit-middleware'); const w = await import('@x/wx-audit-middleware/wire'); console.log(JSON.stringify([Object.keys(m).sort(), Object.keys(w).sort()]))"], cwd);
    const cjs = node(['-e', "const m = require('@x/wx-audit-middleware'); const w = require('@x/wx-audit-middleware/wire'); console.log(JSON.stringify([Object.keys(m).sort(), Object.keys(w).sort()]))"], cwd);
    const [esmMain, esmWire] = JSON.parse(esm) as string[][];
    expect(JSON.parse(cjs)).toEqual([esmMain, esmWire]);
    expect(esmMain).toEqual(expect.arrayContaining(['createWxAudit', 'createMemoryStore', 'WxAuditError', 'WxApiError']));
    expect(esmWire).toEqual(expect.arrayContaining(['pushSignature', 'messageSignature', 'encryptMessage', 'decryptMessage']));
  });

  it('an error thrown through /wire is the WxAuditError of the main entry (one class, ESM and CJS)', () => {
    const check = "let e; try { w.decodeAesKey('short') } catch (error) { e = error } console.log(JSON.stringify([e instanceof m.WxAuditError, m.isWxAuditError(e), e && e.code]))";
    const esm = node(['--input-type=module', '-e', `const m = await import('@x/wx-audit-middleware'); const w = await import('@x/wx-audit-middleware/wire'); ${check}`], cwd);
    const cjs = node(['-e', `const m = require('@x/wx-audit-middleware'); const w = require('@x/wx-audit-middleware/wire'); ${check}`], cwd);
    expect(JSON.parse(esm)).toEqual([true, true, 'CONFIG_INVALID']);
    expect(JSON.parse(cjs)).toEqual([true, true, 'CONFIG_INVALID']);
  });

  it('CJS and ESM builds verify the same signature', () => {
    const expr = "m.pushSignature('test', '1410685589', 'test')";
    const esm = node(['--input-type=module', '-e', `const m = await import('@x/wx-audit-middleware/wire'); console.log(${expr})`], cwd).trim();
    const cjs = node(['-e', `const m = require('@x/wx-audit-middleware/wire'); console.log(${expr})`], cwd).trim();
    // wechatpy's published vector (fixtures/vectors): token "test", timestamp 1410685589, nonce "test".
    expect(esm).toBe('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff');
    expect(cjs).toBe(esm);
  });
});

it.skipIf(built)('skipped: packages are not built (run `pnpm build` first; `pnpm test` does)', () => {
  expect(built).toBe(false);
});
