import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './engine.ts';
import { fixtureHolidays, referredPoe, rejected } from './fixtures.ts';
import { CANADA_DEADLINE_RULES } from './rules.ts';
import type { Deadline, DeadlineContext, DeadlineEvent } from './types.ts';
import type { Province } from '../intake/types.ts';

function run(events: DeadlineEvent[], asOf: string, province: Province = 'ON', extra: Partial<DeadlineContext> = {}): Deadline[] {
  return computeDeadlines(events, { province, asOf, ...extra }, CANADA_DEADLINE_RULES, fixtureHolidays);
}

function pick(ds: Deadline[], id: string): Deadline {
  const d = ds.find((x) => x.ruleId === id);
  if (!d) throw new Error(`no ${id} among ${ds.map((x) => x.ruleId).join(', ')}`);
  return d;
}

const RAD_JULY = rejected({ decided: '2026-07-03', noticeDate: '2026-07-03' });

describe('domain.md §4.4 worked examples', () => {
  const referral = run(referredPoe('2026-06-01'), '2026-06-01');
  const rad = run(RAD_JULY, '2026-07-10');

  it.each([
    // [rule, regulatoryDue, safe, latestIfRolls, rollUnclear]
    ['D02', '2026-06-16', '2026-07-16', null, false], // regulatory 15 days → Tue 06-16; practice 45 → Thu 07-16
    ['D03', undefined, '2026-07-13', null, false], // ≥3 working days before Thu 07-16 → Mon 07-13
    ['D04', undefined, '2026-07-23', null, false], // ≤5 working days after 07-16 → Thu 07-23
  ] as const)('referral Mon 2026-06-01: %s', (id, regulatoryDue, safe, latest, unclear) => {
    const d = pick(referral, id);
    expect(d.regulatoryDue).toBe(regulatoryDue);
    expect(d.due).toMatchObject({ safe, latestIfRolls: latest, rollUnclear: unclear });
  });

  it('the special hearing is shown as conditional while the BOC is outstanding', () => {
    expect(pick(referral, 'D04')).toMatchObject({ status: 'OPEN', conditional: true });
    expect(pick(referral, 'D02')).toMatchObject({ status: 'OPEN', daysRemaining: 45 });
  });

  // The spec: reasons mailed Fri 07-03, deemed received 7 days later (Fri 07-10); the notice is due 15 days
  // after receipt = Sat 07-25. Saturday is not an IA "holiday" ❓, so the engine shows the conservative
  // Fri 07-24 as the safe date and Mon 07-27 as the latest if the roll applies, flagged. The spec calls 07-24
  // "(no roll)": acting on the last day the office is open before the counted day relies on no roll at all.
  it('RAD notice: deemed receipt 2026-07-10, counted day Sat 07-25, safe Fri 07-24, latest Mon 07-27 (flagged)', () => {
    const d = pick(rad, 'D09');
    expect(d.trigger).toEqual({ event: 'rpd.rejected', date: '2026-07-10', deemed: true });
    expect(d.due).toEqual({ nominal: '2026-07-25', safe: '2026-07-24', latestIfRolls: '2026-07-27', rollUnclear: true });
    expect(d.status).toBe('OPEN');
    expect(d.explanation.en).toContain('Fri 2026-07-24');
    expect(d.explanation.en).toContain('Mon 2026-07-27');
    expect(d.explanation.fr).toContain('sam. 2026-07-25');
  });

  it('RAD perfection: 45 days after 2026-07-10 → Mon 2026-08-24 (regulation: 30 days → Sun 08-09)', () => {
    const d = pick(rad, 'D10');
    expect(d.due).toMatchObject({ safe: '2026-08-24', latestIfRolls: null });
    expect(d.regulatoryDue).toBe('2026-08-09');
    expect(d.regulatory).toMatchObject({ safe: '2026-08-07', latestIfRolls: '2026-08-10' });
  });

  it('a recorded receipt is used as is and not flagged deemed', () => {
    const d = pick(run(rejected({ decided: '2026-07-03', noticeDate: '2026-07-03', receivedDate: '2026-07-10' }), '2026-07-10'), 'D09');
    expect(d.trigger.deemed).toBe(false);
    expect(d.due.safe).toBe('2026-07-24');
  });

  it('deemed receipt on a weekend moves to the next working day (7 days after Sat 2026-07-04 → Mon 07-13)', () => {
    const d = pick(run(rejected({ decided: '2026-07-04', noticeDate: '2026-07-04' }), '2026-07-13'), 'D09');
    expect(d.trigger.date).toBe('2026-07-13');
  });
});

