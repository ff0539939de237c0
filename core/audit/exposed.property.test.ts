import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyOf, formatAddr, scopeOf } from '../net/addr';
import { auditShape, buildAuditTopology } from '../testing/arbitrary-audit';
import { ipv6Layer, withIpv6 } from '../testing/arbitrary-ipv6';
import { Auditor, routableAddresses6, type Source } from './audit';
import { exposedPorts, jailTargets } from './exposed';

// The Exposed view says what asking each (source, address:port) pair through Auditor.pair says, on
// the audit properties' random networks (core/testing/arbitrary-audit.ts: host pf with rdr, binat,
// nat, rdr-to, received-on). Both ways: every entry is a pair that reaches its jail, and every pair
// from the LAN or the internet to a host or jail address on a probed port that reaches a jail is an
// entry. The networks get a random IPv6 layer (arbitrary-ipv6.ts), so both families are held to it;
// link-local addresses are left out (an outsider cannot name their zone).

describe('the Exposed view', () => {
  it('agrees with asking each pair through Auditor.pair', () => {
    fc.assert(
      fc.property(auditShape, ipv6Layer, (shape, layer) => {
        const auditor = new Auditor(withIpv6(buildAuditTopology(shape), layer));
        const exposed = exposedPorts(auditor);
        const key = (origin: string, address: string, proto: string, port: number, jail: string) =>
          `${origin}|${address}|${proto}/${port}|${jail}`;
        const listed = new Set(exposed.map((e) => key(e.origin, e.address, e.protocol, e.askedPort, e.jail)));
        for (const entry of exposed) {
          const source: Source = entry.origin === 'lan' ? { kind: 'lan', id: entry.lan! } : { kind: 'internet' };
          const probe = { proto: entry.protocol, port: entry.askedPort };
          const verdict = auditor.pair(source, { kind: 'address', address: entry.address, probe });
          expect(verdict.verdict, JSON.stringify(entry)).toBe(entry.verdict);
          const end = verdict.explained!.forward.outcome;
          expect(end.kind === 'delivered' && end.at.kind === 'stack' ? end.at.stack.id : undefined).toBe(entry.jail);
        }
        const jails = new Map(jailTargets(auditor.net).map((j) => [j.stack, j]));
        const host = auditor.net.stacks.find((s) => s.kind === 'host')!;
        const addresses = [
          ...host.interfaces.filter((i) => i.lan).flatMap((i) => i.addresses.map((a) => a.address)),
          ...[...jails.values()].flatMap((j) => j.addresses),
          // A vnet jail's IPv6 addresses straight from its stack, not from jailTargets, the thing under test.
          ...[...jails.keys()].flatMap(routableAddresses6),
        ].filter((a) => typeof a === 'number' || scopeOf(a) === 'global' || scopeOf(a) === 'private');
        const origins: [string, Source][] = [
          ...auditor.net.lans.map((l): [string, Source] => ['lan', { kind: 'lan', id: l.id }]),
          ...(auditor.net.hasInternet ? [['internet', { kind: 'internet' }] as [string, Source]] : []),
        ];
        for (const [origin, source] of origins)
          for (const address of addresses)
            for (const probe of auditor.probesOf(familyOf(address))) {
              if (probe.proto === 'icmp') continue;
              const verdict = auditor.pair(source, { kind: 'address', address: formatAddr(address), probe });
              const trip = verdict.explained!.forward;
              const end = trip.outcome;
              const jail = end.kind === 'delivered' && end.at.kind === 'stack' ? jails.get(end.at.stack) : undefined;
              const own =
                jail &&
                (jail.addresses.includes(trip.dst) || routableAddresses6(jail.stack).some((a) => a === trip.dst));
              if (!own) continue;
              if (verdict.verdict !== 'reachable' && verdict.verdict !== 'one-way') continue;
              expect(
                listed.has(key(origin, formatAddr(address), probe.proto, probe.port!, jail.id)),
                `${origin} → ${formatAddr(address)}:${probe.proto}/${probe.port} reaches ${jail.name}`,
              ).toBe(true);
            }
      }),
      { numRuns: 100 },
    );
  }, 180_000);
});
