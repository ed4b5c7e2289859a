import { packageBuild } from '../../build/tsup.config.js';

// shims: the CommonJS build gets import.meta.url from __filename (telemetry/load-otel-api.ts loads the
// optional @opentelemetry/api with createRequire from there); left as it is, `import.meta` in a .cjs
// file is a SyntaxError that breaks every require() of the package.
export default packageBuild({ index: 'src/index.ts', wire: 'src/wire/index.ts' }, { external: ['ioredis'], shims: true });
