// Readers for sysctl(8) stdout (docs/freebsd.md §8; sbin/sysctl/sysctl.c, separator ": ",
// " -> " when setting). Errors such as `sysctl: unknown oid 'x'` go to stderr, not here.
// A value that itself spans several lines (e.g. kern.conftxt) cannot be read this way.
import { ParseError } from './parse-error';

const COMMAND = 'sysctl';
/** OID names: dotted components; FreeBSD uses %-prefixed leaves such as dev.em.0.%desc. */
const OID_NAME = /^[A-Za-z0-9_%-]+(\.[A-Za-z0-9_%-]+)*$/;

export interface SysctlChange {
  name: string;
  oldValue: string;
  newValue: string;
}

/** `sysctl -n a b ...`: one value per line, in the order the names were given. */
export function parseSysctlValues(text: string, names: readonly string[]): Record<string, string> {
  const values = outputLines(text);
  if (values.length !== names.length) {
    const line = Math.min(values.length, names.length) + 1;
    throw new ParseError(COMMAND, values.length < names.length ? 0 : line, `${names.length} value line(s), one per name`, `${values.length} line(s)`);
  }
  return Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
}

/** `sysctl a b ...`: `name: value` lines. */
export function parseSysctlNamed(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  outputLines(text).forEach((line, index) => {
    const [name, value] = splitNamed(line, index + 1);
    result[name] = value;
  });
  return result;
}

/** `sysctl name=value ...`: `name: old -> new` lines (fixture sysctl-ip-forwarding-set-x4-12x-journal.txt). */
export function parseSysctlSet(text: string): SysctlChange[] {
  return outputLines(text).map((line, index) => {
    const [name, change] = splitNamed(line, index + 1);
    const arrow = change.indexOf(' -> ');
    if (arrow < 0) throw new ParseError(COMMAND, index + 1, '"<name>: <old> -> <new>"', line);
    return { name, oldValue: change.slice(0, arrow), newValue: change.slice(arrow + ' -> '.length) };
  });
}

function splitNamed(line: string, lineNumber: number): [string, string] {
  const colon = line.indexOf(':');
  const name = colon < 0 ? '' : line.slice(0, colon);
  if (!OID_NAME.test(name)) throw new ParseError(COMMAND, lineNumber, '"<name>: <value>"', line);
  // sysctl prints ": " then the value; an empty string value leaves just ": " (or ":").
  return [name, line.slice(colon + 1).replace(/^ /, '')];
}

function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
