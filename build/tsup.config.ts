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
    // Code shared by entries (WxAuditError above all) goes into one chunk per format, so an error thrown
    // through `/wire` is an instance of the class the main entry exports (esbuild's splitting, cjs too).
    splitting: true,
    shims: false,
    ...extra,
  });
}
