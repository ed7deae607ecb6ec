/**
 * Outcome categories (domain.md §5.1, §5.2) and the acceptance-rate definitions of §5.3, as data.
 *
 * The IRB publishes counts, not an official rate formula, so every rate carries its id, its label
 * and its formula in both official languages. Rates are computed from unsuppressed internal counts;
 * disclosure control (protectRate) comes after (§5.3, §6.4).
 */

export type RpdOutcome =
  | 'REFERRED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'ABANDONED'
  | 'WITHDRAWN_OTHER'
  | 'TOTAL_FINALIZED'
  | 'PENDING';

export type RadOutcome =
  | 'RAD_FILED'
  | 'RAD_DISMISSED_NO_JURISDICTION'
  | 'RAD_DISMISSED_NOT_PERFECTED'
  | 'RAD_DISMISSED_WITHDRAWN_ABANDONED_OTHER'
  | 'RAD_DISMISSED_CONFIRMED'
  | 'RAD_ALLOWED_REFERRED_BACK'
  | 'RAD_ALLOWED_SUBSTITUTED'
  | 'RAD_TOTAL_FINALIZED'
  | 'RAD_PENDING';

export type OutcomeCategory = RpdOutcome | RadOutcome;

export interface Bilingual { en: string; fr: string }

export interface OutcomeCategoryInfo {
  labels: Bilingual;
  /** What the category includes, in terms of the system (§5.1 / §5.2). */
  includes: string;
  /** true for a finalization (a decision or other closure). */
  finalization: boolean;
  /** RAD only: the appeal was decided on its merits. */
  merit?: boolean;
}

export const OUTCOME_CATEGORIES: Record<OutcomeCategory, OutcomeCategoryInfo> = {
  REFERRED: { labels: { en: 'Referred', fr: 'Déférées' }, finalization: false, includes: 'New referrals, claims returned by the FC or the RAD for redetermination, and other RPD matters such as applications to reopen; excludes applications to vacate or cease and legacy claims' },
  ACCEPTED: { labels: { en: 'Accepted', fr: 'Acceptées' }, finalization: true, includes: 'S10, including claims allowed without a hearing' },
  REJECTED: { labels: { en: 'Rejected', fr: 'Rejetées' }, finalization: true, includes: 'S11, with any flag (no credible basis, manifestly unfounded, exclusion)' },
  ABANDONED: { labels: { en: 'Abandoned', fr: 'Désistements' }, finalization: true, includes: 'S12' },
  WITHDRAWN_OTHER: { labels: { en: 'Withdrawn and other', fr: 'Retraits et autres' }, finalization: true, includes: 'S13 and other closures (e.g. terminations on a s.104 notice)' },
  TOTAL_FINALIZED: { labels: { en: 'Total finalized', fr: 'Total des demandes réglées' }, finalization: true, includes: 'Accepted + rejected + abandoned + withdrawn and other' },
  PENDING: { labels: { en: 'Pending (end of period)', fr: 'En instance (fin de période)' }, finalization: false, includes: 'Stock of open RPD proceedings at the end of the period' },
  RAD_FILED: { labels: { en: 'Filed', fr: 'Interjetés' }, finalization: false, includes: 'New appeals filed with the RAD' },
  RAD_DISMISSED_NO_JURISDICTION: { labels: { en: 'Dismissed – lack of RAD jurisdiction', fr: 'Rejetés – absence de compétence de la SAR' }, finalization: true, merit: false, includes: 'Non-merit' },
  RAD_DISMISSED_NOT_PERFECTED: { labels: { en: 'Dismissed – appeal not perfected', fr: 'Rejetés – appel non mis en état' }, finalization: true, merit: false, includes: 'Non-merit' },
  RAD_DISMISSED_WITHDRAWN_ABANDONED_OTHER: { labels: { en: 'Dismissed – withdrawn, abandoned and other', fr: 'Rejetés – retirés, abandonnés et autres' }, finalization: true, merit: false, includes: 'Non-merit' },
  RAD_DISMISSED_CONFIRMED: { labels: { en: 'Dismissed – RPD decision confirmed', fr: 'Rejetés – décision de la SPR confirmée' }, finalization: true, merit: true, includes: 'Merit' },
  RAD_ALLOWED_REFERRED_BACK: { labels: { en: 'Allowed – referred back', fr: 'Accueillis – renvoyés' }, finalization: true, merit: true, includes: 'Merit' },
  RAD_ALLOWED_SUBSTITUTED: { labels: { en: 'Allowed – substituted determination', fr: 'Accueillis – décision substituée' }, finalization: true, merit: true, includes: 'Merit' },
  RAD_TOTAL_FINALIZED: { labels: { en: 'Total finalized', fr: 'Total des appels réglés' }, finalization: true, includes: 'All six finalization outcomes, merit and non-merit' },
  RAD_PENDING: { labels: { en: 'Pending', fr: 'En instance' }, finalization: false, includes: 'Appeals not finalized at the end of the period' },
};

export type RateId = 'ACC_FINALIZED' | 'ACC_MERITS' | 'UNHCR_TRR' | 'RAD_ALLOW_RATE';

export interface RateDefinition {
  id: RateId;
  labels: Bilingual;
  formula: Bilingual;
  numerator: OutcomeCategory[];
  denominator: OutcomeCategory[];
  /** A published total that may stand in for the sum of the denominator categories. */
  denominatorTotal?: OutcomeCategory;
  source: string;
  notes?: Bilingual;
}

