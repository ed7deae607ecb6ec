/**
 * Legal time limits as data, computed from a claim's lifecycle events (domain §4). Pure: the working
 * calendar is passed in, so Canada's holidays live in jurisdictions/ca and the clock stays outside.
 *
 * Where it is unclear whether a limit ending on a weekend or holiday rolls forward (§4.1, §9.6), both
 * dates are given: the safe date (the last working day on or before the limit) and the latest date if
 * it rolls (the next working day), flagged.
 */
import { addDays } from '../dates.ts';

export type Unit = 'CAL_DAYS' | 'WORKING_DAYS';
export type Roll = 'NONE' | 'NEXT_WORKING_DAY' | 'PREVIOUS_WORKING_DAY' | 'UNCLEAR';
export type CalendarKind = 'IRB_OFFICES' | 'FED_COURTS' | 'FEDERAL_IA';
interface Bilingual { en: string; fr: string }

export interface TimeLimitRule {
  id: string;
  /** Row of the deadline table, domain §4.2. */
  specId: string;
  labels: Bilingual;
  /** Events that start the clock (the latest one counts) and which of their dates. */
  /** 'hearing': the hearing date in the event's details, counted backwards ("at least N days before"). */
  trigger: { events: readonly string[]; date: 'effective' | 'received_or_deemed' | 'hearing' };
  /** Counting from another limit's due date instead of an event (D03, D04). */
  relativeTo?: { rule: string; direction: 'before' | 'after' };
  length: number;
  unit: Unit;
  /** A practice notice that replaces the regulation's length from a date (both are shown). */
  practice?: { length: number; effectiveFrom: string; source: string };
  roll: Roll;
  calendar: CalendarKind;
  /** Events that satisfy the limit. */
  metBy: readonly string[];
  /** Events after which the limit no longer matters. */
  endedBy?: readonly string[];
  /** A reminder no event records the completion of: once past, it ends rather than being missed. */
  reminder?: boolean;
  /** Who works this limit, for queues. */
  owner: 'RPD_REGISTRY' | 'RAD_REGISTRY' | 'COUNSEL' | 'CBSA' | 'IRCC';
  source: string;
}

