import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockingKeys } from './blocking.ts';
import { isReportable, MATCH_THRESHOLDS, MATCH_WEIGHTS, rankCandidates, scoreMatch } from './score.ts';
import { normalizeName } from './normalize.ts';
import { document, matchablePerson, passport, person, relatedPair } from './fixtures.ts';
import type { MatchablePerson, MatchReasonCode } from './types.ts';

function sharesKey(a: MatchablePerson, b: MatchablePerson): boolean {
  const mine = new Set(blockingKeys(a));
  return blockingKeys(b).some((k) => mine.has(k));
}

function codes(a: MatchablePerson, b: MatchablePerson): Array<[MatchReasonCode, number]> {
  return scoreMatch(a, b).reasons.map((r) => [r.code, r.weight]);
}

const levels = { HIGH: 2, MEDIUM: 1, LOW: 0 } as const;

describe('realistic pairs that must be found (share a key and score at least MEDIUM)', () => {
  const syr = { citizenships: ['SYR'] };
  it.each<[string, MatchablePerson, MatchablePerson, number, Array<[MatchReasonCode, number]>]>([
    ['Mohammed Abdullah / Muhammad Abdulla', person('Abdullah', 'Mohammed', '1990-03-12', 'M', syr), person('Abdulla', 'Muhammad', '1990-03-12', 'M', syr), 1,
      [['NAME_EXACT', 50], ['DOB_EXACT', 40], ['SEX_MATCH', 10], ['CITIZENSHIP_OVERLAP', 5]]],
    ['Ekaterina / Yekaterina Ivanova', person('Ivanova', 'Ekaterina', '1988-07-01', 'F'), person('Ivanova', 'Yekaterina', '1988-07-01', 'F'), 1,
      [['NAME_EXACT', 50], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['Nguyễn Văn An / Nguyen Van An', person('Nguyễn', 'Văn An', '1975-11-30'), person('NGUYEN', 'VAN AN', '1975-11-30'), 1,
      [['NAME_EXACT', 50], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['Jean-Baptiste / Jean Baptiste', person('Dupont', 'Jean-Baptiste', '1980-05-05'), person('Dupont', 'Jean Baptiste', '1980-05-05'), 1,
      [['NAME_EXACT', 50], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['family and given names swapped', person('Haddad', 'Rami', '1990-03-12'), person('Rami', 'Haddad', '1990-03-12'), 0.95,
      [['NAMES_SWAPPED', 45], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['day and month swapped', person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1990-12-03'), 0.92,
      [['NAME_EXACT', 50], ['DOB_DAY_MONTH_SWAPPED', 32], ['SEX_MATCH', 10]]],
    ['day digits transposed', person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1990-03-21'), 0.9,
      [['NAME_EXACT', 50], ['DOB_DIGITS_TRANSPOSED', 30], ['SEX_MATCH', 10]]],
    ['year digits transposed', person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1909-03-12'), 0.9,
      [['NAME_EXACT', 50], ['DOB_DIGITS_TRANSPOSED', 30], ['SEX_MATCH', 10]]],
    ['one digit of the year wrong', person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1991-03-12'), 0.84,
      [['NAME_EXACT', 50], ['DOB_ONE_DIGIT', 24], ['SEX_MATCH', 10]]],
    ['phonetic spelling and transposed day', person('Ahmadi', 'Nasrin', '1985-07-14', 'F'), person('Ahmady', 'Nasreen', '1985-07-41', 'F'), 0.82,
      [['NAME_PHONETIC', 42], ['DOB_DIGITS_TRANSPOSED', 30], ['SEX_MATCH', 10]]],
    ['phonetic spelling and transposed day, sex X on one record', person('Ahmadi', 'Nasrin', '1985-07-14', 'F'), person('Ahmady', 'Nasreen', '1985-07-41', 'X'), 0.72,
      [['NAME_PHONETIC', 42], ['DOB_DIGITS_TRANSPOSED', 30]]],
    ['French and English transliterations of a Somali name', person('Abdi', 'Abdirahman', '1990-03-12'), person('Abdi', 'Abdourahmane', '1990-03-12'), 0.96,
      [['NAME_PHONETIC', 46], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['Cyrillic-derived spellings', person('Shevchenko', 'Olga', '1970-01-01', 'F'), person('Chevchenko', 'Olha', '1970-01-01', 'F'), 0.96,
      [['NAME_PHONETIC', 46], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['typo that changes the sound', person('Tesfaye', 'Meron', '1995-04-02', 'F'), person('Tesfaye', 'Meeron', '1995-04-02', 'F'), 0.96,
      [['NAME_PHONETIC', 46], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['second family name and second given name missing', person('García López', 'María José', '1992-02-29', 'F'), person('Garcia', 'Maria', '1992-02-29', 'F'), 0.93,
      [['NAME_SIMILAR', 43], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['given names missing on one record', person('Warsame', 'Hodan', '2001-10-10', 'F'), person('Warsame', '', '2001-10-10', 'F'), 0.8,
      [['NAME_SIMILAR', 30], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['particle glued and a variant spelling', person('Al-Hassan', 'Omar', '1990-03-12'), person('Alhassan', 'Umar', '1990-03-12'), 1,
      [['NAME_EXACT', 50], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['whole name typed in the given-names field', person('López', 'María', '1990-03-12', 'F'), person('', 'Maria Lopez', '1990-03-12', 'F'), 0.93,
      [['NAMES_SWAPPED', 43], ['DOB_EXACT', 40], ['SEX_MATCH', 10]]],
    ['same passport typed with spaces and lower case, nothing else alike', person('Haddad', 'Rami', '1990-03-12', 'M', { documents: [passport('N 012345 67')] }),
      person('Khoury', 'Samir', '1971-09-09', 'X', { documents: [passport('no1234567')] }), 0.85, [['DOCUMENT_NUMBER', 85]]],
  ])('%s', (_, a, b, score, reasons) => {
    expect(sharesKey(a, b)).toBe(true);
    expect(sharesKey(b, a)).toBe(true);
    const m = scoreMatch(a, b);
    expect(m.score).toBe(score);
    expect(levels[m.level]).toBeGreaterThanOrEqual(levels.MEDIUM);
    expect(codes(a, b)).toEqual(reasons);
  });
});

describe('pairs that must not be reported', () => {
  it.each<[string, MatchablePerson, MatchablePerson, number]>([
    ['same common family name, different given name, DOB and sex', person('Nguyen', 'Thi Lan', '1985-07-14', 'F'), person('Nguyen', 'Van Minh', '1979-02-03', 'M'), 0],
    ['same common family name, different given name and DOB, same sex', person('Ahmadi', 'Nasrin', '1985-07-14', 'F'), person('Ahmadi', 'Soraya', '1979-02-03', 'F'), 0.18],
    ['same DOB, sex and citizenship, unrelated names', person('Ahmadi', 'Nasrin', '1985-07-14', 'F', { citizenships: ['AFG'] }),
      person('Karimi', 'Soraya', '1985-07-14', 'F', { citizenships: ['AFG'] }), 0.55],
    ['twins: same family name and DOB, different given names', person('Nguyen', 'Van An', '1975-11-30', 'M', { citizenships: ['VNM'] }),
      person('Nguyen', 'Van Binh', '1975-11-30', 'M', { citizenships: ['VNM'] }), 0.63],
    ['same full name born another day of the same year', person('Ali', 'Mohammed', '1990-03-12'), person('Ali', 'Mohammed', '1990-08-27'), 0.63],
    ['same given name, similar-sounding but different family name', person('Tran', 'Minh', '1990-03-12'), person('Tan', 'Minh', '1962-05-30'), 0.25],
  ])('%s', (_, a, b, score) => {
    const m = scoreMatch(a, b);
    expect(m.score).toBe(score);
    expect(isReportable(m)).toBe(false);
  });
});

describe('scoreMatch details', () => {
  it('explains each reason in English and French', () => {
    const m = scoreMatch(person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1990-12-03'));
    expect(m.reasons.find((r) => r.code === 'DOB_DAY_MONTH_SWAPPED')?.detail).toEqual({
      en: 'Date of birth matches with day and month swapped',
      fr: 'Date de naissance identique, jour et mois inversés',
    });
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        for (const r of scoreMatch(a, b).reasons) {
          expect(r.detail.en.length).toBeGreaterThan(10);
          expect(r.detail.fr.length).toBeGreaterThan(10);
          expect(r.detail.fr).not.toBe(r.detail.en);
        }
      }),
    );
  });

  it('says which name field agreed when only one did', () => {
    const m = scoreMatch(person('Haddad', 'Rami', '1990-03-12'), person('Khoury', 'Rami', '1990-03-12'));
    expect(m.reasons[0]).toEqual({
      code: 'NAME_SIMILAR',
      weight: 15,
      detail: { en: 'Only the given names match; the family name differs', fr: 'Seuls les prénoms concordent ; le nom de famille diffère' },
    });
    expect(m.score).toBe(0.65);
  });

  it('a document match alone is HIGH; different sex pulls it to MEDIUM; another issuing country only to LOW', () => {
    const a = person('Haddad', 'Rami', '1990-03-12', 'M', { documents: [passport('AB1234567', 'SYR')] });
    expect(scoreMatch(a, person('Khoury', 'Samir', '1971-09-09', 'X', { documents: [passport('ab 123 4567', 'XXX')] })).level).toBe('HIGH');
    expect(scoreMatch(a, person('Khoury', 'Samira', '1971-09-09', 'F', { documents: [passport('AB1234567', 'SYR')] }))).toMatchObject({ score: 0.7, level: 'MEDIUM' });
    const other = scoreMatch(a, person('Khoury', 'Samir', '1971-09-09', 'X', { documents: [passport('AB1234567', 'LBN')] }));
    expect(other).toMatchObject({ score: 0.65, level: 'LOW' });
    expect(isReportable(other)).toBe(true);
  });

  it('ignores document numbers too short to identify anyone', () => {
    const a = person('Haddad', 'Rami', '1990-03-12', 'X', { documents: [passport('1234')] });
    expect(codes(a, person('Khoury', 'Samir', '1971-09-09', 'X', { documents: [passport('1234')] }))).toEqual([['SEX_MATCH', 10]]);
  });

  it('exact name, DOB and sex is HIGH with score 1', () => {
    expect(scoreMatch(person('Haddad', 'Rami', '1990-03-12'), person('HADDAD', 'rami', '1990-03-12'))).toMatchObject({ score: 1, level: 'HIGH' });
  });

  it('orders the thresholds and sizes the weights as documented', () => {
    expect(MATCH_THRESHOLDS.report).toBeLessThan(MATCH_THRESHOLDS.medium);
    expect(MATCH_THRESHOLDS.medium).toBeLessThan(MATCH_THRESHOLDS.high);
    expect(MATCH_WEIGHTS.NAME_EXACT + MATCH_WEIGHTS.DOB_EXACT + MATCH_WEIGHTS.SEX_MATCH).toBe(100);
    expect(MATCH_WEIGHTS.DOCUMENT_NUMBER / 100).toBeGreaterThanOrEqual(MATCH_THRESHOLDS.high);
    expect((MATCH_WEIGHTS.NAME_PHONETIC + MATCH_WEIGHTS.DOB_DIGITS_TRANSPOSED) / 100).toBeGreaterThanOrEqual(MATCH_THRESHOLDS.medium);
    expect((MATCH_WEIGHTS.DOB_EXACT + MATCH_WEIGHTS.SEX_MATCH + MATCH_WEIGHTS.CITIZENSHIP_OVERLAP) / 100).toBeLessThan(MATCH_THRESHOLDS.report);
  });
});

describe('rankCandidates', () => {
  it('drops unreportable candidates and puts the best first', () => {
    const q = person('Haddad', 'Rami', '1990-03-12');
    const ranked = rankCandidates(q, [
      person('Karimi', 'Soraya', '1990-03-12', 'F'),
      person('Haddad', 'Rami', '1990-03-21'),
      person('Hadad', 'Rami', '1990-03-12'),
    ]);
    expect(ranked.map((r) => [r.candidate.familyName, r.candidate.dateOfBirth, r.match.score])).toEqual([
      ['Hadad', '1990-03-12', 0.96],
      ['Haddad', '1990-03-21', 0.9],
    ]);
  });
});

describe('scoreMatch properties', () => {
  const named = matchablePerson.filter((p) => normalizeName(p.familyName + p.givenNames) !== '');

  it('a record against itself is HIGH with score 1', () => {
    fc.assert(
      fc.property(named, (p) => {
        expect(scoreMatch(p, structuredClone(p))).toMatchObject({ score: 1, level: 'HIGH' });
      }),
    );
  });

  it('is symmetric, reasons included', () => {
    fc.assert(
      fc.property(fc.oneof(relatedPair, fc.tuple(matchablePerson, matchablePerson)), ([a, b]) => {
        expect(scoreMatch(b, a)).toEqual(scoreMatch(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('is the clamped sum of its reasons, between 0 and 1, with the level its thresholds give', () => {
    fc.assert(
      fc.property(relatedPair, ([a, b]) => {
        const m = scoreMatch(a, b);
        const sum = m.reasons.reduce((s, r) => s + r.weight, 0);
        expect(m.score).toBe(Math.min(100, Math.max(0, sum)) / 100);
        expect(m.level).toBe(m.score >= MATCH_THRESHOLDS.high ? 'HIGH' : m.score >= MATCH_THRESHOLDS.medium ? 'MEDIUM' : 'LOW');
      }),
    );
  });

  it('never drops when the candidate agrees more with the query', () => {
    const agreeMore = fc.constantFrom<(q: MatchablePerson, c: MatchablePerson) => MatchablePerson>(
      (q, c) => ({ ...c, dateOfBirth: q.dateOfBirth }),
      (q, c) => ({ ...c, sex: q.sex }),
      (q, c) => ({ ...c, familyName: q.familyName, givenNames: q.givenNames }),
      (q, c) => ({ ...c, documents: [...c.documents, ...q.documents.slice(0, 1)] }),
      (q, c) => ({ ...c, citizenships: [...(c.citizenships ?? []), ...(q.citizenships ?? []).slice(0, 1)] }),
    );
    fc.assert(
      fc.property(fc.oneof(relatedPair, fc.tuple(matchablePerson, matchablePerson)), agreeMore, ([q, c], f) => {
        expect(scoreMatch(q, f(q, c)).score).toBeGreaterThanOrEqual(scoreMatch(q, c).score);
      }),
      { numRuns: 300 },
    );
  });

  it('a shared document number from the same country is always at least MEDIUM', () => {
    fc.assert(
      fc.property(matchablePerson, matchablePerson, document, (a, b, d) => {
        const m = scoreMatch({ ...a, documents: [...a.documents, d] }, { ...b, documents: [d, ...b.documents] });
        expect(levels[m.level]).toBeGreaterThanOrEqual(levels.MEDIUM);
      }),
    );
  });
});
