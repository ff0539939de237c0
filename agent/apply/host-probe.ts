import type { Interface } from '../../core/topology/schema';
import { isInterfaceRoute, jailStackId, routesOf } from '../discovery/read-host';
import { toInterface } from '../discovery/to-interfaces';
import type { Executor, RunRequest } from '../executor/types';
import { parseIfconfig } from '../freebsd/ifconfig-parse';
import { parseJlsParams } from '../freebsd/jls-parse';
import { parseNetstatRoutes } from '../freebsd/netstat-routes';
import { parseSysctlValues } from '../freebsd/sysctl-parse';

// Small, fresh looks at one object on the host, through the same commands and parsers discovery
// uses. Recovery asks before every inverse whether the step's effect is still there; reading the
// whole host each time would cost a full discovery per step (minutes for a large host), and a read
// kept from earlier would be stale as soon as one inverse ran.

export interface ProbedInterface {
  iface: Interface;
  /** Whether Patchbay's mark is in its description. */
  owned: boolean;
  /** Bridge members by name, as the kernel lists them. */
  members: string[];
}

export interface StackRoutes {
  defaultGateway: { ipv4?: string; ipv6?: string };
  /** Gateway routes, and interface routes (`route add -iface`: flags S without G or H) with `interface`. */
  staticRoutes: { destination: string; gateway?: string; interface?: string }[];
  forwarding: { ipv4: boolean; ipv6: boolean };
}

export interface HostProbe {
  /** An interface of a stack ("" the host, else a jail path); undefined when it or the stack is not there. */
  iface(stack: string, name: string): Promise<ProbedInterface | undefined>;
  /** A vnet jail by path, with its children.max; undefined when there is none. */
  jail(path: string): Promise<{ childrenMax: number } | undefined>;
  /** Routes and forwarding of a stack; undefined when the stack is not there. */
  routes(stack: string): Promise<StackRoutes | undefined>;
  /** A pf anchor's rules as pfctl prints them (empty when it does not exist). */
  anchor(name: string): Promise<{ rules: string[]; nat: string[] }>;
}

const JLS_PARAMS = ['jid', 'name', 'path', 'host.hostname', 'vnet', 'parent', 'children.max'];
const FORWARDING = ['net.inet.ip.forwarding', 'net.inet6.ip6.forwarding'];

export function probeHost(executor: Executor): HostProbe {
  const run = async (request: RunRequest) => executor.run(request);
  const inStack = (stack: string) => (stack === '' ? {} : { jail: stack });
  const probe: HostProbe = {
    async iface(stack, name) {
      if (stack !== '' && !(await probe.jail(stack))) return undefined;
      const result = await run({ argv: ['ifconfig', name], ...inStack(stack) });
      const raw = result.code === 0 ? parseIfconfig(result.stdout).find((i) => i.name === name) : undefined;
      if (!raw) return undefined;
      const read = toInterface(stack === '' ? 'host' : jailStackId(stack), raw);
      return { iface: read.iface, owned: read.owned, members: (raw.bridge?.members ?? []).map((m) => m.name) };
    },
    async jail(path) {
      const result = await run({ argv: ['jls', '--libxo', 'json', ...JLS_PARAMS] });
      if (result.code !== 0) return undefined;
      const jail = parseJlsParams(result.stdout).find((j) => j.name === path && j.vnet === 'new');
      return jail ? { childrenMax: jail.childrenMax ?? 0 } : undefined;
    },
    async routes(stack) {
      if (stack !== '' && !(await probe.jail(stack))) return undefined;
      // As discovery reads them: netstat -j for a jail (no userland needed inside), -W for whole names.
      const netstat = await run({
        argv: ['netstat', ...(stack ? ['-j', stack] : []), '-r', '-n', '-W', '--libxo', 'json'],
      });
      const sysctl = await run({ argv: ['sysctl', '-n', ...FORWARDING], ...inStack(stack) });
      if (netstat.code !== 0 || sysctl.code !== 0) return undefined;
      // As discovery reads them (read-host.ts routesOf, isInterfaceRoute), interface routes by name.
      const entries = parseNetstatRoutes(netstat.stdout);
      const { defaultGateway, staticRoutes } = routesOf(entries);
      const values = parseSysctlValues(sysctl.stdout, FORWARDING);
      return {
        defaultGateway,
        staticRoutes: [
          ...staticRoutes,
          ...entries.filter(isInterfaceRoute).map((e) => ({ destination: e.destination, interface: e.interface })),
        ],
        forwarding: {
          ipv4: values['net.inet.ip.forwarding'] === '1',
          ipv6: values['net.inet6.ip6.forwarding'] === '1',
        },
      };
    },
    async anchor(name) {
      const lines = async (what: string) => {
        const result = await run({ argv: ['pfctl', '-a', name, '-s', what] });
        return result.code === 0 ? result.stdout.split('\n').filter(Boolean) : [];
      };
      return { rules: await lines('rules'), nat: await lines('nat') };
    },
  };
  return probe;
}
