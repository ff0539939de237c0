import type { JailStack } from '../topology/schema';
import { bootModel, epairEnds, KERNEL_CLONE, kernelEpairUnit, settingWords, type BootModel, type Located } from './boot-model';
import { jailName, jailQuote, RenderError, shCommand } from './quote';
import type { Topology } from '../topology/schema';

// One /etc/jail.conf.d/<jail>.conf per jail, in jail.conf(5) syntax as in reference §6
// (share/examples/jails/jail.xxx.conf, the jib header). The jail is made as the live plan makes it
// (`jail -c name=<path> host.hostname=<h> persist vnet children.max=<n>`): no `path`, so it shares
// the host's root (§5.1, "No path is needed") and exec.start runs the host's /sbin tools inside it
// (usr.sbin/jail/command.c: exec.start runs in the jail; chdir(path) only when path is set).
//
// The order jail(8) runs things (§5.1, jail.c startcommands/stopcommands):
//   exec.prestart (host) → create → vnet.interface moves → exec.start (in the jail) → exec.poststart
//   exec.prestop (host) → exec.stop (in the jail) → remove → exec.poststop (host)
// so: epairs are made and their host ends set up and bridged in exec.prestart; the jail's ends are
// handed over by vnet.interface; addresses, routes and sysctls go on inside in exec.start (a move
// erases addresses, §1.5); NICs go back with `-vnet` in exec.prestop, before the removal (§5.2, as
// Bastille does); epairs are destroyed from the host end in exec.poststop, once their jail ends have
// come back (§1.2: destroying one end destroys both).
//
// exec.* strings with shell metacharacters run through /bin/sh -c, others are split on white space
// (command.c run_command); every word is sh-quoted where needed, then the whole command is quoted for
// jail.conf (quote.ts).

export const JAIL_CONF_DIR = '/etc/jail.conf.d';

function jailConfPath(path: string): string {
  return `${JAIL_CONF_DIR}/${path}.conf`;
}

/** Commands (as sh words or a prepared line) for the host to make epair `a`⇄`b` with their names. */
function epairCreate(a: Located, b: Located, field: string): string {
  const unit = kernelEpairUnit(a.iface.name, b.iface.name);
  if (unit !== undefined) return shCommand(['ifconfig', `epair${unit}`, 'create'], field);
  // Never assume a unit is free: create, capture the printed a name, rename both ends (§0: only the a
  // name is printed, the b name is the same with a final b). Bastille's one-line form, §6.
  return `e=$(ifconfig epair create) && ifconfig "$e" name ${shCommand([a.iface.name], field)} && ifconfig "\${e%a}b" name ${shCommand([b.iface.name], field)}`;
}

function cloneCreate(kind: 'bridge' | 'loopback', name: string, field: string): string {
  if (KERNEL_CLONE[kind].test(name)) return shCommand(['ifconfig', name, 'create'], field);
  // `ifconfig <cloner> create name <new>` in one call: the output of that form is unverified (§1.3),
  // but nothing reads it here.
  return shCommand(['ifconfig', kind === 'bridge' ? 'bridge' : 'lo', 'create', 'name', name], field);
}

function routeWords(destination: string, gateway: string): string[] {
  return ['route', 'add', ...(gateway.includes(':') ? ['-inet6'] : []), destination, gateway];
}

interface Section {
  comment: string;
  param: string;
  commands: string[];
}

