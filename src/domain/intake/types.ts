/**
 * Intake: what an officer records when a family group makes its claims.
 * One claim per person; the group keeps a family heard together.
 * Dates are ISO calendar dates (YYYY-MM-DD) with no time zone: the law counts days, not instants.
 */

export type IsoDate = string;

/** ISO 3166-1 alpha-3, plus ICAO 9303 codes XXA (stateless) and XXX (nationality unspecified). */
export type CountryCode = string;

export const SEXES = ['F', 'M', 'X'] as const;
export type Sex = (typeof SEXES)[number];

export const DOCUMENT_TYPES = ['PASSPORT', 'NATIONAL_ID', 'TRAVEL_DOCUMENT', 'BIRTH_CERTIFICATE', 'DRIVING_LICENCE', 'OTHER'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const RELATIONSHIPS = ['PRINCIPAL', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'OTHER_RELATIVE'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const OFFICE_TYPES = ['AIRPORT', 'LAND_POE', 'MARINE', 'RAIL', 'INLAND_OFFICE', 'ONLINE'] as const;
export type OfficeType = (typeof OFFICE_TYPES)[number];

/** ISO 3166-2:CA subdivision codes without the "CA-" prefix. */
export const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'] as const;
export type Province = (typeof PROVINCES)[number];

export const ARRIVAL_MANNERS = ['AT_PORT_OF_ENTRY', 'BETWEEN_PORTS', 'INLAND'] as const;
export type ArrivalManner = (typeof ARRIVAL_MANNERS)[number];

export interface IdentityDocument {
  type: DocumentType;
  number: string;
  issuingCountry: CountryCode;
}

/** Where the claimant can be reached in Canada (a shelter, a relative's home...): personal data, encrypted at rest. */
export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  province?: Province;
  /** Canadian postal code, e.g. "H2X 1Y4". */
  postalCode?: string;
}

export interface PersonInput {
  familyName: string;
  givenNames: string;
  dateOfBirth: IsoDate;
  sex: Sex;
  citizenships: CountryCode[];
  documents: IdentityDocument[];
  /** ISO 639 codes, most fluent first. */
  languages: string[];
  /** Language an interpreter is needed in, or null when none is needed. */
  interpreterLanguage: string | null;
  address?: PostalAddress;
}

export interface GroupMemberInput extends PersonInput {
  relationship: Relationship;
  /** Overrides the group's countries of alleged persecution for this member. */
  persecutionCountries?: CountryCode[];
}

/** How the claimant came to be in Canada: the facts the one-year and 14-day bars count from. */
export type Arrival =
  | { manner: 'AT_PORT_OF_ENTRY' }
  | { manner: 'BETWEEN_PORTS'; crossingDate: IsoDate }
  | { manner: 'INLAND'; entryDate: IsoDate };

export interface IntakeInput {
  officeCode: string;
  /** Required only for offices without a fixed province (the online portal). */
  province?: Province;
  claimDate: IsoDate;
  arrival: Arrival;
  /** First-listed country is the one the IRB counts. */
  persecutionCountries: CountryCode[];
  members: GroupMemberInput[];
}
