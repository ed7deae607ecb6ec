import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, RequestError, getJson, postJson } from '../client.ts';
import { useLang } from '../hooks.ts';
import { formatWait } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { homeOf } from '../work/access.ts';
import { setSession, useSession, userOf, type SessionAnswer } from '../session.ts';

interface Provider { id: string; name: string }

/** Why signing in through a provider failed: the server sends the browser back here with the code only (`?error=`). */
const OIDC_ERROR_LABELS: Record<string, string> = {
  oidc_account_unknown: 'You signed in with your agency, but no Refuge account is linked to that identity. Ask an administrator to link it.',
  oidc_flow_invalid: 'That sign-in did not start in this browser, or took too long. Start again.',
  oidc_sign_in_failed: 'Your agency did not sign you in. Try again, or sign in with your password.',
  oidc_provider_unavailable: 'The sign-in service of your agency cannot be reached just now. Try again later, or sign in with your password.',
  oidc_provider_not_found: 'This server has no such sign-in service.',
  oidc_failed: 'Signing in through your agency failed. Try again, or sign in with your password.',
};
type Answer = SessionAnswer | { totpRequired: true };

/** Only a path of this site: never an address elsewhere (an open redirect). */
function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/sign-in') ? next : null;
}

/** Sign-in: a password, then a code from an authenticator app when the account has one; or an agency's OpenID Connect provider. */
export function SignIn({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSession();
  const user = userOf(session);
  const next = safeNext(search);
  const params = new URLSearchParams(search);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [failure, setError] = useState<string | null>(null);
  // Back from a provider that did not sign the user in: why, in the language of the page (until the next attempt).
  const [oidcError, setOidcError] = useState(() => params.get('error'));
  const error = failure ?? (oidcError ? t(OIDC_ERROR_LABELS[oidcError] ?? OIDC_ERROR_LABELS.oidc_failed ?? '') : null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    getJson<Provider[]>(`${API}/auth/oidc/providers`).then((p) => { if (live) setProviders(p); }, () => undefined);
    return () => { live = false; };
  }, []);
  useEffect(() => {
    if (blockedUntil === null) return undefined;
    const timer = window.setTimeout(() => setBlockedUntil(null), Math.max(0, blockedUntil - Date.now()));
    return () => window.clearTimeout(timer);
  }, [blockedUntil]);
  useEffect(() => { if (step === 'totp') codeInput.current?.focus(); }, [step]);
  const arrivedWithError = oidcError !== null;
  // After the app's own focus handling of a page load (a timeout, as for the other alerts).
  useEffect(() => { if (arrivedWithError) window.setTimeout(() => alert.current?.focus(), 0); }, [arrivedWithError]);

  const fail = (err: unknown) => {
    const e = err instanceof RequestError ? err : new RequestError(0, (err as Error).message, 'error', [], undefined);
    if (e.code === 'too_many_attempts') {
      const wait = e.retryAfterSeconds ?? 60;
      setBlockedUntil(Date.now() + wait * 1000);
      setError(t('Too many failed attempts. You can try again {{when}}.', { when: formatWait(wait, lang) }));
    } else if (e.code === 'invalid_credentials' && step === 'password') {
      setError(t('The username or the password is wrong.'));
    } else if (e.code === 'sign_in_expired') {
      setStep('password');
      setError(t('The sign-in took too long: enter your password again.'));
    } else if (e.status === 401 && step === 'totp') {
      setError(t('This code is wrong or has already been used. Enter the code your app shows now.'));
    } else {
      setError(e.message);
    }
    window.setTimeout(() => alert.current?.focus(), 0);
  };

  const done = (answer: SessionAnswer) => {
    setSession(answer);
    navigate(next ?? homeOf(answer.user), { replace: true });
    window.scrollTo(0, 0);
  };

  const submitPassword = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('Enter your username and your password.'));
      window.setTimeout(() => alert.current?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    setOidcError(null);
    try {
      const answer = await postJson<Answer>(`${API}/auth/sign-in`, { username: username.trim(), password });
      setPassword('');
      if ('totpRequired' in answer) setStep('totp');
      else done(answer);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      setError(t('Enter the 6 digits your app shows.'));
      window.setTimeout(() => alert.current?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      done(await postJson<SessionAnswer>(`${API}/auth/totp`, { code: code.replace(/\s+/g, '') }));
    } catch (err) {
      setCode('');
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (user) {
    return (
      <>
        <h1>{t('Sign in')}</h1>
        <p>{t('You are signed in as {{name}}.', { name: user.displayName })}</p>
        <p><Link href={homeOf(user)}>{t('Go to your work')}</Link></p>
      </>
    );
  }

  const blocked = blockedUntil !== null;
  return (
    <div className="narrow">
      <h1>{t('Sign in')}</h1>
      <p className="lede">{t('The workbench is for the staff of the agencies, tribunal members and counsel. The statistics are public: no sign-in needed.')}</p>
      {params.get('signedOut') && !error && <p role="status" className="success">{t('You are signed out.')}</p>}
      <div ref={alert} tabIndex={-1} className={error ? 'error-summary' : undefined} role="alert">{error && <p>{error}</p>}</div>
      {step === 'password' ? (
        <form onSubmit={(e) => void submitPassword(e)} noValidate aria-label={t('Sign in with a password')} className="stack">
          <div className="field">
            <label htmlFor="username">{t('Username')}</label>
            <input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="password">{t('Password')}</label>
            <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <p><button type="submit" disabled={busy || blocked}>{t('Sign in')}</button></p>
        </form>
      ) : (
        <form onSubmit={(e) => void submitCode(e)} noValidate aria-label={t('Second step: the code')} className="stack">
          <p>{t('Your account has a second factor. Enter the 6-digit code your authenticator app shows for Refuge.')}</p>
          <div className="field">
            <label htmlFor="totp-code">{t('Code')}</label>
            <input id="totp-code" ref={codeInput} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={10} className="code-input"
              value={code} onChange={(e) => setCode(e.target.value)} />
          </div>
          <p>
            <button type="submit" disabled={busy || blocked}>{t('Continue')}</button>{' '}
            <button type="button" onClick={() => { setStep('password'); setCode(''); setError(null); }}>{t('Start again')}</button>
          </p>
        </form>
      )}
      {providers.length > 0 && step === 'password' && (
        <section aria-labelledby="oidc-heading">
          <h2 id="oidc-heading">{t('Or sign in through your agency')}</h2>
          <ul className="plain">
            {providers.map((p) => (
              <li key={p.id}>
                {/* A full-page navigation: the provider's sign-in page, then back here. */}
                <a className="button-link" href={`${API}/auth/oidc/${encodeURIComponent(p.id)}/start${next ? `?returnTo=${encodeURIComponent(next)}` : ''}`}>
                  {t('Sign in with {{provider}}', { provider: p.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