describe('last day on a weekend or holiday (RAD notice, 15 days after receipt)', () => {
  it.each([
    // [received, province, nominal, safe, latestIfRolls, rollUnclear]
    ['2026-07-11', 'ON', '2026-07-26', '2026-07-24', '2026-07-27', false], // Sunday: IA s.26 clearly rolls to Monday
    ['2026-06-16', 'ON', '2026-07-01', '2026-06-30', '2026-07-02', false], // Canada Day
    ['2026-06-16', 'QC', '2026-07-01', '2026-06-30', '2026-07-02', false],
    ['2026-09-27', 'ON', '2026-10-12', '2026-10-09', '2026-10-13', false], // Thanksgiving (Monday)
    ['2026-09-15', 'ON', '2026-09-30', '2026-09-29', '2026-10-01', false], // National Day for Truth and Reconciliation
    ['2026-06-09', 'QC', '2026-06-24', '2026-06-23', '2026-06-25', false], // Fête nationale: a holiday in QC ...
    ['2026-06-09', 'ON', '2026-06-24', '2026-06-24', null, false], //        ... an ordinary Wednesday in ON
    ['2026-03-19', 'ON', '2026-04-03', '2026-04-02', '2026-04-07', true], // Good Friday → Saturday (unsettled) → Easter Monday → Tue
    ['2026-07-10', 'ON', '2026-07-25', '2026-07-24', '2026-07-27', true], // Saturday
    ['2026-07-08', 'ON', '2026-07-23', '2026-07-23', null, false], // a plain Thursday
  ] as const)('received %s (%s) → counted %s, safe %s, latest %s, unclear %s', (received, province, nominal, safe, latest, unclear) => {
    const d = pick(run(rejected({ decided: received, receivedDate: received }), received, province), 'D09');
    expect(d.due).toEqual({ nominal, safe, latestIfRolls: latest, rollUnclear: unclear });
  });

  it('a deployment can settle a CONFIGURABLE roll (rollResolution)', () => {
    const events = rejected({ decided: '2026-07-10', receivedDate: '2026-07-10' });
    const none = pick(run(events, '2026-07-10', 'ON', { rollResolution: { D09: 'NONE' } }), 'D09');
    expect(none.due).toEqual({ nominal: '2026-07-25', safe: '2026-07-24', latestIfRolls: '2026-07-25', rollUnclear: false });
    const next = pick(run(events, '2026-07-10', 'ON', { rollResolution: { D09: 'NEXT_WORKING_DAY' } }), 'D09');
    expect(next.due).toEqual({ nominal: '2026-07-25', safe: '2026-07-24', latestIfRolls: '2026-07-27', rollUnclear: false });
  });

  it('working days skip the Quebec holiday only for a Quebec office (no-show special hearing)', () => {
    const events: DeadlineEvent[] = [...referredPoe('2026-03-02'), { type: 'boc.received', effectiveDate: '2026-03-10' }, { type: 'rpd.no_show', effectiveDate: '2026-06-19' }];
    expect(pick(run(events, '2026-06-19', 'QC'), 'D05').due.safe).toBe('2026-06-29');
    expect(pick(run(events, '2026-06-19', 'ON'), 'D05').due.safe).toBe('2026-06-26');
  });

  it('BOC extension request counts working days back past Canada Day', () => {
    // Referral 2026-05-20 → BOC (45 days) Sat 07-04: safe Fri 07-03, latest Mon 07-06.
    const ds = run(referredPoe('2026-05-20'), '2026-05-20');
    expect(pick(ds, 'D02').due).toEqual({ nominal: '2026-07-04', safe: '2026-07-03', latestIfRolls: '2026-07-06', rollUnclear: true });
    // 3 working days before Fri 07-03, skipping Wed 07-01: Thu 07-02, Tue 06-30, Mon 06-29.
    expect(pick(ds, 'D03').due).toMatchObject({ safe: '2026-06-29', latestIfRolls: '2026-06-30', rollUnclear: true });
  });
});

