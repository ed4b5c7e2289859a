// Every ```ts block in docs/**/*.md is a complete program: it is written next to its page and imported
// here, so a sample that throws (or whose node:assert fails) fails the suite. Samples use port 0 and
// close what they open.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(docsDir, '.samples');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : pages(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const samples = pages(docsDir).flatMap((page) => {
  const text = readFileSync(page, 'utf8');
  const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks.map((code, index) => ({ page: relative(docsDir, page), index, code }));
});

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

describe('docs samples', () => {
  it('finds the samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  // A code sample in another language would never run: only ts programs and sh/text listings are allowed.
  it.each(pages(docsDir).map((page) => relative(docsDir, page)))('%s has no code block that cannot run', (page) => {
    const fences = [...readFileSync(join(docsDir, page), 'utf8').matchAll(/^```(\w*)$/gm)].map((m) => m[1]).filter((lang) => lang !== '');
    expect(fences.filter((lang) => !['ts', 'sh', 'text'].includes(lang!))).toEqual([]);
  });

  it.each(samples)('$page sample #$index runs', async ({ page, index, code }) => {
    const file = join(outDir, `${page.replace(/[\\/]/g, '__').replace(/\.md$/, '')}-${index}.ts`);
    writeFileSync(file, code);
    await import(pathToFileURL(file).href);
  }, 60_000);
});
