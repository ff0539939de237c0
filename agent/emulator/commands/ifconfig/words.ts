import { findAddressFamily, findIfconfigWord, type IfconfigWord } from '../../grammar/ifconfig-words';
import type { Release } from '../../state';
import { unsupported } from '../output';
import type { AddressFamilyName } from './addresses';

// Looking a word up the way ifconfig's cmd_lookup does (sbin/ifconfig/ifconfig.c): among the
// clone-only words right after `create`, among the others otherwise. The table of every word and
// its argument kind is agent/emulator/grammar/ifconfig-words.ts, read from FreeBSD's sources.

export function lookupWord(name: string, iscreate: boolean, release: Release): IfconfigWord | undefined {
  return findIfconfigWord(name, iscreate, release);
}

/**
 * af_getbyname: inet, inet6, and link with its other names ether and lladdr. The other families
 * (af_bridge, af_vlan, ...) are recognised but not modelled: refused.
 */
export function addressFamily(name: string | undefined, release: Release): AddressFamilyName | undefined {
  if (name === undefined) return undefined;
  const family = findAddressFamily(name, release)?.family;
  if (family === 'other') unsupported('ifconfig', `address family "${name}"`);
  return family;
}
