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
  banner: {
    js: "import { createRequire as __patchbayRequire } from 'node:module'; const require = __patchbayRequire(import.meta.url);",
  },
  // Production whatever the host's environment says: libraries that check NODE_ENV (tRPC adds stack
  // traces to errors outside production) behave as in production. The agent's own error shape does
  // not depend on it either (agent/server/safe-errors.ts).
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
console.log('built dist/agent.mjs');
