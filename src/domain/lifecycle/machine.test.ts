import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTOR_INFO, ACTOR_ROLES, CLAIM_STATES, EVENT_INFO, LIFECYCLE_EVENT_TYPES, STATE_INFO, TRANSITIONS,
  allowedEvents, applyEvent, initialSnapshot, replay,
  type ClaimState, type LifecycleEventInput, type LifecycleEventType, type LifecycleSnapshot,
} from './index.ts';
import { addDays, addMonths, isIsoDate } from '../dates.ts';
import {
  C12_OPTS, CLAIM_DATE, OPTS, TODAY, makeEvent, reach, variantsFor, type Reached,
} from './fixtures.ts';

type Details = Record<string, unknown>;

/** Applies one event after the path, dated the day after the path's last event. */
function next(reached: Reached, type: LifecycleEventType, overrides: Partial<LifecycleEventInput> & { role?: (typeof ACTOR_ROLES)[number] } = {}, opts = reached.opts) {
  const event = makeEvent(type, { effectiveDate: addDays(reached.snapshot.lastEffectiveDate, 1), ...overrides }, reached.snapshot);
  return applyEvent(reached.snapshot, event, opts);
}

function expectError(result: ReturnType<typeof applyEvent>) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.value.from} → ${result.value.to}`);
  return result.error;
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.value;
}

// ------------------------------------------------------------------ hand-written expectations

interface Expectation { from: ClaimState; event: LifecycleEventType; to: ClaimState; via?: string; details?: Details; c12?: boolean }

/**
 * Written from domain.md §2.3 independently of transitions.ts, keyed by spec id ('X' = implied steps).
 * `via` names the fixture path used to reach `from` when the canonical path would not satisfy the guard.
 */
const EXPECTED: Record<string, Expectation[]> = {
  T02: [{ from: 'CLAIM_MADE', event: 'eligibility.examination_started', to: 'ELIGIBILITY_PENDING' }],
  T03: [{ from: 'ELIGIBILITY_PENDING', event: 'eligibility.suspended', to: 'ELIGIBILITY_SUSPENDED' }],
  T04: [{ from: 'ELIGIBILITY_SUSPENDED', event: 'eligibility.resumed', to: 'ELIGIBILITY_PENDING' }],
  T05: [{ from: 'ELIGIBILITY_PENDING', event: 'eligibility.ineligible', to: 'INELIGIBLE', details: { grounds: ['EL-E', 'EL-C'] } }],
  T06: [
    { from: 'ELIGIBILITY_PENDING', event: 'eligibility.eligible_referred', to: 'REFERRED_RPD' },
    { from: 'ELIGIBILITY_PENDING', event: 'eligibility.eligible_referred', to: 'MINISTER_CONSIDERATION', c12: true },
  ],
  T07: [{ from: 'REFERRED_RPD', event: 'boc.received', to: 'RPD_SCHEDULED' }],
  T08: [{ from: 'REFERRED_RPD', event: 'boc.deadline_missed', to: 'BOC_OVERDUE_SPECIAL_HEARING' }],
  T09: [
    { from: 'BOC_OVERDUE_SPECIAL_HEARING', event: 'special_hearing.claim_continues', to: 'RPD_SCHEDULED' },
    { from: 'NO_SHOW_SPECIAL_HEARING', event: 'special_hearing.claim_continues', to: 'RPD_SCHEDULED' },
  ],
  T10: [
    { from: 'BOC_OVERDUE_SPECIAL_HEARING', event: 'rpd.declared_abandoned', to: 'RPD_ABANDONED' },
    { from: 'NO_SHOW_SPECIAL_HEARING', event: 'rpd.declared_abandoned', to: 'RPD_ABANDONED' },
    { from: 'RPD_SCHEDULED', event: 'rpd.declared_abandoned', to: 'RPD_ABANDONED' },
    { from: 'RPD_IN_HEARING', event: 'rpd.declared_abandoned', to: 'RPD_ABANDONED' },
  ],
  T11: [
    { from: 'RPD_SCHEDULED', event: 'rpd.no_show', to: 'NO_SHOW_SPECIAL_HEARING' },
    { from: 'RPD_IN_HEARING', event: 'rpd.no_show', to: 'NO_SHOW_SPECIAL_HEARING' },
  ],
  T12: [
    { from: 'REFERRED_RPD', event: 'minister.notice_103', to: 'RPD_SUSPENDED' },
    { from: 'RPD_SCHEDULED', event: 'minister.notice_103', to: 'RPD_SUSPENDED' },
    { from: 'RPD_IN_HEARING', event: 'minister.notice_103', to: 'RPD_SUSPENDED' },
  ],
  T13: [
    { from: 'RPD_SUSPENDED', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'REFERRED_RPD', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'BOC_OVERDUE_SPECIAL_HEARING', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'NO_SHOW_SPECIAL_HEARING', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'RPD_SCHEDULED', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'RPD_IN_HEARING', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'RAD_FILED', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'RAD_PERFECTED', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
    { from: 'RAD_IN_HEARING', event: 'minister.notice_104', to: 'RPD_TERMINATED_104' },
  ],
  T14: [
    { from: 'RPD_SUSPENDED', via: 'RPD_SUSPENDED:REFERRED', event: 'suspension.lifted', to: 'REFERRED_RPD' },
    { from: 'RPD_SUSPENDED', event: 'suspension.lifted', to: 'RPD_SCHEDULED' },
    { from: 'RPD_SUSPENDED', via: 'RPD_SUSPENDED:IN_HEARING', event: 'suspension.lifted', to: 'RPD_IN_HEARING' },
  ],
  T15: [
    { from: 'RPD_SCHEDULED', event: 'rpd.accepted', to: 'RPD_ACCEPTED' },
    { from: 'RPD_IN_HEARING', event: 'rpd.accepted', to: 'RPD_ACCEPTED', details: { basis: 'S97' } },
  ],
  T16: [
    { from: 'REFERRED_RPD', event: 'rpd.allowed_without_hearing', to: 'RPD_ACCEPTED' },
    { from: 'RPD_SCHEDULED', event: 'rpd.allowed_without_hearing', to: 'RPD_ACCEPTED' },
  ],
  T17: [
    { from: 'RPD_SCHEDULED', event: 'rpd.rejected', to: 'RPD_REJECTED' },
    { from: 'RPD_IN_HEARING', event: 'rpd.rejected', to: 'RPD_REJECTED', details: { flags: ['NCB', 'S97_ONLY'] } },
  ],
  T18: [
    { from: 'CLAIM_MADE', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'ELIGIBILITY_PENDING', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'ELIGIBILITY_SUSPENDED', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'MINISTER_CONSIDERATION', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'REFERRED_RPD', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'BOC_OVERDUE_SPECIAL_HEARING', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'NO_SHOW_SPECIAL_HEARING', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'RPD_SCHEDULED', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
    { from: 'RPD_IN_HEARING', event: 'claimant.withdrew', to: 'RPD_WITHDRAWN' },
  ],
  T19: [
    { from: 'RPD_ACCEPTED', event: 'rad.notice_filed', to: 'RAD_FILED', details: { appellant: 'MINISTER' } },
    { from: 'RPD_REJECTED', event: 'rad.notice_filed', to: 'RAD_FILED', details: { appellant: 'CLAIMANT' } },
  ],
  T20: [{ from: 'RAD_FILED', event: 'rad.perfected', to: 'RAD_PERFECTED' }],
  T21: [{ from: 'RAD_FILED', event: 'rad.not_perfected', to: 'RAD_DISMISSED_NON_MERIT' }],
  T22: [
    { from: 'RAD_PERFECTED', event: 'rad.decided', to: 'RAD_DISMISSED_CONFIRMED', details: { outcome: 'CONFIRMED' } },
    { from: 'RAD_PERFECTED', event: 'rad.decided', to: 'RAD_ALLOWED_SUBSTITUTED', details: { outcome: 'SUBSTITUTED_POSITIVE' } },
    { from: 'RAD_PERFECTED', event: 'rad.decided', to: 'RAD_ALLOWED_REFERRED_BACK', details: { outcome: 'REFERRED_BACK' } },
    { from: 'RAD_IN_HEARING', event: 'rad.decided', to: 'RAD_DISMISSED_CONFIRMED', details: { outcome: 'CONFIRMED' } },
    { from: 'RAD_IN_HEARING', event: 'rad.decided', to: 'RAD_ALLOWED_SUBSTITUTED', details: { outcome: 'SUBSTITUTED_NEGATIVE' } },
    { from: 'RAD_IN_HEARING', event: 'rad.decided', to: 'RAD_ALLOWED_REFERRED_BACK', details: { outcome: 'REFERRED_BACK' } },
  ],
  T23: [{ from: 'RAD_ALLOWED_REFERRED_BACK', event: 'rpd.redetermination_opened', to: 'RPD_SCHEDULED' }],
  T24: [
    { from: 'RPD_REJECTED', via: 'RPD_REJECTED:NCB', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
    { from: 'RPD_ABANDONED', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
    { from: 'RPD_WITHDRAWN', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
    { from: 'RAD_DISMISSED_CONFIRMED', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
    { from: 'RAD_ALLOWED_SUBSTITUTED', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
    { from: 'RAD_DISMISSED_NON_MERIT', event: 'fc.leave_applied', to: 'FC_LEAVE_PENDING' },
  ],
  T25: [
    { from: 'FC_LEAVE_PENDING', via: 'leave:RPD_REJECTED', event: 'fc.leave_denied', to: 'RPD_REJECTED' },
    { from: 'FC_LEAVE_PENDING', via: 'leave:RPD_ABANDONED', event: 'fc.leave_denied', to: 'RPD_ABANDONED' },
    { from: 'FC_LEAVE_PENDING', via: 'leave:RPD_WITHDRAWN', event: 'fc.leave_denied', to: 'RPD_WITHDRAWN' },
    { from: 'FC_LEAVE_PENDING', via: 'leave:RAD_DISMISSED_CONFIRMED', event: 'fc.leave_denied', to: 'RAD_DISMISSED_CONFIRMED' },
    { from: 'FC_LEAVE_PENDING', via: 'leave:RAD_ALLOWED_SUBSTITUTED', event: 'fc.leave_denied', to: 'RAD_ALLOWED_SUBSTITUTED' },
    { from: 'FC_LEAVE_PENDING', via: 'leave:RAD_DISMISSED_NON_MERIT', event: 'fc.leave_denied', to: 'RAD_DISMISSED_NON_MERIT' },
    { from: 'FC_JR_PENDING', via: 'jr:RPD_REJECTED', event: 'fc.jr_dismissed', to: 'RPD_REJECTED' },
    { from: 'FC_JR_PENDING', via: 'jr:RPD_ABANDONED', event: 'fc.jr_dismissed', to: 'RPD_ABANDONED' },
    { from: 'FC_JR_PENDING', via: 'jr:RPD_WITHDRAWN', event: 'fc.jr_dismissed', to: 'RPD_WITHDRAWN' },
    { from: 'FC_JR_PENDING', via: 'jr:RAD_DISMISSED_CONFIRMED', event: 'fc.jr_dismissed', to: 'RAD_DISMISSED_CONFIRMED' },
    { from: 'FC_JR_PENDING', via: 'jr:RAD_ALLOWED_SUBSTITUTED', event: 'fc.jr_dismissed', to: 'RAD_ALLOWED_SUBSTITUTED' },
    { from: 'FC_JR_PENDING', via: 'jr:RAD_DISMISSED_NON_MERIT', event: 'fc.jr_dismissed', to: 'RAD_DISMISSED_NON_MERIT' },
  ],
  T26: [
    { from: 'FC_JR_PENDING', via: 'jr:RPD_REJECTED', event: 'fc.jr_allowed', to: 'REFERRED_RPD' },
    { from: 'FC_JR_PENDING', via: 'jr:RAD_DISMISSED_CONFIRMED', event: 'fc.jr_allowed', to: 'RAD_PERFECTED' },
    { from: 'FC_JR_PENDING', via: 'jr:RAD_DISMISSED_NON_MERIT', event: 'fc.jr_allowed', to: 'RAD_FILED' },
  ],
  T27: [
    { from: 'RPD_ACCEPTED', event: 'protection.conferred', to: 'PROTECTED_PERSON' },
    { from: 'RAD_DISMISSED_CONFIRMED', via: 'RAD_DISMISSED_CONFIRMED:POSITIVE', event: 'protection.conferred', to: 'PROTECTED_PERSON' },
    { from: 'RAD_ALLOWED_SUBSTITUTED', via: 'RAD_ALLOWED_SUBSTITUTED:POSITIVE', event: 'protection.conferred', to: 'PROTECTED_PERSON' },
    { from: 'RAD_DISMISSED_NON_MERIT', via: 'RAD_DISMISSED_NON_MERIT:POSITIVE', event: 'protection.conferred', to: 'PROTECTED_PERSON' },
  ],
  T28: [
    { from: 'PROTECTED_PERSON', event: 'minister.cessation_application', to: 'CESSATION_PENDING' },
    { from: 'PROTECTED_PERSON', event: 'minister.vacation_application', to: 'VACATION_PENDING' },
  ],
  T29: [
    { from: 'CESSATION_PENDING', event: 'rpd.cessation_allowed', to: 'PROTECTION_CEASED' },
    { from: 'VACATION_PENDING', event: 'rpd.vacation_allowed', to: 'PROTECTION_VACATED' },
  ],
  T30: [
    { from: 'INELIGIBLE', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RPD_REJECTED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RPD_ABANDONED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RPD_WITHDRAWN', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RPD_TERMINATED_104', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RAD_DISMISSED_CONFIRMED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RAD_ALLOWED_SUBSTITUTED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'RAD_DISMISSED_NON_MERIT', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'PROTECTION_CEASED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
    { from: 'PROTECTION_VACATED', event: 'removal_order.in_force', to: 'REMOVAL_ORDER_IN_FORCE' },
  ],
  T31: [
    { from: 'REMOVAL_ORDER_IN_FORCE', event: 'stay.imposed', to: 'REMOVAL_STAYED', details: { basis: 'R231' } },
    { from: 'REMOVAL_STAYED', event: 'stay.lifted', to: 'REMOVAL_ORDER_IN_FORCE' },
  ],
  T32: [{ from: 'REMOVAL_ORDER_IN_FORCE', event: 'prra.notified', to: 'PRRA_NOTIFIED' }],
  T33: [
    { from: 'PRRA_APPLIED', event: 'prra.positive', to: 'PROTECTED_PERSON' },
    { from: 'PRRA_APPLIED', via: 'PRRA_APPLIED:RESTRICTED', event: 'prra.positive', to: 'REMOVAL_STAYED' },
  ],
  T34: [{ from: 'PRRA_APPLIED', event: 'prra.negative', to: 'REMOVAL_ORDER_IN_FORCE' }],
  T35: [
    { from: 'REMOVAL_ORDER_IN_FORCE', event: 'removal.enforced', to: 'REMOVED' },
    { from: 'REMOVAL_ORDER_IN_FORCE', event: 'departure.confirmed', to: 'DEPARTED' },
  ],
  X01: [{ from: 'MINISTER_CONSIDERATION', event: 'minister.referred', to: 'REFERRED_RPD' }],
  X02: [{ from: 'MINISTER_CONSIDERATION', event: 'minister.determined_ineligible', to: 'INELIGIBLE' }],
  X03: [
    { from: 'INELIGIBLE', via: 'INELIGIBLE:STCA', event: 'stca.returned_to_us', to: 'INELIGIBLE_STCA_RETURNED' },
    { from: 'REMOVAL_ORDER_IN_FORCE', via: 'REMOVAL_ORDER_IN_FORCE:STCA', event: 'stca.returned_to_us', to: 'INELIGIBLE_STCA_RETURNED' },
  ],
  X04: [{ from: 'RPD_SCHEDULED', event: 'rpd.hearing_started', to: 'RPD_IN_HEARING' }],
  X05: [{ from: 'RAD_PERFECTED', event: 'rad.hearing_scheduled', to: 'RAD_IN_HEARING' }],
  X06: [
    { from: 'RAD_FILED', event: 'rad.dismissed_non_merit', to: 'RAD_DISMISSED_NON_MERIT' },
    { from: 'RAD_PERFECTED', event: 'rad.dismissed_non_merit', to: 'RAD_DISMISSED_NON_MERIT' },
    { from: 'RAD_IN_HEARING', event: 'rad.dismissed_non_merit', to: 'RAD_DISMISSED_NON_MERIT' },
  ],
  X07: [{ from: 'FC_LEAVE_PENDING', event: 'fc.leave_granted', to: 'FC_JR_PENDING' }],
  X08: [
    { from: 'RPD_REJECTED', via: 'certified:RPD_REJECTED', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
    { from: 'RPD_ABANDONED', via: 'certified:RPD_ABANDONED', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
    { from: 'RPD_WITHDRAWN', via: 'certified:RPD_WITHDRAWN', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
    { from: 'RAD_DISMISSED_CONFIRMED', via: 'certified:RAD_DISMISSED_CONFIRMED', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
    { from: 'RAD_ALLOWED_SUBSTITUTED', via: 'certified:RAD_ALLOWED_SUBSTITUTED', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
    { from: 'RAD_DISMISSED_NON_MERIT', via: 'certified:RAD_DISMISSED_NON_MERIT', event: 'fca.appeal_filed', to: 'FCA_APPEAL_PENDING' },
  ],
  X09: [
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RPD_REJECTED', event: 'fca.appeal_dismissed', to: 'RPD_REJECTED' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RPD_ABANDONED', event: 'fca.appeal_dismissed', to: 'RPD_ABANDONED' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RPD_WITHDRAWN', event: 'fca.appeal_dismissed', to: 'RPD_WITHDRAWN' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RAD_DISMISSED_CONFIRMED', event: 'fca.appeal_dismissed', to: 'RAD_DISMISSED_CONFIRMED' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RAD_ALLOWED_SUBSTITUTED', event: 'fca.appeal_dismissed', to: 'RAD_ALLOWED_SUBSTITUTED' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RAD_DISMISSED_NON_MERIT', event: 'fca.appeal_dismissed', to: 'RAD_DISMISSED_NON_MERIT' },
  ],
  X10: [
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RPD_ABANDONED', event: 'fca.appeal_allowed', to: 'REFERRED_RPD' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RAD_ALLOWED_SUBSTITUTED', event: 'fca.appeal_allowed', to: 'RAD_PERFECTED' },
    { from: 'FCA_APPEAL_PENDING', via: 'fca:RAD_DISMISSED_NON_MERIT', event: 'fca.appeal_allowed', to: 'RAD_FILED' },
  ],
  X11: [
    { from: 'CESSATION_PENDING', event: 'rpd.cessation_rejected', to: 'PROTECTED_PERSON' },
    { from: 'VACATION_PENDING', event: 'rpd.vacation_rejected', to: 'PROTECTED_PERSON' },
  ],
  X12: [{ from: 'PRRA_NOTIFIED', event: 'prra.applied', to: 'PRRA_APPLIED' }],
  X13: [{ from: 'PRRA_NOTIFIED', event: 'prra.not_applied', to: 'REMOVAL_ORDER_IN_FORCE' }],
  X14: [
    { from: 'INELIGIBLE', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RPD_REJECTED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RPD_ABANDONED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RPD_WITHDRAWN', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RPD_TERMINATED_104', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RAD_DISMISSED_CONFIRMED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RAD_ALLOWED_SUBSTITUTED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'RAD_DISMISSED_NON_MERIT', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'FC_LEAVE_PENDING', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'FC_JR_PENDING', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'FCA_APPEAL_PENDING', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'PROTECTION_CEASED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'PROTECTION_VACATED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'REMOVAL_ORDER_IN_FORCE', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'REMOVAL_STAYED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'PRRA_NOTIFIED', event: 'other_status.granted', to: 'OTHER_STATUS' },
    { from: 'PRRA_APPLIED', event: 'other_status.granted', to: 'OTHER_STATUS' },
  ],
};

const EXPECTATIONS = Object.entries(EXPECTED).flatMap(([id, list]) => list.map((e) => ({ id, ...e })));

function runExpectation(e: Expectation) {
  const reached = reach(e.via ?? e.from);
  const opts = e.c12 ? C12_OPTS : reached.opts;
  expect(reached.snapshot.state).toBe(e.from);
  return next(reached, e.event, e.details ? { details: e.details } : {}, opts);
}

const key = (id: string, from: string, event: string, to: string) => `${id} ${from} --${event}--> ${to}`;

describe('transition table (domain.md §2.3)', () => {
  it.each(EXPECTATIONS.map((e) => [key(e.id, e.from, e.event, e.to), e] as const))('%s', (_name, e) => {
    const applied = expectOk(runExpectation(e));
    expect(applied.from).toBe(e.from);
    expect(applied.to).toBe(e.to);
    expect(applied.snapshot.state).toBe(e.to);
    expect(applied.transitionId).toBe(e.id);
  });

  it('derives exactly the hand-written list from the table: every (id, from, event, to) on both sides', () => {
    const fromTable = TRANSITIONS.filter((r) => r.id !== 'T01')
      .flatMap((r) => r.from.flatMap((from) => r.to.map((to) => key(r.id, from, r.event, to))));
    const fromHand = EXPECTATIONS.map((e) => key(e.id, e.from, e.event, e.to));
    expect(new Set(fromTable).size).toBe(fromTable.length);
    expect([...new Set(fromHand)].sort()).toEqual([...fromTable].sort());
  });

  it('numbers every spec transition T01–T35 and lists extra steps as X01–X14', () => {
    const ids = [...new Set(TRANSITIONS.map((r) => r.id))].sort();
    const spec = Array.from({ length: 35 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);
    const extra = Array.from({ length: 14 }, (_, i) => `X${String(i + 1).padStart(2, '0')}`);
    expect(ids).toEqual([...spec, ...extra]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...spec, ...extra].filter((id) => id !== 'T01'));
  });

  it('T01: claim.made starts every claim in CLAIM_MADE', () => {
    const made = makeEvent('claim.made', { details: { designatedForeignNational: true } });
    const snap = expectOk(initialSnapshot({ claimDate: CLAIM_DATE }, made, OPTS));
    expect(snap.state).toBe('CLAIM_MADE');
    expect(snap.lastTransitionId).toBe('T01');
    expect(snap.designatedForeignNational).toBe(true);
    expect(snap.radBars).toEqual(['DESIGNATED_FOREIGN_NATIONAL']);
    expect(allowedEvents(snap, OPTS)).toEqual(['eligibility.examination_started', 'claimant.withdrew']);
  });

  it('EVENT_INFO.transitionIds match the table', () => {
    for (const type of LIFECYCLE_EVENT_TYPES) {
      const ids = TRANSITIONS.filter((r) => r.event === type).map((r) => r.id);
      expect({ type, ids: EVENT_INFO[type].transitionIds }).toEqual({ type, ids });
    }
  });

  it('has a fixture path to every state, and no state is unreachable', () => {
    for (const state of CLAIM_STATES) expect(reach(state).snapshot.state).toBe(state);
    const targets = new Set(TRANSITIONS.flatMap((r) => r.to));
    expect(CLAIM_STATES.filter((s) => !targets.has(s))).toEqual([]);
  });
});

describe('catalogues', () => {
  it('gives each state a spec id, stage and both labels', () => {
    expect(new Set(CLAIM_STATES).size).toBe(CLAIM_STATES.length);
    expect(CLAIM_STATES).toHaveLength(39);
    for (const s of CLAIM_STATES) {
      expect(STATE_INFO[s].specId).toMatch(/^S\d\d[a-z]?$/);
      expect(STATE_INFO[s].labels.en.trim()).not.toBe('');
      expect(STATE_INFO[s].labels.fr.trim()).not.toBe('');
    }
    expect(STATE_INFO.RPD_SUSPENDED.specId).toBe('S09');
    expect(STATE_INFO.RAD_PERFECTED.specId).toBe('S15');
    expect(STATE_INFO.INELIGIBLE_STCA_RETURNED.specId).toBe('S04a');
    expect(CLAIM_STATES.filter((s) => STATE_INFO[s].terminal)).toEqual([
      'INELIGIBLE', 'INELIGIBLE_STCA_RETURNED', 'RPD_TERMINATED_104', 'PROTECTION_CEASED', 'PROTECTION_VACATED', 'REMOVED', 'DEPARTED', 'OTHER_STATUS',
    ]);
  });

  it('states with no way out are exactly the closed ones', () => {
    const deadEnds = CLAIM_STATES.filter((s) => allowedEvents(reach(s).snapshot, OPTS).length === 0);
    expect(deadEnds).toEqual(['INELIGIBLE_STCA_RETURNED', 'REMOVED', 'DEPARTED', 'OTHER_STATUS']);
    expect(deadEnds.every((s) => STATE_INFO[s].stage === 'CLOSED')).toBe(true);
  });

  it('names only known actor roles and labels each in both languages', () => {
    expect(ACTOR_ROLES).toHaveLength(14);
    for (const r of ACTOR_ROLES) expect(ACTOR_INFO[r].labels.fr.trim()).not.toBe('');
    for (const t of LIFECYCLE_EVENT_TYPES) {
      expect(EVENT_INFO[t].actorRoles.length).toBeGreaterThan(0);
      for (const r of EVENT_INFO[t].actorRoles) expect(ACTOR_ROLES).toContain(r);
    }
    expect(EVENT_INFO['minister.notice_103'].actorRoles).toEqual(['MINISTER']);
    expect(EVENT_INFO['rad.decided'].actorRoles).toEqual(['RAD']);
    expect(EVENT_INFO['eligibility.ineligible'].actorRoles).toEqual(['CBSA_OFFICER', 'IRCC_OFFICER']);
    expect(EVENT_INFO['removal_order.in_force'].legalBasis).toBe('IRPA 49(2)');
  });
});

// ------------------------------------------------------------------ illegal transitions

describe('illegal transitions', () => {
  it.each(CLAIM_STATES.map((s) => [s]))('from %s, every event not offered is refused and every offered one is accepted', (state) => {
    const reached = reach(state);
    const allowed = allowedEvents(reached.snapshot, reached.opts);
    const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none';
    for (const type of LIFECYCLE_EVENT_TYPES) {
      if (allowed.includes(type)) {
        for (const v of variantsFor(type, reached.snapshot)) {
          const ok = next(reached, type, { role: v.role, details: v.details });
          expect(ok.ok, `${type} from ${state} as ${v.role} ${JSON.stringify(v.details)}`).toBe(true);
        }
        continue;
      }
      const error = expectError(next(reached, type));
      expect(error.code).toBe('illegal_transition');
      expect(error.currentState).toBe(state);
      expect(error.allowedEvents).toEqual(allowed);
      expect(error.message.startsWith(`${type} is not allowed from ${state}`)).toBe(true);
      expect(error.message.endsWith(`; allowed: ${allowedText}`)).toBe(true);
    }
  });

  it('names the state and the allowed events', () => {
    const error = expectError(next(reach('ELIGIBILITY_PENDING'), 'rpd.accepted'));
    expect(error).toEqual({
      code: 'illegal_transition',
      message: 'rpd.accepted is not allowed from ELIGIBILITY_PENDING; allowed: eligibility.suspended, eligibility.ineligible, eligibility.eligible_referred, claimant.withdrew',
      currentState: 'ELIGIBILITY_PENDING',
      allowedEvents: ['eligibility.suspended', 'eligibility.ineligible', 'eligibility.eligible_referred', 'claimant.withdrew'],
    });
  });

  it('says "none" from a closed state', () => {
    expect(expectError(next(reach('REMOVED'), 'removal.enforced')).message).toBe('removal.enforced is not allowed from REMOVED; allowed: none');
  });

  it('refuses claim.made after the first event and an unknown type', () => {
    expect(expectError(next(reach('RPD_SCHEDULED'), 'claim.made')).message)
      .toBe('claim.made is not allowed from RPD_SCHEDULED; allowed: rpd.hearing_started, rpd.declared_abandoned, rpd.no_show, '
        + 'minister.notice_103, minister.notice_104, rpd.accepted, rpd.allowed_without_hearing, rpd.rejected, claimant.withdrew');
    const reached = reach('CLAIM_MADE');
    const bogus = { ...makeEvent('eligibility.examination_started'), type: 'eligibility.approved' as LifecycleEventType };
    const error = expectError(applyEvent(reached.snapshot, bogus, OPTS));
    expect(error.code).toBe('illegal_transition');
    expect(error.field).toBe('type');
    expect(error.message).toBe('eligibility.approved is not a lifecycle event; allowed from CLAIM_MADE: eligibility.examination_started, claimant.withdrew');
  });
});

// ------------------------------------------------------------------ guards

describe('guards', () => {
  it('refuses a RAD notice after an NCB rejection, explaining why (IRPA 110(2)(c))', () => {
    const error = expectError(next(reach('RPD_REJECTED:NCB'), 'rad.notice_filed'));
    expect(error.message).toBe('rad.notice_filed is not allowed from RPD_REJECTED (no right of appeal to the RAD: no credible basis, 110(2)(c)); allowed: fc.leave_applied, removal_order.in_force, other_status.granted');
    expect(error.allowedEvents).toEqual(['fc.leave_applied', 'removal_order.in_force', 'other_status.granted']);
  });

  it('refuses a RAD notice after an MUF rejection, for an STCA-exception referral and for a designated foreign national', () => {
    expect(reach('RPD_REJECTED:MUF').snapshot.radBars).toEqual(['MUF']);
    expect(expectError(next(reach('RPD_REJECTED:MUF'), 'rad.notice_filed')).code).toBe('illegal_transition');
    const stca = reach('RPD_REJECTED:STCA');
    expect(stca.snapshot.stcaException).toBe('X-FAM-2');
    expect(stca.snapshot.radAvailable).toBe(false);
    expect(expectError(next(stca, 'rad.notice_filed')).code).toBe('illegal_transition');
    // 110(2)(d) binds the Minister too: an STCA-exception acceptance cannot be appealed.
    expect(expectError(next(reach('RPD_ACCEPTED:STCA'), 'rad.notice_filed', { details: { appellant: 'MINISTER' } })).code).toBe('illegal_transition');
    // …and FC leave is open straight away for the STCA-exception rejection.
    expect(expectOk(next(stca, 'fc.leave_applied')).to).toBe('FC_LEAVE_PENDING');
  });

  it('lets the Minister, not the claimant, appeal an acceptance', () => {
    const accepted = reach('RPD_ACCEPTED');
    expect(accepted.snapshot.radAvailable).toBe(true);
    const byClaimant = expectError(next(accepted, 'rad.notice_filed', { details: { appellant: 'CLAIMANT' }, role: 'CLAIMANT' }));
    expect(byClaimant).toMatchObject({ code: 'invalid_event_details', field: 'details.appellant', message: 'Only the Minister can appeal an RPD acceptance to the RAD.' });
    const appeal = expectOk(next(accepted, 'rad.notice_filed', { details: { appellant: 'MINISTER' } }));
    expect(appeal.snapshot.radAppellant).toBe('MINISTER');
  });

  it('requires the appellant to record the notice and the perfection', () => {
    const mismatch = expectError(next(reach('RPD_REJECTED'), 'rad.notice_filed', { details: { appellant: 'MINISTER' }, role: 'COUNSEL' }));
    expect(mismatch).toMatchObject({ code: 'actor_not_permitted', field: 'actor.role', message: 'The appellant is the Minister, so COUNSEL may not record rad.notice_filed.' });
    const perfect = expectError(next(reach('RAD_FILED:MINISTER'), 'rad.perfected', { role: 'CLAIMANT' }));
    expect(perfect).toMatchObject({ code: 'actor_not_permitted', field: 'actor.role', message: 'The appellant is the Minister, so CLAIMANT may not record rad.perfected.' });
  });

  it('refuses FC leave from a rejection that still has a RAD right (IRPA 72(2)(a))', () => {
    const reached = reach('RPD_REJECTED');
    expect(reached.snapshot.radAvailable).toBe(true);
    const error = expectError(next(reached, 'fc.leave_applied'));
    expect(error.code).toBe('illegal_transition');
    expect(error.message).toBe('fc.leave_applied is not allowed from RPD_REJECTED (a RAD appeal is available and must be exhausted first (IRPA 72(2)(a))); allowed: rad.notice_filed, removal_order.in_force, other_status.granted');
  });

  it('returns to the prior negative state after leave is denied, and that is final (T25)', () => {
    const denied = expectOk(next(reach('leave:RAD_DISMISSED_CONFIRMED'), 'fc.leave_denied'));
    expect(denied.to).toBe('RAD_DISMISSED_CONFIRMED');
    expect(denied.snapshot.federalCourt).toEqual({ returnTo: 'RAD_DISMISSED_CONFIRMED', remitTo: 'RAD_PERFECTED', final: true, fcaAppealAvailable: false });
    expect(allowedEvents(denied.snapshot, OPTS)).toEqual(['removal_order.in_force', 'other_status.granted']);
    const again = expectError(applyEvent(denied.snapshot, makeEvent('fc.leave_applied', { effectiveDate: denied.snapshot.lastEffectiveDate }), OPTS));
    expect(again.message).toContain('(the Federal Court has already disposed of this decision (IRPA 72(2)(e)))');
  });

  it('opens the FCA only after a JR dismissed with a certified question', () => {
    const plain = expectOk(next(reach('jr:RPD_REJECTED'), 'fc.jr_dismissed'));
    expect(allowedEvents(plain.snapshot, OPTS)).not.toContain('fca.appeal_filed');
    expect(expectError(applyEvent(plain.snapshot, makeEvent('fca.appeal_filed', { effectiveDate: plain.snapshot.lastEffectiveDate }), OPTS)).message)
      .toContain('no question was certified');
    const certified = reach('certified:RPD_REJECTED');
    expect(certified.snapshot.state).toBe('RPD_REJECTED');
    expect(allowedEvents(certified.snapshot, OPTS)).toEqual(['fca.appeal_filed', 'removal_order.in_force', 'other_status.granted']);
  });

  it('a successful JR of an RPD decision starts a fresh RPD proceeding with the RAD right recomputed', () => {
    const remitted = expectOk(next(reach('jr:RPD_REJECTED'), 'fc.jr_allowed'));
    expect(remitted.to).toBe('REFERRED_RPD');
    expect(remitted.snapshot).toMatchObject({ rpdOutcome: null, rejectionFlags: [], radBars: [], decision: null, federalCourt: null });
  });

  it('refuses removal.enforced while stayed, and allows it once the stay is lifted (T35)', () => {
    for (const state of ['REMOVAL_STAYED', 'PRRA_NOTIFIED', 'PRRA_APPLIED'] as const) {
      const reached = reach(state);
      expect(reached.snapshot.stayed).toBe(true);
      const error = expectError(next(reached, 'removal.enforced'));
      expect(error.code).toBe('illegal_transition');
      expect(error.currentState).toBe(state);
    }
    const lifted = expectOk(next(reach('REMOVAL_STAYED'), 'stay.lifted'));
    expect(lifted.snapshot).toMatchObject({ stayed: false, stayBasis: null });
    const removed = expectOk(applyEvent(lifted.snapshot, makeEvent('removal.enforced', { effectiveDate: lifted.snapshot.lastEffectiveDate }), OPTS));
    expect(removed.to).toBe('REMOVED');
  });

  it('refuses removal.enforced before a removal order is in force', () => {
    expect(expectError(next(reach('RPD_REJECTED:NCB'), 'removal.enforced')).code).toBe('illegal_transition');
    expect(expectError(next(reach('INELIGIBLE'), 'removal.enforced')).code).toBe('illegal_transition');
  });

  it('STCA ineligibility: no PRRA (112(2)(b)), return to the US allowed; other grounds cannot use the STCA return', () => {
    const stca = reach('REMOVAL_ORDER_IN_FORCE:STCA');
    expect(stca.snapshot.prra.excluded).toBe(true);
    expect(expectError(next(stca, 'prra.notified')).message).toContain('(an STCA ineligibility determination excludes a PRRA (IRPA 112(2)(b)))');
    expect(allowedEvents(stca.snapshot, OPTS)).toEqual(['stca.returned_to_us', 'stay.imposed', 'removal.enforced', 'departure.confirmed', 'other_status.granted']);
    expect(expectError(next(reach('INELIGIBLE'), 'stca.returned_to_us')).code).toBe('illegal_transition');
  });

  it('confers protection only where the operative decision is positive (T27), removal order only where negative (T30)', () => {
    expect(expectError(next(reach('RAD_DISMISSED_CONFIRMED'), 'protection.conferred')).message)
      .toBe('protection.conferred is not allowed from RAD_DISMISSED_CONFIRMED (the RAD outcome leaves a negative decision); allowed: fc.leave_applied, removal_order.in_force, other_status.granted');
    const positive = reach('RAD_DISMISSED_CONFIRMED:POSITIVE');
    expect(positive.snapshot.decision).toBe('POSITIVE');
    expect(allowedEvents(positive.snapshot, OPTS)).toEqual(['protection.conferred']);
    expect(expectError(next(positive, 'removal_order.in_force')).code).toBe('illegal_transition');
  });

  it('C-12 Minister consideration (S05) only when the option is on', () => {
    const off = expectOk(next(reach('ELIGIBILITY_PENDING'), 'eligibility.eligible_referred'));
    expect(off.to).toBe('REFERRED_RPD');
    const on = expectOk(next(reach('ELIGIBILITY_PENDING'), 'eligibility.eligible_referred', {}, C12_OPTS));
    expect(on.to).toBe('MINISTER_CONSIDERATION');
    // A claim already in S05 can still leave it if the option is later turned off.
    expect(allowedEvents(on.snapshot, OPTS)).toEqual(['minister.referred', 'minister.determined_ineligible', 'claimant.withdrew']);
  });

  it('a restricted PRRA (112(3)) only stays removal; restriction is inferred from a 1F exclusion', () => {
    const stayed = expectOk(next(reach('PRRA_APPLIED:RESTRICTED'), 'prra.positive'));
    expect(stayed.to).toBe('REMOVAL_STAYED');
    expect(stayed.snapshot.stayBasis).toBe('IRPA_114_1_B');
    const excluded = reach('RPD_SCHEDULED');
    const rejected = expectOk(next(excluded, 'rpd.rejected', { details: { flags: ['EXCLUDED_1F'] } }));
    const inForce = expectOk(applyEvent(rejected.snapshot, makeEvent('removal_order.in_force', { effectiveDate: rejected.snapshot.lastEffectiveDate }), OPTS));
    const notified = expectOk(applyEvent(inForce.snapshot, makeEvent('prra.notified', { effectiveDate: inForce.snapshot.lastEffectiveDate }), OPTS));
    expect(notified.snapshot.prra).toEqual({ excluded: false, restricted: true, barredUntil: null });
  });

  it('lifting a 103 suspension returns to the stage it interrupted', () => {
    expect(reach('RPD_SUSPENDED:REFERRED').snapshot.suspendedFrom).toBe('REFERRED_RPD');
    const lifted = expectOk(next(reach('RPD_SUSPENDED:REFERRED'), 'suspension.lifted'));
    expect(lifted.snapshot.suspendedFrom).toBeNull();
    expect(allowedEvents(lifted.snapshot, OPTS)).toContain('boc.received');
  });
});

// ------------------------------------------------------------------ actors, details, dates

describe('actor guard', () => {
  it('refuses a role the event does not allow, with field actor.role', () => {
    expect(expectError(next(reach('RPD_SCHEDULED'), 'rpd.accepted', { role: 'CBSA_OFFICER' }))).toEqual({
      code: 'actor_not_permitted', field: 'actor.role', currentState: 'RPD_SCHEDULED',
      message: 'rpd.accepted is recorded by RPD; CBSA_OFFICER may not record it.',
      allowedEvents: allowedEvents(reach('RPD_SCHEDULED').snapshot, OPTS),
    });
    expect(expectError(next(reach('ELIGIBILITY_PENDING'), 'eligibility.ineligible', { role: 'RPD' })).message)
      .toBe('eligibility.ineligible is recorded by CBSA_OFFICER or IRCC_OFFICER; RPD may not record it.');
    expect(expectError(next(reach('RPD_REJECTED:NCB'), 'removal_order.in_force', { role: 'CLAIMANT' })).field).toBe('actor.role');
    const made = makeEvent('claim.made', { role: 'RPD' });
    const refused = initialSnapshot({ claimDate: CLAIM_DATE }, made, OPTS);
    expect(refused.ok ? null : refused.error.field).toBe('actor.role');
  });

  it('refuses an unknown role or a missing actor', () => {
    const reached = reach('RPD_SCHEDULED');
    const event = { ...makeEvent('rpd.accepted', { effectiveDate: reached.snapshot.lastEffectiveDate }), actor: { role: 'JUDGE' } } as unknown as LifecycleEventInput;
    expect(expectError(applyEvent(reached.snapshot, event, OPTS)).message).toBe('rpd.accepted is recorded by RPD; JUDGE may not record it.');
    const noActor = { ...event, actor: undefined } as unknown as LifecycleEventInput;
    expect(expectError(applyEvent(reached.snapshot, noActor, OPTS))).toMatchObject({ field: 'actor.role', message: 'rpd.accepted is recorded by RPD; no actor role was given.' });
  });
});

describe('details guard', () => {
  const pending = () => reach('ELIGIBILITY_PENDING');
  const cases: Array<[string, LifecycleEventType, string, Details, string, string]> = [
    ['missing', 'eligibility.ineligible', 'ELIGIBILITY_PENDING', {}, 'details.grounds', 'eligibility.ineligible needs details.grounds.'],
    ['empty array', 'eligibility.ineligible', 'ELIGIBILITY_PENDING', { grounds: [] }, 'details.grounds', 'details.grounds must not have fewer than 1 items (eligibility.ineligible).'],
    ['unknown ground', 'eligibility.ineligible', 'ELIGIBILITY_PENDING', { grounds: ['EL-Z'] }, 'details.grounds', 'details.grounds.0 must be one of EL-A, EL-B, EL-B1, EL-B2, EL-C, EL-C1, EL-D, EL-E, EL-F (eligibility.ineligible).'],
    ['unknown detail', 'rpd.accepted', 'RPD_SCHEDULED', { basis: 'S96', country: 'HTI' }, 'details.country', 'details.country is not a detail rpd.accepted takes.'],
    ['wrong type', 'eligibility.eligible_referred', 'ELIGIBILITY_PENDING', { stcaException: 5 }, 'details.stcaException', 'details.stcaException must be string or null (eligibility.eligible_referred).'],
    ['impossible date', 'eligibility.eligible_referred', 'ELIGIBILITY_PENDING', { hearingDate: '2026-02-30' }, 'details.hearingDate', 'details.hearingDate must be a real date written YYYY-MM-DD (eligibility.eligible_referred).'],
    ['bad outcome', 'rad.decided', 'RAD_PERFECTED', { outcome: 'ALLOWED' }, 'details.outcome', 'details.outcome must be one of CONFIRMED, SUBSTITUTED_POSITIVE, SUBSTITUTED_NEGATIVE, REFERRED_BACK (rad.decided).'],
    ['flags missing', 'rpd.rejected', 'RPD_SCHEDULED', {}, 'details.flags', 'rpd.rejected needs details.flags.'],
  ];
  it.each(cases)('%s: %s refused with %s', (_name, type, state, details, field, message) => {
    const error = expectError(next(reach(state), type, { details }));
    expect(error).toMatchObject({ code: 'invalid_event_details', field, message, currentState: state });
  });

  it('refuses details that are not an object', () => {
    const reached = pending();
    const event = { ...makeEvent('eligibility.suspended', { effectiveDate: CLAIM_DATE }), details: ['x'] } as unknown as LifecycleEventInput;
    expect(expectError(applyEvent(reached.snapshot, event, OPTS))).toMatchObject({ code: 'invalid_event_details', field: 'details' });
  });

  it('accepts an event with no details when none are required', () => {
    const reached = pending();
    const event: LifecycleEventInput = { type: 'eligibility.suspended', actor: { role: 'IRCC_OFFICER' }, effectiveDate: reached.snapshot.lastEffectiveDate };
    expect(expectOk(applyEvent(reached.snapshot, event, OPTS)).to).toBe('ELIGIBILITY_SUSPENDED');
  });
});

describe('date guard', () => {
  const reached = () => reach('REFERRED_RPD'); // claim 2026-04-01, last event 2026-04-03
  const dateCases: Array<[string, Partial<LifecycleEventInput>, string, string]> = [
    ['before the claim date', { effectiveDate: '2026-03-31' }, 'effectiveDate', 'effectiveDate 2026-03-31 is before the claim date (2026-04-01).'],
    ['in the future', { effectiveDate: '2031-01-01' }, 'effectiveDate', 'effectiveDate 2031-01-01 is after today (2030-12-31).'],
    ['before the previous event', { effectiveDate: '2026-04-02' }, 'effectiveDate', 'effectiveDate 2026-04-02 is before the previous event (2026-04-03).'],
    ['not a calendar date', { effectiveDate: '2026-04-31' }, 'effectiveDate', 'effectiveDate 2026-04-31 is not a real date written YYYY-MM-DD.'],
    ['not ISO', { effectiveDate: '05/04/2026' }, 'effectiveDate', 'effectiveDate 05/04/2026 is not a real date written YYYY-MM-DD.'],
    ['notice before the decision', { effectiveDate: '2026-05-01', noticeDate: '2026-04-30' }, 'noticeDate', 'noticeDate 2026-04-30 is before effectiveDate (2026-05-01).'],
    ['receipt before notice', { effectiveDate: '2026-05-01', noticeDate: '2026-05-04', receivedDate: '2026-05-03' }, 'receivedDate', 'receivedDate 2026-05-03 is before noticeDate (2026-05-04).'],
    ['receipt before the decision', { effectiveDate: '2026-05-01', receivedDate: '2026-04-30' }, 'receivedDate', 'receivedDate 2026-04-30 is before effectiveDate (2026-05-01).'],
    ['receipt in the future', { effectiveDate: '2026-05-01', receivedDate: '2031-01-01' }, 'receivedDate', 'receivedDate 2031-01-01 is after today (2030-12-31).'],
  ];
  it.each(dateCases)('%s is refused', (_name, dates, field, message) => {
    const error = expectError(next(reached(), 'boc.received', dates));
    expect(error).toMatchObject({ code: 'invalid_event_date', field, message, currentState: 'REFERRED_RPD' });
  });

  it('accepts the same day as the previous event and today, with notice and deemed receipt', () => {
    expect(expectOk(next(reached(), 'boc.received', { effectiveDate: '2026-04-03' })).snapshot.lastEffectiveDate).toBe('2026-04-03');
    const ok = expectOk(next(reached(), 'boc.received', { effectiveDate: '2026-05-01', noticeDate: '2026-05-01', receivedDate: TODAY }));
    expect(ok.snapshot.lastEffectiveDate).toBe('2026-05-01');
  });

  it('claim.made must be on the claim date, which must be real', () => {
    const wrongDay = initialSnapshot({ claimDate: CLAIM_DATE }, makeEvent('claim.made', { effectiveDate: '2026-04-02' }), OPTS);
    expect(wrongDay.ok ? null : wrongDay.error).toEqual({
      code: 'invalid_event_date', field: 'effectiveDate', currentState: 'CLAIM_MADE', allowedEvents: ['claim.made'],
      message: 'A claim is made on its claim date: effectiveDate 2026-04-02 should be 2026-04-01.',
    });
    const badClaim = initialSnapshot({ claimDate: '2026-02-29' }, makeEvent('claim.made', { effectiveDate: '2026-02-29' }), OPTS);
    expect(badClaim.ok ? null : badClaim.error.field).toBe('claimDate');
    const future = initialSnapshot({ claimDate: '2031-01-01' }, makeEvent('claim.made', { effectiveDate: '2031-01-01' }), OPTS);
    expect(future.ok ? null : future.error.message).toBe('effectiveDate 2031-01-01 is after today (2030-12-31).');
    const notMade = initialSnapshot({ claimDate: CLAIM_DATE }, makeEvent('eligibility.examination_started'), OPTS);
    expect(notMade.ok ? null : notMade.error.message).toBe('eligibility.examination_started is not allowed as the first event; allowed: claim.made');
  });

  it('throws on a malformed opts.today (a programming error, not user input)', () => {
    expect(() => applyEvent(reached().snapshot, makeEvent('boc.received'), { today: '31/12/2030' })).toThrow(RangeError);
  });
});

describe('dates helpers', () => {
  it('validates calendar dates and adds months Interpretation-Act style', () => {
    expect([isIsoDate('2028-02-29'), isIsoDate('2026-02-29'), isIsoDate('1900-02-29'), isIsoDate('2000-02-29'), isIsoDate('2026-00-10')]).toEqual([true, false, false, true, false]);
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

// ------------------------------------------------------------------ snapshot contents and replay

describe('snapshot', () => {
  it('carries the exact facts the guards need', () => {
    const { snapshot } = reach('RAD_DISMISSED_CONFIRMED');
    expect(snapshot).toEqual({
      state: 'RAD_DISMISSED_CONFIRMED',
      claimDate: '2026-04-01',
      lastEffectiveDate: '2026-04-08',
      lastTransitionId: 'T22',
      eventCount: 8,
      designatedForeignNational: false,
      ineligibleGrounds: [],
      stcaException: null,
      rpdOutcome: 'REJECTED',
      rpdBasis: null,
      rejectionFlags: [],
      radAppellant: 'CLAIMANT',
      radOutcome: 'CONFIRMED',
      decision: 'NEGATIVE',
      radBars: [],
      radAvailable: false,
      suspendedFrom: null,
      federalCourt: null,
      removalOrderInForceDate: null,
      stayed: false,
      stayBasis: null,
      // 2026-04-05 rejection then 2026-04-08 RAD confirmation: 12 months from the latter (112(2)(b.1)).
      prra: { excluded: false, restricted: false, barredUntil: '2027-04-08' },
    } satisfies LifecycleSnapshot);
  });

  it('records the removal order date and the PRRA bar after a refusal (112(2)(c))', () => {
    const inForce = reach('REMOVAL_ORDER_IN_FORCE');
    expect(inForce.snapshot.removalOrderInForceDate).toBe('2026-04-06');
    const refused = expectOk(next(reach('PRRA_APPLIED'), 'prra.negative', { effectiveDate: '2028-02-29' }));
    expect(refused.snapshot.prra.barredUntil).toBe('2029-02-28');
    expect(refused.legalBasis).toBe('IRPA 113');
    const cited = expectOk(next(reach('PRRA_APPLIED'), 'prra.negative', { legalBasis: 'IRPA 113(c)' }));
    expect(cited.legalBasis).toBe('IRPA 113(c)');
  });

  it('starts the 12-month PRRA bar at an RPD rejection, abandonment or withdrawal, but not at a 1E/1F exclusion', () => {
    expect(reach('RPD_REJECTED').snapshot.prra.barredUntil).toBe('2027-04-05');
    expect(reach('RPD_ABANDONED').snapshot.prra.barredUntil).toBe('2027-04-05');
    expect(reach('RPD_WITHDRAWN').snapshot.prra.barredUntil).toBe('2027-04-05');
    const excluded = expectOk(next(reach('RPD_SCHEDULED'), 'rpd.rejected', { details: { flags: ['EXCLUDED_1E'] } }));
    expect(excluded.snapshot.prra.barredUntil).toBeNull();
  });

  it('cessation counts as a rejection for the PRRA bar; vacation does not (112(2)(b.1))', () => {
    expect(reach('PROTECTION_CEASED').snapshot).toMatchObject({ decision: 'NEGATIVE', prra: { barredUntil: '2027-04-08' } });
    expect(reach('PROTECTION_VACATED').snapshot).toMatchObject({ decision: 'NEGATIVE', prra: { barredUntil: null } });
  });
});

describe('replay', () => {
  it('reproduces the snapshot of a path', () => {
    for (const name of ['FCA_APPEAL_PENDING', 'PROTECTION_CEASED', 'OTHER_STATUS', 'MINISTER_CONSIDERATION']) {
      const reached = reach(name);
      expect(expectOk(replay(CLAIM_DATE, reached.events, reached.opts))).toEqual(reached.snapshot);
    }
  });

  it('stops at the first refused event and says which', () => {
    const { events } = reach('RPD_SCHEDULED');
    const broken = [...events.slice(0, 2), makeEvent('rpd.accepted', { effectiveDate: '2026-04-05' }), ...events.slice(2)];
    const result = replay(CLAIM_DATE, broken, OPTS);
    expect(result.ok ? null : result.error).toMatchObject({ code: 'illegal_transition', eventIndex: 2, currentState: 'ELIGIBILITY_PENDING' });
    const empty = replay(CLAIM_DATE, [], OPTS);
    expect(empty.ok ? null : empty.error).toMatchObject({ code: 'illegal_transition', eventIndex: 0, allowedEvents: ['claim.made'] });
  });
});

// ------------------------------------------------------------------ property: random walks

describe('random walks over allowed events', () => {
  // Exits are picked less often so walks get deep (RAD, Federal Court, PRRA) instead of stopping early.
  const EXITS: LifecycleEventType[] = ['claimant.withdrew', 'other_status.granted', 'minister.notice_104', 'stca.returned_to_us', 'removal.enforced', 'departure.confirmed'];

  it('never fail, stay within CLAIM_STATES, refuse what is not offered, and replay to the same snapshot', () => {
    const step = fc.record({
      pick: fc.noBias(fc.nat()), variant: fc.noBias(fc.nat()), gap: fc.nat({ max: 20 }), notice: fc.boolean(), refuse: fc.noBias(fc.nat()),
    });
    fc.assert(fc.property(fc.boolean(), fc.nat(), fc.array(step, { minLength: 10, maxLength: 60 }), (c12, madeVariant, steps) => {
      const opts = c12 ? C12_OPTS : OPTS;
      const madeOptions = variantsFor('claim.made', null);
      const madePick = madeOptions[madeVariant % madeOptions.length]!;
      const made = makeEvent('claim.made', { role: madePick.role, details: madePick.details });
      let snapshot: LifecycleSnapshot = expectOk(initialSnapshot({ claimDate: CLAIM_DATE }, made, opts));
      const events: LifecycleEventInput[] = [made];
      for (const s of steps) {
        const allowed = allowedEvents(snapshot, opts);
        if (allowed.length === 0) break;
        const refusedType = LIFECYCLE_EVENT_TYPES.filter((t) => !allowed.includes(t))[s.refuse % (LIFECYCLE_EVENT_TYPES.length - allowed.length)];
        if (refusedType) {
          const refused = applyEvent(snapshot, makeEvent(refusedType, { effectiveDate: snapshot.lastEffectiveDate }, snapshot), opts);
          expect(refused.ok ? 'accepted' : refused.error.code).toBe('illegal_transition');
        }
        const weighted = allowed.flatMap((t) => (EXITS.includes(t) ? [t] : [t, t, t, t]));
        const type = weighted[s.pick % weighted.length]!;
        const options = variantsFor(type, snapshot);
        const v = options[s.variant % options.length]!;
        const date = [addDays(snapshot.lastEffectiveDate, s.gap), TODAY].sort()[0]!;
        const event = makeEvent(type, {
          role: v.role, details: v.details, effectiveDate: date,
          ...(s.notice ? { noticeDate: date, receivedDate: date } : {}),
        }, snapshot);
        const applied = expectOk(applyEvent(snapshot, event, opts));
        expect(CLAIM_STATES).toContain(applied.to);
        expect(applied.snapshot.state).toBe(applied.to);
        expect(TRANSITIONS.find((r) => r.event === type)?.to).toContain(applied.to);
        snapshot = applied.snapshot;
        events.push(event);
      }
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      expect(expectOk(replay(CLAIM_DATE, events, opts))).toEqual(snapshot);
    }), { numRuns: 500 });
  });
});
