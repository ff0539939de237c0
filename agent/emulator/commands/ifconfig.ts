import { parseCidr } from '../../../core/net/ip';
import { formatInterface, isBridgeMember } from '../ifconfig-format';
import { findInterface, findJail, interfacesIn, type HostState, type Ifnet } from '../state';
import { cloneCreate } from './ifconfig-create';
import { abort, guard, ok, type Command, type CommandContext } from './output';

// ifconfig(8) as the agent uses it (reference/freebsd.md §1, §2). Parameters are applied in order and
// the first error stops the run like errx(3), leaving earlier parameters applied, as FreeBSD does.
// Where the reference gives no exact message, the errno text below is marked as ours.

const IFNAMSIZ = 16;
const EINVAL = 'Invalid argument';

function requireValue(args: string[], i: number, param: string): string {
  const value = args[i + 1];
  if (value === undefined) abort('ifconfig', `${param}: missing argument`);
  return value;
}

function groupOf(ifnet: Ifnet): string {
  return ifnet.kind === 'loopback' ? 'lo' : ifnet.kind === 'physical' ? '' : ifnet.kind;
}

function listing(ctx: CommandContext, args: string[]) {
  const all = interfacesIn(ctx.state, ctx.vnet);
  if (args.length === 0 || (args.length === 1 && args[0] === '-a')) return ok(all.map((i) => formatInterface(ctx.state, i)).join(''));
  if (args.length === 1 && args[0] === '-l') return ok(`${all.map((i) => i.name).join(' ')}\n`);
  if (args.length === 2 && args[0] === '-g') {
    // Kernel order, newest first: the fixture prints epair0b before epair0a (§2.5).
    const members = all.filter((i) => groupOf(i) === args[1]).reverse();
    return ok(members.map((i) => `${i.name}\n`).join(''));
  }
  return undefined;
}

function setAddress(state: HostState, ifnet: Ifnet, family: 4 | 6, text: string, mode: 'replace' | 'alias' | '-alias', netmask?: string) {
  let cidrText = text;
  if (!text.includes('/')) {
    if (mode === '-alias') cidrText = `${text}/${family === 4 ? 32 : 128}`;
    else if (family === 4 && netmask && /^0x[0-9a-f]{8}$/i.test(netmask)) {
      const bits = Number.parseInt(netmask.slice(2), 16).toString(2).replace(/0+$/, '').length;
      cidrText = `${text}/${bits}`;
    } else cidrText = `${text}/${family === 4 ? 32 : 64}`;
  }
  const parsed = parseCidr(cidrText);
  if (!parsed.ok || parsed.value.family !== family) abort('ifconfig', `${text}: bad value`);
  const address = { family, value: parsed.value.address, prefix: parsed.value.prefix };
  if (mode === '-alias') {
    const at = ifnet.addresses.findIndex((a) => a.family === family && a.value === address.value);
    // EADDRNOTAVAIL; the message wording is ours (not in the reference).
    if (at < 0) abort('ifconfig', `ioctl (SIOCDIFADDR): Can't assign requested address`);
    ifnet.addresses.splice(at, 1);
    return;
  }
  // FreeBSD 15 refuses addresses on bridge members with EINVAL (§1.4); wording of the message is ours.
  if (state.release === '15' && isBridgeMember(state, ifnet)) abort('ifconfig', `ioctl (SIOCAIFADDR): ${EINVAL}`);
  if (mode === 'replace') {
    // `inet` without `alias` replaces the first address of the family (setifaddr clearaddr, §1.6).
    const first = ifnet.addresses.findIndex((a) => a.family === family);
    if (first >= 0) ifnet.addresses.splice(first, 1);
  }
  if (!ifnet.addresses.some((a) => a.family === family && a.value === address.value)) ifnet.addresses.push(address);
}

function addMember(state: HostState, bridge: Ifnet, vnet: number, name: string) {
  const member = findInterface(state, vnet, name);
  // Errno choices follow if_bridge.c bridge_ioctl_add as we read it; printed as `BRDGADD <if>: <strerror>` (§1.4).
  const refuse = (reason: string) => abort('ifconfig', `BRDGADD ${name}: ${reason}`);
  if (bridge.kind !== 'bridge') abort('ifconfig', `BRDGADD ${name}: ${EINVAL}`);
  if (!member) return refuse('No such file or directory');
  if (bridge.members.includes(member.index)) return refuse('File exists');
  if (isBridgeMember(state, member)) return refuse('Device busy');
  if (member.kind === 'bridge' || member.kind === 'loopback' || member === bridge) return refuse(EINVAL);
  const first = bridge.members.map((i) => state.ifnets.get(i)).find(Boolean);
  if (first && first.mtu !== member.mtu) return refuse(EINVAL); // "exactly the same value" (if_bridge(4))
  if (state.release === '15' && member.addresses.length > 0) return refuse(EINVAL);
  bridge.members.push(member.index);
}

function destroy(state: HostState, ifnet: Ifnet) {
  if (ifnet.kind === 'physical' || (ifnet.kind === 'loopback' && ifnet.name === 'lo0')) abort('ifconfig', `SIOCIFDESTROY: ${EINVAL}`);
  // Destroying either end of an epair destroys both, wherever the other end is (§1.2).
  const doomed = [ifnet.index, ...(ifnet.peer !== undefined ? [ifnet.peer] : [])];
  for (const index of doomed) {
    state.ifnets.delete(index);
    for (const other of state.ifnets.values()) other.members = other.members.filter((m) => m !== index);
  }
}