describe('Federal Court deadlines (FED_COURTS calendar)', () => {
  it('Saturday is a Federal Courts holiday: the roll is clear', () => {
    const d = pick(run(rejected({ decided: '2026-07-03', receivedDate: '2026-07-03' }, ['NCB']), '2026-07-03'), 'D13');
    expect(d.due).toEqual({ nominal: '2026-07-18', safe: '2026-07-17', latestIfRolls: '2026-07-20', rollUnclear: false });
    expect(d.status).toBe('OPEN');
  });

  it('the recess may or may not stretch the statutory 15 days: both dates, flagged', () => {
    const d = pick(run(rejected({ decided: '2026-12-10', receivedDate: '2026-12-10' }, ['MUF']), '2026-12-10'), 'D13');
    // Strict: Fri 12-25 → Christmas, Sat, Sun → Mon 12-28. Recess left out: 10 days to 12-20, 5 from 2027-01-08 → Tue 01-12.
    expect(d.due).toEqual({ nominal: '2026-12-25', safe: '2026-12-24', latestIfRolls: '2027-01-12', rollUnclear: true });
    expect(d.explanation.en).toContain('Federal Courts recess');
  });

  it('the recess is left out of periods under the Rules (applicant\'s record)', () => {
    const events = [...rejected({ decided: '2026-11-20', receivedDate: '2026-11-20' }, ['NCB']), { type: 'fc.leave_applied', effectiveDate: '2026-12-01' } as DeadlineEvent];
    const d = pick(run(events, '2026-12-01'), 'D14');
    expect(d.due).toEqual({ nominal: '2027-01-18', safe: '2027-01-18', latestIfRolls: null, rollUnclear: false });
    expect(d.verifiable).toBe(false);
    expect(pick(run(events, '2026-12-01'), 'D13')).toMatchObject({ status: 'MET', metOn: '2026-12-01' });
  });

  it('FCA appeal: July and August may be left out (FCA s.27(2)(b), flagged)', () => {
    const events: DeadlineEvent[] = [
      ...rejected({ decided: '2026-04-01', receivedDate: '2026-04-01' }, ['NCB']),
      { type: 'fc.leave_applied', effectiveDate: '2026-04-10' },
      { type: 'fc.leave_granted', effectiveDate: '2026-05-01' },
      { type: 'fc.jr_dismissed', effectiveDate: '2026-06-15', details: { certifiedQuestion: 'Q?' } },
    ];
    const d = pick(run(events, '2026-06-15'), 'D15');
    expect(d.due).toEqual({ nominal: '2026-07-15', safe: '2026-07-15', latestIfRolls: '2026-09-15', rollUnclear: true });
    expect(run(events.slice(0, -1).concat({ type: 'fc.jr_dismissed', effectiveDate: '2026-06-15', details: { certifiedQuestion: null } }), '2026-06-15')
      .some((x) => x.ruleId === 'D15')).toBe(false);
  });
});

