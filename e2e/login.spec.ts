import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDesign } from '../core/editor/empty';

// The dashboard as `npm start` runs it off loopback: a second `next start` of the same build, with
// PATCHBAY_REQUIRE_LOGIN=1 and a data directory of its own (the configured server has no login).

const PORT = 3124;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA = 'e2e/artifacts/login-data';
const PASSWORD = 'twelve or more characters';

let server: ChildProcess;
let serverOutput = '';

test.use({ baseURL: BASE });
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  rmSync(DATA, { recursive: true, force: true });
  // Its own process group, so afterAll stops npx and the Next server under it together.
  server = spawn('npx', ['next', 'start', '--hostname', '127.0.0.1', '--port', String(PORT)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PATCHBAY_REQUIRE_LOGIN: '1', PATCHBAY_DATA_DIR: DATA },
  });
  server.stdout!.on('data', (chunk) => (serverOutput += chunk));
  server.stderr!.on('data', (chunk) => (serverOutput += chunk));
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 250))) {
    if (server.exitCode !== null) throw new Error(`next start on ${PORT} exited:\n${serverOutput}`);
    if (await fetch(`${BASE}/login`).then((r) => r.ok, () => false)) return;
  }
  throw new Error(`next start on ${PORT} did not answer within 60 s:\n${serverOutput}`);
});

test.afterAll(() => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
});

async function fill(page: Page, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) await page.getByTestId(`login-${field}`).fill(value);
  await page.getByTestId('login-submit').click();
}

test('a page needs a login; the first password needs the setup code; log in, out, and in again', async ({ page, request }) => {
  await test.step('pages go to /login, API calls get 401', async () => {
    await page.goto('/designs');
    await expect(page).toHaveURL(`${BASE}/login?next=%2Fdesigns`);
    await expect(page.getByRole('heading', { name: 'Set the admin password' })).toBeVisible();
    await expect(page.getByTestId('logout')).toHaveCount(0);
    await page.screenshot({ path: 'e2e/artifacts/login-set-password.png' });
    const api = await request.get('/api/trpc/design.demo');
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: 'Login required: log in at /login first.' });
  });

  const setupCodeFile = join(DATA, 'setup-code');
  await test.step('without the setup code the password is not set', async () => {
    expect(serverOutput).toContain(setupCodeFile);
    await fill(page, { setupCode: 'AAAA-BBBB-CCCC-DDDD', password: PASSWORD, repeat: PASSWORD });
    await expect(page.getByTestId('login-setupCode-error')).toHaveText('Setup code does not match the one in the file setup-code in the data directory.');
    await expect(page).toHaveURL(/\/login/);
  });

  await test.step('with the setup code, a too-short password is refused with the rule', async () => {
    await fill(page, { setupCode: readFileSync(setupCodeFile, 'utf8').trim(), password: 'short', repeat: 'short' });
    await expect(page.getByTestId('login-password-error')).toHaveText('Password must be at least 12 characters long (this one has 5).');
    await page.screenshot({ path: 'e2e/artifacts/login-refused.png' });
  });

  await test.step('with the setup code and a good password: set, logged in, back where it was going', async () => {
    await fill(page, { password: PASSWORD, repeat: PASSWORD });
    await expect(page).toHaveURL(`${BASE}/designs`);
    await expect(page.getByRole('heading', { name: 'Designs' })).toBeVisible();
    await expect(page.getByTestId('logout')).toBeVisible();
    expect(existsSync(setupCodeFile)).toBe(false);
  });

  await test.step('logout ends the session', async () => {
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(`${BASE}/login`);
    await expect(page.getByRole('heading', { name: 'Log in to Patchbay' })).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/login.png' });
    await page.goto('/');
    await expect(page).toHaveURL(`${BASE}/login?next=%2F`);
  });

  await test.step('a wrong password is refused', async () => {
    await fill(page, { password: 'not the admin password' });
    await expect(page.getByTestId('login-password-error')).toHaveText('Password is wrong.');
    await expect(page.getByTestId('logout')).toHaveCount(0);
  });

  await test.step('the right password logs in and the page shows', async () => {
    await fill(page, { password: PASSWORD });
    await expect(page).toHaveURL(`${BASE}/`);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect(page.getByTestId('logout')).toBeVisible();
  });
});

test('the login page in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/login');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('heading', { name: 'Log in to Patchbay' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/login-dark.png' });
});

test('a cross-site POST to /api/trpc is refused with 403, even with a session', async ({ page }) => {
  const login = await page.request.post('/api/auth/login', { headers: { origin: BASE, 'x-patchbay-csrf': '1' }, data: { password: PASSWORD } });
  expect(login.ok()).toBe(true);
  const create = (headers: Record<string, string>) => page.request.post('/api/trpc/designs.create', { headers, data: { name: 'Forged', topology: emptyDesign('Forged') } });

  const forged = await create({ origin: 'https://evil.example', 'x-patchbay-csrf': '1' });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error).toBe(`Cross-site request refused: the Origin header (https://evil.example) is not this dashboard (127.0.0.1:${PORT}).`);
  const headerless = await create({ origin: BASE });
  expect(headerless.status()).toBe(403);
  expect((await headerless.json()).error).toContain('x-patchbay-csrf: 1 header is missing');
  // The same request from the dashboard itself goes through: the session is good, only the origin was not.
  expect((await create({ origin: BASE, 'x-patchbay-csrf': '1' })).ok()).toBe(true);

  // A real browser on another site submitting a form to the dashboard.
  await page.route('http://evil.example/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<form method="post" action="${BASE}/api/trpc/designs.create"><input name="name" value="Forged"><button>go</button></form>` }),
  );
  await page.goto('http://evil.example/');
  const [response] = await Promise.all([page.waitForResponse(`${BASE}/api/trpc/designs.create`), page.click('button')]);
  expect(response.status()).toBe(403);
  await page.goto('/designs');
  await expect(page.getByTestId('design-link')).toHaveText(['Forged']); // only the one allowed above
});
