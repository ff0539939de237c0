import { isExternal } from '../topology/jail-root';
import { compilePf } from '../pf/compile';
import type { Interface, Topology } from '../topology/schema';
import { bootModel, KERNEL_CLONE, markable, type BootModel } from './boot-model';
import { cableOfInterface, designedMac, kernelNameProblem } from '../topology/cable';
import { rcDescription, rcIfconfigValue, rcInterfaceVar, rcQuote, RenderError } from '../text/quote';
import { markDescription } from '../topology/ownership';
import { mtuRefusal } from '../validate/rules-mtu';

// The host's boot configuration: lines for /etc/rc.conf, /etc/sysctl.conf and /boot/loader.conf.
// These files belong to the user; Patchbay shows the lines to add and never writes them.
//
// Sources (docs/freebsd.md unless said otherwise):
// * cloned_interfaces, ifconfig_<if>, members' own `ifconfig_<m>="up"`: §10 (if_bridge.4 EXAMPLES).
// * Address before addm in one line ("You can't have multiple ifconfig lines. The order matters -
//   you can't have addm first"): §10, FreeBSD wiki MasonLoringBliss/JailsEpair; the line
//   `inet <addr> mtu <n> addm <m> ... up` follows Bastille's sample there.
// * gateway_enable / ipv6_gateway_enable §8, pf_enable / jail_enable / jail_list §10.
// * Everything below is read from freebsd/freebsd-src:libexec/rc/network.subr (not the reference):
//   `ifconfig_<if>_aliasN` (ifalias_af_common, with the "inet"/"inet6" keyword first),
//   `ifconfig_<if>_ipv6` (ifconfig_up), `ifconfig_<if>_descr` (ifconfig_up: `ifconfig $1 description`),
//   `ifconfig_<if>_name` (ifnet_rename), cloned_interfaces `epairN` creating epairNa/epairNb
//   (clone_up), and the ".-/+" → "_" rule for variable names (get_if_var). Which release first had
//   `_descr` was not checked. That rc.d/netif renames (ifnet_rename) after clone_up and before it
//   configures interfaces is our reading, not verified against rc.d/netif.
// * defaultrouter, ipv6_defaultrouter, static_routes/route_<name> are rc.conf(5) names that the
//   reference does not cite (unverified here; they are the standard rc.conf(5) variables).
// * Interface routes: rc.d/routing static_inet() runs `${ROUTE_CMD} add ${route_args}` for each name
//   in static_routes, with route_args from route_<name> (static_inet6(): `route add -inet6
//   ${ipv6_route_args}` from ipv6_route_<name>); rc.d/routing writes its own interface route the same
//   way, `route__loopback="-inet 127.0.0.1 -iface lo0"` (freebsd/freebsd-src:libexec/rc/rc.d/routing,
//   commit 023fc80e). So `route_patchbayN="-net 10.9.0.0/24 -iface epair0b"`. rc.d/routing REQUIREs
//   netif, so the interfaces rc.conf makes exist by then; an interface a jail makes later does not.
// * Interface groups: network.subr ifconfig_up runs `ifconfig $1 $_args` with ifconfig_<if>'s words,
//   and `group G` is one of ifconfig's parameters (sbin/ifconfig/ifgroup.c group_cmds), so the groups
//   ride on that line before `up`, as the live plan sets them (core/plan/interface-steps.ts).
// * network.subr brings up every interface it configures (ifconfig_up runs `ifconfig $1 up`), so an
//   interface that is down in the design cannot be written as configured; it is listed as a comment.

type HostInterface = Interface;

function assign(name: string, value: string): string {
  return `${name}=${value}`;
}

/** The cloned name rc.conf creates for a host bridge/loopback, and whether it must be renamed. */
function cloneNames(model: BootModel): Map<string, string> {
  const used = new Set(model.host.interfaces.map((i) => i.name));
  const kernel = new Map<string, string>();
  for (const iface of model.host.interfaces) {
    if (iface.kind !== 'bridge' && iface.kind !== 'loopback') continue;
    if (iface.name === 'lo0') continue;
    if (KERNEL_CLONE[iface.kind].test(iface.name)) {
      kernel.set(iface.id, iface.name);
      continue;
    }
    // A custom name: clone a free unit and rename it (ifconfig_<unit>_name). "Free" means no design
    // interface has that name; an interface outside the design could still hold it.
    const stem = iface.kind === 'bridge' ? 'bridge' : 'lo';
    let unit = iface.kind === 'loopback' ? 1 : 0;
    while (used.has(`${stem}${unit}`)) unit++;
    used.add(`${stem}${unit}`);
    kernel.set(iface.id, `${stem}${unit}`);
  }
  return kernel;
}

