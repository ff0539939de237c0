import { describe, expect, it } from 'vitest';
import { boundaryViolations, isTestCode, packageOf } from './boundaries';
import { importGraph, importsOfFile, sourceFiles } from './import-graph';
import { LAYERS } from './layers';

const graph = importGraph();

describe('the import reader', () => {
  it('finds every import form and tells type-only ones apart', () => {
    const text = [
      `import { x } from 'react';`,
      `import type { T } from '../core/topology/schema';`,
      `import { type A, type B } from './types-only';`,
      `import { type C, d } from './mixed';`,
      `export * from "./a";`,
      `export type { E } from './e';`,
      `const fs = require('node:fs');`,
      `await import("next/headers");`,
      `import 'node:http';`,
    ].join('\n');
    expect(importsOfFile('components/x.ts', text).map(({ specifier, typeOnly }) => [specifier, typeOnly])).toEqual([
      ['react', false],
      ['../core/topology/schema', true],
      ['./types-only', true],
      ['./mixed', false],
      ['./a', false],
      ['./e', true],
      ['node:fs', false],
      ['next/headers', false],
      ['node:http', false],
    ]);
  });

  it('resolves relative imports to files, with or without an extension', () => {
    const [imported] = importsOfFile('components/x.ts', `import { LAYERS } from '../scripts/architecture/layers';`);
    expect(imported?.target).toBe('scripts/architecture/layers.ts');
  });

  it('reads the whole tree', () => {
    const files = sourceFiles();
    for (const layer of LAYERS.filter((l) => l.name !== '(root)'))
      expect(files.some((f) => f.startsWith(`${layer.name}/`))).toBe(true);
    expect(files).toContain('proxy.ts');
    expect(files).toContain('next.config.mjs');
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });
});

describe('the boundary rules', () => {
  const at = (from: string, target: string | undefined, specifier = target ?? '', typeOnly = false) =>
    boundaryViolations([{ from, specifier, target, typeOnly }]);

  it('refuse an import across a boundary, naming the file, the import and the rule', () => {
    expect(at('core/a.ts', 'components/b.tsx', '../components/b')).toEqual([
      'core/a.ts imports from components/ (../components/b): core may import core; and in tests agent',
    ]);
    expect(at('components/a.tsx', 'server/auth/csrf.ts', '../server/auth/csrf')[0]).toContain(
      'values (only types may cross) from server/',
    );
    expect(at('core/a.ts', undefined, 'react')).toEqual([
      'core/a.ts imports react: core code may use only the packages zod',
    ]);
    expect(at('components/a.tsx', undefined, 'node:fs')[0]).toContain('components code may not use');
    expect(at('agent/a.ts', undefined, 'react-dom/client')[0]).toContain('agent code may use only');
  });

  it('let types cross where the table says so, and tests reach further', () => {
    expect(at('components/a.tsx', 'server/routers/app.ts', '../server/routers/app', true)).toEqual([]);
    expect(at('server/a.ts', 'agent/server/router.ts', '../agent/server/router', true)).toEqual([]);
    expect(at('server/a.ts', 'agent/server/router.ts', '../agent/server/router')).toHaveLength(1);
    expect(at('server/a.test.ts', 'agent/server/http-server.ts')).toEqual([]);
    expect(at('core/testing/gen.ts', undefined, 'fast-check')).toEqual([]);
    expect(at('core/pf/parse.ts', undefined, 'fast-check')).toHaveLength(1);
  });

  it('know tests and packages', () => {
    expect(
      [
        'core/a.test.ts',
        'core/testing/big.ts',
        'core/pf/evaluate-test-support.ts',
        'agent/freebsd/test-fixtures.ts',
        'server/agents/test-servers.ts',
      ].every(isTestCode),
    ).toBe(true);
    expect(isTestCode('core/pf/parse.ts')).toBe(false);
    expect(['@trpc/server/adapters/fetch', 'zustand/react/shallow', 'node:fs'].map(packageOf)).toEqual([
      '@trpc/server',
      'zustand',
      'node:fs',
    ]);
  });

  it('hold for every file in the repository', () => {
    expect(graph.length).toBeGreaterThan(500);
    expect(boundaryViolations(graph)).toEqual([]);
  });
});
