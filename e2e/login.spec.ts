import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { emptyDesign } from '../core/editor/empty';

// The dashboard as `npm start` runs it off loopback: a second `next start` of the same build, with
// PATCHBAY_REQUIRE_LOGIN=1, a data directory of its own (the configured server has no login), and
// one extra Host name allowed.

const PORT = Number(process.env.E2E_LOGIN_PORT ?? 3124);
const BASE = `http://127.0.0.1:${PORT}`;
const DATA = 'e2e/artifacts/login-data';
const PASSWORD = 'twelve or more characters';
const ALLOWED_NAME = 'patchbay.test';
const CSRF = { origin: BASE, 'x-patchbay-csrf': '1' };

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
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      PATCHBAY_REQUIRE_LOGIN: '1',
      PATCHBAY_DATA_DIR: DATA,
      PATCHBAY_ALLOWED_HOSTS: ALLOWED_NAME,
    },
  });
  server.stdout!.on('data', (chunk) => (serverOutput += chunk));
  server.stderr!.on('data', (chunk) => (serverOutput += chunk));
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 250))) {
    if (server.exitCode !== null) throw new Error(`next start on ${PORT} exited:\n${serverOutput}`);
    if (
      await fetch(`${BASE}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
  }
  throw new Error(`next start on ${PORT} did not answer within 60 s:\n${serverOutput}`);
});

test.afterAll(() => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
});

// Every page here reports Content-Security-Policy violations; a test fails on any, but one: zod 4
// probes once per page whether it may compile validators with `Function("")`, catches the refusal
// and validates without compiling (its `jitless` mode), so that blocked eval breaks nothing.
const cspViolations: string[] = [];
const ZOD_EVAL_PROBE = 'CSP violation: script-src blocked eval';
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
    ),
  );
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text()) && message.text() !== ZOD_EVAL_PROBE)
      cspViolations.push(message.text());
  });
});
test.afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

/** A raw request with a Host header of our choosing (browsers and Playwright set their own). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: PORT, method, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(method === 'POST' ? JSON.stringify({ name: 'Rebound', topology: emptyDesign('Rebound') }) : undefined);
  });
}

async function fill(page: Page, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) await page.getByTestId(`login-${field}`).fill(value);
  await page.getByTestId('login-submit').click();
}

test('a page needs a login; the first password needs the setup code; log in, out, and in again', async ({
  page,
  request,
}) => {
  await test.step('pages go to /login, API calls get 401', async () => {
    await page.goto('/designs');
    await expect(page).toHaveURL(`${BASE}/login?next=%2Fdesigns`);
    await expect(page.getByRole('heading', { name: 'Set the admin password' })).toBeVisible();
    await expect(page.getByTestId('logout')).toHaveCount(0);
    await page.screenshot({ path: 'e2e/artifacts/login-set-password.png' });
    const api = await request.get('/api/trpc/validation.demo');
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: 'Login required: log in at /login first.' });
  });

  const setupCodeFile = join(DATA, 'setup-code');
  await test.step('without the setup code the password is not set', async () => {
    expect(serverOutput).toContain(setupCodeFile);
    await fill(page, { setupCode: 'AAAA-BBBB-CCCC-DDDD', password: PASSWORD, repeat: PASSWORD });
    await expect(page.getByTestId('login-setupCode-error')).toHaveText(
      'Setup code does not match the one in the file setup-code in the data directory.',
    );
    await expect(page).toHaveURL(/\/login/);
  });

  await test.step('with the setup code, a too-short password is refused with the rule', async () => {
    await fill(page, { setupCode: readFileSync(setupCodeFile, 'utf8').trim(), password: 'short', repeat: 'short' });
    await expect(page.getByTestId('login-password-error')).toHaveText(
      'Password must be at least 12 characters long (this one has 5).',
    );
    await page.screenshot({ path: 'e2e/artifacts/login-refused.png' });
  });

  await test.step('with the setup code and a good password: set, logged in, back where it was going', async () => {
    await fill(page, { password: PASSWORD, repeat: PASSWORD });
    await expect(page).toHaveURL(`${BASE}/designs`);
    await expect(page.getByRole('heading', { name: 'Designs' })).toBeVisible();
    await expect(page.getByTestId('logout')).toBeVisible();
    expect(existsSync(setupCodeFile)).toBe(false);
  });

  await test.step("a logout without a session is refused and ends nobody's session", async () => {
    const anonymous = await request.post('/api/auth/logout', { headers: CSRF });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()).error).toBe(
      'Logging out needs a session: this browser is not logged in (log in at /login).',
    );
    await page.reload();
    await expect(page.getByTestId('logout')).toBeVisible();
  });

  await test.step('logout ends the session, and its cookie is worthless afterwards', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'patchbay_session')!;
    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(`${BASE}/login`);
    await expect(page.getByRole('heading', { name: 'Log in to Patchbay' })).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/login.png' });
    await page.goto('/');
    await expect(page).toHaveURL(`${BASE}/login?next=%2F`);
    const replayed = await request.get('/api/trpc/validation.demo', {
      headers: { cookie: `patchbay_session=${cookie.value}` },
    });
    expect(replayed.status()).toBe(401);
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
  const login = await page.request.post('/api/auth/login', {
    headers: { origin: BASE, 'x-patchbay-csrf': '1' },
    data: { password: PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const create = (headers: Record<string, string>) =>
    page.request.post('/api/trpc/designs.create', {
      headers,
      data: { name: 'Forged', topology: emptyDesign('Forged') },
    });

  const forged = await create({ origin: 'https://evil.example', 'x-patchbay-csrf': '1' });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error).toBe(
    `Cross-site request refused: the Origin header (https://evil.example) is not this dashboard (127.0.0.1:${PORT}).`,
  );
  const headerless = await create({ origin: BASE });
  expect(headerless.status()).toBe(403);
  expect((await headerless.json()).error).toContain('x-patchbay-csrf: 1 header is missing');
  // The same request from the dashboard itself goes through: the session is good, only the origin was not.
  expect((await create({ origin: BASE, 'x-patchbay-csrf': '1' })).ok()).toBe(true);

  // A real browser on another site submitting a form to the dashboard.
  await page.route('http://evil.example/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="${BASE}/api/trpc/designs.create"><input name="name" value="Forged"><button>go</button></form>`,
    }),
  );
  await page.goto('http://evil.example/');
  const [response] = await Promise.all([page.waitForResponse(`${BASE}/api/trpc/designs.create`), page.click('button')]);
  expect(response.status()).toBe(403);
  await page.goto('/designs');
  await expect(page.getByTestId('design-link')).toHaveText(['Forged']); // only the one allowed above
});

