import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { testContext } from '../../src/test/harness.ts';
import { loadDemo } from '../../src/cli/demo.ts';
import { importOfficialDirectory } from '../../src/store/officialSeries.ts';
import { DEFAULT_OFFICIAL_DIR } from '../../src/cli/official.ts';
import { parseIrccOfficeTypeProv, parseIrccTop25Citizenship, parseRpdOutcomes, type OfficialRecord, type ParsedSeries } from '../../src/importers/official/index.ts';
import { countryLabel } from '../../src/jurisdictions/ca/countries.ts';
import { HAVE_CHROMIUM, SCREENSHOTS, navigation, startBrowserSystem, type BrowserSystem } from './browser.ts';

const official = (p: string): string => join(DEFAULT_OFFICIAL_DIR, p);
type Lang = 'en' | 'fr';
const LOCALE = { en: 'en-CA', fr: 'fr-CA' } as const;
const num = (n: number, lang: Lang): string => new Intl.NumberFormat(LOCALE[lang]).format(n);
const pct = (n: number, lang: Lang): string => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }).format(n / 100);
const month = (y: number, m: number, lang: Lang, style: 'short' | 'long' = 'short'): string =>
  new Intl.DateTimeFormat(LOCALE[lang], { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
const sameDims = (a: Record<string, string>, b: Record<string, string>): boolean => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The cells of a table's body, as shown. */
const cellsOf = (table: Locator): Promise<string[][]> =>
  table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));

/** Every chart of the dashboard drawn: the national one, Quebec, the citizenships, the two tribunal charts and the pending card. */
async function allDrawn(page: Page): Promise<void> {
  for (const id of ['national-heading', 'official-heading', 'citizenship-heading']) {
    await page.locator(`section[aria-labelledby="${id}"] figure svg[role="img"]`).first().waitFor({ timeout: 30_000 });
  }
  await expect.poll(() => page.locator('section[aria-labelledby="tribunal-heading"] figure svg[role="img"]').count(), { timeout: 30_000 }).toBe(2);
  await page.locator('.card svg[role="img"]').first().waitFor({ timeout: 30_000 });
  await page.locator('.card.wide table').waitFor();
}

