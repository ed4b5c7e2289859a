import { defineConfig } from 'tsup';

// Three programs: the orchestrator (load generator), the server child and the child that runs the
// in-process benchmarks. Dependencies stay external; the middleware's internal stages (micro-benchmark)
// are bundled from its sources.
export default defineConfig({
  entry: { main: 'src/main.ts', serve: 'src/servers/serve.ts', task: 'src/tasks/task.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  splitting: false,
  dts: false,
});
