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

/** A period named in full: "February 2024", "février 2024"; a year or quarter as it is. */
export function formatPeriodLong(period: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}$/.test(period)) return period;
  return new Intl.DateTimeFormat(locales[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(periodToDate(period));
}

export function formatDate(iso: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(periodToDate(iso.slice(0, 10)));
}

/** An instant (ISO 8601 with a time) in the reader's time zone, to the second. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/** A wait in seconds, as the reader says it: "in 5 minutes", "dans 30 secondes". */
export function formatWait(seconds: number, lang: Lang): string {
  const rtf = new Intl.RelativeTimeFormat(locales[lang], { numeric: 'always' });
  if (seconds >= 3600) return rtf.format(Math.ceil(seconds / 3600), 'hour');
  if (seconds >= 60) return rtf.format(Math.ceil(seconds / 60), 'minute');
  return rtf.format(Math.max(1, Math.ceil(seconds)), 'second');
}
