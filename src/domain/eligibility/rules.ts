/**
 * The IRPA 101(1) grounds (domain.md §3.1) as effective-dated rules. Each evaluator states its verdict
 * and the facts behind it; the engine adds effective dating, citation and the sentence frame.
 * Versions: grounds the spec tracks no amendment for carry IRPA's in-force date (2002-06-28).
 */
import { dayCount, daysBetween, oneYearEnd, stcaWindowEnd } from './calendar.ts';
import type { EligibilityConfig } from './config.ts';
import {
  B1_ENTRY_AFTER, bi, entryModeMissing, joinBi, listBi,
  type Evaluation, type Finding, type RuleContext,
} from './context.ts';
import type { CanadianPriorClaimFact, ConvictionFact, EntryFact, InadmissibilityGround, PriorClaimOutcome } from './facts.ts';
import type { FactPath } from './questions.ts';
import { evaluateStca, overCrossings, withExceptions } from './stca.ts';
import type { Bilingual, RuleId } from './types.ts';

export interface RuleVersion {
  version: string;
  /** This text governs claims made on or after this date. */
  claimsMadeFrom: string;
}

export interface RuleDefinition {
  ruleId: RuleId;
  citation: string;
  citationFr: string;
  /** In force from (compared with the assessment date). */
  effectiveFrom: string;
  /** Last day in force, or null. */
  effectiveTo: string | null;
  /** The ground reaches only claims made on or after this date (transitional provisions), or null. */
  appliesToClaimsMadeFrom: string | null;
  versions: RuleVersion[];
  evaluate(ctx: RuleContext): Evaluation;
}

const IRPA_IN_FORCE = '2002-06-28';
const STCA_IN_FORCE = '2004-12-29';

const result = (r: Evaluation['result'], detail: Bilingual, used: FactPath[], missing: FactPath[] = []): Evaluation => ({ result: r, detail, used, missing });

const OUTCOME_LABELS: Record<PriorClaimOutcome, Bilingual> = {
  ACCEPTED: bi('accepted', 'accueillie'),
  REJECTED: bi('rejected', 'rejetée'),
  INELIGIBLE: bi('found ineligible', 'jugée irrecevable'),
  WITHDRAWN: bi('withdrawn', 'retirée'),
  ABANDONED: bi('abandoned', 'désistement prononcé'),
};

