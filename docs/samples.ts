// The ```ts blocks of docs/**/*.md, each a complete program. Shared by docs.test.ts (which runs them)
// and scripts/write-doc-samples.ts (which writes them out for `tsc -p tsconfig.docs.json`, a strict
// type-check as a user's own project would do it: running them through vitest checks no types).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const docsDir = dirname(fileURLToPath(import.meta.url));
export const samplesDir = join(docsDir, '.samples');

export interface DocSample {
  page: string;
  index: number;
  code: string;
  /** Where writeSamples() puts it. */
  file: string;
}

export function docPages(dir: string = docsDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : docPages(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

export function docSamples(): DocSample[] {
  return docPages().flatMap((path) => {
    const page = relative(docsDir, path);
    const blocks = [...readFileSync(path, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    const name = page.replace(/[\\/]/g, '__').replace(/\.md$/, '');
    return blocks.map((code, index) => ({ page, index, code, file: join(samplesDir, `${name}-${index}.ts`) }));
  });
}

/** Writes every sample to docs/.samples/ (emptied first), one file each. */
export function writeSamples(samples: DocSample[] = docSamples()): DocSample[] {
  rmSync(samplesDir, { recursive: true, force: true });
  mkdirSync(samplesDir, { recursive: true });
  for (const sample of samples) writeFileSync(sample.file, sample.code);
  return samples;
}
