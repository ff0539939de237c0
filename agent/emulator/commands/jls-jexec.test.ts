import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// jls(8) and jexec(8) against the emulator (sources in commands/jls.ts, commands/jexec.ts).

function host() {
  const emulator = new FreebsdEmulator({ nics: [{ name: 'ixl0' }] });
  const run = (argv: string[], jail?: string) => emulator.runSync({ argv, ...(jail !== undefined ? { jail } : {}) });
  run(['jail', '-c', 'name=www', 'host.hostname=www.example.org', 'persist', 'vnet', 'children.max=1']);
  run(['jail', '-c', 'name=www.inner', 'persist', 'vnet=inherit']);
  return { emulator, run };
}

const ENVELOPE = (items: string) => `{"__version": "2", "jail-information": {"jail": [${items}]}}\n`;

describe('jls', () => {
  it('with no parameter prints the default table (jls.c "%6d  %-15.15s %-29.29s %.74s")', () => {
    expect(host().run(['jls'])).toEqual({
      code: 0,
      stdout:
        '   JID  IP Address      Hostname                      Path\n     1                  www.example.org               /\n     2                                                /\n',
      stderr: '',
    });
  });

  it('with parameters prints their values, not the table (issue 13 item 9); "" for an empty string', () => {
    expect(host().run(['jls', 'name'])).toEqual({ code: 0, stdout: 'www\nwww.inner\n', stderr: '' });
    expect(
      host().run(['jls', 'jid', 'name', 'host.hostname', 'parent', 'vnet', 'children.max', 'children.cur']),
    ).toEqual({ code: 0, stdout: '1 www www.example.org 0 new 1 1\n2 www.inner "" 1 inherit 0 0\n', stderr: '' });
  });

  it('-q quotes values with blanks or quotes (quoted_print)', () => {
    const { emulator, run } = host();
    emulator.state.jails.get(1)!.hostname = 'a b';
    expect(run(['jls', '-j', 'www', 'host.hostname'])).toEqual({ code: 0, stdout: 'a b\n', stderr: '' });
    expect(run(['jls', '-q', '-j', 'www', 'host.hostname'])).toEqual({ code: 0, stdout: '"a b"\n', stderr: '' });
  });

  it("--libxo json with parameters: every value a string; the agent's discovery form", () => {
    expect(
      host().run(['jls', '--libxo', 'json', 'jid', 'name', 'path', 'host.hostname', 'vnet', 'parent', 'children.max'])
        .stdout,
    ).toBe(
      ENVELOPE(
        '{"jid":"1","name":"www","path":"/","host.hostname":"www.example.org","vnet":"new","parent":"0","children.max":"1"}, {"jid":"2","name":"www.inner","path":"/","host.hostname":"","vnet":"inherit","parent":"1","children.max":"0"}',
      ),
    );
  });

  it('-v --libxo json and plain --libxo json', () => {
    const { run } = host();
    expect(run(['jls', '-v', '--libxo', 'json', '-j', 'www']).stdout).toBe(
      ENVELOPE(
        '{"jid":1,"hostname":"www.example.org","path":"/","name":"www","state":"ACTIVE","cpusetid":3, "ipv4_addrs": [], "ipv6_addrs": []}',
      ),
    );
    expect(run(['jls', '--libxo=json', '-j', '1']).stdout).toBe(
      ENVELOPE('{"jid":1,"ipv4":"","hostname":"www.example.org","path":"/"}'),
    );
  });

  it("-j 2 is jid 2; -j www.inner a name; a missing one: the kernel's message, after the header", () => {
    const { run } = host();
    expect(run(['jls', '-j', '2', 'name'])).toEqual({ code: 0, stdout: 'www.inner\n', stderr: '' });
    expect(run(['jls', '-j', 'www.inner', 'jid'])).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(run(['jls', '-j', '9', 'name'])).toEqual({ code: 1, stdout: '', stderr: 'jls: jail 9 not found\n' });
    expect(run(['jls', '-j', 'nope'])).toEqual({
      code: 1,
      stdout: '   JID  IP Address      Hostname                      Path\n',
      stderr: 'jls: jail "nope" not found\n',
    });
  });

  it('a jail named by a number is found by that number, which is its jid (kern_jail_set)', () => {
    const { run } = host();
    run(['jail', '-c', 'name=7', 'persist']);
    expect(run(['jls', '-j', '7', 'jid', 'name'])).toEqual({ code: 0, stdout: '7 7\n', stderr: '' });
    // "0" is not a jid for jls (strtoul gives 0: "!jid" makes it a name).
    expect(run(['jls', '-j', '0', 'name'])).toEqual({ code: 1, stdout: '', stderr: 'jls: jail "0" not found\n' });
  });

  it('an unknown parameter: "jls: unknown parameter: <name>"; unmodelled ones and options are refused', () => {
    const { run } = host();
    expect(run(['jls', 'foo'])).toEqual({ code: 1, stdout: '', stderr: 'jls: unknown parameter: foo\n' });
    expect(run(['jls', 'ip4.saddrsel'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jls: emulator: unsupported: parameter ip4.saddrsel\n',
    });
    expect(run(['jls', '-n']).stderr).toBe('jls: emulator: unsupported: option -n\n');
    expect(run(['jls', '--libxo', 'xml']).stderr).toBe(
      'jls: emulator: unsupported: --libxo xml (only json is modelled)\n',
    );
    expect(run(['jls', '--libxo', 'json', '-j', 'nope']).stderr).toMatch(
      /unsupported: -j of a missing jail with --libxo json/,
    );
  });

  it('ip4 / ip6: "inherit" for ip4=inherit and vnet jails, "disable" for a restricted one (kern_jail_get)', () => {
    const { run } = host();
    run(['ifconfig', 'lo1', 'create']);
    run(['jail', '-c', 'name=web', 'persist', 'ip4.addr=lo1|10.17.89.1/32']);
    run(['jail', '-c', 'name=inh', 'persist', 'ip4=inherit', 'ip6=inherit']);
    run(['jail', '-c', 'name=bare', 'persist']);
    expect(run(['jls', 'name', 'vnet', 'ip4', 'ip6'])).toEqual({
      code: 0,
      stdout: [
        'www new inherit inherit',
        'www.inner inherit disable disable',
        'web inherit disable disable',
        'inh inherit inherit inherit',
        'bare inherit disable disable',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('-v prints the verbose table', () => {
    expect(host().run(['jls', '-v', '-j', 'www']).stdout).toBe(
      '   JID  Hostname                      Path\n        Name                          State\n        CPUSetID\n        IP Address(es)\n     1  www.example.org               /\n        www                           ACTIVE\n        3\n',
    );
  });
});

describe('jexec', () => {
  it('runs a command in the jail named, or numbered', () => {
    const { run } = host();
    expect(run(['jexec', 'www', 'ifconfig', '-l'])).toEqual({ code: 0, stdout: 'lo0\n', stderr: '' });
    expect(run(['jexec', '1', '/sbin/ifconfig', '-l'])).toEqual({ code: 0, stdout: 'lo0\n', stderr: '' });
    expect(run(['ifconfig', '-l'], 'www')).toEqual({ code: 0, stdout: 'lo0\n', stderr: '' });
    expect(run(['jexec', '-n', 'www', 'true'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a jail named by a number is its jid, so jexec 7 reaches it', () => {
    const { run } = host();
    run(['jail', '-c', 'name=7', 'persist', 'vnet']);
    expect(run(['jexec', '7', 'sysctl', 'net.inet.ip.forwarding=1'])).toEqual({
      code: 0,
      stdout: 'net.inet.ip.forwarding: 0 -> 1\n',
      stderr: '',
    });
  });

  it('a missing jail: libjail\'s jail_errmsg; a missing command: "execvp: <cmd>: No such file or directory"', () => {
    const { run } = host();
    expect(run(['jexec', 'nope', 'ifconfig'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jexec: jail "nope" not found\n',
    });
    expect(run(['jexec', '9', 'ifconfig'])).toEqual({ code: 1, stdout: '', stderr: 'jexec: jail 9 not found\n' });
    expect(run(['jexec', 'www', 'nosuch'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'jexec: execvp: nosuch: No such file or directory\n',
    });
  });

  it('usage, and what is not modelled', () => {
    const { run } = host();
    expect(run(['jexec'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'usage: jexec [-l] [-u username | -U username] jail [command ...]\n',
    });
    expect(run(['jexec', 'www']).stderr).toBe(
      'jexec: emulator: unsupported: an interactive shell (no command given)\n',
    );
    expect(run(['jexec', '-u', 'root', 'www', 'ifconfig']).stderr).toBe('jexec: emulator: unsupported: option -u\n');
    expect(run(['jexec', 'www', 'echo', 'x']).stderr).toBe('jexec: emulator: unsupported: running "echo"\n');
    expect(run(['jexec', 'www', 'jls']).stderr).toBe('jexec: emulator: unsupported: jls inside a jail\n');
    expect(run(['jexec', '0', 'ifconfig']).stderr).toBe('jexec: emulator: unsupported: jid 0 (the host itself)\n');
  });
});
