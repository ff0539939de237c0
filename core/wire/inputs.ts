import { z } from 'zod';

// Inputs that the agent and the dashboard both check: the dashboard's check gives the browser a clear
// error, the agent's protects the host from anything else. One definition, so the two never drift.

/** A plan's, an apply's or a preview's id. */
export const Uuid = z.string().uuid();

/** The id of a tracked event (a counter sample's seq, an apply step's index), as EventSource sends it back. */
export const EventId = z.string().regex(/^[0-9]{1,15}$/, 'event ids are decimal numbers');

/** Adoption keys: "<jail path or empty>/<interface>" or a jail path; the same safe characters as names. */
export const AdoptKey = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');

/**
 * A path on the host the agent may be asked to persist to: absolute, plain characters, no "." or ".." parts, no "//".
 */
export const PersistPath = z
  .string()
  .min(2)
  .max(1024)
  .regex(
    /^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/,
    'paths are absolute, made of letters, digits, "_", "." and "-", with no "//" and no part starting with "." or "-"',
  );

/**
 * How long an apply waits for its confirmation before it reverts, as the person applying chose it.
 * The agent's --confirm-timeout stays the longest wait: a shorter window is the admin's to ask for,
 * a longer one is not (agent/apply/apply-service.ts).
 */
export const ConfirmSeconds = z
  .number()
  .int('the confirm window is a whole number of seconds')
  .min(10, 'the confirm window is at least 10 seconds, time to check the host')
  .max(3600, 'the confirm window is at most 3600 seconds (an hour)');
