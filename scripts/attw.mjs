// Are the Types Wrong? on each published package, every resolution mode (node10, node16 from CJS and
// from ESM, bundler): `attw --pack <dir>` runs `npm pack` there. npm would run the packages' prepack (a
// second build of what `pnpm test` has just built), so scripts are turned off for it through npm's
// environment configuration. No rule is ignored.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const attw = fileURLToPath(new URL('../node_modules/@arethetypeswrong/cli/dist/index.js', import.meta.url));
let failed = false;
for (const pkg of ['wx-audit-middleware', 'wx-audit-fixtures']) {
  try {
    execFileSync(process.execPath, [attw, '--pack', `${root}packages/${pkg}`, '--format', 'table-flipped'], { stdio: 'inherit', env: { ...process.env, npm_config_ignore_scripts: 'true' } });
  } catch {
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
