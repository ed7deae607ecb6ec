import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeDocumentNumber, normalizeName, parseDob, phoneticCodes, significantTokens } from './normalize.ts';

describe('normalizeName', () => {
  it.each([
    ['  garcía   lópez ', 'GARCIA LOPEZ'],
    ['Nguyễn Văn An', 'NGUYEN VAN AN'],
    ['Jean-Baptiste', 'JEAN BAPTISTE'],
    ["N'Diaye", 'NDIAYE'],
    ['O’Brien', 'OBRIEN'],
    ['Müller-Lüdenscheidt', 'MULLER LUDENSCHEIDT'],
    ['Straße', 'STRASSE'],
    ['Øster Æbelø', 'OSTER AEBELO'],
    ['Łukasz Wałęsa', 'LUKASZ WALESA'],
    ['Çelik, Şükrü', 'CELIK SUKRU'],
    ['İbrahim', 'IBRAHIM'],
    ['Юлия Ёлкина', 'IULIIA ELKINA'],
    ['Шевченко', 'SHEVCHENKO'],
    ['al-Hassan', 'AL HASSAN'],
    ['El Sayed', 'AL SAYED'],
    ['', ''],
    [' -- ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it.each([
    ['Mohammed', 'MUHAMMAD'],
    ['Mohamed', 'MUHAMMAD'],
    ['Muhammad', 'MUHAMMAD'],
    ['Abdallah', 'ABDULLAH'],
    ['Abdulla', 'ABDULLAH'],
    ['Yekaterina', 'EKATERINA'],
    ['Youssef', 'YUSUF'],
    ['Hossein', 'HUSSEIN'],
    ['Olha', 'OLGA'],
  ])('maps the transliteration variant %s to %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
    );
  });

  it('yields single-spaced upper-case letter tokens', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: 'grapheme' }), (s) => {
        const n = normalizeName(s);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/ {2}|[\p{P}\p{N}\p{M}]/u);
        expect(n).toBe(n.toUpperCase());
      }),
    );
  });
});

describe('significantTokens', () => {
  it('drops particles unless nothing else is left', () => {
    expect(significantTokens(['MARIA', 'DE', 'LOS', 'ANGELES'])).toEqual(['MARIA', 'ANGELES']);
    expect(significantTokens(['NGUYEN', 'VAN', 'AN'])).toEqual(['NGUYEN', 'AN']);
    expect(significantTokens(['BEN'])).toEqual(['BEN']);
  });
});

describe('phoneticCodes', () => {
  it('gives shared codes for spellings that sound alike, and a literal code for other scripts', () => {
    expect(phoneticCodes('NASRIN')).toEqual(['NSRN']);
    expect(phoneticCodes('NASREEN')).toEqual(['NSRN']);
    expect(phoneticCodes('JEAN')).toEqual(['JN', 'AN']);
    expect(phoneticCodes('محمد')).toEqual(['=محمد']);
    expect(phoneticCodes('')).toEqual([]);
  });
});

describe('normalizeDocumentNumber', () => {
  it.each([
    ['ab 123-456', 'AB123456'],
    [' N 012345 67 ', 'N01234567'],
    ['no1234567', 'N01234567'],
    ['NO1234567', 'N01234567'],
    ['N01234567', 'N01234567'],
    ['ＡＢ１２３', 'AB123'],
    ['12.345/67', '1234567'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDocumentNumber(input)).toBe(expected);
  });

  it('never distinguishes letter O from digit 0', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9O]{1,12}$/), (s) => {
        expect(normalizeDocumentNumber(s.replace(/0/g, 'O'))).toBe(normalizeDocumentNumber(s.replace(/O/g, '0')));
      }),
    );
  });
});

describe('parseDob', () => {
  it('checks shape, not the calendar, so a mistyped day stays comparable', () => {
    expect(parseDob('1990-02-31')).toEqual({ year: '1990', month: '02', day: '31', digits: '19900231' });
    expect(parseDob('1990-2-3')).toBeNull();
    expect(parseDob('')).toBeNull();
  });
});
