import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './import-graph';
import { LAYERS } from './layers';

/** The layer table of docs/architecture.md as rows of folder → the sets in its last three columns. */
function docLayers(markdown: string) {
  const section = markdown.split(/^## Layers\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort();
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').slice(1, -1);
      return {
        name: names(cells[0]!)[0]!,
        imports: names(cells[2]!),
        types: names(cells[3]!),
        tests: names(cells[4]!),
      };
    });
}

describe('docs/architecture.md', () => {
  it('reads a layer row', () => {
    expect(
      docLayers(
        '## Layers\n| folder | a | b | c | d |\n|---|\n| `core` | the `zod` domain | `core`, `net` | | `agent` |\n## Next',
      ),
    ).toEqual([{ name: 'core', imports: ['core', 'net'], types: [], tests: ['agent'] }]);
  });

  it('shows the same layer rules the boundaries test enforces', () => {
    const doc = docLayers(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));
    const code = LAYERS.map((l) => ({
      name: l.name,
      imports: [...l.imports].sort(),
      types: [...l.types].sort(),
      tests: [...l.tests].sort(),
    }));
    expect(doc).toEqual(code);
  });
});
