import { z } from 'zod';

// Inputs that several host routers share. The agent checks its own copies again: the dashboard's
// check gives the browser a clear error, the agent's protects the host from anything else.

export const HostId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'host ids are letters, digits and "-"');
export const Uuid = z.string().uuid();
export const EventId = z.string().regex(/^[0-9]{1,15}$/, 'event ids are decimal numbers').nullish();
export const AdoptKey = z.string().max(300).regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');
export const PersistPath = z.string().min(2).max(1024).regex(/^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, 'paths are absolute, made of letters, digits, "_", "." and "-"');
