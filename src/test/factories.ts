import type { GroupMemberInput, IntakeInput } from '../domain/intake/types.ts';

/** Small typed factories: valid by default, so each test states only what it is about. */

let counter = 0;
const FAMILY_NAMES = ['Testerson', 'Fixturova', 'Sampleton', 'Exemplaire', 'Mockwell', 'Placeholdi'];

export function buildMember(overrides: Partial<GroupMemberInput> = {}): GroupMemberInput {
  counter += 1;
  return {
    relationship: 'PRINCIPAL',
    familyName: `${FAMILY_NAMES[counter % FAMILY_NAMES.length]}-${counter}`,
    givenNames: 'Demo Person',
    dateOfBirth: '1988-04-17',
    sex: 'F',
    citizenships: ['HTI'],
    documents: [{ type: 'PASSPORT', number: `TEST${String(100000 + counter)}`, issuingCountry: 'HTI' }],
    languages: ['fr', 'ht'],
    interpreterLanguage: null,
    ...overrides,
  };
}

export function buildIntake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    officeCode: 'QC-LACOLLE',
    claimDate: '2025-07-14',
    arrival: { manner: 'AT_PORT_OF_ENTRY' },
    persecutionCountries: ['HTI'],
    members: [buildMember()],
    ...overrides,
  };
}

export function buildFamilyOfThree(overrides: Partial<IntakeInput> = {}): IntakeInput {
  const family = `Familytest-${++counter}`;
  return buildIntake({
    members: [
      buildMember({ familyName: family, givenNames: 'Marie Claire', relationship: 'PRINCIPAL', dateOfBirth: '1985-02-11', sex: 'F' }),
      buildMember({ familyName: family, givenNames: 'Jean Robert', relationship: 'SPOUSE', dateOfBirth: '1983-09-30', sex: 'M' }),
      buildMember({ familyName: family, givenNames: 'Lina', relationship: 'CHILD', dateOfBirth: '2016-06-05', sex: 'F', documents: [], interpreterLanguage: null }),
    ],
    ...overrides,
  });
}

export function identityOf(m: GroupMemberInput) {
  return { familyName: m.familyName, givenNames: m.givenNames, dateOfBirth: m.dateOfBirth, sex: m.sex, documents: m.documents };
}
