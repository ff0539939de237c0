'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';
import { errorText } from './error-text';
import { BUTTON } from '../ui/styles';

/**
 * "Open as design": the host as discovered becomes a stored design and its editor opens. When the
 * design could not carry something over, that is said first, with the link to open it anyway.
 */
export function OpenHostAsDesign({ hostId }: { hostId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const opening = useMutation(
    trpc.hosts.openAsDesign.mutationOptions({ onSuccess: () => invalidate(afterDesignChange) }),
  );
  const [left, setLeft] = useState<{ id: string; notes: string[] } | null>(null);

  const open = async () => {
    setLeft(null);
    const opened = await opening.mutateAsync({ id: hostId }).catch(() => undefined);
    if (!opened) return;
    if (opened.notes.length === 0) router.push(`/designs/${opened.id}`);
    else setLeft(opened);
  };

  return (
    <div className="space-y-1">
      <button
        type="button"
        className={BUTTON}
        disabled={opening.isPending}
        onClick={() => void open()}
        data-testid="open-as-design">
        {opening.isPending ? 'Opening…' : 'Open as design'}
      </button>
      <p className="text-xs text-slate-500">
        Start a design from this host as it is: its jails, cables, NAT and intents.
      </p>
      {opening.error && (
        <p className="text-sm text-red-700 dark:text-red-300" role="alert">
          {errorText(opening.error)}
        </p>
      )}
      {left && (
        <div className="text-sm" role="status" data-testid="open-as-design-notes">
          <ul className="list-disc pl-5 text-xs text-amber-800 dark:text-amber-300">
            {left.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <Link className="text-violet-700 underline dark:text-violet-300" href={`/designs/${left.id}`}>
            Open the design anyway
          </Link>
        </div>
      )}
    </div>
  );
}
