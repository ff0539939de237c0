import { inPrefix4, network4 } from '../net/ipv4';
import type { AddressAtom, Rule } from '../pf/ruleset';
import type { AuditNetwork } from './network';

// Two addresses that every prefix in the network (pf rules and tables, routes, gateways, LANs,
// interface addresses named by rules) treats alike get the same answer from pf and from every
// routing table: they are in one class. The matrix asks one question per class instead of one per
// address (the "atoms" idea of network verifiers such as AP Verifier).

interface Atom {
  net: number;
  bits: number;
}

function atomsOfRule(rules: readonly Rule[], resolve: (atom: AddressAtom) => Atom[], into: Atom[]): void {
  for (const rule of rules) {
    for (const term of [...rule.from.terms, ...rule.to.terms]) into.push(...resolve(term.atom));
    if ((rule.kind === 'nat' || rule.kind === 'rdr' || rule.kind === 'binat') && rule.target)
      into.push(...resolve(rule.target));
    if (rule.kind === 'anchor' && rule.body) atomsOfRule(rule.body, resolve, into);
  }
}

export class AddressClasses {
  private readonly atoms: Atom[];
  private readonly byAddress = new Map<number, number>();
  private readonly byKey = new Map<string, number>();

  constructor(net: AuditNetwork) {
    const atoms: Atom[] = [];
    for (const stack of net.stacks) {
      for (const route of stack.routes) {
        atoms.push({ net: route.net, bits: route.bits });
        if (route.gateway !== undefined) atoms.push({ net: route.gateway, bits: 32 });
      }
      if (!stack.pf) continue;
      const { ctx, ruleset } = stack.pf;
      const resolve = (atom: AddressAtom): Atom[] => {
        if (atom.kind === 'cidr') return atom.family === 4 ? [{ net: atom.net, bits: atom.bits }] : [];
        if (atom.kind === 'table') return (ctx.tables.get(atom.name) ?? []).flatMap((t) => resolve(t.atom));
        if (atom.kind === 'interface' || atom.kind === 'self' || atom.kind === 'no-route') {
          // Interface-relative atoms: every address and network of the stack, so any of them is told apart.
          return stack.interfaces.flatMap((i) =>
            i.addresses.flatMap((p) => [
              { net: p.address, bits: 32 },
              { net: p.address, bits: p.bits },
              { net: (network4(p) | ~(p.bits ? (0xffffffff << (32 - p.bits)) >>> 0 : 0)) >>> 0, bits: 32 },
            ]),
          );
        }
        return [];
      };
      atomsOfRule([...ruleset.filter, ...ruleset.translation], resolve, atoms);
    }
    for (const lan of net.lans) {
      atoms.push({ net: lan.net.address, bits: lan.net.bits }, { net: lan.sample, bits: 32 });
      if (lan.gateway !== undefined) atoms.push({ net: lan.gateway, bits: 32 });
    }
    const unique = new Map(
      atoms.map((a) => [
        `${network4({ address: a.net, bits: a.bits })}/${a.bits}`,
        { net: network4({ address: a.net, bits: a.bits }), bits: a.bits },
      ]),
    );
    this.atoms = [...unique.values()];
  }

  /** Whether this prefix already tells addresses apart. */
  has(net: number, bits: number): boolean {
    const base = network4({ address: net, bits });
    return this.atoms.some((a) => a.bits === bits && a.net === base);
  }

  /** A small integer: equal for two addresses exactly when no atom tells them apart. */
  classOf(address: number): number {
    let id = this.byAddress.get(address);
    if (id !== undefined) return id;
    let key = '';
    for (let i = 0; i < this.atoms.length; i++) {
      const atom = this.atoms[i]!;
      if (inPrefix4(address, atom.net, atom.bits)) key += `${i},`;
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
