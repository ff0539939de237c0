import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// pf tables at run time (sources in pf/tables.ts): what Bastille's start.sh and stop.sh run
// (`pfctl -q -t jails -T add <ip>`, `-T delete`), and the listings discovery reads.

function host(conf = 'table <jails> persist\npass all\n') {
  const emulator = new FreebsdEmulator({
    nics: [{ name: 'em0', addresses: ['192.168.1.50/24'] }],
    files: { '/etc/pf.conf': conf },
  });
  const run = (argv: string[], stdin?: string) => emulator.runSync({ argv, ...(stdin !== undefined ? { stdin } : {}) });
  expect(run(['pfctl', '-f', '/etc/pf.conf']).code).toBe(0);
  return { emulator, run };
}

describe('pfctl tables', () => {
  it('-s Tables lists the tables the ruleset declares, by name (print_table: puts)', () => {
    const { run } = host('table <jails> persist\ntable <admins> { 192.168.1.0/24, !192.168.1.9 }\npass all\n');
    expect(run(['pfctl', '-s', 'Tables'])).toEqual({ code: 0, stdout: 'admins\njails\n', stderr: '' });
    expect(run(['pfctl', '-sT']).stdout).toBe('admins\njails\n');
    // print_addrx(): "%c %c%s" then "/%d" below the host prefix.
    expect(run(['pfctl', '-t', 'admins', '-T', 'show']).stdout).toBe('   192.168.1.0/24\n  !192.168.1.9\n');
  });

  it('-T add fills a table (xprintf on stderr: "1/1 addresses added."), -q is silent, -T show lists it', () => {
    const { run } = host();
    expect(run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.2'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '1/1 addresses added.\n',
    });
    expect(run(['pfctl', '-q', '-t', 'jails', '-T', 'add', '10.17.89.1', '10.17.89.2'])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.1', 'fd00::1']).stderr).toBe('1/2 addresses added.\n');
    expect(run(['pfctl', '-t', 'jails', '-T', 'show']).stdout).toBe('   10.17.89.1\n   10.17.89.2\n   fd00::1\n');
    expect(run(['pfctl', '-t', 'jails', '-T', 'delete', '10.17.89.2', '10.0.0.9']).stderr).toBe(
      '1/2 addresses deleted.\n',
    );
    expect(run(['pfctl', '-t', 'jails', '-T', 'sh']).stdout).toBe('   10.17.89.1\n   fd00::1\n');
  });

  it('tables are scoped per anchor; -T add creates a missing table ("1 table created.")', () => {
    const { run } = host();
    expect(run(['pfctl', '-a', 'rdr/web', '-t', 'peers', '-T', 'add', '198.51.100.0/24']).stderr).toBe(
      '1 table created.\n1/1 addresses added.\n',
    );
    expect(run(['pfctl', '-a', 'rdr/web', '-s', 'Tables']).stdout).toBe('peers\n');
    expect(run(['pfctl', '-s', 'Tables']).stdout).toBe('jails\n');
    expect(run(['pfctl', '-a', 'rdr/web', '-t', 'peers', '-T', 'show']).stdout).toBe('   198.51.100.0/24\n');
    // The anchor exists because it holds a table (pf_ruleset.c).
    expect(run(['pfctl', '-a', 'rdr', '-s', 'Anchors']).stdout).toBe('  rdr/web\n');
  });

  it('reloading the ruleset resets a declared table to its declared contents, keeps an added one', () => {
    const { run } = host();
    run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.1']);
    run(['pfctl', '-t', 'extra', '-T', 'add', '10.9.9.9']);
    expect(run(['pfctl', '-f', '/etc/pf.conf']).code).toBe(0);
    expect(run(['pfctl', '-t', 'jails', '-T', 'show']).stdout).toBe('');
    expect(run(['pfctl', '-s', 'Tables']).stdout).toBe('extra\njails\n');
    expect(run(['pfctl', '-t', 'extra', '-T', 'show']).stdout).toBe('   10.9.9.9\n');
  });

  it('a `persist file` table is loaded from its file (pfr_buf_load: words, "#" comments)', () => {
    const { emulator, run } = host();
    emulator.state.files.set(
      '/etc/pf.blocked',
      '# abusers\n203.0.113.7\n198.51.100.0/24   # a whole net\n\n!198.51.100.9\n',
    );
    expect(
      run(['pfctl', '-f', '-'], 'table <blocked> persist file "/etc/pf.blocked"\nblock in from <blocked> to any\n')
        .code,
    ).toBe(0);
    expect(run(['pfctl', '-t', 'blocked', '-T', 'show']).stdout).toBe(
      '   198.51.100.0/24\n  !198.51.100.9\n   203.0.113.7\n',
    );
    emulator.state.files.set('/etc/pf.empty', '# nothing yet\n');
    expect(run(['pfctl', '-f', '-'], 'table <later> persist file "/etc/pf.empty"\npass all\n').code).toBe(0);
    expect(run(['pfctl', '-t', 'later', '-T', 'show']).stdout).toBe('');
    expect(run(['pfctl', '-f', '-'], 'table <x> persist file "/etc/none"\npass all\n').stderr).toMatch(
      /unsupported: stdin:1: table file "\/etc\/none" does not exist/,
    );
  });

  it('refuses what it does not model', () => {
    const { run } = host();
    expect(run(['pfctl', '-t', 'jails', '-T', 'add', 'www.example.org']).stderr).toMatch(/unsupported: table address/);
    expect(run(['pfctl', '-t', 'nope', '-T', 'show']).stderr).toMatch(/unsupported: -T show of table <nope>/);
    expect(run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.1/24']).stderr).toMatch(/host bits set/);
    expect(run(['pfctl', '-t', 'jails', '-T', 'frob']).stderr).toMatch(/Unknown table command/);
    expect(run(['pfctl', '-t', 'jails', '-T', 'test', '10.0.0.1']).stderr).toMatch(/unsupported: -T test/);
  });

  it('-F Tables deletes the anchor\'s tables and their contents ("%d tables deleted."), -q silently', () => {
    const { run } = host('table <jails> persist\ntable <admins> { 192.168.1.0/24 }\npass all\n');
    run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.1']);
    run(['pfctl', '-t', 'extra', '-T', 'add', '10.9.9.9']);
    run(['pfctl', '-a', 'rdr/web', '-t', 'peers', '-T', 'add', '198.51.100.0/24']);
    expect(run(['pfctl', '-F', 'Tables'])).toEqual({ code: 0, stdout: '', stderr: '3 tables deleted.\n' });
    expect(run(['pfctl', '-s', 'Tables']).stdout).toBe('');
    // pfctl_clear_tables() takes the anchor given with -a alone.
    expect(run(['pfctl', '-a', 'rdr/web', '-s', 'Tables']).stdout).toBe('peers\n');
    expect(run(['pfctl', '-q', '-a', 'rdr/web', '-F', 'T'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run(['pfctl', '-a', 'rdr/web', '-s', 'Tables']).stdout).toBe('');
    expect(run(['pfctl', '-F', 'Tables']).stderr).toBe('0 tables deleted.\n');
    // The rules stay.
    expect(run(['pfctl', '-s', 'rules']).stdout).toMatch(/^pass all/);
  });

  for (const flush of [
    ['-F', 'Tables'],
    ['-F', 'all'],
  ]) {
    it(`after pfctl ${flush.join(' ')} no table comes back with its old addresses`, () => {
      const { run } = host();
      run(['pfctl', '-t', 'jails', '-T', 'add', '10.17.89.1']);
      run(['pfctl', '-t', 'extra', '-T', 'add', '10.9.9.9']);
      expect(run(['pfctl', ...flush]).stderr).toContain('2 tables deleted.\n');
      expect(run(['pfctl', '-s', 'Tables']).stdout).toBe('');
      expect(run(['pfctl', '-t', 'extra', '-T', 'show']).stderr).toMatch(/unsupported: -T show of table <extra>/);
      // A table -T add made before the flush is no longer kept by the next load.
      expect(run(['pfctl', '-f', '/etc/pf.conf']).code).toBe(0);
      expect(run(['pfctl', '-s', 'Tables']).stdout).toBe('jails\n');
      expect(run(['pfctl', '-t', 'jails', '-T', 'show']).stdout).toBe('');
      // Made again, it starts empty.
      expect(run(['pfctl', '-t', 'extra', '-T', 'add', '10.9.9.8']).stderr).toBe(
        '1 table created.\n1/1 addresses added.\n',
      );
      expect(run(['pfctl', '-t', 'extra', '-T', 'show']).stdout).toBe('   10.9.9.8\n');
    });
  }
});
