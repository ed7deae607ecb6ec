/**
 * Synthetic people for the demo: obviously fake names, plausible ages, languages and documents by
 * citizenship. Nothing here describes a real person.
 */
import type { DocumentType, IdentityDocument, Relationship, Sex } from '../domain/intake/types.ts';
import { Weighted, type Rng } from './prng.ts';

/**
 * Citizenships outside the IRCC top 25 (the "other countries" remainder of each year), with rough
 * relative weights. Plausible, not published: IRCC does not break the remainder down in the files kept.
 */
export const OTHER_CITIZENSHIPS: readonly (readonly [string, number])[] = [
  ['AFG', 6], ['ERI', 6], ['SOM', 4], ['SYR', 4], ['IRQ', 4], ['SDN', 3], ['EGY', 3], ['SLV', 3], ['HND', 2],
  ['GTM', 2], ['PER', 2], ['BRA', 2], ['ECU', 2], ['KEN', 3], ['UGA', 3], ['BDI', 2], ['RWA', 2], ['ZWE', 2],
  ['TGO', 2], ['BEN', 1], ['BFA', 2], ['MLI', 2], ['TCD', 2], ['AGO', 3], ['COG', 2], ['JAM', 2], ['VCT', 1],
  ['GRD', 1], ['LCA', 1], ['YEM', 2], ['LBN', 2], ['JOR', 1], ['PSE', 2], ['SAU', 1], ['MAR', 2], ['TUN', 1],
  ['LBY', 1], ['RUS', 4], ['BLR', 1], ['AZE', 1], ['GEO', 1], ['ARM', 1], ['KAZ', 1], ['UZB', 1], ['KGZ', 1],
  ['TJK', 1], ['MMR', 1], ['VNM', 1], ['KHM', 1], ['PHL', 1], ['IDN', 1], ['HUN', 3], ['ALB', 2], ['CZE', 1],
  ['SVK', 1], ['ISR', 1], ['CUB', 1], ['NIC', 2], ['DOM', 1], ['TTO', 1], ['GUY', 1], ['GMB', 1], ['SLE', 1],
  ['LBR', 1], ['MRT', 1], ['NER', 1], ['CAF', 1], ['XXA', 1],
];

/** Countries of former habitual residence used as the country of persecution of stateless claimants. */
export const STATELESS_FORMER_RESIDENCE = ['SYR', 'LBN', 'KWT', 'MMR', 'PSE', 'SAU'] as const;

/**
 * Language options by citizenship (ISO 639-1 where it exists, else 639-3), most fluent first; one
 * option is picked uniformly, so repeated options weigh more. Unlisted countries: English.
 */
const LANGUAGE_OPTIONS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  CHN: [['zh']], PAK: [['ur'], ['pa', 'ur'], ['ur', 'en']], NGA: [['en', 'yo'], ['en', 'ig'], ['en', 'ha'], ['en']],
  COL: [['es']], UKR: [['uk', 'ru'], ['ru', 'uk']], IND: [['pa'], ['pa'], ['pa', 'hi'], ['hi'], ['gu'], ['gu'], ['ta'], ['ml'], ['te']],
  HTI: [['ht', 'fr'], ['ht', 'fr'], ['ht']], COD: [['fr', 'ln'], ['fr', 'sw']], ETH: [['am'], ['am'], ['om'], ['ti']],
  TUR: [['tr'], ['tr'], ['ku', 'tr']], VEN: [['es']], LKA: [['ta'], ['ta'], ['si']], BGD: [['bn']],
  CMR: [['fr'], ['fr'], ['en']], USA: [['en'], ['en', 'es']], IRN: [['fa']], MEX: [['es']], NPL: [['ne']],
  DZA: [['ar', 'fr'], ['kab', 'fr']], SEN: [['wo', 'fr'], ['fr', 'wo']], GHA: [['en', 'tw'], ['en']], GIN: [['fr', 'ff'], ['ff', 'fr']],
  CIV: [['fr']], ROU: [['ro'], ['rom', 'ro']], CHL: [['es']], AFG: [['fa'], ['ps']], ERI: [['ti']], SOM: [['so']],
  SYR: [['ar']], IRQ: [['ar'], ['ku']], SDN: [['ar']], EGY: [['ar']], YEM: [['ar']], LBN: [['ar', 'fr']], JOR: [['ar']],
  PSE: [['ar']], SAU: [['ar']], KWT: [['ar']], MAR: [['ar', 'fr']], TUN: [['ar', 'fr']], LBY: [['ar']], MRT: [['ar', 'fr']],
  SLV: [['es']], HND: [['es']], GTM: [['es']], PER: [['es']], ECU: [['es']], CUB: [['es']], NIC: [['es']], DOM: [['es']],
  BRA: [['pt']], AGO: [['pt']], KEN: [['sw', 'en'], ['en']], UGA: [['en', 'lg'], ['en']], BDI: [['rn', 'fr']], RWA: [['rw', 'fr'], ['rw', 'en']],
  ZWE: [['sn', 'en'], ['en']], TGO: [['fr']], BEN: [['fr']], BFA: [['fr']], MLI: [['fr', 'bm']], TCD: [['fr', 'ar']], COG: [['fr']],
  CAF: [['fr', 'sg']], NER: [['fr', 'ha']], RUS: [['ru']], BLR: [['ru', 'be']], AZE: [['az']], GEO: [['ka']], ARM: [['hy']],
  KAZ: [['kk', 'ru'], ['ru']], UZB: [['uz']], KGZ: [['ky', 'ru']], TJK: [['tg']], MMR: [['my']], VNM: [['vi']], KHM: [['km']],
  PHL: [['tl', 'en']], IDN: [['id']], HUN: [['hu']], ALB: [['sq']], CZE: [['cs']], SVK: [['sk']], ISR: [['he']],
  XXA: [['ar']],
};

