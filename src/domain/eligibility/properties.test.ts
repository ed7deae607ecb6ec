import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.ts';
import { INELIGIBILITY_GROUNDS } from '../lifecycle/events.ts';
import {
  BORDER_SEGMENTS, CLAIM_CHANNELS, DOCUMENT_TYPES, EligibilityFactsSchema, evaluateEligibility, FAMILY_RELATIONS, FAMILY_STATUSES,
  INADMISSIBILITY_GROUNDS, MARITAL_STATUSES, PRIOR_CLAIM_OUTCOMES, validateEligibilityFacts,
  type EligibilityAssessment, type EligibilityFacts,
} from './index.ts';
import { landPoeFacts } from './fixtures.ts';

// ------------------------------------------------------------------ generators: fully known fact sets

const dateIn = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Mostly `usual`, sometimes `rare`: keeps most fact sets one fact away from a different outcome. */
const seldom = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: usual }, { weight: 1, arbitrary: rare });

/** Usually empty, sometimes 1..max items. */
const seldomList = <T>(item: fc.Arbitrary<T>, max: number) => seldom(fc.constant(0), fc.integer({ min: 1, max })).chain((n) => fc.array(item, { minLength: n, maxLength: n }));

/** Entries as days before the claim: near 14 days, near one year, and far back. */
const entry = fc.record({
  offset: fc.oneof(fc.integer({ min: -3, max: 20 }), fc.integer({ min: 355, max: 375 }), fc.integer({ min: 0, max: 3000 })),
  atPOE: fc.boolean(),
  borderSegment: fc.constantFrom(...BORDER_SEGMENTS),
});

