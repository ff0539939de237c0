import { z } from 'zod';
import { normaliseFingerprint } from '../agents/fingerprint';

// Inputs that several host routers share. The agent checks its own copies again: the dashboard's
// check gives the browser a clear error, the agent's protects the host from anything else.

export const HostId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'host ids are letters, digits and "-"');
export const Uuid = z.string().uuid();
export const EventId = z.string().regex(/^[0-9]{1,15}$/, 'event ids are decimal numbers').nullish();
export const AdoptKey = z.string().max(300).regex(/^[A-Za-z0-9_.-]*(\/[A-Za-z0-9_]+)?$/, 'adopt keys are "<jail>/<interface>" or a jail name');
export const PersistPath = z.string().min(2).max(1024).regex(/^(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/, 'paths are absolute, made of letters, digits, "_", "." and "-"');

/**
 * The SHA-256 fingerprint of an agent's certificate, to pin it: as openssl prints it
 * (`openssl x509 -in cert.pem -noout -fingerprint -sha256`), with or without colons or the label.
 * Stored as "AB:CD:…"; empty means none.
 */
export const CertificateFingerprint = z
  .string()
  .trim()
  .max(200, 'a SHA-256 fingerprint is 64 hex digits')
  .transform((text, ctx) => {
    if (text === '') return undefined;
    const fingerprint = normaliseFingerprint(text);
    if (fingerprint) return fingerprint;
    ctx.addIssue({ code: 'custom', message: 'a SHA-256 fingerprint is 64 hex digits, with or without colons (openssl x509 -in cert.pem -noout -fingerprint -sha256)' });
    return z.NEVER;
  });
