import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  claimsPastRetention, claimRetentionDueOn, personsPastRetention, retentionCutoff, validateRetentionPolicy, withOverrides,
  type ClaimRetentionFacts, type RetentionPolicy,
} from './index.ts';
import { CANADA_RETENTION } from '../../jurisdictions/ca/retention.ts';
import { addDays } from '../dates.ts';

const closed = (claimId: string, lastUsedOn: string, extra: Partial<ClaimRetentionFacts> = {}): ClaimRetentionFacts =>
  ({ claimId, state: 'RPD_WITHDRAWN', lastUsedOn, onHold: false, ...extra });

describe('which claims are past retention', () => {
  it('counts the period from the last use of a closed claim, to the day', () => {
    const claim = closed('a', '2014-03-15');
    expect(claimRetentionDueOn(claim, CANADA_RETENTION)).toBe('2024-03-15');
    expect(claimsPastRetention([claim], CANADA_RETENTION, '2024-03-14')).toEqual([]);
    expect(claimsPastRetention([claim], CANADA_RETENTION, '2024-03-15')).toEqual([{ claimId: 'a', dueOn: '2024-03-15' }]);
  });

  it('counts a 29 February to the 28th when the year has none', () => {
    expect(claimRetentionDueOn(closed('a', '2016-02-29'), CANADA_RETENTION)).toBe('2026-02-28');
  });

  it('keeps an open claim, a protected person and a claim on hold, whatever their age', () => {
    const claims = [
      closed('open', '2001-01-01', { state: 'REFERRED_RPD' }),
      closed('protected', '2001-01-01', { state: 'PROTECTED_PERSON' }),
      closed('enforcing', '2001-01-01', { state: 'REMOVAL_ORDER_IN_FORCE' }),
      closed('held', '2001-01-01', { onHold: true }),
      closed('removed', '2001-01-01', { state: 'REMOVED' }),
    ];
    expect(claimsPastRetention(claims, CANADA_RETENTION, '2030-01-01').map((d) => d.claimId)).toEqual(['removed']);
  });

  it('removes a person only when every claim they made is past its period, on the latest due date', () => {
    const people = [
      { personId: 'p1', claims: [closed('a', '2010-05-01'), closed('b', '2012-07-01', { state: 'REMOVED' })] },
      { personId: 'p2', claims: [closed('c', '2010-05-01'), closed('d', '2010-05-01', { state: 'RPD_SCHEDULED' })] },
      { personId: 'p3', claims: [] },
    ];
    expect(personsPastRetention(people, CANADA_RETENTION, '2021-01-01')).toEqual([]);
    expect(personsPastRetention(people, CANADA_RETENTION, '2022-07-01')).toEqual([{ personId: 'p1', claimIds: ['a', 'b'], dueOn: '2022-07-01' }]);
  });

  it('never lets data go earlier on a later date (once due, due for good)', () => {
    const date = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('1990-01-01', n));
    fc.assert(fc.property(date, date, fc.integer({ min: 0, max: 5_000 }), (lastUsedOn, asOf, later) => {
      const claim = closed('x', lastUsedOn);
      const dueNow = claimsPastRetention([claim], CANADA_RETENTION, asOf).length === 1;
      const dueLater = claimsPastRetention([claim], CANADA_RETENTION, addDays(asOf, later)).length === 1;
      return (!dueNow || dueLater) && dueNow === (asOf >= (claimRetentionDueOn(claim, CANADA_RETENTION) as string));
    }));
  });

  it('gives the cutoff of row categories, and none for the audit log', () => {
    expect(retentionCutoff('2026-05-30', CANADA_RETENTION.categories.duplicateSearches)).toBe('2026-03-01');
    expect(retentionCutoff('2026-05-30', CANADA_RETENTION.categories.importReports)).toBe('2025-05-30');
    expect(retentionCutoff('2026-05-30', CANADA_RETENTION.categories.expiredSessions)).toBe('2026-05-30');
    expect(retentionCutoff('2026-05-30', CANADA_RETENTION.categories.auditLog)).toBeNull();
  });
});

describe('a retention policy', () => {
  it('Canada\'s defaults are valid, and mark what is an assumption', () => {
    expect(validateRetentionPolicy(CANADA_RETENTION)).toEqual([]);
    expect(CANADA_RETENTION.categories.claimPersonalData.confidence).toBe('unconfirmed');
    expect(CANADA_RETENTION.categories.auditLog).toMatchObject({ period: null, confidence: 'confirmed' });
  });

  it('refuses personal data kept less than the two years of the Privacy Regulations, and an audit log shorter than the data', () => {
    const short: RetentionPolicy = {
      ...CANADA_RETENTION,
      categories: { ...CANADA_RETENTION.categories,
        claimPersonalData: { ...CANADA_RETENTION.categories.claimPersonalData, period: { length: 18, unit: 'months' } },
        auditLog: { ...CANADA_RETENTION.categories.auditLog, period: { length: 1, unit: 'years' } } },
      closedStates: ['REMOVED', 'NOT_A_STATE' as never],
    };
    expect(validateRetentionPolicy(short)).toEqual([
      { field: 'categories.claimPersonalData.period', code: 'below_minimum', message: 'Personal data used to decide about a person is kept at least 2 years after its last use.' },
      { field: 'categories.auditLog.period', code: 'shorter_than_data', message: 'The audit log is kept longer than the data it records.' },
      { field: 'closedStates[1]', code: 'unknown_state', message: 'There is no claim state NOT_A_STATE.' },
    ]);
  });

  it('takes an installation\'s overrides, marked as its own, and says what is wrong with bad ones', () => {
    const merged = withOverrides(CANADA_RETENTION, { periods: { claimPersonalData: { length: 15, unit: 'years' }, idempotencyKeys: { length: 7, unit: 'days' } }, closedStates: ['REMOVED', 'DEPARTED'] });
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.policy.categories.claimPersonalData).toMatchObject({ period: { length: 15, unit: 'years' }, confidence: 'unconfirmed', basis: 'Set by this installation\'s configuration.' });
    expect(merged.policy.categories.idempotencyKeys.period).toEqual({ length: 7, unit: 'days' });
    expect(merged.policy.closedStates).toEqual(['REMOVED', 'DEPARTED']);
    expect(merged.policy.categories.duplicateSearches).toEqual(CANADA_RETENTION.categories.duplicateSearches);

    const bad = withOverrides(CANADA_RETENTION, { periods: { claims: { length: 1, unit: 'years' }, importReports: { length: 1, unit: 'weeks' }, claimPersonalData: { length: 1, unit: 'years' } }, extra: true });
    expect(bad).toEqual({ ok: false, errors: [
      { field: 'extra', code: 'unknown_field', message: 'Only "periods" and "closedStates" can be configured.' },
      { field: 'periods.claims', code: 'unknown_category', message: 'Categories are claimPersonalData, duplicateSearches, expiredSessions, signInFailures, idempotencyKeys, importReports, auditLog.' },
      { field: 'categories.importReports.period', code: 'invalid', message: 'A period is a whole number, zero or more, of days, months or years.' },
      { field: 'categories.claimPersonalData.period', code: 'below_minimum', message: 'Personal data used to decide about a person is kept at least 2 years after its last use.' },
    ] });
    expect(withOverrides(CANADA_RETENTION, [])).toMatchObject({ ok: false, errors: [{ field: '', code: 'wrong_type' }] });
  });
});
