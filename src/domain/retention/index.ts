/**
 * Retention (domain.md §7.1, §7.3 item 5): how long each category of record is kept, and which
 * claims' personal data is past its period on a given date. Pure: the purge (services/retention.ts)
 * reads the facts, asks these functions, and writes.
 */
import { addDays, addMonths } from '../dates.ts';
import { CLAIM_STATES, type ClaimState } from '../lifecycle/states.ts';
import type { FieldError } from '../errors.ts';

export interface RetentionPeriod { length: number; unit: 'days' | 'months' | 'years' }

/** ✅ confirmed in primary text, ◐ secondary only, ❓ an assumption to verify (domain.md's marks). */
export type Confidence = 'confirmed' | 'secondary' | 'unconfirmed';

export const RECORD_CATEGORIES = [
  'claimPersonalData', 'duplicateSearches', 'expiredSessions', 'signInFailures', 'idempotencyKeys', 'importReports', 'auditLog',
] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

export interface CategoryRule {
  /** How long after `countsFrom` the records are kept; null: kept for good. */
  period: RetentionPeriod | null;
  countsFrom: string;
  confidence: Confidence;
  basis: string;
}

export interface RetentionPolicy {
  categories: Record<RecordCategory, CategoryRule>;
  /**
   * States in which a claim is finished with: its personal data's clock runs from its last event.
   * A claim in any other state is still being decided or enforced and keeps its data.
   */
  closedStates: readonly ClaimState[];
  /** The shortest period allowed for personal data used to decide about a person. */
  minimumPersonalDataPeriod: RetentionPeriod;
}

/** What the rule needs to know of one claim. */
export interface ClaimRetentionFacts {
  claimId: string;
  state: ClaimState;
  /** The date of the claim's last use: its last event's date, or the day it was recorded if later. */
  lastUsedOn: string;
  /** A legal hold (access request, litigation) keeps the data whatever its age. */
  onHold: boolean;
}

export interface RetentionDecision { claimId: string; dueOn: string }

export function addPeriod(date: string, period: RetentionPeriod, sign: 1 | -1 = 1): string {
  const n = period.length * sign;
  if (period.unit === 'days') return addDays(date, n);
  return addMonths(date, period.unit === 'years' ? n * 12 : n);
}

/** Records dated strictly before this date are past their period on `asOf`; null when the category is kept. */
export function retentionCutoff(asOf: string, rule: CategoryRule): string | null {
  return rule.period ? addPeriod(asOf, rule.period, -1) : null;
}

/** The first day a claim's personal data may be purged, or null while the claim is open or on hold. */
export function claimRetentionDueOn(claim: ClaimRetentionFacts, policy: RetentionPolicy): string | null {
  const period = policy.categories.claimPersonalData.period;
  if (!period || claim.onHold || !policy.closedStates.includes(claim.state)) return null;
  return addPeriod(claim.lastUsedOn, period);
}

/** The claims whose personal data is past its retention period on `asOf`. */
export function claimsPastRetention(claims: readonly ClaimRetentionFacts[], policy: RetentionPolicy, asOf: string): RetentionDecision[] {
  const due: RetentionDecision[] = [];
  for (const claim of claims) {
    const dueOn = claimRetentionDueOn(claim, policy);
    if (dueOn !== null && dueOn <= asOf) due.push({ claimId: claim.claimId, dueOn });
  }
  return due;
}

/**
 * A person's identity goes only when every claim they made is past retention (a person with a
 * claim still open, or on hold, keeps it): the people whose data may go, with their latest due date.
 */
export function personsPastRetention(people: ReadonlyArray<{ personId: string; claims: readonly ClaimRetentionFacts[] }>,
  policy: RetentionPolicy, asOf: string): Array<{ personId: string; claimIds: string[]; dueOn: string }> {
  const result: Array<{ personId: string; claimIds: string[]; dueOn: string }> = [];
  for (const person of people) {
    if (person.claims.length === 0) continue;
    const due = claimsPastRetention(person.claims, policy, asOf);
    if (due.length !== person.claims.length) continue;
    result.push({ personId: person.personId, claimIds: due.map((d) => d.claimId), dueOn: due.map((d) => d.dueOn).sort().at(-1) as string });
  }
  return result;
}

function periodDays(p: RetentionPeriod): number {
  return p.unit === 'days' ? p.length : p.unit === 'months' ? p.length * 30.44 : p.length * 365.25;
}