const facts: fc.Arbitrary<EligibilityFacts> = fc.record({
  claimDate: fc.oneof(dateIn('2019-01-01', 2900), dateIn('2023-03-10', 30), dateIn('2025-05-20', 30), dateIn('2026-03-01', 300)),
  assessmentOffset: maybe(fc.integer({ min: 0, max: 400 })),
  nationalities: fc.oneof({ weight: 4, arbitrary: fc.subarray(['HTI', 'COL', 'MEX', 'IND'], { minLength: 1 }) }, fc.subarray(['HTI', 'USA'], { minLength: 1 }), fc.constant([] as string[])),
  formerHabitualResidences: fc.subarray(['USA', 'SYR', 'MEX']),
  claimant: fc.record({
    dateOfBirth: fc.oneof(dateIn('1960-01-01', 16000), dateIn('2007-01-01', 3000)),
    maritalStatus: fc.constantFrom(...MARITAL_STATUSES),
    accompaniedBy: fc.constantFrom('PARENT', 'LEGAL_GUARDIAN', 'NONE') as fc.Arbitrary<'PARENT' | 'LEGAL_GUARDIAN' | 'NONE'>,
    parentOrGuardianInCanada: fc.boolean(),
    parentOrGuardianInUS: fc.boolean(),
  }),
  claim: fc.record({
    channel: fc.constantFrom(...CLAIM_CHANNELS),
    cameFromUS: fc.boolean(),
    inTransitUnderUSRemovalOrder: fc.boolean(),
    referredToRPD: seldom(fc.constant(false), fc.constant(true)),
  }),
  entries: fc.array(entry, { maxLength: 3 }),
  canada: seldomList(fc.record({ outcome: fc.constantFrom(...PRIOR_CLAIM_OUTCOMES), date: dateIn('2010-01-01', 5000), stcaReEntryCase: fc.boolean() }), 3),
  foreign: seldomList(fc.record({ country: fc.constantFrom('USA', 'GBR', 'AUS'), date: dateIn('2010-01-01', 5000), confirmedViaInfoSharing: fc.boolean() }), 2),
  foreignStatus: seldom<NonNullable<EligibilityFacts['foreignStatus']>>(
    fc.constant({ recognizedRefugeeIn: null }),
    fc.record({ recognizedRefugeeIn: fc.constant('MEX'), returnable: fc.boolean(), citizenOfThatCountry: fc.boolean() }),
  ),
  inadmissibility: fc.record({
    findings: seldomList(fc.record({ ground: fc.constantFrom(...INADMISSIBILITY_GROUNDS) }), 2),
    convictions: fc.array(fc.record({ inCanada: fc.boolean(), maxPenaltyYears: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('LIFE' as const)) }), { maxLength: 2 }),
    pendingIDReferral: seldom(fc.constant(false), fc.constant(true)),
    pendingChargeMax10y: seldom(fc.constant(false), fc.constant(true)),
  }),
  familyInCanada: fc.array(fc.record({
    relation: fc.constantFrom(...FAMILY_RELATIONS), age: fc.integer({ min: 0, max: 90 }), status: fc.constantFrom(...FAMILY_STATUSES), permitExcluded: fc.boolean(),
  }), { maxLength: 2 }),
  documents: fc.array(fc.record({ type: fc.constantFrom(...DOCUMENT_TYPES), validOnClaimDate: fc.boolean(), transitOnly: fc.boolean() }), { maxLength: 2 }),
  visaRegime: fc.record({ visaExemptCanada: fc.boolean(), visaRequiredUS: fc.boolean() }),
  deathPenaltyExposure: fc.record({ chargedOrConvicted: seldom(fc.constant(false), fc.constant(true)) }),
}).map((g): EligibilityFacts => ({
  claimant: {
    ...g.claimant, nationalities: g.nationalities, stateless: g.nationalities.length === 0, formerHabitualResidences: g.formerHabitualResidences,
    // Consistent with the family list (a listed parent means a parent in Canada).
    parentOrGuardianInCanada: g.claimant.parentOrGuardianInCanada || g.familyInCanada.some((m) => m.relation === 'FATHER' || m.relation === 'MOTHER' || m.relation === 'LEGAL_GUARDIAN'),
  },
  claim: {
    ...g.claim, claimDate: g.claimDate,
    ...(g.assessmentOffset === undefined ? {} : { assessmentDate: addDays(g.claimDate, g.assessmentOffset) }),
  },
  entries: g.entries.map(({ offset, ...e }) => ({ ...e, date: addDays(g.claimDate, -offset) })),
  priorClaims: { canada: g.canada, foreign: g.foreign },
  foreignStatus: g.foreignStatus,
  inadmissibility: g.inadmissibility,
  familyInCanada: g.familyInCanada,
  documents: g.documents,
  visaRegime: g.visaRegime,
  deathPenaltyExposure: g.deathPenaltyExposure,
}));

// ------------------------------------------------------------------ helpers

/** Deterministic Fisher–Yates driven by generated numbers. */
function shuffle<T>(items: readonly T[], rand: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (rand[i % rand.length] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function shuffleAll(f: EligibilityFacts, rand: number[]): EligibilityFacts {
  const s = <T>(a: T[] | undefined) => (a ? shuffle(a, rand) : a);
  return {
    ...f,
    claimant: f.claimant && { ...f.claimant, nationalities: s(f.claimant.nationalities), formerHabitualResidences: s(f.claimant.formerHabitualResidences) },
    entries: s(f.entries),
    priorClaims: f.priorClaims && { canada: s(f.priorClaims.canada), foreign: s(f.priorClaims.foreign) },
    inadmissibility: f.inadmissibility && { ...f.inadmissibility, findings: s(f.inadmissibility.findings), convictions: s(f.inadmissibility.convictions) },
    familyInCanada: s(f.familyInCanada),
    documents: s(f.documents),
  };
}

/** Fact paths that can be blanked (set to unknown); '[0]' addresses the first list item. */
const BLANKABLE = [
  'claim.claimDate', 'claim.channel', 'claim.cameFromUS', 'claim.inTransitUnderUSRemovalOrder',
  'claimant.nationalities', 'claimant.stateless', 'claimant.formerHabitualResidences', 'claimant.dateOfBirth', 'claimant.maritalStatus',
  'claimant.accompaniedBy', 'claimant.parentOrGuardianInCanada', 'claimant.parentOrGuardianInUS',
  'entries', 'entries.0.atPOE', 'entries.0.borderSegment',
  'priorClaims.canada', 'priorClaims.canada.0.stcaReEntryCase', 'priorClaims.foreign', 'priorClaims.foreign.0.confirmedViaInfoSharing',
  'foreignStatus', 'foreignStatus.recognizedRefugeeIn', 'foreignStatus.returnable', 'foreignStatus.citizenOfThatCountry',
  'inadmissibility.findings', 'inadmissibility.convictions', 'inadmissibility.pendingIDReferral', 'inadmissibility.pendingChargeMax10y',
  'familyInCanada', 'familyInCanada.0.age', 'familyInCanada.0.permitExcluded',
  'documents', 'documents.0.validOnClaimDate', 'documents.0.transitOnly',
  'visaRegime.visaExemptCanada', 'visaRegime.visaRequiredUS', 'deathPenaltyExposure.chargedOrConvicted',
] as const;

type Json = Record<string, unknown>;

function get(f: EligibilityFacts, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), f);
}

