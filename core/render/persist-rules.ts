import { JAIL_CONF_DIR } from './jail-conf';

// Which rendered files the agent may put on a host, and how. Shared by the agent (which enforces it)
// and the dashboard (which shows the files nobody writes). Pure.
//
// * Patchbay's own files: /usr/local/etc/patchbay/**/*.conf and /etc/jail.conf.d/<jail>.conf, whole,
//   and only when the file on disk carries the header the renderers write (else it is foreign).
// * The user's files /etc/rc.conf, /etc/sysctl.conf, /boot/loader.conf and /etc/jail.conf: only the
//   block between BEGIN_MARK and END_MARK, appended once and replaced afterwards.
// * /etc/pf.conf is shown, never written (docs/architecture.md, design rules: Patchbay does not edit the user's
//   ruleset).
// * Everything else is refused.

export const PATCHBAY_DIR = '/usr/local/etc/patchbay';
export const BEGIN_MARK = '# BEGIN patchbay (managed; edit the design instead)';
export const END_MARK = '# END patchbay';

export type PersistRule =
  | { ok: true; owner: 'patchbay'; rule: string }
  | { ok: true; owner: 'user'; rule: string; style: 'assignments' | 'lines' }
  | { ok: false; shownOnly: boolean; reason: string };

const USER_FILES: Record<string, 'assignments' | 'lines'> = {
  '/etc/rc.conf': 'assignments',
  '/etc/sysctl.conf': 'assignments',
  '/boot/loader.conf': 'assignments',
  '/etc/jail.conf': 'lines',
};

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Where `path` stands: Patchbay's, the user's (a marked block), shown only, or refused, with the rule in words. */
export function persistRule(path: string): PersistRule {
  if (!path.startsWith('/') || path.length > 1024)
    return {
      ok: false,
      shownOnly: false,
      reason: `${JSON.stringify(path.slice(0, 100))} is not an absolute path of at most 1024 characters.`,
    };
  const segments = path.slice(1).split('/');
  if (segments.some((s) => !SEGMENT.test(s)))
    return {
      ok: false,
      shownOnly: false,
      reason: `${JSON.stringify(path.slice(0, 100))}: every part of the path must be letters, digits, "_", "." and "-", not starting with "." or "-" (no "..", no "//", no trailing "/").`,
    };
  if (path === '/etc/pf.conf')
    return {
      ok: false,
      shownOnly: true,
      reason: '/etc/pf.conf is your ruleset: Patchbay never writes it; add the hook lines yourself.',
    };
  const style = USER_FILES[path];
  if (style)
    return {
      ok: true,
      owner: 'user',
      rule: `${path} is yours: Patchbay only adds or replaces its marked block`,
      style,
    };
  if (path.startsWith(`${PATCHBAY_DIR}/`) && path.endsWith('.conf') && segments.length > 4)
    return { ok: true, owner: 'patchbay', rule: `Patchbay's own files are ${PATCHBAY_DIR}/**/*.conf` };
  if (path.startsWith(`${JAIL_CONF_DIR}/`) && path.endsWith('.conf') && segments.length === 3)
    return { ok: true, owner: 'patchbay', rule: `Patchbay's jail files are ${JAIL_CONF_DIR}/<jail>.conf` };
  return {
    ok: false,
    shownOnly: false,
    reason: `${path} is outside what Patchbay may write: its own files (${PATCHBAY_DIR}/**/*.conf, ${JAIL_CONF_DIR}/<jail>.conf) and a marked block in ${Object.keys(USER_FILES).join(', ')}.`,
  };
}

/** Directories the agent may create (mkdir -p) for Patchbay's own files: its directory tree and /etc/jail.conf.d. */
export function mayCreateDirectory(dir: string): boolean {
  return (
    dir === PATCHBAY_DIR ||
    dir === JAIL_CONF_DIR ||
    (dir.startsWith(`${PATCHBAY_DIR}/`) &&
      dir
        .slice(1)
        .split('/')
        .every((s) => SEGMENT.test(s)))
  );
}

