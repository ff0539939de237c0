import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { dualStackBlog } from '../testing/dual-stack';
import type { Intent, Topology } from '../topology/schema';
import { Auditor } from './audit';
import {
  exposedLine,
  exposedPorts,
  exposedQuestion,
  exposedQuestionTitle,
  exposedRules,
  exposedText,
  type ExposedPort,
} from './exposed';
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

// The dual-stack blog (core/testing/dual-stack.ts): www-jail also at 2001:db8:1:a::3, routed, with no
// NAT66. IPv4 hides the jails behind the host's nat; IPv6 does not, so only pf can close them.
describe('the Exposed view in IPv6', () => {
  function dualWithPf(rules: string, nat: string): Topology {
    const topology = dualStackBlog();
    topology.stacks.find((s) => s.kind === 'host')!.pf = { enabled: true, rules, nat };
    return topology;
  }

  it('lists every port of a jail with a global address and no pf in the way, from the internet, as IPv6', () => {
    const exposed = exposedPorts(new Auditor(dualWithPf('pass all', NAT)));
    const www = exposed.filter((e) => e.jail === 'www' && e.origin === 'internet');
    expect(www.length).toBeGreaterThan(0);
    expect(www.every((e) => e.family === 6 && e.address === '2001:db8:1:a::3')).toBe(true);
    expect(www.some((e) => e.other && e.protocol === 'tcp')).toBe(true);
    expect(exposed.filter((e) => e.family === 4)).toEqual([]); // IPv4 stays behind the nat
    // tor's unique-local address never comes from the internet.
    expect(exposed.filter((e) => e.jail === 'tor' && e.origin === 'internet')).toEqual([]);
  });

  it('lists nothing in IPv6 when pf blocks inbound IPv6', () => {
    const exposed = exposedPorts(new Auditor(dualWithPf('block in on ixl0 inet6 all\npass out all', NAT)));
    expect(exposed.filter((e) => e.family === 6 && e.jail === 'www')).toEqual([]);
  });

  it('shows an rdr to an IPv6 target with the host address in brackets and the family', () => {
    const rdr6 = 'rdr pass on ixl0 inet6 proto tcp from any to any port 2001 -> 2001:db8:1:a::3 port 22';
    const exposed = exposedPorts(new Auditor(dualWithPf('block in on ixl0 all\npass out all', `${NAT}\n${rdr6}`)));
    // `to any port 2001` also redirects a packet for the jail's own address: look for the host's.
    const entry = exposed.find((e) => e.jail === 'www' && e.origin === 'internet' && e.address === '2001:db8:1::10');
    expect(entry).toMatchObject({ family: 6, protocol: 'tcp', port: 22, address: '2001:db8:1::10', askedPort: 2001 });
    expect(exposedText(entry!)).toBe('www-jail — tcp/22 from the internet via [2001:db8:1::10]:2001 (IPv6)');
    expect(exposedRules(entry!)).toContain(rdr6);
    // Only the rdr opens anything: the jail's own IPv6 address stays behind `block in`.
    expect(exposed.filter((e) => e.jail === 'www' && !e.rdr)).toEqual([]);
  });
});

describe('the Exposed wording, written once for lists, violations and the panel', () => {
  const ssh: ExposedPort = {
    jail: 'www',
    name: 'www-jail',
    origin: 'lan',
    lan: 'lan1',
    family: 4,
    protocol: 'tcp',
    port: 22,
    address: '192.168.1.10',
    askedPort: 2001,
    verdict: 'reachable',
    rdr: { anchor: '', line: 2, text: RDR_PASS, stack: 'host' },
    filter: { text: 'not filtered (rdr pass)' },
  };
  const other6: ExposedPort = {
    ...ssh,
    origin: 'internet',
    family: 6,
    port: 47123,
    askedPort: 47123,
    other: true,
    address: '2001:db8:1:a::3',
    filter: { text: 'in on ixl0: passed by main ruleset line 1: pass all' },
  };
  delete other6.rdr;
  delete other6.lan;

  it('names a LAN called otherwise, and IPv4 too when the list holds IPv6', () => {
    const office = new Map([['lan1', 'office']]);
    expect(exposedLine(ssh, { lanNames: office })).toBe('www-jail — tcp/22 from the LAN office via 192.168.1.10:2001');
    expect(exposedLine(ssh, { lanNames: new Map([['lan1', 'LAN']]), dual: true })).toBe(
      'www-jail — tcp/22 from the LAN via 192.168.1.10:2001 (IPv4)',
    );
    expect(exposedText(ssh)).toBe(exposedLine(ssh));
  });

  it('says "at" the address for other ports (their port is the audit\'s pick), the family always for IPv6', () => {
    expect(exposedText(other6)).toBe('www-jail — tcp (other ports) from the internet at 2001:db8:1:a::3 (IPv6)');
    expect(exposedLine(other6, { dual: true })).toBe(exposedText(other6));
  });

  it("asks the entry's own pair, titled with the address and port asked", () => {
    expect(exposedQuestion(ssh)).toEqual({
      source: { kind: 'lan', id: 'lan1' },
      destination: { kind: 'address', address: '192.168.1.10', probe: { proto: 'tcp', port: 2001 } },
    });
    expect(exposedQuestionTitle(ssh)).toBe('LAN → 192.168.1.10:tcp/2001');
    expect(exposedQuestion(other6).source).toEqual({ kind: 'internet' });
    expect(exposedQuestionTitle(other6)).toBe('internet → [2001:db8:1:a::3]:tcp/47123');
  });
});