export const RATE_DEFINITIONS: Readonly<Record<RateId, RateDefinition>> = {
  ACC_FINALIZED: {
    id: 'ACC_FINALIZED',
    labels: { en: 'Acceptance rate (share of finalized claims, IRB style)', fr: 'Taux d’acceptation (part des demandes réglées, style CISR)' },
    formula: {
      en: 'accepted ÷ total finalized (accepted + rejected + abandoned + withdrawn and other)',
      fr: 'acceptées ÷ total des demandes réglées (acceptées + rejetées + désistements + retraits et autres)',
    },
    numerator: ['ACCEPTED'],
    denominator: ['ACCEPTED', 'REJECTED', 'ABANDONED', 'WITHDRAWN_OTHER'],
    denominatorTotal: 'TOTAL_FINALIZED',
    source: 'domain.md §5.3 (default); shares reported from IRB statistical tables',
  },
  ACC_MERITS: {
    id: 'ACC_MERITS',
    labels: { en: 'Acceptance rate on the merits (recognition-rate style)', fr: 'Taux d’acceptation sur le fond (style taux de reconnaissance)' },
    formula: { en: 'accepted ÷ (accepted + rejected)', fr: 'acceptées ÷ (acceptées + rejetées)' },
    numerator: ['ACCEPTED'],
    denominator: ['ACCEPTED', 'REJECTED'],
    source: 'domain.md §5.3; Rehaag member tables; UNHCR-like',
    notes: { en: 'Abandoned and withdrawn claims are left out.', fr: 'Les désistements et les retraits sont exclus.' },
  },
  UNHCR_TRR: {
    id: 'UNHCR_TRR',
    labels: { en: 'UNHCR total recognition rate', fr: 'Taux total de reconnaissance (HCR)' },
    formula: {
      en: '(Convention refugee + complementary protection) ÷ substantive decisions; non-substantive closures excluded',
      fr: '(réfugiés au sens de la Convention + protection complémentaire) ÷ décisions sur le fond; les fermetures sans décision sur le fond sont exclues',
    },
    numerator: ['ACCEPTED'],
    denominator: ['ACCEPTED', 'REJECTED'],
    source: 'UNHCR Refugee Data Finder methodology; domain.md §5.3',
    notes: {
      en: 'IRB data count s.96 and s.97 positives together as "accepted", so on Canadian data this equals ACC_MERITS.',
      fr: 'Les données de la CISR regroupent les décisions favorables au titre des art. 96 et 97 sous « acceptées »; sur ces données, ce taux égale ACC_MERITS.',
    },
  },
  RAD_ALLOW_RATE: {
    id: 'RAD_ALLOW_RATE',
    labels: { en: 'RAD allow rate (merit decisions)', fr: 'Taux d’appels accueillis à la SAR (décisions sur le fond)' },
    formula: {
      en: '(referred back + substituted determination) ÷ merit decisions (confirmed + referred back + substituted)',
      fr: '(renvoyés + décision substituée) ÷ décisions sur le fond (confirmées + renvoyés + décision substituée)',
    },
    numerator: ['RAD_ALLOWED_REFERRED_BACK', 'RAD_ALLOWED_SUBSTITUTED'],
    denominator: ['RAD_DISMISSED_CONFIRMED', 'RAD_ALLOWED_REFERRED_BACK', 'RAD_ALLOWED_SUBSTITUTED'],
    source: 'domain.md §5.2, §5.3; IRB RAD statistics',
    notes: { en: 'Divided by merit decisions, not by all finalizations.', fr: 'Divisé par les décisions sur le fond, et non par l’ensemble des appels réglés.' },
  },
};

export type OutcomeCounts = Partial<Record<OutcomeCategory, number>>;

export interface RateResult {
  id: RateId;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  rate: number | null;
  /** The rate as a percentage rounded to one decimal; null when the denominator is 0. */
  percent: number | null;
}

/** Computes a rate from raw counts. A missing category is an error, never a silent zero. */
export function computeRate(id: RateId, counts: OutcomeCounts): RateResult {
  const def = RATE_DEFINITIONS[id];
  if (!def) throw new RangeError(`Unknown rate ${String(id)}`);
  const get = (cat: OutcomeCategory): number => {
    const v = counts[cat];
    if (v === undefined) throw new RangeError(`${id}: the count for ${cat} is missing`);
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${id}: the count for ${cat} must be a non-negative integer, got ${v}`);
    return v;
  };
  const numerator = def.numerator.reduce((a, c) => a + get(c), 0);
  const haveAll = def.denominator.every((c) => counts[c] !== undefined);
  const denominator = haveAll || !def.denominatorTotal || counts[def.denominatorTotal] === undefined
    ? def.denominator.reduce((a, c) => a + get(c), 0)
    : get(def.denominatorTotal);
  if (numerator > denominator) throw new RangeError(`${id}: numerator ${numerator} exceeds denominator ${denominator}`);
  if (denominator === 0) return { id, numerator, denominator, rate: null, percent: null };
  return { id, numerator, denominator, rate: numerator / denominator, percent: roundedPercent(numerator, denominator, 1) };
}

/** numerator ÷ denominator × 100, rounded half up to `decimals`, in integer arithmetic (no 80.45 → 80.4 float slips). */
export function roundedPercent(numerator: number, denominator: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor((2 * 100 * f * numerator + denominator) / (2 * denominator)) / f;
}
