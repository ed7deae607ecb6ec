import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestSystem, testContext, type TestSystem } from '../../src/test/harness.ts';
import { loadDemo } from '../../src/cli/demo.ts';
import { importOfficialDirectory } from '../../src/store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../../src/cli/official.ts';
import { buildApp } from '../../src/api/app.ts';
import { WEB_DIST_DIR } from '../../src/api/web.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');
const AXE = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

if (!HAVE_CHROMIUM) {
  if (process.env.CI) {
    throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium); it is missing on this CI machine.`);
  }
  console.warn(`\n*** WARNING: ${CHROMIUM} is missing: the web app's browser tests are SKIPPED. Install it with \`apt-get install -y chromium\`. ***\n`);
}

interface AxeResult { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }

describe.skipIf(!HAVE_CHROMIUM)('the public web app in Chromium', () => {
  let sys: TestSystem;
  let app: FastifyInstance;
  let context: BrowserContext;
  let base: string;
  let profileDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST_DIR, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn' });
    }
    sys = await startTestSystem();
    await loadDemo(sys.claims, testContext(), { seed: 11, scale: 0.002 });
    await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
    // buildApp serves the web app too (src/api/web.ts), as `refuge serve` does.
    app = await buildApp({ db: sys.db, claims: sys.claims, users: sys.users, audit: sys.audit });
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');

    const { chromium } = await import('playwright-core');
    profileDir = mkdtempSync(join(tmpdir(), 'refuge-chromium-'));
    // A fresh profile each run (playwright passes it to chromium as --user-data-dir).
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
      locale: 'en-CA',
      acceptDownloads: true,
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await sys?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
    // The server's Content-Security-Policy (src/api/hardening.ts): Chromium logs each thing it blocks.
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Trusted(HTML|Script|Type)/.test(m.text())) pageErrors.push(`${path}: ${m.text()}`); });
    // Each test starts in the default language (the profile's localStorage is shared by the tests).
    await page.goto(`${base}/healthz`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(base + path);
    return page;
  }

  async function axe(page: Page): Promise<AxeResult['violations']> {
    // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses inline scripts, as it should.
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const result = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResult> } };
      return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    return result.violations;
  }

  const describeViolations = (v: AxeResult['violations']) => v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');

  it('the dashboard draws the official Quebec land-border series with its source and vintage', async () => {
    const page = await open('/');
    await page.locator('#official-heading ~ figure svg[role="img"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('Asylum claims: public dashboard');
    const caption = await page.locator('#official-heading ~ figure figcaption.source > p').textContent();
    expect(caption).toContain('Immigration, Refugees and Citizenship Canada (IRCC)');
    expect(caption).toContain('Open Government Licence');
    expect(await page.getByTestId('vintage').textContent()).toBe('Vintage (release) of July 31, 2025');
    // The data table under the chart is the text alternative: one row a month from January 2015.
    const table = page.locator('#official-heading ~ figure table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(120);
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toBe('Jan 2015');
    // Numbers are formatted for English: "3,605" (July 2025 in the 2025-07 release).
    expect(await table.textContent()).toMatch(/\d,\d{3}/);
    // The saved-question cards: numbers beside their disclosure rule and definition.
    await page.locator('.card .figure').first().waitFor();
    await page.locator('.card.wide table').waitFor();
    await page.locator('.card svg[role="img"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.card').count()).toBe(4);
    const lacolle = page.locator('.card').first();
    expect(await lacolle.locator('.figure').first().getAttribute('title')).toContain('IRCC convention');
    expect(await lacolle.locator('details.about').textContent()).toContain('Disclosure rule');
    expect(await page.locator('.card.wide tbody tr').count()).toBeLessThanOrEqual(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-en.png'), fullPage: true });
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
  });

  it('switches to French: French headings and numbers, and the choice survives a reload', async () => {
    const page = await open('/');
    await page.locator('#official-heading ~ figure svg').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Demandes d’asile : tableau de bord public');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#official-heading').textContent()).toBe('Demandes d’asile à la frontière terrestre du Québec par mois (série officielle d’IRCC)');
    expect(await page.getByTestId('vintage').textContent()).toBe('Version (diffusion) du 31 juillet 2025');
    const table = page.locator('#official-heading ~ figure table');
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toMatch(/^janv\.? 2015$/);
    const text = await table.textContent() ?? '';
    expect(text).toMatch(/\d[\u00a0\u202f ]\d{3}/); // "3 605": a (narrow) no-break space groups thousands
    expect(text).not.toMatch(/\d,\d{3}/);

    await page.reload();
    await page.locator('#official-heading ~ figure svg').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('Demandes d’asile : tableau de bord public');
    expect(await page.evaluate(() => localStorage.getItem('refuge.lang'))).toBe('fr');
    await page.locator('.card svg[role="img"]').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-fr.png'), fullPage: true });
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asylum claims: public dashboard');
    await page.close();
  });

  it('the explorer answers a question with a chart and a table, and its CSV link downloads CSV', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Statistics explorer' }).click();
    await page.waitForURL(`${base}/explore`);
    expect(await page.locator('h1').textContent()).toBe('Statistics explorer');
    await page.getByLabel('Measure').selectOption('claims');
    await page.getByLabel('Breakdown').selectOption('office_type');
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To').fill('2024-12-31');
    await page.getByLabel('Compare with').selectOption('previous_year');
    await page.getByRole('button', { name: 'Show the answer' }).click();
    await page.locator('[data-chart-kind="bar"] svg[role="img"]').waitFor({ timeout: 30_000 });
    const answer = page.locator('section[aria-labelledby="answer-heading"]');
    expect(await answer.locator('thead th').allTextContents()).toEqual(['Office type', 'Claims made (claimants)', 'Comparison period', 'Change (%)']);
    expect(await answer.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await answer.textContent()).toContain('Claims made, one per person');
    expect(await answer.textContent()).toContain('IRCC convention');
    expect(await answer.locator('tbody').textContent()).toMatch(/%/);
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-breakdown.png'), fullPage: true });
    let violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const link = page.getByRole('link', { name: 'Download CSV' });
    const href = await link.getAttribute('href');
    expect(href).toContain('format=csv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('refuge-claims-2024-01-01-2024-12-31.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^value,period,n,previous_n,change,change_percent,/);
    expect(csv).toContain('LAND_POE');

    // A time series: lines, one per value, and the question survives a reload (it lives in the address).
    await page.getByLabel('Time series by').selectOption('month');
    await page.getByRole('button', { name: 'Show the answer' }).click();
    await page.locator('[data-chart-kind="line"] svg[role="img"]').waitFor({ timeout: 30_000 });
    await page.reload();
    await page.locator('[data-chart-kind="line"] svg[role="img"]').waitFor({ timeout: 30_000 });
    const answer2 = page.locator('section[aria-labelledby="answer-heading"]');
    expect(await answer2.locator('tbody tr').count()).toBe(12);
    expect(await answer2.locator('tbody tr').first().locator('th').textContent()).toBe('Jan 2024');
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-series.png'), fullPage: true });
    violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
  });

  it('serves the app for client-side routes and keeps unknown API paths as JSON 404', async () => {
    const page = await open('/no-such-page');
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.close();
    const res = await fetch(`${base}/api/v1/no-such-route`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('route_not_found');
  });

  it('raised no uncaught error and no Content-Security-Policy violation in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
