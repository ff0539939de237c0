// Reader for the text form of `netstat -i -b [-n] [-d] [-I <if>]` (docs/freebsd.md §3.3).
//
// The agent itself never runs this: it polls `netstat -i -b -n --libxo json` (§3.2,
// netstat-interfaces.ts). This parser exists to read what users paste into an issue or the UI,
// and to prove the verbatim 10.2 fixtures netstat-biI-bridge0-10.2.txt / netstat-biI-tap0-10.2.txt:
//   Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes    Opkts Oerrs     Obytes  Coll
//   bridg  1500 <Link#4>      02:d7:73:80:6f:00 10368111     0     0 5313151200 18655683  4496 13320749763     0
//
// Why whitespace and not fixed columns: the widths are minimums, and wide values push the rest
// of the row right (13320749763 above overflows the 10-wide Obytes column); from 14.0 on the
// widths depend on the data (§3.3). Every field is followed by at least one space (show_stat's
// right separator in usr.bin/netstat/if.c, read in the 10.4 mirror coder03/freebsd10.4 commit
// 3d3f8b11; its widths reproduce the tap0 fixture byte for byte), so the counters are the last
// N words, N coming from the header. What is left in front is Name, Mtu, Network and, when
// printed, Address (AF_LINK rows of interfaces with no link address, such as lo0, leave it blank).
//
// Without -W, names are cut to 5 characters ("%-5.5s"): bridge0 prints as `bridg`, and bridge0
// and bridge1 cannot be told apart. Network and Address are cut to 13 and 17 characters.
// Only the `<Link#N>` rows carry interface-wide counters, as in the JSON (§3.2).
// With -a, multicast rows follow each row; they are rejected, as is -h ("1.2M").
import { ParseError } from './parse-error';

const COMMAND = 'netstat';
const LEADING_COLUMNS = ['Name', 'Mtu', 'Network', 'Address'] as const;
/** Counter columns in the order if.c prints them; Ibytes/Obytes need -b, Drop needs -d. */
const COUNTER_COLUMNS = ['Ipkts', 'Ierrs', 'Idrop', 'Ibytes', 'Opkts', 'Oerrs', 'Obytes', 'Coll', 'Drop'] as const;
type CounterColumn = (typeof COUNTER_COLUMNS)[number];

export interface NetstatTextRow {
  /** As printed, without the `*` that newer netstat appends to interfaces that are down. */
  name: string;
  /** Present when the name carried a `*` (interface down; §3.3). 10.x does not print it. */
  down?: true;
  /** Absent when printed as `-` (address rows: their if_data has mtu 0). */
  mtu?: number;
  /** `<Link#N>`, a network such as `192.0.2.0/24`, or `none`. */
  network: string;
  /** MAC, IP or host name; absent when the column was blank. */
  address?: string;
  ipackets: bigint;
  ierrs: bigint;
  idrop: bigint;
  ibytes: bigint;
  opackets: bigint;
  oerrs: bigint;
  obytes: bigint;
  coll: bigint;
  /** Output drops, only with -d. */
  drop?: bigint;
}

export function parseNetstatText(text: string): NetstatTextRow[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  const header = lines[headerIndex];
  if (header === undefined) throw new ParseError(COMMAND, 0, 'a "Name Mtu Network Address Ipkts ..." header', '');
  const columns = readHeader(header, headerIndex + 1);

  const rows: NetstatTextRow[] = [];
  lines.slice(headerIndex + 1).forEach((raw, offset) => {
    if (raw.trim() === '') return;
    rows.push(readRow(raw, headerIndex + offset + 2, columns));
  });
  return rows;
}

/** The counter columns present, in order; rejects any other header. */
function readHeader(header: string, line: number): CounterColumn[] {
  const words = header.trim().split(/\s+/);
  const reject = (expected: string): never => {
    throw new ParseError(COMMAND, line, expected, header);
  };
  if (LEADING_COLUMNS.some((name, i) => words[i] !== name)) return reject('a header starting "Name Mtu Network Address"');
  const counters = words.slice(LEADING_COLUMNS.length);
  const hasDrop = counters[counters.length - 1] === 'Drop';
  const expected = (bytes: boolean): string[] =>
    COUNTER_COLUMNS.filter((c) => (bytes || (c !== 'Ibytes' && c !== 'Obytes')) && (hasDrop || c !== 'Drop'));
  if (counters.join(' ') === expected(false).join(' ')) return reject('Ibytes and Obytes columns (run netstat with -b)');
  if (counters.join(' ') !== expected(true).join(' ')) return reject(`the columns ${expected(true).join(' ')} after Address`);
  return counters as CounterColumn[];
}

function readRow(raw: string, line: number, columns: CounterColumn[]): NetstatTextRow {
  const reject = (expected: string): never => {
    throw new ParseError(COMMAND, line, expected, raw);
  };
  // Names are left-aligned from column 0; only the -a multicast rows start with spaces.
  if (/^\s/.test(raw)) return reject('an interface row (multicast rows from -a are not supported)');
  const words = raw.trim().split(/\s+/);
  const leading = words.length - columns.length;
  if (leading !== 3 && leading !== 4) {
    return reject(`Name, Mtu, Network, an optional Address and ${columns.length} counters`);
  }

  const counters = new Map<CounterColumn, bigint>();
  columns.forEach((column, i) => {
    const word = words[leading + i] ?? '';
    // `-` marks a value that does not apply to the row (if.c show_stat): the error, drop and
    // collision columns of address rows. It reads as 0n; use <Link#N> rows for totals anyway.
    if (word === '-') counters.set(column, 0n);
    else if (/^\d{1,20}$/.test(word)) counters.set(column, BigInt(word));
    else reject(`a whole number or "-" in the ${column} column (was -h given?)`);
  });
  const counter = (column: CounterColumn): bigint => counters.get(column) ?? 0n;

  const [printedName = '', mtuWord = '', network = '', address] = words;
  const down = printedName.length > 1 && printedName.endsWith('*');
  let mtu: number | undefined;
  if (/^\d{1,6}$/.test(mtuWord)) mtu = Number(mtuWord);
  else if (mtuWord !== '-') reject('an MTU (a number or "-") after the name');

  return {
    name: down ? printedName.slice(0, -1) : printedName,
    ...(down ? { down: true as const } : {}),
    ...(mtu !== undefined ? { mtu } : {}),
    network,
    ...(address !== undefined && leading === 4 ? { address } : {}),
    ipackets: counter('Ipkts'),
    ierrs: counter('Ierrs'),
    idrop: counter('Idrop'),
    ibytes: counter('Ibytes'),
    opackets: counter('Opkts'),
    oerrs: counter('Oerrs'),
    obytes: counter('Obytes'),
    coll: counter('Coll'),
    ...(counters.has('Drop') ? { drop: counter('Drop') } : {}),
  };
}
