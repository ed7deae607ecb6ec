/**
 * Every point domain.md marks ❓ (or where the engine had to pick a reading) is a named option here,
 * so a reviewer can change the reading without touching the rules.
 */

export interface EligibilityConfig {
  /** "More than one year after the day of entry" (101(1)(b.1)): calendar anniversary or 365 days. */
  oneYearRule: 'ANNIVERSARY' | 'DAYS_365';
  /** Anniversary of a 29 February in a common year (also used for 18th birthdays and the 12-month PRRA bar). */
  feb29Anniversary: 'FEB_28' | 'MAR_1';
  /** IRPR 159.4(1.1) time limit in days after a between-ports crossing. */
  stcaWindowDays: number;
  /** Whether the last day of the 14-day window moves to the next day that is not a holiday. */
  stcaWindowRollsOverHolidays: boolean;
  /** Holidays (YYYY-MM-DD) for the roll-over; Sundays always count (Interpretation Act s.35). Unused unless rolling. */
  holidays: readonly string[];
  /** First day of the STCA Additional Protocol (between-ports scope). */
  stcaProtocolFrom: string;
  /** Whether the protocol date is compared with the claim date or the crossing date. */
  stcaProtocolScopeBy: 'CLAIM_DATE' | 'CROSSING_DATE';
  /** Whether STCA exceptions can save a claim from 101(1)(b.2). */
  stcaExceptionsAgainstB2: boolean;
  /** C-12 Royal Assent: (b.1) and (b.2) in force. */
  c12InForceFrom: string;
  /** C-12 transition: (b.1) and (b.2) apply to claims made on or after this date. */
  c12ClaimsMadeFrom: string;
  /** Last day (b.1)/(b.2) are in force, or null (no sunset). */
  c12GroundsEffectiveTo: string | null;
  /**
   * With no `claim.assessmentDate`: CURRENT_LAW assesses under every rule in this table (as of the
   * later of the claim date and the latest in-force date); CLAIM_DATE assesses as of the claim date.
   */
  withoutAssessmentDate: 'CURRENT_LAW' | 'CLAIM_DATE';
  /** 101(1)(c.1) applies to claims made on or after this date. */
  elC1EffectiveFrom: string;
  /** 101(1)(c.1) in force (Budget Implementation Act, 2019, No. 1, Royal Assent). */
  elC1InForceFrom: string;
  /** IRPA 113.01: PRRA with an oral hearing for a person ineligible solely under 101(1)(c.1). */
  elC1PrraOralHearing: boolean;
  /** C-12 new 100(1)/100(3): an eligible claim goes to the Minister before referral (state S05). */
  ministerConsiderationInForce: boolean;
  /** X-PI not available to a person found inadmissible on security, human-rights or serious-criminality grounds. */
  xPiUnavailableIfInadmissible: boolean;
  /** Which STCA-exception referrals lose the later RAD appeal (IRPA 110(2)(d)). */
  radBarForStcaException: 'ANY_STCA_EXCEPTION' | 'LAND_POE_ONLY';
}

export const DEFAULT_ELIGIBILITY_CONFIG: Readonly<EligibilityConfig> = Object.freeze({
  // ❓ §3.3 "Date arithmetic": anniversary rule — eligible if claimDate <= entryDate + 1 calendar year.
  oneYearRule: 'ANNIVERSARY',
  // ❓ §3.3: Feb-29 entry → Feb-28 or Mar-1. FEB_28 follows Interpretation Act s.28 (no corresponding
  // day → last day of the month), the reading src/domain/lifecycle/dates.ts uses for months.
  feb29Anniversary: 'FEB_28',
  // ✅ IRPR 159.4(1.1); Protocol ¶1–2.
  stcaWindowDays: 14,
  // ❓ §3.3: "Whether the window rolls over weekends/holidays is ❓ (treat as no roll)".
  stcaWindowRollsOverHolidays: false,
  holidays: [],
  // ✅ §3.2: applicable from 00:01 on 2023-03-25.
  stcaProtocolFrom: '2023-03-25',
  // Reading of §3.3 decision table "(claims from 2023-03-25)"; CROSSING_DATE is the alternative.
  stcaProtocolScopeBy: 'CLAIM_DATE',
  // ❓ §3.4 E4: "no STCA exceptions are available against (b.2)".
  stcaExceptionsAgainstB2: false,
  // ✅ §2.6: in force 2026-03-26.
  c12InForceFrom: '2026-03-26',
  // ✅/◐ §3.1: claims made on/after 2025-06-03 (transition confirmed via secondary sources, §9.5).
  c12ClaimsMadeFrom: '2025-06-03',
  // ❓ §2.6: whether the Senate's 5-year sunset amendment was adopted; null = no sunset.
  c12GroundsEffectiveTo: null,
  // Engine decision (brief): without an assessment date, decide under the law now in the table, so a
  // claim made 2025-09-01 meets (b.1) (E5). Pass assessmentDate to re-assess history as of a date.
  withoutAssessmentDate: 'CURRENT_LAW',
  // ❓ §3.1 / §9.8: "applies to claims from 2019-04-08".
  elC1EffectiveFrom: '2019-04-08',
  // BIA 2019 (S.C. 2019, c. 29) Royal Assent 2019-06-21; the spec gives only "2019" (§3.3 rule 1 ❓).
  elC1InForceFrom: '2019-06-21',
  // ❓ §3.1 / §9.8: 113.01 PRRA hearing right.
  elC1PrraOralHearing: true,
  // ❓ §2.2 S05: C-12 s.64 order in council not made.
  ministerConsiderationInForce: false,
  // ◐ §3.2 X-PI note.
  xPiUnavailableIfInadmissible: true,
  // ◐ §2.4 says land POE, §3.1 EL-E says any referral because an STCA exception applies; the brief takes the latter.
  radBarForStcaException: 'ANY_STCA_EXCEPTION',
});
