/**
 * Deterministic demo data: synthetic family groups and their claim histories whose aggregate
 * volumes follow the real published series (see data.ts and datasets/README.md).
 *
 * Volumes. For every month from `from` to `to` and every published series (province × IRCC
 * claim-office category, plus "Other Offices"), the expected number of claimants is
 * published value × scale × (share of the month's days inside [from, to]). "--" cells count as 2.
 * After the last published month (2025-07) a month takes the volume of the same month one year
 * earlier (2025-08 ← 2024-08, 2026-08 ← 2025-08 ← 2024-08). Expected counts are rounded by
 * systematic stochastic rounding: one seeded uniform offset u, and cell i gets
 * floor(C_i + u) − floor(C_{i−1} + u) people, where C_i is the running sum of expectations over
 * months then cells. Each cell is rounded down or up with probability equal to its fractional part,
 * and every contiguous run of months (a year, the whole range) is within one person of its
 * expectation, even at small scales.
 *
 * Each cell's people are split into family groups (1 to 6 people, mostly 1 to 3); the last group is
 * cut so that persons match exactly. Members of a group share the office, the dates and the outcome
 * (they are heard together).
 *
 * Determinism: every month has its own PRNG stream derived from (seed, month); no Date.now(), no
 * Math.random(). All random draws are made whatever `to` is; `to` only truncates the events, so a
 * later `to` extends the history of the same claims.
 *
 * Modelling assumptions (plausible, not published; change them here):
 * - Offices: weights in *_WEIGHTS below. Online share of inland claims: 0 before 2022, then 15%
 *   rising linearly to 65% in 2025-12. Inland "province not stated" → online, province drawn like
 *   the month's inland claims. "Border" in NL/NS (no land border) → their marine ports.
 * - Irregular crossers: see crosserShare(). Crossing 0–2 days before a claim at a land port, 0–21
 *   days before an inland claim (2017 Roxham pattern); from 2023-04, 2% of QC/ON/BC/MB inland claims
 *   are crossers claiming 15–120 days after crossing.
 * - Inland arrivals: entry a log-normal 150 days (σ 1.2) before the claim, 2 days to 12 years, never
 *   before the birth of the youngest member.
 * - Eligibility: decided on the day (75%) or within 3 days at ports; within 3 days inland before
 *   the 2019 end of deemed referral; then CBSA inland 0–14 days, IRCC offices ~3 weeks, online ~6
 *   weeks (log-normal). Ineligible: EL-E for 12% of non-US claimants at land/rail ports and 40% of
 *   crossers within 14 days after 2023-03-25; EL-C 1%; for claims made from 2025-06-03, EL-B1 (entry
 *   after 2020-06-24 and more than a year before the claim) and EL-B2 (crossed more than 14 days
 *   before), decided on or after 2026-03-26, when those grounds came into force.
 * - BOC: with the referral for inland claims; 5–15 days after referral at ports (10–45 from 2024).
 * - RPD decision: log-normal delay after referral, median by referral year (RPD_MEDIAN_DAYS, 5
 *   months in 2015 to about 2 years from 2024), σ 0.45. Outcome shares of the decision year
 *   (2026 → 2025): "other" split into abandoned / withdrawn by abandonedShareOfOther(); merits split
 *   by a per-citizenship log-odds offset recalibrated each year to the published acceptance rate.
 *   Rejections: notice received 2–10 days later; flags [] (4% ['NCB'], 1% ['MUF']). Acceptances:
 *   basis S96 (85%) or S97, protection.conferred 16–45 days later.
 * - Actors: eligibility by CBSA_OFFICER at CBSA offices (ports and CBSA inland offices) and
 *   IRCC_OFFICER at IRCC offices and online; BOC, decisions and conferral by RPD; withdrawal by
 *   CLAIMANT.
 */
import type {
  Arrival,
  DocumentType,
  GroupMemberInput,
  IdentityDocument,
  IntakeInput,
  OfficeType,
  Province,
  Relationship,
  Sex,
} from '../domain/intake/types.ts';
import { OFFICES, type IrccOfficeCategory, type Office } from '../jurisdictions/ca/offices.ts';
import { loadDemoData, sourceMonth, type DemoData, type IrccCell } from './data.ts';
import { ageOn, civilFromDay, dayFromCivil, daysInMonth, isoFromDay, monthIndex, monthOfIndex, parseIsoDay, yearOfDay, yearsBefore } from './dates.ts';
import {
  ACCEPTANCE_LOG_ODDS,
  OTHER_CITIZENSHIPS,
  STATELESS_FORMER_RESIDENCE,
  composition,
  demoDocument,
  demoFamilyName,
  demoGivenNames,
  groupSizeTable,
  pickLanguages,
} from './people.ts';
import { Rng, Weighted, deriveSeed } from './prng.ts';

export { DEMO_SOURCES } from './data.ts';

export const DEMO_EVENT_TYPES = [
  'eligibility.examination_started',
  'eligibility.eligible_referred',
  'eligibility.ineligible',
  'boc.received',
  'rpd.accepted',
  'rpd.rejected',
  'rpd.declared_abandoned',
  'claimant.withdrew',
  'protection.conferred',
] as const;
export type DemoEventType = (typeof DEMO_EVENT_TYPES)[number];

export interface DemoEvent {
  type: DemoEventType;
  actor: { role: string; name?: string };
  effectiveDate: string;
  noticeDate?: string | null;
  receivedDate?: string | null;
  reasons?: string | null;
  details?: Record<string, unknown>;
}

