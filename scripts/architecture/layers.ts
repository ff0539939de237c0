// Which top-level folder may import which: the one table the boundaries test enforces and
// docs/architecture.md shows (a test checks that the two agree).
//
// Type-only imports (`import type`, or a clause whose every name is `type X`) are erased when the
// code is built, so they add no code to a bundle and cannot drag Node into the browser or React into
// the agent. Where a layer needs only the shape of another's values (the tRPC router type, a row
// type) it may take types, and nothing else, from that layer: the `types` column.
//
// Tests (*.test.ts, and support under a testing/ folder) also drive other layers for real (a server
// test against a running emulated agent), so they may import the layers in the `tests` column too.

export interface Layer {
  /** A top-level folder, or `(root)` for the files at the top (proxy.ts, next.config.mjs, …). */
  name: string;
  /** Layers whose values it may import. */
  imports: readonly string[];
  /** Layers it may take types from, and only types. */
  types: readonly string[];
  /** Layers its tests may import as well. */
  tests: readonly string[];
  /** Packages (npm or node:) its shipped code may import; undefined for any. `node:*` means every built-in. */
  packages?: readonly string[];
  /** Packages its shipped code must not import, where an allow-list would be too long to keep. */
  forbiddenPackages?: readonly string[];
}

export const ROOT_LAYER = '(root)';

const PRODUCT = ['core', 'agent', 'server', 'components'];

export const LAYERS: readonly Layer[] = [
  // Runs in the browser, the dashboard server and the agent alike: no React, Next, tRPC or Node I/O.
  { name: 'core', imports: ['core'], types: [], tests: ['agent'], packages: ['zod'] },
  // Bundled to one file that needs only node on the FreeBSD host.
  {
    name: 'agent',
    imports: ['core', 'agent'],
    types: [],
    tests: ['server'],
    packages: ['zod', '@trpc/server', 'node:*'],
  },
  // Inside Next.js; talks to agents, so it knows the agent's router by its type only.
  {
    name: 'server',
    imports: ['core', 'server'],
    types: ['agent'],
    tests: ['agent', 'app', ROOT_LAYER],
    forbiddenPackages: ['react', 'react-dom', '@xyflow/react', 'zustand', 'zundo'],
  },
  // Runs in the browser: the server's router and rows, and the agent's event shapes, as types only.
  {
    name: 'components',
    imports: ['core', 'components'],
    types: ['server', 'agent'],
    // The test oracles (rsvg-convert, a PNG reader) live with jc's in agent/testing/.
    tests: ['agent'],
    forbiddenPackages: ['node:*', 'better-sqlite3', '@trpc/server'],
  },
  // The `patchbay` command, bundled to one file like the agent: core's engines, and the dashboard
  // server's agent client (server/agents) to talk to hosts; the agent's router by its type only.
  {
    name: 'cli',
    imports: ['core', 'cli', 'server'],
    types: ['agent'],
    tests: ['agent', 'scripts'],
    forbiddenPackages: ['react', 'react-dom', '@xyflow/react', 'zustand', 'zundo', 'better-sqlite3', 'next'],
  },
  // Next.js pages and route handlers: the one place views and the server meet.
  { name: 'app', imports: ['app', 'components', 'server', 'core'], types: [], tests: [] },
  // Harnesses: they may drive any part of the product, and nothing of the product imports them.
  { name: 'bench', imports: ['bench', ...PRODUCT], types: [], tests: [] },
  { name: 'e2e', imports: ['e2e', ...PRODUCT], types: [], tests: [] },
  { name: 'scripts', imports: ['scripts', ...PRODUCT], types: [], tests: [] },
  // proxy.ts (Next's middleware), next.config.mjs, playwright.config.ts and the other tool configs.
  { name: ROOT_LAYER, imports: [ROOT_LAYER, 'server', 'core', 'e2e'], types: [], tests: [] },
];

/** core/testing holds generators for property tests; fast-check is a dev dependency only they use. */
export const CORE_TESTING_PACKAGES = ['zod', 'fast-check'];
