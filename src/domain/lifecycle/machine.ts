/**
 * The claim lifecycle as a pure state machine: snapshot + event → next snapshot, or a refusal that
 * says why. No I/O and no clock: "today" comes from the caller.
 *
 * Checks run in this order, so the first problem reported is the most basic one:
 *   1. the event is allowed from the current state (table row + guard)  → illegal_transition
 *   2. the actor's role may record it                                   → actor_not_permitted, field 'actor.role'
 *   3. details match the event's schema (and the appellant fits)        → invalid_event_details, field 'details.<name>'
 *   4. dates                                                            → invalid_event_date
 * Date rules: every date is a real YYYY-MM-DD calendar date and none is after opts.today (a deemed
 * receipt still in the future is recorded once it has happened). effectiveDate is not before the claim
 * date nor the previous event's effectiveDate (same day is fine: several things happen at one hearing).
 * noticeDate is not before effectiveDate; receivedDate is not before noticeDate (or effectiveDate).
 */
import Value from 'typebox/value';
import type { TLocalizedValidationError } from 'typebox/error';
import { isActorRole } from './actors.ts';
import { addMonths, isIsoDate } from '../dates.ts';
import {
  EVENT_INFO, LIFECYCLE_EVENT_TYPES, isLifecycleEventType,
  type ClaimMadeDetailsT, type EligibleReferredDetailsT, type IneligibleDetailsT, type JrDismissedDetailsT,
  type LifecycleEventType, type PrraNotifiedDetailsT, type RadDecidedDetailsT, type RadNoticeDetailsT,
  type RejectedDetailsT, type StayImposedDetailsT, type BasisDetailsT,
} from './events.ts';
import type { ClaimState } from './states.ts';
import { TRANSITIONS, transitionFor, type TransitionRow } from './transitions.ts';
import type {
  AppliedEvent, LifecycleError, LifecycleEventInput, LifecycleOptions, LifecycleSnapshot, RadBar, Result,
} from './types.ts';

type Details = Record<string, unknown>;

// ------------------------------------------------------------------ queries

/** Events that may be recorded next, in catalogue order. */
export function allowedEvents(snapshot: LifecycleSnapshot, _opts: LifecycleOptions): LifecycleEventType[] {
  const allowed = new Set<LifecycleEventType>();
  for (const row of TRANSITIONS) {
    if (row.from.includes(snapshot.state) && !row.guard?.(snapshot)) allowed.add(row.event);
  }
  return LIFECYCLE_EVENT_TYPES.filter((t) => allowed.has(t));
}

// ------------------------------------------------------------------ commands

export function initialSnapshot(
  claim: { claimDate: string; stcaExceptionReferral?: never },
  made: LifecycleEventInput,
  opts: LifecycleOptions,
): Result<LifecycleSnapshot> {
  assertToday(opts);
  const first: LifecycleEventType[] = ['claim.made'];
  const refuse = (code: LifecycleError['code'], message: string, field?: string): Result<LifecycleSnapshot> =>
    fail({ code, message, field, currentState: 'CLAIM_MADE', allowedEvents: first });

  if (made.type !== 'claim.made') {
    return refuse('illegal_transition', `${String(made.type)} is not allowed as the first event; allowed: claim.made`, 'type');
  }
  const actorProblem = checkActor(made);
  if (actorProblem) return refuse('actor_not_permitted', actorProblem, 'actor.role');
  const details = readDetails(made);
  if (!details.ok) return refuse('invalid_event_details', details.message, details.field);
  if (!isIsoDate(claim.claimDate)) return refuse('invalid_event_date', `The claim date ${String(claim.claimDate)} is not a real date written YYYY-MM-DD.`, 'claimDate');
  if (made.effectiveDate !== claim.claimDate) {
    return refuse('invalid_event_date', `A claim is made on its claim date: effectiveDate ${String(made.effectiveDate)} should be ${claim.claimDate}.`, 'effectiveDate');
  }
  const dateProblem = checkDates(made, claim.claimDate, claim.claimDate, opts.today);
  if (dateProblem) return refuse('invalid_event_date', dateProblem.message, dateProblem.field);

  const d = details.value as ClaimMadeDetailsT;
  return {
    ok: true,
    value: derive({
      state: 'CLAIM_MADE',
      claimDate: claim.claimDate,
      lastEffectiveDate: made.effectiveDate,
      lastTransitionId: 'T01',
      eventCount: 1,
      designatedForeignNational: d.designatedForeignNational ?? false,
      ineligibleGrounds: [],
      stcaException: null,
      rpdOutcome: null,
      rpdBasis: null,
      rejectionFlags: [],
      radAppellant: null,
      radOutcome: null,
      decision: null,
      radBars: [],
      radAvailable: false,
      suspendedFrom: null,
      federalCourt: null,
      removalOrderInForceDate: null,
      stayed: false,
      stayBasis: null,
      prra: { excluded: false, restricted: false, barredUntil: null },
    }),
  };
}