export interface DemoGroup {
  intake: IntakeInput;
  /** Every member's events, in date order (all members share the same path and dates). */
  events: Array<{ memberIndex: number; event: DemoEvent }>;
}

export interface DemoOptions {
  seed: number;
  /** Fraction of the real volume, default 0.02. */
  scale?: number;
  /** First claim date, default '2015-01-01' (no data before 2015-01). */
  from?: string;
  /** Last date of the demo ("today"): no claim and no event after it. */
  to: string;
}

// ───────────────────────── Dates of the law that shape the histories ─────────────────────────
const STCA_PROTOCOL = dayFromCivil(2023, 3, 25); // STCA extended to between-port crossings (14 days)
const C12_APPLIES_FROM = dayFromCivil(2025, 6, 3); // 101(1)(b.1), (b.2) apply to claims made from
const C12_IN_FORCE = dayFromCivil(2026, 3, 26); // ... and are in force from (Royal Assent)
const B1_ENTRY_AFTER = dayFromCivil(2020, 6, 24);
const BIA_2019 = dayFromCivil(2019, 6, 21); // end of deemed referral after 3 working days (approx.)
const BOC_45_DAYS = dayFromCivil(2024, 1, 1); // IRB practice notice: BOC 15 → 45 days (approx. date)
const ONLINE_FROM = monthIndex(2022, 1);
const ONLINE_FULL = monthIndex(2025, 12);

const GROUND_TEXT: Readonly<Record<string, string>> = {
  'EL-E': 'IRPA 101(1)(e): came from the United States, a designated country (Safe Third Country Agreement); no exception established',
  'EL-C': 'IRPA 101(1)(c): a prior claim was found ineligible, withdrawn or abandoned',
  'EL-B1': 'IRPA 101(1)(b.1): claim made more than one year after the first entry after 24 June 2020',
  'EL-B2': 'IRPA 101(1)(b.2): entered between ports of entry from the United States and claimed after the 14-day time limit',
};
const DETERMINATIVE_ISSUES = ['CREDIBILITY', 'CREDIBILITY', 'CREDIBILITY', 'IFA', 'IFA', 'STATE_PROTECTION', 'WFF_OBJECTIVE', 'NEXUS', 'IDENTITY', 'GENERALIZED_RISK'] as const;

// ─────────────────────────────── Office allocation weights ───────────────────────────────
type WeightRow = readonly [code: string, weight: number];

const AIRPORT_WEIGHTS: Partial<Record<Province, readonly WeightRow[]>> = {
  QC: [['QC-YUL', 97], ['QC-YQB', 3]],
  ON: [['ON-YYZ', 92], ['ON-YOW', 5], ['ON-YHM', 1.5], ['ON-YTZ', 1.5]],
  BC: [['BC-YVR', 95], ['BC-YYJ', 3], ['BC-YLW', 2]],
  AB: [['AB-YYC', 60], ['AB-YEG', 40]],
  SK: [['SK-YXE', 50], ['SK-YQR', 50]],
};
/** Border: land ports and rail. Quebec goes mostly (~88% of at-port claims, ~98% of crossers) to Lacolle. */
const BORDER_WEIGHTS: Partial<Record<Province, readonly WeightRow[]>> = {
  QC: [['QC-LACOLLE', 88], ['QC-LACOLLE-221', 1.5], ['QC-LACOLLE-223', 2], ['QC-HEMMINGFORD', 1.5], ['QC-STANSTEAD-55', 3], ['QC-STANSTEAD-143', 0.5], ['QC-SAINT-ARMAND', 2.5], ['QC-RAIL', 1]],
  ON: [['ON-PEACE-BRIDGE', 50], ['ON-RAINBOW-BRIDGE', 8], ['ON-QUEENSTON-LEWISTON', 12], ['ON-LANSDOWNE', 6], ['ON-AMBASSADOR-BRIDGE', 8], ['ON-WINDSOR-TUNNEL', 3], ['ON-BLUE-WATER-BRIDGE', 5], ['ON-CORNWALL', 2], ['ON-PRESCOTT', 1], ['ON-SAULT-STE-MARIE', 1], ['ON-FORT-FRANCES', 1], ['ON-RAIL', 3]],
  AB: [['AB-COUTTS', 85], ['AB-CARWAY', 15]],
  BC: [['BC-DOUGLAS', 30], ['BC-PACIFIC-HIGHWAY', 40], ['BC-ALDERGROVE', 5], ['BC-ABBOTSFORD-HUNTINGDON', 8], ['BC-BOUNDARY-BAY', 4], ['BC-OSOYOOS', 4], ['BC-KINGSGATE', 3], ['BC-RAIL', 6]],
  NB: [['NB-ST-STEPHEN', 45], ['NB-ST-STEPHEN-3RD-BRIDGE', 15], ['NB-WOODSTOCK-ROAD', 25], ['NB-EDMUNDSTON', 15]],
  YT: [['YT-BEAVER-CREEK', 60], ['YT-FRASER', 40]],
  // No land border: the few "Border" claimants of these provinces are put at ferry/marine ports.
  NL: [['NL-ST-JOHNS-MARINE', 1]],
  NS: [['NS-YARMOUTH-MARINE', 60], ['NS-HALIFAX-MARINE', 40]],
};
/** Irregular crossers: where the RCMP brings them (Roxham Road → Saint-Bernard-de-Lacolle). */
const CROSSER_WEIGHTS: Partial<Record<Province, readonly WeightRow[]>> = {
  QC: [['QC-LACOLLE', 98], ['QC-HEMMINGFORD', 1], ['QC-STANSTEAD-55', 0.5], ['QC-SAINT-ARMAND', 0.5]],
  ON: [['ON-PEACE-BRIDGE', 40], ['ON-LANSDOWNE', 20], ['ON-CORNWALL', 20], ['ON-AMBASSADOR-BRIDGE', 20]],
  BC: [['BC-PACIFIC-HIGHWAY', 50], ['BC-DOUGLAS', 30], ['BC-ALDERGROVE', 10], ['BC-BOUNDARY-BAY', 10]],
};
const INLAND_WEIGHTS: Partial<Record<Province, readonly WeightRow[]>> = {
  QC: [['QC-MONTREAL-IRCC', 85], ['QC-MONTREAL-CBSA', 15]],
  ON: [['ON-ETOBICOKE-IRCC', 45], ['ON-MISSISSAUGA-CBSA', 15], ['ON-OTTAWA-IRCC', 10], ['ON-NIAGARA-FALLS-IRCC', 8], ['ON-FORT-ERIE-CBSA', 6], ['ON-HAMILTON-IRCC', 8], ['ON-WINDSOR-IRCC', 8]],
  BC: [['BC-VANCOUVER-IRCC', 75], ['BC-VANCOUVER-CBSA', 25]],
  AB: [['AB-CALGARY-IRCC', 55], ['AB-EDMONTON-IRCC', 45]],
};
/** "Other Offices" → marine ports (see OFFICE_TYPE_INFO.MARINE). */
const MARINE_WEIGHTS: readonly WeightRow[] = [
  ['NS-HALIFAX-MARINE', 25], ['BC-VANCOUVER-MARINE', 25], ['QC-MONTREAL-MARINE', 15], ['NB-SAINT-JOHN-MARINE', 8],
  ['NL-ST-JOHNS-MARINE', 8], ['NS-YARMOUTH-MARINE', 4], ['QC-QUEBEC-MARINE', 8], ['BC-PRINCE-RUPERT-MARINE', 7],
];

