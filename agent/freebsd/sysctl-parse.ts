// Reader for `sysctl -n` stdout (docs/freebsd.md §8; sbin/sysctl/sysctl.c).
// Errors such as `sysctl: unknown oid 'x'` go to stderr, not here.
// A value that itself spans several lines (e.g. kern.conftxt) cannot be read this way.
import { ParseError } from './parse-error';

const COMMAND = 'sysctl';

/** `sysctl -n a b ...`: one value per line, in the order the names were given. */
export function parseSysctlValues(text: string, names: readonly string[]): Record<string, string> {
  const values = outputLines(text);
  if (values.length !== names.length) {
    const line = Math.min(values.length, names.length) + 1;
    throw new ParseError(
      COMMAND,
      values.length < names.length ? 0 : line,
      `${names.length} value line(s), one per name`,
      `${values.length} line(s)`,
    );
  }
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
}

function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
