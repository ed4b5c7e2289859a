// What npm users get from each published package's manifest and files (issue #17, item 3): a tarball
// that is built when packed, a license, links that work on npmjs.com, a bin that exists before any
// build (installs in a fresh clone warned "Failed to create bin"), and `wire` types for node10 resolution.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Manifest {
  name: string;
  license: string;
  files: string[];
  scripts: Record<string, string>;
  repository: { type: string; url: string; directory: string };
  homepage: string;
  bugs: { url: string };
  bin?: Record<string, string>;
}

describe.each(['wx-audit-middleware', 'wx-audit-fixtures'])('packages/%s', (dir) => {
  const manifest = JSON.parse(read(`packages/${dir}/package.json`)) as Manifest;

  it('builds when packed (prepack), with pnpm pack as with npm pack', () => {
    expect(manifest.scripts.prepack).toMatch(/\btsup$/);
  });

  it('ships the MIT LICENSE, the same text as the repository root', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.files).toContain('LICENSE');
    expect(read(`packages/${dir}/LICENSE`)).toBe(read('LICENSE'));
    expect(read('LICENSE')).toContain('Copyright (c) the wx-audit authors');
  });

  it('names its repository, directory, homepage and issue tracker', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/wx-audit/wx-audit.git', directory: `packages/${dir}` });
    expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/wx-audit\/wx-audit/);
    expect(manifest.bugs.url).toBe('https://github.com/wx-audit/wx-audit/issues');
  });

  it('its README links only absolute URLs (relative links break on npmjs.com)', () => {
    const links = [...read(`packages/${dir}/README.md`).matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !/^https:\/\//.test(link))).toEqual([]);
  });

  it('every bin is a file committed to the repository, shipped in `files`', () => {
    for (const target of Object.values(manifest.bin ?? {})) {
      const path = `packages/${dir}/${target.replace(/^\.\//, '')}`;
      expect(execFileSync('git', ['ls-files', path], { cwd: root, encoding: 'utf8' }).trim()).toBe(path);
      expect(manifest.files).toContain(target.replace(/^\.\//, '').split('/')[0]);
    }
  });
});

describe('@x/wx-audit-middleware/wire without the exports map (TypeScript node10 resolution)', () => {
  const stub = JSON.parse(read('packages/wx-audit-middleware/wire/package.json')) as Record<string, string>;
  const manifest = JSON.parse(read('packages/wx-audit-middleware/package.json')) as Manifest;

  it('a shipped wire/package.json points at the same files as the exports map', () => {
    expect(manifest.files).toContain('wire');
    expect(stub).toMatchObject({ main: '../dist/wire.cjs', types: '../dist/wire.d.cts' });
  });

  it.skipIf(!existsSync(`${root}packages/wx-audit-middleware/dist/wire.cjs`))('those files exist once built', () => {
    for (const key of ['main', 'module', 'types']) expect(existsSync(`${root}packages/wx-audit-middleware/wire/${stub[key]}`)).toBe(true);
  });
});
