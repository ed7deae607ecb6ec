// Shared by the co-located tests: people and fast-check generators.
import fc from 'fast-check';
import type { MatchablePerson } from './types.ts';

export function person(
  familyName: string,
  givenNames: string,
  dateOfBirth: string,
  sex: MatchablePerson['sex'] = 'M',
  extra: Partial<MatchablePerson> = {},
): MatchablePerson {
  return { familyName, givenNames, dateOfBirth, sex, documents: [], citizenships: [], ...extra };
}

export function passport(number: string, issuingCountry = 'SYR'): MatchablePerson['documents'][number] {
  return { type: 'PASSPORT', number, issuingCountry };
}

/** Names from the caseload the system serves, plus made-up ones. */
const NAME_POOL = [
  'Mohammed', 'Ahmad', 'Ali', 'Hassan', 'Fatima', 'Aisha', 'Nasrin', 'Karimi', 'Haddad', 'Khoury', 'Nguyen', 'Tran',
  'Garcia', 'Lopez', 'Maria', 'Jose', 'Ivanova', 'Olena', 'Shevchenko', 'Dubois', 'Jean', 'Baptiste', 'Pierre',
  'Okafor', 'Chukwuemeka', 'Abdi', 'Warsame', 'Tesfaye', 'Gebremedhin', 'Rojas', 'Mendoza', 'Kowalski', 'Yilmaz',
];

export const nameToken = fc.oneof(fc.constantFrom(...NAME_POOL), fc.stringMatching(/^[A-Z][a-z]{3,9}$/));

export const nameField = (min: number, max: number) =>
  fc.tuple(fc.array(nameToken, { minLength: min, maxLength: max }), fc.constantFrom(' ', '-')).map(([t, sep]) => t.join(sep));

export const isoDate = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const sex = fc.constantFrom<MatchablePerson['sex']>('F', 'M', 'X');

export const document = fc.record({
  type: fc.constantFrom('PASSPORT', 'NATIONAL_ID', 'TRAVEL_DOCUMENT'),
  number: fc.stringMatching(/^[A-Z]{0,2}[0-9]{6,9}$/),
  issuingCountry: fc.constantFrom('SYR', 'AFG', 'COL', 'HTI', 'NGA', 'UKR', 'XXX'),
});

export const matchablePerson: fc.Arbitrary<MatchablePerson> = fc.record({
  familyName: nameField(1, 2),
  givenNames: nameField(1, 3),
  dateOfBirth: isoDate,
  sex,
  documents: fc.array(document, { maxLength: 2 }),
  citizenships: fc.subarray(['SYR', 'AFG', 'COL', 'HTI', 'NGA', 'UKR']),
});

/** A second record of maybe the same person: each field kept, lightly altered or replaced. */
export const relatedPair: fc.Arbitrary<[MatchablePerson, MatchablePerson]> = fc
  .tuple(matchablePerson, matchablePerson, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([a, other, keep]) => [
    a,
    {
      familyName: keep[0] ? a.familyName : other.familyName,
      givenNames: keep[1] ? a.givenNames : other.givenNames,
      dateOfBirth: keep[2] ? a.dateOfBirth : other.dateOfBirth,
      sex: keep[3] ? a.sex : other.sex,
      documents: keep[4] ? [...a.documents, ...other.documents] : other.documents,
      citizenships: other.citizenships ?? [],
    },
  ]);

/** Swaps the digits at i and i + 1 of a YYYY-MM-DD date's eight digits. */
export function transposeDobDigits(dob: string, i: number): string {
  const d = dob.replace(/-/g, '').split('');
  const a = d[i] ?? '';
  d[i] = d[i + 1] ?? '';
  d[i + 1] = a;
  const s = d.join('');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
