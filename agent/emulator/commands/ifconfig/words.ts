import { ADDRESS_FAMILIES, IFCONFIG_WORDS, type ArgKind, type IfconfigWord } from '../../grammar/ifconfig-words';
import type { Release } from '../../state';
import type { AddressFamilyName } from './addresses';

// Looking a word up the way ifconfig's cmd_lookup does (sbin/ifconfig/ifconfig.c): among the
// clone-only words right after `create`, among the others otherwise. The table of every word and
// its argument kind is agent/emulator/grammar/ifconfig-words.ts, read from FreeBSD's sources.

export interface Word {
  name: string;
  arg: ArgKind;
  cloneOp: boolean;
}

function available(word: IfconfigWord, release: Release): boolean {
  return word.releases === undefined || word.releases.includes(release);
}

export function lookupWord(name: string, iscreate: boolean, release: Release): Word | undefined {
  const found = IFCONFIG_WORDS.find((w) => w.name === name && (w.cloneOp ?? false) === iscreate && available(w, release));
  return found && { name: found.name, arg: found.arg, cloneOp: found.cloneOp ?? false };
}

/** af_getbyname: inet, inet6, and link with its other names ether and lladdr; others are not modelled. */
export function addressFamily(name: string | undefined, release: Release): AddressFamilyName | 'other' | undefined {
  if (name === undefined) return undefined;
  const family = ADDRESS_FAMILIES.find((f) => f.name === name && (f.releases === undefined || f.releases.includes(release)));
  return family?.family;
}
