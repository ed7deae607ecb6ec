/**
 * Canada's time limits (domain.md §4.2) as data, for every row that lifecycle events can start and close.
 *
 * Not here, because no lifecycle event carries their start (see README in index.ts):
 *   D01 inland BOC to the officer (due "by the eligibility decision day": the decision itself is the event),
 *   D06b actual wait (not a time limit), D12 reply to a Minister's RAD intervention (no intervention event),
 *   D19 restricted-PRRA response (no assessment event), D20 one-year rule and D21 STCA window (the entry and
 *   crossing dates are eligibility facts, computed in src/domain/eligibility).
 * D02b (practice) is the `practice` override of D02; D10's 45-day practice value likewise.
 *
 * Readings of ❓ points are marked "❓" in comments; each is data, so a reviewer can change it here.
 */
import type { LifecycleEventType } from '../lifecycle/events.ts';
import type { Condition, CountingExclusion, DeadlineRule, DetailMatch, EventMatch, Exclusion, Labels } from './types.ts';

const ev = (type: LifecycleEventType, ...where: DetailMatch[]): EventMatch => (where.length > 0 ? { type, where } : { type });
const trigger = (type: LifecycleEventType, ...where: DetailMatch[]): Condition => ({ kind: 'TRIGGER', match: ev(type, ...where) });
const prior = (type: LifecycleEventType, ...where: DetailMatch[]): Condition => ({ kind: 'PRIOR', match: ev(type, ...where) });
const later = (type: LifecycleEventType, ...where: DetailMatch[]): Condition => ({ kind: 'LATER', match: ev(type, ...where) });
const not = (of: Condition): Condition => ({ kind: 'NOT', of });
const all = (...of: Condition[]): Condition => ({ kind: 'ALL', of });

const CLAIMANT: Labels = { en: 'Claimant or counsel', fr: 'Demandeur ou conseil' };
const APPELLANT: Labels = { en: 'Appellant', fr: 'Appelant' };
const RPD: Labels = { en: 'Refugee Protection Division', fr: 'Section de la protection des réfugiés' };
const RAD: Labels = { en: 'Refugee Appeal Division', fr: 'Section d\'appel des réfugiés' };
const APPLICANT: Labels = { en: 'Applicant or counsel', fr: 'Demandeur ou conseil' };
const PERSON: Labels = { en: 'The person concerned', fr: 'La personne concernée' };

// ------------------------------------------------------------------ shared conditions

const REFERRAL: readonly EventMatch[] = [ev('eligibility.eligible_referred'), ev('minister.referred')];
const HEARING_FIXED: readonly EventMatch[] = [
  ev('eligibility.eligible_referred', { key: 'hearingDate', present: true }),
  ev('minister.referred', { key: 'hearingDate', present: true }),
  ev('rpd.redetermination_opened', { key: 'hearingDate', present: true }),
];

const NCB_MUF = { key: 'flags', includesAny: ['NCB', 'MUF'] } as const;
const DESIGNATED = prior('claim.made', { key: 'designatedForeignNational', oneOf: [true] });
const STCA_EXCEPTION = prior('eligibility.eligible_referred', { key: 'stcaException', present: true });
const MINISTER_APPEAL = prior('rad.notice_filed', { key: 'appellant', oneOf: ['MINISTER'] });

