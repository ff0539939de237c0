import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_VERSION } from '../../agent/server/version';
import { CLI_VERSION } from './version';

describe('the CLI version', () => {
  it("is the package's and the agent's", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CLI_VERSION).toBe(pkg.version);
    expect(CLI_VERSION).toBe(AGENT_VERSION);
  });
});
