import { DEFAULT_MTU } from '../topology/defaults';
import { markDescription } from '../topology/ownership';
import type { Interface } from '../topology/schema';
import { canonicalAddresses } from './indexed';
import type { PlanCommand } from './types';

// The ifconfig words that take one interface from one state to another, and back. Several settings
// of one interface go into one call, as ifconfig(8) allows (`ifconfig X mtu 9000 inet A alias up`).


/** What configure compares: the settings ifconfig can change in place. */
export interface Settings {
  mtu: number;
  mac?: string;
  /** The description exactly as the kernel holds it (with Patchbay's mark when owned). */
  description?: string;
  addresses: string[];
  up: boolean;
}

export function settingsOf(iface: Interface, marked: boolean): Settings {
  const description = marked ? markDescription(iface.description) : iface.description;
  return {
    mtu: iface.mtu ?? DEFAULT_MTU[iface.kind],
    ...(iface.mac !== undefined ? { mac: iface.mac } : {}),
    ...(description !== undefined ? { description } : {}),
    addresses: canonicalAddresses(iface),
    up: iface.up,
  };
}

/** An interface just moved into a vnet, or just created: no addresses, down (§1.5, §1.6). */
export function clearedSettings(before: Settings): Settings {
  return { ...before, addresses: [], up: false };
}

const family = (address: string) => (address.includes(':') ? 'inet6' : 'inet');

export function addressWords(addresses: string[], mode: 'alias' | '-alias'): string[] {
  return addresses.flatMap((a) => [family(a), a, mode]);
}

/**
 * Words that move `from` to `to`, except address removals (done earlier, in their own phase, so an
 * address can move between interfaces of one stack without ever being on both).
 */
export function configureWords(from: Settings, to: Settings): { forward: string[]; backward: string[] } {
  const forward: string[] = [];
  const backward: string[] = [];
  if (from.mtu !== to.mtu) {
    forward.push('mtu', String(to.mtu));
    backward.unshift('mtu', String(from.mtu));
  }
  if (to.mac !== undefined && from.mac !== to.mac) {
    forward.push('ether', to.mac);
    if (from.mac !== undefined) backward.unshift('ether', from.mac);
  }
  if (from.description !== to.description) {
    forward.push(...(to.description === undefined ? ['-description'] : ['description', to.description]));
    backward.unshift(...(from.description === undefined ? ['-description'] : ['description', from.description]));
  }
  const added = to.addresses.filter((a) => !from.addresses.includes(a));
  forward.push(...addressWords(added, 'alias'));
  backward.unshift(...addressWords(added, '-alias'));
  if (from.up !== to.up) {
    forward.push(to.up ? 'up' : 'down');
    backward.unshift(from.up ? 'up' : 'down');
  }
  return { forward, backward };
}

export function removedAddresses(from: Settings, to: Settings): string[] {
  return from.addresses.filter((a) => !to.addresses.includes(a));
}

function command(name: string, words: string[], jail?: string): PlanCommand[] {
  return words.length ? [{ argv: ['ifconfig', name, ...words], ...(jail ? { jail } : {}) }] : [];
}

/** After a move into or out of a vnet: the interface kept its MTU, MAC and description, lost the rest. */
export function restoreAfterMove(name: string, settings: Settings, jail?: string): PlanCommand[] {
  return command(name, configureWords(clearedSettings(settings), settings).forward, jail);
}

/** After a re-create: everything back, the MAC included, so a rollback leaves no trace. */
export function restoreAfterCreate(name: string, kind: Interface['kind'], settings: Settings, jail?: string): PlanCommand[] {
  return command(name, configureWords({ mtu: DEFAULT_MTU[kind], addresses: [], up: false }, settings).forward, jail);
}
