import { createCallerFactory, router } from '../trpc';
import { designRouter } from './design';
import { designsRouter } from './designs';
import { hostsRouter } from './hosts';

export const appRouter = router({
  design: designRouter,
  designs: designsRouter,
  hosts: hostsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
