/**
 * Safe Third Country Agreement: scope (who, from where, where and when) and the exceptions of
 * IRPR 159.5–159.6 (domain.md §3.2 and the §3.3 decision table).
 */
import { addYears, dayCount, daysBetween, stcaWindowEnd } from './calendar.ts';
import {
  bi, entryModeMissing, joinBi, latestCrossingCandidates, listBi, US,
  type Evaluation, type Finding, type RuleContext, type Tri,
} from './context.ts';
import type { EntryFact, FamilyMemberFact, FamilyRelation, FamilyStatus } from './facts.ts';
import type { FactPath } from './questions.ts';
import { STCA_EXCEPTIONS, type Bilingual, type StcaExceptionId } from './types.ts';

function finding(value: Tri, text: Bilingual, used: FactPath[] = [], missing: FactPath[] = []): Finding {
  return { value, text, used, missing };
}

// ------------------------------------------------------------------ scope

/** True when the claimant is outside the Agreement: a US citizen, or stateless with a former habitual residence in the US (IRPR 159.2). */
export function outsideAgreementByPerson(ctx: RuleContext): Finding {
  const c = ctx.facts.claimant;
  const nat = c?.nationalities;
  if (nat?.includes(US)) {
    return finding(true, bi('the claimant is a citizen of the United States', 'le demandeur est citoyen des États-Unis'), ['claimant.nationalities']);
  }
  // A person with a recorded nationality (other than the stateless code) is not stateless.
  const stateless: Tri = c?.stateless ?? (nat ? nat.every((n) => n === 'XXA') : undefined);
  const used: FactPath[] = [];
  if (nat) used.push('claimant.nationalities');
  if (c?.stateless !== undefined) used.push('claimant.stateless');
  if (stateless === true) {
    const fhr = c?.formerHabitualResidences;
    if (!fhr) {
      return finding(undefined, bi('the claimant is stateless; former habitual residences not recorded', 'le demandeur est apatride; résidences habituelles antérieures non consignées'),
        used, ['claimant.formerHabitualResidences']);
    }
    used.push('claimant.formerHabitualResidences');
    return fhr.includes(US)
      ? finding(true, bi('the claimant is stateless and their former habitual residence is the United States', 'le demandeur est apatride et sa résidence habituelle antérieure est aux États-Unis'), used)
      : finding(false, bi('the claimant is stateless, with no former habitual residence in the United States', 'le demandeur est apatride, sans résidence habituelle antérieure aux États-Unis'), used);
  }
  if (stateless === false && nat) {
    const list = [...nat].sort().join(', ');
    return finding(false, bi(`the claimant is a national of ${list}`, `le demandeur a la nationalité suivante : ${list}`), used);
  }
  const missing: FactPath[] = ['claimant.nationalities'];
  if (stateless === undefined) missing.push('claimant.stateless');
  return finding(undefined, bi('the claimant\'s nationalities are not recorded', 'les nationalités du demandeur ne sont pas consignées'), used, missing);
}

export function cameFromUS(ctx: RuleContext): Finding {
  const v = ctx.facts.claim?.cameFromUS;
  if (v === true) return finding(true, bi('came from the United States', 'arrivé des États-Unis'), ['claim.cameFromUS']);
  if (v === false) return finding(false, bi('the claimant did not come from the United States', 'le demandeur n\'est pas arrivé des États-Unis'), ['claim.cameFromUS']);
  return finding(undefined, bi('whether the claimant came from the United States is not recorded', 'on ignore si le demandeur est arrivé des États-Unis'), [], ['claim.cameFromUS']);
}

const where = (ctx: RuleContext) => (ctx.facts.claim?.location ? ` (${ctx.facts.claim.location})` : '');

