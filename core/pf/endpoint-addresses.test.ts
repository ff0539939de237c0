import { describe, expect, it } from 'vitest';
import { bastilleDesign } from '../testing/bastille-design';
import { compileAllowDeny } from './compile-intents';
import { stackAddresses } from './endpoint-addresses';

describe('stackAddresses for shared-IP jails', () => {
  it("names a jail by its own addresses, even on a loopback clone, and not the host's", () => {
    const design = bastilleDesign();
    expect(stackAddresses(design, 'web')).toEqual(['10.17.89.1']);
    expect(stackAddresses(design, 'db', 4)).toEqual(['10.17.89.2']);
    expect(stackAddresses(design, 'db', 6)).toEqual([]);
    expect(stackAddresses(design, 'host')).toEqual(['192.168.1.10']);
  });

  it('names an inheriting jail by the addresses of the stack it shares', () => {
    const design = bastilleDesign();
    const web = design.stacks.find((s) => s.id === 'web');
    if (web?.kind === 'jail') web.sharedIp = { ip4: 'inherit', ip6: [] };
    expect(stackAddresses(design, 'web')).toEqual(['192.168.1.10']);
  });
});

describe('intents about shared-IP jails', () => {
  it('compile to rules naming the jails’ addresses', () => {
    const design = bastilleDesign();
    design.intents.push({
      kind: 'deny',
      id: 'web-not-db',
      from: { kind: 'stack', id: 'web' },
      to: { kind: 'stack', id: 'db' },
      protocol: 'tcp',
      ports: [5432],
    });
    expect(compileAllowDeny(design).join('\n')).toContain('from 10.17.89.1 to 10.17.89.2 port 5432');
  });
});
