import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generateSetupCode } from './setup-code';
import { verifySession } from './session';
import { createPrivateFile, readPrivateFile, removePrivateFile, replacePrivateFile } from './private-file';

// The two secrets that live as files in the data directory rather than in SQLite: the session
// secret, because the proxy checks every request with it and should not need a database for that;
// and the setup code, because reading it is the proof that you may set the first password.

export const SESSION_SECRET_FILE = 'session-secret';
export const SETUP_CODE_FILE = 'setup-code';

export function readSessionSecret(dataDir: string): Buffer | null {
  const hex = readPrivateFile(join(dataDir, SESSION_SECRET_FILE));
  return hex ? Buffer.from(hex, 'hex') : null;
}

/** The secret, generated (32 random bytes) when there is none yet. */
export function ensureSessionSecret(dataDir: string): Buffer {
  createPrivateFile(join(dataDir, SESSION_SECRET_FILE), randomBytes(32).toString('hex'));
  return readSessionSecret(dataDir)!;
}

/** A new secret: every session signed with the old one stops being valid. */
export function replaceSessionSecret(dataDir: string): void {
  replacePrivateFile(join(dataDir, SESSION_SECRET_FILE), randomBytes(32).toString('hex'));
}

/** Whether the cookie's token is a live session; false when no secret exists yet. */
export function hasValidSession(dataDir: string, token: string | undefined, now = Date.now()): boolean {
  if (!token) return false;
  const secret = readSessionSecret(dataDir);
  return secret !== null && verifySession(secret, token, now).valid;
}

export function readSetupCode(dataDir: string): string | null {
  return readPrivateFile(join(dataDir, SETUP_CODE_FILE));
}

/** The setup code, written at first need; says in the server's log where to find it when it is new. */
export function ensureSetupCode(dataDir: string, log: (line: string) => void = console.log): string {
  const file = join(dataDir, SETUP_CODE_FILE);
  if (createPrivateFile(file, generateSetupCode())) log(`Patchbay: no admin password yet. The one-time setup code to set it at /login is in ${file}`);
  return readSetupCode(dataDir)!;
}

/** Once the password is set, the code has done its job. */
export function removeSetupCode(dataDir: string): void {
  removePrivateFile(join(dataDir, SETUP_CODE_FILE));
}
