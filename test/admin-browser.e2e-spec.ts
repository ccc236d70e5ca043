import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAccount } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = resolve('test-output/admin-browser');
/** Built once per source change (the script skips an up-to-date bundle): about 2 s. */
const BUNDLE_DIR = join(tmpdir(), 'course-platform-admin-bundle');

// CI installs Debian's chromium (.ci/run); elsewhere the test is skipped when it is missing.
const describeWithBrowser = existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

describeWithBrowser('back office in a real browser (headless Chromium)', () => {
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let moduleId: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-admin-bundle.mjs', BUNDLE_DIR], { stdio: 'pipe' });
    t = await createTestApp({ ADMIN_BUNDLE_DIR: BUNDLE_DIR });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    moduleId = await seed(t);
    await mkdir(OUTPUT, { recursive: true });
    profile = await mkdtemp(join(tmpdir(), 'cp-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // Only this server: the login page's web-font link (and anything else external) is not fetched.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(base) ? route.continue() : route.abort(),
    );
    page = context.pages()[0] ?? (await context.newPage());
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await t?.close();
  });

  it('signs in, shows the dashboard charts, and saves a module’s learning outcomes', async () => {
    const account = await createAccount(t, 'staff');
    await page.goto(`${base}/admin`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(`${base}/admin/login`, {
      waitUntil: 'domcontentloaded',
    });
    await page.fill('input[name="email"]', account.email);
    await page.fill('input[name="password"]', account.password);
    await page.screenshot({ path: join(OUTPUT, '1-login.png') });
    await page.getByRole('button', { name: /login/i }).click();
    await page
      .waitForURL(`${base}/admin`, { waitUntil: 'domcontentloaded' })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(OUTPUT, 'failed-login.png') });
        throw error;
      });

    for (const chart of ['dau', 'enrolments', 'funnel', 'campaigns', 'classes']) {
      await page.waitForSelector(`svg[data-chart="${chart}"]`, {
        timeout: 15_000,
      });
    }
    expect(await page.locator('svg[data-chart="dau"] circle').count()).toBe(30);
    expect(await page.locator('svg[data-chart="funnel"] rect').count()).toBeGreaterThan(0);
    await page.screenshot({
      path: join(OUTPUT, '2-dashboard.png'),
      fullPage: true,
    });

    await page.goto(`${base}/admin/resources/modules/records/${moduleId}/edit`, {
      waitUntil: 'domcontentloaded',
    });
    const first = page.locator('input[name="learningOutcomes.0"]');
    await first.waitFor({ timeout: 15_000 });
    expect(await first.inputValue()).toBe('Read a query plan');
    await first.fill('Read a query plan, line by line');
    await page.getByRole('button', { name: /add new item/i }).click();
    await page.locator('input[name="learningOutcomes.2"]').fill('Pick the right index');
    await page.screenshot({
      path: join(OUTPUT, '3-edit-outcomes.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: /save/i }).click();
    await page.waitForURL(
      (url) => url.pathname === '/admin/resources/modules' || url.pathname.endsWith('/show'),
      { timeout: 15_000, waitUntil: 'domcontentloaded' },
    );

    const [row] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ learning_outcomes: string[] }[]>(`SELECT learning_outcomes FROM modules WHERE id = ?`, [
        moduleId,
      ]);
    expect(row?.learning_outcomes).toEqual([
      'Read a query plan, line by line',
      'Avoid N+1 queries',
      'Pick the right index',
    ]);
    await page.goto(`${base}/admin/resources/modules/records/${moduleId}/show`, {
      waitUntil: 'domcontentloaded',
    });
    await page.getByText('Pick the right index').waitFor({ timeout: 15_000 });
    await page.screenshot({
      path: join(OUTPUT, '4-saved-outcomes.png'),
      fullPage: true,
    });
  }, 120_000);

  it('offers a class only the content field of its type, and lists the derived tables with titles', async () => {
    const account = await createAccount(t, 'staff');
    await context.clearCookies();
    await page.goto(`${base}/admin/login`, { waitUntil: 'domcontentloaded' });
    await page.fill('input[name="email"]', account.email);
    await page.fill('input[name="password"]', account.password);
    await page.getByRole('button', { name: /login/i }).click();
    await page.waitForURL(`${base}/admin`, { waitUntil: 'domcontentloaded' });

    await page.goto(`${base}/admin/resources/classes/records/cl-1/edit`, { waitUntil: 'domcontentloaded' });
    const videoUrl = page.locator('input[name="videoUrl"]');
    await videoUrl.waitFor({ timeout: 15_000 });
    expect(await videoUrl.inputValue()).toBe('https://v.example.com/1');
    expect(await page.locator('textarea[name="textContent"], input[name="contestUrl"]').count()).toBe(0);
    // AdminJS's select (react-select): open it, pick "text".
    await page.locator('section[data-css="classes-edit-contentType"] input').first().click({ force: true });
    await page.getByText('text', { exact: true }).last().click();
    await page.locator('textarea[name="textContent"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('input[name="videoUrl"], input[name="contestUrl"]').count()).toBe(0);
    await page.screenshot({ path: join(OUTPUT, '6-class-by-type.png'), fullPage: true });

    // A derived table, new to the back office: the course's title, not its id.
    await page.goto(`${base}/admin/resources/user_course_progress`, { waitUntil: 'domcontentloaded' });
    await page.getByText('SQL for analysts').first().waitFor({ timeout: 15_000 });
    // A table keyed by a text[]: the list opens and a row opens by its record id.
    await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `INSERT INTO analytics_daily_chain_members (metric, member, keys, day, prev_day)
         VALUES ('course_viewers', 'browser-member', ARRAY['c-sql', 'x,y'], current_date - 1, NULL)`,
      );
    await page.goto(`${base}/admin/resources/analytics_daily_chain_members`, {
      waitUntil: 'domcontentloaded',
    });
    await page.getByText('browser-member').first().click({ timeout: 15_000 });
    await page.waitForURL((url) => url.pathname.endsWith('/show'), { timeout: 15_000 });
    await page.getByText('x,y').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUTPUT, '7-chain-member.png'), fullPage: true });
  }, 120_000);

  it('renders hostile names inert under a strict CSP, and signs out with AdminJS’s own logout', async () => {
    const names = [
      '</script><script>window.__xss=1</script>',
      'Ann\u2028</script><img src=x onerror="window.__xss=2">\u2029',
      '<img src=x onerror=alert(document.domain)>&amp;',
    ];
    const dialogs: string[] = [];
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
        problems.push(`console: ${message.text()}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(
          `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        );
      });
    });
    const state = () =>
      page.evaluate(() => {
        const w = window as unknown as { __xss?: unknown; __csp?: string[] };
        return { xss: w.__xss ?? null, csp: w.__csp ?? [] };
      });

    for (const [i, name] of names.entries()) {
      await context.clearCookies();
      const account = await createAccount(t, i === 1 ? 'staff' : 'admin');
      await t.orm.em
        .fork()
        .getConnection()
        .execute(`UPDATE users SET name = ? WHERE id = ?`, [name, account.id]);

      await page.goto(`${base}/admin/login`, { waitUntil: 'domcontentloaded' });
      await page.fill('input[name="email"]', account.email);
      await page.fill('input[name="password"]', account.password);
      await page.getByRole('button', { name: /login/i }).click();
      await page.waitForURL(`${base}/admin`, { waitUntil: 'domcontentloaded' });
      // The dashboard's components loaded and ran: our bundle and AdminJS's scripts work under the CSP.
      await page.waitForSelector('svg[data-chart="dau"]', { timeout: 15_000 });
      const nav = page.locator('[data-css="logged-in"]');
      expect(await nav.innerText()).toContain(name.includes('\u2028') ? 'Ann' : name);

      const response = await page.goto(`${base}/admin/resources/users/records/${account.id}/show`, {
        waitUntil: 'domcontentloaded',
      });
      const csp = response!.headers()['content-security-policy'];
      const scriptSrc = /script-src ([^;]*)/.exec(csp ?? '')?.[1];
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain('unsafe-inline');
      await page.getByText(account.email).first().waitFor({ timeout: 15_000 });
      await page.goto(`${base}/admin/resources/users`, { waitUntil: 'domcontentloaded' });
      await page.getByText(account.email).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(OUTPUT, `5-hostile-name-${i + 1}.png`), fullPage: true });

      // One refusal is expected and harmless: the design system's webpack runtime probes for the
      // global object with `new Function("return this")` inside try/catch and falls back on `window`.
      const seen = await state();
      const known = /^script-src eval \S+\/admin\/frontend\/assets\/design-system\.bundle\.js:/;
      expect({ xss: seen.xss, csp: seen.csp.filter((v) => !known.test(v)) }).toEqual({ xss: null, csp: [] });
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);

      // AdminJS's user menu → Log out (a POST form now): the session ends.
      await nav.hover();
      await page
        .getByText(/log ?out/i)
        .first()
        .click();
      await page.waitForURL(`${base}/admin/login`, { waitUntil: 'domcontentloaded' });
      await page.goto(`${base}/admin`, { waitUntil: 'domcontentloaded' });
      expect(new URL(page.url()).pathname).toBe('/admin/login');
    }
    // Three sign-ins, each with a dashboard and two pages: ~120 s alone on a loaded 2-core VM, and
    // past 180 s with the rest of `npm test` beside it (seen once: a timeout, no assertion failed).
  }, 360_000);
});

