import { readFileSync, statSync } from 'node:fs';
import { TRPCClientError } from '@trpc/client';
import { checkAgentUrl } from '../../server/agents/agent-address';
import { AgentCallFailed, callAgent, subscribeAgent, type agentClient } from '../../server/agents/agent-client';
import { agentRefusal } from '../../server/agents/agent-errors';
import { normaliseFingerprint } from '../../server/agents/fingerprint';
import type { AgentEndpoint } from '../../server/storage/hosts';
import { stringOption, type CommandOptions, type Parsed } from './command';
import { CliError, UsageError } from './errors';
import { EXIT } from './exit-codes';
import { fromCwd, type CliIo } from './io';

// The options of every subcommand that talks to a host's agent, and the one way they call it: the
// dashboard's agent client (TLS, pinning, the address rules, every answer checked), with its failures
// turned into the CLI's exit codes. The token is read from a file or the environment, never argv,
// where `ps` would show it to every user of the machine.

export const TOKEN_ENV = 'PATCHBAY_TOKEN';

export const HOST_OPTIONS = {
  host: { type: 'string' },
  'token-file': { type: 'string' },
  fingerprint: { type: 'string' },
  'allow-http': { type: 'boolean', default: false },
} as const satisfies CommandOptions;

export const HOST_USAGE = `Host options:
  --host URL              the agent, e.g. https://jailhost:7780 (plain http only to 127.0.0.1, ::1, localhost)
  --token-file FILE       the agent's bearer token (or set ${TOKEN_ENV}; never on the command line)
  --fingerprint SHA256    pin the agent's certificate (openssl x509 -noout -fingerprint -sha256), for a
                          self-signed one; replaces CA verification
  --allow-http            allow plain http to a host that is not this machine (the token then crosses the
                          network unencrypted)`;

/** A bearer token is one printable word; a file holding anything else is not a token file. */
const TOKEN_TEXT = /^[\x21-\x7e]{1,4096}$/;

function readToken(io: CliIo, file: string): string {
  const path = fromCwd(io, file);
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--token-file ${file}: not a file.`, { file });
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new UsageError(
      `--token-file ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      { file },
    );
  }
  const token = text.trim();
  if (!token) throw new UsageError(`--token-file ${file} is empty; it should hold the agent's token.`, { file });
  // The token itself is never shown, not even a part of it.
  if (!TOKEN_TEXT.test(token))
    throw new UsageError(`--token-file ${file} does not hold a token (one line of printable characters).`, { file });
  return token;
}

/** Where and how to reach the agent, from the command line; every mistake is a usage error naming the option. */
export function hostEndpoint(parsed: Parsed, io: CliIo): AgentEndpoint {
  const url = stringOption(parsed, 'host');
  if (!url) throw new UsageError("needs --host URL: the agent's address, like https://jailhost:7780");
  const allowHttp = parsed.values['allow-http'] === true;
  const checked = checkAgentUrl(url, { allowHttp, env: io.env });
  // The address rules speak of the dashboard's per-host setting; here it is an option.
  if (!checked.ok)
    throw new UsageError(
      `--host ${url}: ${checked.problem.replace('allow plain http for this host (allowHttp)', 'pass --allow-http')}.`,
    );
  const pin = stringOption(parsed, 'fingerprint');
  const fingerprint = pin === undefined ? null : normaliseFingerprint(pin);
  if (pin !== undefined && !fingerprint)
    throw new UsageError(
      `--fingerprint is not a SHA-256 fingerprint (64 hex digits, colons allowed): "${pin.slice(0, 120)}".`,
    );
  if (fingerprint && checked.checked.parsed.protocol !== 'https:')
    throw new UsageError('--fingerprint pins a TLS certificate; it needs an https:// --host.');
  const file = stringOption(parsed, 'token-file');
  const fromEnv = io.env[TOKEN_ENV];
  let token: string;
  if (file !== undefined) token = readToken(io, file);
  else if (fromEnv !== undefined && fromEnv.trim() !== '') {
    token = fromEnv.trim();
    if (!TOKEN_TEXT.test(token)) throw new UsageError(`${TOKEN_ENV} does not hold a token (printable characters).`);
  } else throw new UsageError(`needs the agent's token: --token-file FILE, or ${TOKEN_ENV} in the environment.`);
  return { url: checked.checked.url, token, allowHttp, fingerprint };
}

/** The agent answered, and said no (an invalid design, another apply waiting…): its words, exit 1. */
export class AgentRefused extends AgentCallFailed {}

const DASHBOARD_ADVICE: readonly (readonly [string, string])[] = [
  [
    'Check the token on the hosts page.',
    `Check --token-file (or ${TOKEN_ENV}): it must hold the token the agent was started with.`,
  ],
  ['add the host with its SHA-256 fingerprint pinned', 'pass its SHA-256 fingerprint with --fingerprint'],
  ['remove the host and add it again with the new fingerprint', 'pass the new fingerprint with --fingerprint'],
];

/** Can't reach it, it is not an agent, it refused the token, TLS failed: the client's words, exit 3. */
function asCliError(error: unknown): unknown {
  if (error instanceof AgentRefused) return new CliError(`the agent refused: ${error.message}`, EXIT.problems);
  if (!(error instanceof AgentCallFailed)) return error;
  // The client's advice is worded for the dashboard's hosts page; from the shell it is an option.
  const message = DASHBOARD_ADVICE.reduce((text, [page, shell]) => text.replace(page, shell), error.message);
  return new CliError(message, EXIT.unreachable);
}

export type AgentClient = ReturnType<typeof agentClient>;

/** One call through the dashboard's client; failures become CliErrors with exit 1 (a refusal) or 3. */
export async function agentCall<T>(
  endpoint: AgentEndpoint,
  call: (client: AgentClient) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  try {
    return await callAgent(
      endpoint,
      async (client) => {
        try {
          return await call(client);
        } catch (error) {
          // A well-formed tRPC error is the agent's own answer, not a transport failure.
          if (
            error instanceof TRPCClientError &&
            error.shape !== undefined &&
            !(error.cause instanceof AgentCallFailed)
          )
            throw new AgentRefused(agentRefusal(error.message).message, true);
          throw error;
        }
      },
      timeoutMs,
    );
  } catch (error) {
    throw asCliError(error);
  }
}

/** plan.applyProgress through the client's subscription; any failure of the stream is exit 3. */
export async function* applyEvents(endpoint: AgentEndpoint, applyId: string, signal: AbortSignal) {
  try {
    for await (const { data } of subscribeAgent(endpoint, 'plan.applyProgress', { applyId }, signal)) yield data;
  } catch (error) {
    throw asCliError(error);
  }
}
