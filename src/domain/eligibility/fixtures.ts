/** Test fact sets: a claimant about whom everything is known and nothing makes the claim ineligible. */
import type { EligibilityFacts } from './facts.ts';

type Groups = Required<EligibilityFacts>;
export type FactsPatch = { [K in keyof Groups]?: Groups[K] extends unknown[] ? Groups[K] : Partial<Groups[K]> | undefined };

/** Haitian adult presenting at Saint-Bernard-de-Lacolle on 2026-05-10 (domain.md §3.4 E1/E2), with every fact recorded. */
export function landPoeFacts(): EligibilityFacts {
  return {
    claimant: { nationalities: ['HTI'], stateless: false, dateOfBirth: '1990-04-12', maritalStatus: 'SINGLE', accompaniedBy: 'NONE', parentOrGuardianInCanada: false, parentOrGuardianInUS: false },
    claim: { claimDate: '2026-05-10', channel: 'LAND_POE', location: 'St-Bernard-de-Lacolle', cameFromUS: true, inTransitUnderUSRemovalOrder: false },
    entries: [{ date: '2026-05-10', atPOE: true, borderSegment: 'CA_US_LAND', fromCountry: 'USA' }],
    priorClaims: { canada: [], foreign: [] },
    foreignStatus: { recognizedRefugeeIn: null },
    inadmissibility: { findings: [], pendingIDReferral: false, pendingChargeMax10y: false, convictions: [] },
    familyInCanada: [],
    documents: [],
    visaRegime: { visaExemptCanada: false, visaRequiredUS: true },
    deathPenaltyExposure: { chargedOrConvicted: false },
  };
}

/** Inland claim by someone who arrived by air, did not come from the US, and claimed the day they landed. */
export function inlandFacts(claimDate = '2026-05-10'): EligibilityFacts {
  return patch(landPoeFacts(), {
    claimant: { nationalities: ['IND'] },
    claim: { claimDate, channel: 'INLAND_OFFICE', location: 'Toronto', cameFromUS: false },
    entries: [{ date: claimDate, atPOE: true, borderSegment: 'AIR', fromCountry: 'IND' }],
  });
}

/** Shallow merge per group: object groups are merged, arrays replaced, `undefined` removes a group. */
export function patch(base: EligibilityFacts, changes: FactsPatch): EligibilityFacts {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    const current = out[k];
    if (v === undefined) delete out[k];
    else if (Array.isArray(v) || current === undefined || Array.isArray(current)) out[k] = v;
    else out[k] = { ...(current as object), ...(v as object) };
  }
  return out as EligibilityFacts;
}
