import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ELIGIBILITY_CONFIG, evaluateEligibility,
  type EligibilityAssessment, type EligibilityConfig, type EligibilityFacts, type GroundResult, type RuleId, type StcaExceptionId,
} from './index.ts';
import { inlandFacts, landPoeFacts, patch } from './fixtures.ts';

type Results = Partial<Record<RuleId, GroundResult>>;

const STATUTORY: RuleId[] = ['EL-A', 'EL-B', 'EL-B1', 'EL-B2', 'EL-C', 'EL-C1', 'EL-D', 'EL-E', 'EL-F'];
const STCA_FIRST: RuleId[] = ['EL-E', 'EL-A', 'EL-B', 'EL-B1', 'EL-B2', 'EL-C', 'EL-C1', 'EL-D', 'EL-F'];

/** Every ground's result: the listed ones as given, all others NOT_APPLICABLE. */
function expectResults(a: EligibilityAssessment, results: Results): void {
  const expected = Object.fromEntries(STATUTORY.map((id) => [id, results[id] ?? 'NOT_APPLICABLE']));
  expect(Object.fromEntries(a.grounds.map((g) => [g.ruleId, g.result]))).toEqual(expected);
}

function ground(a: EligibilityAssessment, id: RuleId) {
  const g = a.grounds.find((x) => x.ruleId === id);
  if (!g) throw new Error(`no ground ${id}`);
  return g;
}

const cfg = (c: Partial<EligibilityConfig>): EligibilityConfig => ({ ...DEFAULT_ELIGIBILITY_CONFIG, ...c });

/** Colombian adult who crossed on foot between ports near Lacolle (E3/E4). */
function betweenPorts(crossing: string, claimDate: string, channel: 'INLAND_OFFICE' | 'ONLINE' = 'INLAND_OFFICE'): EligibilityFacts {
  return patch(landPoeFacts(), {
    claimant: { nationalities: ['COL'] },
    claim: { claimDate, channel, location: channel === 'ONLINE' ? undefined : 'CBSA Lacolle', cameFromUS: true },
    entries: [{ date: crossing, atPOE: false, borderSegment: 'CA_US_LAND', fromCountry: 'USA' }],
  });
}

const unaccompanied16 = { dateOfBirth: '2010-01-15', maritalStatus: 'SINGLE', accompaniedBy: 'NONE', parentOrGuardianInCanada: false, parentOrGuardianInUS: false } as const;

// ------------------------------------------------------------------ domain.md §3.4 worked examples

interface Example {
  id: string;
  facts: EligibilityFacts;
  outcome: EligibilityAssessment['outcome'];
  results: Results;
  exceptions?: StcaExceptionId[];
  order: RuleId[];
  consequences: Partial<EligibilityAssessment['consequences']>;
}

const E5_ENTRIES: EligibilityFacts['entries'] = [
  { date: '2021-08-15', atPOE: true, borderSegment: 'AIR', fromCountry: 'IND' },
  { date: '2024-01-10', atPOE: true, borderSegment: 'AIR', fromCountry: 'IND' },
];

