import { formatNetstatRoutes } from '../../freebsd/netstat-routes';
import { formatNetstatInterfaces, routeEntries } from '../netstat-format';
import { findInterface, findJail } from '../state';
import { guard, ok, unsupported, type Command } from './output';

// netstat(1) in the two JSON forms the agent runs (docs/freebsd/route-sysctl-netstat.md):
//   netstat [-j jail] -i -b -n [-I interface] --libxo json   (counters)
//   netstat [-j jail] -r -n [-W] --libxo json                 (routes)
// netstat(1) 14.2 synopsis: `netstat -i | -I interface [-j jail] [--libxo] [-46abdhnW] ...` and
// `netstat -r [-j jail] [--libxo] [-46nW] ...`; -j runs netstat inside the jail. The main.c in the
// search index is too old to show -j or libxo, so everything outside these forms is refused,
// including the errors for an unknown jail or interface (their wording was not read). Text output
// is refused too: its column widths depend on the data from 14.0 on (docs/freebsd.md §3.3).

export const netstat: Command = (args, ctx) =>
  guard(() => {
    const flags = new Set<string>();
    let json = false;
    let vnet = ctx.vnet;
    let only: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--libxo') {
        if (args[++i] !== 'json') unsupported('netstat', `--libxo ${args[i] ?? ''}`);
        json = true;
      } else if (arg === '--libxo=json') json = true;
      else if (arg === '-j') {
        const name = args[++i] ?? '';
        const jail = findJail(ctx.state, name);
        if (!jail) unsupported('netstat', `-j ${name}: no such jail (netstat's wording was not read)`);
        vnet = jail.vnet;
      } else if (arg === '-I') {
        only = args[++i];
        if (only === undefined) unsupported('netstat', '-I without an interface');
      } else if (/^-[ibnrW]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
      else unsupported('netstat', `option ${arg}`);
    }
    if (only !== undefined) flags.add('i');
    if (!json || !flags.has('n')) unsupported('netstat', 'forms other than --libxo json with -n');
    if (flags.has('r')) {
      if (flags.has('i') || flags.has('b')) unsupported('netstat', '-r together with -i or -b');
      // Host routes print without a length and with an H flag; that layout was not read.
      const host = (ctx.state.vnets.get(vnet)?.routes ?? []).some(
        (r) => r.destination && r.destination.prefix === (r.family === 4 ? 32 : 128),
      );
      if (host) unsupported('netstat', '-r with a host route in the table');
      // With -W a real netstat adds use/nhop and mtu to each entry; the emulator leaves them out (the parser ignores
      // them).
      return ok(formatNetstatRoutes(routeEntries(ctx.state, vnet)));
    }
    if (!flags.has('i') || !flags.has('b') || flags.has('W')) unsupported('netstat', '-i forms other than -i -b -n');
    if (only !== undefined && !findInterface(ctx.state, vnet, only))
      unsupported('netstat', `-I ${only}: no such interface (netstat's wording was not read)`);
    return ok(formatNetstatInterfaces(ctx.state, vnet, only));
  });
