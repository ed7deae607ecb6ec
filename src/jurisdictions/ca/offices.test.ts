import { describe, expect, it } from 'vitest';
import { OFFICE_TYPES, PROVINCES } from '../../domain/intake/types.ts';
import {
  IRCC_OFFICE_CATEGORIES,
  IRCC_OFFICE_CATEGORY_LABELS,
  OFFICES,
  OFFICE_TYPE_INFO,
  PROVINCE_INFO,
  isOfficeCode,
  officeByCode,
  officesOf,
  provinceByIrccLabel,
} from './offices.ts';

describe('offices', () => {
  it('has unique, well-formed codes', () => {
    const codes = OFFICES.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
    expect(OFFICES.length).toBe(87);
    const byType: Record<string, number> = {};
    for (const o of OFFICES) byType[o.type] = (byType[o.type] ?? 0) + 1;
    expect(byType).toEqual({ LAND_POE: 35, RAIL: 3, MARINE: 8, AIRPORT: 18, INLAND_OFFICE: 22, ONLINE: 1 });
  });

  it('keeps the stable codes other data depend on', () => {
    // These codes are referenced by stored claims: renaming one is a breaking change.
    const stable = [
      'QC-LACOLLE', 'QC-LACOLLE-221', 'QC-LACOLLE-223', 'QC-HEMMINGFORD', 'QC-STANSTEAD-55', 'QC-STANSTEAD-143',
      'QC-SAINT-ARMAND', 'ON-PEACE-BRIDGE', 'ON-RAINBOW-BRIDGE', 'ON-QUEENSTON-LEWISTON', 'ON-LANSDOWNE',
      'ON-AMBASSADOR-BRIDGE', 'ON-WINDSOR-TUNNEL', 'ON-BLUE-WATER-BRIDGE', 'MB-EMERSON', 'BC-DOUGLAS',
      'BC-PACIFIC-HIGHWAY', 'AB-COUTTS', 'SK-NORTH-PORTAL', 'NB-ST-STEPHEN', 'NB-WOODSTOCK-ROAD', 'QC-RAIL',
      'NS-HALIFAX-MARINE', 'BC-VANCOUVER-MARINE', 'QC-YUL', 'ON-YYZ', 'BC-YVR', 'AB-YYC', 'AB-YEG', 'ON-YOW',
      'MB-YWG', 'NS-YHZ', 'QC-YQB', 'QC-MONTREAL-IRCC', 'ON-ETOBICOKE-IRCC', 'ON-MISSISSAUGA-CBSA',
      'BC-VANCOUVER-IRCC', 'AB-CALGARY-IRCC', 'AB-EDMONTON-IRCC', 'MB-WINNIPEG-IRCC', 'ON-OTTAWA-IRCC',
      'NS-HALIFAX-IRCC', 'ON-NIAGARA-FALLS-IRCC', 'ON-FORT-ERIE-CBSA', 'ONLINE',
    ];
    for (const c of stable) expect(isOfficeCode(c), c).toBe(true);
    expect(OFFICES[0]?.code).toBe('QC-LACOLLE');
  });

  it('has Saint-Bernard-de-Lacolle as a Quebec land port of entry', () => {
    const o = officeByCode('QC-LACOLLE');
    expect(o).toEqual({
      code: 'QC-LACOLLE',
      type: 'LAND_POE',
      province: 'QC',
      agency: 'CBSA',
      names: { en: 'Saint-Bernard-de-Lacolle (Highway 15)', fr: 'Saint-Bernard-de-Lacolle (autoroute 15)' },
    });
  });

  it('looks up airports and the online portal', () => {
    expect(officeByCode('QC-YUL')).toMatchObject({ type: 'AIRPORT', province: 'QC', iata: 'YUL' });
    expect(officeByCode('ON-YYZ')?.names.en).toBe('Toronto Pearson International Airport');
    expect(officeByCode('ONLINE')).toMatchObject({ type: 'ONLINE', province: null, agency: 'IRCC' });
  });

  it('rejects unknown codes', () => {
    for (const bad of ['', 'qc-lacolle', 'LACOLLE', 'QC-LACOLLE ', 'YUL', 'XX-UNKNOWN']) {
      expect(officeByCode(bad)).toBeUndefined();
      expect(isOfficeCode(bad)).toBe(false);
    }
  });

  it('gives every office a valid type, province and both names', () => {
    for (const o of OFFICES) {
      expect(OFFICE_TYPES).toContain(o.type);
      if (o.type === 'ONLINE') expect(o.province).toBeNull();
      else expect(PROVINCES).toContain(o.province);
      expect(o.names.en.trim()).not.toBe('');
      expect(o.names.fr.trim()).not.toBe('');
      expect(o.agency).toBe(o.type === 'ONLINE' ? 'IRCC' : OFFICE_TYPE_INFO[o.type].portOfEntry ? 'CBSA' : o.agency);
      if (o.type === 'AIRPORT') expect(o.iata).toMatch(/^Y[A-Z]{2}$/);
      else expect(o.iata).toBeUndefined();
      expect(o.cbsaPortNumber).toBeUndefined();
    }
  });

  it('has one inland office per province and territory, and the Quebec land ports', () => {
    for (const p of PROVINCES) expect(officesOf('INLAND_OFFICE', p).length, p).toBeGreaterThan(0);
    expect(officesOf('LAND_POE', 'QC').map((o) => o.code)).toEqual([
      'QC-LACOLLE', 'QC-LACOLLE-221', 'QC-LACOLLE-223', 'QC-HEMMINGFORD', 'QC-STANSTEAD-55', 'QC-STANSTEAD-143', 'QC-SAINT-ARMAND',
    ]);
  });

  it('rolls office types up into the IRCC categories', () => {
    expect(Object.keys(OFFICE_TYPE_INFO).sort()).toEqual([...OFFICE_TYPES].sort());
    expect(Object.fromEntries(OFFICE_TYPES.map((t) => [t, OFFICE_TYPE_INFO[t].irccCategory]))).toEqual({
      AIRPORT: 'Airport',
      LAND_POE: 'Border',
      MARINE: 'Other Offices',
      RAIL: 'Border',
      INLAND_OFFICE: 'Inland',
      ONLINE: 'Inland',
    });
    for (const t of OFFICE_TYPES) {
      expect(OFFICE_TYPE_INFO[t].labels.en).not.toBe('');
      expect(OFFICE_TYPE_INFO[t].labels.fr).not.toBe('');
    }
    expect(OFFICE_TYPE_INFO.LAND_POE.labels).toEqual({ en: 'Land port of entry', fr: "Point d'entrée terrestre" });
    for (const c of IRCC_OFFICE_CATEGORIES) expect(IRCC_OFFICE_CATEGORY_LABELS[c].fr).not.toBe('');
  });

  it('names provinces in both languages and as in the IRCC workbook', () => {
    expect(Object.keys(PROVINCE_INFO).sort()).toEqual([...PROVINCES].sort());
    expect(PROVINCE_INFO.QC).toEqual({ names: { en: 'Quebec', fr: 'Québec' }, irccLabel: 'Quebec' });
    expect(PROVINCE_INFO.BC.names.fr).toBe('Colombie-Britannique');
    expect(provinceByIrccLabel('Quebec')).toBe('QC');
    expect(provinceByIrccLabel('Northwest Territories')).toBe('NT');
    expect(provinceByIrccLabel('Province/Territory of claim not stated')).toBeUndefined();
    expect(provinceByIrccLabel('Québec')).toBeUndefined();
    for (const p of PROVINCES) {
      expect(PROVINCE_INFO[p].names.en).not.toBe('');
      expect(PROVINCE_INFO[p].names.fr).not.toBe('');
      expect(provinceByIrccLabel(PROVINCE_INFO[p].irccLabel)).toBe(p);
    }
  });
});
