import type { EligibilityFacts, EligibilityAssessment } from '../domain/eligibility/index.ts';
import type { LifecycleEventInput } from '../domain/lifecycle/index.ts';
import type { FieldError } from '../domain/errors.ts';

/** What the ledger already knows about a claim, in the engine's terms. */
export interface ClaimFactsSource {
  claimDate: string;
  officeType: string;
  officeName: string;
  arrival: { manner: string; crossingDate?: string; entryDate?: string };
  /** dateOfBirth is absent once the identity was purged. */
  person: { dateOfBirth?: string | undefined; citizenships: string[] };
}

const CHANNEL: Record<string, NonNullable<NonNullable<EligibilityFacts['claim']>['channel']>> = {
  AIRPORT: 'AIR', LAND_POE: 'LAND_POE', RAIL: 'RAIL', MARINE: 'MARINE', INLAND_OFFICE: 'INLAND_OFFICE', ONLINE: 'ONLINE',
};

/**
 * Facts recorded at intake, so the officer only supplies the rest. Facts the officer gives win:
 * the claimant and claim groups are merged field by field, any other group given replaces the prefilled one.
 */
export function factsFromClaim(claim: ClaimFactsSource, given: EligibilityFacts): EligibilityFacts {
  const nationalities = claim.person.citizenships.filter((c) => c !== 'XXA' && c !== 'XXX');
  const prefilled: EligibilityFacts = {
    claimant: {
      ...(claim.person.dateOfBirth ? { dateOfBirth: claim.person.dateOfBirth } : {}),
      ...(claim.person.citizenships.includes('XXX') ? {} : { nationalities, stateless: claim.person.citizenships.includes('XXA') }),
    },
    claim: { claimDate: claim.claimDate, location: claim.officeName, ...(CHANNEL[claim.officeType] ? { channel: CHANNEL[claim.officeType] } : {}) },
  };
  if (claim.arrival.manner === 'BETWEEN_PORTS' && claim.arrival.crossingDate) {
    // A crossing between ports recorded at intake is one along the Canada–US land border.
    prefilled.entries = [{ date: claim.arrival.crossingDate, atPOE: false, borderSegment: 'CA_US_LAND' }];
  }
  return { ...prefilled, ...given, claim: { ...prefilled.claim, ...given.claim }, claimant: { ...prefilled.claimant, ...given.claimant } };
}

/** Does the officer's decision event say what the engine concluded? Returns the disagreement, or null. */
export function disagreement(event: LifecycleEventInput, assessment: EligibilityAssessment): FieldError | null {
  const applying = assessment.grounds.filter((g) => g.result === 'APPLIES').map((g) => g.ruleId).sort();
  const engine = assessment.outcome === 'INELIGIBLE' ? `INELIGIBLE (${applying.join(', ')})` : assessment.outcome;
  if (event.type === 'eligibility.eligible_referred' && assessment.outcome !== 'ELIGIBLE') {
    return { field: 'eligibility.facts', code: 'assessment_disagrees', message: `The facts given make the claim ${engine}, not eligible; complete the facts or give disagreementReason.` };
  }
  if (event.type === 'eligibility.suspended' && assessment.outcome !== 'SUSPENDED') {
    return { field: 'eligibility.facts', code: 'assessment_disagrees', message: `The facts given make the claim ${engine}, not suspended under IRPA 100(2); complete the facts or give disagreementReason.` };
  }
  if (event.type === 'eligibility.ineligible') {
    const decided = [...((event.details?.grounds as string[] | undefined) ?? [])].sort();
    if (assessment.outcome !== 'INELIGIBLE' || decided.join(',') !== applying.join(',')) {
      return { field: 'eligibility.facts', code: 'assessment_disagrees', message: `The facts given make the claim ${engine}; the decision records ${decided.length ? decided.join(', ') : 'no ground'}. Record every ground that applies, complete the facts, or give disagreementReason.` };
    }
  }
  return null;
}

export const ELIGIBILITY_DECISION_EVENTS: ReadonlySet<string> = new Set(['eligibility.eligible_referred', 'eligibility.ineligible', 'eligibility.suspended']);