const EXAMPLES: Example[] = [
  {
    id: 'E1 land POE, sister is a PR → X-FAM-2',
    facts: patch(landPoeFacts(), { familyInCanada: [{ relation: 'SISTER', age: 34, status: 'PR' }] }),
    outcome: 'ELIGIBLE', results: { 'EL-E': 'EXCEPTION_MET' }, exceptions: ['X-FAM-2'], order: STCA_FIRST,
    consequences: { removalOrderInForceRule: null, radAvailableLater: false, referral: 'RPD', prraAvailable: false },
  },
  {
    id: 'E2 land POE, no relatives, no documents',
    facts: landPoeFacts(),
    outcome: 'INELIGIBLE', results: { 'EL-E': 'APPLIES' }, order: STCA_FIRST,
    consequences: { removalOrderInForceRule: '49(2)(a)', prraAvailable: false, radAvailableLater: false, referral: null },
  },
  {
    id: 'E3 between ports, claim the same day, adult',
    facts: betweenPorts('2026-05-01', '2026-05-01'),
    outcome: 'INELIGIBLE', results: { 'EL-E': 'APPLIES' }, order: STCA_FIRST,
    consequences: { removalOrderInForceRule: '49(2)(a)', prraAvailable: false },
  },
  {
    id: 'E3 between ports, unaccompanied 16-year-old with no parent in CA or US → X-UAM',
    facts: patch(betweenPorts('2026-05-01', '2026-05-01'), { claimant: unaccompanied16 }),
    outcome: 'ELIGIBLE', results: { 'EL-E': 'EXCEPTION_MET' }, exceptions: ['X-UAM'], order: STCA_FIRST,
    consequences: { removalOrderInForceRule: null, radAvailableLater: false, referral: 'RPD' },
  },
  {
    id: 'E4 same crossing, online claim 19 days later → (b.2)',
    facts: betweenPorts('2026-05-01', '2026-05-20', 'ONLINE'),
    outcome: 'INELIGIBLE', results: { 'EL-B2': 'APPLIES' }, order: STATUTORY,
    consequences: { removalOrderInForceRule: '49(2)(b)', prraAvailable: true, radAvailableLater: false },
  },
  {
    id: 'E5 first entry 2021-08-15, re-entry 2024-01-10, claim 2025-09-01 → (b.1)',
    facts: patch(inlandFacts('2025-09-01'), { entries: E5_ENTRIES }),
    outcome: 'INELIGIBLE', results: { 'EL-B1': 'APPLIES' }, order: STATUTORY,
    consequences: { removalOrderInForceRule: '49(2)(b)', prraAvailable: true },
  },
  {
    id: 'E6 same person, claim 2025-05-20 (before the transition date)',
    facts: patch(inlandFacts('2025-05-20'), { entries: E5_ENTRIES }),
    outcome: 'ELIGIBLE', results: {}, order: STATUTORY,
    consequences: { removalOrderInForceRule: null, radAvailableLater: true, referral: 'RPD' },
  },
  {
    id: 'E7 entered 2019-03-01, never left, claim 2026-04-01',
    facts: patch(inlandFacts('2026-04-01'), { entries: [{ date: '2019-03-01', atPOE: true, borderSegment: 'AIR' }] }),
    outcome: 'ELIGIBLE', results: {}, order: STATUTORY, consequences: { radAvailableLater: true },
  },
  {
    id: 'E7 variant: left and re-entered 2022-02-01',
    facts: patch(inlandFacts('2026-04-01'), { entries: [{ date: '2019-03-01', atPOE: true, borderSegment: 'AIR' }, { date: '2022-02-01', atPOE: true, borderSegment: 'AIR' }] }),
    outcome: 'INELIGIBLE', results: { 'EL-B1': 'APPLIES' }, order: STATUTORY, consequences: { removalOrderInForceRule: '49(2)(b)' },
  },
  {
    id: 'E8 air arrival at Montréal-Trudeau from New York, not in removal transit',
    facts: patch(landPoeFacts(), {
      claim: { channel: 'AIR', location: 'Montréal-Trudeau', inTransitUnderUSRemovalOrder: false },
      entries: [{ date: '2026-05-10', atPOE: true, borderSegment: 'AIR', fromCountry: 'USA' }],
    }),
    outcome: 'ELIGIBLE', results: {}, order: STATUTORY, consequences: { radAvailableLater: true, referral: 'RPD' },
  },
  {
    id: 'E9 land POE, visa-exempt for Canada but needs a US visa → X-DOC-2',
    facts: patch(landPoeFacts(), { claimant: { nationalities: ['MEX'] }, visaRegime: { visaExemptCanada: true, visaRequiredUS: true } }),
    outcome: 'ELIGIBLE', results: { 'EL-E': 'EXCEPTION_MET' }, exceptions: ['X-DOC-2'], order: STCA_FIRST,
    consequences: { radAvailableLater: false },
  },
  {
    id: 'E10 prior UK claim confirmed under information sharing → (c.1)',
    facts: patch(inlandFacts('2026-05-10'), {
      claim: { channel: 'AIR', location: 'Toronto Pearson', inTransitUnderUSRemovalOrder: false },
      priorClaims: { canada: [], foreign: [{ country: 'GBR', date: '2024-03-01', confirmedViaInfoSharing: true }] },
    }),
    outcome: 'INELIGIBLE', results: { 'EL-C1': 'APPLIES' }, order: STATUTORY,
    consequences: { removalOrderInForceRule: '49(2)(b)', prraAvailable: true, prraOralHearing: true },
  },
  {
    id: 'E11 prior claim abandoned 2023-06-15, new claim 2026-04-20 → (c); PRRA open since 2024-06-15',
    facts: patch(inlandFacts('2026-04-20'), {
      entries: [{ date: '2019-01-10', atPOE: true, borderSegment: 'AIR' }],
      priorClaims: { canada: [{ outcome: 'ABANDONED', date: '2023-06-15' }], foreign: [] },
    }),
    outcome: 'INELIGIBLE', results: { 'EL-C': 'APPLIES' }, order: STATUTORY,
    consequences: { removalOrderInForceRule: '49(2)(b)', prraAvailable: true, prraAvailableFrom: '2024-06-15' },
  },
  {
    id: 'E12 convicted in Canada (14-year maximum), ID finds serious criminality → (f)',
    facts: patch(inlandFacts('2026-04-20'), {
      entries: [{ date: '2015-09-01', atPOE: true, borderSegment: 'AIR' }],
      inadmissibility: { findings: [{ ground: 'SERIOUS_CRIM', date: '2026-02-01' }], convictions: [{ inCanada: true, maxPenaltyYears: 14 }] },
    }),
    outcome: 'INELIGIBLE', results: { 'EL-F': 'APPLIES' }, order: STATUTORY,
    consequences: { removalOrderInForceRule: '49(2)(b)', prraAvailable: true, prraRestricted: true },
  },
  {
    id: 'E13 referred claim, concealed US claim confirmed by DHS → (c.1) by a 104 notice',
    facts: patch(landPoeFacts(), {
      claim: { referredToRPD: true },
      familyInCanada: [{ relation: 'SISTER', age: 34, status: 'PR' }],
      priorClaims: { canada: [], foreign: [{ country: 'USA', date: '2025-11-02', confirmedViaInfoSharing: true }] },
    }),
    outcome: 'INELIGIBLE', results: { 'EL-E': 'EXCEPTION_MET', 'EL-C1': 'APPLIES' }, exceptions: ['X-FAM-2'], order: STCA_FIRST,
    consequences: { removalOrderInForceRule: 'TERMINATION_104', prraOralHearing: true, radAvailableLater: false },
  },
];