/** RPD median delay (days) from referral to decision, by referral year (backlog growth). */
const RPD_MEDIAN_DAYS: Readonly<Record<number, number>> = {
  2015: 150, 2016: 210, 2017: 330, 2018: 540, 2019: 600, 2020: 520, 2021: 420, 2022: 480, 2023: 600, 2024: 720, 2025: 760,
};
/** Share of IRB "other" finalizations that are abandonments (the rest: withdrawn and other). */
function abandonedShareOfOther(year: number): number {
  return year <= 2022 ? 0.2 : year === 2023 ? 0.4 : 0.6;
}
/** Probability that a child of a non-US family arriving from the US is US-born (citizenships ['USA', X]). */
function usBornChildProbability(year: number, fromUsBorder: boolean): number {
  if (!fromUsBorder) return 0.01;
  // Tuned so that persons with a first citizenship USA come close to IRCC's yearly USA counts.
  const q: Record<number, number> = { 2015: 0.05, 2016: 0.08, 2017: 0.25, 2018: 0.15, 2019: 0.14, 2020: 0.1, 2021: 0.06, 2022: 0.045, 2023: 0.03, 2024: 0.03 };
  return q[year] ?? 0.08;
}
/** Share of US citizens in the published USA count who are principals (the rest: US-born children). */
const USA_PRINCIPAL_FRACTION = 0.15;

// ─────────────────────────────────── Prepared context ───────────────────────────────────
interface Context {
  data: DemoData;
  offices: ReadonlyMap<string, Office>;
  airport: Map<Province, Weighted<Office>>;
  border: Map<Province, Weighted<Office>>;
  crosser: Map<Province, Weighted<Office>>;
  inland: Map<Province, Weighted<Office>>;
  marine: Weighted<Office>;
  groupSize: Map<IrccOfficeCategory, Weighted<number>>;
  citizenship: Map<number, Weighted<string>>;
  /** Acceptance intercept (log-odds) by decision year, calibrated to the IRB merits rate. */
  acceptanceIntercept: Map<number, number>;
  firstDataYear: number;
  lastDataYear: number;
  borderCell: Map<Province, number>;
  inlandCell: Map<Province, number>;
  postProtocolCrosserShare: Map<Province, number>;
}

