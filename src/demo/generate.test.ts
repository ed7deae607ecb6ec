import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, PROVINCES, RELATIONSHIPS, SEXES, type IntakeInput } from '../domain/intake/types.ts';
import { isCountryCode } from '../jurisdictions/ca/countries.ts';
import { OFFICE_TYPE_INFO, officeByCode } from '../jurisdictions/ca/offices.ts';
import { ageOn, isIsoDate, parseIsoDay } from './dates.ts';
import { DEMO_EVENT_TYPES, DEMO_SOURCES, generateDemo, type DemoGroup } from './generate.ts';

const TO = '2026-11-24';
const DATASETS = new URL('../../datasets/', import.meta.url);

function hashGroups(groups: Iterable<DemoGroup>, n: number): string {
  const h = createHash('sha256');
  let i = 0;
  for (const g of groups) {
    if (i++ >= n) break;
    h.update(JSON.stringify(g));
  }
  return h.digest('hex');
}

type Rec = Record<string, string>;
function csv(path: string): Rec[] {
  return parse(readFileSync(new URL(path, DATASETS), 'utf8'), { columns: true }) as Rec[];
}

/** Expected persons per claim year, computed straight from the IRCC file (independently of the generator). */
function expectedPersonsByYear(scale: number, from: string, to: string): Map<number, number> {
  const monthly = new Map<string, number>(); // 'YYYY-MM' → national sum of the non-total rows
  for (const r of csv('ircc-asylum-vintage-2025-07/extracted_asylum.csv')) {
    if (r.total_flag !== 'False') continue;
    const ym = r.year_month as string;
    monthly.set(ym, (monthly.get(ym) ?? 0) + Number(r.value));
  }
  const last = [...monthly.keys()].sort().at(-1) as string;
  expect(last).toBe('2025-07');
  const out = new Map<number, number>();
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    // After the last published month: the same month of the previous year (repeatedly).
    let sy = y;
    const key = (yy: number): string => `${yy}-${String(m).padStart(2, '0')}`;
    while (key(sy) > last) sy -= 1;
    const v = monthly.get(key(sy)) ?? 0;
    const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const first = y === fy && m === fm ? Number(from.slice(8, 10)) : 1;
    const lastDay = y === ty && m === tm ? Number(to.slice(8, 10)) : dim;
    out.set(y, (out.get(y) ?? 0) + (v * scale * (lastDay - first + 1)) / dim);
  }
  return out;
}

const TERMINAL = new Set(['eligibility.ineligible', 'rpd.accepted', 'rpd.rejected', 'rpd.declared_abandoned', 'claimant.withdrew']);
const DECISION_ROLE: Record<string, string> = {
  'boc.received': 'RPD',
  'rpd.accepted': 'RPD',
  'rpd.rejected': 'RPD',
  'rpd.declared_abandoned': 'RPD',
  'claimant.withdrew': 'CLAIMANT',
  'protection.conferred': 'RPD',
};

