import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockingKeys, MAX_BLOCKING_KEYS } from './blocking.ts';
import { isParticle, nameTokens } from './normalize.ts';
import { isoDate, matchablePerson, nameToken, passport, person, transposeDobDigits } from './fixtures.ts';
import type { MatchablePerson } from './types.ts';

function shared(a: MatchablePerson, b: MatchablePerson): string[] {
  const mine = new Set(blockingKeys(a));
  return blockingKeys(b).filter((k) => mine.has(k));
}

const rami = person('Haddad', 'Rami', '1990-03-12', 'M', { documents: [passport('N 012345 67')] });

describe('blockingKeys', () => {
  it('produces the documented key families for a simple record', () => {
    expect(blockingKeys(rami)).toEqual([
      'di:1990|03|12:HT',
      'di:1990|03|12:RM',
      'doc:N01234567',
      'pm:HTT|RM:03|12',
      'py:HTT|RM:1990',
      'td:HTT:1990|03|12',
      'td:RM:1990|03|12',
    ]);
  });

  it('uses single codes for a mononym', () => {
    expect(blockingKeys(person('Ali', '', '1990-03-12'))).toEqual(['di:1990|03|12:AL', 'pm:AL:03|12', 'py:AL:1990', 'td:AL:1990|03|12']);
  });

  it('produces only document keys without a usable date of birth, and nothing from short numbers', () => {
    expect(blockingKeys(person('Haddad', 'Rami', '12/03/1990', 'M', { documents: [passport('ab-123 456'), passport('1234')] }))).toEqual([
      'doc:AB123456',
    ]);
  });

  it('reaches at most 34 keys: long names whose every part has two phonetic codes, many documents', () => {
    // Each of these tokens has distinct primary and alternate double-metaphone codes.
    const many = person('Schmidt Shevchenko Jorge Xavier', 'Juan Michael Julia Javier', '1990-03-12', 'F', {
      documents: Array.from({ length: 8 }, (_, i) => passport(`AB12345${i}`)),
    });
    const keys = blockingKeys(many);
    expect(keys.length).toBe(34);
    expect(keys.filter((k) => k.startsWith('doc:'))).toHaveLength(4);
  });

  it('keeps every name key tied to part of the date of birth (selectivity)', () => {
    fc.assert(
      fc.property(matchablePerson, (p) => {
        for (const k of blockingKeys(p)) {
          expect(k).toMatch(/^(doc:[A-Z0-9]+|td:.+:\d{4}\|\d\d\|\d\d|py:.+:\d{4}|pm:.+:\d\d\|\d\d|di:\d{4}\|\d\d\|\d\d:.+)$/);
        }
      }),
    );
  });

  it('is deterministic, sorted, duplicate-free, bounded, and ignores document order', () => {
    const big = fc.record({
      familyName: fc.array(nameToken, { minLength: 0, maxLength: 6 }).map((t) => t.join(' ')),
      givenNames: fc.array(nameToken, { minLength: 0, maxLength: 6 }).map((t) => t.join(' ')),
      dateOfBirth: isoDate,
      sex: fc.constantFrom<MatchablePerson['sex']>('F', 'M', 'X'),
      documents: fc.array(fc.stringMatching(/^[A-Z0-9]{5,9}$/).map((n) => passport(n)), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(big, (p) => {
        const keys = blockingKeys(p);
        expect(blockingKeys(structuredClone(p))).toEqual(keys);
        expect(blockingKeys({ ...p, documents: [...p.documents].reverse() })).toEqual(keys);
        expect([...keys].sort()).toEqual(keys);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
      }),
    );
  });

  it('still shares a key after an adjacent-digit transposition in the day of birth', () => {
    fc.assert(
      fc.property(matchablePerson, (p) => {
        const other = { ...p, dateOfBirth: transposeDobDigits(p.dateOfBirth, 6) };
        expect(shared(p, other).length).toBeGreaterThan(0);
      }),
    );
  });

  // Not covered: a transposition across the year/month boundary (digits 4 and 5), which changes both.
  it('still shares a key after any single date-of-birth slip: transposition, one digit, day/month swap', () => {
    const slip = fc.oneof(
      fc.constantFrom(0, 1, 2, 4, 5, 6).map((i) => (dob: string) => transposeDobDigits(dob, i)),
      fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 9 })).map(([i, d]) => (dob: string) => {
        const digits = dob.replace(/-/g, '').split('');
        digits[i] = String(d);
        const s = digits.join('');
        return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
      }),
      fc.constant((dob: string) => `${dob.slice(0, 4)}-${dob.slice(8, 10)}-${dob.slice(5, 7)}`),
    );
    fc.assert(
      fc.property(matchablePerson, slip, (p, f) => {
        expect(shared(p, { ...p, dateOfBirth: f(p.dateOfBirth), documents: [] }).length).toBeGreaterThan(0);
      }),
    );
  });

  it('still shares a key when one letter of one name part is mistyped', () => {
    fc.assert(
      fc.property(matchablePerson, fc.nat(), fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), (p, which, at, letter) => {
        const tokens = [...nameTokens(p.familyName).map((t) => ['f', t] as const), ...nameTokens(p.givenNames).map((t) => ['g', t] as const)];
        const target = tokens[which % tokens.length];
        if (target === undefined) return;
        const [field, token] = target;
        const i = at % token.length;
        const typo = token.slice(0, i) + letter + token.slice(i + 1);
        fc.pre(!isParticle(typo));
        const other = {
          ...p,
          documents: [],
          familyName: field === 'f' ? nameTokens(p.familyName).map((t) => (t === token ? typo : t)).join(' ') : p.familyName,
          givenNames: field === 'g' ? nameTokens(p.givenNames).map((t) => (t === token ? typo : t)).join(' ') : p.givenNames,
        };
        expect(shared(p, other).length).toBeGreaterThan(0);
      }),
    );
  });

  it('shares a key when family and given names are swapped', () => {
    fc.assert(
      fc.property(matchablePerson, (p) => {
        expect(shared(p, { ...p, familyName: p.givenNames, givenNames: p.familyName, documents: [] }).length).toBeGreaterThan(0);
      }),
    );
  });

  it.each<[string, MatchablePerson, MatchablePerson, string[]]>([
    ['particle written apart or glued', person('Al-Hassan', 'Omar', '1990-03-12'), person('Alhassan', 'Umar', '1991-03-12'), ['pm:ALSN|AMR:03|12']],
    ['second family name and given name dropped', person('García López', 'María José', '1990-03-12', 'F'), person('Garcia', 'Maria', '1990-03-21', 'F'), ['py:KRS|MR:1990']],
    ['passport typed with spaces and lower case', rami, person('Khoury', 'Samir', '1971-09-09', 'M', { documents: [passport('n0 1234 567', 'LBN')] }), ['doc:N01234567']],
  ])('shares keys: %s', (_, a, b, expected) => {
    expect(shared(a, b)).toEqual(expected);
  });

  it('shares no key between unrelated people born on other days', () => {
    expect(shared(person('Ahmadi', 'Nasrin', '1985-07-14', 'F'), person('Ahmadi', 'Karim', '1979-02-03'))).toEqual([]);
    expect(shared(person('Haddad', 'Rami', '1990-03-12'), person('Haddad', 'Rami', '1985-06-27'))).toEqual([]);
  });
});
