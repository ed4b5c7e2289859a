// The docs, the CLI help and the sources that become the shipped .d.ts speak to users: no references to
// the project's internal design notes (PROTOCOL.md, the "seed" files); WeChat's own pages instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const INTERNAL = /PROTOCOL\.md|\bseeds? 00\d|seed's|seed `?00\d/i;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') || entry.name === 'node_modules' ? [] : files(path, ext);
    return ext.test(entry.name) ? [path] : [];
  });
}

const userFacing = [
  ...files(join(root, 'docs'), /\.md$/),
  ...files(join(root, 'packages/wx-audit-middleware/src'), /\.ts$/),
  ...files(join(root, 'packages/wx-audit-fixtures/src'), /\.ts$/),
  join(root, 'README.md'),
  join(root, 'packages/wx-audit-middleware/README.md'),
  join(root, 'packages/wx-audit-fixtures/README.md'),
].map((path) => relative(root, path));

describe('user-facing text', () => {
  it.each(userFacing)('%s names no internal design note', (path) => {
    const hits = readFileSync(join(root, path), 'utf8').split('\n').filter((line) => INTERNAL.test(line));
    expect(hits).toEqual([]);
  });
});