export const TIME_LIMIT_RULES: readonly TimeLimitRule[] = [
  {
    id: 'RPD_BOC_POE', specId: 'D02/D02b',
    labels: { en: 'Basis of Claim form due at the RPD (port-of-entry claim)', fr: 'Formulaire Fondement de la demande d’asile dû à la SPR (demande au point d’entrée)' },
    trigger: { events: ['eligibility.eligible_referred', 'minister.referred'], date: 'effective' },
    length: 15, unit: 'CAL_DAYS', practice: { length: 45, effectiveFrom: '2024-09-09', source: 'IRB RPD Practice Notice on Procedural Issues s.2.1' },
    roll: 'UNCLEAR', calendar: 'IRB_OFFICES', metBy: ['boc.received'], endedBy: ['boc.deadline_missed', 'claimant.withdrew', 'rpd.declared_abandoned', 'minister.notice_103', 'minister.notice_104'],
    owner: 'COUNSEL', source: 'IRPR 159.8(2)-(3); IRB-PN-2024 §2.1',
  },
  {
    id: 'RPD_BOC_EXTENSION_REQUEST', specId: 'D03',
    labels: { en: 'Request for a further BOC extension must be received', fr: 'Demande de prorogation du délai du FDA à recevoir au plus tard' },
    trigger: { events: ['eligibility.eligible_referred', 'minister.referred'], date: 'effective' },
    relativeTo: { rule: 'RPD_BOC_POE', direction: 'before' },
    length: 3, unit: 'WORKING_DAYS', roll: 'NONE', calendar: 'IRB_OFFICES', metBy: ['boc.received'], endedBy: ['boc.deadline_missed', 'claimant.withdrew', 'rpd.declared_abandoned'],
    owner: 'COUNSEL', source: 'IRB-PN-2024 §2.2 (in force 2024-10-15)',
  },
  {
    id: 'RPD_ABANDONMENT_HEARING_BOC', specId: 'D04',
    labels: { en: 'Abandonment special hearing (BOC not received) to be held by', fr: 'Audience spéciale sur le désistement (FDA non reçu) à tenir au plus tard' },
    trigger: { events: ['boc.deadline_missed'], date: 'effective' },
    relativeTo: { rule: 'RPD_BOC_POE', direction: 'after' },
    length: 5, unit: 'WORKING_DAYS', roll: 'NONE', calendar: 'IRB_OFFICES', metBy: ['special_hearing.claim_continues', 'rpd.declared_abandoned'],
    endedBy: ['claimant.withdrew'], owner: 'RPD_REGISTRY', source: 'RPD Rules r.65(2)',
  },
  {
    id: 'RPD_ABANDONMENT_HEARING_NO_SHOW', specId: 'D05',
    labels: { en: 'Abandonment special hearing (no-show) to be held by', fr: 'Audience spéciale sur le désistement (absence) à tenir au plus tard' },
    trigger: { events: ['rpd.no_show'], date: 'effective' },
    length: 5, unit: 'WORKING_DAYS', roll: 'NONE', calendar: 'IRB_OFFICES', metBy: ['special_hearing.claim_continues', 'rpd.declared_abandoned'],
    endedBy: ['claimant.withdrew'], owner: 'RPD_REGISTRY', source: 'RPD Rules r.65(3),(5)',
  },
  {
    id: 'RPD_CHANGE_DATE_APPLICATION', specId: 'D07',
    labels: { en: 'Application to change the hearing date or time must be received', fr: 'Demande de changement de la date ou de l’heure de l’audience à recevoir au plus tard' },
    trigger: { events: ['eligibility.eligible_referred', 'minister.referred', 'rpd.redetermination_opened'], date: 'hearing' },
    length: 3, unit: 'WORKING_DAYS', roll: 'PREVIOUS_WORKING_DAY', calendar: 'IRB_OFFICES', metBy: [], reminder: true,
    endedBy: ['rpd.hearing_started', 'claimant.withdrew', 'rpd.declared_abandoned', 'rpd.accepted', 'rpd.rejected'], owner: 'COUNSEL', source: 'RPD Rules r.54',
  },
  {
    id: 'RPD_DISCLOSURE', specId: 'D08',
    labels: { en: 'Documents and witness information to be disclosed before the hearing', fr: 'Documents et renseignements sur les témoins à communiquer avant l’audience' },
    trigger: { events: ['eligibility.eligible_referred', 'minister.referred', 'rpd.redetermination_opened'], date: 'hearing' },
    length: 10, unit: 'CAL_DAYS', roll: 'PREVIOUS_WORKING_DAY', calendar: 'IRB_OFFICES', metBy: [], reminder: true,
    endedBy: ['rpd.hearing_started', 'claimant.withdrew', 'rpd.declared_abandoned', 'rpd.accepted', 'rpd.rejected'], owner: 'COUNSEL', source: 'RPD Rules r.34, r.44',
  },
  {
    id: 'RAD_NOTICE', specId: 'D09',
    labels: { en: 'Notice of appeal to the RAD', fr: 'Avis d’appel à la SAR' },
    trigger: { events: ['rpd.rejected'], date: 'received_or_deemed' },
    length: 15, unit: 'CAL_DAYS', roll: 'UNCLEAR', calendar: 'IRB_OFFICES', metBy: ['rad.notice_filed'],
    endedBy: ['fc.leave_applied', 'removal_order.in_force'], owner: 'COUNSEL', source: 'IRPR 159.91(1)(a); IRPA 110(2)',
  },
  {
    id: 'RAD_PERFECTION', specId: 'D10',
    labels: { en: 'Appellant’s record to perfect the RAD appeal', fr: 'Dossier de l’appelant pour mettre l’appel en état à la SAR' },
    trigger: { events: ['rpd.rejected'], date: 'received_or_deemed' },
    length: 30, unit: 'CAL_DAYS', practice: { length: 45, effectiveFrom: '2020-09-28', source: 'IRB RAD practice notice (2020-09-28)' },
    roll: 'UNCLEAR', calendar: 'IRB_OFFICES', metBy: ['rad.perfected'], endedBy: ['rad.not_perfected', 'fc.leave_applied', 'removal_order.in_force'],
    owner: 'COUNSEL', source: 'IRPR 159.91(1)(b); IRB-RAD-PN-2020',
  },
  {
    id: 'RAD_DECISION', specId: 'D11',
    labels: { en: 'RAD decision (without oral hearing)', fr: 'Décision de la SAR (sans audience)' },
    trigger: { events: ['rad.perfected'], date: 'effective' },
    length: 90, unit: 'CAL_DAYS', roll: 'NONE', calendar: 'IRB_OFFICES', metBy: ['rad.decided', 'rad.dismissed_non_merit'],
    endedBy: ['rad.hearing_scheduled'], owner: 'RAD_REGISTRY', source: 'IRPR 159.92; IRPA 110(6)',
  },
  {
    id: 'FC_LEAVE', specId: 'D13',
    labels: { en: 'Application for leave and judicial review at the Federal Court', fr: 'Demande d’autorisation et de contrôle judiciaire à la Cour fédérale' },
    trigger: { events: ['rad.decided', 'rad.dismissed_non_merit', 'rad.not_perfected', 'eligibility.ineligible', 'rpd.declared_abandoned', 'claimant.withdrew', 'prra.negative'], date: 'received_or_deemed' },
    length: 15, unit: 'CAL_DAYS', roll: 'NEXT_WORKING_DAY', calendar: 'FED_COURTS', metBy: ['fc.leave_applied'],
    endedBy: ['rpd.redetermination_opened', 'removal.enforced', 'departure.confirmed', 'protection.conferred'], owner: 'COUNSEL', source: 'IRPA 72(2)(b); Federal Courts Rules (holidays include Saturday)',
  },
  {
    id: 'PRRA_APPLICATION', specId: 'D16',
    labels: { en: 'PRRA application (in time for the regulatory stay)', fr: 'Demande d’ERAR (dans le délai, pour le sursis réglementaire)' },
    trigger: { events: ['prra.notified'], date: 'received_or_deemed' },
    length: 15, unit: 'CAL_DAYS', roll: 'UNCLEAR', calendar: 'FEDERAL_IA', metBy: ['prra.applied'], endedBy: ['prra.not_applied'],
    owner: 'COUNSEL', source: 'IRPR 160–162, 232',
  },
];

