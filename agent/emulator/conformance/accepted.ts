import { acceptedAddressing } from './accepted-addressing';
import { acceptedInterfaces } from './accepted-interfaces';
import { acceptedJails } from './accepted-jails';
import { acceptedPf } from './accepted-pf';
import type { AcceptedEntry } from './types';

// Every command line FreeBSD accepts, by area; the files say where their lines come from.
export const accepted: AcceptedEntry[] = [
  ...acceptedInterfaces,
  ...acceptedAddressing,
  ...acceptedJails,
  ...acceptedPf,
];