function officeTable(rows: readonly WeightRow[], offices: ReadonlyMap<string, Office>): Weighted<Office> {
  return new Weighted(
    rows.map(([code, w]) => {
      const o = offices.get(code);
      if (!o) throw new Error(`Unknown office code in demo weights: ${code}`);
      return [o, w] as const;
    }),
  );
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

let cachedContext: Context | undefined;

function buildContext(): Context {
  if (cachedContext) return cachedContext;
  const data = loadDemoData();
  const offices = new Map(OFFICES.map((o) => [o.code, o]));
  const byTypeProvince = (types: readonly OfficeType[], p: Province): WeightRow[] =>
    OFFICES.filter((o) => types.includes(o.type) && o.province === p).map((o) => [o.code, 1] as const);

  const airport = new Map<Province, Weighted<Office>>();
  const border = new Map<Province, Weighted<Office>>();
  const crosser = new Map<Province, Weighted<Office>>();
  const inland = new Map<Province, Weighted<Office>>();
  const provinces = new Set<Province>(OFFICES.flatMap((o) => (o.province ? [o.province] : [])));
  for (const p of provinces) {
    const a = AIRPORT_WEIGHTS[p] ?? byTypeProvince(['AIRPORT'], p);
    if (a.length) airport.set(p, officeTable(a, offices));
    const b = BORDER_WEIGHTS[p] ?? byTypeProvince(['LAND_POE', 'RAIL'], p);
    if (b.length) border.set(p, officeTable(b, offices));
    const c = CROSSER_WEIGHTS[p] ?? byTypeProvince(['LAND_POE'], p);
    if (c.length) crosser.set(p, officeTable(c, offices));
    const i = INLAND_WEIGHTS[p] ?? byTypeProvince(['INLAND_OFFICE'], p);
    if (i.length) inland.set(p, officeTable(i, offices));
  }
  // Every published series must have somewhere to go.
  for (const cell of data.cells) {
    if (cell.province === null) continue;
    const table = cell.category === 'Airport' ? airport : cell.category === 'Border' ? border : inland;
    if (!table.has(cell.province)) throw new Error(`No ${cell.category} office in ${cell.province}`);
  }

  const groupSize = new Map<IrccOfficeCategory, Weighted<number>>();
  for (const c of ['Airport', 'Border', 'Inland', 'Other Offices'] as const) groupSize.set(c, groupSizeTable(c));

  // Principal citizenship by claim year: the published top 25 (USA reduced to its principals), and
  // the remainder of the year's total spread over OTHER_CITIZENSHIPS.
  const citizenship = new Map<number, Weighted<string>>();
  const years = [...data.citizenshipByYear.keys()].sort((a, b) => a - b);
  const otherTotal = OTHER_CITIZENSHIPS.reduce((s, [, w]) => s + w, 0);
  const weightsByYear = new Map<number, [string, number][]>();
  for (const y of years) {
    const counts = data.citizenshipByYear.get(y) ?? new Map<string, number>();
    const total = data.totalByYear.get(y);
    if (total === undefined) throw new Error(`No yearly total for ${y}`);
    let top = 0;
    const entries: [string, number][] = [];
    for (const [code, n] of counts) {
      top += n;
      entries.push([code, code === 'USA' ? n * USA_PRINCIPAL_FRACTION : n]);
    }
    const rest = Math.max(0, total - top);
    for (const [code, w] of OTHER_CITIZENSHIPS) entries.push([code, (rest * w) / otherTotal]);
    weightsByYear.set(y, entries);
    citizenship.set(y, new Weighted(entries));
  }
  const firstDataYear = years[0] ?? 2015;
  const lastDataYear = years[years.length - 1] ?? 2025;

  // Acceptance intercepts: solve sum_c w_c * sigmoid(a + o_c) = published merits rate, with w the
  // principal mix of the year before the decision year (decisions lag claims by about a year).
  const acceptanceIntercept = new Map<number, number>();
  for (const [y, o] of data.outcomesByYear) {
    const target = o.accepted / (o.accepted + o.rejected);
    const mix = weightsByYear.get(Math.min(lastDataYear, Math.max(firstDataYear, y - 1))) ?? [];
    const wSum = mix.reduce((s, [, w]) => s + w, 0);
    const rate = (a: number): number => mix.reduce((s, [c, w]) => s + w * sigmoid(a + (ACCEPTANCE_LOG_ODDS[c] ?? 0)), 0) / wSum;
    let lo = -10;
    let hi = 10;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (rate(mid) < target) lo = mid;
      else hi = mid;
    }
    acceptanceIntercept.set(y, (lo + hi) / 2);
  }

  const borderCell = new Map<Province, number>();
  const inlandCell = new Map<Province, number>();
  data.cells.forEach((c, i) => {
    if (c.province && c.category === 'Border') borderCell.set(c.province, i);
    if (c.province && c.category === 'Inland') inlandCell.set(c.province, i);
  });
  const postProtocolCrosserShare = new Map<Province, number>();
  for (const [p, byMonth] of data.rcmpInterceptions) {
    let r = 0;
    let b = 0;
    for (let mi = monthIndex(2023, 4); mi <= Math.min(monthIndex(2023, 12), data.rcmpLastMonth, data.lastMonth); mi++) {
      r += byMonth.get(mi) ?? 0;
      b += data.values[mi - data.firstMonth]?.[borderCell.get(p) ?? -1] ?? 0;
    }
    if (b > 0) postProtocolCrosserShare.set(p, Math.min(0.95, r / b));
  }

  cachedContext = {
    data,
    borderCell,
    inlandCell,
    postProtocolCrosserShare,
    offices,
    airport,
    border,
    crosser,
    inland,
    marine: officeTable(MARINE_WEIGHTS, offices),
    groupSize,
    citizenship,
    acceptanceIntercept,
    firstDataYear,
    lastDataYear,
  };
  return cachedContext;
}

// ───────────────────────────── Irregular-crosser shares ─────────────────────────────
/**
 * Share of a cell's claimants who crossed between ports (RCMP interceptions), for Border and Inland
 * cells. Interceptions of the month are put first on the province's Border series (up to 95% of it),
 * the remainder on its Inland series (up to 90%): in 2017 and early 2018 IRCC counted Quebec's
 * Roxham Road claimants mostly as Inland. Before 2017 (no data kept): 3% of Border claims. After
 * 2023: the province's post-protocol share (interceptions ÷ Border claims, April–December 2023).
 */
