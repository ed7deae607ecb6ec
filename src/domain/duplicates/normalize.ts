import { doubleMetaphone } from 'double-metaphone';

/** Letters NFKD does not decompose into a base letter plus marks. Keys are upper case (applied after toUpperCase). */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  Æ: 'AE', Œ: 'OE', Ø: 'O', Đ: 'D', Ð: 'D', Þ: 'TH', Ł: 'L', Ħ: 'H', Ŋ: 'NG', ẞ: 'SS', Ŀ: 'L', Ə: 'A',
  // Dotless i upper-cases to plain I already; the dotted capital İ decomposes under NFKD.
};

/**
 * Cyrillic to Latin, close to the ICAO 9303 passport transliteration, so a name typed from a
 * Cyrillic document meets the Latin spelling from the machine-readable zone.
 * Applied after marks are stripped, so Й has become И and Ё has become Е.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Ґ: 'G', Д: 'D', Е: 'E', Є: 'IE', Ж: 'ZH', З: 'Z', И: 'I', І: 'I', Ї: 'I',
  К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS',
  Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
};

/**
 * Spellings of one name that double metaphone alone does not always bring together (or that officers
 * should see as the same name). Deliberately short: every entry merges names for everyone.
 */
const VARIANT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  MUHAMMAD: ['MOHAMMED', 'MOHAMMAD', 'MOHAMED', 'MOHAMAD', 'MUHAMMED', 'MUHAMED', 'MUHAMAD', 'MOHAMET', 'MOUHAMED', 'MOUHAMMAD', 'MOHAMMAED', 'MAHAMAT', 'MOHD'],
  AHMAD: ['AHMED', 'AHMET', 'AHMAT', 'AHAMED'],
  ABDULLAH: ['ABDALLAH', 'ABDULLA', 'ABDALLA', 'ABDOULLAH', 'ABDOULAYE', 'ABDULAH'],
  ABDUL: ['ABDEL', 'ABDOUL', 'ABDOL'],
  HUSSEIN: ['HUSSAIN', 'HUSAIN', 'HOSSEIN', 'HUSEIN', 'HOUSSEIN', 'HUSSEN', 'HOSEIN'],
  HASSAN: ['HASAN', 'HASSANE'],
  YUSUF: ['YOUSSEF', 'YOUSEF', 'YOUSSOUF', 'YUSSUF', 'YOUSUF', 'JUSUF'],
  IBRAHIM: ['EBRAHIM', 'IBRAHIMA', 'BRAHIM', 'IBROHIM'],
  MUSTAFA: ['MOSTAFA', 'MOUSTAFA', 'MUSTAPHA', 'MOUSTAPHA', 'MOSTAPHA'],
  UMAR: ['OMAR', 'OUMAR', 'OMER'],
  USMAN: ['OSMAN', 'OTHMAN', 'UTHMAN', 'OUSMANE', 'OUSMAN'],
  MAHMOUD: ['MAHMUD', 'MAHMOOD', 'MAHMOUDE'],
  KHALID: ['KHALED', 'KHALEED'],
  AL: ['EL'],
  EKATERINA: ['YEKATERINA', 'JEKATERINA', 'EKATHERINA', 'KATERYNA', 'KATERINA'],
  ELENA: ['YELENA', 'JELENA', 'OLENA'],
  EVGENY: ['YEVGENY', 'YEVGENIY', 'EVGENIY', 'EVGENII', 'JEVGENIJ', 'YEVHEN', 'YEVHENII'],
  YURI: ['YURIY', 'IURII', 'JURIJ', 'YURII', 'IOURI'],
  ALEKSANDR: ['ALEXANDR', 'ALEKSANDER', 'OLEKSANDR', 'ALEXANDRE', 'ALEXANDER'],
  NATALIA: ['NATALYA', 'NATALIYA', 'NATALIJA'],
  SERGEI: ['SERGEY', 'SERGIY', 'SERHIY', 'SERHII', 'SERGII'],
  ANDREI: ['ANDREY', 'ANDRII', 'ANDRIY', 'ANDREJ'],
  DMITRY: ['DMITRII', 'DMITRI', 'DMYTRO', 'DMITRIJ'],
  OLGA: ['OLHA'],
};