describe('worked examples E1–E13 (domain.md §3.4)', () => {
  it.each(EXAMPLES)('$id', ({ facts, outcome, results, exceptions, order, consequences }) => {
    const a = evaluateEligibility(facts);
    expect(a.outcome).toBe(outcome);
    expectResults(a, results);
    expect(a.grounds.map((g) => g.ruleId)).toEqual(order);
    expect(ground(a, 'EL-E').exceptionsMet).toEqual(exceptions);
    expect(a.consequences).toMatchObject(consequences);
    expect(a.questions).toEqual([]);
  });

  it('E2 explains the STCA finding in both languages and bars the PRRA (112(2)(b))', () => {
    const a = evaluateEligibility(landPoeFacts());
    expect(ground(a, 'EL-E').explanation).toEqual({
      en: 'Ineligible under IRPA 101(1)(e); IRPR 159.3–159.6: the claimant is a national of HTI; came from the United States; claim made at a land port of entry (St-Bernard-de-Lacolle); no exception of IRPR 159.5 or 159.6 is met.',
      fr: 'Irrecevable selon l\'alinéa 101(1)e) de la LIPR (art. 159.3 à 159.6 du RIPR) : le demandeur a la nationalité suivante : HTI; arrivé des États-Unis; demande présentée à un point d\'entrée terrestre (St-Bernard-de-Lacolle); aucune exception des art. 159.5 ou 159.6 du RIPR n\'est remplie.',
    });
    expect(ground(a, 'EL-E').version).toBe('EL-E@2023-03-25');
    expect(a.consequences.prraBarReason).toBe('IRPA 112(2)(b): the claim was determined ineligible under 101(1)(e) (STCA); the claimant is returned to the United States.');
    expect(a.consequences.removalOrderInForce?.en).toBe('The removal order comes into force on the day the notice of ineligibility is provided: ineligible only under IRPA 101(1)(e) (IRPA 49(2)(a)).');
  });

  it('E4 explains (b.2) with the crossing, the window end and the day count', () => {
    const a = evaluateEligibility(betweenPorts('2026-05-01', '2026-05-20', 'ONLINE'));
    expect(ground(a, 'EL-B2').explanation.en).toBe('Ineligible under IRPA 101(1)(b.2); IRPR 159.4(1.1): entered Canada between ports of entry along the Canada–US border on 2026-05-01; claim made 2026-05-20 (19 days later), after the 14-day time limit of IRPR 159.4(1.1) ended on 2026-05-15; claim made on or after 2025-06-03.');
    expect(ground(a, 'EL-E').explanation.en).toBe('Not ineligible under IRPA 101(1)(e); IRPR 159.3–159.6: came from the United States; claim made online; entered between ports of entry on 2026-05-01; claim made 2026-05-20 (19 days later), after the 14-day window ended on 2026-05-15.');
  });

  it('E5 explains (b.1) exactly as the spec template, in English and French', () => {
    const a = evaluateEligibility(patch(inlandFacts('2025-09-01'), { entries: E5_ENTRIES }));
    expect(ground(a, 'EL-B1')).toMatchObject({
      version: 'EL-B1@2026-03-26', factsUsed: ['claim.claimDate', 'entries'], missingFacts: [],
      explanation: {
        en: 'Ineligible under IRPA 101(1)(b.1): first entry after 2020-06-24 was 2021-08-15; claim made 2025-09-01 (1,478 days later, more than one year); claim made on or after 2025-06-03.',
        fr: 'Irrecevable selon l\'alinéa 101(1)b.1) de la LIPR : première entrée après le 2020-06-24 le 2021-08-15; demande présentée le 2025-09-01 (1\u00a0478 jours plus tard, plus d\'un an); demande présentée le 2025-06-03 ou après.',
      },
    });
    // No assessment date: decided under the law now in the table, i.e. as of C-12's Royal Assent.
    expect([a.evaluatedOn, a.assessedOn, a.assessmentDateAssumed]).toEqual(['2025-09-01', '2026-03-26', true]);
  });

  it('E6 explains why (b.1) cannot reach a claim made before 2025-06-03', () => {
    const a = evaluateEligibility(patch(inlandFacts('2025-05-20'), { entries: E5_ENTRIES }));
    expect(ground(a, 'EL-B1').explanation).toEqual({
      en: 'Not ineligible under IRPA 101(1)(b.1): claim made 2025-05-20, before 2025-06-03; the ground applies only to claims made on or after 2025-06-03.',
      fr: 'Non irrecevable selon l\'alinéa 101(1)b.1) de la LIPR : demande présentée le 2025-05-20, avant le 2025-06-03; ce motif ne vise que les demandes présentées le 2025-06-03 ou après.',
    });
  });

  it('E11 within the 12-month bar: PRRA not yet open (112(2)(b.1))', () => {
    const a = evaluateEligibility(patch(inlandFacts('2026-04-20'), {
      entries: [{ date: '2019-01-10', atPOE: true, borderSegment: 'AIR' }],
      priorClaims: { canada: [{ outcome: 'WITHDRAWN', date: '2025-12-01' }], foreign: [] },
    }));
    expect(a.consequences).toMatchObject({
      prraAvailable: false, prraAvailableFrom: '2026-12-01',
      prraBarReason: 'IRPA 112(2)(b.1): less than 12 months since the prior claim was last rejected, withdrawn or abandoned (2025-12-01); PRRA possible from 2026-12-01.',
    });
  });

  it('E12 states the 101(2)(a) conviction', () => {
    const a = evaluateEligibility(EXAMPLES.find((e) => e.id.startsWith('E12'))?.facts ?? {});
    expect(ground(a, 'EL-F').explanation.en).toBe('Ineligible under IRPA 101(1)(f), 101(2): the claimant has been determined inadmissible on grounds of serious criminality; conviction in Canada for an offence punishable by a maximum of 14 years (IRPA 101(2)(a)).');
  });

  it('E13 names the 104 notice', () => {
    const a = evaluateEligibility(EXAMPLES.find((e) => e.id.startsWith('E13'))?.facts ?? {});
    expect(a.consequences.notice104?.citation).toBe('IRPA 104(1)(a), 104(2)');
  });
});

// ------------------------------------------------------------------ boundaries