/** A course with a module, an enrolment, progress and a month of events, so every chart has data. */
async function seed(t: TestApp): Promise<string> {
  const sql = (query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute(query, params);
  const student = await createAccount(t, 'student');
  await sql(
    `INSERT INTO courses (id, title, description, duration, level, type) VALUES ('c-sql', 'SQL for analysts', 'Queries', 120, 'beginner', 'skill-based')`,
  );
  await sql(
    `INSERT INTO modules (id, course_id, title, description, "order", learning_outcomes)
     VALUES ('m-plans', 'c-sql', 'Query plans', 'Reading plans', 1, '{"Read a query plan","Avoid N+1 queries"}')`,
  );
  await sql(
    `INSERT INTO topics (id, course_id, module_id, title, "order") VALUES ('t-1', 'c-sql', 'm-plans', 'EXPLAIN', 1)`,
  );
  await sql(
    `INSERT INTO classes (id, topic_id, title, content_type, video_url, duration, "order") VALUES ('cl-1', 't-1', 'EXPLAIN ANALYZE', 'video', 'https://v.example.com/1', 600, 1)`,
  );
  await sql(`INSERT INTO course_access (id, user_id, course_id) VALUES ('ca-1', ?, 'c-sql')`, [student.id]);
  await sql(
    `INSERT INTO user_progress (id, user_id, class_id, watched_duration, is_completed) VALUES ('up-1', ?, 'cl-1', 300, true)`,
    [student.id],
  );
  await sql(
    `INSERT INTO analytics_events (id, user_id, session_id, event_type, event_action, page, utm_source, utm_medium, utm_campaign, is_logged_in, timestamp)
     SELECT 'ev-' || d || '-' || s || '-' || coalesce(step.action, 'load'), ?, 'sess-' || d || '-' || s, step.type, step.action, step.page, 'newsletter', 'email', 'spring-sale', step.logged, now() - (d || ' days')::interval
     FROM generate_series(0, 29) d, generate_series(1, 1 + d % 4) s,
          (VALUES ('we_page_load', NULL, '/login', false), ('auth_event', 'otp_requested', '/login', false), ('auth_event', 'login_success', '/login', true)) AS step(type, action, page, logged)`,
    [student.id],
  );
  // A learner opening the class (what "most viewed classes" counts).
  await sql(
    `INSERT INTO analytics_events (id, user_id, session_id, event_type, event_action, page, course_id, class_id, is_logged_in)
     VALUES ('ev-class-view', ?, 'sess-class', 'we_page_load', NULL, '/courses/c-sql/classes/cl-1', 'c-sql', 'cl-1', true)`,
    [student.id],
  );
  return 'm-plans';
}
