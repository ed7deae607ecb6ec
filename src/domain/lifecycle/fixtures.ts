/**
 * Typed factories for lifecycle tests: valid events, named paths to every state, and the valid
 * (actor, details) combinations a random walk may pick from. Test-only; not exported from index.ts.
 */
import type { ActorRole } from './actors.ts';
import { addDays } from '../dates.ts';
import { EVENT_INFO, type LifecycleEventType } from './events.ts';
import { applyEvent, initialSnapshot } from './machine.ts';
import type { ClaimState } from './states.ts';
import type { LifecycleEventInput, LifecycleOptions, LifecycleSnapshot } from './types.ts';

export const CLAIM_DATE = '2026-04-01';
export const TODAY = '2030-12-31';
export const OPTS: LifecycleOptions = { today: TODAY };
export const C12_OPTS: LifecycleOptions = { today: TODAY, ministerConsiderationInForce: true };

type Details = Record<string, unknown>;

/** Details that make each event valid when nothing more specific is asked for. */
export const DEFAULT_DETAILS: Partial<Record<LifecycleEventType, Details>> = {
  'eligibility.ineligible': { grounds: ['EL-C'] },
  'minister.determined_ineligible': { grounds: ['EL-C'] },
  'rpd.accepted': { basis: 'S96' },
  'rpd.rejected': { flags: [] },
  'rad.notice_filed': { appellant: 'CLAIMANT' },
  'rad.decided': { outcome: 'CONFIRMED' },
  'rad.dismissed_non_merit': { reason: 'WITHDRAWN' },
  'stay.imposed': { basis: 'COURT_ORDER' },
  'other_status.granted': { status: 'PERMANENT_RESIDENCE_HC' },
};

/** Alternatives a random walk chooses among; each must be valid wherever the event is allowed (rad.notice_filed is filtered). */
export const DETAIL_VARIANTS: Partial<Record<LifecycleEventType, Details[]>> = {
  'claim.made': [{}, { designatedForeignNational: true }, { channel: 'PORT_OF_ENTRY', designatedForeignNational: false }],
  'eligibility.ineligible': [{ grounds: ['EL-C'] }, { grounds: ['EL-E'] }, { grounds: ['EL-F'] }, { grounds: ['EL-E', 'EL-B1'] }],
  'minister.determined_ineligible': [{ grounds: ['EL-B2'] }, { grounds: ['EL-E'] }],
  'eligibility.eligible_referred': [{}, { stcaException: 'X-FAM-2' }, { stcaException: null, hearingDate: '2027-01-15' }],
  'rpd.accepted': [{ basis: 'S96' }, { basis: 'S97' }],
  'rpd.allowed_without_hearing': [{}, { basis: 'S96' }],
  'rpd.rejected': [{ flags: [] }, { flags: ['NCB'] }, { flags: ['MUF', 'S97_ONLY'] }, { flags: ['EXCLUDED_1F'] }, { flags: ['EXCLUDED_1E'] }],
  'rad.notice_filed': [{ appellant: 'CLAIMANT' }, { appellant: 'MINISTER' }],
  'rad.decided': [{ outcome: 'CONFIRMED' }, { outcome: 'SUBSTITUTED_POSITIVE' }, { outcome: 'SUBSTITUTED_NEGATIVE' }, { outcome: 'REFERRED_BACK' }],
  'rad.dismissed_non_merit': [{ reason: 'NO_JURISDICTION' }, { reason: 'WITHDRAWN' }, { reason: 'ABANDONED' }, { reason: 'OTHER' }],
  'fc.jr_dismissed': [{}, { certifiedQuestion: 'Does 110(2)(d) bar a Minister\'s appeal?' }],
  'stay.imposed': [{ basis: 'R230' }, { basis: 'R231' }, { basis: 'COURT_ORDER' }],
  'prra.notified': [{}, { restricted: true }, { restricted: false }],
  'other_status.granted': [{ status: 'PERMANENT_RESIDENCE_HC' }, { status: 'TEMPORARY_RESIDENT_PERMIT' }],
};

