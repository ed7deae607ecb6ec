/**
 * The identity facts the duplicate search compares. PersonInput (intake) is assignable to it.
 */
export interface MatchablePerson {
  familyName: string;
  givenNames: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'F' | 'M' | 'X';
  documents: Array<{ type: string; number: string; issuingCountry: string }>;
  citizenships?: string[];
}

export type MatchReasonCode =
  | 'DOCUMENT_NUMBER'
  | 'NAME_EXACT'
  | 'NAME_PHONETIC'
  | 'NAME_SIMILAR'
  | 'NAMES_SWAPPED'
  | 'DOB_EXACT'
  | 'DOB_DAY_MONTH_SWAPPED'
  | 'DOB_DIGITS_TRANSPOSED'
  | 'DOB_ONE_DIGIT'
  | 'DOB_SAME_YEAR'
  | 'SEX_MATCH'
  | 'SEX_DIFFERENT'
  | 'CITIZENSHIP_OVERLAP';

export interface MatchReason {
  code: MatchReasonCode;
  /** Points out of 100 this reason adds (negative for contrary evidence); the score is their clamped sum / 100. */
  weight: number;
  detail: { en: string; fr: string };
}

export type MatchLevel = 'HIGH' | 'MEDIUM' | 'LOW';

export interface MatchScore {
  /** 0..1 */
  score: number;
  level: MatchLevel;
  reasons: MatchReason[];
}
