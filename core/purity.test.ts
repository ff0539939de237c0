import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// core/ runs in the browser, the dashboard server and the agent alike, so it may import nothing but
// itself and zod. Test support may also use fast-check; tests themselves may use anything.
const CORE = __dirname;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function allowed(file: string, specifier: string): boolean {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return true;
  if (specifier === 'zod') return true;
  return specifier === 'fast-check' && relative(CORE, file).startsWith('testing');
}

describe('core purity', () => {
  it('recognises the import forms it polices', () => {
    expect(importsOf(`import { x } from 'react';\nexport * from "./a";\nconst fs = require('node:fs');\nawait import("next/headers");\nimport 'node:http';`)).toEqual([
      'react',
      './a',
      'node:fs',
      'next/headers',
      'node:http',
    ]);
  });

  it('imports only zod and itself', () => {
    const offenders = sourceFiles(CORE).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((specifier) => !allowed(file, specifier))
        .map((specifier) => `${relative(CORE, file)} imports ${specifier}`),
    );
    expect(sourceFiles(CORE).length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
