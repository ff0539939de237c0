import { ERRNO, type Errno } from '../../errno';
import { attachIfnet } from '../../ifnet';
import { findInterface, generatedMac, randomBytes, type HostState, type Ifnet } from '../../state';
import { abort } from '../output';

// `ifconfig <cloner>[unit] create`: the kernel's interface cloners (sys/net/if_clone.c, if_epair.c,
// if_bridge.c, if_loop.c), as docs/freebsd/ifconfig.md (Kernel) records them:
// * a cloner matches its own name followed by digits only: `epair3` is fine, `epair3a` is no epair
//   unit (if_epair.c epair_clone_match) — the create then fails because no cloner takes the name;
// * without a unit, the lowest unit the cloner has not handed out is taken (alloc_unr); a unit stays
//   taken while its interface lives, whatever it has been renamed to;
// * an epair unit is refused with EEXIST when `epairNa` or `epairNb` already exists
//   (if_epair.c epair_handle_unit), so a name of that form held by someone else blocks the unit;
// * ifconfig prints the new name when it differs from the one asked for (ifclone.c ifclonecreate:
//   printifname), and words a failure "interface %s already exists" (EEXIST) or err "SIOCIFCREATE2".

const CLONERS = { bridge: 'bridge', epair: 'epair', lo: 'loopback' } as const;
type Cloner = keyof typeof CLONERS;

function unitsInUse(state: HostState, cloner: Cloner, vnet: number): Set<number> {
  const units = new Set<number>();
  for (const ifnet of state.ifnets.values())
    if (ifnet.cloner === cloner && ifnet.homeVnet === vnet && ifnet.unit !== undefined) units.add(ifnet.unit);
  return units;
}

function createError(state: HostState, requested: string, errno: Errno): never {
  if (errno === 'EEXIST') abort('ifconfig', `interface ${requested} already exists`);
  // 13's ioctl_ifcreate says err(1, "SIOCIFCREATE2"); the 14-era one adds the name (docs/freebsd/ifconfig.md).
  return abort(
    'ifconfig',
    `${state.release === '13' ? 'SIOCIFCREATE2' : `SIOCIFCREATE2 (${requested})`}: ${ERRNO[errno]}`,
  );
}

/** The interface made, and the name ifconfig prints when it differs from the one asked for. */
export function cloneCreate(state: HostState, vnet: number, requested: string): { created: Ifnet; printed?: string } {
  // ifc_name2unit: digits only, and no leading zero ("epair01" is EINVAL).
  const match = /^(bridge|epair|lo)(0|[1-9][0-9]*)?$/.exec(requested);
  if (!match) return createError(state, requested, 'EINVAL');
  const cloner = match[1] as Cloner;
  const inUse = unitsInUse(state, cloner, vnet);
  const nameTaken = (name: string) => findInterface(state, vnet, name) !== undefined;
  let unit: number;
  if (match[2] !== undefined) {
    unit = Number(match[2]);
    if (inUse.has(unit)) createError(state, requested, 'EEXIST');
  } else {
    // alloc_unr, skipping units whose plain name someone holds (if_clone.c ifc_alloc_unit retries).
    for (unit = 0; inUse.has(unit) || (cloner !== 'epair' && nameTaken(`${cloner}${unit}`)); unit++);
  }
  if (cloner !== 'epair') {
    if (nameTaken(`${cloner}${unit}`)) createError(state, requested, 'EEXIST');
    if (cloner === 'bridge') state.modules.add('if_bridge'); // ifconfig loads if_bridge for a bridge name (ifmaybeload)
    const created = attachIfnet(state, {
      name: `${cloner}${unit}`,
      kind: CLONERS[cloner],
      vnet,
      up: false,
      mtu: cloner === 'lo' ? 16384 : 1500,
      cloner,
      unit,
      ...(cloner === 'bridge' ? { mac: generatedMac(state) } : {}),
    });
    return { created, ...(created.name !== requested ? { printed: created.name } : {}) };
  }
  if (nameTaken(`epair${unit}a`) || nameTaken(`epair${unit}b`)) createError(state, requested, 'EEXIST');
  const base = { kind: 'epair' as const, vnet, up: false, mtu: 1500, cloner, unit };
  // Each end is attached with its MAC (ether_ifattach(), which also keeps it as the end's original
  // hardware address: ifnet.ts attachIfnet).
  let macs: [string, string];
  if (state.release === '15') {
    // 15 defaults net.link.epair.ether_gen_addr=1: stable FreeBSD-OUI MACs (docs/freebsd.md §2.4).
    macs = [generatedMac(state), generatedMac(state)];
  } else {
    // 13/14: 02 + four hashed bytes + 0a/0b, the b end a copy of the a end (docs/freebsd.md §2.4).
    const middle = randomBytes(state, 4).join(':');
    macs = [`02:${middle}:0a`, `02:${middle}:0b`];
  }
  const a = attachIfnet(state, { ...base, name: `epair${unit}a`, mac: macs[0] });
  const b = attachIfnet(state, { ...base, name: `epair${unit}b`, mac: macs[1] });
  a.peer = b.index;
  b.peer = a.index;
  return { created: a, printed: a.name };
}