function crosserShare(ctx: Context, cell: IrccCell, src: number, mi: number): number {
  const p = cell.province;
  if (p === null || (cell.category !== 'Border' && cell.category !== 'Inland')) return 0;
  const d = ctx.data;
  if (mi < d.rcmpFirstMonth) return cell.category === 'Border' ? 0.03 : 0;
  if (mi > d.rcmpLastMonth) return cell.category === 'Border' ? (ctx.postProtocolCrosserShare.get(p) ?? 0) : 0;
  const r = d.rcmpInterceptions.get(p)?.get(mi) ?? 0;
  if (r === 0) return 0;
  const vals = d.values[src - d.firstMonth];
  const b = vals?.[ctx.borderCell.get(p) ?? -1] ?? 0;
  const i = vals?.[ctx.inlandCell.get(p) ?? -1] ?? 0;
  const toBorder = Math.min(r, 0.95 * b);
  if (cell.category === 'Border') return b > 0 ? toBorder / b : 0;
  const rest = r - toBorder;
  return i > 0 ? Math.min(rest, 0.9 * i) / i : 0;
}

function onlineShare(mi: number): number {
  if (mi < ONLINE_FROM) return 0;
  const t = Math.min(1, (mi - ONLINE_FROM) / (ONLINE_FULL - ONLINE_FROM));
  return 0.15 + 0.5 * t;
}

// ──────────────────────────────────── Group builder ────────────────────────────────────
interface Channel {
  office: Office;
  province?: Province;
  crosser: boolean;
  /** Late between-ports claimant (claims inland more than 14 days after crossing). */
  lateCrosser: boolean;
}

function chooseChannel(ctx: Context, cell: IrccCell, mi: number, crosserP: number, inlandProvinces: Weighted<Province> | undefined, rng: Rng): Channel {
  const crosser = rng.chance(crosserP);
  const u = rng.next();
  const p = cell.province;
  switch (cell.category) {
    case 'Airport':
      return { office: (ctx.airport.get(p as Province) as Weighted<Office>).sample(rng), crosser: false, lateCrosser: false };
    case 'Border': {
      const table = crosser ? (ctx.crosser.get(p as Province) ?? ctx.border.get(p as Province)) : ctx.border.get(p as Province);
      const office = (table as Weighted<Office>).sample(rng);
      return { office, crosser: crosser && office.type === 'LAND_POE', lateCrosser: false };
    }
    case 'Other Offices':
      return { office: ctx.marine.sample(rng), crosser: false, lateCrosser: false };
    case 'Inland': {
      const online = ctx.offices.get('ONLINE') as Office;
      if (cell.notStated || p === null) {
        const prov = inlandProvinces ? inlandProvinces.sample(rng) : 'ON';
        return { office: online, province: prov, crosser: false, lateCrosser: false };
      }
      if (crosser) return { office: (ctx.inland.get(p) as Weighted<Office>).sample(rng), crosser: true, lateCrosser: false };
      const lateCrosser = mi >= monthIndex(2023, 4) && (p === 'QC' || p === 'ON' || p === 'BC' || p === 'MB') && u < 0.02;
      if (rng.chance(onlineShare(mi))) return { office: online, province: p, crosser: false, lateCrosser };
      return { office: (ctx.inland.get(p) as Weighted<Office>).sample(rng), crosser: false, lateCrosser };
    }
  }
}

interface MemberDraft {
  relationship: Relationship;
  sex: Sex;
  age: number;
  /** Day of birth, when fixed before the age (children). */
  dob?: number;
  usBorn: boolean;
}

function sampleAge(rng: Rng, min: number, max: number, median: number, sigma: number): number {
  for (let k = 0; k < 8; k++) {
    const a = Math.floor(min + rng.logNormal(median - min, sigma));
    if (a >= min && a <= max) return a;
  }
  return rng.int(min, max);
}

function dobForAge(claimDay: number, age: number, rng: Rng): number {
  const earliest = yearsBefore(claimDay, age + 1) + 1;
  const latest = yearsBefore(claimDay, age);
  return rng.int(earliest, latest);
}

