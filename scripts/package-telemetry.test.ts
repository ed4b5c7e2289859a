// The built package's telemetry, ESM and CJS: @opentelemetry/api is an optional peer, loaded with
// createRequire from the package itself (the CJS build needs tsup's import.meta.url shim for it). With an
// SDK registered globally, a request is traced; in an install without @opentelemetry/api, nothing breaks.
// `pnpm test` builds before it runs this.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const middleware = `${root}packages/wx-audit-middleware`;
const built = existsSync(`${middleware}/dist/index.cjs`);

// Without NODE_PATH: the package managers' bin shims (vitest's too) set it to their store, where
// @opentelemetry/api is, and it would be found through it from anywhere.
const { NODE_PATH: _nodePath, ...env } = process.env;
const node = (args: string[], cwd: string) => execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

// A URL verification: the one request that needs nothing but a token.
const verify = `
  const ts = String(Math.floor(Date.now() / 1000));
  const q = new URLSearchParams({ signature: w.pushSignature('t', ts, 'n'), timestamp: ts, nonce: 'n', echostr: 'echo' });
  const audit = m.createWxAudit({ token: 't', logger: false });
  const answer = await audit.receive({ method: 'GET', url: '/wechat?' + q, path: '/', headers: {}, readBody: async () => ({ kind: 'none' }) });
  await audit.close();`;

describe.skipIf(!built)('the built package with OpenTelemetry', () => {
  it('with a global SDK registered, ESM and CJS each trace a request', () => {
    const sdk = (load: (name: string) => string) => `
      const { trace } = ${load('@opentelemetry/api')};
      const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = ${load('@opentelemetry/sdk-trace-base')};
      const exporter = new InMemorySpanExporter();
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
      const m = ${load('@x/wx-audit-middleware')};
      const w = ${load('@x/wx-audit-middleware/wire')};
      ${verify}
      console.log(JSON.stringify([answer.body, exporter.getFinishedSpans().map((s) => [s.name, s.attributes['wx_audit.kind']])]));`;
    // The package's own directory: it has the SDK (devDependencies) and resolves itself by name.
    const esm = node(['--input-type=module', '-e', sdk((name) => `await import('${name}')`)], middleware);
    const cjs = node(['-e', `(async () => { ${sdk((name) => `require('${name}')`)} })().catch((e) => { console.error(e); process.exit(1); })`], middleware);
    const expected = ['echo', [['wx-audit receive', 'url-verification']]];
    expect(JSON.parse(esm)).toEqual(expected);
    expect(JSON.parse(cjs)).toEqual(expected);
  });

  describe('installed without @opentelemetry/api', () => {
    // An app whose node_modules has the package and its dependencies, and no @opentelemetry/api anywhere above it.
    const app = mkdtempSync(join(tmpdir(), 'wx-audit-no-otel-'));
    afterAll(() => rmSync(app, { recursive: true, force: true }));
    const installed = `${app}/node_modules/@x/wx-audit-middleware`;
    mkdirSync(installed, { recursive: true });
    cpSync(`${middleware}/package.json`, `${installed}/package.json`);
    cpSync(`${middleware}/dist`, `${installed}/dist`, { recursive: true });
    for (const dependency of ['zod', 'fast-xml-parser', 'raw-body']) symlinkSync(realpathSync(`${middleware}/node_modules/${dependency}`), `${app}/node_modules/${dependency}`);

    it('it is not there to be found', () => {
      expect(() => node(['-e', "require.resolve('@opentelemetry/api')"], app)).toThrow(/Cannot find module '@opentelemetry\/api'/);
    });

    it('ESM and CJS load, and serve requests without telemetry', () => {
      const esm = node(['--input-type=module', '-e', `const m = await import('@x/wx-audit-middleware'); const w = await import('@x/wx-audit-middleware/wire'); ${verify} console.log(answer.body);`], app);
      const cjs = node(['-e', `const m = require('@x/wx-audit-middleware'); const w = require('@x/wx-audit-middleware/wire'); (async () => { ${verify} console.log(answer.body); })();`], app);
      expect([esm, cjs]).toEqual(['echo', 'echo']);
    });
  });
});

it.skipIf(built)('skipped: packages are not built (run `pnpm build` first; `pnpm test` does)', () => {
  expect(built).toBe(false);
});
