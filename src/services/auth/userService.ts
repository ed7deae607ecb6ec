import type pg from 'pg';
import type { Database, Queryable } from '../../store/db.ts';
import { can, type Caller, type Role } from '../../domain/access/policy.ts';
import { RefugeError } from '../../domain/errors.ts';
import type { FieldCipher } from '../../store/fieldCipher.ts';
import { encryptTotpSeed, decryptTotpSeed } from '../encryptedFields.ts';
import type { RequestContext } from '../context.ts';
import type { AuditLog } from '../audit.ts';
import { PasswordHasher, checkPasswordPolicy, OWASP_ARGON2ID, type PasswordHashing } from './passwords.ts';
import { SignInThrottle, DEFAULT_THROTTLE, accountKey, type ThrottleLimits } from './throttle.ts';
import { sessionStore, challengeStore, DEFAULT_SESSION_LIMITS, type SessionLimits, type ClientInfo, type SessionMethod } from './sessions.ts';
import { userStore, callerOf, viewOf, checkAccountFields, type UserRow, type UserView } from './users.ts';
import { newTotpSecret, otpauthUrl, matchingStep } from './totp.ts';
import { OidcClients, type OidcProviderConfig } from './oidc.ts';

export interface UserServiceOptions {
  /** TOTP seeds are encrypted fields (users.totp_secret in ENCRYPTED_TABLES). */
  cipher: FieldCipher;
  /** Office codes an account may be scoped to. */
  officeExists: (code: string) => boolean;
  throttle?: ThrottleLimits;
  sessions?: SessionLimits;
  /** argon2id cost; OWASP's unless a test lowers it. */
  passwordHashing?: PasswordHashing;
  oidcProviders?: readonly OidcProviderConfig[];
  /** The clock: injectable so tests can let time pass. */
  now?: () => Date;
}

/** What a signed-in user sees of their own account. */
export interface SelfView { id: string; username: string; displayName: string; roles: Role[]; officeScope: 'ALL' | string[]; totpEnabled: boolean }

/** A session just granted: the token goes into the cookie, the CSRF token to the client. */
export interface GrantedSession { token: string; csrfToken: string; user: SelfView; expiresAt: Date }

export type SignInResult =
  | { kind: 'session'; session: GrantedSession }
  | { kind: 'totp_required'; challengeToken: string };

export interface ResolvedSession { caller: Caller; user: SelfView; csrfToken: string; tokenHash: string; method: SessionMethod }

export interface NewAccount {
  username: string;
  displayName?: string | undefined;
  roles: Role[];
  officeScope: 'ALL' | string[];
  password?: string | null | undefined;
  identities?: Array<{ issuer: string; subject: string }> | undefined;
}

export interface AccountChanges {
  displayName?: string;
  roles?: Role[];
  officeScope?: 'ALL' | string[];
  password?: string;
  disabled?: boolean;
  resetTotp?: boolean;
  identities?: Array<{ issuer: string; subject: string }>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: RefugeError };

function selfView(user: UserRow): SelfView {
  const caller = callerOf(user);
  return { id: user.id, username: user.username, displayName: user.display_name, roles: caller.roles, officeScope: caller.officeScope, totpEnabled: user.totp_enabled_at !== null };
}

const invalidCredentials = () => new RefugeError('unauthorized', 'invalid_credentials', 'The username or the password is not right.');
const tooManyAttempts = (seconds: number) => new RefugeError('too_many_requests', 'too_many_attempts',
  `Too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} minute(s).`, [], { retryAfterSeconds: seconds });
const notSignedIn = () => new RefugeError('unauthorized', 'not_signed_in', 'Sign in first.');

/**
 * Accounts, sign-in (password, TOTP, OpenID Connect), sessions and throttling. Every outcome that
 * matters, refusals included, is audited in the transaction that decided it; refusals are thrown
 * only after that transaction has committed.
 */
export class UserService {
  private readonly hasher: PasswordHasher;
  private readonly throttle: SignInThrottle;
  private readonly sessionLimits: SessionLimits;
  readonly oidc: OidcClients;
  readonly now: () => Date;

