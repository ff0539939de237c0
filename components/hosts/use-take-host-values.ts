'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { takeHostValues } from '../../core/plan/take-host-values';
import type { HostValues } from '../../core/plan/types';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';

/** Which fields a fix takes, in words for the version note: "description, MTU". */
function fieldsOf(fix: HostValues): string {
  const words = {
    description: 'description',
    mtu: 'MTU',
    mac: 'MAC',
    addresses: 'addresses',
    up: 'up/down',
    groups: 'groups',
  } as const;
  return (Object.keys(fix.values) as (keyof typeof words)[]).map((field) => words[field]).join(', ');
}

/**
 * "Take the host's value": saves a new version of the design with the host's values for what a
 * refusal is about (the newest version, as the plan was made from it), so the next plan has nothing
 * there to refuse. Resolves to the new version, or throws with the reason.
 */
export function useTakeHostValues(designId: string | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const saving = useMutation(trpc.designs.save.mutationOptions());
  return async (fix: HostValues): Promise<number> => {
    if (!designId) throw new Error('Choose a design first.');
    // The newest version, read afresh: the plan was made from it, and the cache may be older.
    const opened = await queryClient.fetchQuery({ ...trpc.designs.open.queryOptions({ id: designId }), staleTime: 0 });
    const taken = takeHostValues(opened.topology, fix);
    if (!taken.ok) throw new Error(taken.error);
    const where = fix.stack === '' ? `host/${fix.interface}` : `jail ${fix.stack}/${fix.interface}`;
    const { version } = await saving.mutateAsync({
      id: designId,
      topology: taken.topology,
      note: `Took the host's ${fieldsOf(fix)} for ${where}`.slice(0, 200),
    });
    await invalidate((t) => afterDesignChange(t, designId));
    return version;
  };
}
