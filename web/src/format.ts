import type { Lang } from './i18n.ts';

export type Published = number | '--' | null | undefined;

const locales: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

export function locale(lang: Lang): string {
  return locales[lang];
}

/** A published figure as the server sent it: "--" (suppressed) stays "--". */
export function formatNumber(value: Published, lang: Lang, digits = 0): string {
  if (value === '--') return '--';
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A percentage given in percent points (43.5 → "43.5%" / "43,5 %"). */
export function formatPercent(value: Published, lang: Lang, signed = false): string {
  if (value === '--') return '--';
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locales[lang], {
    style: 'percent', maximumFractionDigits: 1, ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(value / 100);
}

/** "2025-07" → a Date at the start of that month (UTC). Also takes "2025-Q3", "2025", "2025-07-14". */
export function periodToDate(period: string): Date {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return new Date(Date.UTC(Number(q[1]), (Number(q[2]) - 1) * 3, 1));
  const parts = period.split('-').map(Number);
  return new Date(Date.UTC(parts[0] ?? 1970, (parts[1] ?? 1) - 1, parts[2] ?? 1));
}

export function formatPeriod(period: string, lang: Lang): string {
  if (/^\d{4}-\d{2}$/.test(period)) {
    return new Intl.DateTimeFormat(locales[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(periodToDate(period));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatDate(period, lang);
  return period;
}

export function formatDate(iso: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(periodToDate(iso.slice(0, 10)));
}
