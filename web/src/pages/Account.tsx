import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, RequestError, postJson, refreshSession } from '../client.ts';
import { QrCode } from '../components/QrCode.tsx';
import { useSession, userOf } from '../session.ts';
import { useLabeller, useOffices } from '../work/common.tsx';

export const USER_ROLE_LABELS: Record<string, string> = {
  INTAKE_OFFICER: 'Intake officer', ELIGIBILITY_OFFICER: 'Eligibility officer', TRIBUNAL_REGISTRY: 'Tribunal registry',
  TRIBUNAL_MEMBER: 'Tribunal member', COUNSEL: 'Counsel', ANALYST: 'Analyst', AUDITOR: 'Auditor', ADMINISTRATOR: 'Administrator',
};

interface Enrolment { secret: string; otpauthUrl: string }

/** The signed-in user's account: who they are to Refuge, and their second factor (TOTP) enrolment. */
export function Account() {
  const { t } = useTranslation();
  const user = userOf(useSession());
  const officeLabel = useLabeller(useOffices());
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const fail = (err: unknown) => {
    setError(err instanceof RequestError && err.code === 'invalid_code'
      ? t('This code is wrong or has already been used. Enter the code your app shows now.')
      : (err as Error).message);
    window.setTimeout(() => document.getElementById('totp-error')?.focus(), 0);
  };
  const enrol = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await postJson<Enrolment>(`${API}/auth/totp/enrol`, {}));
      window.setTimeout(() => document.getElementById('enrol-heading')?.focus(), 0);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      setError(t('Enter the 6 digits your app shows.'));
      window.setTimeout(() => document.getElementById('totp-error')?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await postJson(`${API}/auth/totp/confirm`, { code: code.replace(/\s+/g, '') });
      setConfirmed(true);
      setEnrolment(null);
      await refreshSession();
    } catch (err) {
      setCode('');
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const totpOn = confirmed || user.totpEnabled === true;
  return (
    <>
      <h1>{t('Your account')}</h1>
      <dl>
        <dt>{t('Name')}</dt><dd>{user.displayName}</dd>
        <dt>{t('Username')}</dt><dd>{user.username}</dd>
        <dt>{t('Roles')}</dt><dd>{user.roles.map((r) => t(USER_ROLE_LABELS[r] ?? r)).join(', ') || t('None')}</dd>
        <dt>{t('Offices')}</dt><dd>{user.officeScope === 'ALL' ? t('All offices') : user.officeScope.map(officeLabel).join(', ') || t('None')}</dd>
        {user.roles.includes('COUNSEL') && <><dt>{t('Your counsel id')}</dt><dd><code data-testid="counsel-id">{user.id}</code> <span className="hint">{t('Officers find you by your name ({{name}}) when they record that a claimant named you.', { name: user.displayName })}</span></dd></>}
      </dl>

      <section aria-labelledby="totp-heading" className="panel">
        <h2 id="totp-heading">{t('Second factor')}</h2>
        {error && <p id="totp-error" className="error" role="alert" tabIndex={-1}>{error}</p>}
        {totpOn ? (
          <p role="status" className="success" data-testid="totp-status">{confirmed
            ? t('The second factor is on: from now on, signing in also asks for a code from your app.')
            : t('The second factor is on: signing in asks for a code from your authenticator app.')}</p>
        ) : enrolment ? (
          <>
            <h3 id="enrol-heading" tabIndex={-1}>{t('Add Refuge to your authenticator app')}</h3>
            <ol>
              <li>
                <p>{t('Scan this code with the app, or enter the key below by hand.')}</p>
                <QrCode text={enrolment.otpauthUrl} label={t('QR code of the enrolment address')} />
              </li>
              <li>
                <p>{t('Key:')} <code className="break" data-testid="totp-secret">{enrolment.secret}</code></p>
                <p className="small">{t('Enrolment address:')} <code className="break" data-testid="otpauth-url">{enrolment.otpauthUrl}</code></p>
              </li>
              <li>
                <form onSubmit={(e) => void confirm(e)} noValidate aria-label={t('Confirm the second factor')}>
                  <div className="field narrow">
                    <label htmlFor="confirm-code">{t('The code the app shows now')}</label>
                    <input id="confirm-code" inputMode="numeric" autoComplete="one-time-code" maxLength={10} className="code-input" value={code} onChange={(e) => setCode(e.target.value)} />
                  </div>
                  <p><button type="submit" disabled={busy}>{t('Turn on the second factor')}</button></p>
                </form>
              </li>
            </ol>
          </>
        ) : (
          <>
            <p>{t('A second factor protects the files you can open: signing in then needs a code from an app on your phone as well as your password.')}</p>
            <p><button type="button" onClick={() => void enrol()} disabled={busy}>{t('Set up an authenticator app')}</button></p>
          </>
        )}
      </section>
    </>
  );
}
