'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { Topology } from '../../core/topology/schema';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { errorText } from './error-text';
import { BUTTON } from '../ui/styles';

/**
 * "Open as design" on the demo: the demo design (the network the demo host runs) stored as a design of
 * one's own, and its editor opened.
 */
export function OpenDemoAsDesign({ topology }: { topology: Topology }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const creating = useMutation(
    trpc.designs.create.mutationOptions({
      onSuccess: (created) => {
        void invalidate(afterDesignChange);
        router.push(`/designs/${created.id}`);
      },
    }),
  );
  return (
    <div className="space-y-1">
      <button
        type="button"
        className={BUTTON}
        disabled={creating.isPending}
        onClick={() => creating.mutate({ name: topology.name, topology })}
        data-testid="open-demo-as-design">
        {creating.isPending ? 'Opening…' : 'Open as design'}
      </button>
      {creating.error && (
        <p className="text-sm text-red-700 dark:text-red-300" role="alert">
          {errorText(creating.error)}
        </p>
      )}
    </div>
  );
}