describe('status from events and asOf', () => {
  const base = referredPoe('2026-06-01');
  it.each([
    // [extra events, asOf, D02 status, metOn, daysRemaining]
    [[], '2026-07-01', 'OPEN', undefined, 15],
    [[], '2026-07-16', 'OPEN', undefined, 0],
    [[], '2026-07-17', 'MISSED', undefined, undefined],
    [[{ type: 'boc.received', effectiveDate: '2026-07-10' }], '2026-07-20', 'MET', '2026-07-10', undefined],
    [[{ type: 'boc.received', effectiveDate: '2026-07-20' }], '2026-07-20', 'MISSED', '2026-07-20', undefined], // late
    [[{ type: 'boc.deadline_missed', effectiveDate: '2026-07-17' }], '2026-07-17', 'MISSED', undefined, undefined],
    [[{ type: 'claimant.withdrew', effectiveDate: '2026-06-20' }], '2026-08-01', 'NOT_APPLICABLE', undefined, undefined],
  ] as const)('%j as of %s → %s', (extra, asOf, status, metOn, daysRemaining) => {
    const d = pick(run([...base, ...(extra as unknown as DeadlineEvent[])], asOf), 'D02');
    expect(d.status).toBe(status);
    expect(d.metOn).toBe(metOn);
    expect(d.daysRemaining).toBe(daysRemaining);
  });

  it('a missed BOC makes the special hearing apply; the hearing closes it', () => {
    const missed = [...base, { type: 'boc.deadline_missed', effectiveDate: '2026-07-17' } as DeadlineEvent];
    expect(pick(run(missed, '2026-07-17'), 'D04')).toMatchObject({ status: 'OPEN', daysRemaining: 6 });
    expect(pick(run(missed, '2026-07-17'), 'D04').conditional).toBeUndefined();
    expect(pick(run(missed, '2026-07-17'), 'D03').status).toBe('MISSED');
    const held = [...missed, { type: 'special_hearing.claim_continues', effectiveDate: '2026-07-22' } as DeadlineEvent];
    expect(pick(run(held, '2026-07-22'), 'D04')).toMatchObject({ status: 'MET', metOn: '2026-07-22' });
  });

  it('BOC received in time: no extension request or special hearing', () => {
    const ds = run([...base, { type: 'boc.received', effectiveDate: '2026-07-02' }], '2026-07-02');
    expect(pick(ds, 'D03').status).toBe('NOT_APPLICABLE');
    expect(pick(ds, 'D04').status).toBe('NOT_APPLICABLE');
  });

  it('between the safe date and the later reading the deadline stays OPEN, past the safe date', () => {
    expect(pick(run(RAD_JULY, '2026-07-25'), 'D09')).toMatchObject({ status: 'OPEN', pastSafeDate: true, daysRemaining: 2 });
    expect(pick(run(RAD_JULY, '2026-07-28'), 'D09').status).toBe('MISSED');
    expect(pick(run(RAD_JULY, '2026-07-28'), 'D10').status).toBe('NOT_APPLICABLE'); // no notice → nothing to perfect
  });

  it('RAD notice and perfection met, then not perfected', () => {
    const filed = [...RAD_JULY, { type: 'rad.notice_filed', effectiveDate: '2026-07-20', details: { appellant: 'CLAIMANT' } } as DeadlineEvent];
    expect(pick(run(filed, '2026-07-20'), 'D09')).toMatchObject({ status: 'MET', metOn: '2026-07-20' });
    expect(pick(run(filed, '2026-07-20'), 'D10')).toMatchObject({ status: 'OPEN', daysRemaining: 35 });
    const perfected = [...filed, { type: 'rad.perfected', effectiveDate: '2026-08-20' } as DeadlineEvent];
    expect(pick(run(perfected, '2026-08-20'), 'D10')).toMatchObject({ status: 'MET', metOn: '2026-08-20' });
    expect(pick(run(perfected, '2026-08-20'), 'D11').due.safe).toBe('2026-11-18');
    const dismissed = [...filed, { type: 'rad.not_perfected', effectiveDate: '2026-09-01' } as DeadlineEvent];
    expect(pick(run(dismissed, '2026-09-01'), 'D10').status).toBe('MISSED');
    // The RAD dismissal is now the decision to take to the Federal Court.
    expect(pick(run(dismissed, '2026-09-01'), 'D13')).toMatchObject({ status: 'OPEN', trigger: { event: 'rad.not_perfected' } });
  });

  it('events dated after asOf are ignored', () => {
    const later = [...base, { type: 'boc.received', effectiveDate: '2026-07-10' } as DeadlineEvent];
    expect(pick(run(later, '2026-07-01'), 'D02').status).toBe('OPEN');
  });

  it('an oral RAD hearing takes the 90-day decision target away', () => {
    const events: DeadlineEvent[] = [
      ...RAD_JULY,
      { type: 'rad.notice_filed', effectiveDate: '2026-07-20', details: { appellant: 'CLAIMANT' } },
      { type: 'rad.perfected', effectiveDate: '2026-08-20' },
      { type: 'rad.hearing_scheduled', effectiveDate: '2026-09-01', details: { hearingDate: '2026-10-01' } },
    ];
    expect(pick(run(events, '2026-09-01'), 'D11').status).toBe('NOT_APPLICABLE');
  });
});

