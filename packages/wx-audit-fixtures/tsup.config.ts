import { packageBuild } from '../../build/tsup.config.js';

export default packageBuild({ index: 'src/index.ts', cli: 'src/cli.ts' }, { external: ['@x/wx-audit-middleware'] });
