import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getCached, getJson, type ReferenceItem } from './api.ts';
import type { Lang } from './i18n.ts';

export interface Loaded<T> { data: T | undefined; error: string | undefined; loading: boolean }

export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined, loading: url !== null });
  useEffect(() => {
    if (url === null) return undefined;
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    getJson<T>(url, ctrl.signal).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ data: undefined, error: (err as Error).message, loading: false });
      },
    );
    return () => ctrl.abort();
  }, [url]);
  return state;
}

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'fr' ? 'fr' : 'en';
}

type Labels = Record<string, Record<string, { en: string; fr: string }>>;
const REFERENCE: Record<string, string> = {
  office: 'offices', office_type: 'office-types', province: 'provinces', citizenship: 'countries', persecution_country: 'countries',
};

/** Labels of dimension values (offices, countries, provinces, office types) in the current language. */
export function useValueLabels(): (dimension: string, value: string) => string {
  const lang = useLang();
  const [labels, setLabels] = useState<Labels>({});
  useEffect(() => {
    let live = true;
    const kinds = [...new Set(Object.values(REFERENCE))];
    void Promise.all(kinds.map((k) => getCached<ReferenceItem[]>(`${API}/reference/${k}`).then(
      (items) => [k, Object.fromEntries(items.map((i) => [i.code, i.labels]))] as const,
      () => [k, {}] as const,
    ))).then((entries) => { if (live) setLabels(Object.fromEntries(entries)); });
    return () => { live = false; };
  }, []);
  return useCallback((dimension: string, value: string): string => {
    if (value === '*') return lang === 'fr' ? 'Total' : 'All';
    if (dimension === 'province_office_type') {
      const [p, o] = value.split('|');
      return [labels.provinces?.[p ?? '']?.[lang] ?? p, labels['office-types']?.[o ?? '']?.[lang] ?? o].join(' — ');
    }
    const kind = REFERENCE[dimension];
    return (kind && labels[kind]?.[value]?.[lang]) ?? value;
  }, [labels, lang]);
}
