import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFolders, treeFolders } from './folder-table';
import { ROOT } from './import-graph';

describe("the README's folder table", () => {
  it('is read from its section only', () => {
    const readme = [
      '| `x/` | not this |',
      '## What is in the repository',
      '',
      '| folder | what |',
      '|---|---|',
      '| `core/` | a |',
      '| `core/audit/` | b |',
      'text `y/`',
      '## Next',
      '| `z/` | c |',
    ].join('\n');
    expect(tableFolders(readme)).toEqual(['core', 'core/audit']);
  });

  it('lists every top-level folder and every core/ subfolder, and nothing that is gone', () => {
    const tree = treeFolders();
    expect(tree).toEqual(expect.arrayContaining(['agent', 'core', 'core/plan', 'docs', 'fixtures']));
    expect(tree).not.toContain('node_modules');
    const table = tableFolders(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect({
      missingFromTable: tree.filter((f) => !table.includes(f)),
      goneFromTree: table.filter((f) => !tree.includes(f)),
    }).toEqual({ missingFromTable: [], goneFromTree: [] });
  });
});