/** Structural check of one group; returns a list of problems (empty when valid). */
function problems(g: DemoGroup, from: string, to: string): string[] {
  const p: string[] = [];
  const i: IntakeInput = g.intake;
  const office = officeByCode(i.officeCode);
  if (!office) return [`unknown office ${i.officeCode}`];
  if (office.type === 'ONLINE') {
    if (!i.province || !PROVINCES.includes(i.province)) p.push('online claim without a valid province');
  } else if (i.province !== undefined) p.push('province given for an office with a fixed province');
  if (!isIsoDate(i.claimDate) || i.claimDate < from || i.claimDate > to) p.push(`bad claimDate ${i.claimDate}`);
  const a = i.arrival;
  if (a.manner === 'AT_PORT_OF_ENTRY') {
    if (!OFFICE_TYPE_INFO[office.type].portOfEntry) p.push('at-port arrival at an inland office');
  } else if (a.manner === 'BETWEEN_PORTS') {
    if (!isIsoDate(a.crossingDate) || a.crossingDate > i.claimDate) p.push(`bad crossingDate ${a.crossingDate}`);
  } else if (a.manner === 'INLAND') {
    if (!isIsoDate(a.entryDate) || a.entryDate > i.claimDate) p.push(`bad entryDate ${a.entryDate}`);
    if (OFFICE_TYPE_INFO[office.type].portOfEntry) p.push('inland arrival at a port of entry');
  } else p.push('unknown arrival manner');
  if (i.persecutionCountries.length === 0 || !i.persecutionCountries.every(isCountryCode)) p.push('bad persecutionCountries');
  if (i.members.length < 1 || i.members.length > 6) p.push(`group of ${i.members.length}`);
  i.members.forEach((m, idx) => {
    if ((m.relationship === 'PRINCIPAL') !== (idx === 0)) p.push('principal must be first and unique');
    if (!RELATIONSHIPS.includes(m.relationship)) p.push(`relationship ${m.relationship}`);
    if (!m.familyName.startsWith('Demo-') || m.givenNames.trim() === '') p.push(`name not obviously synthetic: ${m.familyName}`);
    if (!isIsoDate(m.dateOfBirth) || m.dateOfBirth > i.claimDate) p.push(`bad dateOfBirth ${m.dateOfBirth}`);
    const age = ageOn(parseIsoDay(m.dateOfBirth), parseIsoDay(i.claimDate));
    if (m.relationship === 'PRINCIPAL' && (age < 18 || age > 70)) p.push(`principal aged ${age}`);
    if (m.relationship === 'CHILD' && age > 17) p.push(`child aged ${age}`);
    if (a.manner === 'INLAND' && m.dateOfBirth > a.entryDate) p.push('born after entering Canada');
    if (!SEXES.includes(m.sex)) p.push(`sex ${m.sex}`);
    if (m.citizenships.length === 0 || !m.citizenships.every(isCountryCode)) p.push('bad citizenships');
    if (m.persecutionCountries && !m.persecutionCountries.every(isCountryCode)) p.push('bad member persecutionCountries');
    for (const d of m.documents) {
      if (!DOCUMENT_TYPES.includes(d.type) || !d.number.startsWith('DEMO') || !isCountryCode(d.issuingCountry)) p.push(`bad document ${JSON.stringify(d)}`);
    }
    if (m.languages.length === 0) p.push('no language');
    if (m.interpreterLanguage !== null && !m.languages.includes(m.interpreterLanguage)) p.push('interpreter language not spoken');
  });
  const childBirths = i.members.filter((m) => m.relationship === 'CHILD').map((m) => parseIsoDay(m.dateOfBirth)).sort((x, y) => x - y);
  for (let k = 1; k < childBirths.length; k++) {
    const gap = (childBirths[k] as number) - (childBirths[k - 1] as number);
    if (gap !== 0 && gap < 300) p.push('siblings born less than 300 days apart');
  }
  const principalDob = parseIsoDay(i.members[0]?.dateOfBirth ?? '');
  if (childBirths.length > 0 && ageOn(principalDob, childBirths[0] as number) < 18) p.push('principal under 18 at the birth of a child');
  // Events: per member, in date order, within [claimDate, to], the same path for every member.
  const perMember = i.members.map(() => [] as string[]);
  for (const { memberIndex, event: e } of g.events) {
    const list = perMember[memberIndex];
    if (!list) {
      p.push(`memberIndex ${memberIndex} out of range`);
      continue;
    }
    if (!(DEMO_EVENT_TYPES as readonly string[]).includes(e.type)) p.push(`event type ${e.type}`);
    if (!isIsoDate(e.effectiveDate) || e.effectiveDate < i.claimDate || e.effectiveDate > to) p.push(`bad effectiveDate ${e.effectiveDate}`);
    if (e.noticeDate != null && (e.noticeDate !== e.effectiveDate || e.noticeDate > to)) p.push('noticeDate differs from effectiveDate');
    if (e.receivedDate != null && (e.receivedDate < e.effectiveDate || e.receivedDate > to)) p.push('bad receivedDate');
    const prev = list.at(-1);
    if (prev !== undefined && prev.slice(0, 10) > e.effectiveDate) p.push('events out of order');
    const expectedRole = e.type.startsWith('eligibility.')
      ? office.agency === 'CBSA' ? 'CBSA_OFFICER' : 'IRCC_OFFICER'
      : DECISION_ROLE[e.type];
    if (e.actor.role !== expectedRole) p.push(`${e.type} by ${e.actor.role}`);
    if (e.type === 'eligibility.ineligible' && !(Array.isArray(e.details?.grounds) && (e.details.grounds as unknown[]).length > 0)) p.push('ineligible without grounds');
    if (e.type === 'rpd.accepted' && !['S96', 'S97'].includes(e.details?.basis as string)) p.push('accepted without basis');
    if (e.type === 'rpd.rejected' && !Array.isArray(e.details?.flags)) p.push('rejected without flags');
    list.push(`${e.effectiveDate} ${e.type}`);
  }
  const first = perMember[0] ?? [];
  if (first[0] !== `${i.claimDate} eligibility.examination_started`) p.push(`first event ${first[0]}`);
  if (first.filter((t) => TERMINAL.has(t.slice(11))).length > 1) p.push('more than one final decision');
  const types = first.map((t) => t.slice(11));
  if (types.some((t) => t.startsWith('rpd.') || t === 'claimant.withdrew' || t === 'boc.received') && !types.includes('eligibility.eligible_referred')) p.push('RPD event without referral');
  if (types.includes('protection.conferred') && !types.includes('rpd.accepted')) p.push('protection without acceptance');
  for (const l of perMember) if (l.join('|') !== first.join('|')) p.push('members do not share the same path');
  return p;
}

