import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../router.tsx';
import { setLanguage } from '../i18n.ts';
import { useLang } from '../hooks.ts';
import { API, request, signInUrl } from '../client.ts';
import { may, sessionEnded, useSession, userOf } from '../session.ts';
import { isCaseWorker, isCounsel } from '../work/access.ts';

async function signOut(): Promise<void> {
  try {
    await request('POST', `${API}/auth/sign-out`);
  } catch {
    // The session is forgotten here either way; the server ends it when it can.
  }
  sessionEnded();
  navigate('/sign-in?signedOut=1');
  window.scrollTo(0, 0);
}

export function Layout({ pathname, children }: { pathname: string; children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const other = lang === 'fr' ? 'en' : 'fr';
  const session = useSession();
  const user = userOf(session);
  // Only what the user's roles may do (docs/security.md); the public pages for everyone.
  const nav = [
    { href: '/', label: t('Dashboard'), shown: true },
    { href: '/explore', label: t('Statistics explorer'), shown: true },
    { href: '/work', label: t('Workbench'), shown: isCaseWorker(user) },
    { href: '/work/clients', label: t('My clients'), shown: isCounsel(user) },
    { href: '/work/queues', label: t('Work queue'), shown: isCaseWorker(user) },
    { href: '/work/import', label: t('Import'), shown: may(user, 'claims.import') },
    { href: '/work/audit', label: t('Audit'), shown: may(user, 'audit.read_trail') },
    { href: '/work/users', label: t('Users'), shown: may(user, 'users.manage') },
  ].filter((n) => n.shown);
  const current = (href: string) => (href === '/work'
    ? pathname === '/work' || (pathname.startsWith('/work/claims') && !pathname.endsWith('/audit')) || pathname === '/work/intake'
    : href === '/work/audit' ? pathname === href || pathname.endsWith('/audit') : pathname === href);
  const working = pathname.startsWith('/work') || pathname === '/sign-in';
  return (
    <>
      <a className="skip-link" href="#main">{t('Skip to main content')}</a>
      <header className="site-header">
        <div className="wrap header-row">
          <p className="brand"><Link href="/">Refuge</Link> <span className="tagline">{working ? t('Asylum claims in Canada: case work') : t('Asylum claims in Canada: public statistics')}</span></p>
          <nav aria-label={t('Main')}>
            <ul>
              {nav.map((n) => (
                <li key={n.href}><Link href={n.href} aria-current={current(n.href) ? 'page' : undefined}>{n.label}</Link></li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            {user ? (
              <>
                <Link href="/work/account" className="account-link" aria-current={pathname === '/work/account' ? 'page' : undefined}>
                  <span className="visually-hidden">{t('Your account:')} </span>{user.displayName}
                </Link>
                <button type="button" className="header-button" onClick={() => void signOut()}>{t('Sign out')}</button>
              </>
            ) : session.status === 'anonymous' && pathname !== '/sign-in' && (
              <Link href={pathname.startsWith('/work') ? signInUrl() : '/sign-in'}>{t('Sign in')}</Link>
            )}
            <button type="button" className="lang-toggle header-button" lang={other} onClick={() => setLanguage(other)}>
              {other === 'fr' ? 'Français' : 'English'}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="wrap">{children}</main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t('Refuge is open-source software. Statistics never identify anyone: the server applies disclosure control before any number leaves it.')}</p>
          <p><a href="/api/v1/openapi.json">{t('API description (OpenAPI)')}</a></p>
        </div>
      </footer>
    </>
  );
}

export function DataTable({ caption, headers, rows, numeric }: {
  caption: string; headers: string[]; rows: ReactNode[][]; numeric?: boolean[];
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead><tr>{headers.map((h, i) => <th key={i} scope="col" className={numeric?.[i] ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => (j === 0
              ? <th key={j} scope="row">{c}</th>
              : <td key={j} className={numeric?.[j] ? 'num' : undefined}>{c}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
