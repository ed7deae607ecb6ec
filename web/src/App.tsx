import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from './router.tsx';
import { signInUrl } from './client.ts';
import { useSession, userOf } from './session.ts';
import { mayOpen, type WorkPage } from './work/access.ts';
import { Layout } from './components/Layout.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { Explore } from './pages/Explore.tsx';
import { WorkHome } from './pages/WorkHome.tsx';
import { Intake } from './pages/Intake.tsx';
import { ClaimPage } from './pages/ClaimPage.tsx';
import { Queues } from './pages/Queues.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Account } from './pages/Account.tsx';
import { AuditHome, AuditTrailPage } from './pages/Audit.tsx';
import { MyClients } from './pages/MyClients.tsx';
import { Users } from './pages/Users.tsx';

const CLAIM = /^\/work\/claims\/([^/]+)$/;
const TRAIL = /^\/work\/claims\/([^/]+)\/audit$/;

/** The workbench's pages: which one an address is, and what it needs of the user's roles. */
function workPage(pathname: string, search: string): { page: WorkPage; render: () => ReactNode } | null {
  const claim = CLAIM.exec(pathname);
  if (claim) {
    const id = decodeURIComponent(claim[1] ?? '');
    return { page: 'claim', render: () => <ClaimPage key={id} id={id} /> };
  }
  const trail = TRAIL.exec(pathname);
  if (trail) {
    const id = decodeURIComponent(trail[1] ?? '');
    return { page: 'trail', render: () => <AuditTrailPage key={id} id={id} /> };
  }
  switch (pathname) {
    case '/work': case '/work/': return { page: 'claims', render: () => <WorkHome /> };
    case '/work/intake': return { page: 'intake', render: () => <Intake /> };
    case '/work/import': return { page: 'import', render: () => <ImportPage /> };
    case '/work/queues': return { page: 'queues', render: () => <Queues key={search} search={search} /> };
    case '/work/clients': return { page: 'clients', render: () => <MyClients /> };
    case '/work/audit': return { page: 'audit', render: () => <AuditHome /> };
    case '/work/users': return { page: 'users', render: () => <Users /> };
    case '/work/account': return { page: 'account', render: () => <Account /> };
    default: return null;
  }
}

/** A workbench page for a signed-in user whose roles open it; the sign-in page for anyone else. */
function Guarded({ page, render }: { page: WorkPage; render: () => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const user = userOf(session);
  useEffect(() => {
    if (session.status === 'anonymous') navigate(signInUrl(), { replace: true });
  }, [session.status]);
  if (session.status !== 'signed-in') return <p role="status">{t('Loading…')}</p>;
  if (!mayOpen(user, page)) {
    return (
      <>
        <h1>{t('Not open to your roles')}</h1>
        <p>{t('Your roles do not open this page. Ask an administrator if your work needs it.')}</p>
      </>
    );
  }
  return <>{render()}</>;
}

export function App() {
  const { pathname, search } = useLocation();
  const { t, i18n } = useTranslation();
  useEffect(() => {
    // Move focus to the new page's content after client-side navigation (not on first load).
    const main = document.getElementById('main');
    if (main && document.activeElement && document.activeElement !== document.body) main.focus();
  }, [pathname]);
  useEffect(() => {
    document.title = pathname.startsWith('/work') || pathname === '/sign-in'
      ? t('Refuge — workbench') : t('Refuge — asylum claim statistics');
  }, [pathname, i18n.language, t]);

  let page: ReactNode;
  const work = pathname.startsWith('/work') ? workPage(pathname, search) : null;
  if (pathname === '/' || pathname === '/index.html') page = <Dashboard />;
  else if (pathname === '/explore') page = <Explore key={search === '' ? 'empty' : 'asked'} search={search} />;
  else if (pathname === '/sign-in') page = <SignIn search={search} />;
  else if (work) page = <Guarded key={pathname} page={work.page} render={work.render} />;
  else page = (
    <>
      <h1>{t('Page not found')}</h1>
      <p>{t('There is no page at this address.')}</p>
    </>
  );
  return <Layout pathname={pathname}>{page}</Layout>;
}