/** IRPA 110(2) (domain.md §2.4): no RAD appeal. Shared by D09 and D10. */
const NO_RAD_APPEAL: readonly Exclusion[] = [
  {
    when: trigger('rpd.declared_abandoned'), source: 'IRPA 110(2)(c)',
    reason: { en: 'No appeal to the RAD from a decision that a claim is abandoned.', fr: 'Aucun appel à la SAR d\'une décision prononçant le désistement.' },
  },
  {
    when: trigger('claimant.withdrew'), source: 'IRPA 110(2)(c)',
    reason: { en: 'No appeal to the RAD from a decision that a claim is withdrawn.', fr: 'Aucun appel à la SAR d\'une décision constatant le retrait.' },
  },
  {
    when: trigger('rpd.rejected', { key: 'flags', includesAny: ['NCB'] }), source: 'IRPA 107(2), 110(2)(c)',
    reason: { en: 'The rejection states there is no credible basis: no RAD appeal.', fr: 'Le rejet conclut à l\'absence de minimum de fondement : aucun appel à la SAR.' },
  },
  {
    when: trigger('rpd.rejected', { key: 'flags', includesAny: ['MUF'] }), source: 'IRPA 107.1, 110(2)(c)',
    reason: { en: 'The rejection states the claim is manifestly unfounded: no RAD appeal.', fr: 'Le rejet conclut que la demande est manifestement infondée : aucun appel à la SAR.' },
  },
  {
    when: DESIGNATED, source: 'IRPA 110(2)(a)',
    reason: { en: 'Designated foreign national: no RAD appeal.', fr: 'Étranger désigné : aucun appel à la SAR.' },
  },
  {
    when: STCA_EXCEPTION, source: 'IRPA 110(2)(d)',
    reason: { en: 'Claim referred under a Safe Third Country Agreement exception: no RAD appeal.', fr: 'Demande déférée en vertu d\'une exception à l\'Entente sur les tiers pays sûrs : aucun appel à la SAR.' },
  },
];

/** RPD decisions that open (or, when excluded, do not open) a RAD appeal. The latest one counts. */
const RPD_DECISIONS: readonly EventMatch[] = [ev('rpd.rejected'), ev('rpd.accepted'), ev('rpd.declared_abandoned'), ev('claimant.withdrew')];

/** Federal Courts Rules r.6(3) recess. */
const FC_RECESS = (applies: CountingExclusion['applies']): CountingExclusion => ({
  from: '12-21', to: '01-07', applies, source: 'Federal Courts Rules r.6(3)',
  labels: { en: 'Federal Courts recess (Dec 21–Jan 7)', fr: 'Vacances judiciaires des Cours fédérales (21 déc.–7 janv.)' },
});

const NEGATIVE_RAD = ev('rad.decided', { key: 'outcome', oneOf: ['CONFIRMED', 'SUBSTITUTED_NEGATIVE'] });

