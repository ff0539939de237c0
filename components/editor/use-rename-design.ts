'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { afterDesignChange, useInvalidate } from '../data/invalidation';
import { useTRPC } from '../data/trpc';

/** Renames the open design on the server; `name` is the new name once stored (null until a rename). */
export function useRenameDesign(designId: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [name, setName] = useState<string | null>(null);
  const renaming = useMutation(
    trpc.designs.rename.mutationOptions({ onSuccess: () => void invalidate((t) => afterDesignChange(t, designId)) }),
  );
  const { mutateAsync } = renaming;
  const rename = useCallback(
    async (next: string) => {
      await mutateAsync({ id: designId, name: next });
      setName(next);
    },
    [mutateAsync, designId],
  );
  return { name, rename };
}
