/**
 * evaluateEligibility: every IRPA 101(1) ground, effective-dated, explained in English and French,
 * with the 100(2) suspension check and the consequences of §4.3 / §3.1. Pure: dates are inputs.
 *
 * Outcome precedence: any ground APPLIES → INELIGIBLE (a suspension is still reported, never hiding
 * it); else a 100(2) trigger → SUSPENDED (the officer must suspend even while other facts are
 * missing; the questions are still listed); else any UNKNOWN ground or unknown 100(2) fact →
 * INSUFFICIENT_FACTS; else ELIGIBLE. NOT_IN_FORCE grounds never make a claim ineligible.
 *
 * Effective dating: a ground reaching only claims made from a date is NOT_APPLICABLE to earlier claims
 * (whatever else is unknown); a ground not in force on the assessment date is NOT_IN_FORCE. So an
 * assessment dated before 2026-03-26 does not apply (b.1)/(b.2) even to a claim made after
 * 2025-06-03: the ground did not exist yet (C-12's reach-back operates from Royal Assent, e.g. by a
 * s.104 notice for a claim already referred). Callers validating untrusted input use
 * validateEligibilityFacts first; evaluateEligibility only rejects impossible or contradictory facts.
 */
import { Value } from 'typebox/value';
import { validationError, type FieldError } from '../errors.ts';
import { addYears, isIsoDate } from './calendar.ts';
import { DEFAULT_ELIGIBILITY_CONFIG, type EligibilityConfig } from './config.ts';
import { bi, joinBi, sortEntries, type Evaluation, type RuleContext } from './context.ts';
import { EligibilityFactsSchema, type EligibilityFacts } from './facts.ts';
import { FACT_QUESTIONS, sortPaths, type FactPath } from './questions.ts';
import { eligibilityRules, type RuleDefinition } from './rules.ts';
import { atLandBorder } from './stca.ts';
import type {
  Bilingual, EligibilityAssessment, EligibilityConsequences, EligibilityOutcome, GroundAssessment, GroundResult,
} from './types.ts';

// ------------------------------------------------------------------ validation

const DATE_KEYS = new Set(['claimDate', 'assessmentDate', 'dateOfBirth', 'date']);

