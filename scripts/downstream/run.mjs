// The downstream test: what a user outside this repository gets. Packs both packages from the built tree,
// installs the tarballs with npm into a scratch app in the OS temp directory (outside the workspace, so
// nothing resolves through pnpm's links), type-checks that app strictly as ESM and as CommonJS against
// @types/node 20 and the latest, and runs its vitest + supertest test. `pnpm test` runs it after the build.
//
//   node scripts/downstream/run.mjs            (KEEP_DOWNSTREAM=1 keeps the scratch directory)
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const templates = fileURLToPath(new URL('./app/', import.meta.url));
const packages = ['wx-audit-middleware', 'wx-audit-fixtures'];
// TypeScript 5.x: the CommonJS users compile with node10 resolution, which TypeScript 6+ deprecates.
const devDependencies = ['typescript@5', 'vitest@4', 'supertest@7', '@types/supertest@6', 'express@5', '@types/express@5'];
const isWindows = process.platform === 'win32';

const timings = [];
async function step(name, fn) {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([name, (performance.now() - started) / 1000]);
    console.log(`downstream: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/** Runs a command; on failure throws with its output, which is the diagnosis. */
async function sh(cwd, command, args, env = {}) {
  try {
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, shell: isWindows });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`, { cause: error });
  }
}

/** pnpm as the caller ran it (`pnpm test` sets npm_execpath), else through npx like the README. */
function pnpm(args) {
  const execPath = process.env.npm_execpath ?? '';
  return /pnpm/.test(execPath) && execPath.endsWith('.cjs') ? [process.execPath, [execPath, ...args]] : ['npx', ['--yes', 'pnpm@10', ...args]];
}

// skipLibCheck is on, as in most apps, except for the node10 check: there an import inside the fixtures'
// own .d.ts that does not resolve (TS2307) must be reported, and checking every library's declarations
// once is enough (it is most of tsc's time).
const tsconfig = (compilerOptions, files) => JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, target: 'ES2022', types: ['node'], ...compilerOptions }, files }, null, 2);

// Each check is one `tsc -p`: the same app.ts as ESM, as CommonJS with TypeScript's default resolution for
// "module": "commonjs" (node10: no exports map, so `/wire` needs its stub directory), and as CommonJS nodenext.
const checks = {
  'esm (nodenext)': 'tsconfig.esm.json',
  'commonjs (node10)': 'cjs/tsconfig.node10.json',
  'commonjs (nodenext)': 'cjs/tsconfig.nodenext.json',
  // Item 4 of issue #17 (typed on/once/off on WxAudit): a misspelt event name must not compile.
  'event-name typos (typos.ts)': 'tsconfig.typos.json',
};

function writeApp(dir, tarballs) {
  const deps = Object.fromEntries(tarballs.map((t) => [t.name, `file:${join('tarballs', t.file)}`]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'wx-audit-downstream', private: true, type: 'module', dependencies: deps, scripts: { test: 'vitest run' } }, null, 2));
  mkdirSync(join(dir, 'cjs'));
  writeFileSync(join(dir, 'cjs/package.json'), JSON.stringify({ type: 'commonjs' }));
  copyFileSync(join(templates, 'app.ts'), join(dir, 'app.ts'));
  copyFileSync(join(templates, 'app.ts'), join(dir, 'cjs/app.ts'));
  copyFileSync(join(templates, 'typos.ts'), join(dir, 'typos.ts'));
  copyFileSync(join(templates, 'push.spec.ts'), join(dir, 'push.spec.ts'));
  writeFileSync(join(dir, 'tsconfig.esm.json'), tsconfig({ module: 'nodenext' }, ['app.ts', 'push.spec.ts']));
  writeFileSync(join(dir, 'tsconfig.typos.json'), tsconfig({ module: 'nodenext' }, ['typos.ts']));
  writeFileSync(join(dir, 'cjs/tsconfig.node10.json'), tsconfig({ module: 'commonjs', skipLibCheck: false }, ['app.ts']));
  writeFileSync(join(dir, 'cjs/tsconfig.nodenext.json'), tsconfig({ module: 'nodenext' }, ['app.ts']));
}

async function typecheck(dir, typesNode) {
  const failures = [];
  // Two cores at most in CI: two tsc at a time.
  const entries = Object.entries(checks);
  for (let i = 0; i < entries.length; i += 2) {
    await Promise.all(
      entries.slice(i, i + 2).map(async ([name, project]) => {
        try {
          await step(`tsc ${name}, @types/node ${typesNode}`, () => sh(dir, join(dir, 'node_modules/.bin/tsc'), ['-p', project]));
        } catch (error) {
          failures.push(`${name} with @types/node ${typesNode}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }
  return failures;
}

async function main() {
  for (const pkg of packages) {
    if (!existsSync(join(root, 'packages', pkg, 'dist/index.js'))) throw new Error(`packages/${pkg} is not built: run \`npx --yes pnpm@10 build\` first (\`pnpm test\` does).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'wx-audit-downstream-'));
  const started = performance.now();
  const failures = [];
  try {
    mkdirSync(join(dir, 'tarballs'));
    // pnpm pack, not npm pack: it turns the fixtures' `workspace:^` dependency into a version range, as
    // publishing does. Scripts are off because the tree was just built (prepack would build it again).
    await step('pnpm pack (both packages)', async () => {
      for (const pkg of packages) {
        const [command, args] = pnpm(['pack', '--config.ignore-scripts=true', '--pack-destination', join(dir, 'tarballs')]);
        await sh(join(root, 'packages', pkg), command, args);
      }
    });
    const tarballs = readdirSync(join(dir, 'tarballs')).map((file) => ({ file, name: file.startsWith('x-wx-audit-middleware') ? '@x/wx-audit-middleware' : '@x/wx-audit-fixtures' }));
    writeApp(dir, tarballs);
    // The npm cache lives in the scratch directory too, so the run leaves nothing behind.
    const npmEnv = { npm_config_cache: join(dir, '.npm-cache'), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    await step('npm install (tarballs, @types/node 20)', () => sh(dir, 'npm', ['install', '--no-package-lock', '--loglevel=error', '--save-dev', ...devDependencies, '@types/node@20'], npmEnv));

    await step('wx-audit --help (the installed bin)', async () => {
      const help = await sh(dir, join(dir, 'node_modules/.bin/wx-audit'), ['--help']);
      if (!help.includes('wx-audit')) throw new Error(`wx-audit --help printed no usage:\n${help}`);
    });
    failures.push(...(await typecheck(dir, '20')));
    await step('vitest run (supertest against the installed packages)', () => sh(dir, join(dir, 'node_modules/.bin/vitest'), ['run'])).catch((error) => failures.push(`vitest: ${error.message}`));

    await step('npm install @types/node@latest', () => sh(dir, 'npm', ['install', '--no-package-lock', '--loglevel=error', '--save-dev', '@types/node@latest'], npmEnv));
    const latest = (await sh(dir, process.execPath, ['-p', "require('@types/node/package.json').version"])).trim();
    failures.push(...(await typecheck(dir, `latest (${latest})`)));
  } finally {
    if (process.env.KEEP_DOWNSTREAM === '1') console.log(`downstream: scratch app kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  console.log(`downstream: ${timings.length} steps, ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  if (failures.length > 0) {
    console.error(`\ndownstream: ${failures.length} check(s) failed:\n\n${failures.join('\n\n')}`);
    process.exitCode = 1;
  }
}

await main();
