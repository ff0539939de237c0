// Bundles the audit's web worker into public/, where the browser loads it as a plain script.
// Turbopack (Next 16.4) emitted `new Worker(new URL('./x.ts', import.meta.url))` as an unbundled
// .ts asset in our build, so the worker is built here, once, by the same esbuild as the agent.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';

await build({
  entryPoints: ['components/audit/audit.worker.ts'],
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  minify: true,
  outfile: 'public/audit-worker.js',
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('built public/audit-worker.js');

// ELK's layout worker, as elkjs ships it, beside it: served from a fixed address, a script in the
// page's <head> can start it before the page's own code has even loaded (components/canvas/layout-worker.ts).
copyFileSync('node_modules/elkjs/lib/elk-worker.min.js', 'public/elk-worker.js');
console.log('copied public/elk-worker.js');
