import { describe, expect, it } from 'vitest';
import { FreebsdEmulator } from '../emulator';

// netstat(1): only the two JSON forms the agent runs (docs/freebsd/route-sysctl-netstat.md).

describe('netstat', () => {
  const e = new FreebsdEmulator({ nics: [{ name: 'em0', addresses: ['192.0.2.10/24'] }] });
  const sh = (argv: string[]) => e.runSync({ argv });

  it("answers the agent's forms", () => {
    expect(sh(['netstat', '-i', '-b', '-n', '--libxo', 'json']).code).toBe(0);
    expect(sh(['netstat', '-r', '-n', '-W', '--libxo', 'json']).code).toBe(0);
    // -I keeps em0's rows only (lo0 is there too), and there is at least its link row.
    const rows: { name: string; network: string }[] = JSON.parse(
      sh(['netstat', '-i', '-b', '-n', '-I', 'em0', '--libxo', 'json']).stdout,
    ).statistics.interface;
    expect(new Set(rows.map((row) => row.name))).toEqual(new Set(['em0']));
    expect(rows.map((row) => row.network)).toContain('<Link#1>');
  });

  it('refuses everything else, including errors whose wording was not read', () => {
    for (const argv of [
      ['netstat', '-i', '-b', '-n'],
      ['netstat', '-rn'],
      ['netstat', '-j', 'nosuch', '-i', '-b', '-n', '--libxo', 'json'],
      ['netstat', '-I', 'nosuch0', '-b', '-n', '--libxo', 'json'],
      ['netstat', '-s', '--libxo', 'json'],
      ['netstat', '--libxo', 'xml', '-rn'],
    ]) {
      expect(sh(argv).stderr, argv.join(' ')).toMatch(/^netstat: emulator: unsupported: /);
    }
  });
});