describe('the 14-day STCA window after a between-ports crossing (§4.4)', () => {
  it.each<[string, GroundResult, GroundResult, RuleId[]]>([
    ['2026-05-14', 'APPLIES', 'NOT_APPLICABLE', STCA_FIRST],
    ['2026-05-15', 'APPLIES', 'NOT_APPLICABLE', STCA_FIRST], // day 14: last day of the window
    ['2026-05-16', 'NOT_APPLICABLE', 'APPLIES', STATUTORY], // day 15: (b.2)
  ])('crossing 2026-05-01, claim %s → STCA %s, (b.2) %s', (claimDate, stca, b2, order) => {
    const a = evaluateEligibility(betweenPorts('2026-05-01', claimDate));
    expect(a.outcome).toBe('INELIGIBLE');
    expectResults(a, { 'EL-E': stca, 'EL-B2': b2 });
    expect(a.grounds.map((g) => g.ruleId)).toEqual(order);
    expect(a.consequences.removalOrderInForceRule).toBe(stca === 'APPLIES' ? '49(2)(a)' : '49(2)(b)');
  });

  it('does not roll over a Sunday by default; rolls over Sunday and a listed holiday when configured', () => {
    // Crossing Sunday 2026-05-03: day 14 is Sunday 2026-05-17; Monday 2026-05-18 is Victoria Day.
    const facts = betweenPorts('2026-05-03', '2026-05-19');
    expectResults(evaluateEligibility(facts), { 'EL-B2': 'APPLIES' });
    const rolled = cfg({ stcaWindowRollsOverHolidays: true, holidays: ['2026-05-18'] });
    expectResults(evaluateEligibility(facts, rolled), { 'EL-E': 'APPLIES' });
    expectResults(evaluateEligibility(betweenPorts('2026-05-03', '2026-05-20'), rolled), { 'EL-B2': 'APPLIES' });
  });

  it('exceptions do not save a (b.2) claim by default; they do when stcaExceptionsAgainstB2 is set (E4 ❓)', () => {
    const facts = patch(betweenPorts('2026-05-01', '2026-05-20', 'ONLINE'), { familyInCanada: [{ relation: 'BROTHER', age: 40, status: 'CITIZEN' }] });
    expect(evaluateEligibility(facts).outcome).toBe('INELIGIBLE');
    const a = evaluateEligibility(facts, cfg({ stcaExceptionsAgainstB2: true }));
    expect(a.outcome).toBe('ELIGIBLE');
    expect(ground(a, 'EL-B2')).toMatchObject({ result: 'EXCEPTION_MET', exceptionsMet: ['X-FAM-1'] });
  });
});

describe('the one-year bar (101(1)(b.1))', () => {
  const oneEntry = (entry: string, claim: string) => patch(inlandFacts(claim), { entries: [{ date: entry, atPOE: true, borderSegment: 'AIR' }] });

  it.each<[string, string, GroundResult]>([
    ['2025-07-01', '2026-07-01', 'NOT_APPLICABLE'], // one year to the day
    ['2025-07-01', '2026-07-02', 'APPLIES'], // one day more
    ['2020-06-24', '2026-04-01', 'NOT_APPLICABLE'], // entry on 2020-06-24 is not "after" it
    ['2020-06-25', '2026-04-01', 'APPLIES'],
  ])('entry %s, claim %s → %s', (entry, claim, result) => {
    expectResults(evaluateEligibility(oneEntry(entry, claim)), { 'EL-B1': result });
  });

  it('Feb-29 entry: anniversary on Feb 28 by default, Mar 1 when configured', () => {
    expectResults(evaluateEligibility(oneEntry('2028-02-29', '2029-02-28')), {});
    expectResults(evaluateEligibility(oneEntry('2028-02-29', '2029-03-01')), { 'EL-B1': 'APPLIES' });
    expect(ground(evaluateEligibility(oneEntry('2028-02-29', '2029-02-28')), 'EL-B1').explanation.en)
      .toBe('Not ineligible under IRPA 101(1)(b.1): first entry after 2020-06-24 was 2028-02-29; claim made 2029-02-28 (365 days later, within one year: on or before 2029-02-28).');
    expectResults(evaluateEligibility(oneEntry('2028-02-29', '2029-03-01'), cfg({ feb29Anniversary: 'MAR_1' })), {});
    expectResults(evaluateEligibility(oneEntry('2028-02-29', '2029-03-02'), cfg({ feb29Anniversary: 'MAR_1' })), { 'EL-B1': 'APPLIES' });
  });

  it('DAYS_365 reading counts 365 days, not the anniversary, across a leap day', () => {
    // 2027-03-01 → 2028-03-01 is 366 days: on the anniversary, but past 365 days.
    expectResults(evaluateEligibility(oneEntry('2027-03-01', '2028-03-01')), {});
    expectResults(evaluateEligibility(oneEntry('2027-03-01', '2028-03-01'), cfg({ oneYearRule: 'DAYS_365' })), { 'EL-B1': 'APPLIES' });
    expectResults(evaluateEligibility(oneEntry('2027-03-01', '2028-02-29'), cfg({ oneYearRule: 'DAYS_365' })), {});
  });

  it.each<[string, GroundResult]>([['2025-06-02', 'NOT_APPLICABLE'], ['2025-06-03', 'APPLIES']])('transition: claim %s → %s', (claim, result) => {
    expectResults(evaluateEligibility(oneEntry('2021-08-15', claim)), { 'EL-B1': result });
  });

  it('an entry after the claim date does not count', () => {
    const facts = patch(inlandFacts('2026-04-01'), { entries: [{ date: '2019-03-01', atPOE: true, borderSegment: 'AIR' }, { date: '2026-06-01', atPOE: true, borderSegment: 'AIR' }] });
    expectResults(evaluateEligibility(facts), {});
  });
});

