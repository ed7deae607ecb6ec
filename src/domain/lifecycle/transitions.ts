/**
 * The transition table (domain.md §2.3). One row per event; `from` lists every permitted source state.
 * Guards read only the snapshot, so allowedEvents() is exact: an event it offers is never refused
 * for the state, only for its own actor, details or dates.
 */
import type { LifecycleEventType, RadDecidedDetailsT } from './events.ts';
import type { ClaimState } from './states.ts';
import type { LifecycleOptions, LifecycleSnapshot } from './types.ts';

export interface TransitionRow {
  /** Spec id 'T01'–'T35', or 'Xnn' for a step the spec implies but does not number. */
  id: string;
  event: LifecycleEventType;
  from: readonly ClaimState[];
  /** Every state this row can land in; `resolve` picks one when there are several. */
  to: readonly ClaimState[];
  /** Why the event is refused for this snapshot, or null when it is allowed. */
  guard?: (s: LifecycleSnapshot) => string | null;
  resolve?: (s: LifecycleSnapshot, details: Record<string, unknown>, opts: LifecycleOptions) => ClaimState;
}

const RPD_PENDING: ClaimState[] = ['REFERRED_RPD', 'BOC_OVERDUE_SPECIAL_HEARING', 'NO_SHOW_SPECIAL_HEARING', 'RPD_SCHEDULED', 'RPD_IN_HEARING'];
const RAD_PENDING: ClaimState[] = ['RAD_FILED', 'RAD_PERFECTED', 'RAD_IN_HEARING'];
const RAD_DECIDED: ClaimState[] = ['RAD_DISMISSED_CONFIRMED', 'RAD_ALLOWED_SUBSTITUTED', 'RAD_DISMISSED_NON_MERIT'];
/** T24 sources: negative decisions the Federal Court can review. */
export const FC_REVIEWABLE: ClaimState[] = ['RPD_REJECTED', 'RPD_ABANDONED', 'RPD_WITHDRAWN', ...RAD_DECIDED];
/** T30 sources: the table's list plus §4.3's 104 termination and unperfected appeal, and §2.7's cessation/vacation. */
const REMOVAL_ORDER_SOURCES: ClaimState[] = [
  'INELIGIBLE', 'RPD_REJECTED', 'RPD_ABANDONED', 'RPD_WITHDRAWN', 'RPD_TERMINATED_104', ...RAD_DECIDED,
  'PROTECTION_CEASED', 'PROTECTION_VACATED',
];

function isRadDecided(s: LifecycleSnapshot): boolean {
  return RAD_DECIDED.includes(s.state);
}

/** After a RAD decision the outcome can go either way (a Minister's appeal can fail or succeed). */
function radOutcomeIs(polarity: 'POSITIVE' | 'NEGATIVE') {
  return (s: LifecycleSnapshot): string | null => {
    if (!isRadDecided(s) || s.decision === polarity) return null;
    return `the RAD outcome leaves a ${s.decision === 'POSITIVE' ? 'positive' : 'negative'} decision`;
  };
}

function radBarText(s: LifecycleSnapshot): string {
  const why: Record<string, string> = {
    DESIGNATED_FOREIGN_NATIONAL: 'designated foreign national, 110(2)(a)',
    STCA_EXCEPTION: 'referred under an STCA exception, 110(2)(d)',
    NCB: 'no credible basis, 110(2)(c)',
    MUF: 'manifestly unfounded, 110(2)(c)',
  };
  return s.radBars.map((b) => why[b] ?? b).join('; ');
}

function fcTrack(s: LifecycleSnapshot) {
  if (!s.federalCourt) throw new Error(`snapshot in ${s.state} has no federalCourt record`);
  return s.federalCourt;
}

const hasFcTrack = (s: LifecycleSnapshot): string | null => (s.federalCourt ? null : 'the snapshot has no Federal Court record');