/** Every way a policy breaks the law's floor or its own consistency, located by field. */
export function validateRetentionPolicy(policy: RetentionPolicy): FieldError[] {
  const errors: FieldError[] = [];
  for (const category of RECORD_CATEGORIES) {
    const rule = policy.categories[category];
    if (!rule) { errors.push({ field: `categories.${category}`, code: 'required', message: 'Every category needs a rule.' }); continue; }
    const p = rule.period;
    if (p && (!Number.isInteger(p.length) || p.length < 0 || !['days', 'months', 'years'].includes(p.unit))) {
      errors.push({ field: `categories.${category}.period`, code: 'invalid', message: 'A period is a whole number, zero or more, of days, months or years.' });
    }
  }
  const personal = policy.categories.claimPersonalData?.period;
  if (personal && periodDays(personal) < periodDays(policy.minimumPersonalDataPeriod)) {
    const min = policy.minimumPersonalDataPeriod;
    errors.push({ field: 'categories.claimPersonalData.period', code: 'below_minimum',
      message: `Personal data used to decide about a person is kept at least ${min.length} ${min.unit} after its last use.` });
  }
  const audit = policy.categories.auditLog?.period;
  if (audit && (!personal || periodDays(audit) <= periodDays(personal))) {
    errors.push({ field: 'categories.auditLog.period', code: 'shorter_than_data', message: 'The audit log is kept longer than the data it records.' });
  }
  if (policy.closedStates.length === 0) {
    errors.push({ field: 'closedStates', code: 'required', message: 'Name the states in which a claim is finished with.' });
  }
  policy.closedStates.forEach((s, i) => {
    if (!(CLAIM_STATES as readonly string[]).includes(s)) errors.push({ field: `closedStates[${i}]`, code: 'unknown_state', message: `There is no claim state ${String(s)}.` });
  });
  return errors;
}

export interface RetentionOverrides {
  periods?: Partial<Record<RecordCategory, RetentionPeriod | null>>;
  closedStates?: ClaimState[];
}

/**
 * A jurisdiction's defaults with an installation's overrides (a configuration file): the ❓ points
 * are meant to be set there. Returns the errors instead when the result breaks a rule.
 */
export function withOverrides(base: RetentionPolicy, overrides: unknown): { ok: true; policy: RetentionPolicy } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return { ok: false, errors: [{ field: '', code: 'wrong_type', message: 'The retention configuration is a JSON object with "periods" and/or "closedStates".' }] };
  }
  const o = overrides as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'periods' && key !== 'closedStates') errors.push({ field: key, code: 'unknown_field', message: 'Only "periods" and "closedStates" can be configured.' });
  }
  const categories = { ...base.categories };
  if (o.periods !== undefined) {
    if (typeof o.periods !== 'object' || o.periods === null) errors.push({ field: 'periods', code: 'wrong_type', message: 'Must be an object of category → period.' });
    else {
      for (const [category, value] of Object.entries(o.periods)) {
        if (!(RECORD_CATEGORIES as readonly string[]).includes(category)) {
          errors.push({ field: `periods.${category}`, code: 'unknown_category', message: `Categories are ${RECORD_CATEGORIES.join(', ')}.` });
          continue;
        }
        const v = value as { length?: unknown; unit?: unknown } | null;
        if (v !== null && (typeof v !== 'object' || typeof v.length !== 'number' || typeof v.unit !== 'string')) {
          errors.push({ field: `periods.${category}`, code: 'invalid', message: 'A period is {"length": N, "unit": "days" | "months" | "years"}, or null to keep for good.' });
          continue;
        }
        const cat = category as RecordCategory;
        categories[cat] = { ...categories[cat], period: v as RetentionPeriod | null, confidence: 'unconfirmed', basis: 'Set by this installation\'s configuration.' };
      }
    }
  }
  let closedStates = base.closedStates;
  if (o.closedStates !== undefined) {
    if (!Array.isArray(o.closedStates)) errors.push({ field: 'closedStates', code: 'wrong_type', message: 'Must be a list of claim states.' });
    else closedStates = o.closedStates as ClaimState[];
  }
  const policy: RetentionPolicy = { ...base, categories, closedStates };
  errors.push(...validateRetentionPolicy(policy));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy };
}
