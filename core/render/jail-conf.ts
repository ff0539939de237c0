import type { JailStack, Topology } from '../topology/schema';
import { kernelNameProblem } from '../topology/cable';
import { bootModel, epairEnds, KERNEL_CLONE, settingCalls, type BootModel, type Located } from './boot-model';
import { jailName, jailQuote, RenderError, shCommand } from '../text/quote';
import { MANAGER_LABELS, rootOf, rootPath, type JailRoot } from '../topology/jail-root';
import { isSharedIpJail } from '../topology/shared-ip';
import { sharedIpBlock } from './jail-conf-shared-ip';

// One /etc/jail.conf.d/<jail>.conf per top-level jail, in jail.conf(5) syntax (docs/freebsd.md §6;
// share/examples/jails/jail.xxx.conf, the jib header), its nested jails in the same file. The jail is
// made as the live plan makes it (`jail -c name=<path> host.hostname=<h> persist vnet
// children.max=<n>`, plus its root's parameters); a shared-IP jail without `vnet` and with its
// ip4.addr / ip6.addr instead (jail-conf-shared-ip.ts). What else goes in depends on its root
// (core/topology/jail-root.ts, docs/freebsd.md §5.5):
// * a directory: `path`, `mount.devfs`, `devfs_ruleset`, and the Handbook's `exec.start += "/bin/sh
//   /etc/rc"` after Patchbay's network commands and `exec.stop = "/bin/sh /etc/rc.shutdown"` (FreeBSD
//   Handbook, Jails chapter, "Creating a VNET Jail"); the network commands then run the jail's own
//   /sbin tools;
// * network-only: no `path`, so it shares the host's root and exec.start runs the host's /sbin tools;
// * external (jail.conf, Bastille, AppJail): another file defines the jail, and jail(8) reads one
//   definition per name, so the network part is written commented out, for the admin to add to that
//   definition; a jail.conf.d file that defined it too would start a second, rootless copy.
//
// The order jail(8) runs things (docs/freebsd/jail.md; usr.sbin/jail/command.c):
//   exec.prestart (host) → create → vnet.interface moves → exec.start (in the jail) → exec.poststart
//   exec.prestop (host) → exec.stop (in the jail) → remove → exec.poststop (host)
// and when a start fails, jail(8) removes the jail again without running exec.poststop. So:
// * exec.prestart first removes what a failed start may have left (the cable's two names), then
//   makes each epair the way Bastille does — `ifconfig epair create`, the printed name captured,
//   both ends renamed — sets the host ends up and bridges them; it never asks for a unit number;
// * the jail's ends are handed over by vnet.interface under their stable names;
// * addresses, routes and sysctls go on inside in exec.start (a move erases addresses, §1.5), each
//   ifconfig call with its address family first and one address (core/plan/interface-steps.ts);
// * NICs go back with `-vnet` in exec.prestop, before the removal (§5.2, as Bastille does);
// * epairs are destroyed from the host end in exec.poststop (destroying one end destroys both, §1.2);
// * nested jails: rc.d/jail starts only the names in jail_list, as `jail -f <file> -c <name>` (§10),
//   so a parent starts its children in exec.poststart and stops them in exec.prestop, from this file.
// Commands are named by absolute path: exec.* run with whatever PATH jail(8) was started with.
//
// exec.* strings with shell metacharacters run through /bin/sh -c, others are split on white space
// (command.c run_command); every word is sh-quoted where needed, then the whole command is quoted
// for jail.conf (quote.ts).

export const JAIL_CONF_DIR = '/etc/jail.conf.d';

const IFCONFIG = '/sbin/ifconfig';
const ROUTE = '/sbin/route';
const SYSCTL = '/sbin/sysctl';
const JAIL = '/usr/sbin/jail';

function jailConfPath(root: string): string {
  return `${JAIL_CONF_DIR}/${root}.conf`;
}