describe('effective dating', () => {
  it.each<[string, GroundResult, string]>([
    ['2023-03-24', 'NOT_APPLICABLE', 'EL-E@2004-12-29'],
    ['2023-03-25', 'APPLIES', 'EL-E@2023-03-25'],
  ])('between-ports crossing 2023-03-20, claim %s → STCA %s (%s)', (claim, result, version) => {
    const a = evaluateEligibility(betweenPorts('2023-03-20', claim));
    expectResults(a, { 'EL-E': result });
    expect(ground(a, 'EL-E').version).toBe(version);
  });

  it('explains a between-ports claim made before the Protocol', () => {
    expect(ground(evaluateEligibility(betweenPorts('2023-03-20', '2023-03-24')), 'EL-E').explanation.en)
      .toBe('Not ineligible under IRPA 101(1)(e); IRPR 159.3–159.6: came from the United States; claim made at an inland office (CBSA Lacolle); entered between ports of entry on 2023-03-20; claim made 2023-03-24, before the Additional Protocol applied (2023-03-25).');
  });

  it('stcaProtocolScopeBy CROSSING_DATE: a crossing before 2023-03-25 stays out of scope', () => {
    expectResults(evaluateEligibility(betweenPorts('2023-03-20', '2023-03-25'), cfg({ stcaProtocolScopeBy: 'CROSSING_DATE' })), {});
    expectResults(evaluateEligibility(betweenPorts('2023-03-25', '2023-03-26'), cfg({ stcaProtocolScopeBy: 'CROSSING_DATE' })), { 'EL-E': 'APPLIES' });
  });

  it.each<[string, GroundResult]>([['2025-06-02', 'NOT_APPLICABLE'], ['2025-06-03', 'APPLIES']])('(b.2) transition: crossing 2025-05-01, claim %s → %s', (claim, result) => {
    expectResults(evaluateEligibility(betweenPorts('2025-05-01', claim)), { 'EL-B2': result });
  });

  it('an assessment dated before 2026-03-26 does not apply (b.1): NOT_IN_FORCE, saying what it would do', () => {
    const facts = patch(inlandFacts('2025-09-01'), { claim: { assessmentDate: '2025-10-01' }, entries: E5_ENTRIES });
    const a = evaluateEligibility(facts);
    expect(a.outcome).toBe('ELIGIBLE');
    expect([a.assessedOn, a.assessmentDateAssumed]).toEqual(['2025-10-01', false]);
    expect(ground(a, 'EL-B1')).toMatchObject({ result: 'NOT_IN_FORCE', resultIfInForce: 'APPLIES', missingFacts: [] });
    expect(ground(a, 'EL-B1').explanation.en).toBe('Not in force: IRPA 101(1)(b.1) was not in force on the assessment date 2025-10-01 (in force from 2026-03-26); on these facts, if it were in force, it would make the claim ineligible (first entry after 2020-06-24 was 2021-08-15; claim made 2025-09-01 (1,478 days later, more than one year); claim made on or after 2025-06-03).');
    // Assessed on Royal Assent day it applies.
    expect(evaluateEligibility(patch(facts, { claim: { assessmentDate: '2026-03-26' } })).outcome).toBe('INELIGIBLE');
    // withoutAssessmentDate CLAIM_DATE reads a missing assessment date as the claim date.
    const byClaimDate = evaluateEligibility(patch(facts, { claim: { assessmentDate: undefined } }), cfg({ withoutAssessmentDate: 'CLAIM_DATE' }));
    expect([byClaimDate.outcome, ground(byClaimDate, 'EL-B1').result, byClaimDate.assessedOn]).toEqual(['ELIGIBLE', 'NOT_IN_FORCE', '2025-09-01']);
  });

  it('a sunset (c12GroundsEffectiveTo) takes (b.1) out of force after that day', () => {
    const facts = patch(inlandFacts('2031-04-01'), { entries: [{ date: '2025-01-01', atPOE: true, borderSegment: 'AIR' }] });
    expectResults(evaluateEligibility(facts), { 'EL-B1': 'APPLIES' });
    expectResults(evaluateEligibility(facts, cfg({ c12GroundsEffectiveTo: '2031-03-25' })), { 'EL-B1': 'NOT_IN_FORCE', 'EL-B2': 'NOT_IN_FORCE' });
    expectResults(evaluateEligibility(facts, cfg({ c12GroundsEffectiveTo: '2031-04-01' })), { 'EL-B1': 'APPLIES' });
  });

  it.each<[string, GroundResult]>([['2019-04-07', 'NOT_APPLICABLE'], ['2019-04-08', 'APPLIES']])('(c.1) reaches claims from 2019-04-08: claim %s → %s', (claim, result) => {
    const facts = patch(inlandFacts(claim), { priorClaims: { canada: [], foreign: [{ country: 'USA', date: '2018-01-01', confirmedViaInfoSharing: true }] } });
    expectResults(evaluateEligibility(facts), { 'EL-C1': result });
    // Assessed before the BIA 2019 was in force, (c.1) is NOT_IN_FORCE.
    if (result === 'APPLIES') expectResults(evaluateEligibility(patch(facts, { claim: { assessmentDate: '2019-05-01' } })), { 'EL-C1': 'NOT_IN_FORCE' });
  });
});

