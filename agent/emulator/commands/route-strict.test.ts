import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';
import type { Release } from '../state';

// route(8) add/delete as sbin/route/route.c prints it (docs/freebsd/route-sysctl-netstat.md).

function host(release: Release = '13') {
  const e = new FreebsdEmulator({ release, nics: [{ name: 'em0', addresses: ['192.0.2.10/24', '2001:db8::10/64'] }] });
  const sh = (argv: string[]) => e.runSync({ argv });
  return { e, sh };
}

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/freebsd', name), 'utf8');
const UNSUPPORTED = /^route: emulator: unsupported: /;

describe('route add / delete output', () => {
  it('prints the fixtures\' lines, the destination as typed but cut at "/" for IPv4', () => {
    for (const release of ['13', '14', '15'] as const) {
      const { sh } = host(release);
      expect(sh(['route', 'add', 'default', '192.0.2.3'])).toEqual({
        code: 0,
        stdout: fixture('route-add-default-12x-journal.txt'),
        stderr: '',
      });
      expect(sh(['route', 'add', '192.0.2.0/24', '192.0.2.1']).stdout).toBe(fixture('route-add-net-12x-journal.txt'));
    }
    expect(fixture('route-add-net-12x-journal.txt')).toBe('add net 192.0.2.0: gateway 192.0.2.1\n');
  });

  it('keeps the IPv6 prefix in the printed destination and reads -inet6 default', () => {
    const { e, sh } = host('14');
    expect(sh(['route', 'add', '-inet6', 'default', '2001:db8::1'])).toEqual({
      code: 0,
      stdout: 'add net default: gateway 2001:db8::1\n',
      stderr: '',
    });
    expect(sh(['route', 'add', '-inet6', '2001:db8:5::/48', '2001:db8::1']).stdout).toBe(
      'add net 2001:db8:5::/48: gateway 2001:db8::1\n',
    );
    expect(sh(['route', '-6', 'delete', '2001:db8:5::/48']).stdout).toBe('delete net 2001:db8:5::/48\n');
    expect(e.state.vnets.get(0)!.routes).toHaveLength(1);
  });

  it('derives the length of a bare classful network from its trailing zero bytes', () => {
    const { e, sh } = host();
    expect(sh(['route', 'add', '10.0.0.0', '192.0.2.1']).stdout).toBe('add net 10.0.0.0: gateway 192.0.2.1\n');
    expect(e.state.vnets.get(0)!.routes[0]!.destination?.prefix).toBe(8);
  });

  it('-q prints nothing', () => {
    expect(host().sh(['route', '-q', 'add', 'default', '192.0.2.1'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('route failures on 13 (routing socket)', () => {
  it('EEXIST: the reason on stdout with " fib 0", nothing on stderr', () => {
    const { sh } = host();
    sh(['route', 'add', 'default', '192.0.2.1']);
    expect(sh(['route', 'add', 'default', '192.0.2.1'])).toEqual({
      code: 1,
      stdout: 'add net default: gateway 192.0.2.1 fib 0: route already in table\n',
      stderr: '',
    });
  });

  it('ESRCH: "not in table" and rtmsg()\'s warning', () => {
    expect(host().sh(['route', 'delete', '10.1.0.0/16'])).toEqual({
      code: 1,
      stdout: 'delete net 10.1.0.0 fib 0: not in table\n',
      stderr: 'route: route has not been found\n',
    });
  });

  it('ENETUNREACH: strerror on stdout and warn() on stderr', () => {
    expect(host().sh(['route', 'add', 'default', '198.51.100.1'])).toEqual({
      code: 1,
      stdout: 'add net default: gateway 198.51.100.1 fib 0: Network is unreachable\n',
      stderr: 'route: writing to routing socket: Network is unreachable\n',
    });
  });

  it('usage errors exit 64 with the 13-era usage line', () => {
    const { sh } = host();
    expect(sh(['route', 'frob'])).toEqual({
      code: 64,
      stdout: '',
      stderr: 'route: bad keyword: frob\nroute: usage: route [-46dnqtv] command [[modifiers] args]\n',
    });
    expect(sh(['route', 'add'])).toEqual({
      code: 64,
      stdout: '',
      stderr: 'route: destination parameter required\nroute: usage: route [-46dnqtv] command [[modifiers] args]\n',
    });
    expect(sh(['route', 'add', '-inet6', '2001:db8::/129', '2001:db8::1'])).toEqual({
      code: 64,
      stdout: '',
      stderr: 'route: 129: invalid prefixlen\n',
    });
  });
});

describe('route failures on 14 (netlink, route_netlink.c at 11976198)', () => {
  it('prints the reason on stdout with " fib 0" and nothing on stderr', () => {
    const { sh } = host('14');
    sh(['route', 'add', 'default', '192.0.2.1']);
    expect(sh(['route', 'add', 'default', '192.0.2.1'])).toEqual({
      code: 1,
      stdout: 'add net default: gateway 192.0.2.1 fib 0: route already in table\n',
      stderr: '',
    });
    expect(sh(['route', 'delete', '10.1.0.0/16'])).toEqual({
      code: 1,
      stdout: 'delete net 10.1.0.0 fib 0: not in table\n',
      stderr: '',
    });
    expect(sh(['route', 'add', '10.2.0.0/16', '198.51.100.1'])).toEqual({
      code: 1,
      stdout: 'add net 10.2.0.0: gateway 198.51.100.1 fib 0: Network is unreachable\n',
      stderr: '',
    });
    expect(sh(['route', '-q', 'delete', '10.1.0.0/16'])).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});

describe('host routes', () => {
  it('takes a bare address whose classful host part is set as a host, and netstat -r refuses to show it', () => {
    const { e, sh } = host('14');
    expect(sh(['route', 'add', '10.1.2.3', '192.0.2.1'])).toEqual({
      code: 0,
      stdout: 'add host 10.1.2.3: gateway 192.0.2.1\n',
      stderr: '',
    });
    expect(sh(['route', '-4', 'add', '-host', '192.0.2.4', '192.0.2.1']).stdout).toBe(
      'add host 192.0.2.4: gateway 192.0.2.1\n',
    );
    expect(e.state.vnets.get(0)!.routes.map((r) => r.destination?.prefix)).toEqual([32, 32]);
    expect(sh(['netstat', '-r', '-n', '--libxo', 'json']).stderr).toMatch(/^netstat: emulator: unsupported: /);
  });

  it('route change replaces the gateway; -net 0.0.0.0/0 is the default route', () => {
    const { e, sh } = host('14');
    expect(sh(['route', 'add', '-net', '0.0.0.0/0', '192.0.2.1']).stdout).toBe('add net 0.0.0.0: gateway 192.0.2.1\n');
    expect(sh(['route', 'change', 'default', '192.0.2.2']).stdout).toBe('change net default: gateway 192.0.2.2\n');
    expect(e.state.vnets.get(0)!.routes).toEqual([{ family: 4, gateway: 0xc0000202n }]);
    expect(sh(['route', 'delete', 'default', '192.0.2.2']).stdout).toBe('delete net default: gateway 192.0.2.2\n');
  });
});

describe('what route refuses', () => {
  it('failures on 15 (route_netlink.c warns there at a newer revision) and usage errors on 14/15', () => {
    const { sh } = host('15');
    sh(['route', 'add', 'default', '192.0.2.1']);
    expect(sh(['route', 'add', 'default', '192.0.2.1']).stderr).toMatch(UNSUPPORTED);
    expect(sh(['route', 'delete', '10.1.0.0/16']).stderr).toMatch(UNSUPPORTED);
    expect(sh(['route', 'frob']).stderr).toMatch(UNSUPPORTED);
    expect(host('14').sh(['route', 'frob']).stderr).toMatch(UNSUPPORTED);
  });

  it('host routes, names, multipath, other commands and modifiers', () => {
    const { sh } = host();
    sh(['route', 'add', 'default', '192.0.2.1']);
    for (const argv of [
      ['route', 'add', '10.1.2.3/32', '192.0.2.1'],
      ['route', 'add', 'example.org', '192.0.2.1'],
      ['route', 'add', '10.0.0.0/8', 'gw.example.org'],
      ['route', 'add', 'default', '192.0.2.2'],
      ['route', 'get', 'default'],
      ['route', 'add', '10.0.0.0/8', 'em0', '-interface'],
      ['route', 'add', '-host', '10.1.2.3', '-iface', 'em0'],
      ['route', '-v', 'add', '10.0.0.0/8', '192.0.2.1'],
      ['route', 'add', '-inet6', 'default', 'fe80::1'],
      ['route', 'add', '-inet6', 'default', 'fe80::1%em0'],
    ]) {
      expect(sh(argv).stderr, argv.join(' ')).toMatch(UNSUPPORTED);
    }
  });
});