function dateErrors(value: unknown, path: string, out: FieldError[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => dateErrors(v, `${path}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const field = path ? `${path}.${k}` : k;
    if (DATE_KEYS.has(k) && typeof v === 'string' && !isIsoDate(v)) out.push({ field, code: 'invalid_date', message: `${field} is not a calendar date (YYYY-MM-DD).` });
    else dateErrors(v, field, out);
  }
}

/** Checks a request body: the schema, real calendar dates, and dates in a possible order. */
export function validateEligibilityFacts(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const e of Value.Errors(EligibilityFactsSchema, input)) {
    const field = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    errors.push({ field, code: 'schema', message: e.message });
  }
  if (errors.length) return errors;
  return semanticErrors(input as EligibilityFacts);
}

function semanticErrors(facts: EligibilityFacts): FieldError[] {
  const errors: FieldError[] = [];
  dateErrors(facts, '', errors);
  if (errors.length) return errors;
  const claimDate = facts.claim?.claimDate;
  const assessmentDate = facts.claim?.assessmentDate;
  if (claimDate && assessmentDate && assessmentDate < claimDate) {
    errors.push({ field: 'claim.assessmentDate', code: 'before_claim_date', message: 'The assessment date cannot precede the claim date.' });
  }
  // Statelessness and nationalities must agree, or the STCA scope test (IRPR 159.2) has no answer.
  const nat = facts.claimant?.nationalities;
  const stateless = facts.claimant?.stateless;
  if (nat && stateless !== undefined && stateless !== nat.every((n) => n === 'XXA')) {
    errors.push({ field: 'claimant.stateless', code: 'contradicts_nationalities', message: stateless ? 'A stateless claimant cannot have a nationality.' : 'A claimant who is not stateless needs a nationality.' });
  }
  const parentListed = facts.familyInCanada?.some((m) => m.relation === 'FATHER' || m.relation === 'MOTHER' || m.relation === 'LEGAL_GUARDIAN');
  if (parentListed && facts.claimant?.parentOrGuardianInCanada === false) {
    errors.push({ field: 'claimant.parentOrGuardianInCanada', code: 'contradicts_family', message: 'familyInCanada lists a mother, father or legal guardian in Canada.' });
  }
  const dob = facts.claimant?.dateOfBirth;
  if (claimDate && dob && dob > claimDate) {
    errors.push({ field: 'claimant.dateOfBirth', code: 'after_claim_date', message: 'The date of birth cannot follow the claim date.' });
  }
  return errors;
}

// ------------------------------------------------------------------ effective dating

function assessmentDate(facts: EligibilityFacts, config: EligibilityConfig, rules: RuleDefinition[]): { on: string | null; assumed: boolean } {
  const given = facts.claim?.assessmentDate;
  if (given) return { on: given, assumed: false };
  const claimDate = facts.claim?.claimDate ?? null;
  if (config.withoutAssessmentDate === 'CLAIM_DATE') return { on: claimDate, assumed: true };
  // The earliest day on which every rule in the table is in force, but not before the claim.
  const latest = rules.reduce((max, r) => (r.effectiveFrom > max ? r.effectiveFrom : max), claimDate ?? '');
  return { on: latest, assumed: true };
}

function pickVersion(rule: RuleDefinition, claimDate: string | undefined): string {
  const sorted = [...rule.versions].sort((a, b) => (a.claimsMadeFrom < b.claimsMadeFrom ? -1 : 1));
  const chosen = claimDate ? [...sorted].reverse().find((v) => v.claimsMadeFrom <= claimDate) ?? sorted[0] : sorted[sorted.length - 1];
  return chosen?.version ?? rule.ruleId;
}

const WOULD: Record<Evaluation['result'], Bilingual> = {
  APPLIES: bi('make the claim ineligible', 'rendrait la demande irrecevable'),
  NOT_APPLICABLE: bi('not apply', 'ne s\'appliquerait pas'),
  EXCEPTION_MET: bi('not apply, an exception being met', 'ne s\'appliquerait pas, une exception étant remplie'),
  UNKNOWN: bi('need more facts', 'exigerait d\'autres faits'),
};

function frame(rule: RuleDefinition, result: GroundResult, detail: Bilingual): Bilingual {
  const { citation: c, citationFr: f } = rule;
  switch (result) {
    case 'APPLIES': return bi(`Ineligible under ${c}: ${detail.en}.`, `Irrecevable selon l'${f} : ${detail.fr}.`);
    case 'NOT_APPLICABLE':
    case 'EXCEPTION_MET': return bi(`Not ineligible under ${c}: ${detail.en}.`, `Non irrecevable selon l'${f} : ${detail.fr}.`);
    case 'UNKNOWN': return bi(`Undetermined under ${c}: ${detail.en}.`, `Indéterminé selon l'${f} : ${detail.fr}.`);
    case 'NOT_IN_FORCE': return bi(`Not in force: ${detail.en}.`, `Pas en vigueur : ${detail.fr}.`);
  }
}

function assess(rule: RuleDefinition, ctx: RuleContext, assessedOn: string | null): GroundAssessment {
  const { claimDate } = ctx;
  const version = pickVersion(rule, claimDate);
  const ground = (result: GroundResult, detail: Bilingual, used: FactPath[], missing: FactPath[], extra: Partial<GroundAssessment> = {}): GroundAssessment => ({
    ruleId: rule.ruleId, citation: rule.citation, citationFr: rule.citationFr, version, result, ...extra,
    factsUsed: sortPaths(used), missingFacts: result === 'UNKNOWN' ? sortPaths(missing) : [], explanation: frame(rule, result, detail),
  });
  const from = rule.appliesToClaimsMadeFrom;
  // A ground that cannot reach this claim is not applicable, whatever else is unknown.
  if (from && claimDate && claimDate < from) {
    return ground('NOT_APPLICABLE', bi(`claim made ${claimDate}, before ${from}; the ground applies only to claims made on or after ${from}`,
      `demande présentée le ${claimDate}, avant le ${from}; ce motif ne vise que les demandes présentées le ${from} ou après`), ['claim.claimDate'], []);
  }
  let ev = rule.evaluate(ctx);
  if (from && !claimDate && (ev.result === 'APPLIES' || ev.result === 'UNKNOWN') && !ev.missing.includes('claim.claimDate')) {
    ev = {
      ...ev, result: 'UNKNOWN', missing: [...ev.missing, 'claim.claimDate'],
      detail: joinBi([ev.detail, bi(`claim date not recorded (the ground applies only to claims made on or after ${from})`, `date de la demande non consignée (ce motif ne vise que les demandes présentées le ${from} ou après)`)]),
    };
  }
  const exceptions = ev.exceptionsMet ? { exceptionsMet: ev.exceptionsMet } : {};
  if (assessedOn && (assessedOn < rule.effectiveFrom || (rule.effectiveTo !== null && assessedOn > rule.effectiveTo))) {
    const to = rule.effectiveTo;
    const would = WOULD[ev.result];
    return ground('NOT_IN_FORCE', bi(
      `${rule.citation} was not in force on the assessment date ${assessedOn} (in force from ${rule.effectiveFrom}${to ? ` to ${to}` : ''}); on these facts, if it were in force, it would ${would.en} (${ev.detail.en})`,
      `l'${rule.citationFr} n'était pas en vigueur à la date d'examen ${assessedOn} (en vigueur à compter du ${rule.effectiveFrom}${to ? ` jusqu'au ${to}` : ''}); d'après ces faits, s'il était en vigueur, il ${would.fr} (${ev.detail.fr})`,
    ), ev.used, [], { ...exceptions, resultIfInForce: ev.result });
  }
  return ground(ev.result, ev.detail, ev.used, ev.missing, exceptions);
}

// ------------------------------------------------------------------ suspension (IRPA 100(2))

function suspensionCheck(facts: EligibilityFacts): { suspension?: EligibilityAssessment['suspension']; missing: FactPath[] } {
  const inad = facts.inadmissibility;
  const referral = inad?.pendingIDReferral;
  const charge = inad?.pendingChargeMax10y;
  const paras: string[] = [];
  const why: Bilingual[] = [];
  if (referral === true) {
    paras.push('(a)');
    why.push(bi('a report on the claimant has been referred to the Immigration Division for an admissibility hearing', 'un rapport visant le demandeur a été déféré à la Section de l\'immigration pour enquête'));
  }
  if (charge === true) {
    paras.push('(b)');
    why.push(bi('the claimant is charged with an offence punishable by a maximum term of at least 10 years and the officer awaits the court\'s decision',
      'le demandeur est accusé d\'une infraction punissable d\'un emprisonnement maximal d\'au moins 10 ans et l\'agent attend la décision du tribunal'));
  }
  if (paras.length) {
    const citation = `IRPA 100(2)${paras.join(', ')}`;
    const citationFr = `paragraphe 100(2) de la LIPR (al. ${paras.map((p) => p.replace(/[()]/g, '') + ')').join(', ')})`;
    const text = joinBi(why);
    return {
      suspension: { citation, explanation: bi(`Consideration of eligibility is suspended under ${citation}: ${text.en}.`, `L'examen de la recevabilité est suspendu en vertu du ${citationFr} : ${text.fr}.`) },
      missing: [],
    };
  }
  const missing: FactPath[] = [];
  if (referral === undefined) missing.push('inadmissibility.pendingIDReferral');
  if (charge === undefined) missing.push('inadmissibility.pendingChargeMax10y');
  return { missing };
}

// ------------------------------------------------------------------ consequences

function consequences(outcome: EligibilityOutcome, grounds: GroundAssessment[], facts: EligibilityFacts, config: EligibilityConfig, assessedOn: string | null): EligibilityConsequences {
  const applies = grounds.filter((g) => g.result === 'APPLIES');
  const stca = grounds.find((g) => g.ruleId === 'EL-E');
  const channel = facts.claim?.channel;
  const base: EligibilityConsequences = {
    removalOrderInForceRule: null, removalOrderInForce: null, prraAvailable: false, prraRestricted: false, prraOralHearing: false,
    radAvailableLater: false, referral: null, notice104: null, notes: [],
  };
  if (outcome === 'ELIGIBLE') {
    const exception = stca?.result === 'EXCEPTION_MET' && (config.radBarForStcaException === 'ANY_STCA_EXCEPTION' || channel === 'LAND_POE' || channel === 'RAIL');
    const notes: Bilingual[] = [];
    if (exception) {
      const ids = (stca?.exceptionsMet ?? []).join(', ');
      notes.push(bi(`Referred because an STCA exception applies (${ids}): no appeal to the RAD from the RPD decision (IRPA 110(2)(d)).`,
        `Demande déférée au titre d'une exception à l'ETPS (${ids}) : aucun appel à la SAR de la décision de la SPR (al. 110(2)d) de la LIPR).`));
    }
    return {
      ...base, radAvailableLater: !exception, notes,
      referral: config.ministerConsiderationInForce ? 'MINISTER_CONSIDERATION' : 'RPD',
      prraBarReason: 'Not applicable: the claim goes on to the RPD; a PRRA follows only a removal order in force (IRPA 112(1)).',
    };
  }
  if (outcome !== 'INELIGIBLE') {
    return { ...base, prraBarReason: 'Not applicable: no eligibility determination yet.' };
  }

  const notes: Bilingual[] = [];
  let removal: Pick<EligibilityConsequences, 'removalOrderInForceRule' | 'removalOrderInForce' | 'notice104'>;
  if (facts.claim?.referredToRPD === true) {
    // After referral the officer's finding becomes a Minister's notice under 104(1): (a) for 101(1)(a)–(e), (b) for (f).
    const paras = [...new Set(applies.map((g) => (g.ruleId === 'EL-F' ? '(b)' : '(a)')))].sort();
    const citation = `IRPA 104(1)${paras.join(', ')}, 104(2)`;
    removal = {
      removalOrderInForceRule: 'TERMINATION_104',
      removalOrderInForce: bi('The removal order comes into force 15 days after the RPD proceedings are terminated by the Minister\'s notice (IRPA 49(2); domain §4.3).',
        'La mesure de renvoi prend effet 15 jours après qu\'il est mis fin à l\'affaire devant la SPR par l\'avis du ministre (par. 49(2) de la LIPR).'),
      notice104: {
        citation,
        explanation: bi(`The claim was already referred: the Minister gives notice under ${citation}, which terminates the pending RPD proceedings.`,
          `La demande a déjà été déférée : le ministre donne l'avis prévu à l'article 104 de la LIPR (${citation}), ce qui met fin à l'affaire en instance devant la SPR.`),
      },
    };
  } else if (applies.length === 1 && applies[0]?.ruleId === 'EL-E') {
    removal = {
      removalOrderInForceRule: '49(2)(a)', notice104: null,
      removalOrderInForce: bi('The removal order comes into force on the day the notice of ineligibility is provided: ineligible only under IRPA 101(1)(e) (IRPA 49(2)(a)).',
        'La mesure de renvoi prend effet le jour où l\'avis d\'irrecevabilité est remis : irrecevable uniquement selon l\'alinéa 101(1)e) de la LIPR (al. 49(2)a) de la LIPR).'),
    };
  } else {
    removal = {
      removalOrderInForceRule: '49(2)(b)', notice104: null,
      removalOrderInForce: bi('The removal order comes into force 7 days after the notice of ineligibility (IRPA 49(2)(b)).',
        'La mesure de renvoi prend effet 7 jours après l\'avis d\'irrecevabilité (al. 49(2)b) de la LIPR).'),
    };
  }

  const ids = new Set(applies.map((g) => g.ruleId));
  let prra: Pick<EligibilityConsequences, 'prraAvailable' | 'prraBarReason' | 'prraAvailableFrom'> = { prraAvailable: true };
  if (ids.has('EL-E')) {
    prra = { prraAvailable: false, prraBarReason: 'IRPA 112(2)(b): the claim was determined ineligible under 101(1)(e) (STCA); the claimant is returned to the United States.' };
  } else {
    // 12-month bar after the last IRB rejection, withdrawal or abandonment (112(2)(b.1)).
    const barred = (facts.priorClaims?.canada ?? []).filter((c) => c.outcome === 'REJECTED' || c.outcome === 'WITHDRAWN' || c.outcome === 'ABANDONED');
    if (barred.length) {
      const ref = assessedOn ?? facts.claim?.claimDate;
      if (barred.some((c) => !c.date) || !ref) {
        prra = { prraAvailable: false, prraBarReason: 'IRPA 112(2)(b.1): 12-month bar after the last rejection, withdrawal or abandonment; a date needed to check it is not recorded.' };
      } else {
        const last = barred.map((c) => c.date as string).sort().at(-1) as string;
        const from = addYears(last, 1, config.feb29Anniversary);
        prra = ref < from
          ? { prraAvailable: false, prraAvailableFrom: from, prraBarReason: `IRPA 112(2)(b.1): less than 12 months since the prior claim was last rejected, withdrawn or abandoned (${last}); PRRA possible from ${from}.` }
          : { prraAvailable: true, prraAvailableFrom: from };
      }
    }
  }
  const restricted = ids.has('EL-F');
  if (restricted) {
    notes.push(bi('Restricted PRRA: only the IRPA 97 risks are considered and a positive decision stays removal (IRPA 112(3), 114(1)(b)).',
      'ERAR restreint : seuls les risques de l\'article 97 de la LIPR sont examinés et une décision favorable sursoit au renvoi (par. 112(3), al. 114(1)b) de la LIPR).'));
  }
  const oralHearing = config.elC1PrraOralHearing && ids.size === 1 && ids.has('EL-C1');
  if (oralHearing) {
    notes.push(bi('Ineligible solely under IRPA 101(1)(c.1): the PRRA includes an oral hearing (IRPA 113.01; unconfirmed, domain §9.8).',
      'Irrecevable uniquement selon l\'alinéa 101(1)c.1) de la LIPR : l\'ERAR comporte une audience (art. 113.01 de la LIPR; non confirmé).'));
  }
  if (ids.has('EL-B1') || ids.has('EL-B2')) {
    notes.push(bi('PRRA access for claims ineligible under 101(1)(b.1) or (b.2) follows C-12; its details are not confirmed (domain §9.5).',
      'L\'accès à l\'ERAR pour les demandes irrecevables selon les alinéas 101(1)b.1) ou b.2) découle du projet de loi C-12; ses modalités ne sont pas confirmées.'));
  }
  return { ...base, ...removal, ...prra, prraRestricted: restricted, prraOralHearing: oralHearing, notes };
}

// ------------------------------------------------------------------ entry point

export function evaluateEligibility(facts: EligibilityFacts, config: EligibilityConfig = DEFAULT_ELIGIBILITY_CONFIG): EligibilityAssessment {
  const errors = semanticErrors(facts);
  if (errors.length) throw validationError(errors, 'invalid_eligibility_facts');

  const claimDate = facts.claim?.claimDate;
  const entries = facts.entries ? sortEntries(facts.entries).filter((e) => !claimDate || e.date <= claimDate) : undefined;
  const ctx: RuleContext = { facts, config, claimDate, entries };
  const rules = eligibilityRules(config);
  const assessed = assessmentDate(facts, config, rules);

  // Every rule is evaluated (no short-circuit) so each ground is explained.
  const evaluated = rules.map((r) => assess(r, ctx, assessed.on));
  const stcaFirst = atLandBorder(ctx);
  const grounds = stcaFirst ? [...evaluated.filter((g) => g.ruleId === 'EL-E'), ...evaluated.filter((g) => g.ruleId !== 'EL-E')] : evaluated;

  const { suspension, missing: suspensionMissing } = suspensionCheck(facts);
  let outcome: EligibilityOutcome;
  if (grounds.some((g) => g.result === 'APPLIES')) outcome = 'INELIGIBLE';
  else if (suspension) outcome = 'SUSPENDED';
  else if (grounds.some((g) => g.result === 'UNKNOWN') || suspensionMissing.length) outcome = 'INSUFFICIENT_FACTS';
  else outcome = 'ELIGIBLE';

  const asked = sortPaths([...grounds.filter((g) => g.result === 'UNKNOWN').flatMap((g) => g.missingFacts), ...suspensionMissing]);
  return {
    outcome,
    evaluatedOn: claimDate ?? null,
    assessedOn: assessed.on,
    assessmentDateAssumed: assessed.assumed,
    grounds,
    ...(suspension ? { suspension } : {}),
    questions: asked.map((fact) => ({ fact, ...FACT_QUESTIONS[fact] })),
    consequences: consequences(outcome, grounds, facts, config, assessed.on),
  };
}
