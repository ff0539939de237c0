// Bundles the agent into one file that needs only `node` on the FreeBSD host: no node_modules, no
// native dependencies.
import { build } from 'esbuild';

await build({
  entryPoints: ['agent/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile: 'dist/agent.mjs',
  legalComments: 'none',
  // Some dependencies still call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __patchbayRequire } from 'node:module'; const require = __patchbayRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('built dist/agent.mjs');