/** Roles that may record `type` here, given who the RAD appellant is. */
export function rolesFor(type: LifecycleEventType, snapshot: LifecycleSnapshot | null, details: Details): ActorRole[] {
  const roles = EVENT_INFO[type].actorRoles;
  const appellant = type === 'rad.notice_filed' ? details.appellant : type === 'rad.perfected' ? snapshot?.radAppellant : undefined;
  if (appellant === 'MINISTER') return roles.filter((r) => r === 'MINISTER');
  if (appellant === 'CLAIMANT') return roles.filter((r) => r === 'CLAIMANT' || r === 'COUNSEL');
  return roles;
}

/** Every valid (role, details) pair for `type` from `snapshot`. */
export function variantsFor(type: LifecycleEventType, snapshot: LifecycleSnapshot | null): Array<{ role: ActorRole; details: Details }> {
  let detailOptions = DETAIL_VARIANTS[type] ?? [DEFAULT_DETAILS[type] ?? {}];
  if (type === 'rad.notice_filed' && snapshot?.state === 'RPD_ACCEPTED') detailOptions = detailOptions.filter((d) => d.appellant === 'MINISTER');
  return detailOptions.flatMap((details) => rolesFor(type, snapshot, details).map((role) => ({ role, details })));
}

export interface EventOverrides extends Partial<Omit<LifecycleEventInput, 'type'>> { role?: ActorRole }

/** A valid event of `type` (first permitted role, default details), with overrides. */
export function makeEvent(type: LifecycleEventType, overrides: EventOverrides = {}, snapshot: LifecycleSnapshot | null = null): LifecycleEventInput {
  const { role, ...rest } = overrides;
  const details = rest.details ?? DEFAULT_DETAILS[type] ?? {};
  const actorRole = role ?? rolesFor(type, snapshot, details)[0];
  if (!actorRole) throw new Error(`no actor role for ${type}`);
  return { type, actor: { role: actorRole }, effectiveDate: CLAIM_DATE, ...rest, details };
}

export type Step = LifecycleEventType | { type: LifecycleEventType; details: Details };

export interface Reached { snapshot: LifecycleSnapshot; events: LifecycleEventInput[]; opts: LifecycleOptions }

/** Applies claim.made then `steps`, one day apart; throws on any refusal (a broken fixture, not a test result). */
export function walk(steps: readonly Step[], opts: LifecycleOptions = OPTS): Reached {
  const made = makeEvent('claim.made');
  const started = initialSnapshot({ claimDate: CLAIM_DATE }, made, opts);
  if (!started.ok) throw new Error(`fixture claim.made refused: ${started.error.message}`);
  let snapshot = started.value;
  const events = [made];
  let date = CLAIM_DATE;
  for (const step of steps) {
    date = addDays(date, 1);
    const type = typeof step === 'string' ? step : step.type;
    const details = typeof step === 'string' ? undefined : step.details;
    const event = makeEvent(type, { effectiveDate: date, ...(details ? { details } : {}) }, snapshot);
    const next = applyEvent(snapshot, event, opts);
    if (!next.ok) throw new Error(`fixture step ${type} refused: ${next.error.message}`);
    snapshot = next.value.snapshot;
    events.push(event);
  }
  return { snapshot, events, opts };
}

// ------------------------------------------------------------------ named paths

export interface Scenario { steps: readonly Step[]; c12?: boolean }

const ELIG: Step[] = ['eligibility.examination_started'];
const REFERRED: Step[] = [...ELIG, 'eligibility.eligible_referred'];
const REFERRED_STCA: Step[] = [...ELIG, { type: 'eligibility.eligible_referred', details: { stcaException: 'X-FAM-2' } }];
const SCHEDULED: Step[] = [...REFERRED, 'boc.received'];
const ACCEPTED: Step[] = [...SCHEDULED, 'rpd.accepted'];
const REJECTED: Step[] = [...SCHEDULED, 'rpd.rejected'];
const REJECTED_NCB: Step[] = [...SCHEDULED, { type: 'rpd.rejected', details: { flags: ['NCB'] } }];
const RAD_FILED: Step[] = [...REJECTED, 'rad.notice_filed'];
const RAD_FILED_MINISTER: Step[] = [...ACCEPTED, { type: 'rad.notice_filed', details: { appellant: 'MINISTER' } }];
const RAD_PERFECTED: Step[] = [...RAD_FILED, 'rad.perfected'];
const RAD_PERFECTED_MINISTER: Step[] = [...RAD_FILED_MINISTER, 'rad.perfected'];
const decided = (base: Step[], outcome: string): Step[] => [...base, { type: 'rad.decided', details: { outcome } }];
const INELIGIBLE_STCA: Step[] = [...ELIG, { type: 'eligibility.ineligible', details: { grounds: ['EL-E'] } }];
const IN_FORCE: Step[] = [...REJECTED_NCB, 'removal_order.in_force'];
const PROTECTED: Step[] = [...ACCEPTED, 'protection.conferred'];
const PRRA_NOTIFIED: Step[] = [...IN_FORCE, 'prra.notified'];
const CERTIFIED: Step = { type: 'fc.jr_dismissed', details: { certifiedQuestion: 'A serious question of general importance?' } };

