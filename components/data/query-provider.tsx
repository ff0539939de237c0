'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../trpc-client';
import { createQueryClient } from './query-client';
import { TRPCProvider } from './trpc';

/** Mounted once, in app/layout.tsx: every view below reads through one cache and one client. */
export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per browser tab, made on first render (not at import time, which the server would share).
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={api} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
