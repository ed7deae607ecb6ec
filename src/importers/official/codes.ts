/**
 * Code lists for the labels printed in IRCC and IRB tables. Small and explicit on purpose: a label
 * that is not listed here is reported, never guessed.
 */

/** Province/territory of claim → ISO 3166-2:CA, plus the two non-geographic rows IRCC prints. */
export const PROVINCES: Readonly<Record<string, string>> = {
  'Newfoundland and Labrador': 'CA-NL',
  'Prince Edward Island': 'CA-PE',
  'Nova Scotia': 'CA-NS',
  'New Brunswick': 'CA-NB',
  Quebec: 'CA-QC',
  Ontario: 'CA-ON',
  Manitoba: 'CA-MB',
  Saskatchewan: 'CA-SK',
  Alberta: 'CA-AB',
  'British Columbia': 'CA-BC',
  Yukon: 'CA-YT',
  'Northwest Territories': 'CA-NT',
  Nunavut: 'CA-NU',
  'Province/Territory of claim not stated': 'NOT_STATED',
  'Outside Canada': 'OUTSIDE_CANADA',
};

/** IRCC claim office types (domain.md §6.1). "Border" = land ports of entry, irregular crossers included. */
export const OFFICE_TYPES: Readonly<Record<string, string>> = {
  Airport: 'AIRPORT',
  Border: 'BORDER',
  Inland: 'INLAND',
  'Other Offices': 'OTHER_OFFICES',
};

export const GENDERS: Readonly<Record<string, string>> = {
  Female: 'F',
  Male: 'M',
  'Another gender': 'X',
  'Gender not stated': 'NOT_STATED',
};

export const AGE_GROUPS: Readonly<Record<string, string>> = {
  '0 to 14 years of age': '0-14',
  '15 to 29 years of age': '15-29',
  '30 to 44 years of age': '30-44',
  '45 to 59 years of age': '45-59',
  '60 to 74 years of age': '60-74',
  '75 years of age and above': '75+',
  'Age not stated': 'NOT_STATED',
};

/**
 * IRCC country-of-citizenship names (as printed in the top-25 tables, rank prefix removed) →
 * ISO 3166-1 alpha-3. Covers the 2023 and February-2024 rankings and the 2025 ranking names used by
 * the canada-observatory extraction.
 */
export const IRCC_CITIZENSHIP_ISO3: Readonly<Record<string, string>> = {
  Afghanistan: 'AFG',
  Algeria: 'DZA',
  Bangladesh: 'BGD',
  Burundi: 'BDI',
  Cameroon: 'CMR',
  'Cameroon, Federal Republic of': 'CMR',
  'Chad, Republic of': 'TCD',
  Chile: 'CHL',
  China: 'CHN',
  "China, People's Republic of": 'CHN',
  Colombia: 'COL',
  'Congo, Democratic Republic of the': 'COD',
  'DR Congo': 'COD',
  Ethiopia: 'ETH',
  Ghana: 'GHA',
  'Guinea, Republic of': 'GIN',
  Haiti: 'HTI',
  India: 'IND',
  Iran: 'IRN',
  'Ivory Coast, Republic of': 'CIV',
  Jordan: 'JOR',
  Kenya: 'KEN',
  Lebanon: 'LBN',
  Mexico: 'MEX',
  Nepal: 'NPL',
  Nigeria: 'NGA',
  Pakistan: 'PAK',
  Romania: 'ROU',
  Rwanda: 'RWA',
  Senegal: 'SEN',
  'Sri Lanka': 'LKA',
  Turkey: 'TUR',
  Uganda: 'UGA',
  Ukraine: 'UKR',
  'United States of America': 'USA',
  Venezuela: 'VEN',
};

export const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'July 31, 2025' → '2025-07-31'; undefined if it is not such a date. */
export function isoFromLongDate(text: string): string | undefined {
  const m = /^([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = FULL_MONTHS.indexOf(m[1]!) + 1;
  const day = Number(m[2]);
  if (month === 0 || day < 1 || day > 31) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Last day of a month, as an ISO date. */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