export interface TimelineEvent { type: string; effectiveDate: string; noticeDate?: string | null; receivedDate?: string | null; details?: Record<string, unknown> }

export type DeadlineStatus = 'OPEN' | 'MET' | 'MISSED' | 'ENDED' | 'NOT_APPLICABLE';

export interface Deadline {
  ruleId: string; specId: string; labels: Bilingual;
  trigger: { event: string; date: string; deemed: boolean };
  due: { safe: string; latestIfRolls: string | null; rollUnclear: boolean };
  /** The regulation's date where a practice notice gives more time. */
  regulatoryDue: string | null;
  basis: { length: number; unit: Unit; practiceNotice: string | null; source: string; calendar: string };
  status: DeadlineStatus;
  metOn: string | null;
  /** Days from asOf to the safe date (negative when past). */
  daysRemaining: number | null;
  owner: TimeLimitRule['owner'];
  explanation: Bilingual;
}

export interface DeadlineContext {
  asOf: string;
  /** Port-of-entry claims owe the BOC to the RPD (D02); inland claims gave it to the officer (D01). */
  portOfEntryClaim: boolean;
  /** Closed days of a calendar (weekends included as the calendar defines them). */
  isNonWorkingDay: (calendar: CalendarKind, day: string) => boolean;
}

/** Reasons a RAD appeal is barred (IRPA 110(2)), read from the events. */
function radBarred(events: readonly TimelineEvent[], rejection: TimelineEvent): boolean {
  const flags = (rejection.details?.flags as string[] | undefined) ?? [];
  if (flags.includes('NCB') || flags.includes('MUF')) return true;
  return events.some((e) => e.type === 'eligibility.eligible_referred' && typeof e.details?.stcaException === 'string' && e.details.stcaException !== '');
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function nextWorkingDay(day: string, closed: (d: string) => boolean): string {
  let d = day;
  while (closed(d)) d = addDays(d, 1);
  return d;
}

function previousWorkingDay(day: string, closed: (d: string) => boolean): string {
  let d = day;
  while (closed(d)) d = addDays(d, -1);
  return d;
}

/** N working days after (or before) a day, the day itself excluded. */
function addWorkingDays(day: string, n: number, closed: (d: string) => boolean, direction: 1 | -1): string {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, direction);
    if (!closed(d)) left -= 1;
  }
  return d;
}

