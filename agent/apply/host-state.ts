import { stateHash } from '../../core/plan/state-hash';
import { readHost, type HostRead } from '../discovery/read-host';
import type { Executor } from '../executor/types';

// The host as discovery reads it, with the hash plans are made against: the same hash the journal
// records as `actualHash`, so "is the host back to where it was?" is one comparison.

export type HashedRead = HostRead & { hash: string };

export function ownedSet(read: HostRead): Set<string> {
  return new Set(
    Object.entries(read.owned)
      .filter(([, owned]) => owned)
      .map(([id]) => id),
  );
}

export async function readHashed(executor: Executor): Promise<HashedRead> {
  const read = await readHost(executor);
  return { ...read, hash: stateHash(read.topology, ownedSet(read), read.pf) };
}
