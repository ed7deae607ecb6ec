/**
 * Scoring a candidate against the person being registered.
 *
 * Each kind of evidence adds integer points (MATCH_WEIGHTS); the score is the sum clamped to 0..100,
 * divided by 100. Name exact + DOB exact + same sex is exactly 100, so a person against themselves
 * scores 1. Within each kind the strongest agreement gets the most points, so making a candidate agree
 * more with the query never lowers its score. Every comparison is symmetric, so is the score.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import type { MatchablePerson, MatchReason, MatchReasonCode, MatchScore } from './types.ts';
import {
  MIN_DOCUMENT_NUMBER_LENGTH,
  nameTokens,
  normalizeCountry,
  normalizeDocumentNumber,
  parseDob,
  phoneticCodes,
  significantTokens,
} from './normalize.ts';

export const MATCH_WEIGHTS = {
  /** Same document number; on its own enough for HIGH. */
  DOCUMENT_NUMBER: 85,
  /** Same number but different issuing countries: a slip or a chance collision, so only reported. */
  DOCUMENT_NUMBER_OTHER_COUNTRY: 65,
  NAME_EXACT: 50,
  /** Both name fields agree phonetically: 50 × 0.84. Mixed exact/phonetic fields score in between. */
  NAME_PHONETIC: 42,
  /** Name reasons found with family and given names swapped keep 90 % of their points... */
  NAMES_SWAPPED_FACTOR: 0.9,
  /** ...and name parts found only when the two fields are pooled keep 85 %. */
  NAMES_POOLED_FACTOR: 0.85,
  DOB_EXACT: 40,
  DOB_DAY_MONTH_SWAPPED: 32,
  DOB_DIGITS_TRANSPOSED: 30,
  DOB_ONE_DIGIT: 24,
  DOB_SAME_YEAR: 3,
  SEX_MATCH: 10,
  /** Sex is rarely mistyped, so disagreement is stronger evidence than agreement (half of people agree). */
  SEX_DIFFERENT: -15,
  CITIZENSHIP_OVERLAP: 5,
} as const;

/**
 * report 0.65: hidden are same DOB + sex + citizenship with unrelated names (55) or with only the family
 * name in common (63: twins, or a common name like Nguyen), and the same full name born another day of
 * the same year (63); shown are the same full name + sex + citizenship whatever the DOB (65).
 * medium 0.70: a phonetic name with a transposed DOB (72, even without sex) is at least MEDIUM.
 * high 0.85: a document match alone (85), or name and DOB both nearly right.
 */
export const MATCH_THRESHOLDS = { report: 0.65, high: 0.85, medium: 0.7 } as const;

const NAME_MAX = MATCH_WEIGHTS.NAME_EXACT;

// Token agreement on a 0..100 integer scale, so sums are exact and do not depend on argument order.
const TOKEN_EXACT = 100;
const TOKEN_PHONETIC = Math.round((100 * MATCH_WEIGHTS.NAME_PHONETIC) / MATCH_WEIGHTS.NAME_EXACT); // 84
const TOKEN_SIMILAR = 70;
const TOKEN_INITIAL = 50;
/** Each name part present on one side only keeps this share of the field's agreement. */
const EXTRA_TOKEN_FACTOR = 0.85;
/** Below this a field counts as disagreeing: "John Paul" vs "John Peter" is 0.5. */
const FIELD_AGREES = 0.6;
/**
 * Share kept when only one field agrees. A shared family name with different given names is mostly
 * siblings; shared given names with another family name can be a name taken on marriage.
 */
const FAMILY_ONLY_FACTOR = 0.15;
const GIVEN_ONLY_FACTOR = 0.3;
/** With one field blank on one record, the other field carries this share. */
const MISSING_FIELD_FACTOR = 0.6;
/** Comparison cost is 2^tokens; names longer than this are truncated (none are in practice). */
const MAX_COMPARED_TOKENS = 8;

type Text = { en: string; fr: string };