/** Limb 1–2 of IRPR 159.4: land or rail port of entry, or an airport in transit under a US removal order. */
export function portLimb(ctx: RuleContext): Finding {
  const claim = ctx.facts.claim;
  const channel = claim?.channel;
  const used: FactPath[] = channel ? ['claim.channel'] : [];
  switch (channel) {
    case 'LAND_POE':
      return finding(true, bi(`claim made at a land port of entry${where(ctx)}`, `demande présentée à un point d'entrée terrestre${where(ctx)}`), used);
    case 'RAIL':
      return finding(true, bi(`claim made at a rail port of entry${where(ctx)}`, `demande présentée à un point d'entrée ferroviaire${where(ctx)}`), used);
    case 'AIR': {
      const transit = claim?.inTransitUnderUSRemovalOrder;
      if (transit === true) {
        return finding(true, bi(`claim made at an airport${where(ctx)} while in transit through Canada under a US removal order`,
          `demande présentée à un aéroport${where(ctx)} lors d'un transit au Canada dans le cadre d'un renvoi des États-Unis`), [...used, 'claim.inTransitUnderUSRemovalOrder']);
      }
      if (transit === false) {
        return finding(false, bi(`claim made at an airport${where(ctx)}, not in transit under a US removal order`,
          `demande présentée à un aéroport${where(ctx)}, hors transit dans le cadre d'un renvoi des États-Unis`), [...used, 'claim.inTransitUnderUSRemovalOrder']);
      }
      return finding(undefined, bi(`claim made at an airport${where(ctx)}; whether in transit under a US removal order is not recorded`,
        `demande présentée à un aéroport${where(ctx)}; on ignore s'il s'agit d'un transit dans le cadre d'un renvoi des États-Unis`), used, ['claim.inTransitUnderUSRemovalOrder']);
    }
    case 'MARINE':
      return finding(false, bi(`claim made at a marine port${where(ctx)}`, `demande présentée à un port maritime${where(ctx)}`), used);
    case 'INLAND_OFFICE':
      return finding(false, bi(`claim made at an inland office${where(ctx)}`, `demande présentée à un bureau intérieur${where(ctx)}`), used);
    case 'ONLINE':
      return finding(false, bi('claim made online', 'demande présentée en ligne'), used);
    default:
      return finding(undefined, bi('where the claim was made is not recorded', 'le lieu de présentation de la demande n\'est pas consigné'), [], ['claim.channel']);
  }
}

function protocolLimbFor(ctx: RuleContext, crossing: EntryFact | null): Finding {
  const { claimDate, config } = ctx;
  if (!crossing) {
    return finding(false, bi('no entry between ports of entry along the Canada–US border', 'aucune entrée entre les points d\'entrée le long de la frontière canado-américaine'), ['entries']);
  }
  const used: FactPath[] = ['entries', 'entries[].atPOE', 'entries[].borderSegment'];
  const date = crossing.date;
  if (!claimDate) {
    return finding(undefined, bi(`entered between ports of entry on ${date}; claim date not recorded`, `entrée entre les points d'entrée le ${date}; date de la demande non consignée`), used, ['claim.claimDate']);
  }
  used.push('claim.claimDate');
  const protocolDate = config.stcaProtocolScopeBy === 'CLAIM_DATE' ? claimDate : date;
  if (protocolDate < config.stcaProtocolFrom) {
    const what = config.stcaProtocolScopeBy === 'CLAIM_DATE' ? bi(`claim made ${claimDate}`, `demande présentée le ${claimDate}`) : bi(`crossing on ${date}`, `entrée le ${date}`);
    return finding(false, bi(`entered between ports of entry on ${date}; ${what.en}, before the Additional Protocol applied (${config.stcaProtocolFrom})`,
      `entrée entre les points d'entrée le ${date}; ${what.fr}, avant l'application du Protocole additionnel (${config.stcaProtocolFrom})`), used);
  }
  const end = stcaWindowEnd(date, config);
  const days = daysBetween(date, claimDate);
  const n = config.stcaWindowDays;
  return claimDate <= end
    ? finding(true, bi(`entered between ports of entry along the Canada–US border on ${date}; claim made ${claimDate} (${dayCount(days, 'en')} later), within ${n} days (IRPR 159.4(1.1), last day ${end})`,
      `entrée entre les points d'entrée le long de la frontière canado-américaine le ${date}; demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard), dans les ${n} jours (par. 159.4(1.1) du RIPR, dernier jour le ${end})`), used)
    : finding(false, bi(`entered between ports of entry on ${date}; claim made ${claimDate} (${dayCount(days, 'en')} later), after the ${n}-day window ended on ${end}`,
      `entrée entre les points d'entrée le ${date}; demande présentée le ${claimDate} (${dayCount(days, 'fr')} plus tard), après la fin du délai de ${n} jours le ${end}`), used);
}

/** Same verdict under every possible "latest crossing", or unknown (naming the entries whose mode is missing). */
export function overCrossings<T extends { used: FactPath[]; missing: FactPath[] }>(
  ctx: RuleContext, evaluate: (crossing: EntryFact | null) => T, verdict: (t: T) => string, unknown: (uncertain: EntryFact[]) => T,
): T {
  const { candidates, uncertain } = latestCrossingCandidates(ctx.entries ?? []);
  const results = candidates.map(evaluate);
  const last = results[results.length - 1] as T;
  if (results.every((r) => verdict(r) === verdict(last))) return last;
  return unknown(uncertain);
}

