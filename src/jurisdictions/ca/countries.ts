/**
 * Country reference (citizenship, country of alleged persecution, document issuer) with English and
 * French labels, from the maintained package i18n-iso-countries (ISO 3166-1), plus the two ICAO 9303
 * codes the intake accepts: XXA (stateless person) and XXX (nationality not specified).
 *
 * Codes are ISO 3166-1 alpha-3, upper case. Kosovo is present as the package's user-assigned XKK
 * (ICAO documents use RKS; RKS is not accepted here).
 *
 * Pure data: no I/O. Only the en and fr locales are registered (the package core is imported without
 * its Node entry point, which would load every locale).
 */
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(fr);

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export interface LocalizedLabel {
  en: string;
  fr: string;
}

export interface CountryInfo {
  /** ISO 3166-1 alpha-3 (or ICAO XXA / XXX), upper case. */
  code: string;
  /** ISO 3166-1 alpha-2, or null for the ICAO special codes. */
  alpha2: string | null;
  labels: LocalizedLabel;
}

/** ICAO 9303 codes that are not countries but are valid in a nationality field. */
export const ICAO_SPECIAL_CODES: readonly CountryInfo[] = Object.freeze([
  Object.freeze({ code: 'XXA', alpha2: null, labels: Object.freeze({ en: 'Stateless', fr: 'Apatride' }) }),
  Object.freeze({
    code: 'XXX',
    alpha2: null,
    labels: Object.freeze({ en: 'Nationality not specified', fr: 'Nationalité non précisée' }),
  }),
]);

function build(): ReadonlyMap<string, CountryInfo> {
  const out: CountryInfo[] = [];
  for (const [alpha3, alpha2] of Object.entries(countries.getAlpha3Codes())) {
    const labelEn = countries.getName(alpha2, 'en');
    const labelFr = countries.getName(alpha2, 'fr');
    if (labelEn === undefined || labelFr === undefined) {
      throw new Error(`i18n-iso-countries has no en/fr label for ${alpha3}`);
    }
    out.push(Object.freeze({ code: alpha3, alpha2, labels: Object.freeze({ en: labelEn, fr: labelFr }) }));
  }
  out.push(...ICAO_SPECIAL_CODES);
  out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return new Map(out.map((c) => [c.code, c]));
}

const BY_CODE = build();
const LIST: readonly CountryInfo[] = Object.freeze([...BY_CODE.values()]);

/** True for an upper-case ISO 3166-1 alpha-3 code known to the package, or XXA / XXX. */
export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function countryByCode(code: string): CountryInfo | undefined {
  return BY_CODE.get(code);
}

/** Label of a country in English or French. Throws a RangeError for an unknown code. */
export function countryLabel(code: string, lang: Lang): string {
  const c = BY_CODE.get(code);
  if (c === undefined) throw new RangeError(`Unknown country code: ${JSON.stringify(code)}`);
  return c.labels[lang];
}

/** Every accepted code, sorted by code. The array and its entries are frozen. */
export function listCountries(): readonly CountryInfo[] {
  return LIST;
}
