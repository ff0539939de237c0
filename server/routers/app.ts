import { createCallerFactory, router } from '../trpc';
import { designRouter } from './design';
import { designsRouter } from './designs';

export const appRouter = router({
  design: designRouter,
  designs: designsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
