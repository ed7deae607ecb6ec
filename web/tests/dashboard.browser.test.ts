import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../../src/test/harness.ts';
import { loadDemo } from '../../src/cli/demo.ts';
import { importOfficialDirectory } from '../../src/store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../../src/cli/official.ts';
import { HAVE_CHROMIUM, SCREENSHOTS, navigation, startBrowserSystem, type BrowserSystem } from './browser.ts';

describe.skipIf(!HAVE_CHROMIUM)('the public web app in Chromium', () => {
  let b: BrowserSystem;
  let base: string;

  beforeAll(async () => {
    b = await startBrowserSystem(async (sys) => {
      await loadDemo(sys.claims, testContext(), { seed: 11, scale: 0.002 });
      await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
    });
    base = b.base;
    // No one signs in: the public pages need no session.
    await b.actAs(null);
  });

  afterAll(async () => {
    await b?.close();
  });

  const open = (path: string) => b.open(path);

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
    await b.expectAccessible(page);
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
    await b.expectAccessible(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asylum claims: public dashboard');
    await page.close();
  });

  it('the explorer answers a question with a chart and a table, and downloads its CSV through the app\'s client', async () => {
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
    await b.expectAccessible(page);

    // Downloaded through the app's one client: the request names the web app as its channel.
    const [download, csvRequest] = await Promise.all([
      page.waitForEvent('download'),
      page.waitForRequest((r) => r.url().includes('/api/v1/stats?') && r.url().includes('format=csv')),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csvRequest.headers()['x-refuge-client']).toBe('web');
    expect(new URL(csvRequest.url()).searchParams.get('dimension')).toBe('office_type');
    expect(download.suggestedFilename()).toBe('refuge-claims-2024-01-01-2024-12-31.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe('value,period,n,previous_n,change,change_percent,median,p90,rate_percent,measure,dimension,from,to,disclosure,definition,source');
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
    await b.expectAccessible(page);
    await page.close();
  });

  it('serves the app for client-side routes and keeps unknown API paths as JSON 404', async () => {
    const page = await open('/no-such-page');
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await b.expectAccessible(page);
    await page.close();
    const res = await fetch(`${base}/api/v1/no-such-route`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('route_not_found');
  });

  it('shows the public pages without sign-in: their links and a way to sign in, none of the workbench', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer']);
    expect(await page.locator('.tagline').textContent()).toBe('Asylum claims in Canada: public statistics');
    await page.close();
  });

  it('raised no uncaught error, console error or Content-Security-Policy violation in any page', () => {
    expect(b.problems).toEqual([]);
  });
});