export function applyEvent(snapshot: LifecycleSnapshot, event: LifecycleEventInput, opts: LifecycleOptions): Result<AppliedEvent> {
  assertToday(opts);
  const from = snapshot.state;
  const allowed = allowedEvents(snapshot, opts);
  const refuse = (code: LifecycleError['code'], message: string, field?: string): Result<AppliedEvent> =>
    fail({ code, message, field, currentState: from, allowedEvents: allowed });
  const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none';

  if (!isLifecycleEventType(event.type)) {
    return refuse('illegal_transition', `${String(event.type)} is not a lifecycle event; allowed from ${from}: ${allowedText}`, 'type');
  }
  const row = transitionFor(event.type);
  if (!row || !row.from.includes(from)) {
    return refuse('illegal_transition', `${event.type} is not allowed from ${from}; allowed: ${allowedText}`);
  }
  const blocked = row.guard?.(snapshot);
  if (blocked) return refuse('illegal_transition', `${event.type} is not allowed from ${from} (${blocked}); allowed: ${allowedText}`);

  const actorProblem = checkActor(event);
  if (actorProblem) return refuse('actor_not_permitted', actorProblem, 'actor.role');
  const details = readDetails(event);
  if (!details.ok) return refuse('invalid_event_details', details.message, details.field);
  const appellantProblem = checkAppellant(snapshot, event, details.value);
  if (appellantProblem) return refuse(appellantProblem.code, appellantProblem.message, appellantProblem.field);
  const dateProblem = checkDates(event, snapshot.claimDate, snapshot.lastEffectiveDate, opts.today);
  if (dateProblem) return refuse('invalid_event_date', dateProblem.message, dateProblem.field);

  const to = row.resolve ? row.resolve(snapshot, details.value, opts) : (row.to[0] as ClaimState);
  return {
    ok: true,
    value: {
      snapshot: derive(evolve(snapshot, event, details.value, row, to)),
      from,
      to,
      transitionId: row.id,
      legalBasis: event.legalBasis || EVENT_INFO[event.type].legalBasis,
    },
  };
}

/** Folds a claim's events from claim.made; the first refusal stops the fold and carries its index. */
export function replay(claimDate: string, events: LifecycleEventInput[], opts: LifecycleOptions): Result<LifecycleSnapshot> {
  const [made, ...rest] = events;
  if (!made) {
    return fail({ code: 'illegal_transition', message: 'A claim history starts with claim.made; allowed: claim.made', currentState: 'CLAIM_MADE', allowedEvents: ['claim.made'], eventIndex: 0 });
  }
  const started = initialSnapshot({ claimDate }, made, opts);
  if (!started.ok) return fail({ ...started.error, eventIndex: 0 });
  let snapshot = started.value;
  for (const [i, event] of rest.entries()) {
    const next = applyEvent(snapshot, event, opts);
    if (!next.ok) return fail({ ...next.error, eventIndex: i + 1 });
    snapshot = next.value.snapshot;
  }
  return { ok: true, value: snapshot };
}

// ------------------------------------------------------------------ checks

function fail<T>(error: LifecycleError): Result<T> {
  const clean: LifecycleError = { ...error };
  if (clean.field === undefined) delete clean.field;
  if (clean.eventIndex === undefined) delete clean.eventIndex;
  return { ok: false, error: clean };
}

function assertToday(opts: LifecycleOptions): void {
  // A bad "today" is the caller's bug, not the user's input.
  if (!isIsoDate(opts.today)) throw new RangeError(`LifecycleOptions.today must be a YYYY-MM-DD date, got ${String(opts.today)}`);
}

function checkActor(event: LifecycleEventInput): string | null {
  const permitted = EVENT_INFO[event.type].actorRoles;
  const role: unknown = event.actor?.role;
  if (isActorRole(role) && permitted.includes(role)) return null;
  const who = permitted.length === 1 ? permitted[0] : `${permitted.slice(0, -1).join(', ')} or ${permitted.at(-1)}`;
  return `${event.type} is recorded by ${who}; ${role === undefined ? 'no actor role was given' : `${String(role)} may not record it`}.`;
}

