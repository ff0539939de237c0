import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The benchmark pages and what only they use (this folder, core/testing, the render counter) stay
// out of the shipped app: bench pages are app/**/page.bench.tsx, which next.config.mjs makes pages
// only in the bench build (PATCHBAY_BENCH=1, built into .next-bench).

const ROOT = resolve(__dirname, '../..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx']
    .map((ext) => base + ext)
    .find((p) => existsSync(p) && !p.endsWith('/'));
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;

/** Every file of the repository a set of entry files reaches through relative imports. */
function reached(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? match[3]!);
      if (target) queue.push(target);
    }
  }
  return seen;
}

const shippedEntries = () =>
  filesUnder(join(ROOT, 'app')).filter(
    (f) => /\.(tsx?|mjs)$/.test(f) && !/\.bench\.tsx$/.test(f) && !/\.test\.tsx?$/.test(f),
  );

describe('the shipped app', () => {
  it('reaches no benchmark code from any page, layout or route', () => {
    const files = [...reached([...shippedEntries(), join(ROOT, 'proxy.ts')])].map((f) => relative(ROOT, f));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith('components/bench/') || f.startsWith('core/testing/'))).toEqual([]);
    expect(files.filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('__patchbayRenders'))).toEqual([]);
  });

  it('has its benchmark pages only as page.bench.tsx, which do reach the benchmark code', () => {
    const benchPages = filesUnder(join(ROOT, 'app/bench'));
    expect(benchPages.length).toBeGreaterThan(0);
    expect(benchPages.filter((f) => !f.endsWith('/page.bench.tsx'))).toEqual([]);
    expect([...reached(benchPages)].some((f) => f.includes('/components/bench/'))).toBe(true);
  });
});

describe('next.config.mjs', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const config = async (bench: string | undefined) => {
    vi.stubEnv('PATCHBAY_BENCH', bench);
    vi.resetModules();
    const file: string = join(ROOT, 'next.config.mjs');
    return (await import(file)).default as { pageExtensions?: string[]; distDir?: string; headers?: unknown };
  };

  it('makes page.bench.tsx a page, built into .next-bench, only under PATCHBAY_BENCH=1', async () => {
    const shipped = await config(undefined);
    expect(shipped.pageExtensions).not.toContain('bench.tsx');
    expect(shipped.distDir ?? '.next').toBe('.next');
    expect(typeof shipped.headers).toBe('function');
    const bench = await config('1');
    expect(bench.pageExtensions).toContain('bench.tsx');
    expect(bench.distDir).toBe('.next-bench');
    expect(typeof bench.headers).toBe('function');
  });
});