/** The prestart lines that make epair `a`⇄`b` under its stable names, after clearing leftovers. */
function epairCreate(a: Located, b: Located, field: string): string[] {
  const kernelNamed = kernelNameProblem({ a: a.iface.name, b: b.iface.name });
  if (kernelNamed !== undefined) {
    throw new RenderError(
      field,
      `${kernelNamed} is the kernel's own name form; Patchbay makes epairs with "ifconfig epair create" and renames both ends, so give the ends names of their own (e.g. e0a_<jail> / e0b_<jail>)`,
    );
  }
  const [aName, bName] = [shCommand([a.iface.name], field), shCommand([b.iface.name], field)];
  return [
    // A failed start leaves the epair behind (jail(8) skips exec.poststop then): remove it first, so
    // this file can be started again. Destroying either end destroys both (§1.2).
    `${IFCONFIG} ${aName} destroy 2>/dev/null || true`,
    `${IFCONFIG} ${bName} destroy 2>/dev/null || true`,
    // The printed name is the a end's; the b end is the same with b for a (§1.1).
    `epair=$(${IFCONFIG} epair create) && ${IFCONFIG} "$epair" name ${aName} && ${IFCONFIG} "\${epair%a}b" name ${bName}`,
  ];
}

function cloneCreate(kind: 'bridge' | 'loopback', name: string, field: string): string {
  if (KERNEL_CLONE[kind].test(name)) return shCommand([IFCONFIG, name, 'create'], field);
  // Made by the cloner, then renamed in the same call: `name` follows `create` (ifconfig.c: clone
  // words end at the first other word, which creates the interface; docs/freebsd/ifconfig.md).
  return shCommand([IFCONFIG, kind === 'bridge' ? 'bridge' : 'lo', 'create', 'name', name], field);
}

function routeWords(destination: string, gateway: string): string[] {
  return [ROUTE, 'add', ...(gateway.includes(':') ? ['-inet6'] : []), destination, gateway];
}

function ifconfigLines(model: BootModel, located: Located, field: string): string[] {
  return settingCalls(model, located.iface).map((call) =>
    shCommand([IFCONFIG, located.iface.name, ...call.words], field),
  );
}

interface Section {
  comment: string;
  param: string;
  commands: string[];
}

