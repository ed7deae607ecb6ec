import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from './router.tsx';
import { Layout } from './components/Layout.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { Explore } from './pages/Explore.tsx';

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
  else page = (
    <>
      <h1>{t('Page not found')}</h1>
      <p>{t('There is no page at this address.')}</p>
    </>
  );
  return <Layout pathname={pathname}>{page}</Layout>;
}