export const TRANSITIONS: readonly TransitionRow[] = [
  { id: 'T01', event: 'claim.made', from: [], to: ['CLAIM_MADE'] },
  { id: 'T02', event: 'eligibility.examination_started', from: ['CLAIM_MADE'], to: ['ELIGIBILITY_PENDING'] },
  { id: 'T03', event: 'eligibility.suspended', from: ['ELIGIBILITY_PENDING'], to: ['ELIGIBILITY_SUSPENDED'] },
  { id: 'T04', event: 'eligibility.resumed', from: ['ELIGIBILITY_SUSPENDED'], to: ['ELIGIBILITY_PENDING'] },
  { id: 'T05', event: 'eligibility.ineligible', from: ['ELIGIBILITY_PENDING'], to: ['INELIGIBLE'] },
  {
    id: 'T06', event: 'eligibility.eligible_referred', from: ['ELIGIBILITY_PENDING'], to: ['REFERRED_RPD', 'MINISTER_CONSIDERATION'],
    resolve: (_s, _d, opts) => (opts.ministerConsiderationInForce ? 'MINISTER_CONSIDERATION' : 'REFERRED_RPD'),
  },
  // C-12 new 100(1)/(3): the Minister either refers or finds the claim ineligible. Offered from S05 whatever
  // the option says now, so a claim that entered S05 can always leave it.
  { id: 'X01', event: 'minister.referred', from: ['MINISTER_CONSIDERATION'], to: ['REFERRED_RPD'] },
  { id: 'X02', event: 'minister.determined_ineligible', from: ['MINISTER_CONSIDERATION'], to: ['INELIGIBLE'] },
  {
    id: 'X03', event: 'stca.returned_to_us', from: ['INELIGIBLE', 'REMOVAL_ORDER_IN_FORCE'], to: ['INELIGIBLE_STCA_RETURNED'],
    guard: (s) => (s.ineligibleGrounds.includes('EL-E') ? null : 'the claim was not found ineligible under the STCA (101(1)(e))'),
  },
  { id: 'T07', event: 'boc.received', from: ['REFERRED_RPD'], to: ['RPD_SCHEDULED'] },
  { id: 'T08', event: 'boc.deadline_missed', from: ['REFERRED_RPD'], to: ['BOC_OVERDUE_SPECIAL_HEARING'] },
  { id: 'T09', event: 'special_hearing.claim_continues', from: ['BOC_OVERDUE_SPECIAL_HEARING', 'NO_SHOW_SPECIAL_HEARING'], to: ['RPD_SCHEDULED'] },
  { id: 'X04', event: 'rpd.hearing_started', from: ['RPD_SCHEDULED'], to: ['RPD_IN_HEARING'] },
  {
    id: 'T10', event: 'rpd.declared_abandoned',
    from: ['BOC_OVERDUE_SPECIAL_HEARING', 'NO_SHOW_SPECIAL_HEARING', 'RPD_SCHEDULED', 'RPD_IN_HEARING'], to: ['RPD_ABANDONED'],
  },
  // T11 lands in an "S07-like" special hearing: its own state so the label says why.
  { id: 'T11', event: 'rpd.no_show', from: ['RPD_SCHEDULED', 'RPD_IN_HEARING'], to: ['NO_SHOW_SPECIAL_HEARING'] },
  { id: 'T12', event: 'minister.notice_103', from: ['REFERRED_RPD', 'RPD_SCHEDULED', 'RPD_IN_HEARING'], to: ['RPD_SUSPENDED'] },
  // Table: from S09. §2.5 adds that a 104 notice can end a referred claim at any stage: every pending RPD/RAD proceeding.
  { id: 'T13', event: 'minister.notice_104', from: ['RPD_SUSPENDED', ...RPD_PENDING, ...RAD_PENDING], to: ['RPD_TERMINATED_104'] },
  // Table says back to S08; a suspension from S06 returns to S06 because the BOC may still be owed.
  {
    id: 'T14', event: 'suspension.lifted', from: ['RPD_SUSPENDED'], to: ['REFERRED_RPD', 'RPD_SCHEDULED', 'RPD_IN_HEARING'],
    resolve: (s) => s.suspendedFrom ?? 'RPD_SCHEDULED',
  },
  { id: 'T15', event: 'rpd.accepted', from: ['RPD_SCHEDULED', 'RPD_IN_HEARING'], to: ['RPD_ACCEPTED'] },
  { id: 'T16', event: 'rpd.allowed_without_hearing', from: ['REFERRED_RPD', 'RPD_SCHEDULED'], to: ['RPD_ACCEPTED'] },
  { id: 'T17', event: 'rpd.rejected', from: ['RPD_SCHEDULED', 'RPD_IN_HEARING'], to: ['RPD_REJECTED'] },
  // Table: S06–S08. Pre-referral withdrawals (S01–S05) land here too, so there is one withdrawn state for the 101(1)(c) bar.
  {
    id: 'T18', event: 'claimant.withdrew',
    from: ['CLAIM_MADE', 'ELIGIBILITY_PENDING', 'ELIGIBILITY_SUSPENDED', 'MINISTER_CONSIDERATION', ...RPD_PENDING], to: ['RPD_WITHDRAWN'],
  },
  {
    id: 'T19', event: 'rad.notice_filed', from: ['RPD_ACCEPTED', 'RPD_REJECTED'], to: ['RAD_FILED'],
    guard: (s) => (s.radBars.length === 0 ? null : `no right of appeal to the RAD: ${radBarText(s)}`),
  },
  { id: 'T20', event: 'rad.perfected', from: ['RAD_FILED'], to: ['RAD_PERFECTED'] },
  { id: 'T21', event: 'rad.not_perfected', from: ['RAD_FILED'], to: ['RAD_DISMISSED_NON_MERIT'] },
  { id: 'X05', event: 'rad.hearing_scheduled', from: ['RAD_PERFECTED'], to: ['RAD_IN_HEARING'] },
  { id: 'X06', event: 'rad.dismissed_non_merit', from: RAD_PENDING, to: ['RAD_DISMISSED_NON_MERIT'] },
  {
    id: 'T22', event: 'rad.decided', from: ['RAD_PERFECTED', 'RAD_IN_HEARING'],
    to: ['RAD_DISMISSED_CONFIRMED', 'RAD_ALLOWED_SUBSTITUTED', 'RAD_ALLOWED_REFERRED_BACK'],
    resolve: (_s, d) => {
      const outcome = (d as RadDecidedDetailsT).outcome;
      return outcome === 'CONFIRMED' ? 'RAD_DISMISSED_CONFIRMED' : outcome === 'REFERRED_BACK' ? 'RAD_ALLOWED_REFERRED_BACK' : 'RAD_ALLOWED_SUBSTITUTED';
    },
  },
  // Table: S06/S08. The BOC is already on file, so the new panel starts at S08.
  { id: 'T23', event: 'rpd.redetermination_opened', from: ['RAD_ALLOWED_REFERRED_BACK'], to: ['RPD_SCHEDULED'] },
  {
    id: 'T24', event: 'fc.leave_applied', from: FC_REVIEWABLE, to: ['FC_LEAVE_PENDING'],
    guard: (s) => {
      if (s.federalCourt) return 'the Federal Court has already disposed of this decision (IRPA 72(2)(e))';
      if (s.state === 'RPD_REJECTED' && s.radBars.length === 0) return 'a RAD appeal is available and must be exhausted first (IRPA 72(2)(a))';
      return radOutcomeIs('NEGATIVE')(s);
    },
  },
  { id: 'X07', event: 'fc.leave_granted', from: ['FC_LEAVE_PENDING'], to: ['FC_JR_PENDING'] },
  { id: 'T25', event: 'fc.leave_denied', from: ['FC_LEAVE_PENDING'], to: FC_REVIEWABLE, guard: hasFcTrack, resolve: (s) => fcTrack(s).returnTo },
  { id: 'T25', event: 'fc.jr_dismissed', from: ['FC_JR_PENDING'], to: FC_REVIEWABLE, guard: hasFcTrack, resolve: (s) => fcTrack(s).returnTo },
  // Table: S06/S15. A quashed RPD decision goes to a new RPD panel (S06); a quashed RAD decision back to the RAD.
  {
    id: 'T26', event: 'fc.jr_allowed', from: ['FC_JR_PENDING'], to: ['REFERRED_RPD', 'RAD_FILED', 'RAD_PERFECTED'],
    guard: hasFcTrack, resolve: (s) => fcTrack(s).remitTo,
  },
  // S24: only a JR dismissed with a certified question can go to the FCA. SCC leave is not modelled.
  {
    id: 'X08', event: 'fca.appeal_filed', from: FC_REVIEWABLE, to: ['FCA_APPEAL_PENDING'],
    guard: (s) => (s.federalCourt?.fcaAppealAvailable ? null : 'no question was certified when the judicial review was dismissed (IRPA 74(d))'),
  },
  { id: 'X09', event: 'fca.appeal_dismissed', from: ['FCA_APPEAL_PENDING'], to: FC_REVIEWABLE, guard: hasFcTrack, resolve: (s) => fcTrack(s).returnTo },
  {
    id: 'X10', event: 'fca.appeal_allowed', from: ['FCA_APPEAL_PENDING'], to: ['REFERRED_RPD', 'RAD_FILED', 'RAD_PERFECTED'],
    guard: hasFcTrack, resolve: (s) => fcTrack(s).remitTo,
  },
  // Table: S10/S17(pos). A Minister's appeal that fails (S16, S19) also leaves a positive decision.
  { id: 'T27', event: 'protection.conferred', from: ['RPD_ACCEPTED', ...RAD_DECIDED], to: ['PROTECTED_PERSON'], guard: radOutcomeIs('POSITIVE') },
  { id: 'T28', event: 'minister.cessation_application', from: ['PROTECTED_PERSON'], to: ['CESSATION_PENDING'] },
  { id: 'T28', event: 'minister.vacation_application', from: ['PROTECTED_PERSON'], to: ['VACATION_PENDING'] },
  { id: 'T29', event: 'rpd.cessation_allowed', from: ['CESSATION_PENDING'], to: ['PROTECTION_CEASED'] },
  { id: 'T29', event: 'rpd.vacation_allowed', from: ['VACATION_PENDING'], to: ['PROTECTION_VACATED'] },
  { id: 'X11', event: 'rpd.cessation_rejected', from: ['CESSATION_PENDING'], to: ['PROTECTED_PERSON'] },
  { id: 'X11', event: 'rpd.vacation_rejected', from: ['VACATION_PENDING'], to: ['PROTECTED_PERSON'] },
  { id: 'T30', event: 'removal_order.in_force', from: REMOVAL_ORDER_SOURCES, to: ['REMOVAL_ORDER_IN_FORCE'], guard: radOutcomeIs('NEGATIVE') },
  { id: 'T31', event: 'stay.imposed', from: ['REMOVAL_ORDER_IN_FORCE'], to: ['REMOVAL_STAYED'] },
  { id: 'T31', event: 'stay.lifted', from: ['REMOVAL_STAYED'], to: ['REMOVAL_ORDER_IN_FORCE'] },
  {
    id: 'T32', event: 'prra.notified', from: ['REMOVAL_ORDER_IN_FORCE'], to: ['PRRA_NOTIFIED'],
    guard: (s) => (s.prra.excluded ? 'an STCA ineligibility determination excludes a PRRA (IRPA 112(2)(b))' : null),
  },
  { id: 'X12', event: 'prra.applied', from: ['PRRA_NOTIFIED'], to: ['PRRA_APPLIED'] },
  { id: 'X13', event: 'prra.not_applied', from: ['PRRA_NOTIFIED'], to: ['REMOVAL_ORDER_IN_FORCE'] },
  {
    id: 'T33', event: 'prra.positive', from: ['PRRA_APPLIED'], to: ['PROTECTED_PERSON', 'REMOVAL_STAYED'],
    resolve: (s) => (s.prra.restricted ? 'REMOVAL_STAYED' : 'PROTECTED_PERSON'),
  },
  { id: 'T34', event: 'prra.negative', from: ['PRRA_APPLIED'], to: ['REMOVAL_ORDER_IN_FORCE'] },
  // Enforceable = in force and not stayed (IRPA 48(1)): only from S25 itself, never S26 or a PRRA state (R232).
  { id: 'T35', event: 'removal.enforced', from: ['REMOVAL_ORDER_IN_FORCE'], to: ['REMOVED'] },
  { id: 'T35', event: 'departure.confirmed', from: ['REMOVAL_ORDER_IN_FORCE'], to: ['DEPARTED'] },
  // S29: H&C and the like are barred while a claim is pending before the RPD/RAD (IRPA 25(1.2)(b)), so only once it is not.
  {
    id: 'X14', event: 'other_status.granted',
    from: [
      'INELIGIBLE', 'RPD_REJECTED', 'RPD_ABANDONED', 'RPD_WITHDRAWN', 'RPD_TERMINATED_104', ...RAD_DECIDED,
      'FC_LEAVE_PENDING', 'FC_JR_PENDING', 'FCA_APPEAL_PENDING', 'PROTECTION_CEASED', 'PROTECTION_VACATED',
      'REMOVAL_ORDER_IN_FORCE', 'REMOVAL_STAYED', 'PRRA_NOTIFIED', 'PRRA_APPLIED',
    ],
    to: ['OTHER_STATUS'], guard: radOutcomeIs('NEGATIVE'),
  },
];

const BY_EVENT = new Map<LifecycleEventType, TransitionRow>();
for (const row of TRANSITIONS) {
  if (BY_EVENT.has(row.event)) throw new Error(`two transition rows for ${row.event}`);
  BY_EVENT.set(row.event, row);
}

export function transitionFor(event: LifecycleEventType): TransitionRow | undefined {
  return BY_EVENT.get(event);
}
