import { describe, expect, it } from 'vitest';
import { blogNetwork } from '../demo/blog-network';
import { lab } from '../templates/templates';
import { renderAscii } from './ascii';

describe('renderAscii', () => {
  it('draws the blog network like the blog sketch: host box, bridges, arrows to the jails', () => {
    const text = renderAscii(blogNetwork());
    const lines = text.trimEnd().split('\n');
    for (const name of [
      'gateway.example.org',
      'ixl0 192.168.1.10/24',
      'bridge0 10.0.0.1/24',
      'snort-jail',
      'e0b_snort_jail 10.0.0.2/24',
      'www-jail',
      'tor-relay',
      'e0b_tor_relay 10.0.1.2/24',
    ]) {
      expect(text, name).toContain(name);
    }
    const arrows = lines.filter((l) => l.includes('---->'));
    expect(arrows.map((l) => /\| +(e0a_\S+) +\| +\|---->\| (\S+)/.exec(l)?.slice(1))).toEqual([
      ['e0a_snort_jail', 'e0b_snort_jail'],
      ['e0a_www_jail', 'e0b_www_jail'],
      ['e0a_tor_relay', 'e0b_tor_relay'],
    ]);
    expect(text).toContain('LAN 192.168.1.0/24 gateway 192.168.1.1 <- ixl0');
    expect(text).toContain('Internet via LAN');
  });

  it('keeps the host box rectangular', () => {
    const lines = renderAscii(lab(3))
      .split('\n')
      .filter((l) => l.startsWith('|') || l.startsWith('+'));
    const hostWidth = lines[0]!.length;
    for (const line of lines) expect(line.slice(0, hostWidth).length).toBe(hostWidth);
    expect(new Set(lines.map((l) => l.slice(0, hostWidth).at(-1)))).toEqual(new Set(['|', '+']));
  });

  it('lists what the picture cannot show: jail-to-jail epairs', () => {
    const t = blogNetwork();
    t.stacks[1]!.interfaces.push({
      kind: 'epair',
      id: 'snort:e9a',
      name: 'e9a',
      end: 'a',
      peer: 'www:e9b',
      up: true,
      addresses: ['172.16.0.1/30'],
    });
    t.stacks[2]!.interfaces.push({
      kind: 'epair',
      id: 'www:e9b',
      name: 'e9b',
      end: 'b',
      peer: 'snort:e9a',
      up: true,
      addresses: ['172.16.0.2/30'],
    });
    expect(renderAscii(t)).toContain('epair snort-jail/e9a 172.16.0.1/30 <-> www-jail/e9b 172.16.0.2/30');
  });
});
