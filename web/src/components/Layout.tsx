import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router.tsx';
import { setLanguage } from '../i18n.ts';
import { useLang } from '../hooks.ts';

export function Layout({ pathname, children }: { pathname: string; children: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const other = lang === 'fr' ? 'en' : 'fr';
  const nav = [
    { href: '/', label: t('Dashboard') },
    { href: '/explore', label: t('Statistics explorer') },
    { href: '/work', label: t('Workbench') },
    { href: '/work/queues', label: t('Work queue') },
    { href: '/work/import', label: t('Import') },
  ];
  const current = (href: string) => (href === '/work' ? pathname === '/work' || pathname.startsWith('/work/claims') || pathname === '/work/intake' : pathname === href);
  return (
    <>
      <a className="skip-link" href="#main">{t('Skip to main content')}</a>
      <header className="site-header">
        <div className="wrap header-row">
          <p className="brand"><Link href="/">Refuge</Link> <span className="tagline">{t('Asylum claims in Canada: public statistics')}</span></p>
          <nav aria-label={t('Main')}>
            <ul>
              {nav.map((n) => (
                <li key={n.href}><Link href={n.href} aria-current={current(n.href) ? 'page' : undefined}>{n.label}</Link></li>
              ))}
            </ul>
          </nav>
          <button type="button" className="lang-toggle" lang={other} onClick={() => setLanguage(other)}>
            {other === 'fr' ? 'Français' : 'English'}
          </button>
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
