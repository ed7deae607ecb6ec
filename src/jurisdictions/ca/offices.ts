/**
 * Canadian offices where asylum claims are made (CBSA ports of entry, IRCC and CBSA inland offices,
 * the IRCC online portal), with stable codes and English/French names, plus the reference tables for
 * office types and provinces and how they roll up into IRCC's published statistics.
 *
 * Code scheme (stable, never reused): `<PROVINCE>-<PLACE>[-<DISCRIMINATOR>]`, upper case ASCII,
 * e.g. `QC-LACOLLE`, `QC-YUL`, `ON-ETOBICOKE-IRCC`; the online portal is `ONLINE`.
 *
 * CBSA port numbers: the optional `cbsaPortNumber` field is left empty on purpose. No source seen
 * while writing this file gave the CBSA office numbers with enough confidence; fill them in only
 * from the CBSA Directory of Offices and Services.
 *
 * Generic entries (rail ports of entry, the inland offices of the smaller provinces and the
 * territories) are clearly named "(generic)": they stand for "a place of that kind in that province"
 * and do not claim that a particular building takes claims.
 *
 * Pure data: no I/O.
 */
import type { OfficeType, Province } from '../../domain/intake/types.ts';
import type { LocalizedLabel } from './countries.ts';

export type OfficeAgency = 'CBSA' | 'IRCC';

export interface Office {
  /** Stable code, e.g. 'QC-LACOLLE'. */
  readonly code: string;
  readonly type: OfficeType;
  /** Province or territory of the office; null only for the online portal. */
  readonly province: Province | null;
  /** Agency whose officers receive claims there (CBSA at ports of entry). */
  readonly agency: OfficeAgency;
  readonly names: LocalizedLabel;
  /** IATA code, for airports. */
  readonly iata?: string;
  /** CBSA office (port) number, only where known from an authoritative source (none yet). */
  readonly cbsaPortNumber?: string;
}

/** The four claim-office categories of IRCC's "Asylum Claimants by Claim Office Type" workbook. */
export const IRCC_OFFICE_CATEGORIES = ['Airport', 'Border', 'Inland', 'Other Offices'] as const;
export type IrccOfficeCategory = (typeof IRCC_OFFICE_CATEGORIES)[number];

export const IRCC_OFFICE_CATEGORY_LABELS: Readonly<Record<IrccOfficeCategory, LocalizedLabel>> = {
  Airport: { en: 'Airport', fr: 'Aéroport' },
  Border: { en: 'Border', fr: 'Frontière' },
  Inland: { en: 'Inland', fr: 'Bureau intérieur' },
  'Other Offices': { en: 'Other offices', fr: 'Autres bureaux' },
};

export interface OfficeTypeInfo {
  readonly labels: LocalizedLabel;
  /**
   * IRCC published category the type rolls up into.
   * - AIRPORT → Airport.
   * - LAND_POE and RAIL → Border: IRCC's "Border" is the land ports of entry on the Canada–US border
   *   (incl. RCMP-intercepted irregular crossers brought to a CBSA land port); rail ports are land
   *   border crossings (and the STCA treats them as land ports, IRPR 159.4).
   * - INLAND_OFFICE and ONLINE → Inland (IRCC and CBSA inland offices, incl. online claims).
   * - MARINE → Other Offices. The workbook has no Marine row; its single "Other Offices" row
   *   (15–43 claimants a year, 2017–2023) is of the same order as CBSA's published marine-port
   *   claims (15–35 a year, 2017–2023, STCA dataset cbsa_marine_entry.csv). This is an inference,
   *   not a published mapping.
   */
  readonly irccCategory: IrccOfficeCategory;
  /** True for ports of entry (claims examined by CBSA on arrival). */
  readonly portOfEntry: boolean;
}