describe('STCA scope and exceptions', () => {
  it('unaccompanied minor with a parent in the US: X-UAM not met → STCA applies', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { claimant: { ...unaccompanied16, parentOrGuardianInUS: true } }));
    expect(a.outcome).toBe('INELIGIBLE');
    expectResults(a, { 'EL-E': 'APPLIES' });
  });

  it('unaccompanied minor without a parent in CA or US: X-UAM met', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { claimant: unaccompanied16 }));
    expect(ground(a, 'EL-E')).toMatchObject({ result: 'EXCEPTION_MET', exceptionsMet: ['X-UAM'] });
  });

  it('a mother listed in familyInCanada (status OTHER) defeats X-UAM; an 18th birthday on the claim date ends it', () => {
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claimant: { ...unaccompanied16, parentOrGuardianInCanada: undefined }, familyInCanada: [{ relation: 'MOTHER', status: 'OTHER' }] })), { 'EL-E': 'APPLIES' });
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claimant: { ...unaccompanied16, dateOfBirth: '2008-05-10' } })), { 'EL-E': 'APPLIES' });
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claimant: { ...unaccompanied16, dateOfBirth: '2008-05-11' } })), { 'EL-E': 'EXCEPTION_MET' });
  });

  it.each<[string, EligibilityFacts['claimant']]>([
    ['a US citizen', { nationalities: ['USA'], stateless: false }],
    ['a dual HTI/US citizen', { nationalities: ['HTI', 'USA'], stateless: false }],
    ['a stateless person whose former habitual residence is the US', { nationalities: [], stateless: true, formerHabitualResidences: ['USA'] }],
  ])('%s at a land POE: STCA out of scope', (_name, claimant) => {
    const a = evaluateEligibility(patch(landPoeFacts(), { claimant }));
    expect(a.outcome).toBe('ELIGIBLE');
    expectResults(a, {});
    expect(a.consequences.radAvailableLater).toBe(true);
  });

  it('a stateless person whose former habitual residence is elsewhere is in scope', () => {
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claimant: { nationalities: [], stateless: true, formerHabitualResidences: ['SYR'] } })), { 'EL-E': 'APPLIES' });
  });

  it('airport arrival in transit under a US removal order: STCA in scope', () => {
    const facts = patch(landPoeFacts(), { claim: { channel: 'AIR', location: 'Toronto Pearson', inTransitUnderUSRemovalOrder: true }, entries: [{ date: '2026-05-10', atPOE: true, borderSegment: 'AIR' }] });
    const a = evaluateEligibility(facts);
    expectResults(a, { 'EL-E': 'APPLIES' });
    expect(a.grounds.map((g) => g.ruleId)).toEqual(STATUTORY);
    expect(ground(a, 'EL-E').explanation.en).toContain('claim made at an airport (Toronto Pearson) while in transit through Canada under a US removal order');
  });

  it.each<[string, 'RAIL' | 'MARINE', GroundResult]>([['rail POE', 'RAIL', 'APPLIES'], ['marine port', 'MARINE', 'NOT_APPLICABLE']])('%s', (_n, channel, result) => {
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claim: { channel } })), { 'EL-E': result });
  });

  it('did not come from the US: out of scope even at a land POE', () => {
    expectResults(evaluateEligibility(patch(landPoeFacts(), { claim: { cameFromUS: false } })), {});
  });

  it.each<[string, EligibilityFacts['familyInCanada'], StcaExceptionId[] | undefined]>([
    ['citizen uncle', [{ relation: 'UNCLE', status: 'CITIZEN' }], ['X-FAM-1']],
    ['protected-person niece', [{ relation: 'NIECE', status: 'PROTECTED' }], ['X-FAM-3']],
    ['grandmother with an H&C stay', [{ relation: 'GRANDMOTHER', status: 'HC_STAY' }], ['X-FAM-4']],
    ['adult brother with an eligible pending claim', [{ relation: 'BROTHER', age: 18, status: 'ELIGIBLE_CLAIM_PENDING' }], ['X-FAM-5']],
    ['17-year-old brother with an eligible pending claim', [{ relation: 'BROTHER', age: 17, status: 'ELIGIBLE_CLAIM_PENDING' }], undefined],
    ['adult spouse with a study permit', [{ relation: 'SPOUSE', age: 30, status: 'STUDY_PERMIT', permitExcluded: false }], ['X-FAM-6']],
    ['adult spouse with an excluded work permit', [{ relation: 'SPOUSE', age: 30, status: 'WORK_PERMIT', permitExcluded: true }], undefined],
    ['cousin (not a 159.1 family member) who is a citizen', [{ relation: 'OTHER', status: 'CITIZEN' }], undefined],
    ['PR aunt and citizen father', [{ relation: 'AUNT', status: 'PR' }, { relation: 'FATHER', status: 'CITIZEN' }], ['X-FAM-1', 'X-FAM-2']],
  ])('family: %s', (_n, familyInCanada, met) => {
    const parentThere = familyInCanada?.some((m) => m.relation === 'FATHER') ?? false;
    const g = ground(evaluateEligibility(patch(landPoeFacts(), { claimant: { parentOrGuardianInCanada: parentThere }, familyInCanada })), 'EL-E');
    expect([g.result, g.exceptionsMet]).toEqual([met ? 'EXCEPTION_MET' : 'APPLIES', met]);
  });

  it.each<[string, EligibilityFacts['documents'], StcaExceptionId[] | undefined]>([
    ['valid work permit', [{ type: 'WORK_PERMIT', validOnClaimDate: true }], ['X-DOC-1']],
    ['expired study permit', [{ type: 'STUDY_PERMIT', validOnClaimDate: false }], undefined],
    ['valid transit visa', [{ type: 'TRV', validOnClaimDate: true, transitOnly: true }], undefined],
    ['valid visitor visa', [{ type: 'TRV', validOnClaimDate: true, transitOnly: false }], ['X-DOC-1']],
  ])('documents: %s', (_n, documents, met) => {
    const g = ground(evaluateEligibility(patch(landPoeFacts(), { documents })), 'EL-E');
    expect([g.result, g.exceptionsMet]).toEqual([met ? 'EXCEPTION_MET' : 'APPLIES', met]);
  });

  it('public interest: met when charged with a capital offence, not for a person inadmissible on security grounds', () => {
    const charged = patch(landPoeFacts(), { deathPenaltyExposure: { chargedOrConvicted: true, country: 'USA' } });
    expect(ground(evaluateEligibility(charged), 'EL-E').exceptionsMet).toEqual(['X-PI']);
    const a = evaluateEligibility(patch(charged, { inadmissibility: { findings: [{ ground: 'SECURITY' }] } }));
    expectResults(a, { 'EL-E': 'APPLIES', 'EL-F': 'APPLIES' });
    expect(ground(evaluateEligibility(patch(charged, { inadmissibility: { findings: [{ ground: 'SECURITY' }] } }), cfg({ xPiUnavailableIfInadmissible: false })), 'EL-E').exceptionsMet).toEqual(['X-PI']);
  });

  it('radBarForStcaException LAND_POE_ONLY keeps the RAD for a protocol-crossing referral', () => {
    const facts = patch(betweenPorts('2026-05-01', '2026-05-01'), { claimant: unaccompanied16 });
    expect(evaluateEligibility(facts).consequences.radAvailableLater).toBe(false);
    expect(evaluateEligibility(facts, cfg({ radBarForStcaException: 'LAND_POE_ONLY' })).consequences.radAvailableLater).toBe(true);
  });
});