test('sessions are listed, one is revoked from another browser, then everywhere', async ({ page, browser }) => {
  await page.request.post('/api/auth/login', { headers: CSRF, data: { password: PASSWORD } });
  const other = await browser.newContext({
    baseURL: BASE,
    userAgent: 'Mozilla/5.0 (X11; FreeBSD amd64; rv:128.0) Gecko/20100101 Firefox/128.0',
  });
  expect((await other.request.post('/api/auth/login', { headers: CSRF, data: { password: PASSWORD } })).ok()).toBe(
    true,
  );
  expect((await other.request.get('/api/trpc/validation.demo')).ok()).toBe(true);

  await page.goto('/designs');
  await page.getByTestId('sessions-link').click();
  await expect(page).toHaveURL(`${BASE}/sessions`);
  await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  const rows = page.getByTestId('session-row');
  await expect(rows.filter({ hasText: 'Firefox on FreeBSD' })).toHaveCount(1);
  await expect(page.getByTestId('session-current')).toHaveCount(1);
  await page.screenshot({ path: 'e2e/artifacts/sessions.png' });

  const count = await rows.count();
  await rows.filter({ hasText: 'Firefox on FreeBSD' }).getByTestId('session-revoke').click();
  await expect(page.getByRole('status')).toContainText('Revoked the session of Firefox on FreeBSD from 127.0.0.1.');
  await expect(rows).toHaveCount(count - 1);
  expect((await other.request.get('/api/trpc/validation.demo')).status()).toBe(401);
  await expect(page.getByTestId('session-current')).toHaveCount(1); // this browser is still in

  await page.getByTestId('sessions-revoke-all').click();
  await expect(page).toHaveURL(`${BASE}/login`);
  expect((await page.request.get('/api/trpc/validation.demo')).status()).toBe(401);
  await other.close();
});

test('a request for another Host name is refused with 421 (DNS rebinding), a listed name answered', async () => {
  const host = `evil.example:${PORT}`;
  const write = await rawRequest('POST', '/api/trpc/designs.create', {
    host,
    origin: `http://${host}`,
    'x-patchbay-csrf': '1',
    'content-type': 'application/json',
  });
  expect(write.status).toBe(421);
  expect(JSON.parse(write.body).error).toContain(`Host "${host}" is not a name this dashboard answers to`);
  const page = await rawRequest('GET', '/login', { host });
  expect(page.status).toBe(421);
  expect(page.body).toContain('add it to PATCHBAY_ALLOWED_HOSTS');
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect((await rawRequest('GET', '/login', { host: `${ALLOWED_NAME}:${PORT}` })).status).toBe(200);
});

test('pages, API answers and static files carry the security headers', async ({ page, request }) => {
  const response = await page.goto('/login');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(
    /^default-src 'self'; script-src 'self' 'unsafe-inline'; .*frame-ancestors 'none'$/,
  );
  expect(headers).toMatchObject({
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  const staticHeaders = (await request.get(script!)).headers();
  expect(staticHeaders).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  expect((await request.get('/api/auth/session')).headers()['content-security-policy']).toContain("default-src 'self'");
});
