import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportOutputSchema } from '../core/wire/cli-host';
import { hostArgs, startAgent } from './testing/agent';
import { runBundle } from './testing/bundle';
import { designFolder } from './testing/designs';

// An agent serving HTTPS with its own self-signed certificate, made here by openssl as an admin
// would: the CLI trusts it only with --fingerprint pinning exactly that certificate.

const run = promisify(execFile);
let tls: { cert: string; key: string };
let fingerprint: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-cli-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  await run(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=agent', '-days', '1'].concat([
      '-keyout',
      key,
      '-out',
      cert,
    ]),
  );
  fingerprint = (await run('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'])).stdout.trim();
  tls = { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
});

describe('--fingerprint', () => {
  it("trusts the agent's own certificate when pinned, and refuses it (exit 3, nothing sent) otherwise", async () => {
    const agent = await startAgent({ tls });
    const cwd = designFolder();
    const pinned = await runBundle(['import', ...hostArgs(cwd, agent), '--fingerprint', fingerprint, '--json'], {
      cwd,
    });
    expect(pinned.code).toBe(0);
    expect(ImportOutputSchema.parse(JSON.parse(pinned.stdout)).host.hostname).toBe('gateway.example.org');
    const seen = agent.requests.length;

    const unpinned = await runBundle(['import', ...hostArgs(cwd, agent)], { cwd });
    expect(unpinned.code).toBe(3);
    expect(unpinned.stderr).toMatch(/no trusted authority signed.*pass its SHA-256 fingerprint with --fingerprint/);
    const wrong = fingerprint.replace(/=(.)/, (_, c: string) => `=${c === '0' ? '1' : '0'}`);
    const mismatch = await runBundle(['import', ...hostArgs(cwd, agent), '--fingerprint', wrong], { cwd });
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toMatch(/but the fingerprint pinned for this host is/);
    expect(agent.requests).toHaveLength(seen);
  });

  it('is a usage error when it is not a fingerprint, or the URL is not https', async () => {
    const cwd = designFolder();
    const args = hostArgs(cwd, { url: 'https://127.0.0.1:9' });
    const bad = await runBundle(['import', ...args, '--fingerprint', 'AB:CD'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fingerprint is not a SHA-256 fingerprint');
    const http = hostArgs(cwd, { url: 'http://127.0.0.1:9' });
    const plain = await runBundle(['import', ...http, '--fingerprint', fingerprint], { cwd });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('it needs an https:// --host');
  });
});
