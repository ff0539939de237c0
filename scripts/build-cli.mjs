// Bundles the `patchbay` command into one file that needs only `node`: no node_modules, no native
// dependencies (the CLI uses core/ and the agent client, never the dashboard's database).
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

export async function buildCli(outfile = 'dist/patchbay.mjs') {
  await build({
    entryPoints: ['cli/main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile,
    legalComments: 'none',
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __patchbayRequire } from 'node:module'; const require = __patchbayRequire(import.meta.url);",
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  // Runnable as `./dist/patchbay.mjs` and through package.json's bin, as well as `node dist/patchbay.mjs`.
  chmodSync(outfile, 0o755);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildCli();
  console.log('built dist/patchbay.mjs');
}
