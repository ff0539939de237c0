import { formatCidr } from '../net/ip';
import { jailQuote, shCommand } from '../text/quote';
import { SHARED_IP_FAMILIES, jailAddresses, type SharedIpJail } from '../topology/shared-ip';
import type { BootModel } from './boot-model';

// The jail.conf(5) lines of a shared-IP (non-vnet) jail (core/topology/shared-ip.ts): no `vnet`, and
// its addresses as `ip4.addr = "lo1|10.17.89.1/32", "lo1|10.17.89.3/32";`, a value list separated by
// commas (usr.sbin/jail/jailparse.y: `value : string (',' string)*`). jail(8) adds each `iface|addr`
// as an alias before the jail is created and removes it after (usr.sbin/jail/command.c run_command,
// IP__IP4_IFADDR / IP__IP6_IFADDR, `alias` / `-alias`), so the file needs no ifconfig of its own for
// them, except for a jail nested in a vnet jail: jail(8) runs that ifconfig in the host's stack, so
// there the aliases are added inside the vnet jail by exec.prestart and taken off by exec.poststop.

const IFCONFIG = '/sbin/ifconfig';
const JEXEC = '/usr/sbin/jexec';

export interface SharedIpBlock {
  params: string[];
  prestart: string[];
  poststop: string[];
}

export function sharedIpBlock(model: BootModel, jail: SharedIpJail, field: (what: string) => string): SharedIpBlock {
  const block: SharedIpBlock = { params: [], prestart: [], poststop: [] };
  const addresses = jailAddresses(jail.sharedIp);
  for (const { key, family } of SHARED_IP_FAMILIES) {
    const what = field(`${key}.addr`);
    if (jail.sharedIp[key] === 'inherit') {
      block.params.push(`\t${key} = inherit;`);
      continue;
    }
    const values = addresses
      .filter((a) => a.cidr.family === family)
      .map((address) => {
        const carrier = address.entry.interface === undefined ? undefined : model.byId.get(address.entry.interface);
        const cidr = formatCidr(address.cidr);
        if (!carrier || carrier.path === '') return jailQuote(carrier ? `${carrier.iface.name}|${cidr}` : cidr, what);
        const words = [IFCONFIG, carrier.iface.name, family === 4 ? 'inet' : 'inet6', cidr];
        block.prestart.push(shCommand([JEXEC, carrier.path, ...words, 'alias'], what));
        block.poststop.push(shCommand([JEXEC, carrier.path, ...words, '-alias'], what));
        return jailQuote(cidr, what);
      });
    if (values.length) block.params.push(`\t${key}.addr = ${values.join(', ')};`);
  }
  return block;
}