  constructor(private readonly db: Database, private readonly audit: AuditLog, private readonly options: UserServiceOptions) {
    this.hasher = new PasswordHasher(options.passwordHashing ?? OWASP_ARGON2ID);
    this.throttle = new SignInThrottle(options.throttle ?? DEFAULT_THROTTLE);
    this.sessionLimits = options.sessions ?? DEFAULT_SESSION_LIMITS;
    this.oidc = new OidcClients(options.oidcProviders ?? []);
    this.now = options.now ?? (() => new Date());
  }

  private async decided<T>(fn: (tx: pg.PoolClient) => Promise<Outcome<T>>): Promise<T> {
    const outcome = await this.audit.transaction(fn);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  // ------------------------------------------------------------------ signing in

  /** Password sign-in: throttled first (the password is not checked past a limit), the same answer for every refusal. */
  async signIn(ctx: RequestContext, client: ClientInfo, username: string, password: string): Promise<SignInResult> {
    const now = this.now();
    const account = accountKey(username);
    return this.decided<SignInResult>(async (tx) => {
      await this.throttle.lockAccount(tx, account);
      const user = await userStore.byUsername(tx, username);
      const wait = await this.throttle.retryAfter(tx, account, client.address, now, user?.last_sign_in_at ?? null);
      if (wait > 0) {
        await this.audit.record(tx, ctx, 'auth.sign_in_throttled', 'user', user?.id ?? null, { username, address: client.address, retryAfterSeconds: wait });
        return { ok: false, error: tooManyAttempts(wait) };
      }
      const passwordRight = await this.hasher.verify(user?.password_hash ?? null, password);
      if (!user || !passwordRight || user.disabled_at !== null) {
        await this.throttle.recordFailure(tx, account, client.address, 'password', now);
        const reason = !user ? 'unknown_user' : user.password_hash === null ? 'no_password' : !passwordRight ? 'wrong_password' : 'disabled';
        await this.audit.record(tx, ctx, 'auth.sign_in_failed', 'user', user?.id ?? null, { username, address: client.address, method: 'password', reason });
        return { ok: false, error: invalidCredentials() };
      }
      if (user.totp_enabled_at !== null) {
        return { ok: true, value: { kind: 'totp_required', challengeToken: await challengeStore.create(tx, user.id, client, now) } };
      }
      return { ok: true, value: { kind: 'session', session: await this.grant(tx, ctx, user, 'password', client, now) } };
    });
  }

  /** The second step: a TOTP code for the pending sign-in the challenge token names. */
  async completeTotp(ctx: RequestContext, client: ClientInfo, challengeToken: string | undefined, code: string): Promise<GrantedSession> {
    const now = this.now();
    const expired = () => new RefugeError('unauthorized', 'sign_in_expired', 'There is no sign-in waiting for a code (or it took too long): sign in with your password again.');
    if (!challengeToken) throw expired();
    return this.decided<GrantedSession>(async (tx) => {
      const challenge = await challengeStore.find(tx, challengeToken, now);
      const user = challenge ? await userStore.byId(tx, challenge.userId) : null;
      if (!challenge || !user || user.disabled_at !== null || user.totp_enabled_at === null || user.totp_secret === null) return { ok: false, error: expired() };
      const account = accountKey(user.username);
      await this.throttle.lockAccount(tx, account);
      const wait = await this.throttle.retryAfter(tx, account, client.address, now, user.last_sign_in_at);
      if (wait > 0) {
        await this.audit.record(tx, ctx, 'auth.sign_in_throttled', 'user', user.id, { username: user.username, address: client.address, retryAfterSeconds: wait, step: 'totp' });
        return { ok: false, error: tooManyAttempts(wait) };
      }
      if (!(await this.acceptCode(tx, user, code, now))) {
        await this.throttle.recordFailure(tx, account, client.address, 'totp', now);
        await this.audit.record(tx, ctx, 'auth.totp_failed', 'user', user.id, { username: user.username, address: client.address, step: 'sign_in' });
        return { ok: false, error: new RefugeError('unauthorized', 'invalid_code', 'The code is not right (or was already used).') };
      }
      await challengeStore.delete(tx, challenge.tokenHash);
      return { ok: true, value: await this.grant(tx, ctx, user, 'password+totp', client, now) };
    });
  }

  /** Accepts a code once: the step it belongs to must be later than the last one accepted (checked and set in one statement). */
  private async acceptCode(tx: Queryable, user: UserRow, code: string, now: Date): Promise<boolean> {
    if (user.totp_secret === null) return false;
    const step = matchingStep(decryptTotpSeed(this.options.cipher, user.id, user.totp_secret), code, now);
    if (step === null) return false;
    const { rowCount } = await tx.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [user.id, step]);
    return rowCount === 1;
  }

