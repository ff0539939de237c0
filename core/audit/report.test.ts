import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { auditReport, explain, parseTypedDestination } from './report';

describe('parseTypedDestination', () => {
  it('reads an address with an optional protocol and port', () => {
    expect(parseTypedDestination('10.0.0.7')).toEqual({ kind: 'address', address: '10.0.0.7' });
    expect(parseTypedDestination(' 10.0.0.7:tcp/5432 ')).toEqual({
      kind: 'address',
      address: '10.0.0.7',
      probe: { proto: 'tcp', port: 5432 },
    });
    expect(parseTypedDestination('10.0.0.7:icmp')).toEqual({
      kind: 'address',
      address: '10.0.0.7',
      probe: { proto: 'icmp' },
    });
  });

  it('names what is wrong with a bad one', () => {
    expect(parseTypedDestination('10.0.0')).toEqual({
      error: expect.stringContaining('"10.0.0" is not an IPv4 address'),
    });
    expect(parseTypedDestination('10.0.0.7:tcp')).toEqual({ error: 'tcp needs a port, like :tcp/443' });
    expect(parseTypedDestination('10.0.0.7:udp/70000')).toEqual({ error: 'port 70000 is outside 1-65535' });
    expect(parseTypedDestination('db.example.org')).toEqual({
      error: expect.stringContaining('write an IPv4 address'),
    });
  });
});

describe('auditReport', () => {
  it('gives the blog its badges, and the Tor intent holding', () => {
    const report = auditReport(blogNetwork());
    expect(report.jails.map((j) => j.name)).toEqual(['snort-jail', 'www-jail', 'tor-relay']);
    expect(report.badges['tor']).toEqual(['internet']);
    expect(report.badges['snort']).toEqual(['lan', 'internet', 'host']);
    expect(report.intents).toEqual([
      { id: 'tor-internet-only', text: 'tor-relay reaches only the internet', holds: true, violations: [] },
    ]);
    expect(report.violating).toEqual([]);
  });

  it('explains a pair with the interfaces it crossed, for lighting the path', () => {
    const explanation = explain(blogNetwork(), { kind: 'stack', id: 'www' }, { kind: 'internet' });
    expect(explanation.verdict).toBe('reachable');
    expect(explanation.interfaces).toEqual(
      expect.arrayContaining(['www:e0b_www_jail', 'host:e0a_www_jail', 'host:bridge0', 'host:ixl0']),
    );
    expect(explanation.segments).toEqual(expect.arrayContaining(['lan', 'internet']));
  });
});
