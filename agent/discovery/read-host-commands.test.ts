import { describe, expect, it } from 'vitest';
import { createBastilleHost } from '../emulator/bastille-host';
import { createDemoHost } from '../emulator/demo-host';
import type { FreebsdEmulator } from '../emulator/emulator';
import { readHost } from './read-host';

// Discovery reads a snapshot of the host, so asking one thing twice only costs time (and on a real
// host, an ssh round trip each): every command it runs is run once.

async function commandsOf(host: FreebsdEmulator): Promise<string[]> {
  host.calls.length = 0;
  await readHost(host);
  return host.calls.map((c) => `${c.jail === undefined ? '' : `[${c.jail}] `}${c.argv.join(' ')}`);
}

const repeated = (commands: string[]) => commands.filter((c, i) => commands.indexOf(c) !== i);

describe('the commands discovery runs', () => {
  it('on the demo host: 48, none twice, one jls', async () => {
    const commands = await commandsOf(createDemoHost());
    expect(repeated(commands)).toEqual([]);
    expect(commands.filter((c) => c.startsWith('jls'))).toEqual([
      'jls --libxo json jid name path host.hostname vnet parent children.max ip4 ip4.addr ip6 ip6.addr',
    ]);
    expect(commands).toHaveLength(48);
  });

  it('on the Bastille host: 22, none twice, one jls, each anchor listed and asked for its tables once', async () => {
    const commands = await commandsOf(createBastilleHost());
    expect(repeated(commands)).toEqual([]);
    expect(commands.filter((c) => c.startsWith('jls'))).toHaveLength(1);
    const anchorsOf = (what: string) =>
      commands.filter((c) => c.endsWith(`-s ${what}`)).map((c) => /-a (\S+)/.exec(c)?.[1] ?? '');
    expect(anchorsOf('Anchors').sort()).toEqual(['', 'bastille', 'bastille/web', 'patchbay', 'rdr', 'rdr/web']);
    expect(anchorsOf('Tables').sort()).toEqual(anchorsOf('Anchors').sort());
    expect(commands).toHaveLength(22);
  });
});
