import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { testContext } from '../../src/test/harness.ts';
import type { Caller, Role } from '../../src/domain/access/policy.ts';
import type { UserView } from '../../src/services/auth/users.ts';
import { HAVE_CHROMIUM, navigation, startBrowserSystem, type BrowserSystem } from './browser.ts';

const PASSWORD = 'correct horse battery staple';
/** A provider whose issuer does not answer (the discard port): signing in through it cannot start. */
const AGENCY = { id: 'agency', name: 'Agency SSO', issuer: 'http://127.0.0.1:9', clientId: 'refuge', clientSecret: 'not used', redirectUri: 'http://127.0.0.1:9/api/v1/auth/oidc/agency/callback' };

/**
 * The workbench's account pages and lookups: administrators manage accounts, officers name counsel by
 * name, auditors find a trail by the claim's reference, and a refused OpenID Connect sign-in is explained.
 */
describe.skipIf(!HAVE_CHROMIUM)('accounts, counsel, trail lookup and sign-in refusals in Chromium', () => {
  let b: BrowserSystem;
  let base: string;
  let lacolle: { id: string; reference: string };
  let toronto: { id: string; reference: string };

  const account = (username: string, displayName: string, roles: Role[], officeScope: 'ALL' | string[] = 'ALL') =>
    b.sys.users.createUser(testContext(), { username, displayName, roles, officeScope, password: PASSWORD });
  const accountNamed = async (username: string): Promise<UserView> => {
    const found = await b.sys.users.findUser(testContext(), username);
    if (!found) throw new Error(`no account ${username}`);
    return found;
  };
  const createClaim = async (officeCode: string, familyName: string) => {
    const res = await b.sys.app.inject({
      method: 'POST', url: '/api/v1/groups', payload: {
        officeCode, claimDate: '2026-03-02', arrival: { manner: 'AT_PORT_OF_ENTRY' }, persecutionCountries: ['HTI'],
        duplicateOverride: { reason: 'accounts browser test fixture' },
        members: [{ familyName, givenNames: 'Rosa', dateOfBirth: '1985-06-07', sex: 'F', citizenships: ['HTI'], documents: [], languages: ['fr'], interpreterLanguage: null, relationship: 'PRINCIPAL' }],
      },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { claims: Array<{ id: string; reference: string }> }).claims[0]!;
  };
  const toFrench = async (page: Page, heading: string) => {
    await page.getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
  };

  beforeAll(async () => {
    b = await startBrowserSystem(undefined, { auth: { oidcProviders: [AGENCY] } });
    base = b.base;
    lacolle = await createClaim('QC-LACOLLE', 'Lookup');
    toronto = await createClaim('ON-YYZ', 'Elsewhere');
  });

  afterAll(async () => {
    await b?.close();
  });

  it('lets an officer name counsel by their name, from the enabled counsel accounts, and shows them by name on the claim', async () => {
    const diane = await account('diane.counsel', 'Maître Diane', ['COUNSEL']);
    const carl = await account('carl.counsel', 'Carl Counsel', ['COUNSEL']);
    const old = await account('old.counsel', 'Old Counsel', ['COUNSEL']);
    await b.sys.users.updateUser(testContext(), old.id, { disabled: true });
    const officer = await b.user({ username: 'ivan', displayName: 'Ivan', roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'] });
    await b.actAs(officer);
    const page = await b.open(`/work/claims/${lacolle.id}`);
    const panel = page.getByTestId('counsel');
    await panel.waitFor();
    expect(await page.getByTestId('named-counsel').textContent()).toBe('None named');
    const first = page.getByLabel('Counsel 1', { exact: true });
    // Only enabled counsel accounts, by display name (no ids, no usernames), sorted whatever the case.
    await expect.poll(() => first.locator('option').allTextContents()).toEqual(['No one', 'Carl Counsel', 'Maître Diane']);
    await first.selectOption({ label: 'Maître Diane' });
    await panel.getByRole('button', { name: 'Add counsel' }).click();
    await page.getByLabel('Counsel 2', { exact: true }).selectOption({ label: 'Carl Counsel' });
    await panel.getByRole('button', { name: 'Save the counsel' }).click();
    await expect.poll(async () => (await page.getByTestId('named-counsel').textContent())?.split(', ').sort()).toEqual(['Carl Counsel', 'Maître Diane']);
    const saved = (await b.sys.app.inject({ method: 'GET', url: `/api/v1/claims/${lacolle.id}` })).json() as { counselIds: string[]; counsel: Array<{ displayName: string }> };
    expect(saved.counselIds).toEqual([carl.id, diane.id].sort());
    expect(await panel.locator('p').first().textContent()).toBe(`Counsel named by the claimant: ${saved.counsel.map((c) => c.displayName).join(', ')}.`);
    await b.shot(page, 'work-claim-counsel-by-name');
    await b.expectAccessible(page);

    // Carl's account is disabled meanwhile: he still shows by name, and naming him again is refused at his field.
    await b.sys.users.updateUser(testContext(), carl.id, { disabled: true });
    await page.reload();
    await panel.waitFor();
    const carlAt = saved.counselIds.indexOf(carl.id);
    const carlSelect = page.getByLabel(`Counsel ${carlAt + 1}`, { exact: true });
    await expect.poll(() => carlSelect.locator('option:checked').textContent()).toBe('Carl Counsel (no longer an active counsel account)');
    await panel.getByRole('button', { name: 'Save the counsel' }).click();
    const message = page.locator(`#f-counselIds-${carlAt}-error`);
    await expect.poll(() => message.textContent()).toBe(`${carl.id} is not an active counsel user.`);
    expect(await carlSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await carlSelect.getAttribute('aria-describedby')).toBe(`counsel-hint f-counselIds-${carlAt}-error`);
    await b.shot(page, 'work-claim-counsel-refused');
    await b.expectAccessible(page);
    await toFrench(page, `Demande ${lacolle.reference} : Rosa Lookup`);
    expect(await panel.getByRole('heading').first().textContent()).toBe('Conseil');
    await b.shot(page, 'work-claim-counsel-fr');
    await b.expectAccessible(page);
    await page.close();

    // A tribunal member reads the claim: counsel by name, and no way to change them.
    const member = await b.user({ username: 'tina', displayName: 'Tina', roles: ['TRIBUNAL_MEMBER'], officeScope: ['QC-LACOLLE'] });
    await b.actAs(member);
    const read = await b.open(`/work/claims/${lacolle.id}`);
    await read.getByTestId('state').waitFor();
    expect((await read.getByTestId('named-counsel').textContent())?.split(', ').sort()).toEqual(['Carl Counsel', 'Maître Diane']);
    expect(await read.getByTestId('counsel').count()).toBe(0);
    await read.close();
  });

  it('lets an auditor open a claim\'s trail by its reference, within their offices only', async () => {
    const auditor = await b.user({ username: 'aurore', displayName: 'Aurore', roles: ['AUDITOR'], officeScope: ['QC-LACOLLE'] });
    await b.actAs(auditor);
    const page = await b.open('/work/audit');
    const field = page.getByLabel('Claim reference', { exact: true });
    await field.waitFor();
    const open = async (text: string) => {
      await field.fill(text);
      await page.getByRole('button', { name: 'Open the audit trail' }).click();
    };
    const error = page.locator('#audit-claim-error');

    await open('not a reference');
    await expect.poll(() => error.textContent()).toBe('Enter the claim\'s reference, e.g. C-2025-0000042, or its id.');
    // A claim of another office reads exactly like one that does not exist.
    await open(toronto.reference);
    await expect.poll(() => error.textContent()).toBe(`No claim of your offices has the reference ${toronto.reference}.`);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe('audit-claim-hint audit-claim-error');
    await b.shot(page, 'work-audit-reference-refused');
    await b.expectAccessible(page);

    // Typed as people do: lower case, without the zeros, with spaces around.
    const [, year, number] = /^C-(\d{4})-0*(\d+)$/.exec(lacolle.reference) ?? [];
    await open(` c-${year}-${number} `);
    await page.waitForURL(`${base}/work/claims/${lacolle.id}/audit`);
    const rows = page.getByTestId('trail').locator('tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('h1').textContent()).toBe(`Audit trail of claim ${lacolle.reference}`);
    // The lookup itself is in the trail, the auditor's, through the web app.
    const lookups = rows.filter({ has: page.locator('td', { hasText: 'Looked the claim up by its reference' }) });
    expect(await lookups.count()).toBe(1);
    expect(await lookups.first().getAttribute('data-actor')).toBe(auditor.user.id);
    expect(await lookups.first().getAttribute('data-channel')).toBe('web');
    await page.close();

    const again = await b.open('/work/audit');
    await again.getByLabel('Claim reference', { exact: true }).waitFor();
    await b.shot(again, 'work-audit-reference');
    await b.expectAccessible(again);
    await toFrench(again, 'Audit : qui a consulté un dossier');
    await again.getByLabel('Numéro de référence de la demande').fill(toronto.reference);
    await again.getByRole('button', { name: 'Ouvrir la piste d’audit' }).click();
    await expect.poll(() => again.locator('#audit-claim-error').textContent()).toBe(`Aucune demande de vos bureaux n’a le numéro de référence ${toronto.reference}.`);
    await b.shot(again, 'work-audit-reference-fr');
    await b.expectAccessible(again);
    await again.close();
  });

  it('lets an administrator list accounts and create one, with the server\'s refusals at the right field', async () => {
    const admin = await b.user({ username: 'ada', displayName: 'Ada Admin', roles: ['ADMINISTRATOR'] });
    await b.actAs(admin);
    const page = await b.open('/work/import');
    await page.locator('h1').waitFor();
    expect(await navigation(page)).toEqual(['Dashboard', 'Statistics explorer', 'Import', 'Users']);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${base}/work/users`);
    const table = page.getByTestId('accounts');
    await table.locator('tbody tr').first().waitFor();
    // Every account, by username, with what an administrator needs to know of it.
    const usernames = (await b.sys.users.listUsers(testContext())).map((u) => u.username);
    expect(await table.locator('tbody th').allTextContents()).toEqual(usernames);
    const cells = async (username: string) => table.locator(`tr[data-username="${username}"] td`).allTextContents();
    expect((await cells('ada')).slice(0, 5)).toEqual(['Ada Admin', 'Administrator', 'All offices', 'Off', 'Active']);
    expect((await cells('ada'))[5]).toMatch(/\d{4}/);
    expect(await cells('ivan')).toEqual(['Ivan', 'Intake officer', 'QC-LACOLLE', 'Off', 'Active', expect.stringMatching(/\d/), 'Edit ivan']);
    expect((await cells('old.counsel')).slice(0, 6)).toEqual(['Old Counsel', 'Counsel', 'All offices', 'Off', 'Disabled', 'Never']);

    // A password too short: the schema's message, at the password.
    await page.locator('#f-new-username').fill('nadia.counsel');
    await page.locator('#f-new-displayName').fill('Nadia Avocate');
    await page.locator('#f-new-roles-COUNSEL').check();
    await page.locator('#f-new-password').fill('short');
    await page.getByRole('button', { name: 'Create the account' }).click();
    const passwordError = page.locator('#f-new-password-error');
    await expect.poll(() => passwordError.textContent()).toBe('Must be at least 12 characters.');
    expect(await page.locator('#f-new-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-new-password').getAttribute('aria-describedby')).toBe('f-new-password-hint f-new-password-error');
    expect(await page.locator('#new-account-errors li').allTextContents()).toEqual(['Initial password: Must be at least 12 characters.']);
    await b.shot(page, 'work-users-refused');
    await b.expectAccessible(page);

    await page.locator('#f-new-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('The account nadia.counsel was created.');
    await expect.poll(() => cells('nadia.counsel')).toEqual(['Nadia Avocate', 'Counsel', 'None', 'Off', 'Active', 'Never', 'Edit nadia.counsel']);
    // Usernames are unique whatever their case: the conflict is shown at the username.
    await page.locator('#f-new-username').fill('NADIA.counsel');
    await page.locator('#f-new-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.locator('#f-new-username-error').textContent()).toBe('Already taken.');
    expect(await page.locator('#new-account-errors p').textContent()).toBe('The username "NADIA.counsel" is already taken.');

    // An officer of one office, chosen from the offices' reference data.
    await page.locator('#f-new-username').fill('omar');
    await page.locator('#f-new-displayName').fill('Omar Officer');
    await page.locator('#f-new-roles-ELIGIBILITY_OFFICER').check();
    await page.locator('#f-new-officeScope-QC-LACOLLE').check();
    await page.locator('#f-new-officeScope-ON-YYZ').check();
    await page.locator('#f-new-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('The account omar was created.');
    expect(await accountNamed('omar')).toMatchObject({ displayName: 'Omar Officer', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE', 'ON-YYZ'], disabled: false, hasPassword: true });
    // The new account signs in with the password it was given.
    const signIn = await b.sys.injectAnonymous({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'omar', password: PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    await b.shot(page, 'work-users');
    await toFrench(page, 'Utilisateurs');
    expect((await cells('nadia.counsel')).slice(0, 6)).toEqual(['Nadia Avocate', 'Conseil', 'Aucune', 'Désactivé', 'Actif', 'Jamais']);
    await b.shot(page, 'work-users-fr');
    await b.expectAccessible(page);
    await page.close();
  });

  it('lets an administrator change roles and offices, reset a second factor, and disable then enable an account', async () => {
    const admin = await b.user({ username: 'adele', displayName: 'Adèle Admin', roles: ['ADMINISTRATOR'] });
    // Dora has a second factor and a session open.
    const dora = await b.user({ username: 'dora', displayName: 'Dora', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'] });
    const doraCaller: Caller = { id: dora.user.id, name: 'Dora', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'] };
    const { secret } = await b.sys.users.enrolTotp(testContext(doraCaller));
    const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
    await b.sys.users.confirmTotp(testContext(doraCaller), { address: '127.0.0.1', userAgent: null }, code);
    await b.actAs(admin);
    const page = await b.open('/work/users');
    const table = page.getByTestId('accounts');
    const cells = async (username: string) => table.locator(`tr[data-username="${username}"] td`).allTextContents();
    await table.locator('tbody tr').first().waitFor();
    expect((await cells('dora')).slice(0, 5)).toEqual(['Dora', 'Eligibility officer', 'QC-LACOLLE', 'On', 'Active']);

    await page.getByRole('button', { name: 'Edit dora' }).click();
    const panel = page.getByTestId('edit-account');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('edit-heading');
    expect(await panel.locator('h2').textContent()).toBe('Change the account dora');
    // The form starts from the account as it is.
    expect(await panel.locator('#f-edit-roles-ELIGIBILITY_OFFICER').isChecked()).toBe(true);
    expect(await panel.locator('#f-edit-officeScope-QC-LACOLLE').isChecked()).toBe(true);
    await b.shot(page, 'work-users-edit');
    await b.expectAccessible(page);

    await panel.locator('#f-edit-roles-TRIBUNAL_REGISTRY').check();
    await panel.locator('#f-edit-officeScope-all').check();
    await panel.getByRole('button', { name: 'Save the changes' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('The changes to dora were saved.');
    expect(await accountNamed('dora')).toMatchObject({ roles: ['ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY'], officeScope: 'ALL', totpEnabled: true });
    await expect.poll(() => cells('dora')).toEqual(['Dora', 'Eligibility officer, Tribunal registry', 'All offices', 'On', 'Active', expect.stringMatching(/\d/), 'Edit dora']);

    // A lost phone: the second factor goes, and the account signs in with its password alone again.
    await panel.getByRole('button', { name: 'Reset the second factor' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('The second factor of dora was removed: they can set up a new one on their account page.');
    expect((await accountNamed('dora')).totpEnabled).toBe(false);
    await expect.poll(async () => (await cells('dora'))[3]).toBe('Off');
    expect(await panel.getByRole('button', { name: 'Reset the second factor' }).count()).toBe(0);

    // Disabled: the session Dora had ends at once; enabled again, she may sign in.
    expect((await b.sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/session', headers: dora.headers })).statusCode).toBe(200);
    await panel.getByRole('button', { name: 'Disable the account' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('The account dora was disabled: its sessions have ended.');
    await expect.poll(async () => (await cells('dora'))[4]).toBe('Disabled');
    expect((await b.sys.injectAnonymous({ method: 'GET', url: '/api/v1/auth/session', headers: dora.headers })).statusCode).toBe(401);
    expect(await panel.locator('p').first().textContent()).toBe('This account is disabled: it cannot sign in. It has no second factor.');
    await b.shot(page, 'work-users-disabled');
    await toFrench(page, 'Utilisateurs');
    await b.expectAccessible(page);
    await panel.getByRole('button', { name: 'Réactiver le compte' }).click();
    await expect.poll(() => page.getByTestId('users-notice').textContent()).toBe('Le compte dora a été réactivé.');
    expect((await accountNamed('dora')).disabled).toBe(false);
    await page.close();

    // The page and its navigation entry are for administrators only.
    await b.actAs(await b.user({ username: 'olivier', displayName: 'Olivier', roles: ['ELIGIBILITY_OFFICER', 'AUDITOR'] }));
    const other = await b.open('/work/users');
    await other.locator('h1').waitFor();
    expect(await other.locator('h1').textContent()).toBe('Not open to your roles');
    expect(await navigation(other)).not.toContain('Users');
    await other.close();
  });

  it('says, in the reader\'s language, why signing in through the agency failed', async () => {
    await b.actAs(null);
    const page = await b.open('/sign-in?next=%2Fwork%2Fqueues');
    await page.getByRole('link', { name: 'Sign in with Agency SSO' }).click();
    // The provider cannot be reached: the server sends the browser back with the reason's code, and where it was going.
    await page.waitForURL(`${base}/sign-in?error=oidc_provider_unavailable&next=%2Fwork%2Fqueues`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('The sign-in service of your agency cannot be reached just now. Try again later, or sign in with your password.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await b.shot(page, 'sign-in-oidc-refused');
    await b.expectAccessible(page);
    await toFrench(page, 'Se connecter');
    await expect.poll(() => alert.textContent()).toBe('Le service de connexion de votre organisme est injoignable pour le moment. Réessayez plus tard, ou connectez-vous avec votre mot de passe.');
    await b.shot(page, 'sign-in-oidc-refused-fr');
    await b.expectAccessible(page);

    // A provider's answer brought to a browser that did not start the flow (or too late).
    await page.goto(`${base}/api/v1/auth/oidc/agency/callback?code=abc&state=def`);
    await page.waitForURL(`${base}/sign-in?error=oidc_flow_invalid`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Cette connexion n’a pas commencé dans ce navigateur, ou elle a pris trop de temps. Recommencez.');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That sign-in did not start in this browser, or took too long. Start again.');
    // The next attempt clears it.
    await page.getByLabel('Username', { exact: true }).fill('nobody');
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The username or the password is wrong.');
    await page.close();
  });

  it('raised no uncaught error, console error or Content-Security-Policy violation in any page', () => {
    expect(b.problems).toEqual([]);
  });
});
