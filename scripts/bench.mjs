// Builds the benchmarks with esbuild (the project's TypeScript, as shipped) and runs them.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

mkdirSync('.data', { recursive: true });
// The soak runs the agent as shipped: the one-file bundle.
await import(new URL('./build-agent.mjs', import.meta.url).href);
await build({
  entryPoints: ['bench/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: '.data/bench.mjs',
  logLevel: 'warning',
});
await import(new URL('../.data/bench.mjs', import.meta.url).href);
await import(new URL('../bench/drag.mjs', import.meta.url).href);
await import(new URL('../bench/traffic.mjs', import.meta.url).href);
await import(new URL('../bench/editor-audit.mjs', import.meta.url).href);
await import(new URL('../bench/first-layout.mjs', import.meta.url).href);