export function pickLanguages(citizenship: string, rng: Rng): string[] {
  const opts = LANGUAGE_OPTIONS[citizenship];
  return opts === undefined ? ['en'] : [...rng.pick(opts)];
}

/**
 * Log-odds offsets of acceptance (on the merits) by the principal's citizenship, relative to the
 * year's overall rate. Rough orders of magnitude only; the generator recalibrates each year so the
 * overall share still matches the IRB's published one.
 */
export const ACCEPTANCE_LOG_ODDS: Readonly<Record<string, number>> = {
  HTI: -0.3, NGA: -0.9, COL: -0.4, MEX: -1.6, IND: -1.6, USA: -3.0, TUR: 1.6, IRN: 1.2, PAK: 0.4, CHN: 0.2,
  VEN: 0.3, LKA: 0.1, BGD: -0.4, NPL: -0.5, GHA: -0.6, SEN: -0.3, GIN: 0, CIV: -0.2, ROU: -1.4, CHL: -1.2,
  DZA: -0.6, COD: 0.4, CMR: 0.3, ETH: 0.6, UKR: 0.6, AFG: 1.8, ERI: 2.0, SYR: 2.0, SOM: 0.8, SDN: 1.2,
  YEM: 1.2, IRQ: 1.0, HUN: -1.2, ALB: -0.6, RUS: 0.6, EGY: 0.5, XXA: 1.0,
};

// ── Names: "Demo-" family names built from syllables, so no reader can mistake them for real people ──
const SYLLABLES = [
  'ka', 'lo', 'mi', 'ran', 'tel', 'vo', 'zu', 'bel', 'dor', 'fen', 'gar', 'hol', 'jin', 'ker', 'lum', 'nar',
  'pel', 'qui', 'ros', 'sab', 'tam', 'ul', 'vex', 'wen', 'yar', 'zor', 'bri', 'cas', 'dem', 'el', 'fi', 'gu',
];
const FEMALE_ENDINGS = ['a', 'ine', 'elle', 'ia', 'ette'];
const MALE_ENDINGS = ['o', 'an', 'el', 'us', 'ik'];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function demoFamilyName(rng: Rng): string {
  const n = rng.chance(0.6) ? 2 : 3;
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
  return `Demo-${capitalize(s)}`;
}

export function demoGivenNames(sex: Sex, rng: Rng): string {
  const one = (): string => {
    const endings = sex === 'F' ? FEMALE_ENDINGS : sex === 'M' ? MALE_ENDINGS : rng.chance(0.5) ? FEMALE_ENDINGS : MALE_ENDINGS;
    return capitalize(rng.pick(SYLLABLES) + rng.pick(SYLLABLES) + rng.pick(endings));
  };
  return rng.chance(0.3) ? `${one()} ${one()}` : one();
}

// ── Documents (synthetic numbers that cannot be real: they all start with DEMO) ──
function digits(n: number, rng: Rng): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export function demoDocument(type: DocumentType, issuingCountry: string, rng: Rng): IdentityDocument {
  const prefix: Record<DocumentType, string> = {
    PASSPORT: 'DEMO',
    NATIONAL_ID: 'DEMO-ID-',
    TRAVEL_DOCUMENT: 'DEMO-TD-',
    BIRTH_CERTIFICATE: 'DEMO-BC-',
    DRIVING_LICENCE: 'DEMO-DL-',
    OTHER: 'DEMO-X-',
  };
  return { type, number: prefix[type] + digits(type === 'PASSPORT' ? 7 : 8, rng), issuingCountry };
}

// ── Family groups ──
/** Group-size weights (1 to 6 people) by IRCC claim-office category. */
export const GROUP_SIZE_WEIGHTS: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  Airport: [[1, 60], [2, 14], [3, 11], [4, 9], [5, 4], [6, 2]],
  Border: [[1, 45], [2, 17], [3, 16], [4, 13], [5, 6], [6, 3]],
  Inland: [[1, 62], [2, 14], [3, 11], [4, 8], [5, 3], [6, 2]],
  'Other Offices': [[1, 85], [2, 10], [3, 5]],
};

export function groupSizeTable(category: string): Weighted<number> {
  const w = GROUP_SIZE_WEIGHTS[category];
  if (w === undefined) throw new RangeError(`No group sizes for ${category}`);
  return new Weighted(w);
}

/** Relationships of a group of `size` people, principal first. */
export function composition(size: number, rng: Rng): Relationship[] {
  if (size <= 1) return ['PRINCIPAL'];
  if (size === 2) return rng.chance(0.55) ? ['PRINCIPAL', 'SPOUSE'] : ['PRINCIPAL', 'CHILD'];
  const r = rng.next();
  const out: Relationship[] = ['PRINCIPAL'];
  if (r < 0.8) out.push('SPOUSE');
  else if (r >= 0.95) out.push('SPOUSE', size >= 4 && r < 0.98 ? 'PARENT' : 'SIBLING');
  while (out.length < size) out.push('CHILD');
  return out;
}