const VARIANTS: ReadonlyMap<string, string> = new Map(
  Object.entries(VARIANT_GROUPS).flatMap(([canonical, forms]) => forms.map((f) => [f, canonical] as const)),
);

/**
 * Connecting words that carry little identity (de, van, bin, al, Vietnamese Văn/Thị...). They are skipped
 * when aligning tokens and building keys, but kept when a whole name is compared with spaces removed.
 */
const PARTICLES: ReadonlySet<string> = new Set([
  'DE', 'DA', 'DO', 'DOS', 'DAS', 'DEL', 'DELA', 'LA', 'LE', 'LOS', 'LAS', 'DI', 'DU', 'DES', 'VAN', 'VON', 'DER',
  'DEN', 'TER', 'TEN', 'Y', 'E', 'BIN', 'BEN', 'IBN', 'BINT', 'BINTI', 'BENT', 'AL', 'OULD', 'ULD', 'THI',
]);

function mapChars(s: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of s) out += table[ch] ?? ch;
  return out;
}

/**
 * Canonical form of a name for matching: upper case, accents stripped (NFKD), apostrophes dropped
 * (N'Diaye = NDiaye), any other punctuation or hyphen a single space, Cyrillic transliterated,
 * common transliteration variants mapped to one spelling (Mohammed → MUHAMMAD).
 */
export function normalizeName(s: string): string {
  const upper = s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  const folded = mapChars(mapChars(upper, SPECIAL_LETTERS), CYRILLIC)
    .replace(/['’‘`ʼʻ´]/g, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  return folded
    .split(' ')
    .map((t) => VARIANTS.get(t) ?? t)
    .join(' ');
}

/** Tokens of a normalized name. */
export function nameTokens(s: string): string[] {
  const n = normalizeName(s);
  return n === '' ? [] : n.split(' ');
}

export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

/** Tokens without particles, unless the name is nothing but particles ("Ben", "Van"). */
export function significantTokens(tokens: readonly string[]): string[] {
  const kept = tokens.filter((t) => !PARTICLES.has(t));
  return kept.length > 0 ? kept : [...tokens];
}

const codeCache = new Map<string, readonly string[]>();
const CODE_CACHE_LIMIT = 20_000;

/**
 * Distinct double-metaphone codes of a normalized token, primary first. A token the algorithm cannot
 * encode (another script) is its own code, prefixed so it cannot collide with a metaphone code.
 */
export function phoneticCodes(token: string): readonly string[] {
  const cached = codeCache.get(token);
  if (cached) return cached;
  const [primary, alternate] = doubleMetaphone(token);
  const codes = [...new Set([primary, alternate].filter((c) => c !== ''))];
  const result = codes.length > 0 ? codes : token === '' ? [] : [`=${token}`];
  if (codeCache.size >= CODE_CACHE_LIMIT) codeCache.clear();
  codeCache.set(token, result);
  return result;
}

/**
 * Document number for comparison: upper case, accents and full-width forms folded, everything but
 * letters and digits removed, and letter O read as digit 0 (on both sides, so the choice is consistent).
 */
export function normalizeDocumentNumber(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0');
}

/** Country code for comparison; "XXX" (unspecified) and blanks say nothing. */
export function normalizeCountry(s: string): string | null {
  const c = s.trim().toUpperCase();
  return c === '' || c === 'XXX' ? null : c;
}

export interface ParsedDob {
  year: string;
  month: string;
  day: string;
  /** YYYYMMDD */
  digits: string;
}

/** Shape only, not the calendar: a mistyped 1990-02-31 must still be comparable with 1990-02-13. */
export function parseDob(s: string): ParsedDob | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [, year = '', month = '', day = ''] = m;
  return { year, month, day, digits: `${year}${month}${day}` };
}

/** Minimum normalized length for a document number to count: shorter ones collide by chance. */
export const MIN_DOCUMENT_NUMBER_LENGTH = 5;
