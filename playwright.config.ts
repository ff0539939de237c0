import { defineConfig } from '@playwright/test';
import {
  AGENT_LISTEN,
  AGENT_TOKEN_FILE,
  BASTILLE_AGENT_COMMAND,
  BASTILLE_AGENT_LISTEN,
  BASTILLE_AGENT_TOKEN_FILE,
} from './e2e/demo-agent';

// Debian's Chromium, never a browser downloaded by Playwright (scripts/ensure-chromium.sh installs it).
const PORT = Number(process.env.E2E_PORT ?? 3123);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'e2e/artifacts/report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // The second local host, Bastille-style (e2e/demo-agent.ts): up for the whole run. Any request
      // without the token gets 401, which tells Playwright the agent is listening.
      command: BASTILLE_AGENT_COMMAND,
      url: `http://${BASTILLE_AGENT_LISTEN}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The production build, as users run it; `npm test` builds before this runs.
      // A fresh data directory per run, so saved designs from an earlier run never leak in.
      command: `rm -rf e2e/artifacts/data && npx next start --hostname 127.0.0.1 --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
      // The local host is the tests' own emulated agent (e2e/demo-agent.ts), which they start and stop.
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        PATCHBAY_DATA_DIR: 'e2e/artifacts/data',
        PATCHBAY_AGENT_URL: `http://${AGENT_LISTEN}`,
        PATCHBAY_AGENT_TOKEN_FILE: AGENT_TOKEN_FILE,
        PATCHBAY_BASTILLE_AGENT_URL: `http://${BASTILLE_AGENT_LISTEN}`,
        PATCHBAY_BASTILLE_AGENT_TOKEN_FILE: BASTILLE_AGENT_TOKEN_FILE,
      },
    },
  ],
});