function buildGroup(ctx: Context, channel: Channel, size: number, claimDay: number, toDay: number, rng: Rng): DemoGroup {
  const claimYear = yearOfDay(claimDay);
  const dataYear = Math.min(ctx.lastDataYear, Math.max(ctx.firstDataYear, claimYear));
  const office = channel.office;
  const fromUsBorder = office.type === 'LAND_POE' || office.type === 'RAIL' || channel.crosser;

  // ── Who ──
  const rels = composition(size, rng);
  const hasSpouse = rels.includes('SPOUSE');
  const nChildren = rels.filter((r) => r === 'CHILD').length;
  const principalCitizenship = (ctx.citizenship.get(dataYear) as Weighted<string>).sample(rng);
  const principalSex: Sex = rng.chance(0.002) ? 'X' : !hasSpouse && nChildren > 0 ? (rng.chance(0.75) ? 'F' : 'M') : rng.chance(0.6) ? 'M' : 'F';
  const principalAge = nChildren > 0 ? sampleAge(rng, 20, 60, 34, 0.35) : sampleAge(rng, 18, 70, 31, 0.5);
  const qUsBorn = principalCitizenship === 'USA' ? 0 : usBornChildProbability(claimYear, fromUsBorder);
  // Children: the eldest first, then one birth every 10 months to 4 years (twins when none fits).
  const childDobs: number[] = [];
  if (nChildren > 0) {
    const maxAge = Math.max(0, Math.min(17, principalAge - 19)); // parent at least 18 at the birth
    let dob = dobForAge(claimDay, rng.int(Math.min(maxAge, nChildren - 1), maxAge), rng);
    childDobs.push(dob);
    for (let k = 1; k < nChildren; k++) {
      const next = dob + rng.int(300, 1500);
      if (next <= claimDay) dob = next;
      childDobs.push(dob);
    }
  }
  const eldestChildAge = childDobs.length > 0 ? ageOn(childDobs[0] as number, claimDay) : 0;
  let childIndex = 0;
  const drafts: MemberDraft[] = rels.map((relationship, idx) => {
    if (idx === 0) return { relationship, sex: principalSex, age: principalAge, usBorn: false };
    switch (relationship) {
      case 'SPOUSE': {
        const sex: Sex = principalSex === 'M' ? 'F' : principalSex === 'F' ? 'M' : rng.chance(0.5) ? 'F' : 'M';
        const age = Math.max(18, eldestChildAge + 19, Math.min(80, principalAge + Math.round(rng.normal() * 4) + (principalSex === 'M' ? -2 : 2)));
        return { relationship, sex, age, usBorn: false };
      }
      case 'CHILD': {
        const dob = childDobs[childIndex++] as number;
        return { relationship, sex: rng.chance(0.5) ? 'F' : 'M', age: ageOn(dob, claimDay), dob, usBorn: rng.chance(qUsBorn) };
      }
      case 'PARENT':
        return { relationship, sex: rng.chance(0.6) ? 'F' : 'M', age: Math.min(90, principalAge + rng.int(20, 35)), usBorn: false };
      default:
        return { relationship, sex: rng.chance(0.5) ? 'F' : 'M', age: Math.max(16, principalAge + rng.int(-8, 8)), usBorn: false };
    }
  });

  const stateless = principalCitizenship === 'XXA';
  const persecution = stateless ? rng.pick(STATELESS_FORMER_RESIDENCE) : principalCitizenship;
  const familyName = demoFamilyName(rng);
  const principalLanguages = pickLanguages(stateless ? persecution : principalCitizenship, rng);
  const firstLang = principalLanguages[0] ?? 'en';
  const officialFallback = office.province === 'QC' || channel.province === 'QC' ? 'fr' : 'en';
  const needsInterpreter = firstLang !== 'en' && firstLang !== 'fr' && rng.chance(0.85);
  if (!needsInterpreter && !principalLanguages.includes('en') && !principalLanguages.includes('fr')) principalLanguages.push(officialFallback);

  const members: GroupMemberInput[] = drafts.map((d, idx) => {
    const dob = d.dob ?? dobForAge(claimDay, d.age, rng);
    const citizenships = d.usBorn ? ['USA', principalCitizenship] : [principalCitizenship];
    let languages = [...principalLanguages];
    if (d.usBorn && d.age >= 3) languages = ['en', ...languages.filter((l) => l !== 'en')];
    const interpreter = d.usBorn || (d.relationship === 'CHILD' && d.age < 12) ? null : needsInterpreter ? firstLang : null;
    const documents: IdentityDocument[] = [];
    const issuer = d.usBorn ? 'USA' : stateless ? persecution : principalCitizenship;
    const r = rng.next();
    let docType: DocumentType | null;
    if (stateless) docType = r < 0.6 ? 'TRAVEL_DOCUMENT' : null;
    else if (idx === 0) docType = r < 0.85 ? 'PASSPORT' : r < 0.92 ? 'NATIONAL_ID' : null;
    else if (d.relationship === 'CHILD') docType = r < (d.usBorn ? 0.6 : 0.5) ? 'PASSPORT' : r < 0.75 ? 'BIRTH_CERTIFICATE' : null;
    else docType = r < 0.8 ? 'PASSPORT' : r < 0.88 ? 'NATIONAL_ID' : null;
    if (docType) documents.push(demoDocument(docType, issuer, rng));
    const ownName = d.relationship !== 'CHILD' && idx > 0 && rng.chance(0.4);
    const m: GroupMemberInput = {
      relationship: d.relationship,
      familyName: ownName ? demoFamilyName(rng) : familyName,
      givenNames: demoGivenNames(d.sex, rng),
      dateOfBirth: isoFromDay(dob),
      sex: d.sex,
      citizenships: stateless ? ['XXA'] : citizenships,
      documents,
      languages,
      interpreterLanguage: interpreter,
    };
    if (d.usBorn) m.persecutionCountries = ['USA'];
    return m;
  });

  // ── Arrival ──
  const youngestAgeDays = Math.min(...members.map((m) => claimDay - parseIsoDay(m.dateOfBirth)));
  let arrival: Arrival;
  let arrivalDay: number;
  const entryDraw = Math.round(rng.logNormal(150, 1.2));
  const crossDraw = rng.next();
  if (channel.crosser) {
    const back = office.type === 'INLAND_OFFICE' ? rng.int(0, 21) : crossDraw < 0.7 ? 0 : crossDraw < 0.9 ? 1 : 2;
    arrivalDay = claimDay - Math.min(back, youngestAgeDays);
    arrival = { manner: 'BETWEEN_PORTS', crossingDate: isoFromDay(arrivalDay) };
  } else if (channel.lateCrosser) {
    arrivalDay = claimDay - Math.min(15 + Math.floor(crossDraw * 106), youngestAgeDays);
    arrival = { manner: 'BETWEEN_PORTS', crossingDate: isoFromDay(arrivalDay) };
  } else if (office.type === 'INLAND_OFFICE' || office.type === 'ONLINE') {
    arrivalDay = claimDay - Math.min(Math.max(2, Math.min(4380, entryDraw)), youngestAgeDays);
    arrival = { manner: 'INLAND', entryDate: isoFromDay(arrivalDay) };
  } else {
    arrivalDay = claimDay;
    arrival = { manner: 'AT_PORT_OF_ENTRY' };
  }

  const intake: IntakeInput = {
    officeCode: office.code,
    claimDate: isoFromDay(claimDay),
    arrival,
    persecutionCountries: [persecution],
    members,
  };
  if (office.type === 'ONLINE') intake.province = channel.province ?? 'ON';

  // ── Path (shared by all members) ──
  const steps: Array<{ day: number; event: Omit<DemoEvent, 'effectiveDate'> }> = [];
  const officerRole = office.agency === 'CBSA' ? 'CBSA_OFFICER' : 'IRCC_OFFICER';
  steps.push({ day: claimDay, event: { type: 'eligibility.examination_started', actor: { role: officerRole } } });

  // Eligibility decision date.
  const rE = rng.next();
  let eligDay: number;
  if (OFFICES_POE.has(office.type)) eligDay = claimDay + (rE < 0.75 ? 0 : 1 + Math.floor(rng.next() * 3));
  else if (claimDay < BIA_2019) eligDay = claimDay + Math.floor(rE * 4);
  else if (office.type === 'ONLINE') eligDay = claimDay + Math.round(Math.min(400, Math.max(3, rng.logNormal(45, 0.9))));
  else if (office.agency === 'CBSA') eligDay = claimDay + Math.floor(rE * 15);
  else eligDay = claimDay + Math.round(Math.min(240, Math.max(1, rng.logNormal(21, 0.8))));

  // Ineligibility.
  const rI = rng.next();
  const principalIsUs = principalCitizenship === 'USA';
  let grounds: string[] = [];
  if (claimDay >= C12_APPLIES_FROM && arrival.manner === 'INLAND' && arrivalDay > B1_ENTRY_AFTER && yearsBefore(claimDay, 1) > arrivalDay) {
    grounds = ['EL-B1'];
    eligDay = Math.max(eligDay, C12_IN_FORCE);
  } else if (claimDay >= C12_APPLIES_FROM && arrival.manner === 'BETWEEN_PORTS' && claimDay - arrivalDay > 14) {
    grounds = ['EL-B2'];
    eligDay = Math.max(eligDay, C12_IN_FORCE);
  } else if (arrival.manner === 'BETWEEN_PORTS' && claimDay >= STCA_PROTOCOL && claimDay - arrivalDay <= 14 && !principalIsUs && rI < 0.4) {
    grounds = ['EL-E'];
  } else if ((office.type === 'LAND_POE' || office.type === 'RAIL') && arrival.manner === 'AT_PORT_OF_ENTRY' && !principalIsUs && rI < 0.12) {
    grounds = ['EL-E'];
  } else if (rI > 0.99) {
    grounds = ['EL-C'];
  }

  // RPD path draws (made whether or not the claim gets there, for stable streams).
  const bocDelay = eligDay >= BOC_45_DAYS ? rng.int(10, 45) : rng.int(5, 15);
  const refYear = Math.min(2025, Math.max(2015, yearOfDay(eligDay)));
  const median = RPD_MEDIAN_DAYS[refYear] ?? 600;
  const rpdDelay = Math.round(Math.min(2200, Math.max(45, rng.logNormal(median, 0.45))));
  const rOther = rng.next();
  const rMerits = rng.next();
  const rAbandon = rng.next();
  const rBasis = rng.next();
  const rFlag = rng.next();
  const issue = rng.pick(DETERMINATIVE_ISSUES);
  const receiptDelay = rng.int(2, 10);
  const conferralDelay = rng.int(16, 45);

  if (grounds.length > 0) {
    steps.push({
      day: eligDay,
      event: {
        type: 'eligibility.ineligible',
        actor: { role: officerRole },
        noticeDate: isoFromDay(eligDay),
        reasons: `Synthetic demo decision. ${grounds.map((g) => GROUND_TEXT[g]).join('; ')}.`,
        details: { grounds },
      },
    });
  } else {
    steps.push({ day: eligDay, event: { type: 'eligibility.eligible_referred', actor: { role: officerRole }, noticeDate: isoFromDay(eligDay) } });
    const inlandClaim = office.type === 'INLAND_OFFICE' || office.type === 'ONLINE';
    const bocDay = inlandClaim ? eligDay : eligDay + bocDelay;
    steps.push({ day: bocDay, event: { type: 'boc.received', actor: { role: 'RPD' } } });
    const decisionDay = Math.max(eligDay + rpdDelay, bocDay + 14);
    const dy = Math.min(2025, Math.max(2015, yearOfDay(decisionDay)));
    const o = ctx.data.outcomesByYear.get(dy) ?? { accepted: 1, rejected: 1, other: 0 };
    const pOther = o.other / (o.accepted + o.rejected + o.other);
    const notice = isoFromDay(decisionDay);
    if (rOther < pOther) {
      if (rAbandon < abandonedShareOfOther(dy)) {
        steps.push({
          day: decisionDay,
          event: {
            type: 'rpd.declared_abandoned',
            actor: { role: 'RPD' },
            noticeDate: notice,
            reasons: 'Synthetic demo decision: the claimant failed to appear at the hearing and at the special hearing on abandonment.',
          },
        });
      } else {
        steps.push({ day: decisionDay, event: { type: 'claimant.withdrew', actor: { role: 'CLAIMANT' }, noticeDate: notice } });
      }
    } else {
      const a = ctx.acceptanceIntercept.get(dy) ?? 0;
      const pAccept = sigmoid(a + (ACCEPTANCE_LOG_ODDS[principalCitizenship] ?? 0));
      if (rMerits < pAccept) {
        steps.push({
          day: decisionDay,
          event: { type: 'rpd.accepted', actor: { role: 'RPD' }, noticeDate: notice, details: { basis: rBasis < 0.85 ? 'S96' : 'S97' } },
        });
        steps.push({ day: decisionDay + conferralDelay, event: { type: 'protection.conferred', actor: { role: 'RPD' } } });
      } else {
        const receivedDay = decisionDay + receiptDelay;
        const flags = rFlag < 0.04 ? ['NCB'] : rFlag < 0.05 ? ['MUF'] : [];
        steps.push({
          day: decisionDay,
          event: {
            type: 'rpd.rejected',
            actor: { role: 'RPD' },
            noticeDate: notice,
            receivedDate: receivedDay <= toDay ? isoFromDay(receivedDay) : null,
            reasons: `Synthetic demo decision: claim rejected; determinative issue ${issue}.`,
            details: { flags, determinativeIssues: [issue] },
          },
        });
      }
    }
  }

  const events: DemoGroup['events'] = [];
  for (const s of steps) {
    if (s.day > toDay) break;
    const { type, actor, ...rest } = s.event;
    const event: DemoEvent = { type, actor, effectiveDate: isoFromDay(s.day), ...rest };
    for (let mIdx = 0; mIdx < members.length; mIdx++) events.push({ memberIndex: mIdx, event: mIdx === 0 ? event : { ...event } });
  }
  return { intake, events };
}