/** Negative decisions the Federal Court can review (T24 sources), each reached so that leave is allowed. */
export const FC_SOURCE_PATHS: Record<string, Step[]> = {
  RPD_REJECTED: REJECTED_NCB,
  RPD_ABANDONED: [...SCHEDULED, 'rpd.declared_abandoned'],
  RPD_WITHDRAWN: [...SCHEDULED, 'claimant.withdrew'],
  RAD_DISMISSED_CONFIRMED: decided(RAD_PERFECTED, 'CONFIRMED'),
  RAD_ALLOWED_SUBSTITUTED: decided(RAD_PERFECTED_MINISTER, 'SUBSTITUTED_NEGATIVE'),
  RAD_DISMISSED_NON_MERIT: [...RAD_FILED, 'rad.not_perfected'],
};

const base: Record<string, Scenario> = {
  CLAIM_MADE: { steps: [] },
  ELIGIBILITY_PENDING: { steps: ELIG },
  ELIGIBILITY_SUSPENDED: { steps: [...ELIG, 'eligibility.suspended'] },
  INELIGIBLE: { steps: [...ELIG, 'eligibility.ineligible'] },
  'INELIGIBLE:STCA': { steps: INELIGIBLE_STCA },
  INELIGIBLE_STCA_RETURNED: { steps: [...INELIGIBLE_STCA, 'stca.returned_to_us'] },
  MINISTER_CONSIDERATION: { steps: REFERRED, c12: true },
  REFERRED_RPD: { steps: REFERRED },
  'REFERRED_RPD:STCA': { steps: REFERRED_STCA },
  BOC_OVERDUE_SPECIAL_HEARING: { steps: [...REFERRED, 'boc.deadline_missed'] },
  NO_SHOW_SPECIAL_HEARING: { steps: [...SCHEDULED, 'rpd.no_show'] },
  RPD_SCHEDULED: { steps: SCHEDULED },
  RPD_IN_HEARING: { steps: [...SCHEDULED, 'rpd.hearing_started'] },
  RPD_SUSPENDED: { steps: [...SCHEDULED, 'minister.notice_103'] },
  'RPD_SUSPENDED:REFERRED': { steps: [...REFERRED, 'minister.notice_103'] },
  'RPD_SUSPENDED:IN_HEARING': { steps: [...SCHEDULED, 'rpd.hearing_started', 'minister.notice_103'] },
  RPD_ACCEPTED: { steps: ACCEPTED },
  'RPD_ACCEPTED:STCA': { steps: [...REFERRED_STCA, 'boc.received', 'rpd.accepted'] },
  RPD_REJECTED: { steps: REJECTED },
  'RPD_REJECTED:NCB': { steps: REJECTED_NCB },
  'RPD_REJECTED:MUF': { steps: [...SCHEDULED, { type: 'rpd.rejected', details: { flags: ['MUF'] } }] },
  'RPD_REJECTED:STCA': { steps: [...REFERRED_STCA, 'boc.received', 'rpd.rejected'] },
  RPD_ABANDONED: { steps: [...SCHEDULED, 'rpd.declared_abandoned'] },
  RPD_WITHDRAWN: { steps: [...SCHEDULED, 'claimant.withdrew'] },
  RPD_TERMINATED_104: { steps: [...SCHEDULED, 'minister.notice_103', 'minister.notice_104'] },
  RAD_FILED: { steps: RAD_FILED },
  'RAD_FILED:MINISTER': { steps: RAD_FILED_MINISTER },
  RAD_PERFECTED: { steps: RAD_PERFECTED },
  RAD_IN_HEARING: { steps: [...RAD_PERFECTED, 'rad.hearing_scheduled'] },
  RAD_DISMISSED_CONFIRMED: { steps: decided(RAD_PERFECTED, 'CONFIRMED') },
  'RAD_DISMISSED_CONFIRMED:POSITIVE': { steps: decided(RAD_PERFECTED_MINISTER, 'CONFIRMED') },
  RAD_ALLOWED_SUBSTITUTED: { steps: decided(RAD_PERFECTED_MINISTER, 'SUBSTITUTED_NEGATIVE') },
  'RAD_ALLOWED_SUBSTITUTED:POSITIVE': { steps: decided(RAD_PERFECTED, 'SUBSTITUTED_POSITIVE') },
  RAD_ALLOWED_REFERRED_BACK: { steps: decided(RAD_PERFECTED, 'REFERRED_BACK') },
  RAD_DISMISSED_NON_MERIT: { steps: [...RAD_FILED, 'rad.not_perfected'] },
  'RAD_DISMISSED_NON_MERIT:POSITIVE': { steps: [...RAD_FILED_MINISTER, 'rad.not_perfected'] },
  PROTECTED_PERSON: { steps: PROTECTED },
  CESSATION_PENDING: { steps: [...PROTECTED, 'minister.cessation_application'] },
  VACATION_PENDING: { steps: [...PROTECTED, 'minister.vacation_application'] },
  PROTECTION_CEASED: { steps: [...PROTECTED, 'minister.cessation_application', 'rpd.cessation_allowed'] },
  PROTECTION_VACATED: { steps: [...PROTECTED, 'minister.vacation_application', 'rpd.vacation_allowed'] },
  FC_LEAVE_PENDING: { steps: [...REJECTED_NCB, 'fc.leave_applied'] },
  FC_JR_PENDING: { steps: [...REJECTED_NCB, 'fc.leave_applied', 'fc.leave_granted'] },
  FCA_APPEAL_PENDING: { steps: [...REJECTED_NCB, 'fc.leave_applied', 'fc.leave_granted', CERTIFIED, 'fca.appeal_filed'] },
  REMOVAL_ORDER_IN_FORCE: { steps: IN_FORCE },
  'REMOVAL_ORDER_IN_FORCE:STCA': { steps: [...INELIGIBLE_STCA, 'removal_order.in_force'] },
  REMOVAL_STAYED: { steps: [...IN_FORCE, 'stay.imposed'] },
  PRRA_NOTIFIED: { steps: PRRA_NOTIFIED },
  PRRA_APPLIED: { steps: [...PRRA_NOTIFIED, 'prra.applied'] },
  'PRRA_APPLIED:RESTRICTED': { steps: [...IN_FORCE, { type: 'prra.notified', details: { restricted: true } }, 'prra.applied'] },
  REMOVED: { steps: [...IN_FORCE, 'removal.enforced'] },
  DEPARTED: { steps: [...IN_FORCE, 'departure.confirmed'] },
  OTHER_STATUS: { steps: [...IN_FORCE, { type: 'other_status.granted', details: { status: 'PERMANENT_RESIDENCE_HC' } }] },
};

// Federal Court paths from each reviewable decision: 'leave:<state>', 'jr:<state>', 'certified:<state>', 'fca:<state>'.
for (const [state, steps] of Object.entries(FC_SOURCE_PATHS)) {
  const jr: Step[] = [...steps, 'fc.leave_applied', 'fc.leave_granted'];
  base[`leave:${state}`] = { steps: [...steps, 'fc.leave_applied'] };
  base[`jr:${state}`] = { steps: jr };
  base[`certified:${state}`] = { steps: [...jr, CERTIFIED] };
  base[`fca:${state}`] = { steps: [...jr, CERTIFIED, 'fca.appeal_filed'] };
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = base;

/** The snapshot at the end of a named path (a state name gives that state's canonical path). */
export function reach(name: ClaimState | string): Reached {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`no scenario ${name}`);
  return walk(scenario.steps, scenario.c12 ? C12_OPTS : OPTS);
}
