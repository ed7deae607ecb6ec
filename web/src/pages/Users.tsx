import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getJson } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { ROLES } from '../../../src/domain/access/policy.ts';
import { patchJson, postJson, RequestError, type Account, type Office } from '../work/api.ts';
import { useLabeller, useOffices } from '../work/common.tsx';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from '../work/fieldErrors.tsx';
import { USER_ROLE_LABELS } from './Account.tsx';

interface Draft { username: string; displayName: string; roles: string[]; scope: 'ALL' | 'LIST'; offices: string[]; password: string }
interface Failure { message: string; errors: PlacedError[] }

const EMPTY: Draft = { username: '', displayName: '', roles: [], scope: 'LIST', offices: [], password: '' };

function draftOf(a: Account): Draft {
  return { username: a.username, displayName: a.displayName, roles: [...a.roles], scope: a.officeScope === 'ALL' ? 'ALL' : 'LIST',
    offices: a.officeScope === 'ALL' ? [] : [...a.officeScope], password: '' };
}

/** The server's refusal, placed on the form's fields. Each form's inputs carry its prefix ("new." or "edit."). */
function failureOf(err: unknown, prefix: string): Failure {
  const r = err instanceof RequestError ? err : new RequestError(0, (err as Error).message, 'error', [], undefined);
  // A role or office the server refuses is named by its place in the list sent: the whole list is the field to fix.
  const rename = (field: string) => `${prefix}${field.replace(/^(roles|officeScope)\[\d+\]$/, '$1')}`;
  return { message: r.message, errors: placeErrors(r.errors, rename) };
}

const focusSummary = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

/** Administrators' page: every account, a new account, and changes to one (roles, offices, second factor, disabling). */
export function Users() {
  const { t } = useTranslation();
  const lang = useLang();
  const offices = useOffices();
  const officeLabel = useLabeller(offices);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [token, setToken] = useState(0);
  const [editing, setEditing] = useState<Account | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getJson<{ items: Account[] }>(`${API}/users`).then(
      (r) => { if (live) { setAccounts(r.items); setLoadError(null); } },
      (err: unknown) => { if (live) setLoadError((err as Error).message); },
    );
    return () => { live = false; };
  }, [token]);

  const changed = (account: Account, message: string) => {
    setNotice(message);
    setEditing((e) => (e && e.id === account.id ? account : e));
    setToken((n) => n + 1);
  };
  const edit = (account: Account) => {
    setNotice(null);
    setEditing(account);
    window.setTimeout(() => document.getElementById('edit-heading')?.focus(), 0);
  };

  return (
    <>
      <h1>{t('Users')}</h1>
      <p className="lede">{t('Accounts, their roles and the offices whose claims they may see. Every change is recorded in the audit log.')}</p>
      <p role="status" className={notice ? 'success' : undefined} data-testid="users-notice">{notice}</p>
      {loadError && <p className="error" role="alert">{loadError}</p>}
      {!accounts && !loadError && <p role="status">{t('Loading…')}</p>}
      {accounts && (
        <div className="table-wrap">
          <table data-testid="accounts">
            <caption>{t('{{n}} accounts', { n: accounts.length })}</caption>
            <thead><tr>
              <th scope="col">{t('Username')}</th><th scope="col">{t('Display name')}</th><th scope="col">{t('Roles')}</th>
              <th scope="col">{t('Offices')}</th><th scope="col">{t('Second factor')}</th><th scope="col">{t('Status')}</th>
              <th scope="col">{t('Last sign-in')}</th><th scope="col"><span className="visually-hidden">{t('Actions')}</span></th>
            </tr></thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} data-username={a.username}>
                  <th scope="row">{a.username}</th>
                  <td>{a.displayName}</td>
                  <td>{a.roles.map((r) => t(USER_ROLE_LABELS[r] ?? r)).join(', ') || t('None')}</td>
                  <td className="small">{a.officeScope === 'ALL' ? t('All offices') : a.officeScope.join(', ') || t('None')}</td>
                  <td>{a.totpEnabled ? t('On') : t('Off')}</td>
                  <td>{a.disabled ? t('Disabled') : t('Active')}</td>
                  <td className="nowrap">{a.lastSignInAt ? formatDateTime(a.lastSignInAt, lang) : t('Never')}</td>
                  <td>
                    <button type="button" className="small-button" onClick={() => edit(a)}>
                      {t('Edit')}<span className="visually-hidden"> {a.username}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <EditAccount key={editing.id} account={editing} offices={offices} officeLabel={officeLabel} onChanged={changed}
          onClose={() => setEditing(null)} />
      )}
      <NewAccount offices={offices} officeLabel={officeLabel} onCreated={(a) => changed(a, t('The account {{username}} was created.', { username: a.username }))} />
    </>
  );
}