describe('not applicable', () => {
  it.each([
    ['NCB', ['NCB']],
    ['MUF', ['MUF']],
  ] as const)('after an RPD rejection stating %s: no RAD notice or perfection, the Federal Court is open', (_name, flags) => {
    const ds = run(rejected({ decided: '2026-07-03', noticeDate: '2026-07-03' }, [...flags]), '2026-07-05');
    expect(pick(ds, 'D09').status).toBe('NOT_APPLICABLE');
    expect(pick(ds, 'D09').explanation.en).toContain('110(2)(c)');
    expect(pick(ds, 'D10').status).toBe('NOT_APPLICABLE');
    // Receipt not recorded: counted from the notice date (no mail days), flagged.
    expect(pick(ds, 'D13')).toMatchObject({ status: 'OPEN', trigger: { date: '2026-07-03', deemed: true } });
  });

  it('a plain rejection sends the claimant to the RAD first', () => {
    expect(pick(run(RAD_JULY, '2026-07-05'), 'D13').status).toBe('NOT_APPLICABLE');
  });

  it.each([
    ['abandoned', { type: 'rpd.declared_abandoned', effectiveDate: '2026-07-03' }],
    ['withdrawn', { type: 'claimant.withdrew', effectiveDate: '2026-07-03' }],
  ] as const)('no RAD appeal when the claim is %s', (_name, event) => {
    const ds = run([...referredPoe('2026-01-05'), { type: 'boc.received', effectiveDate: '2026-01-10' }, event], '2026-07-05');
    expect(pick(ds, 'D09').status).toBe('NOT_APPLICABLE');
    expect(pick(ds, 'D13').status).toBe('OPEN');
  });

  it('STCA-exception referral and designated foreign national bar the RAD', () => {
    const stca: DeadlineEvent[] = [
      { type: 'claim.made', effectiveDate: '2026-01-02', details: { channel: 'PORT_OF_ENTRY' } },
      { type: 'eligibility.eligible_referred', effectiveDate: '2026-01-05', details: { stcaException: 'X-FAM-2' } },
      { type: 'rpd.rejected', effectiveDate: '2026-07-03', details: { flags: [] } },
    ];
    expect(pick(run(stca, '2026-07-05'), 'D09').explanation.en).toContain('110(2)(d)');
    const dfn: DeadlineEvent[] = [{ type: 'claim.made', effectiveDate: '2026-01-02', details: { designatedForeignNational: true } }, ...stca.slice(1)];
    dfn[1] = { type: 'eligibility.eligible_referred', effectiveDate: '2026-01-05' };
    expect(pick(run(dfn, '2026-07-05'), 'D09')).toMatchObject({ status: 'NOT_APPLICABLE' });
    expect(pick(run(dfn, '2026-07-05'), 'D13').status).toBe('OPEN');
  });

  it('inland claims owe no BOC to the RPD', () => {
    const ds = run([{ type: 'claim.made', effectiveDate: '2026-05-01', details: { channel: 'ONLINE' } }, { type: 'eligibility.eligible_referred', effectiveDate: '2026-06-01' }], '2026-06-01');
    expect(pick(ds, 'D02').status).toBe('NOT_APPLICABLE');
    expect(pick(ds, 'D03').status).toBe('NOT_APPLICABLE');
  });

  it('practice notices apply only from their date', () => {
    const boc = pick(run(referredPoe('2024-09-02'), '2024-09-02'), 'D02');
    expect(boc.due.safe).toBe('2024-09-17');
    expect(boc.regulatoryDue).toBeUndefined();
    expect(boc.explanation.en).toContain('applies from 2024-09-09');
    const rad = pick(run(rejected({ decided: '2020-09-01', receivedDate: '2020-09-01' }, [], '2020-01-06'), '2020-09-01'), 'D10');
    expect(rad.due.nominal).toBe('2020-10-01');
  });
});

