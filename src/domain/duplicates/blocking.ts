/**
 * Blocking keys: exact-match strings stored per person in an indexed table (later HMAC'd as blind
 * indexes), so candidate retrieval never needs to read a name. Two records of one person share a key
 * when they differ by ONE kind of error: a misspelt/transliterated/swapped/partly missing name, or a
 * date of birth with swapped day and month or one wrong or transposed digit, or both agree on a document.
 *
 * Every name key also carries part of the date of birth: a phonetic code alone ("MHMT") or a code with
 * the sex is shared by thousands of claimants and would make the candidate set useless.
 *
 *  doc:<number>                   any document (country left out: a wrong issuing country is a common slip)
 *  td:<code>:<yyyy>|<lo>|<hi>     each name token's phonetic code + DOB with day/month sorted
 *                                 → any one name part still sounds the same, DOB exact or day/month swapped
 *  py:<codeA>|<codeB>:<yyyy>      family-token code × given-token code (sorted, so swapped names agree) + year
 *                                 → names sound the same, day or month wrong (transposed, one digit, swapped)
 *  pm:<codeA>|<codeB>:<lo>|<hi>   same pair + day/month sorted → names sound the same, year wrong (1990/1909)
 *  di:<yyyy>|<lo>|<hi>:<xx>       DOB + first two letters of the first family / first given token's code
 *                                 → every name part misspelt enough to change its code, DOB right
 *
 * Particles (de, van, al, bin...) are skipped as tokens but also glued to the next one (AL HASSAN → ALHASSAN).
 *
 * Bound (≤ 40 keys): ≤ 4 documents, ≤ 3 tokens per name field with ≤ 2 codes each (≤ 12 td), ≤ 8 pairs
 * (py and pm each), ≤ 2 di. The bound keeps the index table small and lookups to one IN (...) of ≤ 40.
 * Without a parseable date of birth (mandatory at intake) only document keys are produced. Sex is in no
 * key, so a wrongly recorded sex never hides a candidate; the scorer weighs it instead.
 *
 * Known gaps: a transposition across the year/month boundary (1985-07 → 1980-57) changes both parts and
 * meets no key; a name-code change AND a DOB error together are not covered; placeholder birthdays
 * (YYYY-01-01 for unknown dates) make td and di keys far less selective for those claimants.
 */
import type { MatchablePerson } from './types.ts';
import {
  MIN_DOCUMENT_NUMBER_LENGTH,
  isParticle,
  nameTokens,
  normalizeDocumentNumber,
  parseDob,
  phoneticCodes,
  significantTokens,
} from './normalize.ts';

export const MAX_BLOCKING_KEYS = 40;
const MAX_DOCUMENT_KEYS = 4;
const MAX_TOKENS_PER_FIELD = 3;
const MAX_NAME_PAIRS = 8;

/** Significant tokens, then particles glued to the next token, so "Al Hassan" meets "Alhassan". */
function fieldTokens(name: string): string[] {
  const all = nameTokens(name);
  const glued = all.flatMap((t, i) => {
    const next = all[i + 1];
    return isParticle(t) && next !== undefined && !isParticle(next) ? [t + next] : [];
  });
  return [...new Set([...significantTokens(all), ...glued])].slice(0, MAX_TOKENS_PER_FIELD);
}

function distinctCodes(tokens: readonly string[]): string[] {
  return [...new Set(tokens.flatMap((t) => phoneticCodes(t)))];
}

/** Code pairs, most important first: first tokens and primary codes before later ones. */
function namePairs(family: readonly string[], given: readonly string[]): string[] {
  const combos: Array<{ rank: number; key: string }> = [];
  family.forEach((f, fi) => {
    given.forEach((g, gi) => {
      phoneticCodes(f).forEach((fc, fci) => {
        phoneticCodes(g).forEach((gc, gci) => {
          combos.push({ rank: (fi + gi) * 10 + fci + gci, key: fc < gc ? `${fc}|${gc}` : `${gc}|${fc}` });
        });
      });
    });
  });
  // Stable sort on rank; ties keep family-then-given order, which is deterministic per person.
  combos.sort((a, b) => a.rank - b.rank);
  return [...new Set(combos.map((c) => c.key))].slice(0, MAX_NAME_PAIRS);
}

export function blockingKeys(p: MatchablePerson): string[] {
  const keys = new Set<string>();

  const numbers = [...new Set(p.documents.map((d) => normalizeDocumentNumber(d.number)))]
    .filter((n) => n.length >= MIN_DOCUMENT_NUMBER_LENGTH)
    .sort()
    .slice(0, MAX_DOCUMENT_KEYS);
  for (const n of numbers) keys.add(`doc:${n}`);

  const dob = parseDob(p.dateOfBirth);
  if (dob) {
    const [lo, hi] = dob.month <= dob.day ? [dob.month, dob.day] : [dob.day, dob.month];
    const dobSet = `${dob.year}|${lo}|${hi}`;
    const dayMonth = `${lo}|${hi}`;
    const family = fieldTokens(p.familyName);
    const given = fieldTokens(p.givenNames);

    for (const code of distinctCodes([...family, ...given])) keys.add(`td:${code}:${dobSet}`);

    // A mononym has no pair; its single codes stand in (less selective, but only for those records).
    const signatures = family.length > 0 && given.length > 0 ? namePairs(family, given) : distinctCodes([...family, ...given]).slice(0, MAX_NAME_PAIRS);
    for (const s of signatures) {
      keys.add(`py:${s}:${dob.year}`);
      keys.add(`pm:${s}:${dayMonth}`);
    }

    for (const first of [family[0], given[0]]) {
      const code = first === undefined ? undefined : phoneticCodes(first)[0];
      if (code !== undefined) keys.add(`di:${dobSet}:${code.slice(0, 2)}`);
    }
  }

  return [...keys].sort().slice(0, MAX_BLOCKING_KEYS);
}
