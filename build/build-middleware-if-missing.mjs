// The fixtures' prepack: their type declarations are built against the middleware's (dist/*.d.ts), so a
// fresh clone packing the fixtures alone builds the middleware first. `pnpm -r pack` has already built
// it (topological order), so it is not built twice.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const middleware = fileURLToPath(new URL('../packages/wx-audit-middleware/', import.meta.url));
if (!existsSync(`${middleware}dist/index.d.ts`) || !existsSync(`${middleware}dist/wire.d.ts`)) {
  execSync('npm run build', { cwd: middleware, stdio: 'inherit' });
}
