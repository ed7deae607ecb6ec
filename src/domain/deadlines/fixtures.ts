/**
 * Test-only: a hand-written holiday table for 2025–2027 so the domain tests do not depend on the jurisdiction
 * module (src/jurisdictions/ca/deadlineRules.test.ts checks the real provider gives the same answers).
 * Not exported from index.ts.
 */
import type { CalendarRef, DeadlineEvent, HolidayProvider } from './types.ts';

/** Interpretation Act s.35 days (with Boxing Day, as domain.md §4.1 lists it). */
export const FEDERAL: Readonly<Record<number, readonly string[]>> = {
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-19', '2025-07-01', '2025-09-01', '2025-09-30', '2025-10-13', '2025-11-11', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-18', '2026-07-01', '2026-09-07', '2026-09-30', '2026-10-12', '2026-11-11', '2026-12-25', '2026-12-26'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-24', '2027-07-01', '2027-09-06', '2027-09-30', '2027-10-11', '2027-11-11', '2027-12-25', '2027-12-26'],
};

/** Provincial public days and weekend holidays observed on a working day (Board offices closed). */
const PROVINCIAL: Readonly<Record<string, readonly string[]>> = {
  QC: ['2025-06-24', '2026-06-24', '2027-06-24'],
  ON: ['2025-02-17', '2026-02-16', '2027-02-15'],
};
const IRB_OBSERVED = ['2026-12-28', '2027-12-27', '2027-12-28'];

function fixedDates(year: number): string[] {
  return ['01-01', '07-01', '11-11', '12-25', '12-26'].map((md) => `${year}-${md}`);
}

export const fixtureHolidays: HolidayProvider = (calendar: CalendarRef, year: number) => {
  const federal = FEDERAL[year] ?? fixedDates(year);
  if (typeof calendar === 'string') return federal;
  const province = (PROVINCIAL[calendar.province] ?? []).filter((d) => d.startsWith(`${year}-`));
  return [...federal, ...province, ...IRB_OBSERVED.filter((d) => d.startsWith(`${year}-`))];
};

/** A port-of-entry claim referred on `referral`. */
export function referredPoe(referral: string, claimDate = referral): DeadlineEvent[] {
  return [
    { type: 'claim.made', effectiveDate: claimDate, details: { channel: 'PORT_OF_ENTRY' } },
    { type: 'eligibility.eligible_referred', effectiveDate: referral },
  ];
}

/** A referred claim, BOC in, rejected by the RPD with the given flags and dates of the reasons. */
export function rejected(
  reasons: { decided: string; noticeDate?: string; receivedDate?: string },
  flags: string[] = [],
  referral = '2026-01-05',
): DeadlineEvent[] {
  return [
    ...referredPoe(referral),
    { type: 'boc.received', effectiveDate: referral },
    { type: 'rpd.hearing_started', effectiveDate: reasons.decided },
    {
      type: 'rpd.rejected', effectiveDate: reasons.decided, details: { flags },
      ...(reasons.noticeDate ? { noticeDate: reasons.noticeDate } : {}),
      ...(reasons.receivedDate ? { receivedDate: reasons.receivedDate } : {}),
    },
  ];
}
