import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run against the sources; a separate test imports the built packages (ESM and CJS) to check the exports map.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@x\/wx-audit-middleware\/wire$/, replacement: src('./packages/wx-audit-middleware/src/wire/index.ts') },
      { find: /^@x\/wx-audit-middleware$/, replacement: src('./packages/wx-audit-middleware/src/index.ts') },
      { find: /^@x\/wx-audit-fixtures$/, replacement: src('./packages/wx-audit-fixtures/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'docs/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