type DetailsResult = { ok: true; value: Details } | { ok: false; message: string; field: string };

function readDetails(event: LifecycleEventInput): DetailsResult {
  const raw: unknown = event.details ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, field: 'details', message: `details of ${event.type} must be an object.` };
  }
  const schema = EVENT_INFO[event.type].detailsSchema;
  if (Value.Check(schema, raw)) return { ok: true, value: raw as Details };
  return { ok: false, ...describeDetailsError(event.type, Value.Errors(schema, raw)) };
}

/** Turns the first schema error into a sentence and a top-level 'details.<name>' field. */
function describeDetailsError(type: LifecycleEventType, errors: TLocalizedValidationError[]): { message: string; field: string } {
  const first = errors[0];
  if (!first) return { field: 'details', message: `details of ${type} are not valid.` };
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'required') {
    const name = String((params.requiredProperties as unknown[] | undefined)?.[0] ?? '');
    return { field: `details.${name}`, message: `${type} needs details.${name}.` };
  }
  const segments = first.instancePath.split('/').filter(Boolean);
  const field = segments.length > 0 ? `details.${segments[0]}` : 'details';
  const path = ['details', ...segments].join('.');
  if (first.keyword === 'additionalProperties' || first.keyword === 'boolean') {
    const name = segments[0] ?? String((params.additionalProperties as unknown[] | undefined)?.[0] ?? '');
    return { field: `details.${name}`, message: `details.${name} is not a detail ${type} takes.` };
  }
  const sameSpot = errors.filter((e) => e.instancePath === first.instancePath);
  const types = sameSpot.filter((e) => e.keyword === 'type').map((e) => String((e.params as Record<string, unknown>).type));
  let what: string;
  if (first.keyword === 'enum') what = `must be one of ${((params.allowedValues as unknown[]) ?? []).join(', ')}`;
  else if (first.keyword === 'format' && params.format === 'date') what = 'must be a real date written YYYY-MM-DD';
  else if (sameSpot.some((e) => e.keyword === 'anyOf') && types.length > 0) what = `must be ${types.join(' or ')}`;
  else what = first.message;
  return { field, message: `${path} ${what} (${type}).` };
}

/** Who may appeal to the RAD, and who then perfects the appeal. */
function checkAppellant(s: LifecycleSnapshot, event: LifecycleEventInput, details: Details): Omit<LifecycleError, 'currentState' | 'allowedEvents'> | null {
  let appellant: RadNoticeDetailsT['appellant'] | null = null;
  if (event.type === 'rad.notice_filed') {
    appellant = (details as RadNoticeDetailsT).appellant;
    // The claimant has nothing to appeal in an acceptance; the Minister may appeal either way (IRPA 110(1)).
    if (s.state === 'RPD_ACCEPTED' && appellant === 'CLAIMANT') {
      return { code: 'invalid_event_details', field: 'details.appellant', message: 'Only the Minister can appeal an RPD acceptance to the RAD.' };
    }
  } else if (event.type === 'rad.perfected') {
    appellant = s.radAppellant;
  }
  if (appellant === null) return null;
  const role = event.actor.role;
  const fits = appellant === 'MINISTER' ? role === 'MINISTER' : role === 'CLAIMANT' || role === 'COUNSEL';
  if (fits) return null;
  return {
    code: 'actor_not_permitted', field: 'actor.role',
    message: `The appellant is the ${appellant === 'MINISTER' ? 'Minister' : 'claimant'}, so ${role} may not record ${event.type}.`,
  };
}

function checkDates(event: LifecycleEventInput, claimDate: string, lastEffectiveDate: string, today: string): { field: string; message: string } | null {
  const eff: unknown = event.effectiveDate;
  if (!isIsoDate(eff)) return { field: 'effectiveDate', message: `effectiveDate ${String(eff)} is not a real date written YYYY-MM-DD.` };
  if (eff > today) return { field: 'effectiveDate', message: `effectiveDate ${eff} is after today (${today}).` };
  if (eff < claimDate) return { field: 'effectiveDate', message: `effectiveDate ${eff} is before the claim date (${claimDate}).` };
  if (eff < lastEffectiveDate) return { field: 'effectiveDate', message: `effectiveDate ${eff} is before the previous event (${lastEffectiveDate}).` };
  let floor = eff;
  for (const field of ['noticeDate', 'receivedDate'] as const) {
    const value: unknown = event[field];
    if (value === undefined || value === null) continue;
    if (!isIsoDate(value)) return { field, message: `${field} ${String(value)} is not a real date written YYYY-MM-DD.` };
    if (value > today) return { field, message: `${field} ${value} is after today (${today}).` };
    if (value < floor) {
      const what = floor === eff ? `effectiveDate (${eff})` : `noticeDate (${floor})`;
      return { field, message: `${field} ${value} is before ${what}.` };
    }
    floor = value;
  }
  return null;
}

