import { z } from 'zod';
import { normaliseFingerprint } from '../agents/fingerprint';

// Inputs that several host routers share. Those the agent checks too come from core/wire/inputs.ts.

export const HostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'host ids are letters, digits and "-"');

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
    ctx.addIssue({
      code: 'custom',
      message:
        'a SHA-256 fingerprint is 64 hex digits, with or without colons (openssl x509 -in cert.pem -noout -fingerprint -sha256)',
    });
    return z.NEVER;
  });
