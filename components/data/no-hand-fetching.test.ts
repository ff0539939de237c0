import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Views read with useQuery and change with useMutation (components/data/), so a change invalidates
// what it makes stale everywhere it is shown. A direct `api.x.y.query()` or `.mutate()` would be
// read once and go stale unseen; only subscriptions use the client directly.

const ROOT = join(__dirname, '..');
const DIRECT_CALL = /\bapi\.[A-Za-z]+\.[A-Za-z]+\.(query|mutate)\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('data fetching in components/', () => {
  it('no view calls a query or mutation on the tRPC client by hand', () => {
    const offenders = sources(ROOT).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${relative(ROOT, path)}:${index + 1}` }))
        .filter(({ line }) => DIRECT_CALL.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });

  it('recognises a direct call', () => {
    expect(DIRECT_CALL.test('await api.designs.list.query()')).toBe(true);
    expect(DIRECT_CALL.test('api.hosts.counters.subscribe(')).toBe(false);
  });
});