export const OFFICE_TYPE_INFO: Readonly<Record<OfficeType, OfficeTypeInfo>> = {
  AIRPORT: { labels: { en: 'Airport', fr: 'Aéroport' }, irccCategory: 'Airport', portOfEntry: true },
  LAND_POE: {
    labels: { en: 'Land port of entry', fr: "Point d'entrée terrestre" },
    irccCategory: 'Border',
    portOfEntry: true,
  },
  MARINE: {
    labels: { en: 'Marine port of entry', fr: "Point d'entrée maritime" },
    irccCategory: 'Other Offices',
    portOfEntry: true,
  },
  RAIL: {
    labels: { en: 'Rail port of entry', fr: "Point d'entrée ferroviaire" },
    irccCategory: 'Border',
    portOfEntry: true,
  },
  INLAND_OFFICE: {
    labels: { en: 'Inland office', fr: 'Bureau intérieur' },
    irccCategory: 'Inland',
    portOfEntry: false,
  },
  ONLINE: {
    labels: { en: 'Online (IRCC Portal)', fr: "En ligne (Portail d'IRCC)" },
    irccCategory: 'Inland',
    portOfEntry: false,
  },
};

export interface ProvinceInfo {
  readonly names: LocalizedLabel;
  /** Exact label used in IRCC's asylum workbooks (column B), e.g. 'Quebec'. */
  readonly irccLabel: string;
}

export const PROVINCE_INFO: Readonly<Record<Province, ProvinceInfo>> = {
  NL: { names: { en: 'Newfoundland and Labrador', fr: 'Terre-Neuve-et-Labrador' }, irccLabel: 'Newfoundland and Labrador' },
  PE: { names: { en: 'Prince Edward Island', fr: 'Île-du-Prince-Édouard' }, irccLabel: 'Prince Edward Island' },
  NS: { names: { en: 'Nova Scotia', fr: 'Nouvelle-Écosse' }, irccLabel: 'Nova Scotia' },
  NB: { names: { en: 'New Brunswick', fr: 'Nouveau-Brunswick' }, irccLabel: 'New Brunswick' },
  QC: { names: { en: 'Quebec', fr: 'Québec' }, irccLabel: 'Quebec' },
  ON: { names: { en: 'Ontario', fr: 'Ontario' }, irccLabel: 'Ontario' },
  MB: { names: { en: 'Manitoba', fr: 'Manitoba' }, irccLabel: 'Manitoba' },
  SK: { names: { en: 'Saskatchewan', fr: 'Saskatchewan' }, irccLabel: 'Saskatchewan' },
  AB: { names: { en: 'Alberta', fr: 'Alberta' }, irccLabel: 'Alberta' },
  BC: { names: { en: 'British Columbia', fr: 'Colombie-Britannique' }, irccLabel: 'British Columbia' },
  YT: { names: { en: 'Yukon', fr: 'Yukon' }, irccLabel: 'Yukon' },
  NT: { names: { en: 'Northwest Territories', fr: 'Territoires du Nord-Ouest' }, irccLabel: 'Northwest Territories' },
  NU: { names: { en: 'Nunavut', fr: 'Nunavut' }, irccLabel: 'Nunavut' },
};

/** Province code for an IRCC workbook label ('Quebec' → 'QC'); undefined for anything else. */
export function provinceByIrccLabel(label: string): Province | undefined {
  for (const [code, info] of Object.entries(PROVINCE_INFO) as [Province, ProvinceInfo][]) {
    if (info.irccLabel === label) return code;
  }
  return undefined;
}

type Row = readonly [code: string, type: OfficeType, province: Province | null, agency: OfficeAgency, en: string, fr: string, iata?: string];

