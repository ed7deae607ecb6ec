import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from './router.tsx';
import { Layout } from './components/Layout.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { Explore } from './pages/Explore.tsx';
import { WorkHome } from './pages/WorkHome.tsx';
import { Intake } from './pages/Intake.tsx';
import { ClaimPage } from './pages/ClaimPage.tsx';
import { Queues } from './pages/Queues.tsx';
import { ImportPage } from './pages/ImportPage.tsx';

export function App() {
  const { pathname, search } = useLocation();
  const { t } = useTranslation();
  useEffect(() => {
    // Move focus to the new page's content after client-side navigation (not on first load).
    const main = document.getElementById('main');
    if (main && document.activeElement && document.activeElement !== document.body) main.focus();
  }, [pathname]);
  let page;
  if (pathname === '/' || pathname === '/index.html') page = <Dashboard />;
  else if (pathname === '/explore') page = <Explore key={search === '' ? 'empty' : 'asked'} search={search} />;
  else if (pathname === '/work' || pathname === '/work/') page = <WorkHome />;
  else if (pathname === '/work/intake') page = <Intake />;
  else if (pathname === '/work/import') page = <ImportPage />;
  else if (pathname === '/work/queues') page = <Queues key={search} search={search} />;
  else if (/^\/work\/claims\/[^/]+$/.test(pathname)) {
    const id = decodeURIComponent(pathname.slice('/work/claims/'.length));
    page = <ClaimPage key={id} id={id} />;
  } else page = (
    <>
      <h1>{t('Page not found')}</h1>
      <p>{t('There is no page at this address.')}</p>
    </>
  );
  return <Layout pathname={pathname}>{page}</Layout>;
}