/** Whether `content` starts with the header line the renderers put on the file at `path`. */
export function hasPatchbayHeader(path: string, content: string): boolean {
  const first = content.slice(0, content.indexOf('\n') >= 0 ? content.indexOf('\n') : content.length);
  return first.startsWith(`# ${path}: `) && first.includes(', written by Patchbay from the design ');
}

/** The `# BEGIN patchbay` ... `# END patchbay` block of a file such as rc.conf cannot be merged (not a pf block). */
export class PatchbayBlockError extends Error {}

export interface Merged {
  content: string;
  /** The file's lines outside the block, with their 1-based line numbers in the merged file. */
  outside: { line: number; text: string }[];
  block: string[];
}

/**
 * `existing` (undefined: no file) with Patchbay's block set to `lines`: the old block replaced in
 * place, or a new one appended after a blank line. Throws PatchbayBlockError when the file's markers are
 * broken (a BEGIN without END, two blocks), which only a person should untangle.
 */
export function mergeBlock(existing: string | undefined, lines: string): Merged {
  const body = lines.endsWith('\n') ? lines.slice(0, -1) : lines;
  const blockLines = body === '' ? [] : body.split('\n');
  if (blockLines.some((l) => l.trim() === BEGIN_MARK || l.trim() === END_MARK))
    throw new PatchbayBlockError('The lines to add contain a Patchbay marker line.');
  const block = [BEGIN_MARK, ...blockLines, END_MARK];
  const text = existing ?? '';
  const old = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const begins = old.flatMap((l, i) => (l.trim() === BEGIN_MARK ? [i] : []));
  const ends = old.flatMap((l, i) => (l.trim() === END_MARK ? [i] : []));
  let merged: string[];
  if (begins.length === 0 && ends.length === 0) {
    merged = old.length === 0 ? block : old.at(-1) === '' ? [...old, ...block] : [...old, '', ...block];
  } else if (begins.length === 1 && ends.length === 1 && begins[0]! < ends[0]!) {
    merged = [...old.slice(0, begins[0]), ...block, ...old.slice(ends[0]! + 1)];
  } else {
    throw new PatchbayBlockError(
      `The file has ${begins.length} "${BEGIN_MARK}" and ${ends.length} "${END_MARK}" line(s) out of order; fix it by hand so there is at most one block.`,
    );
  }
  const start = merged.indexOf(BEGIN_MARK);
  const end = start + block.length - 1;
  return {
    content: `${merged.join('\n')}\n`,
    outside: merged.flatMap((text, i) => (i < start || i > end ? [{ line: i + 1, text }] : [])),
    block: blockLines,
  };
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/;

/**
 * What the block would silently override. In rc.conf-style files (sourced by sh, or read top to
 * bottom by sysctl and the loader) the later assignment wins, so a variable the admin sets outside
 * the block and Patchbay sets inside it is a conflict; in jail.conf, the same line twice is.
 */
export function blockConflicts(merged: Merged, style: 'assignments' | 'lines'): string[] {
  const content = (text: string) => text.trim() !== '' && !text.trim().startsWith('#');
  if (style === 'lines') {
    const inside = new Set(merged.block.filter(content).map((l) => l.trim()));
    return merged.outside
      .filter((o) => content(o.text) && inside.has(o.text.trim()))
      .map((o) => `line ${o.line} (${o.text.trim()}) is also in Patchbay's block, so it would be read twice.`);
  }
  const setInside = new Map<string, string>();
  for (const line of merged.block) {
    const name = ASSIGNMENT.exec(line)?.[1];
    if (name && content(line)) setInside.set(name, line.trim());
  }
  return merged.outside.flatMap((o) => {
    const name = ASSIGNMENT.exec(o.text)?.[1];
    if (!name || !content(o.text) || !setInside.has(name)) return [];
    const same = setInside.get(name) === o.text.trim();
    return [
      `${name} is set on line ${o.line} (${o.text.trim()}) and in Patchbay's block (${setInside.get(name)})${same ? ', to the same value' : '; the block comes later and wins'}.`,
    ];
  });
}
