import { familyOf, lastAddress, mask6, maxBits, maskAddr, type Addr } from '../net/addr';
import { inPrefix4 } from '../net/ipv4';
import { interfaceMatches } from '../pf/match';
import type { PfContext } from '../pf/evaluate';
import { resolveTable, type AddressAtom, type Rule } from '../pf/ruleset';
import type { AuditInterface, AuditNetwork } from './network';

// Two addresses that every prefix in the network (pf rules and tables, routes, gateways, LANs,
// interface addresses named by rules) treats alike get the same answer from pf and from every
// routing table: they are in one class. The matrix asks one question per class instead of one per
// address (the "atoms" idea of network verifiers such as AP Verifier).

interface Atom {
  net: Addr;
  bits: number;
}

const host = (address: Addr): Atom => ({ net: address, bits: maxBits(familyOf(address)) });

/**
 * Whether a request from a jail can come in on this interface: not on a NIC alone on its LAN and in
 * no bridge, which only the stack's own packets leave by (the walk never brings them back in on it:
 * a packet to the stack's own address is delivered before it is routed).
 */
function jailsCanEnter(iface: AuditInterface): boolean {
  return !(iface.kind === 'physical' && !iface.bridge && iface.lan?.nics.length === 1 && iface.lan.nics[0] === iface);
}

/**
 * `ins`: the interfaces a jail's request may come in on that the enclosing anchors' `on` allows. An
 * rdr's target tells its address apart only where such a request can meet the rdr: a request
 * entering on the host's NIC comes from the LAN or the internet, never from a jail, and the matrix
 * (the classes' only user) asks from jails. Otherwise each port forward's jail would leave its
 * look-alike group and the matrix would ask far more pairs, none of which can meet the rdr.
 */
function atomsOfRule(
  rules: readonly Rule[],
  resolve: (atom: AddressAtom) => Atom[],
  into: Atom[],
  ctx: PfContext,
  ins: readonly string[],
): void {
  for (const rule of rules) {
    for (const term of [...rule.from.terms, ...rule.to.terms]) into.push(...resolve(term.atom));
    const met = rule.kind !== 'rdr' || ins.some((n) => interfaceMatches(ctx, rule.on, n));
    if ((rule.kind === 'nat' || rule.kind === 'rdr' || rule.kind === 'binat') && rule.target && met)
      into.push(...resolve(rule.target));
    if (rule.kind === 'anchor' && rule.body)
      atomsOfRule(
        rule.body,
        resolve,
        into,
        ctx,
        ins.filter((n) => interfaceMatches(ctx, rule.on, n)),
      );
  }
}

export class AddressClasses {
  /** IPv4 atoms (numbers), kept apart so the hot IPv4 path stays number arithmetic. */
  private readonly atoms: { net: number; bits: number }[];
  /** With their masks: one bigint AND per atom in classOf (inPrefix masks both sides). */
  private readonly atoms6: { net: bigint; bits: number; mask: bigint }[];
  private readonly byAddress = new Map<Addr, number>();
  private readonly byKey = new Map<string, number>();

  constructor(net: AuditNetwork) {
    const atoms: Atom[] = [];
    for (const stack of net.stacks) {
      for (const route of stack.routes) {
        atoms.push({ net: route.net, bits: route.bits });
        if (route.gateway !== undefined) atoms.push(host(route.gateway));
      }
      if (!stack.pf) continue;
      const { ctx, ruleset } = stack.pf;
      // The atoms are a set: a table, or the stack's interface-relative atoms, named by many rules
      // is resolved once. Resolved again per term (the host has 100 bridges and 500 rules), this
      // constructor took 402 ms of the dual-stack matrix's three profiled rounds.
      const tablesSeen = new Set<string>();
      let interfacesSeen = false;
      const resolve = (atom: AddressAtom): Atom[] => {
        if (atom.kind === 'cidr') return [{ net: atom.net, bits: atom.bits }];
        if (atom.kind === 'table') {
          // Tables are scoped per anchor with the main ruleset's as fallback, as pf and the walk see them.
          const key = resolveTable(ctx.tables, atom.anchor, atom.name);
          if (key === undefined || tablesSeen.has(key)) return [];
          tablesSeen.add(key);
          return (ctx.tables.get(key) ?? []).flatMap((t) => resolve(t.atom));
        }
        if (atom.kind === 'interface' || atom.kind === 'self' || atom.kind === 'no-route') {
          if (interfacesSeen) return [];
          interfacesSeen = true;
          // Interface-relative atoms: every address and network of the stack, so any of them is told apart.
          return stack.interfaces.flatMap((i) =>
            i.addresses.flatMap((p) => [host(p.address), { net: p.address, bits: p.bits }, host(lastAddress(p))]),
          );
        }
        return [];
      };
      const ins = stack.interfaces.filter(jailsCanEnter).map((i) => i.name);
      atomsOfRule([...ruleset.filter, ...ruleset.translation], resolve, atoms, ctx, ins);
    }
    for (const lan of net.lans) {
      atoms.push({ net: lan.net.address, bits: lan.net.bits }, host(lan.sample));
      if (lan.gateway !== undefined) atoms.push(host(lan.gateway));
    }
    const unique = new Map(
      atoms.map((a) => {
        const net = maskAddr(a.net, a.bits);
        return [`${familyOf(net)}:${net}/${a.bits}`, { net, bits: a.bits }];
      }),
    );
    this.atoms = [];
    this.atoms6 = [];
    for (const { net, bits } of unique.values()) {
      if (typeof net === 'number') this.atoms.push({ net, bits });
      else this.atoms6.push({ net, bits, mask: mask6(bits) });
    }
  }

  /** Whether this prefix already tells addresses apart. */
  has(net: Addr, bits: number): boolean {
    const base = maskAddr(net, bits);
    return (typeof base === 'number' ? this.atoms : this.atoms6).some((a) => a.bits === bits && a.net === base);
  }

  /** A small integer: equal for two addresses exactly when no atom tells them apart (never across families). */
  classOf(address: Addr): number {
    let id = this.byAddress.get(address);
    if (id !== undefined) return id;
    let key = '';
    if (typeof address === 'number') {
      for (let i = 0; i < this.atoms.length; i++) {
        const atom = this.atoms[i]!;
        if (inPrefix4(address, atom.net, atom.bits)) key += `${i},`;
      }
    } else {
      key = '6:';
      for (let i = 0; i < this.atoms6.length; i++) {
        const atom = this.atoms6[i]!;
        if ((address & atom.mask) === atom.net) key += `${i},`;
      }
    }
    id = this.byKey.get(key);
    if (id === undefined) {
      id = this.byKey.size;
      this.byKey.set(key, id);
    }
    this.byAddress.set(address, id);
    return id;
  }
}
