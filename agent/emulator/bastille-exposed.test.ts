import { describe, expect, it } from 'vitest';
import { Auditor } from '../../core/audit/audit';
import { exposedPorts, exposedRules, exposedText } from '../../core/audit/exposed';
import { explain } from '../../core/audit/report';
import { segmentsOf } from '../../core/editor/host-as-design';
import type { HostStack } from '../../core/topology/schema';
import { readHost } from '../discovery/read-host';
import { createBastilleHost } from './bastille-host';

// The Exposed view of the Bastille demo host as discovery reads it (bastille-host.ts: shared-IP jails
// web 10.17.89.1 and db 10.17.89.2 on bastille0, `rdr-anchor "rdr/*"` with rdr/web forwarding tcp
// 2001 → 10.17.89.1:22 and 8080 → :80, `block in all` and Bastille's pass rules), audited as the
// host view does: the host's pf as read, the LAN its default route leaves through.

async function bastille() {
  const read = await readHost(createBastilleHost());
  const host = read.topology.stacks.find((s): s is HostStack => s.kind === 'host')!;
  return { ...read.topology, segments: segmentsOf(host) };
}

describe("the Bastille host's Exposed view", () => {
  it("shows web's ssh and http forwarded from the host's LAN address, with the rdr and filter rules", async () => {
    const topology = await bastille();
    const exposed = exposedPorts(new Auditor(topology, 'as-read'));
    expect(exposed.filter((e) => e.origin === 'lan').map(exposedText)).toEqual([
      'web — tcp/22 from the LAN via 192.168.1.50:2001',
      'web — tcp/80 from the LAN via 192.168.1.50:8080',
    ]);
    const ssh = exposed.find((e) => e.port === 22)!;
    expect(ssh.rdr).toMatchObject({
      anchor: 'rdr/web',
      text: 'rdr on em0 inet proto tcp from any to any port = 2001 -> 10.17.89.1 port 22',
    });
    // pf's last matching rule decides: pf.conf's own `pass in ... port ssh` after Bastille's anchor.
    expect(exposedRules(ssh)).toContain('filter: in on em0: passed by main ruleset');
    // The LAN is private: the internet reaches nothing without a port forward on the LAN's router.
    expect(exposed.filter((e) => e.origin === 'internet')).toEqual([]);
  });

  it('explains the forwarded port hop by hop, the reply translated back', async () => {
    const topology = await bastille();
    const forwarded = {
      kind: 'address' as const,
      address: '192.168.1.50',
      probe: { proto: 'tcp' as const, port: 2001 },
    };
    const explanation = explain(topology, { kind: 'lan', id: 'lan' }, forwarded, 'as-read');
    expect(explanation.verdict).toBe('reachable');
    // The shared-IP jail is a place of its own (core/audit/shared-jails.ts), so it is named itself.
    expect(explanation.forward.at(-1)?.text).toBe('delivered to web (10.17.89.1)');
    expect(explanation.forward.map((s) => s.text)).toContainEqual(
      expect.stringMatching(/^rdr in bastille\.example\.org on em0: 192\.168\.1\.50:2001 → 10\.17\.89\.1:22/),
    );
    expect(explanation.reply.map((s) => s.text)).toContain(
      'pf in bastille.example.org translates the reply back on em0: 10.17.89.1:22 → 192.168.1.50:2001',
    );
  });
});
