import { describe, expect, it } from 'vitest';
import { countryByCode, countryLabel, isCountryCode, listCountries, ICAO_SPECIAL_CODES } from './countries.ts';

describe('countries', () => {
  it('lists every ISO 3166-1 country once plus XXA and XXX, sorted by code', () => {
    const list = listCountries();
    const codes = list.map((c) => c.code);
    expect(list.length).toBe(252); // 250 from i18n-iso-countries 7.14 + XXA + XXX
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const c of list) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      if (c.alpha2 !== null) expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.labels.en.trim().length).toBeGreaterThan(0);
      expect(c.labels.fr.trim().length).toBeGreaterThan(0);
    }
    expect(ICAO_SPECIAL_CODES.map((c) => c.code)).toEqual(['XXA', 'XXX']);
  });

  it('gives English and French labels', () => {
    expect(countryLabel('CAN', 'en')).toBe('Canada');
    expect(countryLabel('HTI', 'en')).toBe('Haiti');
    expect(countryLabel('HTI', 'fr')).toBe('Haïti');
    expect(countryLabel('USA', 'en')).toBe('United States of America');
    expect(countryLabel('USA', 'fr')).toBe("États-Unis d'Amérique");
    expect(countryLabel('COD', 'fr')).toBe('République démocratique du Congo');
    expect(countryLabel('XXA', 'en')).toBe('Stateless');
    expect(countryLabel('XXA', 'fr')).toBe('Apatride');
    expect(countryLabel('XXX', 'en')).toBe('Nationality not specified');
    expect(countryLabel('XXX', 'fr')).toBe('Nationalité non précisée');
  });

  it('maps alpha-3 to alpha-2', () => {
    expect(countryByCode('MEX')).toEqual({ code: 'MEX', alpha2: 'MX', labels: { en: 'Mexico', fr: 'Mexique' } });
    expect(countryByCode('XXA')?.alpha2).toBeNull();
  });

  it('rejects unknown, lower-case and alpha-2 codes', () => {
    for (const bad of ['', 'usa', 'US', 'ZZZ', 'XXB', 'RKS', ' CAN', 'CANA']) {
      expect(isCountryCode(bad)).toBe(false);
      expect(countryByCode(bad)).toBeUndefined();
      expect(() => countryLabel(bad, 'en')).toThrow(RangeError);
    }
    expect(isCountryCode('CAN')).toBe(true);
    expect(isCountryCode('XXA')).toBe(true);
    expect(isCountryCode('XKK')).toBe(true);
  });

  it('returns a frozen list', () => {
    expect(Object.isFrozen(listCountries())).toBe(true);
    expect(Object.isFrozen(listCountries()[0])).toBe(true);
  });
});
