// Every ```ts block in docs/**/*.md is a complete program: it is written next to its page and imported
// here, so a sample that throws (or whose node:assert fails) fails the suite. Samples use port 0 and
// close what they open. `pnpm typecheck` also compiles them strictly (tsconfig.docs.json).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docPages, docsDir, writeSamples } from './samples.js';

const samples = writeSamples();

describe('docs samples', () => {
  it('finds the samples', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  // A code sample in another language would never run: only ts programs and sh/text listings are allowed.
  it.each(docPages().map((page) => relative(docsDir, page)))('%s has no code block that cannot run', (page) => {
    const fences = [...readFileSync(`${docsDir}/${page}`, 'utf8').matchAll(/^```(\w*)$/gm)].map((m) => m[1]).filter((lang) => lang !== '');
    expect(fences.filter((lang) => !['ts', 'sh', 'text'].includes(lang!))).toEqual([]);
  });

  // A user copies a sample into their own project: it must not read files next to its page.
  it.each(samples)('$page sample #$index stands alone', ({ code }) => {
    expect(code).not.toMatch(/import\.meta\.url|readFileSync\(|readFile\(/);
  });

  it.each(samples)('$page sample #$index runs', async ({ file }) => {
    await import(pathToFileURL(file).href);
  }, 60_000);
});
