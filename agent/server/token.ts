import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

// The agent runs as root, so every call needs the bearer token: from the environment, or from a
// file that only its owner can read (generated with 0600 at first start when absent).

export const TOKEN_ENV = 'PATCHBAY_AGENT_TOKEN';
const MIN_TOKEN_LENGTH = 32;

export class TokenError extends Error {}

export function loadToken(
  tokenFile: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { token: string; source: 'environment' | 'file' | 'generated' } {
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_TOKEN_LENGTH)
      throw new TokenError(`${TOKEN_ENV} must be at least ${MIN_TOKEN_LENGTH} characters.`);
    return { token: fromEnv, source: 'environment' };
  }
  if (!existsSync(tokenFile)) {
    mkdirSync(dirname(tokenFile), { recursive: true, mode: 0o700 });
    const token = randomBytes(32).toString('hex');
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(tokenFile, 0o600);
    return { token, source: 'generated' };
  }
  // No symlinks (someone could point it at a file they control), and the file must be the agent's own.
  const fd = openSync(tokenFile, constants.O_RDONLY | constants.O_NOFOLLOW);
  let token: string;
  try {
    const stat = fstatSync(fd);
    const mode = stat.mode & 0o777;
    if (mode & 0o077)
      throw new TokenError(
        `${tokenFile} is readable by others (mode ${mode.toString(8)}); run chmod 600 ${tokenFile}.`,
      );
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
      throw new TokenError(`${tokenFile} belongs to uid ${stat.uid}, not to the agent's user; fix its owner.`);
    token = readFileSync(fd, 'utf8').trim();
  } finally {
    closeSync(fd);
  }
  if (token.length < MIN_TOKEN_LENGTH)
    throw new TokenError(`The token in ${tokenFile} is shorter than ${MIN_TOKEN_LENGTH} characters.`);
  return { token, source: 'file' };
}

/** Compares in constant time, so response timing says nothing about how much of a guess was right. */
export function tokenMatches(expected: string, authorization: string | undefined): boolean {
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time on a mismatch.
  return a.length === b.length ? timingSafeEqual(a, b) : (timingSafeEqual(a, a), false);
}