const DETAILS = {
  DOCUMENT_NUMBER: { en: 'Same identity document number', fr: 'Même numéro de pièce d’identité' },
  DOCUMENT_NUMBER_OTHER_COUNTRY: {
    en: 'Same document number, but recorded as issued by a different country',
    fr: 'Même numéro de document, mais enregistré comme délivré par un autre pays',
  },
  NAME_EXACT: {
    en: 'Same name (ignoring accents, punctuation, spacing and common spelling variants)',
    fr: 'Même nom (sans tenir compte des accents, de la ponctuation, des espaces et des variantes d’orthographe courantes)',
  },
  NAME_PHONETIC: {
    en: 'Names sound the same but are spelt differently',
    fr: 'Noms qui se prononcent de la même façon, mais s’écrivent différemment',
  },
  NAME_SPELLING: {
    en: 'Names are spelt similarly (likely a typing or transliteration difference)',
    fr: 'Noms d’orthographe proche (probablement une faute de frappe ou de translittération)',
  },
  NAME_EXTRA_PART: {
    en: 'Names match, but one record has more name parts than the other',
    fr: 'Les noms concordent, mais un dossier comporte plus d’éléments de nom que l’autre',
  },
  FAMILY_ONLY: {
    en: 'Only the family name matches; the given names differ',
    fr: 'Seul le nom de famille concorde ; les prénoms diffèrent',
  },
  GIVEN_ONLY: {
    en: 'Only the given names match; the family name differs',
    fr: 'Seuls les prénoms concordent ; le nom de famille diffère',
  },
  FAMILY_GIVEN_BLANK: {
    en: 'Family name matches; given names are recorded on only one record',
    fr: 'Le nom de famille concorde ; les prénoms ne figurent que dans un seul dossier',
  },
  GIVEN_FAMILY_BLANK: {
    en: 'Given names match; a family name is recorded on only one record',
    fr: 'Les prénoms concordent ; un nom de famille ne figure que dans un seul dossier',
  },
  NAMES_SWAPPED: {
    en: 'Names match with family and given names swapped',
    fr: 'Les noms concordent, nom de famille et prénoms inversés',
  },
  NAMES_POOLED: {
    en: 'Same name parts, recorded under family name on one record and given names on the other',
    fr: 'Mêmes éléments de nom, inscrits comme nom de famille dans un dossier et comme prénoms dans l’autre',
  },
  DOB_EXACT: { en: 'Same date of birth', fr: 'Même date de naissance' },
  DOB_DAY_MONTH_SWAPPED: {
    en: 'Date of birth matches with day and month swapped',
    fr: 'Date de naissance identique, jour et mois inversés',
  },
  DOB_DIGITS_TRANSPOSED: {
    en: 'Date of birth matches except for two neighbouring digits swapped (for example 12 and 21)',
    fr: 'Date de naissance identique à deux chiffres voisins inversés près (par exemple 12 et 21)',
  },
  DOB_ONE_DIGIT: {
    en: 'Date of birth differs by a single digit',
    fr: 'Date de naissance différente d’un seul chiffre',
  },
  DOB_SAME_YEAR: { en: 'Same year of birth only', fr: 'Même année de naissance seulement' },
  SEX_MATCH: { en: 'Same sex recorded', fr: 'Même sexe indiqué' },
  SEX_DIFFERENT: { en: 'Different sex recorded', fr: 'Sexe indiqué différent' },
  CITIZENSHIP_OVERLAP: { en: 'At least one citizenship in common', fr: 'Au moins une citoyenneté en commun' },
} as const satisfies Record<string, Text>;

function reason(code: MatchReasonCode, weight: number, detail: Text): MatchReason {
  return { code, weight, detail: { en: detail.en, fr: detail.fr } };
}

// ---------------------------------------------------------------- documents

function documentReason(q: MatchablePerson, c: MatchablePerson): MatchReason | null {
  let best: MatchReason | null = null;
  for (const a of q.documents) {
    const na = normalizeDocumentNumber(a.number);
    if (na.length < MIN_DOCUMENT_NUMBER_LENGTH) continue;
    for (const b of c.documents) {
      if (normalizeDocumentNumber(b.number) !== na) continue;
      const ca = normalizeCountry(a.issuingCountry);
      const cb = normalizeCountry(b.issuingCountry);
      if (ca === null || cb === null || ca === cb) return reason('DOCUMENT_NUMBER', MATCH_WEIGHTS.DOCUMENT_NUMBER, DETAILS.DOCUMENT_NUMBER);
      best ??= reason('DOCUMENT_NUMBER', MATCH_WEIGHTS.DOCUMENT_NUMBER_OTHER_COUNTRY, DETAILS.DOCUMENT_NUMBER_OTHER_COUNTRY);
    }
  }
  return best;
}