/** The jail.conf block for one jail; `file` is the file it lives in (its top-level jail's). */
function renderJailBlock(model: BootModel, jail: JailStack, path: string, file: string): string[] {
  const field = (what: string) => `jail ${path}: ${what}`;
  const prestart: string[] = [];
  const vnetInterfaces: string[] = [];
  const start: string[] = [];
  const poststart: string[] = [];
  const prestop: string[] = [];
  const poststop: string[] = [];
  const notes: string[] = [];

  // Epairs this jail makes (either end may be here, or the a end on the host).
  for (const [aId, maker] of model.epairMaker) {
    if (maker !== path) continue;
    const a = model.byId.get(aId)!;
    const { b } = epairEnds(model, a.iface as Extract<typeof a.iface, { kind: 'epair' }>);
    const what = field(`epair ${a.iface.name}/${b.iface.name}`);
    prestart.push(...epairCreate(a, b, what));
    for (const end of [a, b]) {
      if (end.path !== '') continue;
      // A host end: its settings, and its bridge, now (the bridge exists from boot, rc.conf).
      prestart.push(...ifconfigLines(model, end, what));
      for (const bridge of model.host.interfaces) {
        if (bridge.kind === 'bridge' && bridge.members.includes(end.iface.id))
          prestart.push(shCommand([IFCONFIG, bridge.name, 'addm', end.iface.name], what));
      }
    }
    // Destroy from an end that is on the host once this jail is gone (§5.2 mitigation): the host end,
    // or this jail's own end, which has come back under its name.
    const hostEnd = [a, b].find((e) => e.path === '') ?? (a.path === path ? a : b);
    poststop.push(shCommand([IFCONFIG, hostEnd.iface.name, 'destroy'], what));
    const other = [a, b].find((e) => e.path !== '' && e.path !== path);
    if (other)
      notes.push(
        `${a.iface.name}/${b.iface.name} also reaches jail ${other.path}; restart the two jails together (destroying one end destroys both, §1.2).`,
      );
  }

  // This jail's own interfaces.
  for (const iface of jail.interfaces) {
    const what = field(`interface ${iface.name}`);
    if (iface.kind === 'epair' || iface.kind === 'physical') vnetInterfaces.push(iface.name);
    if (iface.kind === 'physical') prestop.push(shCommand([IFCONFIG, iface.name, '-vnet', path], what));
    if (iface.kind === 'bridge' || (iface.kind === 'loopback' && iface.name !== 'lo0'))
      start.push(cloneCreate(iface.kind, iface.name, what));
  }
  for (const iface of jail.interfaces)
    start.push(...ifconfigLines(model, { iface, stack: jail, path }, field(`interface ${iface.name}`)));
  for (const bridge of jail.interfaces) {
    if (bridge.kind !== 'bridge') continue;
    for (const id of bridge.members) {
      const member = jail.interfaces.find((i) => i.id === id);
      if (!member)
        throw new RenderError(field(`bridge ${bridge.name}`), `member "${id}" is not an interface of this jail`);
      start.push(shCommand([IFCONFIG, bridge.name, 'addm', member.name], field(`bridge ${bridge.name}`)));
    }
  }
  if (jail.defaultGateway.ipv4)
    start.push(shCommand(routeWords('default', jail.defaultGateway.ipv4), field('defaultGateway.ipv4')));
  if (jail.defaultGateway.ipv6)
    start.push(shCommand(routeWords('default', jail.defaultGateway.ipv6), field('defaultGateway.ipv6')));
  // Groups ride on the interfaces' ifconfig lines (settingCalls: `group G`); an interface route is
  // `route add [-inet6] DEST -iface IF` (sbin/route/route.c newroute()), after the interfaces are up.
  for (const route of jail.staticRoutes) {
    const at = field(`route ${route.destination}`);
    if (route.gateway !== undefined) start.push(shCommand(routeWords(route.destination, route.gateway), at));
    else {
      const iface = jail.interfaces.find((i) => i.id === route.interface);
      if (!iface) throw new RenderError(at, `interface "${route.interface}" is not an interface of this jail`);
      const family = route.destination.includes(':') ? ['-inet6'] : [];
      start.push(shCommand([ROUTE, 'add', ...family, route.destination, '-iface', iface.name], at));
    }
  }
  // Forwarding is per vnet (§8); so are the bridge pfil sysctls (§9.3).
  if (jail.forwarding.ipv4) start.push(`${SYSCTL} net.inet.ip.forwarding=1`);
  if (jail.forwarding.ipv6) start.push(`${SYSCTL} net.inet6.ip6.forwarding=1`);
  if (jail.bridgeFilter) {
    start.push(`${SYSCTL} net.link.bridge.pfil_member=${jail.bridgeFilter.member ? 1 : 0}`);
    start.push(`${SYSCTL} net.link.bridge.pfil_bridge=${jail.bridgeFilter.bridge ? 1 : 0}`);
  }
  if (jail.nat.length || jail.pf)
    notes.push(
      "This jail has its own NAT or pf rules in the design; they are not written here (only the host's anchors are rendered).",
    );

  // Children, started once this jail is up and stopped before it goes.
  for (const child of model.jails.filter((j) => j.jail.parent === jail.id)) {
    poststart.push(shCommand([JAIL, '-f', file, '-c', child.path], field(`child ${child.path}`)));
    prestop.unshift(shCommand([JAIL, '-f', file, '-r', child.path], field(`child ${child.path}`)));
  }

  const lines: string[] = [];
  for (const note of notes) lines.push(`# Note: ${note}`);
  if (jail.parent)
    lines.push(
      `# Nested: created inside jail ${path.split('.').slice(0, -1).join('.')}, which allows it with children.max, and started by it.`,
    );
  const root = rootOf(jail);
  if (root.kind === 'directory') start.push(root.execStart);
  const shared = isSharedIpJail(jail) ? sharedIpBlock(model, jail, field) : undefined;
  if (shared) {
    prestart.push(...shared.prestart);
    poststop.push(...shared.poststop);
  }
  lines.push(`${jailName(path, field('name'))} {`);
  lines.push(...rootLines(jail, root, field));
  if (root.kind !== 'external') {
    lines.push('\tpersist;');
    if (!shared) lines.push('\tvnet;');
    lines.push(`\tchildren.max = ${jail.childrenMax};`);
  }
  if (shared) lines.push(...shared.params);
  for (const name of vnetInterfaces) lines.push(`\tvnet.interface += ${jailQuote(name, field(`interface ${name}`))};`);
  const sections: Section[] = [
    {
      comment:
        'On the host, before the jail exists: leftovers of a failed start removed, its epairs made, their host ends set up and bridged.',
      param: 'exec.prestart',
      commands: prestart,
    },
    {
      comment:
        root.kind === 'directory'
          ? "Inside the jail, after its interfaces were handed over: addresses, routes, sysctls, then the jail's own rc (the Handbook's order)."
          : 'Inside the jail, after its interfaces were handed over: addresses, routes, sysctls.',
      param: 'exec.start',
      commands: start,
    },
    { comment: 'On the host, once the jail is up: its nested jails.', param: 'exec.poststart', commands: poststart },
    {
      comment: 'On the host, before removal: nested jails stopped, physical NICs back to the host.',
      param: 'exec.prestop',
      commands: prestop,
    },
    {
      comment: "Inside the jail, before removal: the jail's own rc.shutdown.",
      param: 'exec.stop',
      commands: root.kind === 'directory' ? [root.execStop] : [],
    },
    {
      comment: 'On the host, after removal: the epairs this jail made, destroyed from the host end.',
      param: 'exec.poststop',
      commands: poststop,
    },
  ];
  for (const section of sections) {
    if (!section.commands.length) continue;
    lines.push('', `\t# ${section.comment}`);
    for (const command of section.commands)
      lines.push(`\t${section.param} += ${jailQuote(command, field(section.param))};`);
  }
  lines.push('}');
  return lines;
}

