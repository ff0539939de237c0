import { createCallerFactory, router } from '../trpc';
import { designsRouter } from './designs';
import { hostsRouter } from './hosts';
import { validationRouter } from './validation';

export const appRouter = router({
  designs: designsRouter,
  validation: validationRouter,
  hosts: hostsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