const OFFICES_POE: ReadonlySet<OfficeType> = new Set<OfficeType>(['AIRPORT', 'LAND_POE', 'MARINE', 'RAIL']);

// ─────────────────────────────────────── Driver ───────────────────────────────────────
function validate(options: DemoOptions): { seed: number; scale: number; fromDay: number; toDay: number } {
  const { seed, to } = options;
  const scale = options.scale ?? 0.02;
  const from = options.from ?? '2015-01-01';
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const fromDay = parseIsoDay(from);
  const toDay = parseIsoDay(to);
  if (toDay < fromDay) throw new RangeError(`to (${to}) is before from (${from})`);
  return { seed, scale, fromDay, toDay };
}

/**
 * Streams synthetic family groups in claim-date order, each with its claim history up to `to`.
 * Options are checked when called (RangeError); the groups are produced lazily.
 */
export function generateDemo(options: DemoOptions): Generator<DemoGroup, void, undefined> {
  const v = validate(options);
  const ctx = buildContext();
  return run(ctx, v.seed, v.scale, v.fromDay, v.toDay);
}

function* run(ctx: Context, seed: number, scale: number, fromDay: number, toDay: number): Generator<DemoGroup, void, undefined> {
  const d = ctx.data;
  const offset = new Rng(deriveSeed(seed, 0x524f554e)).next(); // systematic-rounding offset u
  const [fy, fm] = civilFromDay(fromDay);
  const [ty, tm] = civilFromDay(toDay);
  let cumulative = 0;
  let emittedUpTo = Math.floor(offset);
  const inlandCells = d.cells.map((c, i) => [c, i] as const).filter(([c]) => c.category === 'Inland' && c.province !== null);

  for (let mi = monthIndex(fy, fm); mi <= monthIndex(ty, tm); mi++) {
    const src = sourceMonth(mi, d.firstMonth, d.lastMonth);
    if (src === undefined) continue;
    const [y, m] = monthOfIndex(mi);
    const monthStart = dayFromCivil(y, m, 1);
    const dim = daysInMonth(y, m);
    const firstDay = Math.max(monthStart, fromDay);
    const lastDay = Math.min(monthStart + dim - 1, toDay);
    const covered = lastDay - firstDay + 1;
    if (covered <= 0) continue;
    const fraction = covered / dim;
    const vals = d.values[src - d.firstMonth] as Float64Array;
    const rng = new Rng(deriveSeed(seed, 0x4d4f4e54, mi));

    // Province of online claims whose province IRCC did not state: as the month's inland claims.
    const inlandMix = inlandCells.map(([c, i]) => [c.province as Province, vals[i] ?? 0] as const);
    const inlandProvinces = inlandMix.some(([, w]) => w > 0) ? new Weighted<Province>(inlandMix) : undefined;

    const pending: Array<{ day: number; seq: number; group: DemoGroup }> = [];
    let seq = 0;
    for (let ci = 0; ci < d.cells.length; ci++) {
      const cell = d.cells[ci] as IrccCell;
      cumulative += (vals[ci] ?? 0) * scale * fraction;
      const upTo = Math.floor(cumulative + offset);
      let persons = upTo - emittedUpTo;
      emittedUpTo = upTo;
      if (persons <= 0) continue;
      const crosserP = crosserShare(ctx, cell, src, mi);
      const sizes = ctx.groupSize.get(cell.category) as Weighted<number>;
      while (persons > 0) {
        const size = Math.min(persons, sizes.sample(rng));
        persons -= size;
        const claimDay = firstDay + Math.floor(rng.next() * covered);
        const channel = chooseChannel(ctx, cell, mi, crosserP, inlandProvinces, rng);
        pending.push({ day: claimDay, seq: seq++, group: buildGroup(ctx, channel, size, claimDay, toDay, rng) });
      }
    }
    pending.sort((a, b) => a.day - b.day || a.seq - b.seq);
    for (const p of pending) yield p.group;
  }
}
