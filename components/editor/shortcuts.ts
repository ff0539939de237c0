import type { EditorStore } from './editor-store';

// Every editor shortcut, once: useEditorKeys runs the ones with a `run`, the shortcut sheet (press ?)
// lists them all, and the README's table is this table (shortcuts.test.ts checks the two agree).
// Rows without `run` are handled by React Flow or the mouse and are listed so nobody has to guess.

export interface KeyContext {
  store: EditorStore;
  showShortcuts(): void;
}

export interface Shortcut {
  /** The keys as shown to people, one entry per alternative (Ctrl is ⌘ on a Mac). */
  keys: readonly string[];
  /** What it does, as a short sentence. */
  does: string;
  /** Whether this key press is this shortcut; absent where React Flow or the mouse does the work. */
  matches?: (event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) => boolean;
  run?: (context: KeyContext) => void;
  /** Whether the browser's own meaning of the key (select the page's text, …) is cancelled. */
  cancelsDefault?: boolean;
}

type Press = Parameters<NonNullable<Shortcut['matches']>>[0];
const mod = (event: Press) => event.ctrlKey || event.metaKey;
const key = (event: Press, letter: string) => event.key.toLowerCase() === letter;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: ['Ctrl+Z'],
    does: 'Undo the last change (a whole drag or paste is one step)',
    matches: (e) => mod(e) && !e.shiftKey && key(e, 'z'),
    run: ({ store }) => store.temporal.getState().undo(),
    cancelsDefault: true,
  },
  {
    keys: ['Ctrl+Shift+Z', 'Ctrl+Y'],
    does: 'Redo',
    matches: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || key(e, 'y')),
    run: ({ store }) => store.temporal.getState().redo(),
    cancelsDefault: true,
  },
  {
    keys: ['Ctrl+C'],
    does: 'Copy the selected boxes',
    matches: (e) => mod(e) && key(e, 'c'),
    run: ({ store }) => store.getState().copySelection(),
  },
  {
    keys: ['Ctrl+V'],
    does: 'Paste what was copied, with fresh names',
    matches: (e) => mod(e) && key(e, 'v'),
    run: ({ store }) => store.getState().pasteClipboard(),
    cancelsDefault: true,
  },
  {
    keys: ['Ctrl+A'],
    does: 'Select every box',
    matches: (e) => mod(e) && key(e, 'a'),
    run: ({ store }) => store.getState().selectAll(),
    cancelsDefault: true,
  },
  {
    keys: ['Delete', 'Backspace'],
    does: 'Delete the selection (and what cannot exist without it)',
    matches: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    run: ({ store }) => store.getState().removeSelected(),
    cancelsDefault: true,
  },
  { keys: ['Arrow keys'], does: 'Move the selected boxes a little (each press one undo step)' },
  { keys: ['Shift+drag'], does: 'Select several boxes with a rectangle' },
  { keys: ['Ctrl+click'], does: 'Add a box or cable to the selection' },
  { keys: ['Enter', 'Escape'], does: 'In a field: keep what was typed, or put the old value back' },
  {
    keys: ['?'],
    does: 'Show this list of shortcuts (Escape closes it)',
    matches: (e) => !mod(e) && !e.altKey && e.key === '?',
    run: ({ showShortcuts }) => showShortcuts(),
    cancelsDefault: true,
  },
];

/** The shortcut a key press stands for, if any. */
export function shortcutFor(event: Press): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.matches?.(event));
}

/** The table as Markdown, as the README shows it. */
export function shortcutsMarkdown(): string {
  const rows = SHORTCUTS.map((s) => `| ${s.keys.map((k) => `\`${k}\``).join(' or ')} | ${s.does} |`);
  return ['| keys | what they do |', '|---|---|', ...rows].join('\n');
}
