import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getCached, type Bilingual, type ReferenceItem } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import type { ClaimSummary, EventInfo, Office, Person } from './api.ts';

export const SEX_LABELS: Record<string, string> = { F: 'Female', M: 'Male', X: 'Another gender (X)' };
export const RELATIONSHIP_LABELS: Record<string, string> = {
  PRINCIPAL: 'Principal claimant', SPOUSE: 'Spouse or partner', CHILD: 'Child', PARENT: 'Parent', SIBLING: 'Brother or sister', OTHER_RELATIVE: 'Other relative',
};

/** A person's name, or what stands for it once their identity was purged at the end of its retention period. */
export function useNameOf(): (p: Pick<Person, 'givenNames' | 'familyName' | 'purged'>) => string {
  const { t } = useTranslation();
  return (p) => (p.purged ? t('Identity removed (retention)') : `${p.givenNames ?? ''} ${p.familyName ?? ''}`.trim());
}

/** A claim list's name cell: "Family, Given", or the retention notice once the identity was purged. */
export function useListNameOf(): (c: { familyName: string | null; givenNames: string | null; personPurged: boolean }) => string {
  const nameOf = useNameOf();
  return (c) => (c.personPurged ? nameOf({ ...c, purged: true }) : `${c.familyName ?? ''}, ${c.givenNames ?? ''}`);
}

/** Reference data (offices, countries, states, events, actor roles), fetched once per page load. */
export function useReference<T>(kind: string): T[] {
  const [items, setItems] = useState<T[]>([]);
  useEffect(() => {
    let live = true;
    getCached<T[]>(`${API}/reference/${kind}`).then((v) => { if (live) setItems(v); }, () => undefined);
    return () => { live = false; };
  }, [kind]);
  return items;
}

export function useOffices(): Office[] { return useReference<Office>('offices'); }
export function useCountries(): ReferenceItem[] { return useReference<ReferenceItem>('countries'); }
export function useStates(): ReferenceItem[] { return useReference<ReferenceItem>('states'); }
export function useEvents(): EventInfo[] { return useReference<EventInfo>('events'); }
export function useActorRoles(): ReferenceItem[] { return useReference<ReferenceItem>('actor-roles'); }

/** A code → label function in the current language (the code itself while loading or when unknown). */
export function useLabeller(items: Array<{ code: string; labels: Bilingual }>): (code: string) => string {
  const lang = useLang();
  return (code: string) => items.find((i) => i.code === code)?.labels[lang] ?? code;
}

/** The date of today in the browser's time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function Status({ loading, error }: { loading: boolean; error: string | undefined }) {
  const { t } = useTranslation();
  if (error) return <p className="error" role="alert">{error}</p>;
  if (loading) return <p role="status">{t('Loading…')}</p>;
  return null;
}

/** The rows of a claim list: reference (to the claim's page), name, date of birth if asked, office, claim date, state. */
export function ClaimRows({ claims, withDateOfBirth = false }: { claims: ClaimSummary[]; withDateOfBirth?: boolean }) {
  const lang = useLang();
  const stateLabel = useLabeller(useStates());
  const officeLabel = useLabeller(useOffices());
  const listNameOf = useListNameOf();
  return (
    <>
      {claims.map((c) => (
        <tr key={c.id}>
          <th scope="row" className="nowrap"><Link href={`/work/claims/${c.id}`}>{c.reference}</Link></th>
          <td>{listNameOf(c)}</td>
          {withDateOfBirth && <td>{c.dateOfBirth ? formatDate(c.dateOfBirth, lang) : '—'}</td>}
          <td>{officeLabel(c.officeCode)}</td>
          <td>{formatDate(c.claimDate, lang)}</td>
          <td>{stateLabel(c.state)}</td>
        </tr>
      ))}
    </>
  );
}
