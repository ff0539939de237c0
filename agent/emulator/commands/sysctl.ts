import type { CommandContext } from './output';
import { guard, type Command, type Output } from './output';

// sysctl(8) (reference/freebsd.md §8): `name: value`, `-n` for the value alone, and setting prints
// `name: old -> new`. Unknown oids and read-only oids use sysctl.c's messages.

const READ_ONLY = new Set(['kern.osrelease', 'kern.ostype']);
const BRIDGE_OIDS = ['net.link.bridge.pfil_member', 'net.link.bridge.pfil_bridge', 'net.link.bridge.pfil_onlyip'];

function lookup(ctx: CommandContext, name: string): string | undefined {
  const { state } = ctx;
  if (name === 'kern.osrelease') return `${state.release}.${state.release === '15' ? '0' : '2'}-RELEASE`;
  if (name === 'kern.ostype') return 'FreeBSD';
  if (name === 'kern.hostname') {
    const jail = [...state.jails.values()].find((j) => j.vnet === ctx.vnet);
    return ctx.vnet === 0 ? state.hostname : jail?.hostname ?? '';
  }
  // net.link.bridge.* exist only once if_bridge is loaded (§8), in every vnet, defaults 1 (§9.3).
  if (BRIDGE_OIDS.includes(name)) {
    return state.modules.has('if_bridge') ? (state.vnets.get(ctx.vnet)?.sysctls.get(name) ?? '1') : undefined;
  }
  return state.vnets.get(ctx.vnet)?.sysctls.get(name);
}

export const sysctl: Command = (args, ctx) =>
  guard((): Output => {
    const valueOnly = args[0] === '-n';
    const names = valueOnly ? args.slice(1) : args;
    let stdout = '';
    let stderr = '';
    for (const arg of names) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const current = lookup(ctx, name);
      if (current === undefined) {
        stderr += `sysctl: unknown oid '${name}'\n`;
        continue;
      }
      if (eq < 0) {
        stdout += valueOnly ? `${current}\n` : `${name}: ${current}\n`;
        continue;
      }
      const value = arg.slice(eq + 1);
      if (READ_ONLY.has(name) || name === 'kern.hostname') {
        stderr += `sysctl: oid '${name}' is read only\n`;
        continue;
      }
      if (!/^-?[0-9]+$/.test(value)) {
        stderr += `sysctl: invalid integer '${value}'\n`; // wording ours
        continue;
      }
      ctx.state.vnets.get(ctx.vnet)?.sysctls.set(name, String(Number(value)));
      stdout += valueOnly ? `${current} -> ${Number(value)}\n` : `${name}: ${current} -> ${Number(value)}\n`;
    }
    return { code: stderr ? 1 : 0, stdout, stderr };
  });

