import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import { parse } from 'csv-parse/sync';
import { testContext } from '../../src/test/harness.ts';
import type { Role } from '../../src/domain/access/policy.ts';
import { HAVE_CHROMIUM, navigation, startBrowserSystem, type BrowserSystem } from './browser.ts';

/** The code an authenticator app shows, computed with the standard library (RFC 6238: SHA-1, 6 digits, 30 s). */
function codeAt(secret: string, at: number): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

const PASSWORD = 'correct horse battery staple';

describe.skipIf(!HAVE_CHROMIUM)('sign-in, roles and the audit trail in Chromium', () => {
  let b: BrowserSystem;
  let base: string;
  let claimId = '';
  let claimRef = '';

  /** A user with a password the test knows (not signed in). */
  const account = (username: string, roles: Role[], officeScope: 'ALL' | string[] = 'ALL') =>
    b.sys.users.createUser(testContext(), { username, displayName: username.replace(/^./, (c) => c.toUpperCase()), roles, officeScope, password: PASSWORD });

  beforeAll(async () => {
    b = await startBrowserSystem();
    base = b.base;
    const created = await b.sys.app.inject({
      method: 'POST', url: '/api/v1/groups', payload: {
        officeCode: 'QC-LACOLLE', claimDate: '2026-04-02', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
        duplicateOverride: { reason: 'security browser test fixture' },
        members: [{ familyName: 'Auditee', givenNames: 'Nadia', dateOfBirth: '1979-12-01', sex: 'F', citizenships: ['HTI'], documents: [], languages: ['fr'], interpreterLanguage: null, relationship: 'PRINCIPAL' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const claim = (created.json() as { claims: Array<{ id: string; reference: string }> }).claims[0]!;
    claimId = claim.id;
    claimRef = claim.reference;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('signs in with a password, lands on the page asked for, and signs out', async () => {
    await account('irene', ['INTAKE_OFFICER'], ['QC-LACOLLE']);
    await b.actAs(null);
    const page = await b.open('/work/queues');
    // Not signed in: the workbench sends to the sign-in page, remembering where the user was going.
    await page.waitForURL(`${base}/sign-in?next=%2Fwork%2Fqueues`);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    await b.shot(page, 'sign-in');
    await b.expectAccessible(page);
    await page.getByLabel('Username', { exact: true }).fill('irene');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/work/queues`);
    expect(await page.getByRole('link', { name: /Irene$/ }).textContent()).toBe('Your account: Irene');
    expect(await page.locator('.tagline').textContent()).toBe('Asylum claims in Canada: case work');
    // The CSRF token lives in memory only.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/csrf/i);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in?signedOut=1`);
    expect(await page.getByRole('status').textContent()).toBe('You are signed out.');
    await page.goto(`${base}/work`);
    await page.waitForURL(`${base}/sign-in?next=%2Fwork`);
    await page.close();
  });

  it('says which credentials failed, then says how long to wait once sign-in is throttled', async () => {
    await account('walter', ['ELIGIBILITY_OFFICER']);
    await b.actAs(null);
    const page = await b.open('/sign-in');
    await page.getByLabel('Username', { exact: true }).fill('walter');
    const alert = page.getByRole('alert');
    // The account's limit is 5 failures in 15 minutes (docs/security.md); the 6th attempt is refused unchecked.
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong password ${i}`);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(answer.status()).toBe(401);
      await expect.poll(() => alert.textContent()).toBe('The username or the password is wrong.');
    }
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Too many failed attempts\. You can try again in \d+ minutes?\.$/);
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    expect(page.url()).toBe(`${base}/sign-in`);
    await b.shot(page, 'sign-in-throttled');
    await b.expectAccessible(page);

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel('Nom d’utilisateur').waitFor();
    await b.expectAccessible(page);
    await page.close();
  });

  it('enrols a TOTP second factor on the account page, then signs in with password and code', async () => {
    await account('tessa', ['ELIGIBILITY_OFFICER']);
    await b.actAs(null);
    let page = await b.open('/sign-in?next=%2Fwork%2Faccount');
    await page.getByLabel('Username', { exact: true }).fill('tessa');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/work/account`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    expect(await page.getByTestId('otpauth-url').textContent()).toMatch(new RegExp(`^otpauth://totp/Refuge:tessa\\?.*secret=${secret}`));
    expect(await page.getByRole('img', { name: 'QR code of the enrolment address' }).locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await b.shot(page, 'work-account-enrol');
    await b.expectAccessible(page);
    // The code of the step before now (accepted: one step of drift), so that sign-in can use a later one.
    await page.getByLabel('The code the app shows now').fill(codeAt(secret, Date.now() - 30_000));
    await page.getByRole('button', { name: 'Turn on the second factor' }).click();
    await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('The second factor is on: from now on, signing in also asks for a code from your app.');
    await b.expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in?signedOut=1`);
    await page.close();

    page = await b.open('/sign-in');
    await page.getByLabel('Username', { exact: true }).fill('tessa');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Code', { exact: true });
    await code.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('totp-code');
    await b.shot(page, 'sign-in-totp');
    await b.expectAccessible(page);
    const near = [-30_000, 0, 30_000, 60_000].map((d) => codeAt(secret, Date.now() + d));
    await code.fill(['000000', '111111', '222222', '333333', '444444'].find((c) => !near.includes(c))!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This code is wrong or has already been used. Enter the code your app shows now.');
    await code.fill(codeAt(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/work`);
    expect(await page.getByRole('link', { name: /Tessa$/ }).textContent()).toBe('Your account: Tessa');
    await page.close();
  });

  it('shows each role only what it may do: an intake officer, counsel and an auditor', async () => {
    const intake = await b.user({ username: 'ines', displayName: 'Ines', roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'] });
    await b.actAs(intake);
    let page = await b.open('/work');
    await page.getByRole('link', { name: 'New intake' }).waitFor();
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer', 'Workbench', 'Work queue']);
    await page.close();
    // On a claim: no event form (intake officers record none), but the counsel the claimant named.
    page = await b.open(`/work/claims/${claimId}`);
    await page.getByTestId('counsel').waitFor();
    expect(await page.locator('#actions-heading').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    const counsel = await b.user({ username: 'carla', displayName: 'Carla', roles: ['COUNSEL'] });
    // Counsel are picked by name (the list is read when the panel opens: Carla's account is newer than this page).
    await page.reload();
    await page.getByLabel('Counsel 1', { exact: true }).selectOption({ label: 'Carla' });
    await page.getByRole('button', { name: 'Save the counsel' }).click();
    await expect.poll(() => page.getByTestId('counsel').locator('p').first().textContent()).toBe('Counsel named by the claimant: Carla.');
    await b.shot(page, 'work-claim-counsel');
    await b.expectAccessible(page);
    await page.close();
    // A page the roles do not open, reached by its address.
    page = await b.open('/work/import');
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Not open to your roles');
    await page.close();

    await b.actAs(counsel);
    page = await b.open('/work/clients');
    await page.locator('tbody tr').first().waitFor();
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer', 'My clients']);
    expect(await page.locator('tbody tr th').allTextContents()).toEqual([claimRef]);
    await b.shot(page, 'work-my-clients');
    await b.expectAccessible(page);
    await page.getByRole('link', { name: claimRef }).click();
    await page.getByTestId('state').waitFor();
    expect(await page.locator('#actions-heading').count()).toBe(0);
    expect(await page.getByTestId('counsel').count()).toBe(0);
    await page.close();
    page = await b.open('/work/account');
    expect(await page.getByTestId('counsel-id').textContent()).toBe(counsel.user.id);
    await b.shot(page, 'work-account');
    await b.expectAccessible(page);
    await page.close();

    const auditor = await b.user({ username: 'aude', displayName: 'Aude', roles: ['AUDITOR'] });
    await b.actAs(auditor);
    page = await b.open('/work/audit');
    await page.getByLabel('Claim reference', { exact: true }).waitFor();
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer', 'Audit']);
    await b.shot(page, 'work-audit');
    await b.expectAccessible(page);
    await page.close();
  });

  it('lists, for the auditor, every read of a claim through the web app and through the API, in order', async () => {
    const officer = await b.user({ username: 'eli', displayName: 'Eli', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'] });
    // A read through the web app…
    await b.actAs(officer);
    let page = await b.open(`/work/claims/${claimId}`);
    await page.getByTestId('state').waitFor();
    await page.close();
    // …then one through the API, as another client would (no x-refuge-client header).
    const apiRead = await b.sys.injectAnonymous({ method: 'GET', url: `/api/v1/claims/${claimId}`, headers: officer.headers });
    expect(apiRead.statusCode).toBe(200);

    const auditor = await b.user({ username: 'audrey', displayName: 'Audrey', roles: ['AUDITOR'] });
    await b.actAs(auditor);
    page = await b.open('/work/audit');
    await page.getByLabel('Claim reference', { exact: true }).fill(`${base}/work/claims/${claimId}`);
    await page.getByRole('button', { name: 'Open the audit trail' }).click();
    await page.waitForURL(`${base}/work/claims/${claimId}/audit`);
    const rows = page.getByTestId('trail').locator('tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Audit trail of claim ${claimRef}`);
    const trail = await rows.evaluateAll((trs) => trs.map((tr) => ({
      seq: Number(tr.getAttribute('data-seq')), action: tr.getAttribute('data-action'), channel: tr.getAttribute('data-channel'), actor: tr.getAttribute('data-actor'),
    })));
    expect(trail.map((r) => r.seq)).toEqual([...trail.map((r) => r.seq)].sort((x, y) => x - y));
    const reads = trail.filter((r) => r.action === 'claim.read' && r.actor === officer.user.id).map((r) => r.channel);
    // The claim page reads the claim and its time limits (both 'claim.read'), then the API read comes.
    expect(reads).toEqual(['web', 'web', 'api']);
    // Everything the claim page fetched was recorded as the web app's.
    expect(trail.filter((r) => r.actor === officer.user.id && r.channel !== 'web').map((r) => r.action)).toEqual(['claim.read']);
    expect(trail[0]).toMatchObject({ action: 'group.create', channel: 'api', actor: b.sys.operator.user.id });
    const apiRow = rows.filter({ has: page.locator('td.channel', { hasText: /^API$/ }) }).last();
    expect(await apiRow.locator('th').textContent()).toBe(`Eli (${officer.user.id})`);
    await b.shot(page, 'work-audit-trail');
    await b.expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the trail (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`audit-${claimRef}.csv`);
    const csv = parse(readFileSync(await download.path(), 'utf8'), { columns: true }) as Array<{ seq: string; action: string; channel: string; actor: string }>;
    expect(csv.filter((r) => r.action === 'claim.read' && r.actor === officer.user.id).map((r) => r.channel)).toEqual(['web', 'web', 'api']);
    expect(csv.slice(0, trail.length).map((r) => Number(r.seq))).toEqual(trail.map((r) => r.seq));

    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Piste d’audit de la demande ${claimRef}`);
    await b.shot(page, 'work-audit-trail-fr');
    await b.expectAccessible(page);
    await page.close();
  });

  it('sends a workbench page whose session has ended to the sign-in page', async () => {
    const officer = await b.user({ username: 'olga', displayName: 'Olga', roles: ['ELIGIBILITY_OFFICER'] });
    await b.actAs(officer);
    const page = await b.open('/work');
    await page.locator('tbody tr').first().waitFor();
    // The session ends on the server (signed out from another client).
    const out = await b.sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-out', headers: officer.headers });
    expect(out.statusCode).toBe(204);
    await page.getByRole('link', { name: 'Work queue' }).click();
    await page.waitForURL(`${base}/sign-in?next=%2Fwork%2Fqueues`);
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer']);
    await page.close();
  });

  it('raised no uncaught error, console error or Content-Security-Policy violation in any page', () => {
    expect(b.problems).toEqual([]);
  });
});
