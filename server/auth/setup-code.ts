import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// The one-time code that proves whoever sets the first admin password can read the server's data
// directory, so a stranger on the network cannot claim a freshly started dashboard first.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 characters: no 0/O, 1/I to misread

/** 16 characters, 80 random bits, in groups of four: `K7QM-...`. */
export function generateSetupCode(): string {
  const chars = [...randomBytes(16)].map((byte) => ALPHABET[byte & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Constant time; ignores case, spaces and dashes, as people type codes. */
export function setupCodeMatches(expected: string, presented: string): boolean {
  const digest = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest();
  return timingSafeEqual(digest(expected), digest(presented)) && expected.trim() !== '';
}