function sortClaims(claims: readonly CanadianPriorClaimFact[]): CanadianPriorClaimFact[] {
  const key = (c: CanadianPriorClaimFact) => `${c.date ?? ''}|${c.outcome}|${String(c.stcaReEntryCase)}`;
  return [...claims].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** "abandoned (2023-04-10), withdrawn (date not recorded)". */
function describeClaims(claims: readonly CanadianPriorClaimFact[]): Bilingual {
  return listBi(sortClaims(claims).map((c) => bi(`${OUTCOME_LABELS[c.outcome].en} (${c.date ?? 'date not recorded'})`, `${OUTCOME_LABELS[c.outcome].fr} (${c.date ?? 'date non consignée'})`)));
}

const NO_CANADIAN_CLAIMS = bi('prior claims in Canada are not recorded', 'les demandes d\'asile antérieures au Canada ne sont pas consignées');

// ------------------------------------------------------------------ (a), (b), (c)

function evaluateA(ctx: RuleContext): Evaluation {
  const claims = ctx.facts.priorClaims?.canada;
  if (!claims) return result('UNKNOWN', NO_CANADIAN_CLAIMS, [], ['priorClaims.canada']);
  const accepted = claims.filter((c) => c.outcome === 'ACCEPTED');
  if (accepted.length) {
    const list = describeClaims(accepted);
    return result('APPLIES', bi(`refugee protection has been conferred on the claimant in Canada (prior claim ${list.en})`,
      `l'asile a déjà été conféré au demandeur au Canada (demande antérieure ${list.fr})`), ['priorClaims.canada']);
  }
  return result('NOT_APPLICABLE', bi(`refugee protection has not been conferred on the claimant in Canada (${claims.length} prior claim(s) recorded)`,
    `l'asile n'a pas été conféré au demandeur au Canada (${claims.length} demande(s) antérieure(s) consignée(s))`), ['priorClaims.canada']);
}

function evaluateB(ctx: RuleContext): Evaluation {
  const claims = ctx.facts.priorClaims?.canada;
  if (!claims) return result('UNKNOWN', NO_CANADIAN_CLAIMS, [], ['priorClaims.canada']);
  const rejected = claims.filter((c) => c.outcome === 'REJECTED');
  if (rejected.length) {
    const list = describeClaims(rejected);
    return result('APPLIES', bi(`a prior claim by the claimant was rejected by the Board (${list.en})`,
      `une demande antérieure du demandeur a été rejetée par la Commission (${list.fr})`), ['priorClaims.canada']);
  }
  return result('NOT_APPLICABLE', bi('no prior claim by the claimant was rejected by the Board', 'aucune demande antérieure du demandeur n\'a été rejetée par la Commission'), ['priorClaims.canada']);
}

function evaluateC(ctx: RuleContext): Evaluation {
  const claims = ctx.facts.priorClaims?.canada;
  if (!claims) return result('UNKNOWN', NO_CANADIAN_CLAIMS, [], ['priorClaims.canada']);
  const used: FactPath[] = ['priorClaims.canada'];
  const ineligible = claims.filter((c) => c.outcome === 'INELIGIBLE');
  if (ineligible.some((c) => c.stcaReEntryCase !== undefined)) used.push('priorClaims.canada[].stcaReEntryCase');
  // IRPR 159.01: an STCA-ineligible claim followed by a US refusal without adjudication is not a prior claim.
  const counted = claims.filter((c) => c.outcome === 'WITHDRAWN' || c.outcome === 'ABANDONED' || (c.outcome === 'INELIGIBLE' && c.stcaReEntryCase === false));
  const open = ineligible.filter((c) => c.stcaReEntryCase === undefined);
  const excluded = ineligible.filter((c) => c.stcaReEntryCase === true);
  if (counted.length) {
    const list = describeClaims(counted);
    return result('APPLIES', bi(`a prior claim was found ineligible, withdrawn or abandoned (${list.en})`,
      `une demande antérieure a été jugée irrecevable, retirée ou a fait l'objet d'un désistement (${list.fr})`), used);
  }
  if (open.length) {
    const list = describeClaims(open);
    return result('UNKNOWN', bi(`a prior claim was found ineligible (${list.en}); whether IRPR 159.01 excludes it (STCA return, US refusal without adjudication) is not recorded`,
      `une demande antérieure a été jugée irrecevable (${list.fr}); on ignore si l'art. 159.01 du RIPR l'exclut (retour selon l'ETPS, refus des États-Unis sans décision)`),
    used, ['priorClaims.canada[].stcaReEntryCase']);
  }
  const note = excluded.length
    ? [bi(`the STCA-ineligible claim (${describeClaims(excluded).en}) is not a prior claim under IRPR 159.01`, `la demande irrecevable selon l'ETPS (${describeClaims(excluded).fr}) n'est pas une demande antérieure selon l'art. 159.01 du RIPR`)]
    : [];
  return result('NOT_APPLICABLE', joinBi([bi('no prior claim was found ineligible, withdrawn or abandoned', 'aucune demande antérieure n\'a été jugée irrecevable, retirée ou n\'a fait l\'objet d\'un désistement'), ...note]), used);
}

// ------------------------------------------------------------------ (b.1), (b.2)

function claimMadeOnOrAfter(config: EligibilityConfig): Bilingual {
  return bi(`claim made on or after ${config.c12ClaimsMadeFrom}`, `demande présentée le ${config.c12ClaimsMadeFrom} ou après`);
}

function evaluateB1(ctx: RuleContext): Evaluation {
  const { entries, claimDate, config } = ctx;
  if (!entries) return result('UNKNOWN', bi('entries into Canada are not recorded', 'les entrées au Canada ne sont pas consignées'), [], ['entries']);
  const after = entries.filter((e) => e.date > B1_ENTRY_AFTER);
  if (!after.length) {
    const seen = entries.length ? ` (${entries.map((e) => e.date).join(', ')})` : '';
    return result('NOT_APPLICABLE', bi(`no entry into Canada after ${B1_ENTRY_AFTER}${seen}`, `aucune entrée au Canada après le ${B1_ENTRY_AFTER}${seen}`), ['entries']);
  }
  const first = (after[0] as EntryFact).date;
  if (!claimDate) {
    return result('UNKNOWN', bi(`first entry after ${B1_ENTRY_AFTER} was ${first}; claim date not recorded`, `première entrée après le ${B1_ENTRY_AFTER} le ${first}; date de la demande non consignée`), ['entries'], ['claim.claimDate']);
  }
  const used: FactPath[] = ['entries', 'claim.claimDate'];
  const end = oneYearEnd(first, config);
  const days = daysBetween(first, claimDate);
  if (claimDate > end) {
    return result('APPLIES', joinBi([
      bi(`first entry after ${B1_ENTRY_AFTER} was ${first}`, `première entrée après le ${B1_ENTRY_AFTER} le ${first}`),
      bi(`claim made ${claimDate} (${dayCount(days, 'en')} later, more than one year)`, `demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard, plus d'un an)`),
      claimMadeOnOrAfter(config),
    ]), used);
  }
  return result('NOT_APPLICABLE', joinBi([
    bi(`first entry after ${B1_ENTRY_AFTER} was ${first}`, `première entrée après le ${B1_ENTRY_AFTER} le ${first}`),
    bi(`claim made ${claimDate} (${dayCount(days, 'en')} later, within one year: on or before ${end})`, `demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard, dans l'année : au plus tard le ${end})`),
  ]), used);
}

function b2For(ctx: RuleContext, crossing: EntryFact | null): Evaluation {
  const { claimDate, config } = ctx;
  if (!crossing) {
    return result('NOT_APPLICABLE', bi('no entry between ports of entry along the Canada–US border', 'aucune entrée entre les points d\'entrée le long de la frontière canado-américaine'), ['entries']);
  }
  const used: FactPath[] = ['entries', 'entries[].atPOE', 'entries[].borderSegment'];
  if (!claimDate) {
    return result('UNKNOWN', bi(`entered between ports of entry on ${crossing.date}; claim date not recorded`, `entrée entre les points d'entrée le ${crossing.date}; date de la demande non consignée`), used, ['claim.claimDate']);
  }
  used.push('claim.claimDate');
  const end = stcaWindowEnd(crossing.date, config);
  const days = daysBetween(crossing.date, claimDate);
  const n = config.stcaWindowDays;
  const entered = bi(`entered Canada between ports of entry along the Canada–US border on ${crossing.date}`, `entrée au Canada entre les points d'entrée le long de la frontière canado-américaine le ${crossing.date}`);
  if (claimDate > end) {
    return result('APPLIES', joinBi([entered,
      bi(`claim made ${claimDate} (${dayCount(days, 'en')} later), after the ${n}-day time limit of IRPR 159.4(1.1) ended on ${end}`,
        `demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard), après l'expiration le ${end} du délai de ${n} jours du par. 159.4(1.1) du RIPR`),
      claimMadeOnOrAfter(config)]), used);
  }
  return result('NOT_APPLICABLE', joinBi([entered,
    bi(`claim made ${claimDate} (${dayCount(days, 'en')} later), within the ${n}-day time limit of IRPR 159.4(1.1) (last day ${end})`,
      `demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard), dans le délai de ${n} jours du par. 159.4(1.1) du RIPR (dernier jour le ${end})`)]), used);
}

function evaluateB2(ctx: RuleContext): Evaluation {
  if (!ctx.entries) return result('UNKNOWN', bi('entries into Canada are not recorded', 'les entrées au Canada ne sont pas consignées'), [], ['entries']);
  const base = overCrossings(ctx, (c) => b2For(ctx, c), (e) => e.result, (uncertain) => result('UNKNOWN',
    bi(`how the claimant entered on ${uncertain.map((e) => e.date).join(', ')} is not recorded`, `le mode d'entrée du ${uncertain.map((e) => e.date).join(', ')} n'est pas consigné`),
    ['entries'], uncertain.flatMap(entryModeMissing)));
  if (base.result !== 'APPLIES' || !ctx.config.stcaExceptionsAgainstB2) return base;
  const conditions: Finding = { value: true, used: base.used, missing: [], text: base.detail };
  return withExceptions(conditions, base.detail, ctx, base.used);
}

// ------------------------------------------------------------------ (c.1), (d), (f)

function evaluateC1(ctx: RuleContext): Evaluation {
  const foreign = ctx.facts.priorClaims?.foreign;
  if (!foreign) return result('UNKNOWN', bi('claims in other countries are not recorded', 'les demandes d\'asile dans d\'autres pays ne sont pas consignées'), [], ['priorClaims.foreign']);
  const used: FactPath[] = ['priorClaims.foreign'];
  // Only a claim made before the claim in Canada counts.
  const before = foreign.filter((f) => !(ctx.claimDate && f.date && f.date > ctx.claimDate));
  const names = (list: typeof before) => [...new Set(list.map((f) => f.country))].sort().join(', ');
  if (before.some((f) => f.confirmedViaInfoSharing !== undefined)) used.push('priorClaims.foreign[].confirmedViaInfoSharing');
  const confirmed = before.filter((f) => f.confirmedViaInfoSharing === true);
  if (confirmed.length) {
    return result('APPLIES', bi(`before claiming in Canada the claimant claimed refugee protection in ${names(confirmed)}, confirmed under an information-sharing agreement`,
      `avant sa demande au Canada, le demandeur a demandé l'asile dans le pays suivant : ${names(confirmed)}, ce qui a été confirmé en vertu d'un accord d'échange de renseignements`), used);
  }
  const open = before.filter((f) => f.confirmedViaInfoSharing === undefined);
  if (open.length) {
    return result('UNKNOWN', bi(`claim made in ${names(open)}; whether confirmed under an information-sharing agreement is not recorded`,
      `demande présentée dans le pays suivant : ${names(open)}; on ignore si elle a été confirmée en vertu d'un accord d'échange de renseignements`), used, ['priorClaims.foreign[].confirmedViaInfoSharing']);
  }
  return result('NOT_APPLICABLE', before.length
    ? bi(`the claim made in ${names(before)} has not been confirmed under an information-sharing agreement`, `la demande présentée dans le pays suivant : ${names(before)} n'a pas été confirmée en vertu d'un accord d'échange de renseignements`)
    : bi('no claim for refugee protection made in another country before the claim in Canada', 'aucune demande d\'asile présentée dans un autre pays avant la demande au Canada'), used);
}

function evaluateD(ctx: RuleContext): Evaluation {
  const fs = ctx.facts.foreignStatus;
  const country = fs?.recognizedRefugeeIn;
  if (!fs || country === undefined) {
    return result('UNKNOWN', bi('recognition as a refugee by another country is not recorded', 'la reconnaissance de la qualité de réfugié par un autre pays n\'est pas consignée'), [], ['foreignStatus']);
  }
  const used: FactPath[] = ['foreignStatus'];
  if (country === null) return result('NOT_APPLICABLE', bi('the claimant has not been recognized as a Convention refugee by another country', 'le demandeur ne s\'est vu reconnaître la qualité de réfugié par aucun autre pays'), used);
  const recognized = bi(`recognized as a Convention refugee by ${country}`, `qualité de réfugié au sens de la Convention reconnue par le pays suivant : ${country}`);
  if (fs.citizenOfThatCountry === true) {
    return result('NOT_APPLICABLE', joinBi([recognized, bi(`the claimant has since become a citizen of ${country}`, `le demandeur est depuis devenu citoyen de ce pays (${country})`)]), [...used, 'foreignStatus.citizenOfThatCountry']);
  }
  if (fs.returnable === false) {
    return result('NOT_APPLICABLE', joinBi([recognized, bi(`the claimant cannot be sent or returned to ${country}`, `le demandeur ne peut être renvoyé dans ce pays (${country})`)]), [...used, 'foreignStatus.returnable']);
  }
  const missing: FactPath[] = [];
  if (fs.citizenOfThatCountry === undefined) missing.push('foreignStatus.citizenOfThatCountry');
  else used.push('foreignStatus.citizenOfThatCountry');
  if (fs.returnable === undefined) missing.push('foreignStatus.returnable');
  else used.push('foreignStatus.returnable');
  if (missing.length) {
    return result('UNKNOWN', joinBi([recognized, bi('whether the claimant can be returned there, and is not since a citizen of it, is not recorded', 'on ignore si le demandeur peut y être renvoyé et s\'il n\'en est pas devenu citoyen')]), used, missing);
  }
  return result('APPLIES', joinBi([recognized, bi(`the claimant can be sent or returned to ${country}`, `le demandeur peut être renvoyé dans ce pays (${country})`)]), used);
}

const INADMISSIBILITY_LABELS: Record<InadmissibilityGround, Bilingual> = {
  SECURITY: bi('security', 'sécurité'),
  HUMAN_RIGHTS: bi('violating human or international rights', 'atteinte aux droits humains ou internationaux'),
  SERIOUS_CRIM: bi('serious criminality', 'grande criminalité'),
  ORGANIZED_CRIM: bi('organized criminality', 'criminalité organisée'),
};
const GROUND_ORDER: InadmissibilityGround[] = ['SECURITY', 'HUMAN_RIGHTS', 'SERIOUS_CRIM', 'ORGANIZED_CRIM'];

const penalty = (c: ConvictionFact) => (c.maxPenaltyYears === 'LIFE' ? 100 : c.maxPenaltyYears);

function evaluateF(ctx: RuleContext): Evaluation {
  const inad = ctx.facts.inadmissibility;
  const findings = inad?.findings;
  if (!findings) {
    return result('UNKNOWN', bi('inadmissibility determinations are not recorded', 'les décisions d\'interdiction de territoire ne sont pas consignées'), [], ['inadmissibility.findings']);
  }
  const used: FactPath[] = ['inadmissibility.findings'];
  const grounds = GROUND_ORDER.filter((g) => findings.some((f) => f.ground === g));
  const direct = grounds.filter((g) => g !== 'SERIOUS_CRIM');
  const on = (gs: InadmissibilityGround[]) => listBi(gs.map((g) => INADMISSIBILITY_LABELS[g]));
  if (direct.length) {
    return result('APPLIES', bi(`the claimant has been determined inadmissible on grounds of ${on(direct).en}`, `le demandeur a été jugé interdit de territoire pour ${on(direct).fr}`), used);
  }
  if (!grounds.length) {
    return result('NOT_APPLICABLE', bi('no determination of inadmissibility on grounds of security, violating human or international rights, serious criminality or organized criminality',
      'aucune décision d\'interdiction de territoire pour sécurité, atteinte aux droits humains ou internationaux, grande criminalité ou criminalité organisée'), used);
  }
  // Serious criminality only counts with a conviction punishable by at least 10 years (101(2)).
  const serious = bi('the claimant has been determined inadmissible on grounds of serious criminality', 'le demandeur a été jugé interdit de territoire pour grande criminalité');
  const convictions = inad?.convictions;
  if (!convictions) {
    return result('UNKNOWN', joinBi([serious, bi('the convictions behind it (IRPA 101(2)) are not recorded', 'les condamnations en cause (par. 101(2) de la LIPR) ne sont pas consignées')]), used, ['inadmissibility.convictions']);
  }
  used.push('inadmissibility.convictions');
  const qualifying = convictions.filter((c) => penalty(c) >= 10)
    .sort((a, b) => penalty(b) - penalty(a) || Number(b.inCanada) - Number(a.inCanada));
  const top = qualifying[0];
  if (top) {
    const max = top.maxPenaltyYears === 'LIFE' ? bi('life imprisonment', 'l\'emprisonnement à perpétuité') : bi(`${top.maxPenaltyYears} years`, `${top.maxPenaltyYears} ans`);
    const where = top.inCanada
      ? bi(`conviction in Canada for an offence punishable by a maximum of ${max.en} (IRPA 101(2)(a))`, `condamnation au Canada pour une infraction punissable d'un maximum de ${max.fr} (al. 101(2)a) de la LIPR)`)
      : bi(`conviction outside Canada for an offence punishable in Canada by a maximum of ${max.en} (IRPA 101(2)(b))`, `condamnation à l'étranger pour une infraction punissable au Canada d'un maximum de ${max.fr} (al. 101(2)b) de la LIPR)`);
    return result('APPLIES', joinBi([serious, where]), used);
  }
  return result('NOT_APPLICABLE', joinBi([serious, bi('but no conviction is for an offence punishable by a maximum term of at least 10 years (IRPA 101(2))',
    'mais aucune condamnation ne vise une infraction punissable d\'un emprisonnement maximal d\'au moins 10 ans (par. 101(2) de la LIPR)')]), used);
}

// ------------------------------------------------------------------ registry

/** The rules in statutory order, with the configured dates. */
export function eligibilityRules(config: EligibilityConfig): RuleDefinition[] {
  const single = (ruleId: RuleId, from: string): RuleVersion[] => [{ version: `${ruleId}@${from}`, claimsMadeFrom: from }];
  const base = { effectiveTo: null, appliesToClaimsMadeFrom: null };
  const c12 = {
    effectiveFrom: config.c12InForceFrom, effectiveTo: config.c12GroundsEffectiveTo, appliesToClaimsMadeFrom: config.c12ClaimsMadeFrom,
  };
  return [
    { ruleId: 'EL-A', citation: 'IRPA 101(1)(a)', citationFr: 'alinéa 101(1)a) de la LIPR', effectiveFrom: IRPA_IN_FORCE, ...base,
      versions: single('EL-A', IRPA_IN_FORCE), evaluate: evaluateA },
    { ruleId: 'EL-B', citation: 'IRPA 101(1)(b)', citationFr: 'alinéa 101(1)b) de la LIPR', effectiveFrom: IRPA_IN_FORCE, ...base,
      versions: single('EL-B', IRPA_IN_FORCE), evaluate: evaluateB },
    { ruleId: 'EL-B1', citation: 'IRPA 101(1)(b.1)', citationFr: 'alinéa 101(1)b.1) de la LIPR', ...c12,
      versions: single('EL-B1', config.c12InForceFrom).map((v) => ({ ...v, claimsMadeFrom: config.c12ClaimsMadeFrom })), evaluate: evaluateB1 },
    { ruleId: 'EL-B2', citation: 'IRPA 101(1)(b.2); IRPR 159.4(1.1)', citationFr: 'alinéa 101(1)b.2) de la LIPR (par. 159.4(1.1) du RIPR)', ...c12,
      versions: single('EL-B2', config.c12InForceFrom).map((v) => ({ ...v, claimsMadeFrom: config.c12ClaimsMadeFrom })), evaluate: evaluateB2 },
    { ruleId: 'EL-C', citation: 'IRPA 101(1)(c); IRPR 159.01', citationFr: 'alinéa 101(1)c) de la LIPR (art. 159.01 du RIPR)', effectiveFrom: IRPA_IN_FORCE, ...base,
      versions: single('EL-C', IRPA_IN_FORCE), evaluate: evaluateC },
    { ruleId: 'EL-C1', citation: 'IRPA 101(1)(c.1)', citationFr: 'alinéa 101(1)c.1) de la LIPR', effectiveFrom: config.elC1InForceFrom, effectiveTo: null,
      appliesToClaimsMadeFrom: config.elC1EffectiveFrom,
      versions: [{ version: `EL-C1@${config.elC1InForceFrom}`, claimsMadeFrom: config.elC1EffectiveFrom }], evaluate: evaluateC1 },
    { ruleId: 'EL-D', citation: 'IRPA 101(1)(d)', citationFr: 'alinéa 101(1)d) de la LIPR', effectiveFrom: IRPA_IN_FORCE, ...base,
      versions: single('EL-D', IRPA_IN_FORCE), evaluate: evaluateD },
    { ruleId: 'EL-E', citation: 'IRPA 101(1)(e); IRPR 159.3–159.6', citationFr: 'alinéa 101(1)e) de la LIPR (art. 159.3 à 159.6 du RIPR)', effectiveFrom: STCA_IN_FORCE,
      effectiveTo: null, appliesToClaimsMadeFrom: STCA_IN_FORCE,
      // The Additional Protocol added the between-ports limb for claims from its date.
      versions: [{ version: `EL-E@${STCA_IN_FORCE}`, claimsMadeFrom: STCA_IN_FORCE }, { version: `EL-E@${config.stcaProtocolFrom}`, claimsMadeFrom: config.stcaProtocolFrom }],
      evaluate: evaluateStca },
    { ruleId: 'EL-F', citation: 'IRPA 101(1)(f), 101(2)', citationFr: 'alinéa 101(1)f) de la LIPR (par. 101(2))', effectiveFrom: IRPA_IN_FORCE, ...base,
      versions: single('EL-F', IRPA_IN_FORCE), evaluate: evaluateF },
  ];
}
