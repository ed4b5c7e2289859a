// One build config for every package: ESM + CJS + d.ts, Node 20, each entry named after its subpath.
import { defineConfig, type Options } from 'tsup';

export function packageBuild(entry: Record<string, string>, extra: Partial<Options> = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    shims: false,
    ...extra,
  });
}