/** Limb 3 (IRPR 159.4(1.1), since the Protocol): latest between-ports crossing and a claim within 14 days. */
export function protocolLimb(ctx: RuleContext): Finding {
  if (!ctx.entries) {
    return finding(undefined, bi('entries into Canada are not recorded', 'les entrées au Canada ne sont pas consignées'), [], ['entries']);
  }
  return overCrossings(ctx, (c) => protocolLimbFor(ctx, c), (f) => String(f.value), (uncertain) => finding(undefined,
    bi(`how the claimant entered on ${uncertain.map((e) => e.date).join(', ')} is not recorded`, `le mode d'entrée du ${uncertain.map((e) => e.date).join(', ')} n'est pas consigné`),
    ['entries'], uncertain.flatMap(entryModeMissing)));
}

function or(a: Finding, b: Finding): Finding {
  if (a.value === true) return a;
  if (b.value === true) return b;
  const text = joinBi([a.text, b.text]);
  if (a.value === false && b.value === false) return finding(false, text, [...a.used, ...b.used]);
  return finding(undefined, text, [...a.used, ...b.used], [...(a.value === undefined ? a.missing : []), ...(b.value === undefined ? b.missing : [])]);
}

export function location(ctx: RuleContext): Finding {
  return or(portLimb(ctx), protocolLimb(ctx));
}

/** Presentation: STCA comes first when the claim was made at the land border (land/rail POE or a protocol crossing). */
export function atLandBorder(ctx: RuleContext): boolean {
  const channel = ctx.facts.claim?.channel;
  return channel === 'LAND_POE' || channel === 'RAIL' || protocolLimb(ctx).value === true;
}

// ------------------------------------------------------------------ exceptions (IRPR 159.5–159.6)

interface ExceptionFinding extends Finding { id: StcaExceptionId }

export const RELATION_LABELS: Record<FamilyRelation, Bilingual> = {
  SPOUSE: bi('spouse', 'époux'), COMMON_LAW_PARTNER: bi('common-law partner', 'conjoint de fait'), LEGAL_GUARDIAN: bi('legal guardian', 'tuteur légal'),
  CHILD: bi('child', 'enfant'), FATHER: bi('father', 'père'), MOTHER: bi('mother', 'mère'), BROTHER: bi('brother', 'frère'), SISTER: bi('sister', 'sœur'),
  GRANDFATHER: bi('grandfather', 'grand-père'), GRANDMOTHER: bi('grandmother', 'grand-mère'), GRANDCHILD: bi('grandchild', 'petit-enfant'),
  UNCLE: bi('uncle', 'oncle'), AUNT: bi('aunt', 'tante'), NEPHEW: bi('nephew', 'neveu'), NIECE: bi('niece', 'nièce'), OTHER: bi('other relative', 'autre parent'),
};

const STATUS_LABELS: Record<FamilyStatus, Bilingual> = {
  CITIZEN: bi('Canadian citizen', 'citoyen canadien'),
  PR: bi('permanent resident', 'résident permanent'),
  PROTECTED: bi('protected person', 'personne protégée'),
  HC_STAY: bi('removal order stayed on humanitarian and compassionate grounds', 'mesure de renvoi sursise pour motifs d\'ordre humanitaire'),
  ELIGIBLE_CLAIM_PENDING: bi('eligible refugee claim pending', 'demande d\'asile recevable en instance'),
  WORK_PERMIT: bi('work permit holder', 'titulaire d\'un permis de travail'),
  STUDY_PERMIT: bi('study permit holder', 'titulaire d\'un permis d\'études'),
  OTHER: bi('other status', 'autre statut'),
};

const FAMILY_EXCEPTION: Partial<Record<FamilyStatus, StcaExceptionId>> = {
  CITIZEN: 'X-FAM-1', PR: 'X-FAM-2', PROTECTED: 'X-FAM-3', HC_STAY: 'X-FAM-4', ELIGIBLE_CLAIM_PENDING: 'X-FAM-5', WORK_PERMIT: 'X-FAM-6', STUDY_PERMIT: 'X-FAM-6',
};

const PARENT_RELATIONS: ReadonlySet<FamilyRelation> = new Set(['FATHER', 'MOTHER', 'LEGAL_GUARDIAN']);