/** A new account: username, display name, roles, offices and an initial password. */
function NewAccount({ offices, officeLabel, onCreated }: { offices: Office[]; officeLabel: (code: string) => string; onCreated: (a: Account) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const created = await postJson<Account>(`${API}/users`, {
        username: draft.username.trim(), ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
        roles: draft.roles, officeScope: draft.scope === 'ALL' ? 'ALL' : draft.offices, password: draft.password,
      });
      setDraft(EMPTY);
      onCreated(created);
    } catch (err) {
      setFailure(failureOf(err, 'new.'));
      focusSummary('new-account-errors');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="new-account-heading" className="panel">
      <h2 id="new-account-heading">{t('New account')}</h2>
      {failure && <ErrorSummary id="new-account-errors" message={failure.message} errors={failure.errors} />}
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-account-heading">
        <AccountFields prefix="new." draft={draft} onChange={setDraft} errors={failure?.errors ?? []} offices={offices} officeLabel={officeLabel} creating />
        <p><button type="submit" disabled={busy}>{t('Create the account')}</button></p>
      </form>
    </section>
  );
}

/** Changes to one account: display name, roles, offices, a new password; its second factor reset; disabled or enabled. */
function EditAccount({ account, offices, officeLabel, onChanged, onClose }: {
  account: Account; offices: Office[]; officeLabel: (code: string) => string; onChanged: (a: Account, message: string) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(account));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (body: Record<string, unknown>, message: string) => {
    setBusy(true);
    setFailure(null);
    try {
      const updated = await patchJson<Account>(`${API}/users/${account.id}`, body);
      setDraft((d) => ({ ...d, password: '' }));
      onChanged(updated, message);
    } catch (err) {
      setFailure(failureOf(err, 'edit.'));
      focusSummary('edit-account-errors');
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change({
      displayName: draft.displayName.trim(), roles: draft.roles, officeScope: draft.scope === 'ALL' ? 'ALL' : draft.offices,
      ...(draft.password ? { password: draft.password } : {}),
    }, t('The changes to {{username}} were saved.', { username: account.username }));
  };

  return (
    <section aria-labelledby="edit-heading" className="panel" data-testid="edit-account">
      <h2 id="edit-heading" tabIndex={-1}>{t('Change the account {{username}}', { username: account.username })}</h2>
      <p>
        {account.disabled ? t('This account is disabled: it cannot sign in.') : t('This account is active.')}{' '}
        {account.totpEnabled ? t('Its second factor is on.') : t('It has no second factor.')}
      </p>
      <p className="inline-row">
        <button type="button" disabled={busy} onClick={() => void change({ disabled: !account.disabled }, account.disabled
          ? t('The account {{username}} was enabled.', { username: account.username })
          : t('The account {{username}} was disabled: its sessions have ended.', { username: account.username }))}>
          {account.disabled ? t('Enable the account') : t('Disable the account')}
        </button>
        {account.totpEnabled && (
          <button type="button" disabled={busy} onClick={() => void change({ resetTotp: true }, t('The second factor of {{username}} was removed: they can set up a new one on their account page.', { username: account.username }))}>
            {t('Reset the second factor')}
          </button>
        )}
      </p>
      {failure && <ErrorSummary id="edit-account-errors" message={failure.message} errors={failure.errors} />}
      <form onSubmit={submit} noValidate aria-labelledby="edit-heading">
        <AccountFields prefix="edit." draft={draft} onChange={setDraft} errors={failure?.errors ?? []} offices={offices} officeLabel={officeLabel} />
        <p className="inline-row">
          <button type="submit" disabled={busy}>{t('Save the changes')}</button>
          <button type="button" onClick={onClose}>{t('Close')}</button>
        </p>
      </form>
    </section>
  );
}

/** The fields of an account, ids prefixed so that the new-account and the change forms can share the page. */
function AccountFields({ prefix, draft, onChange, errors, offices, officeLabel, creating = false }: {
  prefix: string; draft: Draft; onChange: (d: Draft) => void; errors: PlacedError[]; offices: Office[];
  officeLabel: (code: string) => string; creating?: boolean;
}) {
  const { t } = useTranslation();
  const id = (field: string) => fid(`${prefix}${field}`);
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const sorted = [...offices].sort((a, b) => officeLabel(a.code).localeCompare(officeLabel(b.code)));
  return (
    <div className="form-grid">
      {creating && (
        <div className="field">
          <label htmlFor={id('username')}>{t('Username')}</label>
          <input {...invalidProps(id('username'), errors, `${id('username')}-hint`)} autoComplete="off" autoCapitalize="none" spellCheck={false}
            value={draft.username} onChange={(e) => set({ username: e.target.value })} />
          <p className="hint" id={`${id('username')}-hint`}>{t('Letters, digits, ".", "_", "@" or "-"; unique whatever the case.')}</p>
          <FieldMessage id={id('username')} errors={errors} />
        </div>
      )}
      <div className="field">
        <label htmlFor={id('displayName')}>{t('Display name')}</label>
        <input {...invalidProps(id('displayName'), errors)} autoComplete="off" value={draft.displayName} onChange={(e) => set({ displayName: e.target.value })} />
        <FieldMessage id={id('displayName')} errors={errors} />
      </div>
      <div className="field">
        <label htmlFor={id('password')}>{creating ? t('Initial password') : t('New password (optional)')}</label>
        <input {...invalidProps(id('password'), errors, `${id('password')}-hint`)} type="password" autoComplete="new-password"
          value={draft.password} onChange={(e) => set({ password: e.target.value })} />
        <p className="hint" id={`${id('password')}-hint`}>{creating
          ? t('At least 12 characters. Give it to the person in person; they can add a second factor on their account page.')
          : t('Leave empty to keep the password. A new password ends the account\'s sessions.')}</p>
        <FieldMessage id={id('password')} errors={errors} />
      </div>
      <fieldset className="field wide" id={id('roles')} tabIndex={-1}>
        <legend>{t('Roles')}</legend>
        <div className="checks">
          {ROLES.map((role) => (
            <span key={role} className="check">
              <input type="checkbox" id={`${id('roles')}-${role}`} checked={draft.roles.includes(role)} onChange={() => set({ roles: toggle(draft.roles, role) })} />
              <label htmlFor={`${id('roles')}-${role}`}>{t(USER_ROLE_LABELS[role] ?? role)}</label>
            </span>
          ))}
        </div>
        <FieldMessage id={id('roles')} errors={errors} />
      </fieldset>
      <fieldset className="field wide" id={id('officeScope')} tabIndex={-1}>
        <legend>{t('Offices whose claims the account may see')}</legend>
        <div className="checks">
          <span className="check">
            <input type="radio" name={`${prefix}scope`} id={`${id('officeScope')}-all`} checked={draft.scope === 'ALL'} onChange={() => set({ scope: 'ALL' })} />
            <label htmlFor={`${id('officeScope')}-all`}>{t('All offices')}</label>
          </span>
          <span className="check">
            <input type="radio" name={`${prefix}scope`} id={`${id('officeScope')}-list`} checked={draft.scope === 'LIST'} onChange={() => set({ scope: 'LIST' })} />
            <label htmlFor={`${id('officeScope')}-list`}>{t('Only the offices chosen below')}</label>
          </span>
        </div>
        {draft.scope === 'LIST' && (
          <div className="office-list" role="group" aria-label={t('Offices')}>
            {sorted.map((o) => (
              <span key={o.code} className="check">
                <input type="checkbox" id={`${id('officeScope')}-${o.code}`} checked={draft.offices.includes(o.code)}
                  onChange={() => set({ offices: toggle(draft.offices, o.code) })} />
                <label htmlFor={`${id('officeScope')}-${o.code}`}>{officeLabel(o.code)} <span className="muted small">{o.code}</span></label>
              </span>
            ))}
          </div>
        )}
        <FieldMessage id={id('officeScope')} errors={errors} />
      </fieldset>
    </div>
  );
}
