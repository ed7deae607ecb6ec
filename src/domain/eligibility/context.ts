/** What every rule receives, and the small three-valued logic the rules share. */
import type { EligibilityConfig } from './config.ts';
import type { EligibilityFacts, EntryFact } from './facts.ts';
import type { FactPath } from './questions.ts';
import type { Bilingual, StcaExceptionId } from './types.ts';

/** Kleene logic: undefined = not established either way. */
export type Tri = boolean | undefined;

export interface RuleContext {
  facts: EligibilityFacts;
  config: EligibilityConfig;
  claimDate: string | undefined;
  /** Entries on or before the claim date (all of them when it is unknown), oldest first, in a canonical order. */
  entries: EntryFact[] | undefined;
}

/** A rule's verdict before the effective-dating wrapper adds citation, version and the sentence frame. */
export interface Evaluation {
  result: 'APPLIES' | 'NOT_APPLICABLE' | 'EXCEPTION_MET' | 'UNKNOWN';
  exceptionsMet?: StcaExceptionId[];
  used: FactPath[];
  missing: FactPath[];
  /** Clause(s) stating the facts, no final period. */
  detail: Bilingual;
}

/** A fact-level finding with the text that states it. */
export interface Finding {
  value: Tri;
  used: FactPath[];
  missing: FactPath[];
  text: Bilingual;
}

export const US = 'USA';
/** "entered Canada after June 24, 2020" (101(1)(b.1)). */
export const B1_ENTRY_AFTER = '2020-06-24';

export function bi(en: string, fr: string): Bilingual {
  return { en, fr };
}

/** Joins clauses with '; ' in each language. */
export function joinBi(parts: Bilingual[], sep = '; '): Bilingual {
  return { en: parts.map((p) => p.en).join(sep), fr: parts.map((p) => p.fr).join(sep) };
}

export function listBi(items: Bilingual[]): Bilingual {
  return joinBi(items, ', ');
}

/** Canonical order for entries: by date, then by the other fields, so array order never matters. */
export function sortEntries(entries: readonly EntryFact[]): EntryFact[] {
  const key = (e: EntryFact) => `${e.date}|${String(e.atPOE)}|${e.borderSegment ?? ''}|${e.fromCountry ?? ''}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Between ports of entry on the Canada–US land border or its waters: true, false or not recorded. */
export function isBetweenPorts(e: EntryFact): Tri {
  if (e.atPOE === true) return false;
  if (e.borderSegment !== undefined && e.borderSegment !== 'CA_US_LAND' && e.borderSegment !== 'CA_US_WATERS') return false;
  if (e.atPOE === false && e.borderSegment !== undefined) return true;
  return undefined;
}

export function entryModeMissing(e: EntryFact): FactPath[] {
  const out: FactPath[] = [];
  if (e.atPOE === undefined) out.push('entries[].atPOE');
  if (e.borderSegment === undefined) out.push('entries[].borderSegment');
  return out;
}

/**
 * The latest between-ports crossing, as every date it could be: entries whose mode is not recorded
 * and that are later than the latest known crossing might be it. `null` = no crossing at all.
 */
export function latestCrossingCandidates(entries: readonly EntryFact[]): { candidates: Array<EntryFact | null>; uncertain: EntryFact[] } {
  const candidates: Array<EntryFact | null> = [];
  const uncertain: EntryFact[] = [];
  for (const e of [...entries].reverse()) {
    const between = isBetweenPorts(e);
    if (between === true) return { candidates: [...candidates, e], uncertain };
    if (between === undefined) {
      candidates.push(e);
      uncertain.push(e);
    }
  }
  return { candidates: [...candidates, null], uncertain };
}
