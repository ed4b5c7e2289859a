// pnpm golden          writes fixtures/golden/ from the factories (fixed seeds, timestamps, nonces, random bytes)
// pnpm golden --check  exits 1 when a checked-in file differs from what the factories produce now
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_DIR, goldenFiles } from './generate-golden-lib.js';

const dir = fileURLToPath(new URL(`../${GOLDEN_DIR}/`, import.meta.url));
const check = process.argv.includes('--check');
const wanted = goldenFiles();
const present = (() => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
})();

if (check) {
  const problems: string[] = [];
  for (const [name, content] of wanted) {
    let current: string | undefined;
    try {
      current = readFileSync(join(dir, name), 'utf8');
    } catch {
      problems.push(`missing: ${GOLDEN_DIR}/${name}`);
      continue;
    }
    if (current !== content) problems.push(`differs: ${GOLDEN_DIR}/${name}`);
  }
  for (const name of present) if (!wanted.has(name)) problems.push(`not generated (stale): ${GOLDEN_DIR}/${name}`);
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\nThe golden files no longer match the factories. If the change is intended, run \`pnpm golden\` and review the diff.`);
    process.exit(1);
  }
  console.log(`${wanted.size} golden files match.`);
} else {
  mkdirSync(dir, { recursive: true });
  for (const name of present) if (!wanted.has(name)) rmSync(join(dir, name));
  for (const [name, content] of wanted) writeFileSync(join(dir, name), content);
  console.log(`wrote ${wanted.size} golden files to ${GOLDEN_DIR}/`);
}
