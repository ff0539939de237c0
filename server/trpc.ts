import { initTRPC, TRPCError } from '@trpc/server';
import { DesignNotFound, DesignStore } from './storage/designs';
import { openDatabase } from './storage/database';

/** Per-request context. Storage opens on first use, so pages that never touch it never open it. */
export interface Context {
  designs: () => DesignStore;
}

let store: DesignStore | undefined;

export function createContext(): Context {
  return { designs: () => (store ??= new DesignStore(openDatabase())) };
}

const t = initTRPC.context<Context>().create();

/** Storage errors a person can act on become NOT_FOUND; anything else stays an internal error. */
const storageErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DesignNotFound) {
    throw new TRPCError({ code: 'NOT_FOUND', message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(storageErrors);
export const createCallerFactory = t.createCallerFactory;