// ------------------------------------------------------------------ state evolution

function remitFor(state: ClaimState): ClaimState {
  if (state === 'RAD_DISMISSED_NON_MERIT') return 'RAD_FILED';
  if (state === 'RAD_DISMISSED_CONFIRMED' || state === 'RAD_ALLOWED_SUBSTITUTED') return 'RAD_PERFECTED';
  return 'REFERRED_RPD';
}

/** IRPA 112(2)(b.1): 12 months from the last rejection, except one based on Article 1E/1F (or vacation, 109(3)). */
function prraBarFrom(s: LifecycleSnapshot, date: string, flags = s.rejectionFlags): LifecycleSnapshot['prra'] {
  if (flags.includes('EXCLUDED_1E') || flags.includes('EXCLUDED_1F')) return s.prra;
  return { ...s.prra, barredUntil: addMonths(date, 12) };
}

function freshRpd(): Pick<LifecycleSnapshot, 'rpdOutcome' | 'rpdBasis' | 'rejectionFlags' | 'radAppellant' | 'radOutcome'> {
  return { rpdOutcome: null, rpdBasis: null, rejectionFlags: [], radAppellant: null, radOutcome: null };
}

function evolve(s: LifecycleSnapshot, event: LifecycleEventInput, details: Details, row: TransitionRow, to: ClaimState): LifecycleSnapshot {
  const date = event.effectiveDate;
  const isCourt = event.type.startsWith('fc.') || event.type.startsWith('fca.');
  const base: LifecycleSnapshot = {
    ...s,
    state: to,
    lastEffectiveDate: date,
    lastTransitionId: row.id,
    eventCount: s.eventCount + 1,
    // The court record belongs to the decision under review; any other step moves past it.
    federalCourt: isCourt ? s.federalCourt : null,
  };
  switch (event.type) {
    case 'eligibility.ineligible':
    case 'minister.determined_ineligible':
      return { ...base, ineligibleGrounds: [...(details as IneligibleDetailsT).grounds] };
    case 'eligibility.eligible_referred':
      return { ...base, stcaException: (details as EligibleReferredDetailsT).stcaException ?? null };
    case 'minister.notice_103':
      return { ...base, suspendedFrom: s.state };
    case 'minister.notice_104':
    case 'suspension.lifted':
      return { ...base, suspendedFrom: null };
    case 'rpd.accepted':
    case 'rpd.allowed_without_hearing':
      return { ...base, ...freshRpd(), rpdOutcome: 'ACCEPTED', rpdBasis: (details as BasisDetailsT).basis ?? null };
    case 'rpd.rejected': {
      const flags = [...(details as RejectedDetailsT).flags];
      return { ...base, ...freshRpd(), rpdOutcome: 'REJECTED', rejectionFlags: flags, prra: prraBarFrom(s, date, flags) };
    }
    case 'rpd.declared_abandoned':
      return { ...base, ...freshRpd(), rpdOutcome: 'ABANDONED', prra: prraBarFrom(s, date, []) };
    case 'claimant.withdrew':
      return { ...base, ...freshRpd(), rpdOutcome: 'WITHDRAWN', suspendedFrom: null, prra: prraBarFrom(s, date, []) };
    case 'rad.notice_filed':
      return { ...base, radAppellant: (details as RadNoticeDetailsT).appellant, radOutcome: null };
    case 'rad.not_perfected':
      return { ...base, radOutcome: 'NOT_PERFECTED' };
    case 'rad.dismissed_non_merit':
      return { ...base, radOutcome: 'NON_MERIT' };
    case 'rad.decided': {
      const outcome = (details as RadDecidedDetailsT).outcome;
      const next = { ...base, radOutcome: outcome };
      return derive(next).decision === 'NEGATIVE' ? { ...next, prra: prraBarFrom(s, date) } : next;
    }
    case 'rpd.redetermination_opened':
      return { ...base, ...freshRpd() };
    case 'fc.leave_applied':
      return { ...base, federalCourt: { returnTo: s.state, remitTo: remitFor(s.state), final: false, fcaAppealAvailable: false } };
    case 'fc.leave_denied':
    case 'fca.appeal_dismissed':
      return { ...base, federalCourt: { ...fc(s), final: true, fcaAppealAvailable: false }, prra: prraBarFrom(s, date) };
    case 'fc.jr_dismissed': {
      const certified = Boolean((details as JrDismissedDetailsT).certifiedQuestion);
      return {
        ...base,
        federalCourt: { ...fc(s), final: !certified, fcaAppealAvailable: certified },
        prra: certified ? s.prra : prraBarFrom(s, date),
      };
    }
    case 'fca.appeal_filed':
      return { ...base, federalCourt: { ...fc(s), fcaAppealAvailable: false } };
    case 'fc.jr_allowed':
    case 'fca.appeal_allowed':
      // The quashed decision is gone: a new RPD panel starts afresh; a RAD rehearing keeps the RPD decision and the appellant.
      return to === 'REFERRED_RPD' ? { ...base, ...freshRpd(), federalCourt: null } : { ...base, radOutcome: null, federalCourt: null };
    case 'rpd.cessation_allowed':
      // 108(3): the claim is deemed rejected; the 12-month PRRA bar applies.
      return { ...base, rpdOutcome: 'REJECTED', radOutcome: null, rejectionFlags: [], prra: prraBarFrom(s, date, []) };
    case 'rpd.vacation_allowed':
      // 109(3): deemed rejected and nullified; 112(2)(b.1) excepts it from the bar.
      return { ...base, rpdOutcome: 'REJECTED', radOutcome: null, rejectionFlags: [] };
    case 'removal_order.in_force':
      return { ...base, removalOrderInForceDate: date };
    case 'stay.imposed':
      return { ...base, stayBasis: (details as StayImposedDetailsT).basis };
    case 'stay.lifted':
    case 'prra.not_applied':
      return { ...base, stayBasis: null };
    case 'prra.notified': {
      const inferred = s.ineligibleGrounds.includes('EL-F') || s.rejectionFlags.includes('EXCLUDED_1F');
      return { ...base, stayBasis: 'R232', prra: { ...s.prra, restricted: (details as PrraNotifiedDetailsT).restricted ?? inferred } };
    }
    case 'prra.positive':
      return { ...base, stayBasis: to === 'REMOVAL_STAYED' ? 'IRPA_114_1_B' : null };
    case 'prra.negative':
      // 112(2)(c): no new PRRA for 12 months after a refusal.
      return { ...base, stayBasis: null, prra: { ...s.prra, barredUntil: addMonths(date, 12) } };
    default:
      return base;
  }
}