export function renderRcConf(topology: Topology): string {
  const model = bootModel(topology);
  const { host } = model;
  const field = (iface: HostInterface, what = '') => `host interface ${iface.name}${what ? ` ${what}` : ''}`;
  const kernel = cloneNames(model);
  const out: string[] = [];
  out.push(
    `# Lines for /etc/rc.conf: the host "${host.hostname.replace(/[\r\n]/g, ' ')}" in the design "${topology.name.replace(/[\r\n]/g, ' ')}", shown by Patchbay.`,
  );
  out.push('# Add them yourself, or let Patchbay keep them in a marked block ("Persist" on the host\'s');
  out.push('# page). A variable set here and above it in your rc.conf: the later one wins, so keep one of the two.');

  // What exists at boot: the host's bridges and loopbacks, and epairs with both ends on the host.
  // Epairs reaching a jail are made by that jail's exec.prestart (jail-conf.ts).
  const cloned: string[] = [];
  const renames: string[] = [];
  const bootEpairEnds = new Set<string>();
  for (const iface of host.interfaces) {
    if (iface.kind === 'bridge' || iface.kind === 'loopback') {
      const name = kernel.get(iface.id);
      if (name === undefined) continue;
      cloned.push(name);
      if (name !== iface.name)
        renames.push(
          assign(`ifconfig_${rcInterfaceVar(name, field(iface))}_name`, rcQuote(iface.name, field(iface, 'name'))),
        );
    }
    if (iface.kind === 'epair' && iface.end === 'a' && model.epairMaker.get(iface.id) === '') {
      // An epair with both ends on the host is made at boot by cloned_interfaces="epairN", which
      // network.subr clone_up creates as epairNa/epairNb, then renamed by ifconfig_<if>_name
      // (ifnet_rename). At boot nothing else is creating epairs yet, so a unit is named here; the
      // renames free the kernel names again.
      const peer = model.byId.get(iface.peer)!;
      if (kernelNameProblem({ a: iface.name, b: peer.iface.name }) !== undefined)
        throw new RenderError(
          field(iface),
          `${iface.name}/${peer.iface.name}: give the cable's ends names of their own; a name of the kernel's form epairNa/epairNb blocks that unit for every later "ifconfig epair create"`,
        );
      let unit = 0;
      while (cloned.includes(`epair${unit}`)) unit++;
      cloned.push(`epair${unit}`);
      renames.push(
        assign(`ifconfig_epair${unit}a_name`, rcQuote(iface.name, field(iface, 'name'))),
        assign(`ifconfig_epair${unit}b_name`, rcQuote(peer.iface.name, field(peer.iface, 'name'))),
      );
      bootEpairEnds.add(iface.id).add(peer.iface.id);
    }
  }
  const existsAtBoot = (iface: HostInterface) => iface.kind !== 'epair' || bootEpairEnds.has(iface.id);

  out.push('');
  out.push('# Interfaces created at boot. Epairs that reach a jail are made by the jail (/etc/jail.conf.d).');
  out.push(assign('cloned_interfaces', rcQuote(cloned.join(' '), 'cloned_interfaces')));
  if (renames.length) {
    out.push('# Renamed after creation (network.subr ifnet_rename).');
    out.push(...renames);
  }

  const members = new Set(host.interfaces.flatMap((i) => (i.kind === 'bridge' ? i.members : [])));
  const down: string[] = [];
  const later: string[] = [];
  const blocks: string[][] = [];
  // Members first, then bridges: a reader sees each member configured before the bridge that adds it.
  const ordered = [
    ...host.interfaces.filter((i) => i.kind !== 'bridge'),
    ...host.interfaces.filter((i) => i.kind === 'bridge'),
  ];
  for (const iface of ordered) {
    if (iface.name === 'lo0') continue; // rc configures lo0 itself (network.subr ipv4_up adds 127.0.0.1/8).
    if (!existsAtBoot(iface)) {
      later.push(iface.name);
      continue;
    }
    if (!iface.up) {
      down.push(iface.name);
      continue;
    }
    const v = rcInterfaceVar(iface.name, field(iface));
    const v4 = iface.addresses.filter((a) => !a.includes(':'));
    const v6 = iface.addresses.filter((a) => a.includes(':'));
    const cable = cableOfInterface((id) => model.byId.get(id)?.iface, iface);
    const mac = designedMac(host.hostname, iface, cable);
    // ifconfig_<if> is one ifconfig call, so its first word is the address family (`inet A` or, for
    // a MAC, `ether M`: ether is a family, not a parameter; docs/freebsd/ifconfig.md); with a MAC the
    // IPv4 addresses all go to _aliasN.
    const words: string[] = [];
    const mainV4 = mac === undefined ? v4[0] : undefined;
    if (mac !== undefined) words.push('ether', mac);
    else if (mainV4) words.push('inet', mainV4);
    if (iface.mtu !== undefined) {
      // An MTU ifconfig would refuse at boot (issue 16: `mtu 99999999` was written) is not written.
      const refusal = mtuRefusal(iface.kind, iface.mtu, topology.target.freebsd);
      if (refusal) throw new RenderError(field(iface, 'mtu'), refusal);
      words.push('mtu', String(iface.mtu));
    }
    if (iface.kind === 'bridge') {
      for (const id of iface.members) {
        const member = host.interfaces.find((m) => m.id === id);
        if (!member) throw new RenderError(field(iface, 'members'), `member "${id}" is not a host interface`);
        if (existsAtBoot(member)) words.push('addm', member.name);
      }
    }
    for (const group of [...new Set(iface.groups ?? [])].sort()) words.push('group', group);
    words.push('up');
    const block: string[] = [];
    block.push(assign(`ifconfig_${v}`, rcIfconfigValue(words, field(iface))));
    if (v6[0]) block.push(assign(`ifconfig_${v}_ipv6`, rcIfconfigValue(['inet6', v6[0]], field(iface, 'addresses'))));
    const aliases = [...v4.slice(mainV4 ? 1 : 0).map((a) => ['inet', a]), ...v6.slice(1).map((a) => ['inet6', a])];
    aliases.forEach((alias, n) =>
      block.push(assign(`ifconfig_${v}_alias${n}`, rcIfconfigValue(alias, field(iface, 'addresses')))),
    );
    const description = markable(iface) ? markDescription(iface.description, cable) : iface.description;
    if (description !== undefined && description !== '')
      block.push(assign(`ifconfig_${v}_descr`, rcDescription(description, field(iface, 'description'))));
    const role = iface.kind === 'bridge' ? 'bridge' : members.has(iface.id) ? 'bridge member' : iface.kind;
    blocks.push([`# ${iface.name}: ${role}`, ...block]);
  }
  for (const block of blocks) out.push('', ...block);
  if (later.length) out.push('', `# Made by their jails' exec.prestart, not at boot: ${later.join(', ')}.`);
  if (down.length)
    out.push(
      '',
      `# Down in the design, so not configured here (rc.conf brings up what it configures): ${down.join(', ')}.`,
    );
  const downGroups = host.interfaces.filter((i) => down.includes(i.name) && i.groups?.length);
  if (downGroups.length)
    out.push(
      `# Their interface groups are not set at boot either: ${downGroups.map((i) => `${i.name} (${i.groups!.join(', ')})`).join('; ')}.`,
    );

  const routing: string[] = [];
  if (host.forwarding.ipv4) routing.push(assign('gateway_enable', '"YES"'));
  if (host.forwarding.ipv6) routing.push(assign('ipv6_gateway_enable', '"YES"'));
  if (host.defaultGateway.ipv4)
    routing.push(assign('defaultrouter', rcIfconfigValue([host.defaultGateway.ipv4], 'host defaultGateway.ipv4')));
  if (host.defaultGateway.ipv6)
    routing.push(assign('ipv6_defaultrouter', rcIfconfigValue([host.defaultGateway.ipv6], 'host defaultGateway.ipv6')));
  // Each route's words after `route add`: the gateway, or `-iface IF` for an interface route. One
  // through an interface that a jail makes later cannot be added by rc.d/routing: said in a comment.
  const notAtBoot: string[] = [];
  const routeArgs = host.staticRoutes.flatMap((r) => {
    if (r.gateway !== undefined) return [{ destination: r.destination, words: [r.gateway] }];
    const iface = host.interfaces.find((i) => i.id === r.interface);
    if (!iface)
      throw new RenderError(`host route ${r.destination}`, `interface "${r.interface}" is not a host interface`);
    if (!existsAtBoot(iface)) {
      notAtBoot.push(`${r.destination} -iface ${iface.name}`);
      return [];
    }
    return [{ destination: r.destination, words: ['-iface', iface.name] }];
  });
  const v4routes = routeArgs.filter((r) => !r.destination.includes(':'));
  const v6routes = routeArgs.filter((r) => r.destination.includes(':'));
  if (v4routes.length) {
    routing.push(assign('static_routes', rcQuote(v4routes.map((_, i) => `patchbay${i}`).join(' '), 'static_routes')));
    v4routes.forEach((r, i) =>
      routing.push(
        assign(
          `route_patchbay${i}`,
          rcIfconfigValue(['-net', r.destination, ...r.words], `host route ${r.destination}`),
        ),
      ),
    );
  }
  if (v6routes.length) {
    routing.push(
      assign('ipv6_static_routes', rcQuote(v6routes.map((_, i) => `patchbay${i}`).join(' '), 'ipv6_static_routes')),
    );
    v6routes.forEach((r, i) =>
      routing.push(
        assign(
          `ipv6_route_patchbay${i}`,
          rcIfconfigValue(['-net', r.destination, ...r.words], `host route ${r.destination}`),
        ),
      ),
    );
  }
  if (notAtBoot.length)
    routing.push(
      `# Not added at boot: ${notAtBoot.join(', ')}: the interface is made by its jail's exec.prestart, after rc.d/routing.`,
    );
  if (routing.length) out.push('', "# Routing: forwarding (net.inet.ip.forwarding) and the host's routes.", ...routing);

  if (compilePf(topology).size)
    out.push('', "# pf, for Patchbay's anchors (see the pf.conf hook lines).", assign('pf_enable', '"YES"'));

  // A jail another tool defines is started by that tool (Bastille and AppJail have rc scripts of
  // their own), never from Patchbay's jail_list.
  const external = model.jails.filter((j) => !j.path.includes('.') && isExternal(j.jail)).map((j) => j.path);
  if (external.length) out.push('', `# Started by the tools that define them, not listed here: ${external.join(' ')}.`);
  if (model.jails.some((j) => !isExternal(j.jail))) {
    const roots = model.jails.filter((j) => !j.path.includes('.') && !isExternal(j.jail));
    const nested = model.jails.length > roots.length + external.length;
    out.push(
      '',
      `# Jails, started in this order, each from /etc/jail.conf.d/<name>.conf${nested ? '; nested jails are started by their parents' : ''}.`,
    );
    out.push(assign('jail_enable', '"YES"'));
    // Top-level names only: rc.d/jail maps each name with `tr /. _` before it looks for its file,
    // so a "parent.child" name would never be started from here (docs/freebsd.md §10).
    out.push(assign('jail_list', rcQuote(roots.map((j) => j.path).join(' '), 'jail_list')));
  }
  return `${out.join('\n')}\n`;
}

