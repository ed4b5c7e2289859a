import { packageBuild } from '../../build/tsup.config.js';

export default packageBuild({ index: 'src/index.ts', wire: 'src/wire/index.ts' }, { external: ['ioredis'] });