function memberMeets(m: FamilyMemberFact): { value: Tri; missing: FactPath[] } {
  if (m.relation === 'OTHER') return { value: false, missing: [] };
  if (m.status === 'ELIGIBLE_CLAIM_PENDING' || m.status === 'WORK_PERMIT' || m.status === 'STUDY_PERMIT') {
    // X-FAM-5/6 need the family member to be 18 or older; X-FAM-6 excludes some permits.
    const adult: Tri = m.age === undefined ? undefined : m.age >= 18;
    const permitOk: Tri = m.status === 'ELIGIBLE_CLAIM_PENDING' ? true : m.permitExcluded === undefined ? undefined : !m.permitExcluded;
    if (adult === false || permitOk === false) return { value: false, missing: [] };
    const missing: FactPath[] = [];
    if (adult === undefined) missing.push('familyInCanada[].age');
    if (permitOk === undefined) missing.push('familyInCanada[].permitExcluded');
    return { value: missing.length ? undefined : true, missing };
  }
  return { value: FAMILY_EXCEPTION[m.status] !== undefined, missing: [] };
}

function memberKey(m: FamilyMemberFact): string {
  return `${m.relation}|${m.status}|${m.age ?? ''}|${String(m.permitExcluded)}`;
}

function familyExceptions(ctx: RuleContext): ExceptionFinding[] {
  const family = ctx.facts.familyInCanada;
  const ids: StcaExceptionId[] = ['X-FAM-1', 'X-FAM-2', 'X-FAM-3', 'X-FAM-4', 'X-FAM-5', 'X-FAM-6'];
  if (!family) {
    return ids.map((id) => ({ id, ...finding(undefined, bi('family in Canada not recorded', 'famille au Canada non consignée'), [], ['familyInCanada']) }));
  }
  const members = [...family].sort((a, b) => (memberKey(a) < memberKey(b) ? -1 : memberKey(a) > memberKey(b) ? 1 : 0));
  return ids.map((id) => {
    const relevant = members.filter((m) => FAMILY_EXCEPTION[m.status] === id);
    const checks = relevant.map((m) => ({ m, ...memberMeets(m) }));
    const met = checks.filter((c) => c.value === true);
    if (met.length) {
      const who = listBi(met.map(({ m }) => bi(`${RELATION_LABELS[m.relation].en} in Canada: ${STATUS_LABELS[m.status].en}`, `${RELATION_LABELS[m.relation].fr} au Canada : ${STATUS_LABELS[m.status].fr}`)));
      return { id, ...finding(true, bi(`${id} (${who.en})`, `${id} (${who.fr})`), ['familyInCanada']) };
    }
    const open = checks.filter((c) => c.value === undefined);
    if (open.length) return { id, ...finding(undefined, bi(`${id} not established`, `${id} non établie`), ['familyInCanada'], open.flatMap((c) => c.missing)) };
    return { id, ...finding(false, bi(`${id} not met`, `${id} non remplie`), ['familyInCanada']) };
  });
}

function unaccompaniedMinor(ctx: RuleContext): ExceptionFinding {
  const c = ctx.facts.claimant;
  const used: FactPath[] = [];
  const parts: Array<{ value: Tri; missing: FactPath[] }> = [];
  // Under 18 on the claim date.
  if (c?.dateOfBirth && ctx.claimDate) {
    used.push('claimant.dateOfBirth', 'claim.claimDate');
    parts.push({ value: ctx.claimDate < addYears(c.dateOfBirth, 18, ctx.config.feb29Anniversary), missing: [] });
  } else {
    parts.push({ value: undefined, missing: c?.dateOfBirth ? ['claim.claimDate'] : ['claimant.dateOfBirth'] });
  }
  // Neither a spouse nor a common-law partner (a separated spouse is still a spouse).
  const ms = c?.maritalStatus;
  if (ms) used.push('claimant.maritalStatus');
  parts.push({ value: ms === undefined ? undefined : !(ms === 'MARRIED' || ms === 'COMMON_LAW' || ms === 'SEPARATED'), missing: ['claimant.maritalStatus'] });
  const acc = c?.accompaniedBy;
  if (acc) used.push('claimant.accompaniedBy');
  parts.push({ value: acc === undefined ? undefined : acc === 'NONE', missing: ['claimant.accompaniedBy'] });
  // No mother, father or legal guardian in Canada: a parent listed in familyInCanada settles it; otherwise
  // only the claimant's answer does (an empty family list is not read as an answer to this question).
  const parentListed = ctx.facts.familyInCanada?.some((m) => PARENT_RELATIONS.has(m.relation)) === true;
  const inCanada: Tri = parentListed || c?.parentOrGuardianInCanada === true ? true : c?.parentOrGuardianInCanada;
  if (parentListed) used.push('familyInCanada');
  if (c?.parentOrGuardianInCanada !== undefined) used.push('claimant.parentOrGuardianInCanada');
  parts.push({ value: inCanada === undefined ? undefined : !inCanada, missing: ['claimant.parentOrGuardianInCanada'] });
  const inUS = c?.parentOrGuardianInUS;
  if (inUS !== undefined) used.push('claimant.parentOrGuardianInUS');
  parts.push({ value: inUS === undefined ? undefined : !inUS, missing: ['claimant.parentOrGuardianInUS'] });

  if (parts.some((p) => p.value === false)) return { id: 'X-UAM', ...finding(false, bi('X-UAM not met', 'X-UAM non remplie'), used) };
  if (parts.every((p) => p.value === true)) {
    return { id: 'X-UAM', ...finding(true, bi('X-UAM (unaccompanied minor with no parent or legal guardian in Canada or the United States)',
      'X-UAM (mineur non accompagné sans parent ni tuteur légal au Canada ou aux États-Unis)'), used) };
  }
  return { id: 'X-UAM', ...finding(undefined, bi('X-UAM not established', 'X-UAM non établie'), used, parts.filter((p) => p.value === undefined).flatMap((p) => p.missing)) };
}