describe('generateDemo: options', () => {
  it('rejects invalid options up front', () => {
    expect(() => generateDemo({ seed: 1, to: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1, to: '2020-01-01', from: '2021-01-01' })).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1, to: '2020-01-01', scale: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1.5, to: '2020-01-01' })).toThrow(RangeError);
  });

  it('cites its sources', () => {
    expect(DEMO_SOURCES.length).toBeGreaterThanOrEqual(4);
    expect(DEMO_SOURCES.filter((s) => s.includes('Contains information licensed under the Open Government Licence – Canada')).length).toBe(4);
  });

  it('uses no clock and no unseeded randomness', () => {
    for (const f of ['generate.ts', 'people.ts', 'prng.ts', 'dates.ts', 'data.ts']) {
      const src = readFileSync(new URL(f, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(src, f).not.toMatch(/Math\.random|Date\.now|new Date\(/);
    }
  });
});

describe('generateDemo: determinism', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const a = hashGroups(generateDemo({ seed: 7, scale: 0.002, to: TO }), 200);
    const b = hashGroups(generateDemo({ seed: 7, scale: 0.002, to: TO }), 200);
    const c = hashGroups(generateDemo({ seed: 8, scale: 0.002, to: TO }), 200);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('extends the same claims when `to` is later', () => {
    const short = [...generateDemo({ seed: 3, scale: 0.002, to: '2019-12-31' })];
    const long = generateDemo({ seed: 3, scale: 0.002, to: TO });
    let n = 0;
    for (const g of long) {
      if (g.intake.claimDate > '2019-12-31') break;
      const s = short[n++] as DemoGroup;
      expect(g.intake).toEqual(s.intake);
      // The short history is a prefix of the long one (up to receivedDate, not yet known then).
      const strip = (e: DemoGroup['events'][number]): unknown => ({ ...e, event: { ...e.event, receivedDate: undefined } });
      expect(g.events.slice(0, s.events.length).map(strip)).toEqual(s.events.map(strip));
    }
    expect(n).toBe(short.length);
    expect(n).toBeGreaterThan(100);
  });
});