describe('other grounds', () => {
  const clean = () => inlandFacts('2026-05-10');

  it.each<[string, EligibilityFacts['priorClaims'], Results]>([
    ['protection conferred', { canada: [{ outcome: 'ACCEPTED', date: '2018-01-01' }], foreign: [] }, { 'EL-A': 'APPLIES' }],
    ['rejected', { canada: [{ outcome: 'REJECTED', date: '2018-01-01' }], foreign: [] }, { 'EL-B': 'APPLIES' }],
    ['withdrawn', { canada: [{ outcome: 'WITHDRAWN', date: '2018-01-01' }], foreign: [] }, { 'EL-C': 'APPLIES' }],
    ['STCA-ineligible, US refused without adjudication (IRPR 159.01)', { canada: [{ outcome: 'INELIGIBLE', date: '2025-01-01', stcaReEntryCase: true }], foreign: [] }, {}],
    ['ineligible, not a 159.01 case', { canada: [{ outcome: 'INELIGIBLE', date: '2025-01-01', stcaReEntryCase: false }], foreign: [] }, { 'EL-C': 'APPLIES' }],
    ['ineligible, 159.01 not recorded', { canada: [{ outcome: 'INELIGIBLE', date: '2025-01-01' }], foreign: [] }, { 'EL-C': 'UNKNOWN' }],
    ['foreign claim not confirmed', { canada: [], foreign: [{ country: 'AUS', confirmedViaInfoSharing: false }] }, {}],
    ['foreign claim made after the claim in Canada', { canada: [], foreign: [{ country: 'GBR', date: '2026-06-01', confirmedViaInfoSharing: true }] }, {}],
  ])('prior claims: %s', (_n, priorClaims, results) => {
    expectResults(evaluateEligibility(patch(clean(), { priorClaims })), results);
  });

  it.each<[string, EligibilityFacts['foreignStatus'], GroundResult]>([
    ['recognized by MEX and returnable', { recognizedRefugeeIn: 'MEX', returnable: true, citizenOfThatCountry: false }, 'APPLIES'],
    ['recognized by MEX, not returnable', { recognizedRefugeeIn: 'MEX', returnable: false, citizenOfThatCountry: false }, 'NOT_APPLICABLE'],
    ['recognized by MEX, since a citizen', { recognizedRefugeeIn: 'MEX', returnable: true, citizenOfThatCountry: true }, 'NOT_APPLICABLE'],
    ['recognized by MEX, returnability not recorded', { recognizedRefugeeIn: 'MEX', citizenOfThatCountry: false }, 'UNKNOWN'],
  ])('(d): %s', (_n, foreignStatus, result) => {
    expectResults(evaluateEligibility(patch(clean(), { foreignStatus })), { 'EL-D': result });
  });

  it.each<[string, EligibilityFacts['inadmissibility'], GroundResult]>([
    ['organized criminality', { findings: [{ ground: 'ORGANIZED_CRIM' }] }, 'APPLIES'],
    ['serious criminality, 5-year maximum', { findings: [{ ground: 'SERIOUS_CRIM' }], convictions: [{ inCanada: true, maxPenaltyYears: 5 }] }, 'NOT_APPLICABLE'],
    ['serious criminality, conviction abroad equivalent to 10 years', { findings: [{ ground: 'SERIOUS_CRIM' }], convictions: [{ inCanada: false, maxPenaltyYears: 10 }] }, 'APPLIES'],
    ['serious criminality, life', { findings: [{ ground: 'SERIOUS_CRIM' }], convictions: [{ inCanada: true, maxPenaltyYears: 'LIFE' }] }, 'APPLIES'],
    ['serious criminality, convictions not recorded', { findings: [{ ground: 'SERIOUS_CRIM' }], convictions: undefined }, 'UNKNOWN'],
  ])('(f): %s', (_n, inadmissibility, result) => {
    expectResults(evaluateEligibility(patch(clean(), { inadmissibility: { ...inadmissibility, pendingIDReferral: false, pendingChargeMax10y: false } })), { 'EL-F': result });
  });

  it('STCA plus another ground: removal order 7 days after notice (49(2)(b)), PRRA still barred by 112(2)(b)', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { priorClaims: { canada: [{ outcome: 'ABANDONED', date: '2020-01-01' }], foreign: [] } }));
    expectResults(a, { 'EL-E': 'APPLIES', 'EL-C': 'APPLIES' });
    expect(a.consequences).toMatchObject({ removalOrderInForceRule: '49(2)(b)', prraAvailable: false });
  });

  it('ministerConsiderationInForce sends an eligible claim to the Minister first (C-12 S05)', () => {
    expect(evaluateEligibility(clean(), cfg({ ministerConsiderationInForce: true })).consequences.referral).toBe('MINISTER_CONSIDERATION');
  });
});

