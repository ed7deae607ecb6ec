import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getJson } from '../client.ts';
import type { ClaimSummary } from '../work/api.ts';
import { ClaimRows } from '../work/common.tsx';

/** Counsel's clients: the claims whose claimant named them (the server answers no other). */
export function MyClients() {
  const { t } = useTranslation();
  const [items, setItems] = useState<ClaimSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();

  const load = async (cursor: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await getJson<{ items: ClaimSummary[]; nextCursor: string | null }>(`${API}/claims?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(null); }, []);

  return (
    <>
      <h1>{t('My clients')}</h1>
      <p className="lede">{t('The claims whose claimant named you as counsel. Only these are open to you.')}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <p role="status" className="muted">{loading ? t('Loading…') : items.length === 0 ? t('No claimant has named you as counsel yet.') : t('{{n}} claims shown', { n: items.length })}</p>
      {items.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('My clients')}</caption>
            <thead><tr>
              <th scope="col">{t('Reference')}</th><th scope="col">{t('Name')}</th><th scope="col">{t('Date of birth')}</th>
              <th scope="col">{t('Office')}</th><th scope="col">{t('Claim date')}</th><th scope="col">{t('State')}</th>
            </tr></thead>
            <tbody>
              <ClaimRows claims={items} withDateOfBirth />
            </tbody>
          </table>
        </div>
      )}
      {next && <button type="button" onClick={() => void load(next)} disabled={loading}>{t('Show more')}</button>}
    </>
  );
}