  private async grant(tx: Queryable, ctx: RequestContext, user: UserRow, method: SessionMethod, client: ClientInfo, now: Date): Promise<GrantedSession> {
    const session = await sessionStore.create(tx, user.id, method, client, this.sessionLimits, now);
    await tx.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [user.id, now]);
    await this.audit.record(tx, { ...ctx, caller: callerOf(user) }, 'auth.sign_in', 'user', user.id, { username: user.username, address: client.address, method });
    return { token: session.token, csrfToken: session.csrfToken, user: selfView(user), expiresAt: session.absoluteExpiresAt };
  }

  /** The session a cookie's token names, or null (none, expired, or its user disabled). */
  async resolveSession(token: string): Promise<ResolvedSession | null> {
    const live = await sessionStore.resolve(this.db.pool, token, this.sessionLimits, this.now());
    if (!live) return null;
    return { caller: callerOf(live.user), user: selfView(live.user), csrfToken: live.csrfToken, tokenHash: live.tokenHash, method: live.method };
  }

  async signOut(ctx: RequestContext, tokenHash: string): Promise<void> {
    await this.audit.transaction(async (tx) => {
      await sessionStore.deleteByHash(tx, tokenHash);
      await this.audit.record(tx, ctx, 'auth.sign_out', 'user', ctx.caller.id, {});
    });
  }

  // ------------------------------------------------------------------ TOTP enrolment

  private async signedInUser(tx: Queryable, ctx: RequestContext): Promise<UserRow> {
    const user = /^[0-9a-f-]{36}$/.test(ctx.caller.id) ? await userStore.byId(tx, ctx.caller.id, true) : null;
    if (!user || user.disabled_at !== null) throw notSignedIn();
    return user;
  }

  /** A new secret for the signed-in user, not yet in force: confirming a code from it turns it on. */
  async enrolTotp(ctx: RequestContext): Promise<{ secret: string; otpauthUrl: string }> {
    return this.audit.transaction(async (tx) => {
      const user = await this.signedInUser(tx, ctx);
      if (user.totp_enabled_at !== null) {
        throw new RefugeError('conflict', 'totp_already_enabled', 'A second factor is already in force on this account; an administrator can reset it.');
      }
      const secret = newTotpSecret();
      await tx.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL, updated_at = $3 WHERE id = $1',
        [user.id, encryptTotpSeed(this.options.cipher, user.id, secret), this.now()]);
      return { secret, otpauthUrl: otpauthUrl(secret, user.username) };
    });
  }

  async confirmTotp(ctx: RequestContext, client: ClientInfo, code: string): Promise<SelfView> {
    const now = this.now();
    return this.decided<SelfView>(async (tx) => {
      const user = await this.signedInUser(tx, ctx);
      if (user.totp_enabled_at !== null) return { ok: false, error: new RefugeError('conflict', 'totp_already_enabled', 'A second factor is already in force on this account.') };
      if (user.totp_secret === null) return { ok: false, error: new RefugeError('precondition', 'totp_not_enrolling', 'Start with POST /auth/totp/enrol.') };
      const account = accountKey(user.username);
      await this.throttle.lockAccount(tx, account);
      const wait = await this.throttle.retryAfter(tx, account, client.address, now, user.last_sign_in_at);
      if (wait > 0) return { ok: false, error: tooManyAttempts(wait) };
      if (!(await this.acceptCode(tx, user, code, now))) {
        await this.throttle.recordFailure(tx, account, client.address, 'totp', now);
        await this.audit.record(tx, ctx, 'auth.totp_failed', 'user', user.id, { username: user.username, address: client.address, step: 'enrol' });
        return { ok: false, error: new RefugeError('validation', 'invalid_code', 'The code is not right: check the authenticator\'s clock and try the next code.', [{ field: 'code', code: 'invalid_code', message: 'Not the current code.' }]) };
      }
      await tx.query('UPDATE users SET totp_enabled_at = $2, updated_at = $2 WHERE id = $1', [user.id, now]);
      await this.audit.record(tx, ctx, 'auth.totp_enrolled', 'user', user.id, { username: user.username });
      return { ok: true, value: selfView({ ...user, totp_enabled_at: now }) };
    });
  }

  // ------------------------------------------------------------------ OpenID Connect

  /** Only a path on this site: an open redirect would hand the new session's first page to anyone. */
  static safeReturnTo(returnTo: string | undefined): string {
    return returnTo && /^\/(?![/\\])[^\s\\]*$/.test(returnTo) ? returnTo : '/';
  }

  async startOidc(providerId: string, returnTo: string | undefined): Promise<{ authorizationUrl: string; flowToken: string }> {
    return this.oidc.start(this.db.pool, providerId, UserService.safeReturnTo(returnTo), this.now());
  }

  /** The provider's answer: a session for the account an administrator linked to (issuer, subject), and nobody else. */
  async finishOidc(ctx: RequestContext, client: ClientInfo, providerId: string, flowToken: string | undefined, query: string):
    Promise<{ session: GrantedSession; returnTo: string }> {
    const now = this.now();
    let identity: { issuer: string; subject: string; returnTo: string };
    try {
      // The flow row is consumed on its own, and the code exchanged outside any transaction: no network call holds a lock.
      identity = await this.oidc.finish(this.db.pool, providerId, flowToken, query, now);
    } catch (err) {
      if (err instanceof RefugeError && err.code === 'oidc_sign_in_failed') {
        await this.audit.recordAlone(ctx, 'auth.sign_in_failed', 'user', null,
          { method: 'oidc', provider: providerId, address: client.address, reason: 'provider_refused', message: err.message });
      }
      throw err;
    }
    return this.decided<{ session: GrantedSession; returnTo: string }>(async (tx) => {
      const user = await userStore.byIdentity(tx, identity.issuer, identity.subject);
      if (!user || user.disabled_at !== null) {
        await this.audit.record(tx, ctx, 'auth.sign_in_failed', 'user', user?.id ?? null, {
          method: 'oidc', provider: providerId, issuer: identity.issuer, subject: identity.subject, address: client.address,
          reason: user ? 'disabled' : 'unknown_identity',
        });
        return { ok: false, error: new RefugeError('unauthorized', 'oidc_account_unknown',
          'You signed in with the provider, but no Refuge account is linked to that identity: ask an administrator to link it.') };
      }
      return { ok: true, value: { session: await this.grant(tx, ctx, user, 'oidc', client, now), returnTo: identity.returnTo } };
    });
  }

  // ------------------------------------------------------------------ the counsel directory (claims.name_counsel)

  /**
   * The counsel a claimant may name: enabled COUNSEL accounts, by display name, with their id and
   * display name only (whoever names counsel learns nothing else of the accounts).
   */
  async listCounsel(ctx: RequestContext): Promise<Array<{ id: string; displayName: string }>> {
    if (!can(ctx.caller, 'claims.name_counsel')) {
      await this.audit.recordAlone(ctx, 'access.denied', 'users', null, { action: 'claims.name_counsel' });
      throw new RefugeError('forbidden', 'forbidden', 'You may not perform claims.name_counsel.');
    }
    return userStore.enabledCounsel(this.db.pool);
  }

  // ------------------------------------------------------------------ accounts (users.manage)

  private async guard(ctx: RequestContext): Promise<void> {
    if (can(ctx.caller, 'users.manage')) return;
    await this.audit.recordAlone(ctx, 'access.denied', 'users', null, { action: 'users.manage' });
    throw new RefugeError('forbidden', 'forbidden', 'You may not perform users.manage.');
  }

  async listUsers(ctx: RequestContext): Promise<UserView[]> {
    await this.guard(ctx);
    const users = await userStore.all(this.db.pool);
    const identities = await userStore.identities(this.db.pool, users.map((u) => u.id));
    return users.map((u) => viewOf(u, identities.get(u.id) ?? []));
  }

  async findUser(ctx: RequestContext, username: string): Promise<UserView | null> {
    await this.guard(ctx);
    const user = await userStore.byUsername(this.db.pool, username);
    return user ? userStore.view(this.db.pool, user) : null;
  }

  async createUser(ctx: RequestContext, account: NewAccount): Promise<UserView> {
    await this.guard(ctx);
    const displayName = account.displayName ?? account.username;
    checkAccountFields({ username: account.username, displayName, roles: account.roles, officeScope: account.officeScope }, this.options.officeExists);
    if (account.password != null) checkPasswordPolicy(account.password);
    const passwordHash = account.password != null ? await this.hasher.hash(account.password) : null;
    const identities = account.identities ?? [];
    return this.audit.transaction(async (tx) => {
      const user = await userStore.insert(tx, { username: account.username, displayName, roles: [...new Set(account.roles)], officeScope: account.officeScope, passwordHash, identities }, ctx.caller.id, this.now());
      await this.audit.record(tx, ctx, 'users.create', 'user', user.id, {
        username: user.username, roles: user.roles, officeScope: account.officeScope, hasPassword: passwordHash !== null, identities,
      });
      return userStore.view(tx, user);
    });
  }

  async updateUser(ctx: RequestContext, userId: string, changes: AccountChanges): Promise<UserView> {
    await this.guard(ctx);
    checkAccountFields({ displayName: changes.displayName, roles: changes.roles, officeScope: changes.officeScope }, this.options.officeExists);
    if (changes.password !== undefined) checkPasswordPolicy(changes.password);
    const passwordHash = changes.password !== undefined ? await this.hasher.hash(changes.password) : undefined;
    const now = this.now();
    return this.audit.transaction(async (tx) => {
      const before = await userStore.byId(tx, userId, true);
      if (!before) throw new RefugeError('not_found', 'user_not_found', `No account has the id ${userId}.`);
      const set: string[] = [];
      const values: unknown[] = [userId, now];
      const assign = (column: string, value: unknown) => { values.push(value); set.push(`${column} = $${values.length}`); };
      if (changes.displayName !== undefined) assign('display_name', changes.displayName);
      if (changes.roles !== undefined) assign('roles', [...new Set(changes.roles)]);
      if (changes.officeScope !== undefined) assign('office_scope', changes.officeScope === 'ALL' ? null : changes.officeScope);
      if (passwordHash !== undefined) assign('password_hash', passwordHash);
      if (changes.disabled !== undefined && changes.disabled !== (before.disabled_at !== null)) assign('disabled_at', changes.disabled ? now : null);
      if (changes.resetTotp) { assign('totp_secret', null); assign('totp_enabled_at', null); assign('totp_last_step', null); }
      await tx.query(`UPDATE users SET updated_at = $2${set.map((s) => `, ${s}`).join('')} WHERE id = $1`, values);
      if (changes.identities !== undefined) await userStore.replaceIdentities(tx, userId, changes.identities, ctx.caller.id, now);
      if (before.roles.includes('ADMINISTRATOR') && before.disabled_at === null && (await userStore.enabledAdministrators(tx)) === 0) {
        throw new RefugeError('conflict', 'last_administrator', 'This is the last enabled administrator: make another one first.');
      }
      // A new password or a disabled account ends every session it had.
      const endedSessions = passwordHash !== undefined || changes.disabled === true ? await sessionStore.deleteForUser(tx, userId) : 0;
      const { password: _password, ...recorded } = changes;
      await this.audit.record(tx, ctx, 'users.update', 'user', userId, {
        username: before.username, ...recorded, ...(passwordHash !== undefined ? { passwordChanged: true } : {}), endedSessions,
      });
      return userStore.view(tx, (await userStore.byId(tx, userId)) as UserRow);
    });
  }
}
