import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getJson } from '../api.ts';
import { useLang } from '../hooks.ts';
import { Link } from '../router.tsx';
import type { ClaimSummary } from '../work/api.ts';
import { ClaimRows, useCountries, useOffices, useStates } from '../work/common.tsx';
import { may, useSession, userOf } from '../session.ts';

interface Filters {
  reference: string; officeCode: string; state: string; citizenship: string; persecutionCountry: string; claimDateFrom: string; claimDateTo: string;
}
const EMPTY: Filters = { reference: '', officeCode: '', state: '', citizenship: '', persecutionCountry: '', claimDateFrom: '', claimDateTo: '' };

function listUrl(f: Filters, cursor: string | null): string {
  const p = new URLSearchParams();
  if (f.officeCode) p.set('officeCode', f.officeCode);
  if (f.state) p.set('state', f.state);
  if (f.citizenship) p.set('citizenship', f.citizenship);
  if (f.persecutionCountry) p.set('persecutionCountry', f.persecutionCountry);
  if (f.claimDateFrom) p.set('claimDateFrom', f.claimDateFrom);
  if (f.claimDateTo) p.set('claimDateTo', f.claimDateTo);
  p.set('limit', '25');
  if (cursor) p.set('cursor', cursor);
  return `${API}/claims?${p.toString()}`;
}

/** The workbench home: find claims (newest first, page by page) or start an intake. */
export function WorkHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const offices = useOffices();
  const states = useStates();
  const countries = useCountries();
  const user = userOf(useSession());
  const [form, setForm] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [items, setItems] = useState<ClaimSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();

  const load = async (f: Filters, cursor: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await getJson<{ items: ClaimSummary[]; nextCursor: string | null }>(listUrl(f, cursor));
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { void load(EMPTY, null); }, []);

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(form);
    void load(form, null);
  };
  const ref = applied.reference.trim().toUpperCase();
  const shown = ref ? items.filter((c) => c.reference.toUpperCase().includes(ref) || (c.familyName ?? '').toUpperCase().includes(ref)) : items;

  return (
    <>
      <div className="title-row">
        <h1>{t('Workbench: claims')}</h1>
        {may(user, 'claims.create') && <Link className="button-link primary" href="/work/intake">{t('New intake')}</Link>}
      </div>
      <p className="lede">{t('Find a claim by its office, state, citizenship, country of alleged persecution or claim date; then by reference or family name among those found. The newest claims come first.')}</p>
      <form className="explorer-form" onSubmit={submit} aria-label={t('Find claims')}>
        <div className="field">
          <label htmlFor="s-reference">{t('Reference or family name')}</label>
          <input id="s-reference" value={form.reference} onChange={set('reference')} aria-describedby="s-reference-hint" />
          <p id="s-reference-hint" className="hint">{t('Matches within the claims loaded below.')}</p>
        </div>
        <div className="field">
          <label htmlFor="s-office">{t('Office')}</label>
          <select id="s-office" value={form.officeCode} onChange={set('officeCode')}>
            <option value="">{t('All offices')}</option>
            {offices.map((o) => <option key={o.code} value={o.code}>{o.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-state">{t('State')}</label>
          <select id="s-state" value={form.state} onChange={set('state')}>
            <option value="">{t('All states')}</option>
            {states.map((s) => <option key={s.code} value={s.code}>{s.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-citizenship">{t('Citizenship')}</label>
          <select id="s-citizenship" value={form.citizenship} onChange={set('citizenship')}>
            <option value="">{t('All countries')}</option>
            {countries.map((c) => <option key={c.code} value={c.code}>{c.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-persecution">{t('Country of alleged persecution')}</label>
          <select id="s-persecution" value={form.persecutionCountry} onChange={set('persecutionCountry')}>
            <option value="">{t('All countries')}</option>
            {countries.map((c) => <option key={c.code} value={c.code}>{c.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-from">{t('Claim date from')}</label>
          <input id="s-from" type="date" value={form.claimDateFrom} onChange={set('claimDateFrom')} />
        </div>
        <div className="field">
          <label htmlFor="s-to">{t('Claim date to')}</label>
          <input id="s-to" type="date" value={form.claimDateTo} onChange={set('claimDateTo')} />
        </div>
        <div className="actions"><button type="submit">{t('Search')}</button></div>
      </form>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('Claims')}</h2>
        {error && <p className="error" role="alert">{error}</p>}
        <p role="status" className="muted">{loading ? t('Loading…') : t('{{n}} claims shown', { n: shown.length })}</p>
        {shown.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('Claims')}</caption>
              <thead><tr>
                <th scope="col">{t('Reference')}</th><th scope="col">{t('Name')}</th><th scope="col">{t('Office')}</th>
                <th scope="col">{t('Claim date')}</th><th scope="col">{t('State')}</th>
              </tr></thead>
              <tbody>
                <ClaimRows claims={shown} />
              </tbody>
            </table>
          </div>
        )}
        {next && <button type="button" onClick={() => void load(applied, next)} disabled={loading}>{t('Show more')}</button>}
      </section>
    </>
  );
}