/** Deemed receipt of a notice sent by mail: 7 days after it was sent, on a working day (domain §4.1). */
function triggerDate(e: TimelineEvent, mode: TimeLimitRule['trigger']['date'], closed: (d: string) => boolean): { date: string; deemed: boolean } | null {
  if (mode === 'hearing') return typeof e.details?.hearingDate === 'string' ? { date: e.details.hearingDate, deemed: false } : null;
  if (mode === 'effective') return { date: e.effectiveDate, deemed: false };
  if (e.receivedDate) return { date: e.receivedDate, deemed: false };
  return { date: nextWorkingDay(addDays(e.noticeDate ?? e.effectiveDate, 7), closed), deemed: true };
}

/** Every time limit the claim's events start, with its dates and status as of `asOf`. */
export function computeDeadlines(events: readonly TimelineEvent[], ctx: DeadlineContext, rules: readonly TimeLimitRule[] = TIME_LIMIT_RULES): Deadline[] {
  const out: Deadline[] = [];
  const byRule = new Map<string, Deadline>();
  for (const rule of rules) {
    const closed = (d: string) => ctx.isNonWorkingDay(rule.calendar, d);
    const base = rule.relativeTo ? byRule.get(rule.relativeTo.rule) : undefined;
    let triggerIndex = findLastIndex(events, (e) => rule.trigger.events.includes(e.type));
    // A limit counted after another one's due date also runs when that one is simply missed (D04).
    if (triggerIndex < 0 && rule.relativeTo?.direction === 'after' && base?.status === 'MISSED') {
      triggerIndex = findLastIndex(events, (e) => e.type === base.trigger.event);
    }
    if (triggerIndex < 0) continue;
    const trigger = events[triggerIndex] as TimelineEvent;
    if (rule.id.startsWith('RPD_BOC') && !ctx.portOfEntryClaim) continue;
    const start = triggerDate(trigger, rule.trigger.date, closed);
    if (!start) continue;
    const practiceApplies = rule.practice && start.date >= rule.practice.effectiveFrom;
    const length = practiceApplies && rule.practice ? rule.practice.length : rule.length;

    let raw: string;
    if (rule.relativeTo) {
      if (!base) continue;
      raw = addWorkingDays(base.due.safe, length, closed, rule.relativeTo.direction === 'before' ? -1 : 1);
    } else {
      const sign = rule.trigger.date === 'hearing' ? -1 : 1;
      raw = rule.unit === 'WORKING_DAYS' ? addWorkingDays(start.date, length, closed, sign) : addDays(start.date, sign * length);
    }
    const onClosedDay = closed(raw);
    const due = rule.roll === 'NEXT_WORKING_DAY'
      ? { safe: nextWorkingDay(raw, closed), latestIfRolls: null, rollUnclear: false }
      : rule.roll === 'PREVIOUS_WORKING_DAY'
      ? { safe: previousWorkingDay(raw, closed), latestIfRolls: null, rollUnclear: false }
      : rule.roll === 'UNCLEAR' && onClosedDay
        ? { safe: previousWorkingDay(raw, closed), latestIfRolls: nextWorkingDay(raw, closed), rollUnclear: true }
        : { safe: raw, latestIfRolls: null, rollUnclear: false };
    const regulatoryDue = practiceApplies ? addDays(start.date, rule.length) : null;

    const after = events.slice(triggerIndex + 1);
    const met = after.find((e) => rule.metBy.includes(e.type));
    const ended = after.find((e) => rule.endedBy?.includes(e.type));
    const lastDay = due.latestIfRolls ?? due.safe;
    let status: DeadlineStatus = met ? 'MET' : ended ? 'ENDED' : ctx.asOf > lastDay ? (rule.reminder ? 'ENDED' : 'MISSED') : 'OPEN';
    if ((rule.id === 'RAD_NOTICE' || rule.id === 'RAD_PERFECTION') && radBarred(events, trigger)) status = 'NOT_APPLICABLE';
    const deadline: Deadline = {
      ruleId: rule.id, specId: rule.specId, labels: rule.labels,
      trigger: { event: trigger.type, date: start.date, deemed: start.deemed },
      due, regulatoryDue,
      basis: { length, unit: rule.unit, practiceNotice: practiceApplies && rule.practice ? rule.practice.source : null, source: rule.source, calendar: rule.calendar },
      status, metOn: met?.effectiveDate ?? null,
      daysRemaining: status === 'OPEN' || status === 'MISSED' ? daysBetween(ctx.asOf, due.safe) : null,
      owner: rule.owner,
      explanation: explain(rule, start, length, due, practiceApplies ?? false, regulatoryDue),
    };
    byRule.set(rule.id, deadline);
    out.push(deadline);
  }
  return out;
}

