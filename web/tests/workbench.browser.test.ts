import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { testContext } from '../../src/test/harness.ts';
import { loadDemo } from '../../src/cli/demo.ts';
import { landPoeFacts } from '../../src/domain/eligibility/fixtures.ts';
import { HAVE_CHROMIUM, startBrowserSystem, type BrowserSystem } from './browser.ts';

/** The facts only the officer can add (the rest comes from intake): no family in Canada → STCA applies. */
function officerFacts() {
  const { claimant: _c, claim, ...rest } = landPoeFacts();
  return {
    ...rest, familyInCanada: [],
    claimant: { maritalStatus: 'SINGLE', accompaniedBy: 'NONE', parentOrGuardianInCanada: false, parentOrGuardianInUS: false },
    claim: { cameFromUS: claim?.cameFromUS, inTransitUnderUSRemovalOrder: false },
  };
}

describe.skipIf(!HAVE_CHROMIUM)('the workbench in Chromium', () => {
  let b: BrowserSystem;
  let base: string;
  const family = `Webtest${Date.now().toString(36)}`;
  let firstClaimUrl = '';

  /** The API as the harness's operator (a signed-in user with every case-work role), outside the browser. */
  const api = async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await b.sys.app.inject({ method, url, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    return { status: res.statusCode, json: res.json() as T };
  };

  beforeAll(async () => {
    b = await startBrowserSystem((sys) => loadDemo(sys.claims, testContext(), { seed: 12, scale: 0.002 }).then(() => undefined));
    base = b.base;
    // The browser acts as the operator: the session cookie the server set when the harness signed them in.
    await b.actAs(b.sys.operator);
  });

  afterAll(async () => {
    await b?.close();
  });

  const open = (path: string) => b.open(path);
  const expectAccessible = (page: Page) => b.expectAccessible(page);
  const shot = (page: Page, name: string) => b.shot(page, name);

  /** Types a person into row i of the intake form, field by field. */
  async function typePerson(page: Page, i: number, p: { family: string; given: string; dob: string; sex: string; rel: string; passport?: string; languages?: string }) {
    const f = (name: string) => page.locator(`#f-members-${i}-${name}`);
    await f('familyName').pressSequentially(p.family);
    await page.keyboard.press('Tab');
    await page.keyboard.type(p.given);
    await f('dateOfBirth').fill(p.dob);
    await f('sex').selectOption(p.sex);
    await f('relationship').selectOption(p.rel);
    await f('citizenships-0').selectOption('HTI');
    if (p.passport) {
      await f('documents-0-number').pressSequentially(p.passport);
      await f('documents-0-issuingCountry').selectOption('HTI');
    }
    if (p.languages) await f('languages').pressSequentially(p.languages);
  }

  it('takes in a family of three through the duplicate search and lands on the claim page (CLAIM_MADE)', async () => {
    // Someone already on record: the principal, entered before with the day and month of birth swapped.
    const prior = await api<{ claims: Array<{ reference: string }> }>('POST', '/api/v1/groups', {
      officeCode: 'QC-LACOLLE', claimDate: '2025-01-10', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
      duplicateOverride: { reason: 'fixture: an earlier claim by the same person' },
      members: [{ familyName: family, givenNames: 'Marie Claire', dateOfBirth: '1985-11-02', sex: 'F', citizenships: ['HTI'], documents: [],
        languages: ['fr'], interpreterLanguage: null, relationship: 'PRINCIPAL' }],
    });
    expect(prior.status).toBe(201);
    const priorRef = prior.json.claims[0]!.reference;

    const page = await open('/');
    await page.getByRole('link', { name: 'Workbench', exact: true }).click();
    await page.waitForURL(`${base}/work`);
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr').count()).toBe(25);
    await page.getByRole('button', { name: 'Show more' }).click(); // the next page, by its cursor
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    await shot(page, 'work-home');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'New intake' }).click();
    await page.waitForURL(`${base}/work/intake`);
    await page.locator('#f-officeCode option[value="QC-LACOLLE"]').waitFor({ state: 'attached' });

    await page.locator('#f-officeCode').selectOption('QC-LACOLLE');
    await page.locator('#f-claimDate').fill('2025-07-14');
    await page.locator('#f-persecutionCountries-0').selectOption('HTI');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await typePerson(page, 0, { family, given: 'Marie Claire', dob: '1985-02-11', sex: 'F', rel: 'PRINCIPAL', passport: 'HT123456', languages: 'fr, ht' });
    await typePerson(page, 1, { family, given: 'Jean Robert', dob: '1983-09-30', sex: 'M', rel: 'SPOUSE' });
    await typePerson(page, 2, { family, given: 'Lina', dob: '2016-06-05', sex: 'F', rel: 'CHILD' });
    expect(await page.getByRole('button', { name: 'Create claims' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Search for duplicates' }).click();
    await page.locator('#candidates-heading').waitFor();
    expect(await page.locator('[data-testid^="candidates-"]').count()).toBe(3);
    const principal = page.getByTestId('candidates-0');
    expect(await principal.textContent()).toContain(priorRef);
    expect(await principal.locator('li li').count()).toBeGreaterThan(0); // the reasons, in English
    await shot(page, 'work-intake-candidates');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Create claims' }).click();
    await page.waitForURL(/\/work\/claims\/[0-9a-f-]{36}$/);
    firstClaimUrl = page.url();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('CLAIM_MADE');
    expect(await page.getByTestId('state').textContent()).toBe('Claim made');
    expect(await page.locator('h1').textContent()).toContain('Marie Claire');
    expect(await page.locator('section[aria-labelledby="parties-heading"] li').count()).toBe(3);
    expect(await page.locator('.timeline li').count()).toBe(1);
    await shot(page, 'work-claim');
    await expectAccessible(page);
    await page.close();
  });

  it('shows the server\'s message at the right field for a malformed intake', async () => {
    const page = await open('/work/intake');
    await page.locator('#f-officeCode option[value="QC-LACOLLE"]').waitFor({ state: 'attached' });
    await page.locator('#f-officeCode').selectOption('QC-LACOLLE');
    await page.locator('#f-claimDate').fill('2025-07-14');
    await page.locator('#f-persecutionCountries-0').selectOption('HTI');
    await typePerson(page, 0, { family: `${family}x`, given: 'Ana', dob: '2025-08-01', sex: 'F', rel: 'PRINCIPAL' });
    await page.getByRole('button', { name: 'Search for duplicates' }).click();
    await page.locator('#candidates-heading').waitFor();
    await page.getByRole('button', { name: 'Create claims' }).click();
    const dob = page.locator('#f-members-0-dateOfBirth');
    await expect.poll(() => dob.getAttribute('aria-invalid')).toBe('true');
    expect(await dob.getAttribute('aria-describedby')).toContain('f-members-0-dateOfBirth-error');
    expect(await page.locator('#f-members-0-dateOfBirth-error').textContent()).toBe('The date of birth 2025-08-01 is after the claim date 2025-07-14.');
    const summary = page.locator('.error-summary');
    expect(await summary.getAttribute('role')).toBe('alert');
    const link = summary.locator('a[href="#f-members-0-dateOfBirth"]');
    expect(await link.textContent()).toContain('Date of birth');
    await link.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-members-0-dateOfBirth');
    expect(await page.locator('#f-claimDate').getAttribute('aria-invalid')).toBeNull();
    expect(page.url()).toBe(`${base}/work/intake`);
    await shot(page, 'work-intake-error');
    await expectAccessible(page);
    await page.close();
  });

  it('refuses an event the lifecycle forbids, with the server\'s message', async () => {
    expect(firstClaimUrl).not.toBe('');
    const page = await open(new URL(firstClaimUrl).pathname);
    await page.getByTestId('state').waitFor();
    await page.getByLabel('Advanced: list every event type').check();
    await page.locator('#f-type').selectOption('rpd.accepted');
    await page.locator('#f-details-basis').selectOption('S96');
    await page.getByRole('button', { name: 'Record the event' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('CLAIM_MADE');
    // At the field too: the event select.
    expect(await page.locator('#f-type').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-type-error').textContent()).toContain('rpd.accepted is not allowed from CLAIM_MADE');
    expect(await page.getByTestId('state').getAttribute('data-state')).toBe('CLAIM_MADE');
    await shot(page, 'work-claim-refused');
    await expectAccessible(page);

    // Someone else appends first: the page's version is stale → 409 version_conflict, and a way to reload.
    const claimId = new URL(firstClaimUrl).pathname.split('/').pop()!;
    const other = await api('POST', `/api/v1/claims/${claimId}/events`, { expectedVersion: 1, type: 'eligibility.examination_started', actor: { role: 'CBSA_OFFICER' }, effectiveDate: '2025-07-14' });
    expect(other.status).toBe(201);
    await page.getByLabel('Advanced: list every event type').uncheck();
    await page.locator('#f-type').selectOption('eligibility.examination_started');
    await page.getByRole('button', { name: 'Record the event' }).click();
    await page.getByRole('button', { name: 'Reload the claim' }).waitFor();
    await page.getByRole('button', { name: 'Reload the claim' }).click();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('ELIGIBILITY_PENDING');
    await page.close();
  });

  it('records an eligibility decision and shows the grounds with their explanations', async () => {
    const created = await api<{ claims: Array<{ id: string }> }>('POST', '/api/v1/groups', {
      officeCode: 'QC-LACOLLE', claimDate: '2026-05-10', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
      duplicateOverride: { reason: 'workbench eligibility test fixture' },
      members: [{ familyName: `${family}e`, givenNames: 'Paul', dateOfBirth: '1990-04-12', sex: 'M', citizenships: ['HTI'], documents: [],
        languages: ['fr'], interpreterLanguage: null, relationship: 'PRINCIPAL' }],
    });
    expect(created.status).toBe(201);
    const claimId = created.json.claims[0]!.id;
    const page = await open(`/work/claims/${claimId}`);
    await page.getByTestId('state').waitFor();
    await page.locator('#f-type').selectOption('eligibility.examination_started');
    await page.locator('#f-effectiveDate').fill('2026-05-10');
    await page.getByRole('button', { name: 'Record the event' }).click();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('ELIGIBILITY_PENDING');

    // The officer's working assessment (facts beyond intake), then the decision through the form.
    const assessed = await api<{ outcome: string }>('POST', `/api/v1/claims/${claimId}/eligibility-assessments`, officerFacts());
    expect(assessed.json.outcome).toBe('INELIGIBLE');
    await page.locator('#f-type').selectOption('eligibility.ineligible');
    await page.locator('#f-effectiveDate').fill('2026-05-10');
    await page.getByLabel('EL-E', { exact: true }).check();
    await page.getByRole('button', { name: 'Record the event' }).click();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('INELIGIBLE');
    const panel = page.getByTestId('eligibility');
    expect(await panel.getByTestId('outcome').textContent()).toBe('Ineligible');
    const stca = panel.locator('tr[data-ground="EL-E"]');
    expect(await stca.getAttribute('data-result')).toBe('APPLIES');
    expect(await stca.textContent()).toContain('101(1)(e)');
    expect(await page.locator('.timeline li[data-event="eligibility.ineligible"]').textContent()).toContain('EL-E');
    await shot(page, 'work-claim-ineligible');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => panel.getByTestId('outcome').textContent()).toBe('Irrecevable');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await shot(page, 'work-claim-ineligible-fr');
    await expectAccessible(page);
    await page.close();
  });

  it('shows an office\'s work queue, linking to the claims', async () => {
    const page = await open('/work');
    await page.getByRole('link', { name: 'Work queue' }).click();
    await page.waitForURL(`${base}/work/queues`);
    await page.locator('#q-office option[value="QC-LACOLLE"]').waitFor({ state: 'attached' });
    await page.locator('#q-office').selectOption('QC-LACOLLE');
    await page.locator('#q-days').fill('30');
    await page.getByRole('button', { name: 'Show the queue' }).click();
    await page.waitForURL(/withinDays=30/);
    await page.locator('#overdue-heading').waitFor();
    expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Overdue/), expect.stringMatching(/^Due soon/), expect.stringMatching(/^Awaiting facts/)]));
    const links = page.locator('ul.queue a');
    if (await links.count() > 0) expect(await links.first().getAttribute('href')).toMatch(/^\/work\/claims\//);
    await shot(page, 'work-queues');
    await expectAccessible(page);
    await page.close();
  });

  it('imports a file with a bad row, shows the report and lets the error report be downloaded', async () => {
    const page = await open('/work');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.waitForURL(`${base}/work/import`);
    const good = { intake: { officeCode: 'QC-LACOLLE', claimDate: '2025-07-14', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
      members: [{ relationship: 'PRINCIPAL', familyName: 'Importpage', givenNames: 'Ana', dateOfBirth: '1988-04-17', sex: 'F', citizenships: ['HTI'], documents: [], languages: ['fr'], interpreterLanguage: null }] } };
    const bad = { intake: { ...good.intake, officeCode: 'XX-NOWHERE' } };
    await page.locator('#import-file').setInputFiles({ name: 'clinic.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`) });
    // One record per batch, so the good record is written and the bad one rejected on its own.
    await page.route('**/api/v1/imports?*', (route) => route.continue({ url: `${route.request().url()}&batchSize=1` }));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#report-heading').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('2 records read in 2 batches: 1 written, 1 rejected; 1 claims and 1 events written; 1 errors.');
    expect(await page.locator('progress#import-progress').getAttribute('value')).toBe('1');
    expect(await page.locator('table tbody tr').first().textContent()).toContain('No office has the code "XX-NOWHERE".');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the error report (CSV)' }).click()]);
    const path = await download.path();
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('line,field,code,message');
    await shot(page, 'work-import');
    await expectAccessible(page);
    await page.close();
  });

  it('records one event for two members of a family group at once, and an event with its own details', async () => {
    const created = await api<{ claims: Array<{ id: string; person: { givenNames: string } }> }>('POST', '/api/v1/groups', {
      officeCode: 'QC-LACOLLE', claimDate: '2026-05-11', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
      duplicateOverride: { reason: 'workbench group event test fixture' },
      members: [
        { familyName: `${family}g`, givenNames: 'Rose', dateOfBirth: '1984-03-02', sex: 'F', citizenships: ['HTI'], documents: [], languages: ['fr'], interpreterLanguage: null, relationship: 'PRINCIPAL' },
        { familyName: `${family}g`, givenNames: 'Leo', dateOfBirth: '2012-09-20', sex: 'M', citizenships: ['HTI'], documents: [], languages: ['fr'], interpreterLanguage: null, relationship: 'CHILD' },
      ],
    });
    expect(created.status).toBe(201);
    const [rose, leo] = created.json.claims;
    const page = await open(`/work/claims/${rose!.id}`);
    await page.getByTestId('state').waitFor();
    await page.locator('#f-type').selectOption('eligibility.examination_started');
    await page.locator('#f-effectiveDate').fill('2026-05-11');
    await page.getByLabel(new RegExp(`^Leo ${family}g`)).check();
    await page.getByRole('button', { name: 'Record the event for 2 claims' }).click();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('ELIGIBILITY_PENDING');
    expect(await page.getByRole('status').filter({ hasText: 'Recorded for' }).textContent()).toBe('Recorded for 2 claims of the group: Eligibility examination started.');
    const leoNow = await api<{ state: string; version: number }>('GET', `/api/v1/claims/${leo!.id}`);
    expect([leoNow.json.state, leoNow.json.version]).toEqual(['ELIGIBILITY_PENDING', 2]);

    // A rarer form: a suspension (IRPA 100(2)) takes its reason from a list.
    await page.locator('#f-type').selectOption('eligibility.suspended');
    await page.locator('#f-effectiveDate').fill('2026-05-12');
    await page.locator('#f-details-reason').selectOption('ID_REFERRAL');
    expect(await page.locator('#f-details-reason option:checked').textContent()).toBe('Referred for an admissibility hearing');
    await page.getByRole('button', { name: 'Record the event', exact: true }).click();
    await expect.poll(() => page.getByTestId('state').getAttribute('data-state')).toBe('ELIGIBILITY_SUSPENDED');
    expect(await page.locator('.timeline li[data-event="eligibility.suspended"]').textContent()).toContain('"reason":"ID_REFERRAL"');
    await shot(page, 'work-claim-group-event');
    await expectAccessible(page);
    await page.close();
  });

  it('filters the claims on the server by citizenship', async () => {
    const page = await open('/work');
    await page.locator('#s-citizenship option[value="HTI"]').waitFor({ state: 'attached' });
    await page.locator('tbody tr').first().waitFor();
    await page.locator('#s-citizenship').selectOption('HTI');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/claims?') && r.url().includes('citizenship=HTI')),
      page.getByRole('button', { name: 'Search', exact: true }).click(),
    ]);
    const answer = (await response.json()) as { items: Array<{ citizenships: string[] }> };
    expect(answer.items.length).toBeGreaterThan(0);
    expect(answer.items.filter((c) => !c.citizenships.includes('HTI'))).toEqual([]);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(answer.items.length);
    await page.close();
  });

  it('raised no uncaught error, console error or Content-Security-Policy violation in any page', () => {
    expect(b.problems).toEqual([]);
  });
});