/** The jail.conf text for one jail. */
export function renderJailConf(model: BootModel, jail: JailStack, path: string): string {
  const field = (what: string) => `jail ${path}: ${what}`;
  const prestart: string[] = [];
  const vnetInterfaces: string[] = [];
  const start: string[] = [];
  const prestop: string[] = [];
  const poststop: string[] = [];
  const notes: string[] = [];

  // Epairs this jail makes (either end may be here, or the a end on the host).
  for (const [aId, maker] of model.epairMaker) {
    if (maker !== path) continue;
    const a = model.byId.get(aId)!;
    const { b } = epairEnds(model, a.iface as Extract<typeof a.iface, { kind: 'epair' }>);
    const what = field(`epair ${a.iface.name}/${b.iface.name}`);
    prestart.push(epairCreate(a, b, what));
    for (const end of [a, b]) {
      if (end.path !== '') continue;
      // A host end: its settings, and its bridge, now (the bridge exists from boot, rc.conf).
      const words = settingWords(end.iface);
      if (words.length) prestart.push(shCommand(['ifconfig', end.iface.name, ...words], what));
      for (const bridge of model.host.interfaces) {
        if (bridge.kind === 'bridge' && bridge.members.includes(end.iface.id)) prestart.push(shCommand(['ifconfig', bridge.name, 'addm', end.iface.name], what));
      }
    }
    // Destroy from an end that is on the host once this jail is gone (§5.2 mitigation): the host end,
    // or this jail's own end, which has come back under its name.
    const hostEnd = [a, b].find((e) => e.path === '') ?? (a.path === path ? a : b);
    poststop.push(shCommand(['ifconfig', hostEnd.iface.name, 'destroy'], what));
    const other = [a, b].find((e) => e.path !== '' && e.path !== path);
    if (other) notes.push(`${a.iface.name}/${b.iface.name} also reaches jail ${other.path}; restart the two jails together (destroying one end destroys both, §1.2).`);
  }

  // This jail's own interfaces.
  for (const iface of jail.interfaces) {
    const what = field(`interface ${iface.name}`);
    if (iface.kind === 'epair' || iface.kind === 'physical') vnetInterfaces.push(iface.name);
    if (iface.kind === 'physical') prestop.push(shCommand(['ifconfig', iface.name, '-vnet', path], what));
    if (iface.kind === 'bridge' || (iface.kind === 'loopback' && iface.name !== 'lo0')) start.push(cloneCreate(iface.kind, iface.name, what));
  }
  for (const iface of jail.interfaces) {
    const words = settingWords(iface);
    if (words.length) start.push(shCommand(['ifconfig', iface.name, ...words], field(`interface ${iface.name}`)));
  }
  for (const bridge of jail.interfaces) {
    if (bridge.kind !== 'bridge') continue;
    for (const id of bridge.members) {
      const member = jail.interfaces.find((i) => i.id === id);
      if (!member) throw new RenderError(field(`bridge ${bridge.name}`), `member "${id}" is not an interface of this jail`);
      start.push(shCommand(['ifconfig', bridge.name, 'addm', member.name], field(`bridge ${bridge.name}`)));
    }
  }
  if (jail.defaultGateway.ipv4) start.push(shCommand(routeWords('default', jail.defaultGateway.ipv4), field('defaultGateway.ipv4')));
  if (jail.defaultGateway.ipv6) start.push(shCommand(routeWords('default', jail.defaultGateway.ipv6), field('defaultGateway.ipv6')));
  for (const route of jail.staticRoutes) start.push(shCommand(routeWords(route.destination, route.gateway), field(`route ${route.destination}`)));
  // Forwarding is per vnet (§8); so are the bridge pfil sysctls (§9.3).
  if (jail.forwarding.ipv4) start.push('sysctl net.inet.ip.forwarding=1');
  if (jail.forwarding.ipv6) start.push('sysctl net.inet6.ip6.forwarding=1');
  if (jail.bridgeFilter) {
    start.push(`sysctl net.link.bridge.pfil_member=${jail.bridgeFilter.member ? 1 : 0}`);
    start.push(`sysctl net.link.bridge.pfil_bridge=${jail.bridgeFilter.bridge ? 1 : 0}`);
  }
  if (jail.nat.length || jail.pf) notes.push('This jail has its own NAT or pf rules in the design; they are not written here (only the host\'s anchors are rendered).');

  const lines: string[] = [];
  lines.push(`# ${jailConfPath(path)}: jail ${path}, written by Patchbay from the design "${model.topology.name.replace(/[\r\n]/g, ' ')}".`);
  lines.push('# Patchbay owns this file and rewrites it; changes made here are lost on the next export.');
  lines.push('# No path: the jail shares the host\'s root, as Patchbay creates it live.');
  for (const note of notes) lines.push(`# Note: ${note}`);
  if (jail.parent) lines.push(`# Nested: created inside jail ${path.split('.').slice(0, -1).join('.')}, which allows it with children.max.`);
  lines.push(`${jailName(path, field('name'))} {`);
  if (jail.hostname !== undefined) lines.push(`\thost.hostname = ${jailQuote(jail.hostname, field('hostname'))};`);
  lines.push('\tpersist;');
  lines.push('\tvnet;');
  lines.push(`\tchildren.max = ${jail.childrenMax};`);
  for (const name of vnetInterfaces) lines.push(`\tvnet.interface += ${jailQuote(name, field(`interface ${name}`))};`);
  const sections: Section[] = [
    { comment: 'On the host, before the jail exists: its epairs, their host ends set up and bridged.', param: 'exec.prestart', commands: prestart },
    { comment: 'Inside the jail, after its interfaces were handed over: addresses, routes, sysctls.', param: 'exec.start', commands: start },
    { comment: 'On the host, before removal: physical NICs back to the host.', param: 'exec.prestop', commands: prestop },
    { comment: 'On the host, after removal: the epairs this jail made, destroyed from the host end.', param: 'exec.poststop', commands: poststop },
  ];
  for (const section of sections) {
    if (!section.commands.length) continue;
    lines.push('', `\t# ${section.comment}`);
    for (const command of section.commands) lines.push(`\t${section.param} += ${jailQuote(command, field(section.param))};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Every jail's file, parents first: path and content. */
export function renderJailConfs(topology: Topology): { path: string; jail: string; content: string }[] {
  const model = bootModel(topology);
  return model.jails.map(({ jail, path }) => ({ path: jailConfPath(path), jail: path, content: renderJailConf(model, jail, path) }));
}

/** The line /etc/jail.conf needs so jail(8) reads the files above (reference §6, FreeBSD wiki JailsEpair). */
export const JAIL_CONF_INCLUDE = `.include "${JAIL_CONF_DIR}/*.conf";`;
