/**
 * Outcome categories of the Immigration and Refugee Board's published statistics, with English and
 * French labels (domain spec §5.1 and §5.2).
 *
 * - RPD (Refugee Protection Division / Section de la protection des réfugiés, SPR): the four finalized
 *   categories of the IRB claim tables; "Total finalized" is their sum.
 * - RAD (Refugee Appeal Division / Section d'appel des réfugiés, SAR): three non-merit and three merit
 *   categories.
 *
 * Pure data: no I/O.
 */
import type { LocalizedLabel } from './countries.ts';

export const RPD_OUTCOMES = ['ACCEPTED', 'REJECTED', 'ABANDONED', 'WITHDRAWN_OTHER'] as const;
export type RpdOutcome = (typeof RPD_OUTCOMES)[number];

export interface RpdOutcomeInfo {
  readonly labels: LocalizedLabel;
  /** Column heading in the IRB statistical tables. */
  readonly irbColumn: LocalizedLabel;
  /** Lifecycle event types that finalize a claim in this category (domain spec §2.3). */
  readonly eventTypes: readonly string[];
  /** Claim states (domain spec §2.2) counted in this category. */
  readonly states: readonly string[];
}

export const RPD_OUTCOME_INFO: Readonly<Record<RpdOutcome, RpdOutcomeInfo>> = {
  ACCEPTED: {
    labels: { en: 'Accepted', fr: 'Acceptée' },
    irbColumn: { en: 'Accepted', fr: 'Acceptées' },
    eventTypes: ['rpd.accepted', 'rpd.allowed_without_hearing'],
    states: ['S10'],
  },
  REJECTED: {
    labels: { en: 'Rejected', fr: 'Rejetée' },
    irbColumn: { en: 'Rejected', fr: 'Rejetées' },
    eventTypes: ['rpd.rejected'],
    states: ['S11'],
  },
  ABANDONED: {
    labels: { en: 'Abandoned', fr: 'Désistement' },
    irbColumn: { en: 'Abandoned', fr: 'Désistements' },
    eventTypes: ['rpd.declared_abandoned'],
    states: ['S12'],
  },
  WITHDRAWN_OTHER: {
    labels: { en: 'Withdrawn and other', fr: 'Retrait et autres' },
    irbColumn: { en: 'Withdrawn and Other', fr: 'Retraits et autres' },
    eventTypes: ['claimant.withdrew', 'minister.notice_104'],
    states: ['S13', 'S14'],
  },
};

/** RPD outcome category of a finalizing event type, or undefined if the event does not finalize. */
export function rpdOutcomeOfEvent(eventType: string): RpdOutcome | undefined {
  for (const o of RPD_OUTCOMES) {
    if (RPD_OUTCOME_INFO[o].eventTypes.includes(eventType)) return o;
  }
  return undefined;
}

export const RAD_OUTCOMES = [
  'DISMISSED_NO_JURISDICTION',
  'DISMISSED_NOT_PERFECTED',
  'DISMISSED_WITHDRAWN_ABANDONED_OTHER',
  'DISMISSED_CONFIRMED',
  'ALLOWED_REFERRED_BACK',
  'ALLOWED_SUBSTITUTED',
] as const;
export type RadOutcome = (typeof RAD_OUTCOMES)[number];

export interface RadOutcomeInfo {
  readonly labels: LocalizedLabel;
  /** Decided on the merits (false for the three non-merit dismissals). */
  readonly merit: boolean;
  /** Appeal allowed (RPD decision set aside). */
  readonly allowed: boolean;
  /** Claim state reached (domain spec §2.2). */
  readonly state: string;
}

export const RAD_OUTCOME_INFO: Readonly<Record<RadOutcome, RadOutcomeInfo>> = {
  DISMISSED_NO_JURISDICTION: {
    labels: { en: 'Dismissed – Lack of RAD jurisdiction', fr: 'Rejeté – Absence de compétence de la SAR' },
    merit: false,
    allowed: false,
    state: 'S19',
  },
  DISMISSED_NOT_PERFECTED: {
    labels: { en: 'Dismissed – Appeal not perfected', fr: 'Rejeté – Appel non mis en état' },
    merit: false,
    allowed: false,
    state: 'S19',
  },
  DISMISSED_WITHDRAWN_ABANDONED_OTHER: {
    labels: { en: 'Dismissed – Withdrawn, abandoned & other', fr: 'Rejeté – Retrait, désistement et autres' },
    merit: false,
    allowed: false,
    state: 'S19',
  },
  DISMISSED_CONFIRMED: {
    labels: { en: 'Dismissed – Confirmed RPD', fr: 'Rejeté – Décision de la SPR confirmée' },
    merit: true,
    allowed: false,
    state: 'S16',
  },
  ALLOWED_REFERRED_BACK: {
    labels: { en: 'Allowed – Referred back', fr: 'Accueilli – Renvoyé à la SPR' },
    merit: true,
    allowed: true,
    state: 'S18',
  },
  ALLOWED_SUBSTITUTED: {
    labels: { en: 'Allowed – Substituted determination', fr: 'Accueilli – Décision substituée' },
    merit: true,
    allowed: true,
    state: 'S17',
  },
};

/** Non-outcome columns of the IRB tables, for report headings. */
export const IRB_TABLE_COLUMNS: Readonly<Record<'REFERRED' | 'FILED' | 'TOTAL_FINALIZED' | 'PENDING', LocalizedLabel>> = {
  REFERRED: { en: 'Referred', fr: 'Déférées' },
  FILED: { en: 'Filed', fr: 'Interjetés' },
  TOTAL_FINALIZED: { en: 'Total finalized', fr: 'Total des décisions rendues' },
  PENDING: { en: 'Pending', fr: 'En instance' },
};
