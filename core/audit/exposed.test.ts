import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import type { Intent, Topology } from '../topology/schema';
import { Auditor } from './audit';
import { exposedPorts, exposedRules, exposedText } from './exposed';
import { checkIntents } from './intent-check';

// The Exposed view on the blog network (core/demo/blog-network.ts: host ixl0 192.168.1.10 on the LAN
// 192.168.1.0/24 with the internet behind its gateway; www-jail 10.0.0.3 and snort-jail 10.0.0.2 on
// bridge0) with the host's own pf, the way an admin forwards a port to a jail: scenarios from
// FreeBSD's tests/sys/netpfil/pf/rdr.sh (an rdr on the way in, the jail answering through the state).

function blogWithPf(rules: string, nat: string): Topology {
  const topology = blogNetwork();
  const host = topology.stacks.find((s) => s.kind === 'host')!;
  host.pf = { enabled: true, rules, nat };
  return topology;
}

const RDR_PASS = 'rdr pass on ixl0 inet proto tcp from any to any port 2001 -> 10.0.0.3 port 22';
const RDR = 'rdr on ixl0 inet proto tcp from any to any port 2001 -> 10.0.0.3 port 22';
const NAT = 'nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)';

describe('the Exposed view', () => {
  it('shows a jail port forwarded by rdr pass, with the host address:port asked and the rdr rule', () => {
    const exposed = exposedPorts(new Auditor(blogWithPf('block in on ixl0 all\npass out all', `${NAT}\n${RDR_PASS}`)));
    const www = exposed.filter((e) => e.jail === 'www' && e.origin === 'lan');
    expect(www).toHaveLength(1);
    const [entry] = www;
    expect(entry).toMatchObject({ protocol: 'tcp', port: 22, address: '192.168.1.10', askedPort: 2001 });
    expect(entry!.rdr).toMatchObject({ anchor: '', line: 2, text: RDR_PASS });
    expect(entry!.filter.text).toContain('rdr pass');
    expect(exposedText(entry!)).toBe('www-jail — tcp/22 from the LAN via 192.168.1.10:2001');
    expect(exposedRules(entry!)).toContain(`rdr: main ruleset line 2: ${RDR_PASS}`);
  });

  it('keeps a plain rdr behind the filter: blocked in, nothing is exposed; passed in, the pass rule is named', () => {
    const blocked = exposedPorts(new Auditor(blogWithPf('block in on ixl0 all\npass out all', `${NAT}\n${RDR}`)));
    expect(blocked.filter((e) => e.jail === 'www')).toEqual([]);
    const pass = 'pass in on ixl0 proto tcp to 10.0.0.3 port 22';
    const passed = exposedPorts(
      new Auditor(blogWithPf(`block in on ixl0 all\n${pass}\npass out all`, `${NAT}\n${RDR}`)),
    );
    const entry = passed.find((e) => e.jail === 'www' && e.origin === 'lan');
    expect(entry?.rdr?.text).toBe(RDR);
    expect(entry?.filter.rule).toMatchObject({ line: 2, text: pass });
  });

  it('says nothing is exposed when no rule forwards and the jails sit behind the host', () => {
    const exposed = exposedPorts(new Auditor(blogWithPf('pass all', NAT)));
    expect(exposed).toEqual([]);
  });

  it('reaches from the internet only when the LAN is public; a private LAN needs its router to forward', () => {
    const privateLan = exposedPorts(new Auditor(blogWithPf('pass all', `${NAT}\n${RDR_PASS}`)));
    expect(privateLan.filter((e) => e.origin === 'internet')).toEqual([]);
    const publicLan = blogWithPf('pass all', `nat on ixl0 from 10.0.0.0/24 to any -> (ixl0)\n${RDR_PASS}`);
    const lan = publicLan.segments.find((s) => s.kind === 'lan')!;
    if (lan.kind === 'lan') Object.assign(lan, { cidr: '198.18.7.0/24', gateway: '198.18.7.1' });
    const host = publicLan.stacks.find((s) => s.kind === 'host')!;
    host.defaultGateway = { ipv4: '198.18.7.1' };
    host.interfaces.find((i) => i.name === 'ixl0')!.addresses = ['198.18.7.10/24'];
    const exposed = exposedPorts(new Auditor(publicLan));
    expect(exposed.find((e) => e.origin === 'internet' && e.jail === 'www')).toMatchObject({
      protocol: 'tcp',
      port: 22,
      address: '198.18.7.10',
      askedPort: 2001,
    });
  });
});

describe('inbound-only intents', () => {
  const only = (allow: { protocol: 'tcp' | 'udp'; port: number }[]): Intent => ({
    kind: 'inbound-only',
    id: 'www-inbound',
    subject: { kind: 'stack', id: 'www' },
    origin: 'lan',
    allow,
  });

  it('is violated by a forwarded port it does not allow, naming the port, the host port and both rules', () => {
    const topology = {
      ...blogWithPf('pass all', `${NAT}\n${RDR_PASS}`),
      intents: [only([{ protocol: 'tcp', port: 443 }])],
    };
    const [result] = checkIntents(new Auditor(topology), topology);
    expect(result!.holds).toBe(false);
    expect(result!.violations).toHaveLength(1);
    expect(result!.violations[0]!.pair).toBe('www-jail — tcp/22 from the LAN via 192.168.1.10:2001');
    expect(result!.violations[0]!.reason).toContain(RDR_PASS);
    expect(result!.violations[0]!.reason).toContain('filter:');
  });

  it('holds when the port is allowed, and when a block stops the forward', () => {
    const allowed = {
      ...blogWithPf('pass all', `${NAT}\n${RDR_PASS}`),
      intents: [only([{ protocol: 'tcp', port: 22 }])],
    };
    expect(checkIntents(new Auditor(allowed), allowed)[0]!.holds).toBe(true);
    const blocked = {
      ...blogWithPf('pass all\nblock in quick on ixl0 proto tcp to 10.0.0.3 port 22', `${NAT}\n${RDR}`),
      intents: [only([])],
    };
    expect(checkIntents(new Auditor(blocked), blocked)[0]!.holds).toBe(true);
  });
});
