import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASTILLE_JAILS, createBastilleHost } from './bastille-host';

// The Bastille demo host (sources in bastille-host.ts and fixtures/bastille/SOURCES.md): every
// listing below is what discovery reads from it.

describe('the Bastille demo host', () => {
  const host = createBastilleHost();
  const run = (...argv: string[]) => {
    const result = host.runSync({ argv });
    expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };

  it('boots with its shared-IP jails, listed by jls with their ip4.addr and no vnet of their own', () => {
    expect(run('jls', '--libxo', 'json', 'jid', 'name', 'path', 'ip4.addr', 'ip6.addr', 'vnet')).toBe(
      '{"__version": "2", "jail-information": {"jail": [' +
        '{"jid":"1","name":"web","path":"/usr/local/bastille/jails/web/root", "ip4.addr": ["10.17.89.1"], "ip6.addr": [],"vnet":"inherit"}, ' +
        '{"jid":"2","name":"db","path":"/usr/local/bastille/jails/db/root", "ip4.addr": ["10.17.89.2"], "ip6.addr": [],"vnet":"inherit"}' +
        ']}}\n',
    );
  });

  it('carries the jail addresses as aliases on bastille0 and IPv6 on em0', () => {
    const loopback = run('ifconfig', 'bastille0');
    for (const jail of BASTILLE_JAILS) expect(loopback).toContain(`\tinet ${jail.ip4} netmask 0xffffffff\n`);
    expect(loopback).toMatch(/^bastille0: flags=[0-9a-f]+<UP,LOOPBACK,/);
    const uplink = run('ifconfig', 'em0');
    expect(uplink).toContain('\tinet 192.168.1.50 netmask 0xffffff00 broadcast 192.168.1.255\n');
    expect(uplink).toContain('\tinet6 2001:db8:17::50 prefixlen 64\n');
    const defaults = host.state.vnets.get(0)!.routes.filter((r) => r.destination === undefined);
    expect(defaults.map((r) => r.family).sort()).toEqual([4, 6]);
  });

  it('has the table <jails> filled by start.sh', () => {
    expect(run('pfctl', '-s', 'Tables')).toBe('jails\n');
    expect(run('pfctl', '-t', 'jails', '-T', 'show')).toBe('   10.17.89.1\n   10.17.89.2\n');
  });

  it('lists nat and the rdr anchors with their rules as pfctl prints them back', () => {
    const nat = run('pfctl', '-s', 'nat', '-a', '*');
    expect(nat).toContain('nat on em0 from <jails> to any -> (em0:0) round-robin\n');
    expect(nat).toContain('rdr-anchor "rdr/*" all {\n');
    expect(nat).toContain('rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22\n');
    expect(nat).toContain('rdr on em0 inet proto tcp from any to any port = 8080 -> 10.17.89.1 port 80\n');
    expect(run('pfctl', '-a', 'rdr/web', '-s', 'nat')).toBe(
      'rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22\n' +
        'rdr on em0 inet proto tcp from any to any port = 8080 -> 10.17.89.1 port 80\n',
    );
    const rules = run('pfctl', '-s', 'rules', '-a', '*');
    expect(rules).toContain('anchor "bastille/*" all {\n');
    expect(rules).toContain('pass in on em0 inet proto tcp from any to 10.17.89.1 port = ssh flags S/SA keep state\n');
    expect(rules).toContain('anchor "patchbay/*" all');
    expect(run('pfctl', '-s', 'Running')).toBe('Enabled\n');
  });

  it("prints the rdr rule as Bastille's docs show it (fixtures/bastille/bastille-rdr-list-rdr-rst.txt)", () => {
    const published = readFileSync(join(__dirname, '../../fixtures/bastille/bastille-rdr-list-rdr-rst.txt'), 'utf8');
    expect(run('pfctl', '-a', 'rdr/web', '-Psn').split('\n')[0]).toBe(published.trimEnd());
  });
});