function documentHolder(ctx: RuleContext): ExceptionFinding {
  const docs = ctx.facts.documents;
  if (!docs) return { id: 'X-DOC-1', ...finding(undefined, bi('Canadian documents not recorded', 'documents canadiens non consignés'), [], ['documents']) };
  const missing: FactPath[] = [];
  const qualifying = new Set<string>();
  for (const d of docs) {
    const transitOk: Tri = d.type !== 'TRV' ? true : d.transitOnly === undefined ? undefined : !d.transitOnly;
    const valid = d.validOnClaimDate;
    if (valid === false || transitOk === false) continue;
    if (valid === true && transitOk === true) qualifying.add(d.type);
    else {
      if (valid === undefined) missing.push('documents[].validOnClaimDate');
      if (transitOk === undefined) missing.push('documents[].transitOnly');
    }
  }
  if (qualifying.size) {
    const types = [...qualifying].sort().join(', ');
    return { id: 'X-DOC-1', ...finding(true, bi(`X-DOC-1 (holds a valid Canadian document: ${types})`, `X-DOC-1 (détient un document canadien valide : ${types})`), ['documents']) };
  }
  if (missing.length) return { id: 'X-DOC-1', ...finding(undefined, bi('X-DOC-1 not established', 'X-DOC-1 non établie'), ['documents'], missing) };
  return { id: 'X-DOC-1', ...finding(false, bi('X-DOC-1 not met', 'X-DOC-1 non remplie'), ['documents']) };
}

function visaExemption(ctx: RuleContext): ExceptionFinding {
  const v = ctx.facts.visaRegime;
  const exempt = v?.visaExemptCanada;
  const needsUS = v?.visaRequiredUS;
  const used: FactPath[] = [];
  if (exempt !== undefined) used.push('visaRegime.visaExemptCanada');
  if (needsUS !== undefined) used.push('visaRegime.visaRequiredUS');
  if (exempt === false || needsUS === false) return { id: 'X-DOC-2', ...finding(false, bi('X-DOC-2 not met', 'X-DOC-2 non remplie'), used) };
  if (exempt === true && needsUS === true) {
    return { id: 'X-DOC-2', ...finding(true, bi('X-DOC-2 (no visa needed for Canada, but one needed for the United States)',
      'X-DOC-2 (dispensé de visa pour le Canada, mais visa exigé pour les États-Unis)'), used) };
  }
  const missing: FactPath[] = [];
  if (exempt === undefined) missing.push('visaRegime.visaExemptCanada');
  if (needsUS === undefined) missing.push('visaRegime.visaRequiredUS');
  return { id: 'X-DOC-2', ...finding(undefined, bi('X-DOC-2 not established', 'X-DOC-2 non établie'), used, missing) };
}

