import { describe, expect, it } from 'vitest';
import { JLS_TABLE_HEADER, parseJlsTable } from './jls-table';
import { ParseError } from './parse-error';
import { fixture } from './test-fixtures';

/** One row exactly as jls.c prints it: "%6d  %-15.15s %-29.29s %.74s". */
function row(jid: number, ip: string, hostname: string, path: string): string {
  return `${String(jid).padStart(6)}  ${ip.slice(0, 15).padEnd(15)} ${hostname.slice(0, 29).padEnd(29)} ${path.slice(0, 74)}`;
}

describe('parseJlsTable', () => {
  it('reads the handbook sample (IPv4 jails)', () => {
    expect(parseJlsTable(fixture('jls-default-handbook.txt'))).toEqual([
      { jid: 3, ip: '192.168.3.17', hostname: 'ns.example.org', path: '/home/j/ns' },
      { jid: 2, ip: '192.168.3.18', hostname: 'mail.example.org', path: '/home/j/mail' },
      { jid: 1, ip: '62.123.43.14', hostname: 'www.example.org', path: '/home/j/www' },
    ]);
  });

  it('reads the Journal VNET jails: blank IP column, path "/"', () => {
    expect(parseJlsTable(fixture('jls-default-vnet-jails-12x-journal.txt'))).toEqual([
      { jid: 3, hostname: 'hop1', path: '/' },
      { jid: 4, hostname: 'hop2', path: '/' },
      { jid: 5, hostname: 'hop3', path: '/' },
      { jid: 6, hostname: 'hop4', path: '/' },
      { jid: 7, hostname: 'hop5', path: '/' },
    ]);
  });

  it('reads the Journal VNET jail created without a path', () => {
    expect(parseJlsTable(fixture('jls-default-vnet-jail-nopath-12x-journal.txt'))).toEqual([{ jid: 1, hostname: 'jvnet', path: '/' }]);
  });

  it('matches the jls.c printf format used to build rows here', () => {
    const lines = fixture('jls-default-handbook.txt').trimEnd().split('\n');
    expect(lines[0]).toBe(JLS_TABLE_HEADER);
    expect(lines[1]).toBe(row(3, '192.168.3.17', 'ns.example.org', '/home/j/ns'));
    expect(fixture('jls-default-vnet-jails-12x-journal.txt').split('\n')[1]).toBe(row(3, '', 'hop1', '/'));
  });

  it('reads the header alone (no jails)', () => {
    expect(parseJlsTable(`${JLS_TABLE_HEADER}\n`)).toEqual([]);
  });

  it('keeps what jls printed of a long hostname and path, and a hostname with a space', () => {
    const longHost = 'a-very-long-hostname.jails.example.org'; // 38 characters: jls keeps 29
    const longPath = `/usr/local/bastille/jails/${'x'.repeat(60)}/root`;
    const text = [JLS_TABLE_HEADER, row(12, '10.0.0.2', longHost, longPath), row(13, '', 'two words', '/jails/b')].join('\n');
    expect(parseJlsTable(text)).toEqual([
      { jid: 12, ip: '10.0.0.2', hostname: longHost.slice(0, 29), path: longPath.slice(0, 74) },
      { jid: 13, hostname: 'two words', path: '/jails/b' },
    ]);
  });

  it('shifts the columns after a jid wider than %6d', () => {
    expect(parseJlsTable([JLS_TABLE_HEADER, row(1234567, '10.0.0.9', 'wide', '/w')].join('\n'))).toEqual([
      { jid: 1234567, ip: '10.0.0.9', hostname: 'wide', path: '/w' },
    ]);
  });

  it('treats "-" in the IP column (jls built without INET) as no address', () => {
    expect(parseJlsTable([JLS_TABLE_HEADER, row(2, '-', 'noinet', '/')].join('\n'))).toEqual([{ jid: 2, hostname: 'noinet', path: '/' }]);
  });

  it('rejects a wrong header, empty output and other jls forms', () => {
    expect(() => parseJlsTable('')).toThrow(expect.objectContaining({ command: 'jls', line: 0 }));
    expect(() => parseJlsTable(fixture('jls-v-libxo-json-zachfi.json'))).toThrow(expect.objectContaining({ command: 'jls', line: 1 }));
    // `jls -N` prints a different header.
    const dashN = ' JID             IP Address      Hostname                      Path\n';
    expect(() => parseJlsTable(dashN)).toThrow(ParseError);
  });

  it('rejects rows that do not fit the column layout', () => {
    const bad = (r: string) => () => parseJlsTable(`${JLS_TABLE_HEADER}\n${r}\n`);
    // Split on single spaces instead of fixed columns.
    expect(bad('3 192.168.3.17 ns.example.org /home/j/ns')).toThrow(expect.objectContaining({ command: 'jls', line: 2 }));
    // Hostname column one character too wide.
    expect(bad(`     3  ${'192.168.3.17'.padEnd(15)} ${'ns.example.org'.padEnd(30)} /home/j/ns`)).toThrow(expect.objectContaining({ line: 2 }));
    // No path.
    expect(bad(row(3, '192.168.3.17', 'ns.example.org', ''))).toThrow(expect.objectContaining({ line: 2 }));
    // Something that is not an IPv4 address in the IP column.
    expect(bad(row(3, 'fe80::1', 'ns.example.org', '/'))).toThrow(expect.objectContaining({ expected: 'an IPv4 address or a blank IP column' }));
    // jid 0 does not exist.
    expect(bad(row(0, '', 'zero', '/'))).toThrow(expect.objectContaining({ line: 2 }));
  });
});