describe('generateDemo: volumes and structure (scale 0.002, 2015-01-01 to 2026-11-24)', () => {
  const scale = 0.002;
  let groups: DemoGroup[] = [];
  beforeAll(() => {
    groups = [...generateDemo({ seed: 2024, scale, to: TO })];
  });

  it('streams claims in claim-date order', () => {
    for (let k = 1; k < groups.length; k++) {
      expect((groups[k - 1] as DemoGroup).intake.claimDate <= (groups[k] as DemoGroup).intake.claimDate).toBe(true);
    }
  });

  it('matches scale × the IRCC yearly totals (within one person, so within 3.5%)', () => {
    const expected = expectedPersonsByYear(scale, '2015-01-01', TO);
    const got = new Map<number, number>();
    for (const g of groups) {
      const y = Number(g.intake.claimDate.slice(0, 4));
      got.set(y, (got.get(y) ?? 0) + g.intake.members.length);
    }
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [y, e] of expected) {
      const n = got.get(y) ?? 0;
      expect(Math.abs(n - e), `${y}: ${n} vs ${e.toFixed(2)}`).toBeLessThanOrEqual(1 + 1e-9);
      expect(Math.abs(n - e) / e, `${y}`).toBeLessThanOrEqual(0.035);
    }
  });

  it('produces only valid intakes and histories', () => {
    const bad = groups.map((g) => [g.intake.claimDate, g.intake.officeCode, problems(g, '2015-01-01', TO)] as const).filter(([, , p]) => p.length);
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('sends Quebec land-border claims mostly to Saint-Bernard-de-Lacolle', () => {
    let all = 0;
    let lacolle = 0;
    for (const g of groups) {
      const o = officeByCode(g.intake.officeCode);
      if (o?.province !== 'QC' || (o.type !== 'LAND_POE' && o.type !== 'RAIL')) continue;
      all += g.intake.members.length;
      if (o.code === 'QC-LACOLLE') lacolle += g.intake.members.length;
    }
    expect(all).toBeGreaterThan(200);
    expect(lacolle / all).toBeGreaterThanOrEqual(0.8);
  });
});

describe('generateDemo: outcomes and paths (scale 0.02)', () => {
  let groups: DemoGroup[] = [];
  beforeAll(() => {
    groups = [...generateDemo({ seed: 11, scale: 0.02, to: TO })];
  });

  it('produces only valid intakes and histories', () => {
    let bad = 0;
    const examples: unknown[] = [];
    for (const g of groups) {
      const p = problems(g, '2015-01-01', TO);
      if (p.length) {
        bad++;
        if (examples.length < 3) examples.push({ intake: g.intake, events: g.events, p });
      }
    }
    expect(examples).toEqual([]);
    expect(bad).toBe(0);
  });

  it('follows the published RPD outcome shares by decision year', () => {
    const published = new Map<number, { accepted: number; rejected: number; other: number }>();
    for (const r of csv('canada-observatory/ircc_asylum_outcomes.csv')) {
      published.set(Number(r.year), { accepted: Number(r.accepted), rejected: Number(r.rejected), other: Number(r.other) });
    }
    const byYear = new Map<number, { accepted: number; rejected: number; other: number; groups: number; sumSq: number }>();
    for (const g of groups) {
      const n = g.intake.members.length;
      for (const { memberIndex, event } of g.events) {
        if (memberIndex !== 0) continue;
        const k = event.type === 'rpd.accepted' ? 'accepted' : event.type === 'rpd.rejected' ? 'rejected'
          : event.type === 'rpd.declared_abandoned' || event.type === 'claimant.withdrew' ? 'other' : undefined;
        if (!k) continue;
        const y = Number(event.effectiveDate.slice(0, 4));
        const c = byYear.get(y) ?? { accepted: 0, rejected: 0, other: 0, groups: 0, sumSq: 0 };
        c[k] += n;
        c.groups += 1;
        c.sumSq += n * n;
        byYear.set(y, c);
      }
    }
    let checked = 0;
    let pooledGot = 0;
    let pooledExpected = 0;
    let pooledN = 0;
    for (const [y, c] of byYear) {
      const pub = published.get(Math.min(2025, y)); // 2026 decisions follow the 2025 shares
      if (!pub || c.groups < 300) continue; // too few decisions for a meaningful share
      const total = c.accepted + c.rejected + c.other;
      const pubTotal = pub.accepted + pub.rejected + pub.other;
      // Families share one outcome: the sampling unit is the group, and persons are weighted by group
      // size (design effect = G·Σn² / (Σn)²). Tolerance: 4 standard errors, at least 3 points.
      const deff = (c.groups * c.sumSq) / (total * total);
      for (const k of ['accepted', 'rejected', 'other'] as const) {
        const p = pub[k] / pubTotal;
        const tolerance = Math.max(0.03, 4 * Math.sqrt((deff * p * (1 - p)) / c.groups));
        expect(Math.abs(c[k] / total - p), `${y} ${k}: ${(c[k] / total).toFixed(3)} vs ${p.toFixed(3)} ± ${tolerance.toFixed(3)}`).toBeLessThanOrEqual(tolerance);
      }
      pooledGot += c.accepted;
      pooledExpected += (total * pub.accepted) / pubTotal;
      pooledN += total;
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    // Pooled over all checked years, the acceptance share is within 2 points of the published mix.
    expect(Math.abs(pooledGot - pooledExpected) / pooledN).toBeLessThanOrEqual(0.02);
  });

  it('models Roxham Road: most Quebec land-border claims of 2018–2022 are between-ports crossings, few after 2023-03-25', () => {
    const share = (fromDate: string, toDate: string): number => {
      let all = 0;
      let crossers = 0;
      for (const g of groups) {
        const o = officeByCode(g.intake.officeCode);
        if (o?.province !== 'QC' || o.type !== 'LAND_POE' || g.intake.claimDate < fromDate || g.intake.claimDate > toDate) continue;
        all += g.intake.members.length;
        if (g.intake.arrival.manner === 'BETWEEN_PORTS') crossers += g.intake.members.length;
      }
      return crossers / all;
    };
    expect(share('2018-03-01', '2022-12-31')).toBeGreaterThan(0.7);
    expect(share('2023-04-01', '2026-11-24')).toBeLessThan(0.15);
  });

  it('uses the documented ineligibility grounds where they apply', () => {
    const grounds = new Map<string, number>();
    for (const g of groups) {
      for (const { memberIndex, event } of g.events) {
        if (memberIndex !== 0 || event.type !== 'eligibility.ineligible') continue;
        const gr = (event.details?.grounds as string[]).join(',');
        grounds.set(gr, (grounds.get(gr) ?? 0) + 1);
        if (gr === 'EL-B1') {
          expect(g.intake.arrival.manner).toBe('INLAND');
          expect(g.intake.claimDate >= '2025-06-03').toBe(true);
          expect(event.effectiveDate >= '2026-03-26').toBe(true);
        }
        if (gr === 'EL-E' && g.intake.arrival.manner !== 'BETWEEN_PORTS') expect(['LAND_POE', 'RAIL']).toContain(officeByCode(g.intake.officeCode)?.type);
        if (gr === 'EL-E' && g.intake.arrival.manner === 'BETWEEN_PORTS') expect(g.intake.claimDate >= '2023-03-25').toBe(true);
      }
    }
    expect([...grounds.keys()].sort()).toEqual(['EL-B1', 'EL-B2', 'EL-C', 'EL-E']);
  });

  it('includes a few US citizens, mostly US-born children of other nationals', () => {
    let usPrincipals = 0;
    let usChildren = 0;
    for (const g of groups) {
      for (const m of g.intake.members) {
        if (m.citizenships[0] !== 'USA') continue;
        if (m.relationship === 'PRINCIPAL') usPrincipals++;
        else if (m.relationship === 'CHILD' && m.citizenships.length === 2) usChildren++;
      }
    }
    expect(usPrincipals).toBeGreaterThan(0);
    expect(usChildren).toBeGreaterThan(usPrincipals);
    expect(usPrincipals + usChildren).toBeLessThan(groups.length * 0.05);
  });
});
