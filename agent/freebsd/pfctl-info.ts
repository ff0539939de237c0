// Reader for `pfctl -s info` (docs/freebsd.md §9). Rule listings are read by core/pf/parse.ts.
import { ParseError } from './parse-error';

const COMMAND = 'pfctl';

export interface PfInfoCounter {
  total: bigint;
  /** As printed, e.g. "7.2/s"; absent for rows such as "current entries". */
  rate?: string;
}

export interface PfInfo {
  enabled: boolean;
  /** "0 days 00:26:05" as printed after "Enabled for". */
  runningFor?: string;
  /** Debug level, e.g. "Urgent". */
  debug?: string;
  /** Section title ("State Table", "Counters", ...) → row name → value. */
  sections: Record<string, Record<string, PfInfoCounter>>;
}

const STATUS = /^Status: (Enabled|Disabled)(?: for (.+?))?(?:\s+Debug: (\S+))?\s*$/;
const COUNTER_ROW = /^\s+(\S.*?)\s+(\d+)(?:\s+(\d+(?:\.\d+)?\/s))?\s*$/;

/**
 * `pfctl -s info` (fixture pfctl-s-info-telegraf.txt, an older pfctl). Section titles start in
 * column 0 (`State Table   Total   Rate`, `Counters`); rows are indented. Rows of other shapes
 * printed by newer versions (e.g. two-column interface stats) are skipped: unverified formats.
 */
export function parsePfInfo(text: string): PfInfo {
  const lines = text.split('\n');
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  const first = lines[firstIndex] ?? '';
  const status = STATUS.exec(first);
  if (!status)
    throw new ParseError(COMMAND, firstIndex < 0 ? 0 : firstIndex + 1, '"Status: Enabled|Disabled ..."', first);

  const info: PfInfo = {
    enabled: status[1] === 'Enabled',
    ...(status[2] !== undefined ? { runningFor: status[2] } : {}),
    ...(status[3] !== undefined ? { debug: status[3] } : {}),
    sections: {},
  };
  let section: Record<string, PfInfoCounter> | undefined;
  lines.slice(firstIndex + 1).forEach((raw, offset) => {
    if (raw.trim() === '') return;
    if (!/^\s/.test(raw)) {
      // "State Table                          Total             Rate": the title ends at a wide gap.
      const title = raw.split(/\s{2,}/)[0] ?? raw;
      section = info.sections[title] ??= {};
      return;
    }
    if (!section) throw new ParseError(COMMAND, firstIndex + offset + 2, 'a section title before counter rows', raw);
    const row = COUNTER_ROW.exec(raw);
    if (!row) return;
    section[row[1] ?? ''] = { total: BigInt(row[2] ?? '0'), ...(row[3] !== undefined ? { rate: row[3] } : {}) };
  });
  return info;
}
