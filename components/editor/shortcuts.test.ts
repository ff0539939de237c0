import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TopologySchema } from '../../core/topology/schema';
import { createEditorStore } from './editor-store';
import { SHORTCUTS, shortcutFor, shortcutsMarkdown } from './shortcuts';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: false,
});

function store() {
  return createEditorStore(
    TopologySchema.parse({
      format: 'patchbay.topology',
      version: 2,
      name: 'keys',
      stacks: [{ kind: 'host', id: 'host', hostname: 'h.example.org' }],
    }),
  );
}

describe('editor shortcuts', () => {
  it('finds the one shortcut a key press means, and none for plain typing', () => {
    expect(shortcutFor(press('z', { ctrl: true }))?.does).toMatch(/^Undo/);
    expect(shortcutFor(press('Z', { ctrl: true, shift: true }))?.does).toBe('Redo');
    expect(shortcutFor(press('y', { meta: true }))?.does).toBe('Redo');
    expect(shortcutFor(press('?', { shift: true }))?.keys).toEqual(['?']);
    expect(shortcutFor(press('Backspace'))?.keys).toEqual(['Delete', 'Backspace']);
    for (const key of ['a', 'z', '/', 'Enter', 'ArrowLeft']) expect(shortcutFor(press(key))).toBeUndefined();
    // No press matches two rows: the table, not the order of a chain of ifs, decides.
    for (const s of SHORTCUTS)
      for (const k of s.keys) {
        const [mods, letter] = k.includes('+') ? [k.slice(0, k.lastIndexOf('+')), k.split('+').at(-1)!] : ['', k];
        const e = press(letter.length === 1 ? letter.toLowerCase() : letter, {
          ctrl: mods.includes('Ctrl'),
          shift: mods.includes('Shift'),
        });
        expect(SHORTCUTS.filter((row) => row.matches?.(e)).length, k).toBeLessThanOrEqual(1);
      }
  });

  it('runs what a row says: undo, select all, delete and the sheet', () => {
    const s = store();
    let sheet = 0;
    const run = (e: ReturnType<typeof press>) => shortcutFor(e)!.run!({ store: s, showShortcuts: () => sheet++ });
    s.getState().addJail({ name: 'web' });
    run(press('a', { ctrl: true }));
    expect(s.getState().selection).toEqual(['jail-web']);
    run(press('Delete'));
    expect(s.getState().topology.stacks.map((x) => x.id)).toEqual(['host']);
    run(press('z', { ctrl: true }));
    expect(s.getState().topology.stacks.map((x) => x.id)).toEqual(['host', 'jail-web']);
    run(press('?'));
    expect(sheet).toBe(1);
  });

  it('is the table the README shows (cell by cell, as prettier pads the columns)', () => {
    const cells = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|') && !/^\|[-\s|]+\|$/.test(line))
        .map((line) =>
          line
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim()),
        );
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme
      .split('#### Keyboard shortcuts')[1]
      ?.split('\n\n')
      .find((block) => block.startsWith('|'));
    expect(cells(section ?? '')).toEqual(cells(shortcutsMarkdown()));
  });
});
