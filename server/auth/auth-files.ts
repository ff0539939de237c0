import { join } from 'node:path';
import { generateSetupCode } from './setup-code';
import { createPrivateFile, readPrivateFile, removePrivateFile } from './private-file';

// The setup code lives as a file in the data directory rather than in SQLite, because reading it is
// the proof that you may set the first password. (Sessions are in SQLite: session-store.ts. A
// `session-secret` file left by an older Patchbay is no longer read.)

export const SETUP_CODE_FILE = 'setup-code';

export function readSetupCode(dataDir: string): string | null {
  return readPrivateFile(join(dataDir, SETUP_CODE_FILE));
}

/** The setup code, written at first need; says in the server's log where to find it when it is new. */
export function ensureSetupCode(dataDir: string, log: (line: string) => void = console.log): string {
  const file = join(dataDir, SETUP_CODE_FILE);
  if (createPrivateFile(file, generateSetupCode()))
    log(`Patchbay: no admin password yet. The one-time setup code to set it at /login is in ${file}`);
  return readSetupCode(dataDir)!;
}

/** Once the password is set, the code has done its job. */
export function removeSetupCode(dataDir: string): void {
  removePrivateFile(join(dataDir, SETUP_CODE_FILE));
}
