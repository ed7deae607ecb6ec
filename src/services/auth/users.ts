import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../store/db.ts';
import { ROLES, type Caller, type Role } from '../../domain/access/policy.ts';
import { RefugeError, type FieldError } from '../../domain/errors.ts';

/** An account as administrators see it: never its password hash or TOTP secret. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  officeScope: 'ALL' | string[];
  disabled: boolean;
  hasPassword: boolean;
  totpEnabled: boolean;
  identities: Array<{ issuer: string; subject: string }>;
  lastSignInAt: string | null;
  createdAt: string;
  createdBy: string;
}

/** A row of `users` with what signing in needs. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  roles: Role[];
  office_scope: string[] | null;
  disabled_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  last_sign_in_at: Date | null;
  created_at: Date;
  created_by: string;
}

export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]{1,100}$';

/** What a signed-in user acts as: counsel are named on claims by their user id. */
export function callerOf(user: Pick<UserRow, 'id' | 'display_name' | 'roles' | 'office_scope'>): Caller {
  return {
    id: user.id, name: user.display_name, roles: [...user.roles],
    officeScope: user.office_scope === null ? 'ALL' : [...user.office_scope],
    counselId: user.roles.includes('COUNSEL') ? user.id : null,
  };
}

export function viewOf(user: UserRow, identities: Array<{ issuer: string; subject: string }>): UserView {
  return {
    id: user.id, username: user.username, displayName: user.display_name, roles: [...user.roles],
    officeScope: user.office_scope === null ? 'ALL' : [...user.office_scope],
    disabled: user.disabled_at !== null, hasPassword: user.password_hash !== null, totpEnabled: user.totp_enabled_at !== null,
    identities, lastSignInAt: user.last_sign_in_at?.toISOString() ?? null,
    createdAt: user.created_at.toISOString(), createdBy: user.created_by,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  officeScope: 'ALL' | string[];
  passwordHash: string | null;
  identities: Array<{ issuer: string; subject: string }>;
}

/** Checks what a schema cannot (the CLI has no schema): known roles and offices, a well-formed username. */
export function checkAccountFields(fields: { username?: string; roles?: string[]; officeScope?: 'ALL' | string[]; displayName?: string },
  officeExists: (code: string) => boolean): void {
  const errors: FieldError[] = [];
  if (fields.username !== undefined && !new RegExp(USERNAME_PATTERN).test(fields.username)) {
    errors.push({ field: 'username', code: 'invalid_format', message: 'Must be 1 to 100 letters, digits, ".", "_", "@" or "-".' });
  }
  if (fields.displayName !== undefined && (fields.displayName.trim() === '' || fields.displayName.length > 200)) {
    errors.push({ field: 'displayName', code: 'invalid', message: 'Must be 1 to 200 characters.' });
  }
  (fields.roles ?? []).forEach((role, i) => {
    if (!(ROLES as readonly string[]).includes(role)) errors.push({ field: `roles[${i}]`, code: 'unknown_role', message: `There is no role "${role}"; roles are ${ROLES.join(', ')}.` });
  });
  if (Array.isArray(fields.officeScope)) {
    fields.officeScope.forEach((code, i) => {
      if (!officeExists(code)) errors.push({ field: `officeScope[${i}]`, code: 'unknown_office', message: `No office has the code "${code}".` });
    });
  }
  if (errors.length > 0) {
    throw new RefugeError('validation', 'invalid_account', errors.map((e) => `${e.field}: ${e.message}`).join(' '), errors);
  }
}

const USER_COLUMNS = `id, username, display_name, password_hash, roles, office_scope, disabled_at, totp_secret, totp_enabled_at,
  totp_last_step, last_sign_in_at, created_at, created_by`;

/** SQL over `users` and `user_identities`; callers hold the transaction and write the audit record. */
export const userStore = {
  async insert(tx: Queryable, user: NewUser, createdBy: string, now: Date): Promise<UserRow> {
    const id = randomUUID();
    try {
      await tx.query(`INSERT INTO users (id, username, display_name, password_hash, roles, office_scope, created_at, created_by, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)`,
      [id, user.username, user.displayName, user.passwordHash, user.roles, user.officeScope === 'ALL' ? null : user.officeScope, now, createdBy]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new RefugeError('conflict', 'username_taken', `The username "${user.username}" is already taken.`, [{ field: 'username', code: 'taken', message: 'Already taken.' }]);
      }
      throw err;
    }
    await userStore.replaceIdentities(tx, id, user.identities, createdBy, now);
    return (await userStore.byId(tx, id)) as UserRow;
  },

  async byId(tx: Queryable, id: string, forUpdate = false): Promise<UserRow | null> {
    const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  },

  async byUsername(tx: Queryable, username: string): Promise<UserRow | null> {
    const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower($1)`, [username]);
    return rows[0] ?? null;
  },

  async byIdentity(tx: Queryable, issuer: string, subject: string): Promise<UserRow | null> {
    const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users
      WHERE id = (SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2)`, [issuer, subject]);
    return rows[0] ?? null;
  },

  async all(tx: Queryable): Promise<UserRow[]> {
    const { rows } = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY lower(username)`);
    return rows;
  },

  async identities(tx: Queryable, userIds: string[]): Promise<Map<string, Array<{ issuer: string; subject: string }>>> {
    const { rows } = await tx.query<{ user_id: string; issuer: string; subject: string }>(
      'SELECT user_id, issuer, subject FROM user_identities WHERE user_id = ANY($1::uuid[]) ORDER BY issuer, subject', [userIds]);
    const byUser = new Map<string, Array<{ issuer: string; subject: string }>>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { issuer: r.issuer, subject: r.subject }]);
    return byUser;
  },

  async view(tx: Queryable, user: UserRow): Promise<UserView> {
    return viewOf(user, (await userStore.identities(tx, [user.id])).get(user.id) ?? []);
  },

  async replaceIdentities(tx: Queryable, userId: string, identities: Array<{ issuer: string; subject: string }>, by: string, now: Date): Promise<void> {
    await tx.query('DELETE FROM user_identities WHERE user_id = $1', [userId]);
    for (const [i, identity] of identities.entries()) {
      const { rowCount } = await tx.query(`INSERT INTO user_identities (issuer, subject, user_id, created_at, created_by)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (issuer, subject) DO NOTHING`, [identity.issuer, identity.subject, userId, now, by]);
      if (rowCount === 0) {
        throw new RefugeError('conflict', 'identity_taken', `The identity ${identity.subject} at ${identity.issuer} already belongs to another account.`,
          [{ field: `identities[${i}]`, code: 'taken', message: 'Already linked to another account.' }]);
      }
    }
  },

  /** Enabled accounts with the COUNSEL role, by display name: their id and display name, nothing else. */
  async enabledCounsel(tx: Queryable): Promise<Array<{ id: string; displayName: string }>> {
    const { rows } = await tx.query<{ id: string; display_name: string }>(
      `SELECT id::text AS id, display_name FROM users WHERE 'COUNSEL' = ANY(roles) AND disabled_at IS NULL
       ORDER BY lower(display_name), id`);
    return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
  },

  async enabledAdministrators(tx: Queryable): Promise<number> {
    const { rows } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE 'ADMINISTRATOR' = ANY(roles) AND disabled_at IS NULL");
    return rows[0]?.n ?? 0;
  },
};
