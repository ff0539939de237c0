// Reader for the default `jls` text table (docs/freebsd.md §7.1).
//
// usr.sbin/jls/jls.c (freebsd/freebsd-src, commit 01021fdd, PRINT_DEFAULT) prints
//   header  "   JID  IP Address      Hostname                      Path"
//   rows    "%6d  %-15.15s %-29.29s %.74s"   (jid, first IPv4 address, hostname, path)
// Verbatim fixtures: jls-default-handbook.txt (IPv4 jails) and jls-default-vnet-*-12x-journal.txt
// (VNET jails: the IP column is blank, Path is "/" when no path was given).
//
// The columns are cut by position, not by whitespace, because the IP column is empty for VNET
// jails and a hostname may contain spaces. jls itself truncates: hostnames longer than 29
// characters, IPs longer than 15 (cannot happen for a dotted quad) and paths longer than 74 are
// cut short, so a value read here may be a prefix of the real one. Only the jail's *first* IPv4
// address is shown, and never an IPv6 one. For full values use `jls --libxo json` (jls-parse.ts).
import { ParseError } from './parse-error';

const COMMAND = 'jls';
export const JLS_TABLE_HEADER = '   JID  IP Address      Hostname                      Path';
const IP_WIDTH = 15;
const HOSTNAME_WIDTH = 29;
const JID = /^ *([1-9]\d{0,9})/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface JlsTableRow {
  jid: number;
  /** First IPv4 address; absent when the column is blank (VNET jails, jails without ip4.addr). */
  ip?: string;
  /** Possibly truncated to 29 characters by jls. */
  hostname: string;
  /** Possibly truncated to 74 characters by jls. */
  path: string;
}

/** Default `jls` (no options, no parameters). Not for `jls -N`, `-v` or `-h`, which print other headers. */
export function parseJlsTable(text: string): JlsTableRow[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = lines[0];
  // jls prints the header even when there are no jails, so empty output is an error too.
  if (header === undefined) throw new ParseError(COMMAND, 0, `the header ${JSON.stringify(JLS_TABLE_HEADER)}`, '');
  if (header.trimEnd() !== JLS_TABLE_HEADER) throw new ParseError(COMMAND, 1, `the header ${JSON.stringify(JLS_TABLE_HEADER)}`, header);

  return lines.slice(1).map((row, index) => parseRow(row, index + 2));
}

function parseRow(row: string, line: number): JlsTableRow {
  const reject = (expected: string): never => {
    throw new ParseError(COMMAND, line, expected, row);
  };
  const jidMatch = JID.exec(row);
  if (!jidMatch) return reject('a row starting with a right-aligned jid ("%6d")');
  // %6d right-aligns, so the jid ends in column 6; it is a minimum width, and a jid of 7+ digits
  // pushes every later column right by the excess.
  const jidEnd = jidMatch[0].length;
  if (jidEnd < 6) return reject('a jid right-aligned in columns 1-6 ("%6d")');

  const ipStart = jidEnd + 2;
  const hostnameStart = ipStart + IP_WIDTH + 1;
  const pathStart = hostnameStart + HOSTNAME_WIDTH + 1;
  if (row.slice(jidEnd, ipStart) !== '  ') return reject('two spaces after the jid');
  if (row[hostnameStart - 1] !== ' ' || row[pathStart - 1] !== ' ') {
    return reject('the "%6d  %-15.15s %-29.29s %.74s" layout (a space after the IP and hostname columns)');
  }
  // Requiring the "/" catches a row whose columns are off by one, which the spaces alone would
  // not. Every sample path is absolute; that jls can print no other kind is assumed, not sourced.
  if (row[pathStart] !== '/') return reject(`an absolute path starting at column ${pathStart + 1}`);
  const path = row.slice(pathStart).trimEnd();

  const ipText = row.slice(ipStart, hostnameStart - 1).trim();
  // "-" is what jls.c prints in this column when built without INET.
  if (ipText !== '' && ipText !== '-' && !IPV4.test(ipText)) return reject('an IPv4 address or a blank IP column');
  return {
    jid: Number(jidMatch[1]),
    ...(ipText !== '' && ipText !== '-' ? { ip: ipText } : {}),
    hostname: row.slice(hostnameStart, pathStart - 1).trim(),
    path,
  };
}