/** /etc/sysctl.conf lines: the host's bridge pfil sysctls, when the design sets them (§9.3). */
export function renderSysctlConf(topology: Topology): string | undefined {
  const { host } = bootModel(topology);
  if (!host.bridgeFilter) return undefined;
  return [
    '# Lines for /etc/sysctl.conf, shown by Patchbay: whether pf sees bridged frames on the host',
    '# (net.link.bridge.pfil_member / pfil_bridge, default 1). They need if_bridge',
    '# loaded before sysctl.conf is read: see /boot/loader.conf.',
    `net.link.bridge.pfil_member=${host.bridgeFilter.member ? 1 : 0}`,
    `net.link.bridge.pfil_bridge=${host.bridgeFilter.bridge ? 1 : 0}`,
    '',
  ].join('\n');
}

/** /boot/loader.conf lines: if_bridge at boot, when there are bridges and sysctls about them (§8). */
export function renderLoaderConf(topology: Topology): string | undefined {
  const hasBridge = topology.stacks.some((s) => s.interfaces.some((i) => i.kind === 'bridge'));
  if (!hasBridge || renderSysctlConf(topology) === undefined) return undefined;
  return [
    '# Lines for /boot/loader.conf, shown by Patchbay: load if_bridge at boot, so the',
    '# net.link.bridge.* lines in /etc/sysctl.conf exist when they are applied.',
    'if_bridge_load="YES"',
    '',
  ].join('\n');
}
