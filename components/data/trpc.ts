import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../server/routers/app';

// The dashboard's API as TanStack Query options: `useTRPC().hosts.list.queryOptions()` in a view.
// The client under it is components/trpc-client.ts (its links carry the CSRF header), handed to
// TRPCProvider by query-provider.tsx.
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
