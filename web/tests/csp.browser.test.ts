import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
import { LOCAL_OPERATOR } from '../../src/domain/access/policy.ts';
import { WEB_DIST_DIR } from '../../src/api/web.ts';
import { purgeExpired } from '../../src/services/retention.ts';
import { cliCaller } from '../../src/domain/access/policy.ts';
import { addMonths } from '../../src/domain/dates.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REPO = fileURLToPath(new URL('../../', import.meta.url));

if (!HAVE_CHROMIUM) {
  console.warn(`\n*** WARNING: ${CHROMIUM} is missing: the Content-Security-Policy browser test is SKIPPED. ***\n`);
}

interface Visit { violations: string[]; csp: string | undefined; links: string[] }

/**
 * The web app under the server's Content-Security-Policy (src/api/hardening.ts) in a real browser:
 * every page it links to, in both languages, with charts drawn, raises no violation.
 */
describe.skipIf(!HAVE_CHROMIUM)('the web app under its Content-Security-Policy', () => {
  let sys: TestSystem;
  let app: FastifyInstance;
  let context: BrowserContext;
  let base: string;
  let profileDir: string;
  let claimId: string;
  let purgedClaimId: string;

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST_DIR, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn' });
    }
    sys = await startTestSystem();
    await loadDemo(sys.claims, testContext(), { seed: 13, scale: 0.001 });
    await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
    const { rows } = await sys.db.pool.query<{ id: string }>('SELECT id FROM claims ORDER BY claim_date DESC, id LIMIT 1');
    claimId = rows[0]?.id ?? '';
    // Some identities past their retention period (as of eleven years from now), so a purged claim page is visited too.
    const later = addMonths(testContext().today, 132);
    await purgeExpired(sys.db, sys.audit, { ...testContext(cliCaller('browser-test')), today: later }, { asOf: later });
    const purged = await sys.db.pool.query<{ id: string }>('SELECT c.id FROM claims c JOIN persons p ON p.id = c.person_id WHERE p.purged_at IS NOT NULL ORDER BY c.id LIMIT 1');
    purgedClaimId = purged.rows[0]?.id ?? '';
    // The production configuration: default rate limits, no test overrides.
    app = await buildApp({ db: sys.db, claims: sys.claims, users: sys.users, audit: sys.audit });
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const { chromium } = await import('playwright-core');
    profileDir = mkdtempSync(join(tmpdir(), 'refuge-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM, headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 900 }, locale: 'en-CA',
    });
    // Every violation, as the page's own `securitypolicyviolation` events see it (registered before any script runs).
    await context.exposeBinding('refugeReportViolation', ({ page }, text: string) => {
      (violationsByPage.get(page) ?? []).push(text);
    });
    // Signed in with every case-work role, so the workbench pages show themselves, under the production
    // rate limits, as a person browsing would be (each page load asks for the session). A session of its
    // own: the purge above, eleven years ahead, ended the operator's.
    const viewer = await sys.signInUser({ username: 'csp-viewer', roles: [...LOCAL_OPERATOR.roles], officeScope: 'ALL' });
    await context.addCookies([{ name: 'refuge_session', value: viewer.headers.cookie.replace(/^refuge_session=/, ''), domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { refugeReportViolation: (t: string) => void }).refugeReportViolation;
        void report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await sys?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  const violationsByPage = new Map<Page, string[]>();

  /** Opens a page in a language, waits for what it draws, returns what it violated and the same-origin pages it links to. */
  async function visit(path: string, lang: 'en' | 'fr', act?: (page: Page) => Promise<void>): Promise<Visit> {
    const page = await context.newPage();
    const violations: string[] = [];
    violationsByPage.set(page, violations);
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Trusted(HTML|Script|Type)/.test(m.text())) violations.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
    await page.goto(`${base}/healthz`);
    await page.evaluate((l) => localStorage.setItem('refuge.lang', l), lang);
    const response = await page.goto(base + path);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    // Charts are drawn after their module loads: wait until every chart container has its drawing.
    await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas')].every((c) => c.childElementCount > 0), undefined, { timeout: 30_000 });
    if (act) await act(page);
    const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await page.close();
    return { violations, csp: response?.headers()['content-security-policy'], links: links.filter((l) => !l.startsWith('/api/')) };
  }

  it('raises no violation on any page, in English and in French', async () => {
    const seeds = ['/', '/explore', '/explore?measure=claims&dimension=office_type&from=2024-01-01&to=2024-12-31&series=month&compare=previous_year',
      '/work', '/work/intake', '/work/import', '/work/queues?office=QC-LACOLLE', `/work/claims/${claimId}`, `/work/claims/${purgedClaimId}`, '/no-such-page'];
    const seen = new Set<string>();
    const queue = [...seeds];
    const problems: string[] = [];
    let charts = 0;
    while (queue.length > 0 && seen.size < 40) {
      const path = queue.shift() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      for (const lang of ['en', 'fr'] as const) {
        const result = await visit(path, lang, async (page) => { charts += await page.locator('.chart-canvas svg').count(); });
        expect(result.csp, path).toContain("style-src 'self'");
        problems.push(...result.violations.map((v) => `${path} (${lang}): ${v}`));
        // Claim pages are many; one stands for all.
        for (const link of result.links) if (!link.startsWith('/work/claims/')) queue.push(link);
      }
    }
    expect(problems).toEqual([]);
    // The crawl reached the pages of both halves of the app, and charts were drawn under the policy.
    expect([...seen]).toEqual(expect.arrayContaining(['/', '/explore', '/work', '/work/intake', '/work/import', '/work/audit', '/work/users']));
    expect(charts).toBeGreaterThan(4);
  });

  it('shows a claim whose claimant\'s identity was purged', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/healthz`);
    await page.evaluate(() => localStorage.setItem('refuge.lang', 'en'));
    await page.goto(`${base}/work/claims/${purgedClaimId}`);
    await expect.poll(() => page.locator('main h1').first().textContent()).toMatch(/^Claim C-\d{4}-\d{7}: Identity removed \(retention\)$/);
    expect(await page.locator('#parties-heading + dl dd').first().textContent())
      .toMatch(/^Name, date of birth and documents removed on .+ at the end of their retention period \((Female|Male|Another gender \(X\))\)$/);
    await page.close();
  });

  it('applies Plot\'s own styles without a <style> element', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/explore?measure=claims&dimension=office_type&from=2024-01-01&to=2024-12-31&series=month`);
    const svg = page.locator('.chart-canvas svg[class^="plot-"]').first();
    await svg.waitFor({ timeout: 30_000 });
    // --plot-background comes only from Plot's default rules, now in an adopted style sheet. Polled: the
    // chart is drawn again when its value labels arrive, and a replaced (detached) svg has no computed style.
    await expect.poll(() => svg.evaluate((el) => getComputedStyle(el).getPropertyValue('--plot-background').trim())).toBe('white');
    expect(await page.locator('style').count()).toBe(0);
    await page.close();
  });

  it('would notice a violation (the listener works)', async () => {
    const result = await visit('/work', 'en', async (page) => {
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'main { color: red; }';
        document.head.append(style);
        const img = document.createElement('img');
        img.src = 'https://example.org/pixel.png';
        document.body.append(img);
      });
      // Both reports arrive through the binding: wait for them rather than for a time.
      await expect.poll(() => (violationsByPage.get(page) ?? []).filter((v) => !v.startsWith('console')).length).toBe(2);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('main') as Element).color)).not.toBe('rgb(255, 0, 0)');
    });
    expect(result.violations.filter((v) => v.startsWith('style-src-elem blocked inline'))).toHaveLength(1);
    expect(result.violations.filter((v) => v.startsWith('img-src blocked https://example.org/pixel.png'))).toHaveLength(1);
  });
});