// ---------------------------------------------------------------- names

interface NameField {
  /** All tokens joined without spaces: "Abdul Rahman" = "Abdulrahman", "De la Cruz" = "Delacruz". */
  joined: string;
  /** Tokens without particles, sorted so token order within a field does not matter. */
  tokens: string[];
}

function nameField(raw: string): NameField {
  const all = nameTokens(raw);
  return { joined: all.join(''), tokens: significantTokens(all).slice(0, MAX_COMPARED_TOKENS).sort() };
}

function pooled(a: NameField, b: NameField): NameField {
  return { joined: a.joined + b.joined, tokens: [...a.tokens, ...b.tokens].sort().slice(0, MAX_COMPARED_TOKENS) };
}

function sharesCode(a: string, b: string): boolean {
  const cb = phoneticCodes(b);
  return phoneticCodes(a).some((x) => cb.includes(x));
}

function tokenScore(a: string, b: string): number {
  if (a === b) return TOKEN_EXACT;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? TOKEN_INITIAL : 0;
  const jw = jaroWinkler(a, b);
  // The similarity floor stops short codes (ALI / ELLIE / OLA all give AL) from counting as the same name.
  if (jw >= 0.7 && sharesCode(a, b)) return TOKEN_PHONETIC;
  const longest = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) >= 4 && jw >= 0.85 && damerauLevenshtein(a, b) <= Math.max(1, Math.floor(longest / 4))) {
    return TOKEN_SIMILAR;
  }
  return 0;
}

/** Best one-to-one assignment of rows to columns (rows ≤ columns), by DP over column subsets. */
function bestAssignment(matrix: readonly (readonly number[])[], columns: number): number {
  const full = 1 << columns;
  let dp = new Array<number>(full).fill(-1);
  dp[0] = 0;
  for (const row of matrix) {
    const next = new Array<number>(full).fill(-1);
    for (let mask = 0; mask < full; mask++) {
      const base = dp[mask] ?? -1;
      if (base < 0) continue;
      row.forEach((v, j) => {
        const bit = 1 << j;
        if (mask & bit) return;
        if (base + v > (next[mask | bit] ?? -1)) next[mask | bit] = base + v;
      });
    }
    dp = next;
  }
  return Math.max(0, ...dp);
}

/** 'blank': empty on one record only; 'absent': empty on both. */
type FieldGrade = 'exact' | 'phonetic' | 'extra' | 'similar' | 'none' | 'blank' | 'absent';

interface FieldResult {
  value: number;
  grade: FieldGrade;
  /** Name parts present on one side only. */
  extra: number;
}

function compareField(a: NameField, b: NameField): FieldResult {
  const aBlank = a.tokens.length === 0;
  const bBlank = b.tokens.length === 0;
  if (aBlank && bBlank) return { value: 0, grade: 'absent', extra: 0 };
  if (aBlank || bBlank) return { value: 0, grade: 'blank', extra: 0 };
  if (a.joined === b.joined || a.tokens.join(' ') === b.tokens.join(' ')) return { value: 1, grade: 'exact', extra: 0 };

  const [rows, cols] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  const k = rows.length;
  const extra = cols.length - k;
  const matrix = rows.map((x) => cols.map((y) => tokenScore(x, y)));
  const mean = bestAssignment(matrix, cols.length) / (k * TOKEN_EXACT);
  const allPhonetic = bestAssignment(matrix.map((r) => r.map((v) => (v >= TOKEN_PHONETIC ? 1 : 0))), cols.length) === k;

  if (extra === 0) return { value: mean, grade: allPhonetic ? 'phonetic' : mean > 0 ? 'similar' : 'none', extra };
  const value = mean * EXTRA_TOKEN_FACTOR ** extra;
  // Names split differently into words ("Abdoul Rahmane" / "Abdulrahman") still sound the same joined.
  const joinedPhonetic = jaroWinkler(a.joined, b.joined) >= 0.7 && sharesCode(a.joined, b.joined);
  if (joinedPhonetic && TOKEN_PHONETIC / TOKEN_EXACT >= value) return { value: TOKEN_PHONETIC / TOKEN_EXACT, grade: 'phonetic', extra };
  return { value, grade: value === 0 ? 'none' : allPhonetic ? 'extra' : 'similar', extra };
}

interface NameOutcome {
  weight: number;
  code: MatchReasonCode;
  detail: Text;
}

