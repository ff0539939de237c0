import { describe, expect, it } from 'vitest';
import { isTestCode } from './boundaries';
import { importCycles } from './cycles';
import { importGraph } from './import-graph';

// No two files import each other, directly or around a loop: a file can then be read, tested and
// moved without the rest of its loop. Type-only imports count, since they tie files together as much.
// Folders (core/topology, components/editor, …) must not import each other either, counting the
// imports of shipped code that are kept at run time.

/**
 * A loop that is the emulated system's own recursion, not a tangle: jail(8) runs its exec.* commands
 * through the same emulator that runs jail(8). It is listed with every file in it; the test fails when
 * it changes, so a new file pulled into the loop, or the loop broken, shows here.
 */
const KNOWN: readonly (readonly string[])[] = [
  [
    'agent/emulator/commands/jail.ts',
    'agent/emulator/emulator.ts',
    'agent/emulator/jail-conf/exec.ts',
    'agent/emulator/jail-conf/lifecycle.ts',
    'agent/emulator/jail-conf/schedule.ts',
  ],
];

const graph = importGraph();

function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.length === 2 ? parts[0]! : '(root)';
}

describe('import cycles', () => {
  const edge = (from: string, target: string) => ({ from, target });

  it('are found and shown as a loop through their files', () => {
    const cycles = importCycles([
      edge('a', 'b'),
      edge('b', 'c'),
      edge('c', 'a'),
      edge('c', 'd'),
      edge('e', 'e'),
      edge('d', 'f'),
    ]);
    expect(cycles).toEqual([
      { files: ['a', 'b', 'c'], path: ['a', 'b', 'c', 'a'] },
      { files: ['e'], path: ['e', 'e'] },
    ]);
    expect(importCycles([edge('a', 'b'), edge('b', 'c'), edge('a', 'c')])).toEqual([]);
  });

  it('do not exist between files, beyond the emulator loop listed above', () => {
    const cycles = importCycles(graph).map(({ files, path }) => ({ files, loop: path.join(' → ') }));
    const unexpected = cycles.filter(({ files }) => !KNOWN.some((known) => known.join() === files.join()));
    expect(unexpected.map(({ files, loop }) => `${loop} (all of: ${files.join(', ')})`)).toEqual([]);
    expect(cycles.map(({ files }) => files)).toEqual(KNOWN);
  });

  it('do not exist between folders', () => {
    const kept = graph.filter(
      (i) => i.target !== undefined && !i.typeOnly && !isTestCode(i.from) && !isTestCode(i.target),
    );
    const folders = kept
      .map((i) => ({ from: folderOf(i.from), target: folderOf(i.target!) }))
      .filter((e) => e.from !== e.target);
    const shown = importCycles(folders).map(({ path }) => {
      const steps = path.slice(1).map((to, n) => {
        const from = path[n]!;
        const example = kept.find((i) => folderOf(i.from) === from && folderOf(i.target!) === to)!;
        return `${from} → ${to} (${example.from} imports ${example.specifier})`;
      });
      return steps.join('; ');
    });
    expect(shown).toEqual([]);
  });
});
