import { formatNetstatRoutes } from '../../freebsd/netstat-routes';
import { formatNetstatInterfaces, routeEntries } from '../netstat-format';
import { findInterface, findJail } from '../state';
import { abort, guard, ok, type Command } from './output';

// netstat(1) in the two JSON forms the agent uses: `-i -b -n --libxo json` (counters, §3) and
// `-r -n --libxo json` (routes), each optionally with `-j <jail>` (§3.4) and `-I <if>`.

export const netstat: Command = (args, ctx) =>
  guard(() => {
    const flags = new Set<string>();
    let json = false;
    let vnet = ctx.vnet;
    let only: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--libxo') json = args[++i] === 'json';
      else if (arg === '--libxo=json') json = true;
      else if (arg === '-j') {
        const name = args[++i] ?? '';
        const jail = findJail(ctx.state, name);
        if (!jail) abort('netstat', `jail "${name}" not found`); // wording ours
        vnet = jail.vnet;
      } else if (arg === '-I') only = args[++i];
      else if (/^-[ibnrW]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
      else abort('netstat', `unsupported option ${arg}`);
    }
    if (only !== undefined) flags.add('i');
    // Text output is not emulated: its widths depend on the data from 14.0 on (§3.3); the agent reads JSON.
    if (!json || !flags.has('n')) return abort('netstat', 'the emulator answers only the --libxo json -n forms');
    // With -W a real netstat adds use/nhop and mtu to each entry; the emulator leaves them out (the parser ignores them).
    if (flags.has('r')) return ok(formatNetstatRoutes(routeEntries(ctx.state, vnet)));
    if (!flags.has('i') || !flags.has('b')) return abort('netstat', 'the emulator answers -i only with -b');
    if (only !== undefined && !findInterface(ctx.state, vnet, only)) abort('netstat', `${only}: no such interface`); // wording ours
    return ok(formatNetstatInterfaces(ctx.state, vnet, only));
  });