// Order: Quebec land ports first (Saint-Bernard-de-Lacolle, the busiest), other land ports, rail,
// marine, airports, inland offices, online portal. Append new offices; never renumber or rename codes.
const ROWS: readonly Row[] = [
  // ── Land ports of entry: Quebec ──
  ['QC-LACOLLE', 'LAND_POE', 'QC', 'CBSA', 'Saint-Bernard-de-Lacolle (Highway 15)', 'Saint-Bernard-de-Lacolle (autoroute 15)'],
  ['QC-LACOLLE-221', 'LAND_POE', 'QC', 'CBSA', 'Lacolle (Route 221)', 'Lacolle (route 221)'],
  ['QC-LACOLLE-223', 'LAND_POE', 'QC', 'CBSA', 'Lacolle (Route 223)', 'Lacolle (route 223)'],
  ['QC-HEMMINGFORD', 'LAND_POE', 'QC', 'CBSA', 'Hemmingford', 'Hemmingford'],
  ['QC-STANSTEAD-55', 'LAND_POE', 'QC', 'CBSA', 'Stanstead (Autoroute 55)', 'Stanstead (autoroute 55)'],
  ['QC-STANSTEAD-143', 'LAND_POE', 'QC', 'CBSA', 'Stanstead (Route 143)', 'Stanstead (route 143)'],
  ['QC-SAINT-ARMAND', 'LAND_POE', 'QC', 'CBSA', 'Saint-Armand/Philipsburg', 'Saint-Armand/Philipsburg'],
  // ── Land ports of entry: Ontario ──
  ['ON-PEACE-BRIDGE', 'LAND_POE', 'ON', 'CBSA', 'Fort Erie – Peace Bridge', 'Fort Erie – pont de la Paix'],
  ['ON-RAINBOW-BRIDGE', 'LAND_POE', 'ON', 'CBSA', 'Niagara Falls – Rainbow Bridge', 'Niagara Falls – pont Rainbow'],
  ['ON-QUEENSTON-LEWISTON', 'LAND_POE', 'ON', 'CBSA', 'Queenston-Lewiston Bridge', 'Pont Queenston-Lewiston'],
  ['ON-LANSDOWNE', 'LAND_POE', 'ON', 'CBSA', 'Lansdowne – Thousand Islands Bridge', 'Lansdowne – pont des Mille-Îles'],
  ['ON-AMBASSADOR-BRIDGE', 'LAND_POE', 'ON', 'CBSA', 'Windsor – Ambassador Bridge', 'Windsor – pont Ambassador'],
  ['ON-WINDSOR-TUNNEL', 'LAND_POE', 'ON', 'CBSA', 'Windsor – Detroit-Windsor Tunnel', 'Windsor – tunnel Detroit-Windsor'],
  ['ON-BLUE-WATER-BRIDGE', 'LAND_POE', 'ON', 'CBSA', 'Sarnia – Blue Water Bridge', 'Sarnia – pont Blue Water'],
  ['ON-CORNWALL', 'LAND_POE', 'ON', 'CBSA', 'Cornwall', 'Cornwall'],
  ['ON-PRESCOTT', 'LAND_POE', 'ON', 'CBSA', 'Prescott', 'Prescott'],
  ['ON-SAULT-STE-MARIE', 'LAND_POE', 'ON', 'CBSA', 'Sault Ste. Marie – International Bridge', 'Sault Ste. Marie – pont international'],
  ['ON-FORT-FRANCES', 'LAND_POE', 'ON', 'CBSA', 'Fort Frances', 'Fort Frances'],
  // ── Land ports of entry: Prairies, British Columbia, Atlantic, Yukon ──
  ['MB-EMERSON', 'LAND_POE', 'MB', 'CBSA', 'Emerson', 'Emerson'],
  ['SK-NORTH-PORTAL', 'LAND_POE', 'SK', 'CBSA', 'North Portal', 'North Portal'],
  ['AB-COUTTS', 'LAND_POE', 'AB', 'CBSA', 'Coutts', 'Coutts'],
  ['AB-CARWAY', 'LAND_POE', 'AB', 'CBSA', 'Carway', 'Carway'],
  ['BC-DOUGLAS', 'LAND_POE', 'BC', 'CBSA', 'Douglas (Peace Arch)', 'Douglas (Arche de la Paix)'],
  ['BC-PACIFIC-HIGHWAY', 'LAND_POE', 'BC', 'CBSA', 'Pacific Highway', 'Pacific Highway'],
  ['BC-ALDERGROVE', 'LAND_POE', 'BC', 'CBSA', 'Aldergrove', 'Aldergrove'],
  ['BC-ABBOTSFORD-HUNTINGDON', 'LAND_POE', 'BC', 'CBSA', 'Abbotsford-Huntingdon', 'Abbotsford-Huntingdon'],
  ['BC-BOUNDARY-BAY', 'LAND_POE', 'BC', 'CBSA', 'Boundary Bay', 'Boundary Bay'],
  ['BC-OSOYOOS', 'LAND_POE', 'BC', 'CBSA', 'Osoyoos', 'Osoyoos'],
  ['BC-KINGSGATE', 'LAND_POE', 'BC', 'CBSA', 'Kingsgate', 'Kingsgate'],
  ['NB-ST-STEPHEN', 'LAND_POE', 'NB', 'CBSA', 'St. Stephen', 'St. Stephen'],
  ['NB-ST-STEPHEN-3RD-BRIDGE', 'LAND_POE', 'NB', 'CBSA', 'St. Stephen – 3rd Bridge', 'St. Stephen – 3e pont'],
  ['NB-WOODSTOCK-ROAD', 'LAND_POE', 'NB', 'CBSA', 'Woodstock Road', 'Woodstock Road'],
  ['NB-EDMUNDSTON', 'LAND_POE', 'NB', 'CBSA', 'Edmundston', 'Edmundston'],
  ['YT-BEAVER-CREEK', 'LAND_POE', 'YT', 'CBSA', 'Beaver Creek', 'Beaver Creek'],
  ['YT-FRASER', 'LAND_POE', 'YT', 'CBSA', 'Fraser', 'Fraser'],
  // ── Rail ports of entry (generic, one per province with a cross-border passenger line) ──
  ['QC-RAIL', 'RAIL', 'QC', 'CBSA', 'Rail port of entry – Quebec (generic)', "Point d'entrée ferroviaire – Québec (générique)"],
  ['ON-RAIL', 'RAIL', 'ON', 'CBSA', 'Rail port of entry – Ontario (generic)', "Point d'entrée ferroviaire – Ontario (générique)"],
  ['BC-RAIL', 'RAIL', 'BC', 'CBSA', 'Rail port of entry – British Columbia (generic)', "Point d'entrée ferroviaire – Colombie-Britannique (générique)"],
  // ── Marine ports of entry ──
  ['NS-HALIFAX-MARINE', 'MARINE', 'NS', 'CBSA', 'Port of Halifax (marine)', 'Port de Halifax (maritime)'],
  ['NS-YARMOUTH-MARINE', 'MARINE', 'NS', 'CBSA', 'Yarmouth ferry terminal (marine)', 'Gare maritime de Yarmouth (maritime)'],
  ['NB-SAINT-JOHN-MARINE', 'MARINE', 'NB', 'CBSA', 'Port of Saint John (marine)', 'Port de Saint John (maritime)'],
  ['NL-ST-JOHNS-MARINE', 'MARINE', 'NL', 'CBSA', "Port of St. John's (marine)", "Port de St. John's (maritime)"],
  ['QC-MONTREAL-MARINE', 'MARINE', 'QC', 'CBSA', 'Port of Montréal (marine)', 'Port de Montréal (maritime)'],
  ['QC-QUEBEC-MARINE', 'MARINE', 'QC', 'CBSA', 'Port of Québec (marine)', 'Port de Québec (maritime)'],
  ['BC-VANCOUVER-MARINE', 'MARINE', 'BC', 'CBSA', 'Port of Vancouver (marine)', 'Port de Vancouver (maritime)'],
  ['BC-PRINCE-RUPERT-MARINE', 'MARINE', 'BC', 'CBSA', 'Port of Prince Rupert (marine)', 'Port de Prince Rupert (maritime)'],
  // ── International airports ──
  ['QC-YUL', 'AIRPORT', 'QC', 'CBSA', 'Montréal-Trudeau International Airport', 'Aéroport international Montréal-Trudeau', 'YUL'],
  ['QC-YQB', 'AIRPORT', 'QC', 'CBSA', 'Québec City Jean Lesage International Airport', 'Aéroport international Jean-Lesage de Québec', 'YQB'],
  ['ON-YYZ', 'AIRPORT', 'ON', 'CBSA', 'Toronto Pearson International Airport', 'Aéroport international Pearson de Toronto', 'YYZ'],
  ['ON-YOW', 'AIRPORT', 'ON', 'CBSA', 'Ottawa Macdonald-Cartier International Airport', "Aéroport international Macdonald-Cartier d'Ottawa", 'YOW'],
  ['ON-YHM', 'AIRPORT', 'ON', 'CBSA', 'John C. Munro Hamilton International Airport', 'Aéroport international John C. Munro de Hamilton', 'YHM'],
  ['ON-YTZ', 'AIRPORT', 'ON', 'CBSA', 'Billy Bishop Toronto City Airport', 'Aéroport Billy-Bishop de Toronto', 'YTZ'],
  ['BC-YVR', 'AIRPORT', 'BC', 'CBSA', 'Vancouver International Airport', 'Aéroport international de Vancouver', 'YVR'],
  ['BC-YYJ', 'AIRPORT', 'BC', 'CBSA', 'Victoria International Airport', 'Aéroport international de Victoria', 'YYJ'],
  ['BC-YLW', 'AIRPORT', 'BC', 'CBSA', 'Kelowna International Airport', 'Aéroport international de Kelowna', 'YLW'],
  ['AB-YYC', 'AIRPORT', 'AB', 'CBSA', 'Calgary International Airport', 'Aéroport international de Calgary', 'YYC'],
  ['AB-YEG', 'AIRPORT', 'AB', 'CBSA', 'Edmonton International Airport', "Aéroport international d'Edmonton", 'YEG'],
  ['MB-YWG', 'AIRPORT', 'MB', 'CBSA', 'Winnipeg James Armstrong Richardson International Airport', 'Aéroport international James-Armstrong-Richardson de Winnipeg', 'YWG'],
  ['SK-YXE', 'AIRPORT', 'SK', 'CBSA', 'Saskatoon John G. Diefenbaker International Airport', 'Aéroport international John-G.-Diefenbaker de Saskatoon', 'YXE'],
  ['SK-YQR', 'AIRPORT', 'SK', 'CBSA', 'Regina International Airport', 'Aéroport international de Regina', 'YQR'],
  ['NS-YHZ', 'AIRPORT', 'NS', 'CBSA', 'Halifax Stanfield International Airport', 'Aéroport international Stanfield de Halifax', 'YHZ'],
  ['NB-YQM', 'AIRPORT', 'NB', 'CBSA', 'Greater Moncton Roméo LeBlanc International Airport', 'Aéroport international Roméo-LeBlanc du Grand Moncton', 'YQM'],
  ['NL-YYT', 'AIRPORT', 'NL', 'CBSA', "St. John's International Airport", "Aéroport international de St. John's", 'YYT'],
  ['NU-YFB', 'AIRPORT', 'NU', 'CBSA', 'Iqaluit International Airport', "Aéroport international d'Iqaluit", 'YFB'],
  // ── Inland offices ──
  ['QC-MONTREAL-IRCC', 'INLAND_OFFICE', 'QC', 'IRCC', 'IRCC inland office – Montréal', "Bureau intérieur d'IRCC – Montréal"],
  ['QC-MONTREAL-CBSA', 'INLAND_OFFICE', 'QC', 'CBSA', 'CBSA inland office – Montréal', "Bureau intérieur de l'ASFC – Montréal"],
  ['ON-ETOBICOKE-IRCC', 'INLAND_OFFICE', 'ON', 'IRCC', 'IRCC inland office – Toronto (Etobicoke)', "Bureau intérieur d'IRCC – Toronto (Etobicoke)"],
  ['ON-MISSISSAUGA-CBSA', 'INLAND_OFFICE', 'ON', 'CBSA', 'CBSA Greater Toronto Area inland office – Mississauga', "Bureau intérieur de l'ASFC du Grand Toronto – Mississauga"],
  ['ON-OTTAWA-IRCC', 'INLAND_OFFICE', 'ON', 'IRCC', 'IRCC inland office – Ottawa', "Bureau intérieur d'IRCC – Ottawa"],
  ['ON-NIAGARA-FALLS-IRCC', 'INLAND_OFFICE', 'ON', 'IRCC', 'IRCC inland office – Niagara Falls', "Bureau intérieur d'IRCC – Niagara Falls"],
  ['ON-FORT-ERIE-CBSA', 'INLAND_OFFICE', 'ON', 'CBSA', 'CBSA inland office – Fort Erie', "Bureau intérieur de l'ASFC – Fort Erie"],
  ['ON-HAMILTON-IRCC', 'INLAND_OFFICE', 'ON', 'IRCC', 'IRCC inland office – Hamilton', "Bureau intérieur d'IRCC – Hamilton"],
  ['ON-WINDSOR-IRCC', 'INLAND_OFFICE', 'ON', 'IRCC', 'IRCC inland office – Windsor', "Bureau intérieur d'IRCC – Windsor"],
  ['BC-VANCOUVER-IRCC', 'INLAND_OFFICE', 'BC', 'IRCC', 'IRCC inland office – Vancouver', "Bureau intérieur d'IRCC – Vancouver"],
  ['BC-VANCOUVER-CBSA', 'INLAND_OFFICE', 'BC', 'CBSA', 'CBSA inland office – Vancouver', "Bureau intérieur de l'ASFC – Vancouver"],
  ['AB-CALGARY-IRCC', 'INLAND_OFFICE', 'AB', 'IRCC', 'IRCC inland office – Calgary', "Bureau intérieur d'IRCC – Calgary"],
  ['AB-EDMONTON-IRCC', 'INLAND_OFFICE', 'AB', 'IRCC', 'IRCC inland office – Edmonton', "Bureau intérieur d'IRCC – Edmonton"],
  ['MB-WINNIPEG-IRCC', 'INLAND_OFFICE', 'MB', 'IRCC', 'IRCC inland office – Winnipeg', "Bureau intérieur d'IRCC – Winnipeg"],
  ['NS-HALIFAX-IRCC', 'INLAND_OFFICE', 'NS', 'IRCC', 'IRCC inland office – Halifax', "Bureau intérieur d'IRCC – Halifax"],
  ['SK-INLAND', 'INLAND_OFFICE', 'SK', 'IRCC', 'Inland claim office – Saskatchewan (generic)', "Bureau intérieur – Saskatchewan (générique)"],
  ['NB-INLAND', 'INLAND_OFFICE', 'NB', 'IRCC', 'Inland claim office – New Brunswick (generic)', 'Bureau intérieur – Nouveau-Brunswick (générique)'],
  ['NL-INLAND', 'INLAND_OFFICE', 'NL', 'IRCC', 'Inland claim office – Newfoundland and Labrador (generic)', 'Bureau intérieur – Terre-Neuve-et-Labrador (générique)'],
  ['PE-INLAND', 'INLAND_OFFICE', 'PE', 'IRCC', 'Inland claim office – Prince Edward Island (generic)', 'Bureau intérieur – Île-du-Prince-Édouard (générique)'],
  ['YT-INLAND', 'INLAND_OFFICE', 'YT', 'IRCC', 'Inland claim office – Yukon (generic)', 'Bureau intérieur – Yukon (générique)'],
  ['NT-INLAND', 'INLAND_OFFICE', 'NT', 'IRCC', 'Inland claim office – Northwest Territories (generic)', 'Bureau intérieur – Territoires du Nord-Ouest (générique)'],
  ['NU-INLAND', 'INLAND_OFFICE', 'NU', 'IRCC', 'Inland claim office – Nunavut (generic)', 'Bureau intérieur – Nunavut (générique)'],
  // ── Online ──
  ['ONLINE', 'ONLINE', null, 'IRCC', 'IRCC Portal (online asylum claims)', "Portail d'IRCC (demandes d'asile en ligne)"],
];

export const OFFICES: readonly Office[] = Object.freeze(
  ROWS.map(([code, type, province, agency, en, fr, iata]) =>
    Object.freeze(iata === undefined
      ? { code, type, province, agency, names: Object.freeze({ en, fr }) }
      : { code, type, province, agency, names: Object.freeze({ en, fr }), iata }),
  ),
);

const BY_CODE: ReadonlyMap<string, Office> = new Map(OFFICES.map((o) => [o.code, o]));

/** The office with that exact code, or undefined. */
export function officeByCode(code: string): Office | undefined {
  return BY_CODE.get(code);
}

export function isOfficeCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Offices of one type, optionally in one province, in list order. */
export function officesOf(type: OfficeType, province?: Province): Office[] {
  return OFFICES.filter((o) => o.type === type && (province === undefined || o.province === province));
}