function fc(s: LifecycleSnapshot) {
  if (!s.federalCourt) throw new Error(`snapshot in ${s.state} has no federalCourt record`);
  return s.federalCourt;
}

/** Recomputes the derived fields so a stored snapshot never disagrees with itself. */
function derive(s: LifecycleSnapshot): LifecycleSnapshot {
  const radBars: RadBar[] = [];
  if (s.designatedForeignNational) radBars.push('DESIGNATED_FOREIGN_NATIONAL');
  if (s.stcaException) radBars.push('STCA_EXCEPTION');
  if (s.rpdOutcome === 'REJECTED') {
    if (s.rejectionFlags.includes('NCB')) radBars.push('NCB');
    if (s.rejectionFlags.includes('MUF')) radBars.push('MUF');
  }
  let decision: LifecycleSnapshot['decision'];
  if (s.radOutcome === 'SUBSTITUTED_POSITIVE') decision = 'POSITIVE';
  else if (s.radOutcome === 'SUBSTITUTED_NEGATIVE') decision = 'NEGATIVE';
  else if (s.radOutcome === 'REFERRED_BACK') decision = null;
  else if (s.rpdOutcome === 'ACCEPTED') decision = 'POSITIVE';
  else if (s.rpdOutcome === null) decision = null;
  else decision = 'NEGATIVE';
  return {
    ...s,
    decision,
    radBars,
    radAvailable: (s.state === 'RPD_ACCEPTED' || s.state === 'RPD_REJECTED') && radBars.length === 0,
    stayed: s.state === 'REMOVAL_STAYED' || s.state === 'PRRA_NOTIFIED' || s.state === 'PRRA_APPLIED',
    prra: { ...s.prra, excluded: s.ineligibleGrounds.includes('EL-E') },
  };
}