interface Combined {
  value: number;
  code: MatchReasonCode;
  detail: Text;
  /** The whole name agrees, not just one field of it. */
  whole: boolean;
}

function agrees(f: FieldResult): boolean {
  return f.value >= FIELD_AGREES;
}

function wholeName(value: number, grades: readonly FieldGrade[]): Combined {
  if (grades.every((g) => g === 'exact')) return { value, code: 'NAME_EXACT', detail: DETAILS.NAME_EXACT, whole: true };
  if (grades.every((g) => g === 'exact' || g === 'phonetic')) return { value, code: 'NAME_PHONETIC', detail: DETAILS.NAME_PHONETIC, whole: true };
  if (grades.every((g) => g === 'exact' || g === 'phonetic' || g === 'extra')) {
    return { value, code: 'NAME_SIMILAR', detail: DETAILS.NAME_EXTRA_PART, whole: true };
  }
  return { value, code: 'NAME_SIMILAR', detail: DETAILS.NAME_SPELLING, whole: true };
}

/** Name agreement from the two field comparisons. The value is symmetric in the two fields. */
function combineFields(family: FieldResult, given: FieldResult): Combined | null {
  if (family.grade === 'absent' || given.grade === 'absent') {
    // Mononyms on both records: the name is the one field that is filled in.
    const other = family.grade === 'absent' ? given : family;
    return agrees(other) ? wholeName(other.value, [other.grade]) : null;
  }
  if (family.grade === 'blank' || given.grade === 'blank') {
    if (family.grade === 'blank' && given.grade === 'blank') return null;
    const [other, detail] = family.grade === 'blank' ? [given, DETAILS.GIVEN_FAMILY_BLANK] : [family, DETAILS.FAMILY_GIVEN_BLANK];
    return agrees(other) ? { value: MISSING_FIELD_FACTOR * other.value, code: 'NAME_SIMILAR', detail, whole: false } : null;
  }
  if (agrees(family) && agrees(given)) return wholeName((family.value + given.value) / 2, [family.grade, given.grade]);
  if (agrees(family)) return { value: FAMILY_ONLY_FACTOR * family.value, code: 'NAME_SIMILAR', detail: DETAILS.FAMILY_ONLY, whole: false };
  if (agrees(given)) return { value: GIVEN_ONLY_FACTOR * given.value, code: 'NAME_SIMILAR', detail: DETAILS.GIVEN_ONLY, whole: false };
  return null;
}

function nameOutcome(q: MatchablePerson, c: MatchablePerson): NameOutcome | null {
  const qf = nameField(q.familyName);
  const qg = nameField(q.givenNames);
  const cf = nameField(c.familyName);
  const cg = nameField(c.givenNames);
  const outcomes: NameOutcome[] = [];

  const direct = combineFields(compareField(qf, cf), compareField(qg, cg));
  if (direct) outcomes.push({ weight: Math.round(NAME_MAX * direct.value), code: direct.code, detail: direct.detail });

  // Only a whole-name agreement counts when swapped: "family matches the other's given name" alone is noise.
  const swapped = combineFields(compareField(qf, cg), compareField(qg, cf));
  if (swapped?.whole) {
    outcomes.push({ weight: Math.round(NAME_MAX * MATCH_WEIGHTS.NAMES_SWAPPED_FACTOR * swapped.value), code: 'NAMES_SWAPPED', detail: DETAILS.NAMES_SWAPPED });
  }

  // Parts moved between fields ("García López / María" vs "López / María García"); same parts on both sides.
  const pool = compareField(pooled(qf, qg), pooled(cf, cg));
  if (pool.extra === 0 && agrees(pool)) {
    outcomes.push({ weight: Math.round(NAME_MAX * MATCH_WEIGHTS.NAMES_POOLED_FACTOR * pool.value), code: 'NAMES_SWAPPED', detail: DETAILS.NAMES_POOLED });
  }

  // Highest weight wins; on a tie the more direct reading (earlier) is kept.
  let best: NameOutcome | null = null;
  for (const o of outcomes) if (o.weight > 0 && (best === null || o.weight > best.weight)) best = o;
  return best;
}

// ---------------------------------------------------------------- date of birth