/** `ifconfig <if> vnet <jail>`: the interface leaves this vnet with its configuration cleared (§1.5). */
function moveToJail(state: HostState, ifnet: Ifnet, jailName: string) {
  const jail = findJail(state, jailName);
  // libjail's jail_errmsg wording (jail "x" not found) is ours: the reference only names errx(1, jail_errmsg).
  if (!jail) abort('ifconfig', `jail "${jailName}" not found`);
  for (const other of state.ifnets.values()) other.members = other.members.filter((m) => m !== ifnet.index);
  ifnet.vnet = jail.vnet;
  ifnet.addresses = [];
  ifnet.members = [];
  ifnet.up = false; // inferred: a moved interface comes up only when configured inside
}

function reclaim(ctx: CommandContext, name: string, jailName: string) {
  const jail = findJail(ctx.state, jailName);
  if (!jail) abort('ifconfig', `jail "${jailName}" not found`);
  const ifnet = findInterface(ctx.state, jail.vnet, name);
  // `SIOCSIFRVNET(<jid>, <ifname>): <strerror>` (§1.5); ENXIO is our reading of if_vmove_reclaim.
  if (!ifnet) abort('ifconfig', `SIOCSIFRVNET(${jail.jid}, ${name}): Device not configured`);
  ifnet.vnet = ctx.vnet;
  ifnet.addresses = [];
  ifnet.up = false;
}

function rename(state: HostState, ifnet: Ifnet, newName: string) {
  // copyinstr into an IFNAMSIZ buffer fails with ENAMETOOLONG (kernel SIOCSIFNAME, our reading).
  if (newName.length >= IFNAMSIZ) abort('ifconfig', 'ioctl SIOCSIFNAME (set name): File name too long');
  if (findInterface(state, ifnet.vnet, newName)) abort('ifconfig', 'ioctl SIOCSIFNAME (set name): File exists');
  ifnet.name = newName;
}

function configure(ctx: CommandContext, ifnet: Ifnet, params: string[]): string | undefined {
  const { state } = ctx;
  let printed: string | undefined;
  for (let i = 0; i < params.length; i++) {
    const param = params[i]!;
    switch (param) {
      case 'up':
        ifnet.up = true;
        break;
      case 'down':
        ifnet.up = false;
        break;
      case 'mtu': {
        const value = requireValue(params, i++, param);
        if (!/^[0-9]+$/.test(value) || Number(value) < 72 || Number(value) > 65535) abort('ifconfig', `ioctl SIOCSIFMTU (set mtu): ${EINVAL}`);
        ifnet.mtu = Number(value);
        break;
      }
      case 'description':
      case 'descr':
        ifnet.description = requireValue(params, i++, param);
        if (ifnet.description === '') delete ifnet.description;
        break;
      case '-description':
      case '-descr':
        delete ifnet.description;
        break;
      case 'ether':
      case 'lladdr': {
        const mac = requireValue(params, i++, param).toLowerCase();
        if (!/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) abort('ifconfig', `malformed link-level address`);
        ifnet.mac = mac;
        break;
      }
      case 'name':
        rename(state, ifnet, requireValue(params, i++, param));
        printed = ifnet.name; // setifname sets printifname (§1.3)
        break;
      case 'inet':
      case 'inet6': {
        const family = param === 'inet' ? 4 : 6;
        let address = requireValue(params, i++, param);
        let netmask: string | undefined;
        if (params[i + 1] === 'netmask') {
          netmask = requireValue(params, i + 1, 'netmask');
          i += 2;
        } else if (params[i + 1] === 'prefixlen') {
          const length = requireValue(params, i + 1, 'prefixlen');
          if (!address.includes('/')) address = `${address}/${length}`;
          i += 2;
        }
        let mode: 'replace' | 'alias' | '-alias' = 'replace';
        const next = params[i + 1];
        if (next === 'alias' || next === '-alias') {
          mode = next;
          i++;
        }
        setAddress(state, ifnet, family, address, mode, netmask);
        break;
      }
      case 'addm':
        addMember(state, ifnet, ctx.vnet, requireValue(params, i++, param));
        break;
      case 'deletem': {
        const name = requireValue(params, i++, param);
        const member = findInterface(state, ctx.vnet, name);
        if (!member || !ifnet.members.includes(member.index)) abort('ifconfig', `BRDGDEL ${name}: No such file or directory`);
        ifnet.members = ifnet.members.filter((m) => m !== member.index);
        break;
      }
      case 'vnet':
        moveToJail(state, ifnet, requireValue(params, i++, param));
        return printed;
      case 'destroy':
        destroy(state, ifnet);
        return undefined;
      default:
        abort('ifconfig', `${param}: bad value`);
    }
  }
  return printed;
}

export const ifconfig: Command = (args, ctx) =>
  guard(() => {
    const listed = listing(ctx, args);
    if (listed) return listed;
    const [name, ...params] = args;
    if (name === undefined || name.startsWith('-')) return abort('ifconfig', `unsupported usage: ${args.join(' ')}`);
    if (params[0] === '-vnet') {
      reclaim(ctx, name, requireValue(params, 0, '-vnet'));
      return ok();
    }
    if (params[0] === 'create') {
      const { created, printed } = cloneCreate(ctx.state, ctx.vnet, name);
      const renamed = configure(ctx, created, params.slice(1));
      const shown = renamed ?? printed;
      return ok(shown && ctx.state.ifnets.has(created.index) ? `${shown}\n` : '');
    }
    if (name.length >= IFNAMSIZ) return abort('ifconfig', `${name}: interface name too long`);
    const ifnet = findInterface(ctx.state, ctx.vnet, name);
    if (!ifnet) return abort('ifconfig', `interface ${name} does not exist`);
    if (params.length === 0) return ok(formatInterface(ctx.state, ifnet));
    const printed = configure(ctx, ifnet, params);
    return ok(printed ? `${printed}\n` : '');
  });