describe('hearing-date deadlines and bars', () => {
  it('change-of-date application and disclosure count back from the hearing date', () => {
    const events: DeadlineEvent[] = [
      { type: 'claim.made', effectiveDate: '2026-05-01', details: { channel: 'PORT_OF_ENTRY' } },
      { type: 'eligibility.eligible_referred', effectiveDate: '2026-05-04', details: { hearingDate: '2026-09-15' } },
    ];
    const ds = run(events, '2026-05-04');
    expect(pick(ds, 'D07').due).toMatchObject({ safe: '2026-09-10', latestIfRolls: null }); // Tue 09-15: Mon, Fri, Thu
    // 10 days before Tue 09-15 is Sat 09-05: the law says Saturday; the office is open Friday.
    expect(pick(ds, 'D08').due).toEqual({ nominal: '2026-09-05', safe: '2026-09-04', latestIfRolls: '2026-09-05', rollUnclear: false });
    expect(pick(ds, 'D08').verifiable).toBe(false);
    expect(pick(run(events, '2026-09-06'), 'D08').status).toBe('MISSED');
  });

  it('the 12-month PRRA bar runs from the last negative decision', () => {
    const events = RAD_JULY;
    expect(pick(run(events, '2027-07-02'), 'D17')).toMatchObject({ status: 'OPEN', due: { safe: '2027-07-03' }, daysRemaining: 1 });
    expect(pick(run(events, '2027-07-03'), 'D17').status).toBe('MET');
    const excluded = rejected({ decided: '2026-07-03' }, ['EXCLUDED_1F']);
    expect(pick(run(excluded, '2026-08-01'), 'D17').status).toBe('NOT_APPLICABLE');
  });

  it('a PRRA notification by mail: application 15 days after deemed receipt, submissions conditional', () => {
    const events: DeadlineEvent[] = [...rejected({ decided: '2026-01-05' }, ['NCB'], '2025-06-02'), { type: 'removal_order.in_force', effectiveDate: '2026-01-20' }, { type: 'prra.notified', effectiveDate: '2026-09-01', noticeDate: '2026-09-01' }];
    const ds = run(events, '2026-09-02');
    // Deemed received Tue 09-08 (09-01 + 7 = Tue 09-08); + 15 = Wed 09-23.
    expect(pick(ds, 'D16')).toMatchObject({ trigger: { date: '2026-09-08', deemed: true }, due: { safe: '2026-09-23' }, status: 'OPEN' });
    expect(pick(ds, 'D16S')).toMatchObject({ status: 'OPEN', conditional: true, due: { safe: '2026-10-08' } });
  });
});

describe('input checks', () => {
  it('rejects a bad asOf or event date', () => {
    expect(() => run([], '2026-02-30')).toThrow(RangeError);
    expect(() => run([{ type: 'claim.made', effectiveDate: '26-01-01' }], '2026-01-01')).toThrow(/events\[0\]\.effectiveDate/);
  });

  it('no events, no deadlines', () => {
    expect(run([], '2026-01-01')).toEqual([]);
  });
});
