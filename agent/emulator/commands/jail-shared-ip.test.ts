import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// Shared-IP (non-vnet) jails: jail(8) with ip4.addr / ip6.addr (jail-conf/addresses.ts for the
// sources) and what jls prints of them (commands/jls.ts).

function host() {
  const emulator = new FreebsdEmulator({ nics: [{ name: 'em0', addresses: ['192.168.1.50/24'] }] });
  const run = (argv: string[]) => emulator.runSync({ argv });
  const ok = (...argv: string[]) => {
    const result = run(argv);
    if (result.code !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  ok('ifconfig', 'lo1', 'create');
  ok('ifconfig', 'lo1', 'name', 'bastille0');
  return { emulator, run, ok };
}

const ENVELOPE = (items: string) => `{"__version": "2", "jail-information": {"jail": [${items}]}}\n`;

describe('jail -c with ip4.addr / ip6.addr', () => {
  it('adds each "iface|addr" as an alias before creating the jail (command.c IP__IP4_IFADDR)', () => {
    const { ok } = host();
    expect(ok('jail', '-c', 'name=web', 'persist', 'ip4.addr=bastille0|10.17.89.1')).toBe('');
    expect(ok('ifconfig', 'bastille0')).toContain('\tinet 10.17.89.1 netmask 0xffffffff\n');
    expect(ok('jls', 'name', 'ip4.addr', 'vnet')).toBe('web 10.17.89.1 inherit\n');
  });

  it('a value with /prefix keeps it for ifconfig (a loopback has no broadcast); ip6 gets prefixlen 128', () => {
    const { ok } = host();
    ok('jail', '-c', 'name=db', 'persist', 'ip4.addr=bastille0|10.17.89.2/24', 'ip6.addr=bastille0|fd00:17::2');
    const shown = ok('ifconfig', 'bastille0');
    expect(shown).toContain('\tinet 10.17.89.2 netmask 0xffffff00\n');
    expect(shown).toContain('\tinet6 fd00:17::2 prefixlen 128\n');
    expect(ok('jls', 'name', 'ip6.addr')).toBe('db fd00:17::2\n');
  });

  it('a comma list on the command line is several addresses, the first kept first, the rest sorted', () => {
    const { ok } = host();
    ok('jail', '-c', 'name=multi', 'persist', 'ip4.addr=bastille0|10.17.89.9,bastille0|10.17.89.7,10.17.89.3');
    expect(ok('jls', 'ip4.addr')).toBe('10.17.89.9,10.17.89.3,10.17.89.7\n');
    // Only the values naming an interface become aliases (config.c: "cs || defif").
    const shown = ok('ifconfig', 'bastille0');
    expect(shown).toContain('inet 10.17.89.9 ');
    expect(shown).toContain('inet 10.17.89.7 ');
    expect(shown).not.toContain('inet 10.17.89.3 ');
  });

  it('jail -r through jail.conf removes the aliases again (stopcommands IP__IP4_IFADDR, -alias)', () => {
    const { emulator, ok } = host();
    emulator.state.files.set('/etc/jail.conf', 'web {\n  persist;\n  ip4.addr = "bastille0|10.17.89.1";\n}\n');
    expect(ok('jail', '-c', 'web')).toBe('web: created\n');
    expect(ok('ifconfig', 'bastille0')).toContain('inet 10.17.89.1 ');
    expect(ok('jail', '-r', 'web')).toBe('web: removed\n');
    expect(ok('ifconfig', 'bastille0')).not.toContain('inet 10.17.89.1 ');
  });

  it('a failing alias fails the start: ifconfig says why, jail(8) names the command, nothing is created', () => {
    const { run, ok } = host();
    const result = run(['jail', '-c', 'name=web', 'persist', 'ip4.addr=lo9|10.17.89.1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('jail: /sbin/ifconfig lo9 inet 10.17.89.1 netmask 255.255.255.255 alias: failed\n');
    expect(ok('jls', 'name')).toBe('');
  });

  it('refuses what the kernel refuses (kern_jail_set): vnet with addresses, zero, duplicates, clashes', () => {
    const { run, ok } = host();
    expect(run(['jail', '-c', 'name=v', 'persist', 'vnet', 'ip4.addr=10.0.0.1']).stderr).toBe(
      'jail: vnet jails cannot have IP address restrictions\n',
    );
    expect(run(['jail', '-c', 'name=z', 'persist', 'ip4.addr=0.0.0.0']).stderr).toBe(
      'jail: jail_set: Invalid argument\n',
    );
    expect(run(['jail', '-c', 'name=d', 'persist', 'ip4.addr=10.0.0.1,10.0.0.1']).stderr).toBe(
      'jail: jail_set: Invalid argument\n',
    );
    // One address each may be shared; a jail with more than one may not share any.
    ok('jail', '-c', 'name=a', 'persist', 'ip4.addr=10.0.0.1');
    ok('jail', '-c', 'name=b', 'persist', 'ip4.addr=10.0.0.1');
    expect(run(['jail', '-c', 'name=c', 'persist', 'ip4.addr=10.0.0.1,10.0.0.2']).stderr).toBe(
      'jail: IPv4 addresses clash\n',
    );
    // A failed create removes the alias it had added (the start is undone).
    const failed = run(['jail', '-c', 'name=e', 'persist', 'ip4.addr=bastille0|10.0.0.1,10.0.0.5']);
    expect(failed.stderr).toBe('jail: IPv4 addresses clash\n');
    expect(ok('ifconfig', 'bastille0')).not.toContain('inet 10.0.0.1 ');
  });

  it('ip4=inherit shares every host address and lists none', () => {
    const { ok } = host();
    ok('jail', '-c', 'name=all', 'persist', 'ip4=inherit');
    expect(ok('jls', 'name', 'ip4.addr')).toBe('all -\n');
    expect(ok('jls', '-q', 'name', 'ip4.addr')).toBe('all ""\n');
  });
});

describe('jls of shared-IP jails', () => {
  function twoJails() {
    const h = host();
    h.ok('jail', '-c', 'name=web', 'persist', 'ip4.addr=bastille0|10.17.89.1');
    h.ok('jail', '-c', 'name=db', 'persist', 'ip4.addr=bastille0|10.17.89.2,bastille0|10.17.89.3');
    h.ok('jail', '-c', 'name=vj', 'persist', 'vnet');
    return h;
  }

  it('--libxo json lists ip4.addr under its own name (special_print → emit_ip_addr_list)', () => {
    expect(twoJails().ok('jls', '--libxo', 'json', 'name', 'ip4.addr', 'ip6.addr', 'vnet')).toBe(
      ENVELOPE(
        '{"name":"web", "ip4.addr": ["10.17.89.1"], "ip6.addr": [],"vnet":"inherit"}, ' +
          '{"name":"db", "ip4.addr": ["10.17.89.2","10.17.89.3"], "ip6.addr": [],"vnet":"inherit"}, ' +
          '{"name":"vj", "ip4.addr": [], "ip6.addr": [],"vnet":"new"}',
      ),
    );
  });

  it('the default table shows the first IPv4 address; -v lists them all', () => {
    const { ok } = twoJails();
    expect(ok('jls')).toBe(
      '   JID  IP Address      Hostname                      Path\n' +
        '     1  10.17.89.1                                    /\n' +
        '     2  10.17.89.2                                    /\n' +
        '     3                                                /\n',
    );
    expect(ok('jls', '-v', '-j', 'db')).toMatch(/ ACTIVE\n {8}4\n {8}10\.17\.89\.2\n {8}10\.17\.89\.3\n$/);
    expect(ok('jls', '-v', '--libxo', 'json', '-j', 'web')).toBe(
      ENVELOPE(
        '{"jid":1,"hostname":"","path":"/","name":"web","state":"ACTIVE","cpusetid":3, "ipv4_addrs": ["10.17.89.1"], "ipv6_addrs": []}',
      ),
    );
  });
});
