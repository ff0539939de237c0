import { createCallerFactory, router } from '../trpc';
import { designRouter } from './design';

export const appRouter = router({
  design: designRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