function explain(rule: TimeLimitRule, start: { date: string; deemed: boolean }, length: number, due: Deadline['due'], practice: boolean, regulatoryDue: string | null): Bilingual {
  const unitEn = rule.unit === 'WORKING_DAYS' ? 'working days' : 'days';
  const unitFr = rule.unit === 'WORKING_DAYS' ? 'jours ouvrables' : 'jours';
  const rel = rule.relativeTo ? (rule.relativeTo.direction === 'before' ? { en: 'before the due date of', fr: 'avant l’échéance de' } : { en: 'after the due date of', fr: 'après l’échéance de' }) : null;
  const hearing = rule.trigger.date === 'hearing';
  const from = rel ? `${rel.en} ${rule.relativeTo?.rule}` : hearing ? `before the hearing on ${start.date}` : `after ${start.date}${start.deemed ? ' (deemed receipt: sent + 7 days)' : ''}`;
  const fromFr = rel ? `${rel.fr} ${rule.relativeTo?.rule}` : hearing ? `avant l’audience du ${start.date}` : `après le ${start.date}${start.deemed ? ' (réception réputée : envoi + 7 jours)' : ''}`;
  const rollEn = due.rollUnclear ? ` The limit falls on a day offices are closed; whether it moves is unclear: safe date ${due.safe}, latest ${due.latestIfRolls} if it rolls.` : '';
  const rollFr = due.rollUnclear ? ` Le délai tombe un jour de fermeture; son report est incertain : date sûre ${due.safe}, au plus tard le ${due.latestIfRolls} s’il est reporté.` : '';
  const pnEn = practice ? ` (practice notice; the regulation gives ${rule.length}: ${regulatoryDue})` : '';
  const pnFr = practice ? ` (avis de pratique; le règlement prévoit ${rule.length} : ${regulatoryDue})` : '';
  return {
    en: `${rule.labels.en}: ${length} ${unitEn}${pnEn} ${from} → ${due.safe}.${rollEn} Source: ${rule.source}.`,
    fr: `${rule.labels.fr} : ${length} ${unitFr}${pnFr} ${fromFr} → ${due.safe}.${rollFr} Source : ${rule.source}.`,
  };
}

function findLastIndex<T>(list: readonly T[], pred: (t: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i] as T)) return i;
  return -1;
}