export const CANADA_DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    id: 'D02', key: 'RPD_BOC_POE', nature: 'FILING', actor: CLAIMANT,
    labels: { en: 'Basis of Claim form to the RPD (port-of-entry claim)', fr: 'Formulaire Fondement de la demande d\'asile à la SPR (demande au point d\'entrée)' },
    trigger: { kind: 'EVENT', events: REFERRAL, date: 'effectiveDate' },
    length: { value: 15, unit: 'CAL_DAYS', direction: 'AFTER' },
    practice: { value: 45, unit: 'CAL_DAYS', effectiveFrom: '2024-09-09', source: 'IRB RPD Practice Notice on Procedural Issues s.2.1', confidence: 'CONFIRMED' },
    calendar: 'IRB_OFFICES',
    // The spec's example YAML assumes NEXT_WORKING_DAY "(assumption, flagged)"; §9.6 says configurable: show both.
    roll: 'CONFIGURABLE',
    closedBy: [ev('boc.received')],
    missedBy: [ev('boc.deadline_missed')],
    endedBy: [ev('claimant.withdrew'), ev('minister.notice_104'), ev('rpd.allowed_without_hearing')],
    notApplicableWhen: [{
      when: prior('claim.made', { key: 'channel', oneOf: ['INLAND_OFFICE', 'ONLINE'] }), source: 'IRPR 159.8(1)',
      reason: { en: 'Inland claim: the BOC goes to the officer by the eligibility decision (D01), not to the RPD.', fr: 'Demande présentée au Canada : le formulaire FDA est remis à l\'agent au plus tard à la décision sur la recevabilité (D01), non à la SPR.' },
    }],
    // IRPR 159.8 came into force with the 2012 reform.
    inForceFrom: '2012-12-15',
    source: 'IRPR 159.8(2)-(3); IRB RPD Practice Notice on Procedural Issues s.2.1', confidence: 'CONFIRMED',
  },
  {
    id: 'D03', key: 'RPD_BOC_EXTENSION_REQUEST', nature: 'FILING', actor: CLAIMANT,
    labels: { en: 'Application to extend the BOC deadline (received by the RPD)', fr: 'Demande de prorogation du délai du formulaire FDA (reçue par la SPR)' },
    trigger: { kind: 'RULE', ruleId: 'D02' },
    // Worked example §4.4: 3 working days before Thu 2026-07-16 is Mon 2026-07-13 (not clear days).
    length: { value: 3, unit: 'WORKING_DAYS', direction: 'BEFORE' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [],
    dependsOn: {
      ruleId: 'D02', whenParent: { OPEN: 'APPLIES', MISSED: 'APPLIES', MET: 'NOT_APPLICABLE', NOT_APPLICABLE: 'NOT_APPLICABLE' },
      reason: { en: 'Only needed while the BOC is outstanding.', fr: 'Utile seulement tant que le formulaire FDA n\'a pas été remis.' },
    },
    // Practice notice §2.2 in force 2024-10-15; compared with the BOC last day this is counted from.
    inForceFrom: '2024-10-15',
    source: 'IRB RPD Practice Notice on Procedural Issues s.2.2', confidence: 'CONFIRMED',
  },
  {
    id: 'D04', key: 'RPD_BOC_SPECIAL_HEARING', nature: 'TARGET', actor: RPD,
    labels: { en: 'Abandonment special hearing after a late BOC', fr: 'Audience spéciale sur le désistement après un formulaire FDA en retard' },
    trigger: { kind: 'RULE', ruleId: 'D02' },
    length: { value: 5, unit: 'WORKING_DAYS', direction: 'AFTER' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [ev('special_hearing.claim_continues'), ev('rpd.declared_abandoned')],
    endedBy: [ev('claimant.withdrew'), ev('minister.notice_104')],
    dependsOn: {
      ruleId: 'D02', whenParent: { OPEN: 'CONDITIONAL', MISSED: 'APPLIES', MET: 'NOT_APPLICABLE', NOT_APPLICABLE: 'NOT_APPLICABLE' },
      reason: { en: 'Held only if the BOC is not received in time.', fr: 'Tenue seulement si le formulaire FDA n\'est pas reçu à temps.' },
    },
    source: 'RPD Rules r.65(2)', confidence: 'CONFIRMED',
  },
  {
    id: 'D05', key: 'RPD_NO_SHOW_SPECIAL_HEARING', nature: 'TARGET', actor: RPD,
    labels: { en: 'Abandonment special hearing after a missed hearing', fr: 'Audience spéciale sur le désistement après un défaut de comparaître' },
    trigger: { kind: 'EVENT', events: [ev('rpd.no_show')], date: 'effectiveDate' },
    length: { value: 5, unit: 'WORKING_DAYS', direction: 'AFTER' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [ev('special_hearing.claim_continues'), ev('rpd.declared_abandoned')],
    endedBy: [ev('claimant.withdrew'), ev('minister.notice_104')],
    source: 'RPD Rules r.65(3),(5)', confidence: 'CONFIRMED',
  },
  {
    id: 'D06', key: 'RPD_HEARING_REGULATORY_TARGET', nature: 'TARGET', actor: RPD,
    labels: { en: 'RPD hearing (regulatory target)', fr: 'Audience de la SPR (délai réglementaire indicatif)' },
    trigger: { kind: 'EVENT', events: REFERRAL, date: 'effectiveDate' },
    // 30/45 days were for DCO nationals; the DCO list is empty since 2019-05-17, so 60 days for everyone.
    length: { value: 60, unit: 'CAL_DAYS', direction: 'AFTER' },
    // IRPR 159.9(2): a Saturday moves to the next working day; Sundays and holidays move under IA s.26 anyway.
    calendar: 'IRB_OFFICES', roll: 'NEXT_WORKING_DAY',
    closedBy: [ev('rpd.hearing_started'), ev('rpd.accepted'), ev('rpd.allowed_without_hearing'), ev('rpd.rejected')],
    endedBy: [ev('claimant.withdrew'), ev('rpd.declared_abandoned'), ev('minister.notice_103'), ev('minister.notice_104')],
    inForceFrom: '2012-12-15',
    source: 'IRPR 159.9', confidence: 'CONFIRMED',
    notes: {
      en: 'A target: the hearing may be later for fairness, a pending inquiry or the RPD\'s operational limitations (IRPR 159.9(3)); actual waits are far longer.',
      fr: 'Délai indicatif : l\'audience peut être plus tardive par équité, en raison d\'une enquête pendante ou des contraintes opérationnelles de la SPR (RIPR 159.9(3)); les délais réels sont bien plus longs.',
    },
  },
  {
    id: 'D07', key: 'RPD_CHANGE_DATE_APPLICATION', nature: 'FILING', actor: CLAIMANT,
    labels: { en: 'Application to change the hearing date or time', fr: 'Demande de changement de la date ou de l\'heure de l\'audience' },
    trigger: { kind: 'EVENT', events: HEARING_FIXED, date: { detail: 'hearingDate' } },
    length: { value: 3, unit: 'WORKING_DAYS', direction: 'BEFORE' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [],
    source: 'RPD Rules r.54', confidence: 'SECONDARY',
  },
  {
    id: 'D08', key: 'RPD_DISCLOSURE', nature: 'FILING', actor: CLAIMANT,
    labels: { en: 'Disclosure of documents and witness information', fr: 'Communication des documents et des renseignements sur les témoins' },
    trigger: { kind: 'EVENT', events: HEARING_FIXED, date: { detail: 'hearingDate' } },
    // "No later than 10 days before the hearing": hearing day minus 10, read like D03 (not 10 clear days) ❓.
    length: { value: 10, unit: 'CAL_DAYS', direction: 'BEFORE' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [],
    source: 'RPD Rules r.34, r.44', confidence: 'SECONDARY',
  },
  {
    id: 'D09', key: 'RAD_NOTICE', nature: 'FILING', actor: APPELLANT,
    labels: { en: 'Notice of appeal to the RAD', fr: 'Avis d\'appel à la SAR' },
    trigger: { kind: 'EVENT', events: RPD_DECISIONS, date: 'receivedDate', deemedReceipt: { days: 7, roll: 'NEXT_WORKING_DAY' } },
    length: { value: 15, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'IRB_OFFICES', roll: 'CONFIGURABLE',
    closedBy: [ev('rad.notice_filed')],
    notApplicableWhen: NO_RAD_APPEAL,
    source: 'IRPR 159.91(1)(a),(2); IRPA 110(2)', confidence: 'CONFIRMED',
    notes: { en: 'The claimant may appeal a rejection; only the Minister may appeal an acceptance (IRPA 110(1)).', fr: 'Le demandeur peut faire appel d\'un rejet; seul le ministre peut faire appel d\'une acceptation (LIPR 110(1)).' },
  },
  {
    id: 'D10', key: 'RAD_PERFECT', nature: 'FILING', actor: APPELLANT,
    labels: { en: 'Perfecting the RAD appeal (appellant\'s record)', fr: 'Mise en état de l\'appel à la SAR (dossier de l\'appelant)' },
    trigger: { kind: 'EVENT', events: RPD_DECISIONS, date: 'receivedDate', deemedReceipt: { days: 7, roll: 'NEXT_WORKING_DAY' } },
    length: { value: 30, unit: 'CAL_DAYS', direction: 'AFTER' },
    // IRB news dates the notice 2020-09-28; a secondary site says December 2020 (§9 point 1): the earlier date is used.
    practice: { value: 45, unit: 'CAL_DAYS', effectiveFrom: '2020-09-28', source: 'IRB RAD practice notice of extended time limit for perfecting an appeal (2020)', confidence: 'CONFIRMED' },
    calendar: 'IRB_OFFICES', roll: 'CONFIGURABLE',
    closedBy: [ev('rad.perfected')],
    missedBy: [ev('rad.not_perfected')],
    endedBy: [ev('rad.dismissed_non_merit')],
    notApplicableWhen: NO_RAD_APPEAL,
    dependsOn: {
      ruleId: 'D09', whenParent: { OPEN: 'APPLIES', MET: 'APPLIES', MISSED: 'NOT_APPLICABLE', NOT_APPLICABLE: 'NOT_APPLICABLE' },
      reason: { en: 'No notice of appeal was filed in time.', fr: 'Aucun avis d\'appel n\'a été déposé à temps.' },
    },
    source: 'IRPR 159.91(1)(b); IRB RAD practice notice 2020', confidence: 'CONFIRMED',
  },
  {
    id: 'D11', key: 'RAD_DECISION_TARGET', nature: 'TARGET', actor: RAD,
    labels: { en: 'RAD decision (regulatory target)', fr: 'Décision de la SAR (délai réglementaire indicatif)' },
    trigger: { kind: 'EVENT', events: [ev('rad.perfected')], date: 'effectiveDate' },
    length: { value: 90, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'IRB_OFFICES', roll: 'NONE',
    closedBy: [ev('rad.decided'), ev('rad.dismissed_non_merit')],
    notApplicableWhen: [{
      when: later('rad.hearing_scheduled'), source: 'IRPR 159.92(2); IRPA 110(6)',
      reason: { en: 'An oral hearing is held: the RAD decides as soon as feasible.', fr: 'Une audience est tenue : la SAR décide dès que possible.' },
    }],
    source: 'IRPR 159.92', confidence: 'CONFIRMED',
  },
  {
    id: 'D13', key: 'FC_LEAVE_IN_CANADA', nature: 'FILING', actor: APPLICANT,
    labels: { en: 'Application for leave and judicial review (Federal Court)', fr: 'Demande d\'autorisation et de contrôle judiciaire (Cour fédérale)' },
    trigger: {
      kind: 'EVENT',
      events: [
        ev('rpd.rejected'), ev('rpd.declared_abandoned'), ev('claimant.withdrew'), NEGATIVE_RAD, ev('rad.not_perfected'),
        ev('rad.dismissed_non_merit'), ev('eligibility.ineligible'), ev('minister.determined_ineligible'),
        ev('rpd.cessation_allowed'), ev('rpd.vacation_allowed'),
      ],
      // "Notified of or otherwise becomes aware": the recorded receipt, else the notice date with no mail days added (conservative).
      date: 'receivedDate', deemedReceipt: { days: 0, roll: 'NONE' },
    },
    length: { value: 15, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FED_COURTS', roll: 'NEXT_NON_HOLIDAY',
    // Whether the recess stretches the statutory 15 days is ❓ (§4.1, §9 point 10): the safe date ignores it.
    countingExclusions: [FC_RECESS('UNCLEAR')],
    closedBy: [ev('fc.leave_applied')],
    notApplicableWhen: [
      {
        when: all(trigger('rpd.rejected'), not(trigger('rpd.rejected', NCB_MUF)), not(DESIGNATED), not(STCA_EXCEPTION)),
        source: 'IRPA 72(2)(a)',
        reason: { en: 'A RAD appeal is available and must be exhausted before the Federal Court.', fr: 'Un appel à la SAR est possible et doit être épuisé avant la Cour fédérale.' },
      },
      {
        when: all(trigger('rad.decided', { key: 'outcome', oneOf: ['CONFIRMED'] }), MINISTER_APPEAL), source: 'IRPA 111(1)(a)',
        reason: { en: 'The RAD confirmed an acceptance (Minister\'s appeal): nothing for the claimant to review.', fr: 'La SAR a confirmé une acceptation (appel du ministre) : rien à contester pour le demandeur.' },
      },
    ],
    source: 'IRPA 72(2)(b)', confidence: 'CONFIRMED',
    notes: { en: '60 days if the matter arose outside Canada (72(2)(b)); the Court may extend for special reasons.', fr: '60 jours si l\'affaire a pris naissance hors du Canada (72(2)b)); la Cour peut proroger pour motifs valables.' },
  },
  {
    id: 'D13P', key: 'FC_LEAVE_PRRA', nature: 'FILING', actor: APPLICANT,
    labels: { en: 'Application for leave and judicial review of a PRRA refusal', fr: 'Demande d\'autorisation et de contrôle judiciaire d\'un ERAR défavorable' },
    trigger: { kind: 'EVENT', events: [ev('prra.negative')], date: 'receivedDate', deemedReceipt: { days: 0, roll: 'NONE' } },
    length: { value: 15, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FED_COURTS', roll: 'NEXT_NON_HOLIDAY',
    countingExclusions: [FC_RECESS('UNCLEAR')],
    closedBy: [ev('fc.leave_applied')],
    source: 'IRPA 72(2)(b)', confidence: 'CONFIRMED',
  },
  {
    id: 'D14', key: 'FC_APPLICANT_RECORD', nature: 'FILING', actor: APPLICANT,
    labels: { en: 'Applicant\'s record (Federal Court)', fr: 'Dossier du demandeur (Cour fédérale)' },
    trigger: { kind: 'EVENT', events: [ev('fc.leave_applied')], date: 'effectiveDate' },
    length: { value: 30, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FED_COURTS', roll: 'NEXT_NON_HOLIDAY',
    // A period under the Rules, so r.6(3) applies (§4.1).
    countingExclusions: [FC_RECESS('YES')],
    closedBy: [],
    endedBy: [ev('fc.leave_granted'), ev('fc.leave_denied')],
    source: 'Federal Courts Citizenship, Immigration and Refugee Protection Rules r.10', confidence: 'SECONDARY',
    notes: { en: 'If the decision-maker\'s reasons were not received, 30 days after they are (r.9-10).', fr: 'Si les motifs n\'ont pas été reçus, 30 jours après leur réception (r. 9-10).' },
  },
  {
    id: 'D15', key: 'FCA_APPEAL', nature: 'FILING', actor: APPLICANT,
    labels: { en: 'Appeal to the Federal Court of Appeal (certified question)', fr: 'Appel à la Cour d\'appel fédérale (question certifiée)' },
    trigger: { kind: 'EVENT', events: [ev('fc.jr_dismissed', { key: 'certifiedQuestion', present: true })], date: 'effectiveDate' },
    length: { value: 30, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FED_COURTS', roll: 'NEXT_NON_HOLIDAY',
    countingExclusions: [
      // Federal Courts Act s.27(2)(b) leaves out July and August; not in the spec (D15 is ❓), so only the later date uses it.
      {
        from: '07-01', to: '08-31', applies: 'UNCLEAR', source: 'Federal Courts Act s.27(2)(b)',
        labels: { en: 'July and August', fr: 'Juillet et août' },
      },
      FC_RECESS('UNCLEAR'),
    ],
    closedBy: [ev('fca.appeal_filed')],
    source: 'IRPA 74(d); Federal Courts Act s.27', confidence: 'UNCONFIRMED',
  },
  {
    id: 'D16', key: 'PRRA_APPLICATION', nature: 'FILING', actor: PERSON,
    labels: { en: 'PRRA application', fr: 'Demande d\'ERAR' },
    trigger: { kind: 'EVENT', events: [ev('prra.notified')], date: 'receivedDate', deemedReceipt: { days: 7, roll: 'NEXT_WORKING_DAY' } },
    length: { value: 15, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FEDERAL_IA', roll: 'CONFIGURABLE',
    closedBy: [ev('prra.applied')],
    missedBy: [ev('prra.not_applied')],
    source: 'IRPR 160, 162; IRCC PRRA intake instructions', confidence: 'CONFIRMED',
    notes: { en: 'An application in time triggers the regulatory stay of removal (IRPR 232).', fr: 'Une demande présentée à temps entraîne le sursis réglementaire au renvoi (RIPR 232).' },
  },
  {
    id: 'D16S', key: 'PRRA_SUBMISSIONS', nature: 'FILING', actor: PERSON,
    labels: { en: 'PRRA written submissions and evidence', fr: 'Observations écrites et preuve à l\'appui de l\'ERAR' },
    trigger: { kind: 'EVENT', events: [ev('prra.notified')], date: 'receivedDate', deemedReceipt: { days: 7, roll: 'NEXT_WORKING_DAY' } },
    // 15 days for the application plus 15 for submissions, from notification (◐).
    length: { value: 30, unit: 'CAL_DAYS', direction: 'AFTER' },
    calendar: 'FEDERAL_IA', roll: 'CONFIGURABLE',
    closedBy: [],
    endedBy: [ev('prra.positive'), ev('prra.negative')],
    dependsOn: {
      ruleId: 'D16', whenParent: { OPEN: 'CONDITIONAL', MET: 'APPLIES', MISSED: 'NOT_APPLICABLE', NOT_APPLICABLE: 'NOT_APPLICABLE' },
      reason: { en: 'Only with a PRRA application made in time.', fr: 'Seulement si la demande d\'ERAR est présentée à temps.' },
    },
    source: 'IRPR 162; IRCC PRRA intake instructions', confidence: 'SECONDARY',
  },
  {
    id: 'D17', key: 'PRRA_BAR_AFTER_IRB', nature: 'BAR', actor: PERSON,
    labels: { en: 'PRRA bar after a negative IRB decision (ends)', fr: 'Interdiction d\'ERAR après une décision négative de la CISR (fin)' },
    trigger: {
      kind: 'EVENT',
      events: [
        ev('rpd.rejected'), ev('rpd.declared_abandoned'), ev('claimant.withdrew'), NEGATIVE_RAD, ev('rad.not_perfected'),
        ev('fc.leave_denied'), ev('fc.jr_dismissed', { key: 'certifiedQuestion', present: false }), ev('fca.appeal_dismissed'),
        ev('rpd.cessation_allowed'),
      ],
      date: 'effectiveDate',
    },
    length: { value: 12, unit: 'CAL_MONTHS', direction: 'AFTER' },
    calendar: 'FEDERAL_IA', roll: 'NONE',
    closedBy: [],
    endedBy: [
      ev('rpd.accepted'), ev('rpd.allowed_without_hearing'), ev('rad.decided', { key: 'outcome', oneOf: ['SUBSTITUTED_POSITIVE', 'REFERRED_BACK'] }),
      ev('fc.jr_allowed'), ev('fca.appeal_allowed'), ev('protection.conferred'), ev('rpd.redetermination_opened'),
    ],
    notApplicableWhen: [
      {
        when: prior('rpd.rejected', { key: 'flags', includesAny: ['EXCLUDED_1E', 'EXCLUDED_1F'] }), source: 'IRPA 112(2)(b.1)',
        reason: { en: 'The rejection rests on Article 1E or 1F: the bar does not apply.', fr: 'Le rejet repose sur la section E ou F de l\'article premier : l\'interdiction ne s\'applique pas.' },
      },
      {
        when: all(trigger('rad.decided', { key: 'outcome', oneOf: ['CONFIRMED'] }), MINISTER_APPEAL), source: 'IRPA 111(1)(a)',
        reason: { en: 'The RAD confirmed an acceptance: no negative decision.', fr: 'La SAR a confirmé une acceptation : aucune décision négative.' },
      },
    ],
    source: 'IRPA 112(2)(b.1)', confidence: 'CONFIRMED',
    notes: { en: 'Exemptions by country may apply (112(2.1)).', fr: 'Des exemptions par pays peuvent s\'appliquer (112(2.1)).' },
  },
  {
    id: 'D18', key: 'PRRA_BAR_AFTER_PRRA', nature: 'BAR', actor: PERSON,
    labels: { en: 'PRRA bar after a prior PRRA refusal (ends)', fr: 'Interdiction d\'ERAR après un ERAR défavorable (fin)' },
    trigger: { kind: 'EVENT', events: [ev('prra.negative')], date: 'effectiveDate' },
    length: { value: 12, unit: 'CAL_MONTHS', direction: 'AFTER' },
    calendar: 'FEDERAL_IA', roll: 'NONE',
    closedBy: [],
    source: 'IRPA 112(2)(c)', confidence: 'CONFIRMED',
  },
];

/** D-ids of §4.2 with no rule, and why (for reports and the UI). */
export const NOT_COMPUTED: Readonly<Record<string, Labels>> = {
  D01: { en: 'Due by the eligibility decision itself; no event records the BOC given to the officer.', fr: 'Dû au plus tard à la décision sur la recevabilité; aucun événement n\'enregistre la remise du FDA à l\'agent.' },
  D02b: { en: 'Folded into D02 as its practice-notice value.', fr: 'Intégré à D02 comme valeur de l\'avis de pratique.' },
  D06b: { en: 'An observed wait, not a time limit.', fr: 'Un délai constaté, non un délai légal.' },
  D12: { en: 'No lifecycle event records the Minister\'s intervention at the RAD.', fr: 'Aucun événement n\'enregistre l\'intervention du ministre à la SAR.' },
  D19: { en: 'No lifecycle event records the restricted-PRRA assessments.', fr: 'Aucun événement n\'enregistre les évaluations de l\'ERAR restreint.' },
  D20: { en: 'Starts at first entry, an eligibility fact (src/domain/eligibility).', fr: 'Court depuis la première entrée, un fait de recevabilité (src/domain/eligibility).' },
  D21: { en: 'Starts at the border crossing, an eligibility fact (src/domain/eligibility).', fr: 'Court depuis le passage de la frontière, un fait de recevabilité (src/domain/eligibility).' },
};