function dobReason(q: MatchablePerson, c: MatchablePerson): MatchReason | null {
  const a = parseDob(q.dateOfBirth);
  const b = parseDob(c.dateOfBirth);
  if (!a || !b) {
    const same = q.dateOfBirth.trim() !== '' && q.dateOfBirth.trim() === c.dateOfBirth.trim();
    return same ? reason('DOB_EXACT', MATCH_WEIGHTS.DOB_EXACT, DETAILS.DOB_EXACT) : null;
  }
  if (a.digits === b.digits) return reason('DOB_EXACT', MATCH_WEIGHTS.DOB_EXACT, DETAILS.DOB_EXACT);
  if (a.year === b.year && a.month === b.day && a.day === b.month) {
    return reason('DOB_DAY_MONTH_SWAPPED', MATCH_WEIGHTS.DOB_DAY_MONTH_SWAPPED, DETAILS.DOB_DAY_MONTH_SWAPPED);
  }
  const diff: number[] = [];
  for (let i = 0; i < a.digits.length; i++) if (a.digits[i] !== b.digits[i]) diff.push(i);
  const [i, j] = diff;
  if (diff.length === 2 && i !== undefined && j === i + 1 && a.digits[i] === b.digits[j] && a.digits[j] === b.digits[i]) {
    return reason('DOB_DIGITS_TRANSPOSED', MATCH_WEIGHTS.DOB_DIGITS_TRANSPOSED, DETAILS.DOB_DIGITS_TRANSPOSED);
  }
  if (diff.length === 1) return reason('DOB_ONE_DIGIT', MATCH_WEIGHTS.DOB_ONE_DIGIT, DETAILS.DOB_ONE_DIGIT);
  if (a.year === b.year) return reason('DOB_SAME_YEAR', MATCH_WEIGHTS.DOB_SAME_YEAR, DETAILS.DOB_SAME_YEAR);
  return null;
}

// ---------------------------------------------------------------- sex, citizenship

function sexReason(q: MatchablePerson, c: MatchablePerson): MatchReason | null {
  if (q.sex === c.sex) return reason('SEX_MATCH', MATCH_WEIGHTS.SEX_MATCH, DETAILS.SEX_MATCH);
  // X against F or M says nothing: it may be a later or an earlier choice.
  if (q.sex === 'X' || c.sex === 'X') return null;
  return reason('SEX_DIFFERENT', MATCH_WEIGHTS.SEX_DIFFERENT, DETAILS.SEX_DIFFERENT);
}

function citizenshipReason(q: MatchablePerson, c: MatchablePerson): MatchReason | null {
  const mine = new Set((q.citizenships ?? []).map(normalizeCountry).filter((x) => x !== null));
  const shared = (c.citizenships ?? []).some((x) => {
    const n = normalizeCountry(x);
    return n !== null && mine.has(n);
  });
  return shared ? reason('CITIZENSHIP_OVERLAP', MATCH_WEIGHTS.CITIZENSHIP_OVERLAP, DETAILS.CITIZENSHIP_OVERLAP) : null;
}

// ---------------------------------------------------------------- score

export function levelFor(score: number): MatchScore['level'] {
  if (score >= MATCH_THRESHOLDS.high) return 'HIGH';
  if (score >= MATCH_THRESHOLDS.medium) return 'MEDIUM';
  return 'LOW';
}

export function scoreMatch(query: MatchablePerson, candidate: MatchablePerson): MatchScore {
  const name = nameOutcome(query, candidate);
  const reasons = [
    documentReason(query, candidate),
    name && reason(name.code, name.weight, name.detail),
    dobReason(query, candidate),
    sexReason(query, candidate),
    citizenshipReason(query, candidate),
  ].filter((r): r is MatchReason => r !== null);
  const total = reasons.reduce((sum, r) => sum + r.weight, 0);
  const score = Math.min(100, Math.max(0, total)) / 100;
  return { score, level: levelFor(score), reasons };
}

/** Whether a candidate is shown to the officer at all. */
export function isReportable(s: MatchScore): boolean {
  return s.score >= MATCH_THRESHOLDS.report;
}

/** Scores fetched candidates, drops those below the report threshold, best first (ties keep input order). */
export function rankCandidates<T extends MatchablePerson>(query: MatchablePerson, candidates: readonly T[]): Array<{ candidate: T; match: MatchScore }> {
  return candidates
    .map((candidate) => ({ candidate, match: scoreMatch(query, candidate) }))
    .filter((r) => isReportable(r.match))
    .sort((a, b) => b.match.score - a.match.score);
}