describe.skipIf(!HAVE_CHROMIUM)('the public web app in Chromium', () => {
  let b: BrowserSystem;
  let base: string;
  let office: ParsedSeries;
  let top25Month: ParsedSeries;
  let top25Year: ParsedSeries;
  let rpd: ParsedSeries;

  beforeAll(async () => {
    b = await startBrowserSystem(async (sys) => {
      await loadDemo(sys.claims, testContext(), { seed: 11, scale: 0.002 });
      await importOfficialDirectory(sys.db, DEFAULT_OFFICIAL_DIR);
    });
    base = b.base;
    // No one signs in: the public pages need no session.
    await b.actAs(null);
    // What the tables must show, read from the shipped files without the database.
    office = await parseIrccOfficeTypeProv(official('ircc-asylum-vintage-2025-07/EN_ODP-Asylum-OfficeType_Prov.xlsx'));
    top25Month = await parseIrccTop25Citizenship(official('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_month.xlsx'));
    top25Year = await parseIrccTop25Citizenship(official('stca-dataset/raw-ircc-vintage-2024-02/EN_ODP-Asylum-Top_25_CITZ_Office_Type_last_year.xlsx'));
    rpd = parseRpdOutcomes(official('canada-observatory/ircc_asylum_outcomes.csv'));
  });

  afterAll(async () => {
    await b?.close();
  });

  const open = (path: string) => b.open(path);

  /** The national table, month by month: IRCC's own total of each office type and of all, Other Offices as its one cell. */
  function nationalTable(lang: Lang): string[][] {
    const at = (r: OfficialRecord, y: number, m: number) => r.period.year === y && r.period.month === m;
    const months = [...new Map(office.records.filter((r) => r.period.month !== undefined).map((r) => [`${r.period.year}-${r.period.month}`, r.period])).values()];
    const shown = (r: OfficialRecord | undefined) => (r === undefined ? '—' : r.suppressed ? '--' : num(r.value!, lang));
    return months.map(({ year: y, month: m }) => [month(y, m!, lang),
      ...['AIRPORT', 'BORDER', 'INLAND'].map((o) => shown(office.records.find((r) => r.isTotal && at(r, y, m!) && sameDims(r.dims, { officeType: o })))),
      shown(office.records.find((r) => !r.isTotal && at(r, y, m!) && r.dims.officeType === 'OTHER_OFFICES')),
      shown(office.records.find((r) => r.isTotal && at(r, y, m!) && sameDims(r.dims, {})))]);
  }

  /** The citizenship table of a period: each ranked country's published total, then Other Countries and the grand total. */
  function citizenshipTable(s: ParsedSeries, matches: (r: OfficialRecord) => boolean, lang: Lang): string[][] {
    const ranked = s.records.filter((r) => r.isTotal && matches(r) && r.dims.rank !== undefined && r.dims.officeType === undefined);
    const other = s.records.find((r) => matches(r) && r.dims.citizenship === 'OTHER_COUNTRIES')!;
    const total = s.records.find((r) => matches(r) && Object.keys(r.dims).length === 0)!;
    return [
      ...ranked.map((r) => [countryLabel(r.dims.citizenship!, lang), r.dims.rank!, num(r.value!, lang)]),
      [lang === 'en' ? 'Other countries' : 'Autres pays', '—', num(other.value!, lang)],
      [lang === 'en' ? 'All countries' : 'Tous les pays', '—', num(total.value!, lang)],
    ];
  }

  const rpdYears = () => [...new Set(rpd.records.map((r) => r.period.year))];
  const rpdValue = (series: string, year: number, outcome?: string) => rpd.records.find((r) => r.series === series && r.period.year === year && (outcome === undefined || r.dims.outcome === outcome))!.value!;

  it('the dashboard draws the national picture from the official series, each chart with its source, vintage and data table', async () => {
    const page = await open('/no-such-page');
    // The top of the page is one request; everything else waits until its chart is drawn (npm run bench:web times that chart).
    const api: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/') && !r.url().includes('/auth/')) api.push(`start ${new URL(r.url()).pathname}${new URL(r.url()).search}`); });
    page.on('requestfinished', (r) => { if (r.url().includes('/stats/official/breakdown?series=ircc.asylum.office_type_prov')) api.push('national finished'); });
    await page.goto(`${base}/`);
    await allDrawn(page);
    expect(await page.locator('h1').textContent()).toBe('Asylum claims: public dashboard');
    expect(api[0]).toBe('start /api/v1/stats/official/breakdown?series=ircc.asylum.office_type_prov&by=officeCategory&from=2015-01');
    expect(api[1]).toBe('national finished');
    expect(api.length).toBeGreaterThan(6);

    // National claims by month and office type: every month since January 2015, as IRCC publishes it.
    const national = page.locator('section[aria-labelledby="national-heading"]');
    expect(await national.locator('h2').textContent()).toBe('Asylum claimants in Canada by month and claim office type (official IRCC series)');
    expect(await national.locator('thead th').allTextContents()).toEqual(['Month', 'Airports', 'Land border', 'Inland offices', 'Other offices', 'Total']);
    const expected = nationalTable('en');
    expect(expected).toHaveLength(127);
    expect(await cellsOf(national.locator('table'))).toEqual(expected);
    expect(expected.at(-1)).toEqual(['Jul 2025', '1,000', '4,305', '7,240', '--', '12,545']);
    expect(await national.locator('.summary').textContent()).toBe('July 2025: 12,545 asylum claimants in Canada (Airports 1,000, Land border 4,305, Inland offices 7,240, Other offices --).');
    expect(await national.getByTestId('vintage').textContent()).toBe('Vintage (release) of July 31, 2025');
    const nationalSource = await national.locator('figcaption.source > p').first().textContent();
    expect(nationalSource).toContain('Immigration, Refugees and Citizenship Canada (IRCC), Canada - Asylum Claimants by Claim Office Type');
    expect(nationalSource).toContain('Open Government Licence');
    expect(await national.locator('svg[role="img"]').getAttribute('aria-label')).toBe('Line chart: asylum claimants in Canada by month, one line per claim office type, Jan 2015 to Jul 2025; suppressed figures are gaps. The data table follows.');
    // One line per office type, and a legend naming them.
    expect(await national.locator('svg[role="img"] path[stroke]').count()).toBeGreaterThanOrEqual(4);
    // (With a legend, Plot wraps the chart in its own <figure>: the swatches, then the <svg>.)
    expect(await national.locator('figure figure').first().textContent()).toMatch(/^Airports\s*Land border\s*Inland offices\s*Other offices/);

    // Quebec land border, as before.
    const quebec = page.locator('section[aria-labelledby="official-heading"]');
    const caption = await quebec.locator('figcaption.source > p').first().textContent();
    expect(caption).toContain('Immigration, Refugees and Citizenship Canada (IRCC)');
    expect(caption).toContain('Open Government Licence');
    expect(await quebec.getByTestId('vintage').textContent()).toBe('Vintage (release) of July 31, 2025');
    const table = quebec.locator('figure table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(120);
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toBe('Jan 2015');
    expect(await table.textContent()).toMatch(/\d,\d{3}/);

    // Top citizenships of the latest month, February 2024, in IRCC's February ranking: 25 bars.
    const citizenship = page.locator('section[aria-labelledby="citizenship-heading"]');
    expect(await citizenship.getByTestId('citizenship-period').textContent()).toBe('Period shown: February 2024. The 25 countries are IRCC’s ranking for that period.');
    await expect.poll(() => citizenship.locator('tbody tr').first().locator('th').textContent()).toBe('India');
    const feb = citizenshipTable(top25Month, (r) => r.period.year === 2024 && r.period.month === 2, 'en');
    expect(feb.slice(0, 3)).toEqual([['India', '1', '2,310'], ['Mexico', '2', '2,020'], ['Bangladesh', '3', '1,980']]);
    expect(feb.slice(-2)).toEqual([['Other countries', '—', '2,235'], ['All countries', '—', '16,350']]);
    expect(await cellsOf(citizenship.locator('table'))).toEqual(feb);
    expect(await citizenship.locator('svg[role="img"] rect').count()).toBe(25);
    expect(await citizenship.locator('.summary').textContent()).toBe('February 2024: 16,350 asylum claimants; the most frequent citizenships were India (2,310), Mexico (2,020) and Bangladesh (1,980).');
    expect(await citizenship.getByTestId('vintage').textContent()).toBe('Vintage (release) of February 29, 2024');

    // The tribunal: outcomes per year and the published acceptance rate, with its definition.
    const tribunal = page.locator('section[aria-labelledby="tribunal-heading"]');
    const years = rpdYears();
    expect(years).toEqual(Array.from({ length: 13 }, (_, i) => 2013 + i));
    const [outcomes, rates] = [tribunal.locator('table').first(), tribunal.locator('table').nth(1)];
    expect(await outcomes.locator('thead th').allTextContents()).toEqual(['Year', 'Accepted', 'Rejected', 'Abandoned, withdrawn and other', 'Total finalized']);
    expect(await cellsOf(outcomes)).toEqual(years.map((y) => {
      const [a, r, o] = ['ACCEPTED', 'REJECTED', 'ABANDONED_WITHDRAWN_OTHER'].map((k) => rpdValue('irb.rpd.outcomes', y, k));
      return [String(y), num(a!, 'en'), num(r!, 'en'), num(o!, 'en'), num(a! + r! + o!, 'en')];
    }));
    expect(await cellsOf(rates)).toEqual(years.map((y) => {
      const [a, r, o] = ['ACCEPTED', 'REJECTED', 'ABANDONED_WITHDRAWN_OTHER'].map((k) => rpdValue('irb.rpd.outcomes', y, k));
      return [String(y), pct(rpdValue('irb.rpd.acceptance_rate', y), 'en'), pct(Math.round((1000 * a!) / (a! + r! + o!)) / 10, 'en')];
    }));
    expect((await cellsOf(rates)).at(-1)).toEqual(['2025', '77.9%', '62.7%']);
    expect(await tribunal.getByTestId('rate-definition').textContent()).toBe('Acceptance rate on the merits (recognition-rate style): accepted ÷ (accepted + rejected). Abandoned and withdrawn claims are left out.');
    expect(await tribunal.locator('.summary').textContent()).toBe('2025: the RPD finalized 79,333 claims, 49,704 accepted, 14,118 rejected and 15,511 abandoned, withdrawn or otherwise closed; the published acceptance rate was 77.9%.');
    expect(await tribunal.textContent()).toContain('agrees with the published one in every year');
    // 13 years × 3 outcomes, stacked.
    expect(await tribunal.locator('figure').first().locator('svg[role="img"] rect').count()).toBe(39);
    const irbSource = await tribunal.locator('figcaption.source > p').first().textContent();
    expect(irbSource).toContain('Immigration and Refugee Board of Canada (IRB), canada-observatory/ircc_asylum_outcomes.csv (as extracted by Canada Observatory');
    // Both tribunal charts cite it.
    expect(await tribunal.getByTestId('vintage').allTextContents()).toEqual(['Vintage (release) of August 22, 2026', 'Vintage (release) of August 22, 2026']);

    // The saved-question cards: numbers beside their disclosure rule and definition.
    expect(await page.locator('.card').count()).toBe(4);
    const lacolle = page.locator('.card').first();
    await lacolle.locator('.figure').first().waitFor();
    expect(await lacolle.locator('.figure').first().getAttribute('title')).toContain('IRCC convention');
    expect(await lacolle.locator('details.about').textContent()).toContain('Disclosure rule');
    expect(await page.locator('.card.wide tbody tr').count()).toBeLessThanOrEqual(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-en.png'), fullPage: true });
    await b.expectAccessible(page);

    // The latest whole year instead: 2023, in IRCC's 2023 ranking.
    await citizenship.getByLabel('Latest full year').check();
    await expect.poll(() => citizenship.getByTestId('citizenship-period').textContent()).toBe('Period shown: 2023. The 25 countries are IRCC’s ranking for that period.');
    const y2023 = citizenshipTable(top25Year, (r) => r.period.year === 2023 && r.period.month === undefined && r.period.quarter === undefined, 'en');
    expect(y2023[0]).toEqual(['Mexico', '1', '23,860']);
    expect(y2023.at(-1)).toEqual(['All countries', '—', '143,795']);
    await expect.poll(() => cellsOf(citizenship.locator('table'))).toEqual(y2023);
    await b.expectAccessible(page);
    await page.close();
  });

  it('switches to French: French headings, numbers, months and sources, and the choice survives a reload', async () => {
    const page = await open('/');
    await page.locator('#national-heading ~ figure svg').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Demandes d’asile : tableau de bord public');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await allDrawn(page);
    expect(await page.locator('#official-heading').textContent()).toBe('Demandes d’asile à la frontière terrestre du Québec par mois (série officielle d’IRCC)');
    expect(await page.locator('#official-heading ~ figure').getByTestId('vintage').textContent()).toBe('Version (diffusion) du 31 juillet 2025');
    const table = page.locator('#official-heading ~ figure table');
    expect(await table.locator('tbody tr').first().locator('th').textContent()).toMatch(/^janv\.? 2015$/);
    const text = await table.textContent() ?? '';
    expect(text).toMatch(/\d[\u00a0\u202f ]\d{3}/); // "3 605": a (narrow) no-break space groups thousands
    expect(text).not.toMatch(/\d,\d{3}/);

    const national = page.locator('section[aria-labelledby="national-heading"]');
    expect(await national.locator('h2').textContent()).toBe('Demandeurs d’asile au Canada par mois et type de bureau de la demande (série officielle d’IRCC)');
    expect(await national.locator('thead th').allTextContents()).toEqual(['Mois', 'Aéroports', 'Frontière terrestre', 'Bureaux intérieurs', 'Autres bureaux', 'Total']);
    expect(await cellsOf(national.locator('table'))).toEqual(nationalTable('fr'));
    expect(await national.locator('.summary').textContent()).toBe(`${month(2025, 7, 'fr', 'long')} : ${num(12545, 'fr')} demandeurs d’asile au Canada (Aéroports ${num(1000, 'fr')}, Frontière terrestre ${num(4305, 'fr')}, Bureaux intérieurs ${num(7240, 'fr')}, Autres bureaux --).`);
    const citizenship = page.locator('section[aria-labelledby="citizenship-heading"]');
    expect(await citizenship.getByTestId('citizenship-period').textContent()).toBe('Période présentée : février 2024. Les 25 pays sont ceux du classement d’IRCC pour cette période.');
    await expect.poll(() => cellsOf(citizenship.locator('table'))).toEqual(citizenshipTable(top25Month, (r) => r.period.year === 2024 && r.period.month === 2, 'fr'));
    const tribunal = page.locator('section[aria-labelledby="tribunal-heading"]');
    expect((await cellsOf(tribunal.locator('table').nth(1))).at(-1)).toEqual(['2025', pct(77.9, 'fr'), pct(62.7, 'fr')]);
    expect(pct(77.9, 'fr')).toMatch(/^77,9[\u00a0\u202f ]%$/);
    expect(await tribunal.getByTestId('rate-definition').textContent()).toBe('Taux d’acceptation sur le fond (style taux de reconnaissance) : acceptées ÷ (acceptées + rejetées). Les désistements et les retraits sont exclus.');
    expect(await tribunal.getByTestId('vintage').first().textContent()).toBe('Version (diffusion) du 22 août 2026');
    expect(await tribunal.locator('figure').first().locator('svg[role="img"]').getAttribute('aria-label')).toContain('Graphique à barres empilées');

    await page.reload();
    await allDrawn(page);
    expect(await page.locator('h1').textContent()).toBe('Demandes d’asile : tableau de bord public');
    expect(await page.evaluate(() => localStorage.getItem('refuge.lang'))).toBe('fr');
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