describe('suspension, unknowns and questions', () => {
  it('SUSPENDED wins over ELIGIBLE when a 100(2) trigger is present', () => {
    const a = evaluateEligibility(patch(inlandFacts(), { inadmissibility: { pendingIDReferral: true } }));
    expect(a.outcome).toBe('SUSPENDED');
    expect(a.suspension).toEqual({
      citation: 'IRPA 100(2)(a)',
      explanation: {
        en: 'Consideration of eligibility is suspended under IRPA 100(2)(a): a report on the claimant has been referred to the Immigration Division for an admissibility hearing.',
        fr: 'L\'examen de la recevabilité est suspendu en vertu du paragraphe 100(2) de la LIPR (al. a)) : un rapport visant le demandeur a été déféré à la Section de l\'immigration pour enquête.',
      },
    });
  });

  it('a suspension never hides an established ineligibility', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { inadmissibility: { pendingChargeMax10y: true } }));
    expect(a.outcome).toBe('INELIGIBLE');
    expect(a.suspension?.citation).toBe('IRPA 100(2)(b)');
  });

  it('unknown family in Canada at a land POE → INSUFFICIENT_FACTS with one question', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { familyInCanada: undefined }));
    expect(a.outcome).toBe('INSUFFICIENT_FACTS');
    expect(ground(a, 'EL-E')).toMatchObject({ result: 'UNKNOWN', missingFacts: ['familyInCanada'] });
    expect(a.questions).toEqual([{
      fact: 'familyInCanada',
      en: 'Which family members (spouse or common-law partner, legal guardian, child, parent, sibling, grandparent, grandchild, uncle, aunt, nephew, niece) are in Canada, and what is each one\'s status?',
      fr: 'Quels membres de la famille (époux ou conjoint de fait, tuteur légal, enfant, parent, frère ou sœur, grand-parent, petit-enfant, oncle, tante, neveu, nièce) sont au Canada, et quel est le statut de chacun?',
    }]);
  });

  it('a met exception settles the STCA even when other exceptions are unknown', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { familyInCanada: [{ relation: 'CHILD', status: 'CITIZEN' }], documents: undefined, visaRegime: undefined }));
    expect(a.outcome).toBe('ELIGIBLE');
    expect(ground(a, 'EL-E').exceptionsMet).toEqual(['X-FAM-1']);
  });

  it('unknown entries cannot matter for a claim made before 2025-06-03 by someone outside the STCA: NOT_APPLICABLE, not UNKNOWN', () => {
    const a = evaluateEligibility(patch(inlandFacts('2025-05-20'), { entries: undefined }));
    expect(a.outcome).toBe('ELIGIBLE');
    expect([ground(a, 'EL-B1').result, ground(a, 'EL-B2').result, ground(a, 'EL-B1').missingFacts]).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE', []]);
  });

  it('unknown entries for an inland claim made after 2025-06-03 → INSUFFICIENT_FACTS', () => {
    const a = evaluateEligibility(patch(inlandFacts('2026-05-10'), { claim: { cameFromUS: true }, entries: undefined }));
    expect(a.outcome).toBe('INSUFFICIENT_FACTS');
    expectResults(a, { 'EL-B1': 'UNKNOWN', 'EL-B2': 'UNKNOWN', 'EL-E': 'UNKNOWN' });
    expect(a.questions.map((q) => q.fact)).toEqual(['entries']);
  });

  it('an entry whose mode is not recorded: (b.2) unaffected within the window, STCA undetermined', () => {
    const facts = patch(inlandFacts('2026-05-12'), { claim: { cameFromUS: true }, entries: [{ date: '2026-05-10' }] });
    const a = evaluateEligibility(facts);
    expect(a.outcome).toBe('INSUFFICIENT_FACTS');
    expectResults(a, { 'EL-E': 'UNKNOWN' });
    expect(ground(a, 'EL-E').missingFacts).toEqual(['entries[].atPOE', 'entries[].borderSegment']);
    // Much later, the same entry decides (b.2) but not the STCA.
    const late = evaluateEligibility(patch(facts, { claim: { claimDate: '2026-06-30' } }));
    expectResults(late, { 'EL-B2': 'UNKNOWN' });
  });

  it('nationality unknown at a land POE: asks for it', () => {
    const a = evaluateEligibility(patch(landPoeFacts(), { claimant: { nationalities: undefined, stateless: undefined } }));
    expect(a.outcome).toBe('INSUFFICIENT_FACTS');
    expect(ground(a, 'EL-E').missingFacts).toEqual(['claimant.nationalities', 'claimant.stateless']);
  });
});

describe('input checks', () => {
  it('refuses an assessment date before the claim date', () => {
    expect(() => evaluateEligibility(patch(inlandFacts('2026-05-10'), { claim: { assessmentDate: '2026-05-09' } }))).toThrow('claim.assessmentDate: The assessment date cannot precede the claim date.');
  });

  it('refuses contradictory facts: a listed parent with "no parent in Canada"; statelessness against nationalities', () => {
    expect(() => evaluateEligibility(patch(landPoeFacts(), { familyInCanada: [{ relation: 'MOTHER', status: 'PR' }] }))).toThrow('claimant.parentOrGuardianInCanada');
    expect(() => evaluateEligibility(patch(landPoeFacts(), { claimant: { nationalities: [], stateless: false } }))).toThrow('A claimant who is not stateless needs a nationality.');
    expect(() => evaluateEligibility(patch(landPoeFacts(), { claimant: { nationalities: ['SYR'], stateless: true } }))).toThrow('A stateless claimant cannot have a nationality.');
  });

  it('refuses impossible dates', () => {
    expect(() => evaluateEligibility(patch(inlandFacts(), { entries: [{ date: '2026-02-30', atPOE: true, borderSegment: 'AIR' }] }))).toThrow('entries[0].date');
  });
});