/** The parameters a jail's root adds to its block: its directory and lifecycle, or a note why there are none. */
function rootLines(jail: JailStack, root: JailRoot, field: (what: string) => string): string[] {
  const hostname = (value: string) => `\thost.hostname = ${jailQuote(value, field('hostname'))};`;
  if (root.kind === 'external')
    return [
      `\t# Defined by ${MANAGER_LABELS[root.manager]}: its path, hostname, start and stop stay there; add these lines to that definition.`,
    ];
  if (root.kind === 'network-only')
    return [
      isSharedIpJail(jail)
        ? "\t# Network-only: no path, so the jail shares the host's root and runs no rc of its own; it shares the host's network stack too (no vnet)."
        : "\t# Network-only: no path, so the jail shares the host's root and runs no rc of its own; a persistent vnet jail for labs.",
      ...(jail.hostname !== undefined ? [hostname(jail.hostname)] : []),
    ];
  return [
    '\t# Its root, as the FreeBSD Handbook makes a VNET jail; put a FreeBSD userland there first (base.txz).',
    `\tpath = ${jailQuote(rootPath(root, jail.name), field('root.path'))};`,
    hostname(jail.hostname ?? jail.name),
    ...(root.mountDevfs ? ['\tmount.devfs;'] : []),
    ...(root.devfsRuleset !== undefined ? [`\tdevfs_ruleset = ${root.devfsRuleset};`] : []),
  ];
}

/** The file's opening lines: what it is and who owns it, which depends on who defines its jails. */
function header(file: string, rootPathName: string, family: number, designName: string, root: JailRoot): string[] {
  const what = `jail ${rootPathName}${family > 1 ? ' and the jails nested in it' : ''}`;
  if (root.kind === 'external')
    return [
      `# ${file}: the network part of ${what}, from the Patchbay design "${designName}".`,
      `# ${MANAGER_LABELS[root.manager]} defines, starts and stops this jail, not Patchbay: Patchbay only moves its`,
      '# interfaces in and configures them. Everything below is commented out so that jail(8) never reads a',
      "# second definition of it; add the lines to the jail's own definition to make the network last.",
    ];
  return [
    `# ${file}: ${what}, written by Patchbay from the design "${designName}".`,
    '# Patchbay owns this file and rewrites it; changes made here are lost on the next export.',
  ];
}

/** One file per top-level jail, its nested jails in it (parents first): path, jail and content. */
export function renderJailConfs(topology: Topology): { path: string; jail: string; content: string }[] {
  const model = bootModel(topology);
  const roots = model.jails.filter((j) => !j.path.includes('.'));
  return roots.map((root) => {
    const file = jailConfPath(root.path);
    const family = model.jails.filter((j) => j.path === root.path || j.path.startsWith(`${root.path}.`));
    const jailRoot = rootOf(root.jail);
    const lines = header(file, root.path, family.length, model.topology.name.replace(/[\r\n]/g, ' '), jailRoot);
    const body: string[] = [];
    for (const { jail, path } of family)
      body.push(...(path === root.path ? [] : ['']), ...renderJailBlock(model, jail, path, file));
    // An external jail's lines are for its own definition: jail(8) must not see them here.
    lines.push(...(jailRoot.kind === 'external' ? body.map((line) => (line ? `# ${line}` : '#')) : body));
    return { path: file, jail: root.path, content: `${lines.join('\n')}\n` };
  });
}

/** The line /etc/jail.conf needs so jail(8) reads the files above (docs/freebsd.md §6, FreeBSD wiki JailsEpair). */
export const JAIL_CONF_INCLUDE = `.include "${JAIL_CONF_DIR}/*.conf";`;
