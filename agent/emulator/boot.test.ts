import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../../core/demo/blog-network';
import { plan } from '../../core/plan/plan';
import { fromTemplate, TEMPLATES } from '../../core/templates/templates';
import type { Topology } from '../../core/topology/schema';
import { readHost } from '../discovery/read-host';
import { bootFromFilesWithLog } from './boot';
import { applyLive, files, normalised, optionsFor, spec } from './boot-test-support';

// Issue 8's round trip: a host booted from the rendered files equals the host the live plan builds
// from the same design, both read back by discovery.

// The demo and every template the editor offers (a template added later is covered without an edit).
const DESIGNS: Record<string, () => Topology> = {
  'blog-network': blogNetwork,
  ...Object.fromEntries(TEMPLATES.map((template) => [template.id, () => fromTemplate(template.id)])),
};

describe('booting the emulator from the rendered files', () => {
  for (const [name, make] of Object.entries(DESIGNS)) {
    it(`${name}: gives the host the live plan builds`, async () => {
      const design = make();
      const booted = bootFromFilesWithLog(files(design), spec(design));
      expect(booted.failures).toEqual([]);
      const fromBoot = await readHost(booted.host);
      const live = await readHost(await applyLive(design));
      expect(normalised(fromBoot)).toEqual(normalised(live));
    });

    it(`${name}: planning the design against the booted host has nothing to do`, async () => {
      const design = make();
      const { host } = bootFromFilesWithLog(files(design), spec(design));
      const read = await readHost(host);
      const again = plan(read.topology, design, optionsFor(read, design));
      expect(again.refusals).toEqual([]);
      expect(again.steps.map((s) => s.summary)).toEqual([]);
    });
  }

  it("runs rc and jail(8) in order, through the emulator's argv interface", () => {
    const design = blogNetwork();
    const { log } = bootFromFilesWithLog(files(design), spec(design));
    const lines = log.map((s) => `${s.request.jail ? `[${s.request.jail}] ` : ''}${s.request.argv.join(' ')}`);
    const at = (line: string) => {
      const i = lines.indexOf(line);
      expect(i, line).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('ifconfig bridge0 create')).toBeLessThan(at('ifconfig bridge0 inet 10.0.0.1/24 up'));
    expect(at('ifconfig bridge0 inet 10.0.0.1/24 up')).toBeLessThan(at('ifconfig bridge0 description patchbay: jails'));
    expect(at('ifconfig bridge0 description patchbay: jails')).toBeLessThan(at('ifconfig bridge0 up'));
    expect(at('route add default 192.168.1.1')).toBeLessThan(at('pfctl -f /etc/pf.conf'));
    expect(at('pfctl -f /etc/pf.conf')).toBeLessThan(at('pfctl -eq'));
    // rc.d/jail hands each jail to jail(8) with its own file; jail(8) runs the exec.* lines itself.
    expect(at('pfctl -eq')).toBeLessThan(at('jail -i -f /etc/jail.conf.d/snort-jail.conf -c snort-jail'));
    expect(at('jail -i -f /etc/jail.conf.d/snort-jail.conf -c snort-jail')).toBeLessThan(
      at('jail -i -f /etc/jail.conf.d/www-jail.conf -c www-jail'),
    );
    expect(at('jail -i -f /etc/jail.conf.d/www-jail.conf -c www-jail')).toBeLessThan(
      at('jail -i -f /etc/jail.conf.d/tor-relay.conf -c tor-relay'),
    );
  });

  it('fails when a rendered file is broken', () => {
    const design = fromTemplate('isolated-nat');
    const broken = files(design).map((f) =>
      f.path === '/etc/rc.conf' ? { ...f, content: f.content.replace('gateway_enable="YES"\n', '') } : f,
    );
    const booted = bootFromFilesWithLog(broken, spec(design));
    expect(booted.failures).toEqual([]);
    return readHost(booted.host).then(async (read) => {
      const live = await readHost(await applyLive(design));
      expect(normalised(read)).not.toEqual(normalised(live));
      // The planner sees exactly what the missing line stood for.
      expect(plan(read.topology, design, optionsFor(read, design)).steps.map((s) => s.summary)).toEqual([
        'Turn on IPv4 forwarding in the host',
      ]);
    });
  });
});
