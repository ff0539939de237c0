import { formatInterface, groupOf } from '../../ifconfig-format';
import { findInterface, interfacesIn } from '../../state';
import { abort, guard, ok, unsupported, type Command, type CommandContext, type Output } from '../output';
import { IFNAMSIZ } from '../../kernel/interfaces';
import { configure, type Run } from './parameters';
import { familyStatus } from './status';
import { addressFamily } from './words';

// ifconfig(8)'s main(): sbin/ifconfig/ifconfig.c main() (read at 94ac312a), as
// docs/freebsd/ifconfig.md sets out. The forms the emulator answers:
//   ifconfig | ifconfig -a            every interface of the vnet, in the kernel's list order
//   ifconfig -l                       the names on one line
//   ifconfig -g <group>               the members of a group, one per line (ifgroup.c printgroup)
//   ifconfig <if>                     one interface
//   ifconfig <if> inet6|ether|link|lladdr   one interface, limited to that family (status.ts)
//   ifconfig <if> [create] [<af>] [<address> [<dest>]] [<parameter> ...]
// The address family is recognised only as the first word after the name (or right after `create`,
// parameters.ts); anywhere else the word is read as an address. Other options: unsupported.

function listing(ctx: CommandContext, args: readonly string[]): Output | undefined {
  const all = interfacesIn(ctx.state, ctx.vnet);
  if (args.length === 0 || (args.length === 1 && args[0] === '-a'))
    return ok(all.map((i) => formatInterface(ctx.state, i)).join(''));
  if (args.length === 1 && args[0] === '-l') return ok(`${all.map((i) => i.name).join(' ')}\n`);
  if (args.length === 2 && args[0] === '-g') {
    // In the order they joined the group, an epair's b end before its a end (ifgroup.c printgroup;
    // fixture ifconfig-g-epair-12x-journal.txt prints epair0b before epair0a).
    const joined = (i: (typeof all)[number]) => {
      const peer = i.peer === undefined ? undefined : ctx.state.ifnets.get(i.peer);
      return peer && peer.vnet === i.vnet && peer.attached < i.attached ? peer.attached - 0.5 : i.attached;
    };
    const cloned = all.filter((i) => groupOf(i.kind) === args[1]).sort((x, y) => joined(x) - joined(y));
    // The admin's groups list their members in the order they joined (if_addgroup() appends).
    const joinedAt = (i: (typeof all)[number]) => i.groups?.find((g) => g.name === args[1])?.joined;
    const added = all.filter((i) => joinedAt(i) !== undefined).sort((x, y) => joinedAt(x)! - joinedAt(y)!);
    const members = [...cloned, ...added];
    return ok(members.map((i) => `${i.name}\n`).join(''));
  }
  if (args[0]?.startsWith('-')) return unsupported('ifconfig', `options ${args.join(' ')}`);
  return undefined;
}

function main(ctx: CommandContext, allArgs: readonly string[], run: Run): Output {
  // -n: do not load a module for the interface's driver (ifmaybeload); network.subr's ifexists uses it.
  const noload = allArgs[0] === '-n';
  const args = noload ? allArgs.slice(1) : allArgs;
  const listed = noload && args.length === 0 ? undefined : listing(ctx, args);
  if (listed) return listed;
  // listing() has answered or refused every argument list that starts with an option.
  const [name, ...rest] = args as [string, ...string[]];
  if (name === undefined) return unsupported('ifconfig', `options ${allArgs.join(' ')}`);
  run.name = name;
  // ifmaybeload: a name starting "bridge" then digits loads if_bridge (its net.link.bridge.* sysctls appear).
  if (!noload && /^bridge[0-9]/.test(name)) ctx.state.modules.add('if_bridge');
  const exists = findInterface(ctx.state, ctx.vnet, name) !== undefined;
  if (!exists) {
    if (rest[0] === 'create' || rest[0] === 'plumb') {
      if (name.length >= IFNAMSIZ) abort('ifconfig', `${name}: cloning name too long`);
      configure(run, rest, true);
      return ok();
    }
    if (rest[0] === '-vnet') {
      if (name.length >= IFNAMSIZ) abort('ifconfig', `${name}: interface name too long`);
      configure(run, rest, false);
      return ok();
    }
    return abort('ifconfig', `interface ${name} does not exist`);
  }
  // "Do not allow use `create` command as hostname if address family is not specified."
  if (rest[0] === 'create' || rest[0] === 'plumb') {
    if (rest.length === 1) abort('ifconfig', `interface ${name} already exists`);
    rest.shift();
  }
  const familyWord = rest[0];
  const family = addressFamily(familyWord, ctx.state.release);
  if (family !== undefined) {
    run.family = family;
    rest.shift();
  }
  if (rest.length === 0) {
    const ifnet = findInterface(ctx.state, ctx.vnet, name)!;
    if (family !== undefined) return ok(familyStatus(ctx, ifnet, family, familyWord!));
    return ok(formatInterface(ctx.state, ifnet));
  }
  configure(run, rest, false);
  return ok();
}

export const ifconfig: Command = (args, ctx) => {
  const run: Run = { ctx, name: '', family: 'inet', printName: false, stderr: '' };
  const output = guard(() => main(ctx, args, run));
  // printifnamemaybe runs at exit, after an error too.
  const printed = run.printName ? `${run.name}\n` : '';
  return { code: output.code, stdout: output.stdout + printed, stderr: run.stderr + output.stderr };
};