/** A copy with `path` set to `value` (undefined deletes it); null when the path does not exist. */
function set(f: EligibilityFacts, path: string, value: unknown): EligibilityFacts | null {
  const copy = structuredClone(f) as Json;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Json)[k] : undefined), copy);
  if (!parent || typeof parent !== 'object') return null;
  if (value === undefined) delete (parent as Json)[last];
  else (parent as Json)[last] = value;
  return copy as EligibilityFacts;
}

function tryEvaluate(f: EligibilityFacts): EligibilityAssessment | null {
  try {
    return evaluateEligibility(f);
  } catch {
    return null; // a swapped-in claim date can precede the assessment date: not a fact set to judge
  }
}

const resultOf = (a: EligibilityAssessment, id: string) => a.grounds.find((g) => g.ruleId === id)?.result;
const applying = (a: EligibilityAssessment) => a.grounds.filter((g) => g.result === 'APPLIES').map((g) => g.ruleId).sort();

// ------------------------------------------------------------------ properties

describe('eligibility properties', () => {
  it('the result does not depend on the order of facts in arrays', () => {
    fc.assert(fc.property(facts, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (f, rand) => {
      expect(evaluateEligibility(shuffleAll(f, rand))).toEqual(evaluateEligibility(f));
    }), { numRuns: 400 });
  });

  it('the result does not depend on array order even when list items have unknown fields', () => {
    const partial = fc.tuple(facts, fc.array(fc.nat(), { minLength: 8, maxLength: 8 })).map(([f, rand]) => ({
      f: {
        ...f,
        entries: f.entries?.map((e, i) => (i % 2 ? { date: e.date } : e)),
        familyInCanada: f.familyInCanada?.map((m, i) => (i % 2 ? { relation: m.relation, status: m.status } : m)),
        documents: f.documents?.map((d, i) => (i % 2 ? { type: d.type } : d)),
        priorClaims: { ...f.priorClaims, canada: f.priorClaims?.canada?.map((c, i) => (i % 2 ? { outcome: c.outcome, date: c.date } : c)) },
      },
      rand,
    }));
    fc.assert(fc.property(partial, ({ f, rand }) => {
      expect(evaluateEligibility(shuffleAll(f, rand))).toEqual(evaluateEligibility(f));
    }), { numRuns: 300 });
  });

  it('adding a met STCA exception never makes a claim ineligible and never adds a ground', () => {
    const exceptionAdders: Array<(f: EligibilityFacts) => EligibilityFacts> = [
      (f) => ({ ...f, familyInCanada: [...(f.familyInCanada ?? []), { relation: 'SISTER', age: 30, status: 'PR' }] }),
      (f) => ({ ...f, familyInCanada: [...(f.familyInCanada ?? []), { relation: 'NEPHEW', age: 25, status: 'WORK_PERMIT', permitExcluded: false }] }),
      (f) => ({ ...f, documents: [...(f.documents ?? []), { type: 'STUDY_PERMIT', validOnClaimDate: true }] }),
      (f) => ({ ...f, visaRegime: { visaExemptCanada: true, visaRequiredUS: true } }),
      (f) => ({ ...f, deathPenaltyExposure: { chargedOrConvicted: true } }),
    ];
    let eligibleSeen = 0;
    fc.assert(fc.property(facts, fc.integer({ min: 0, max: exceptionAdders.length - 1 }), (f, k) => {
      const before = evaluateEligibility(f);
      const after = evaluateEligibility((exceptionAdders[k] as (x: EligibilityFacts) => EligibilityFacts)(f));
      if (before.outcome === 'ELIGIBLE') {
        eligibleSeen++;
        expect(after.outcome).toBe('ELIGIBLE');
      }
      if (before.outcome !== 'INELIGIBLE') expect(after.outcome).not.toBe('INELIGIBLE');
      for (const id of applying(after)) expect(applying(before)).toContain(id);
    }), { numRuns: 600 });
    expect(eligibleSeen).toBeGreaterThan(20);
  });

  // One property per fact path, so that rarely present paths (list items) are exercised as often as the rest.
  describe.each(BLANKABLE)('with %s unknown', (path) => {
    it('is never ELIGIBLE when some value of it makes the claim ineligible or suspended; a ground that value makes APPLY stays APPLIES or UNKNOWN', () => {
      let witnessed = 0;
      fc.assert(fc.property(facts, facts, (f, other) => {
        const blanked = set(f, path, undefined);
        const without = blanked && tryEvaluate(blanked);
        if (!without) return;
        // Some value of the fact (this set's own, or another generated set's)…
        for (const value of [get(f, path), get(other, path)]) {
          if (value === undefined) continue;
          const known = set(f, path, value);
          const withValue = known && tryEvaluate(known);
          if (!withValue) continue;
          witnessed++;
          // …makes a ground apply: unknown, that ground cannot be settled the other way.
          for (const id of applying(withValue)) expect([id, resultOf(without, id)]).toEqual([id, expect.stringMatching(/^(APPLIES|UNKNOWN)$/)]);
          // …makes the claim ineligible or suspended: unknown, the claim is not eligible.
          if (withValue.outcome === 'INELIGIBLE' || withValue.outcome === 'SUSPENDED') expect(without.outcome).not.toBe('ELIGIBLE');
        }
      }), { numRuns: 600 });
      expect(witnessed).toBeGreaterThan(50);
    });

    it('never makes a ground APPLY that did not, nor an ELIGIBLE claim INELIGIBLE', () => {
      fc.assert(fc.property(facts, (f) => {
        const before = evaluateEligibility(f);
        const blanked = set(f, path, undefined);
        const after = blanked && tryEvaluate(blanked);
        if (!after) return;
        for (const id of applying(after)) expect(applying(before)).toContain(id);
        if (before.outcome === 'ELIGIBLE') expect(after.outcome).toMatch(/^(ELIGIBLE|INSUFFICIENT_FACTS)$/);
      }), { numRuns: 600 });
    });
  });

  it('outcome, grounds and questions agree', () => {
    fc.assert(fc.property(facts, fc.constantFrom(undefined, ...BLANKABLE), (f0, path) => {
      const f = path ? set(f0, path, undefined) ?? f0 : f0;
      const a = tryEvaluate(f);
      if (!a) return;
      const results = a.grounds.map((g) => g.result);
      expect(a.grounds.map((g) => g.ruleId).sort()).toEqual([...INELIGIBILITY_GROUNDS].sort());
      expect(a.outcome === 'INELIGIBLE').toBe(results.includes('APPLIES'));
      if (a.outcome === 'ELIGIBLE') {
        expect(results.includes('UNKNOWN')).toBe(false);
        expect(a.questions).toEqual([]);
        expect(a.suspension).toBeUndefined();
      }
      if (a.outcome === 'INSUFFICIENT_FACTS') expect(a.questions.length).toBeGreaterThan(0);
      if (a.outcome === 'SUSPENDED') expect(a.suspension).toBeDefined();
      for (const g of a.grounds) {
        expect(g.missingFacts.length > 0).toBe(g.result === 'UNKNOWN');
        expect(g.exceptionsMet !== undefined).toBe(g.result === 'EXCEPTION_MET' || (g.result === 'NOT_IN_FORCE' && g.resultIfInForce === 'EXCEPTION_MET'));
        for (const m of g.missingFacts) expect(a.questions.map((q) => q.fact)).toContain(m);
      }
      const removal = a.consequences.removalOrderInForceRule;
      expect(removal !== null).toBe(a.outcome === 'INELIGIBLE');
      if (removal === '49(2)(a)') expect(applying(a)).toEqual(['EL-E']);
    }), { numRuns: 800 });
  });

  it('every ground is explained in English and French, non-empty, quoting its citation', () => {
    fc.assert(fc.property(facts, fc.constantFrom(undefined, ...BLANKABLE), (f0, path) => {
      const f = path ? set(f0, path, undefined) ?? f0 : f0;
      const a = tryEvaluate(f);
      if (!a) return;
      for (const g of a.grounds) {
        expect(g.explanation.en.length).toBeGreaterThan(g.citation.length + 10);
        expect(g.explanation.fr.length).toBeGreaterThan(g.citationFr.length + 10);
        expect(g.explanation.en).toContain(g.citation);
        expect(g.explanation.fr).toContain(g.citationFr);
        expect(`${g.explanation.en} ${g.explanation.fr}`).not.toMatch(/undefined|null|NaN|\[object/);
      }
      if (a.suspension) expect(a.suspension.explanation.en).toContain(a.suspension.citation);
      for (const q of a.questions) expect([q.en.endsWith('?'), q.fr.endsWith('?')]).toEqual([true, true]);
    }), { numRuns: 600 });
  });

  it('generated fact sets satisfy the published schema', () => {
    fc.assert(fc.property(facts, (f) => {
      expect(validateEligibilityFacts(f)).toEqual([]);
    }), { numRuns: 200 });
  });
});

describe('schema and ids', () => {
  it('forbids additional properties at every object level', () => {
    const objects: unknown[] = [];
    const walk = (s: unknown): void => {
      if (Array.isArray(s)) return s.forEach(walk);
      if (!s || typeof s !== 'object') return;
      const o = s as Json;
      if (o.type === 'object') objects.push(o.additionalProperties);
      Object.values(o).forEach(walk);
    };
    walk(EligibilityFactsSchema);
    expect(objects.length).toBe(15);
    expect(objects.every((x) => x === false)).toBe(true);
  });

  it('reports unknown fields and impossible dates with their paths', () => {
    expect(validateEligibilityFacts({ claim: { claimDate: '2026-05-10', channel: 'BUS' } }).map((e) => e.field)).toContain('claim.channel');
    expect(validateEligibilityFacts({ entries: [{ date: '2026-05-10', gate: 3 }] }).map((e) => e.field)).toContain('entries[0].gate');
    expect(validateEligibilityFacts({ claim: { claimDate: '2026-02-30' } }).map((e) => e.field)).toEqual(['claim.claimDate']);
    expect(validateEligibilityFacts({ claim: { claimDate: '2026-05-10', assessmentDate: '2026-05-01' } })).toEqual([
      { field: 'claim.assessmentDate', code: 'before_claim_date', message: 'The assessment date cannot precede the claim date.' },
    ]);
    expect(validateEligibilityFacts(landPoeFacts())).toEqual([]);
  });
});