function publicInterest(ctx: RuleContext): ExceptionFinding {
  const charged = ctx.facts.deathPenaltyExposure?.chargedOrConvicted;
  if (charged === undefined) {
    return { id: 'X-PI', ...finding(undefined, bi('X-PI not established', 'X-PI non établie'), [], ['deathPenaltyExposure.chargedOrConvicted']) };
  }
  const used: FactPath[] = ['deathPenaltyExposure.chargedOrConvicted'];
  if (!charged) return { id: 'X-PI', ...finding(false, bi('X-PI not met', 'X-PI non remplie'), used) };
  if (ctx.config.xPiUnavailableIfInadmissible) {
    const findings = ctx.facts.inadmissibility?.findings;
    if (!findings) return { id: 'X-PI', ...finding(undefined, bi('X-PI not established', 'X-PI non établie'), used, ['inadmissibility.findings']) };
    used.push('inadmissibility.findings');
    if (findings.some((f) => f.ground === 'SECURITY' || f.ground === 'HUMAN_RIGHTS' || f.ground === 'SERIOUS_CRIM')) {
      return { id: 'X-PI', ...finding(false, bi('X-PI not available to a person inadmissible on those grounds', 'X-PI non offerte à une personne interdite de territoire pour ces motifs'), used) };
    }
  }
  return { id: 'X-PI', ...finding(true, bi('X-PI (charged with or convicted of an offence punishable by death)', 'X-PI (accusé ou reconnu coupable d\'une infraction punissable de la peine de mort)'), used) };
}

export function stcaExceptions(ctx: RuleContext): ExceptionFinding[] {
  const all = [...familyExceptions(ctx), unaccompaniedMinor(ctx), documentHolder(ctx), visaExemption(ctx), publicInterest(ctx)];
  return all.sort((a, b) => STCA_EXCEPTIONS.indexOf(a.id) - STCA_EXCEPTIONS.indexOf(b.id));
}

/**
 * Applies the exceptions to a ground whose conditions are `conditions` (true = established):
 * any exception met → EXCEPTION_MET; conditions established and every exception ruled out → APPLIES.
 */
export function withExceptions(conditions: Finding, base: Bilingual, ctx: RuleContext, used: FactPath[]): Evaluation {
  const exceptions = stcaExceptions(ctx);
  const met = exceptions.filter((e) => e.value === true);
  const allUsed = [...used, ...exceptions.flatMap((e) => e.used)];
  if (met.length) {
    const list = listBi(met.map((e) => e.text));
    return {
      result: 'EXCEPTION_MET', exceptionsMet: met.map((e) => e.id), used: allUsed, missing: [],
      detail: joinBi([base, bi(`exception met: ${list.en}`, `exception remplie : ${list.fr}`)]),
    };
  }
  const open = exceptions.filter((e) => e.value === undefined);
  if (conditions.value === true && !open.length) {
    return { result: 'APPLIES', used: allUsed, missing: [], detail: joinBi([base, bi('no exception of IRPR 159.5 or 159.6 is met', 'aucune exception des art. 159.5 ou 159.6 du RIPR n\'est remplie')]) };
  }
  const missing = [...(conditions.value === undefined ? conditions.missing : []), ...open.flatMap((e) => e.missing)];
  const openText = open.length
    ? [bi(`exceptions not yet established: ${open.map((e) => e.id).join(', ')}`, `exceptions non encore établies : ${open.map((e) => e.id).join(', ')}`)]
    : [];
  return { result: 'UNKNOWN', used: allUsed, missing, detail: joinBi([base, ...openText]) };
}

/** EL-E: scope first; out of scope on any count → NOT_APPLICABLE; else the exceptions decide. */
export function evaluateStca(ctx: RuleContext): Evaluation {
  const person = outsideAgreementByPerson(ctx);
  const fromUS = cameFromUS(ctx);
  const loc = location(ctx);
  const parts = [person, fromUS, loc];
  const used = parts.flatMap((p) => p.used);
  if (person.value === true) return { result: 'NOT_APPLICABLE', used, missing: [], detail: joinBi([person.text, bi('the Agreement does not apply to them', 'l\'Entente ne s\'applique pas à lui')]) };
  if (fromUS.value === false) return { result: 'NOT_APPLICABLE', used, missing: [], detail: fromUS.text };
  if (loc.value === false) return { result: 'NOT_APPLICABLE', used, missing: [], detail: joinBi(fromUS.value ? [fromUS.text, loc.text] : [loc.text]) };
  const inScope: Tri = person.value === false && fromUS.value === true && loc.value === true ? true : undefined;
  const scope: Finding = {
    value: inScope, text: bi('', ''), used,
    missing: parts.filter((p) => p.value === undefined).flatMap((p) => p.missing),
  };
  const base = joinBi(parts.map((p) => p.text));
  return withExceptions(scope, base, ctx, used);
}
