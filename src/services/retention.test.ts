import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestSystem, testContext, type TestSystem } from '../test/harness.ts';
import { buildIntake, buildMember, identityOf } from '../test/factories.ts';
import { loadDemo } from '../cli/demo.ts';
import { cliCaller } from '../domain/access/policy.ts';
import { addDays, addMonths } from '../domain/dates.ts';
import { CANADA_RETENTION } from '../jurisdictions/ca/retention.ts';
import { purgeExpired, placeHold, releaseHolds, type PurgeReport } from './retention.ts';
import { answer, checkStatistics, rebuildStatistics, type StatsQuery } from './statistics.ts';
import { runSavedQuestion, SAVED_QUESTIONS } from './savedQuestions.ts';
import type { EventView, GroupView } from './claimRepository.ts';
import type { RequestContext } from './context.ts';

/**
 * The purge on a realistic database (the demo's claims in every state, plus claims with narratives,
 * eligibility facts, an override reason, a hold and an open claim): what goes, what stays, and that
 * the statistics cannot tell.
 */
let sys: TestSystem;
const TODAY = testContext().today;
// Everything in the database was last used today: ten years and a day later, every closed claim is due.
const LATER = addDays(addMonths(TODAY, 120), 1);
const ADMIN = cliCaller('retention-test');
const at = (today: string, caller = ADMIN): RequestContext => ({ ...testContext(caller), today });
const purge = (options: Parameters<typeof purgeExpired>[3], today = LATER) => purgeExpired(sys.db, sys.audit, at(today), { batchSize: 7, ...options });

let withdrawn: GroupView;
let open: GroupView;
let held: GroupView;
const withdrawnMembers = [buildMember({ familyName: 'Purgeable', givenNames: 'Maria', dateOfBirth: '1979-11-02' }), buildMember({ familyName: 'Purgeable', givenNames: 'Tomas', relationship: 'CHILD', dateOfBirth: '2012-01-20', documents: [] })];
let historyBefore: EventView[];
let statsBefore: unknown;

const TABLES = ['persons', 'claims', 'claim_events', 'eligibility_assessments', 'family_groups', 'duplicate_searches', 'idempotency_keys',
  'imports', 'audit_log', 'stat_rollup', 'purge_runs', 'purge_run_items', 'retention_holds'];

/** A fingerprint of every row of every table the purge could touch. */
async function dump(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const { rows } = await sys.db.pool.query<{ h: string | null }>(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${t} t`);
    out[t] = rows[0]?.h ?? 'empty';
  }
  return out;
}

/** The public's answers: the saved questions and a breakdown by every dimension that comes from a person. */
async function publicAnswers(): Promise<unknown> {
  const saved = [];
  for (const q of SAVED_QUESTIONS) saved.push(await runSavedQuestion(sys.db, q.id, TODAY, 'NONE'));
  const breakdowns = [];
  for (const dimension of ['age_band', 'sex', 'citizenship', 'family_size', 'office'] as const) {
    for (const measure of ['claims', 'rpd_decisions', 'rpd_pending'] as const) {
      const query: StatsQuery = { measure, dimension, from: '2015-01-01', to: TODAY, series: 'year', disclosure: 'NONE' };
      breakdowns.push(await answer(sys.db, query));
    }
  }
  return { saved, breakdowns };
}

const expectedPeople = async () => (await sys.db.pool.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM persons p WHERE p.purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.person_id = p.id
     AND (c.state <> ALL($1::text[]) OR EXISTS (SELECT 1 FROM retention_holds h WHERE h.claim_id = c.id AND h.released_at IS NULL)))`,
  [CANADA_RETENTION.closedStates])).rows[0]?.n;

const narrativesOfPeopleDue = async () => (await sys.db.pool.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM claim_events e JOIN claims c ON c.id = e.claim_id JOIN persons p ON p.id = c.person_id
   WHERE e.reasons IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claims c2 WHERE c2.person_id = p.id
     AND (c2.state <> ALL($1::text[]) OR EXISTS (SELECT 1 FROM retention_holds h WHERE h.claim_id = c2.id AND h.released_at IS NULL)))`,
  [CANADA_RETENTION.closedStates])).rows[0]?.n;

beforeAll(async () => {
  sys = await startTestSystem();
  const ctx = testContext();
  await loadDemo(sys.claims, ctx, { seed: 5, scale: 0.0005 });
  const search = await sys.claims.searchDuplicates(ctx, withdrawnMembers.map(identityOf));
  withdrawn = (await sys.claims.createGroup(ctx, { ...buildIntake({ members: withdrawnMembers }), duplicateSearchId: search.searchId }, 'retention-test-key')).group;
  // A reason for skipping the search is free text too.
  open = (await sys.claims.createGroup(ctx, { ...buildIntake(), duplicateOverride: { reason: 'Known to the office as Ana Openclaim, phoned in' } })).group;
  held = (await sys.claims.createGroup(ctx, { ...buildIntake(), duplicateOverride: { reason: 'Held claimant, searched on paper' } })).group;
  for (const c of [...withdrawn.claims, ...held.claims]) {
    await sys.claims.appendEvent(ctx, c.id, 1, { type: 'claimant.withdrew', actor: { role: 'CLAIMANT' }, effectiveDate: TODAY,
      reasons: 'She described the threats against her family in detail.' });
  }
  await sys.claims.recordEligibilityAssessment(ctx, withdrawn.claims[0]?.id as string, {});
  await placeHold(sys.db, sys.audit, at(TODAY), held.claims[0]?.reference as string, 'Access request ATIP-2025-001 pending');
  // An import through the API leaves a report.
  const upload = await sys.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { 'content-type': 'application/x-ndjson' },
    payload: `${JSON.stringify({ intake: buildIntake() })}\n{"broken": true}\n` });
  expect(upload.statusCode).toBe(201);
  historyBefore = (await sys.claims.getHistory(ctx, withdrawn.claims[0]?.id as string)).events;
  statsBefore = await publicAnswers();
});
afterAll(async () => { await sys.close(); });

describe('before anything is due', () => {
  it('finds nothing today: every record was just used', async () => {
    const report = await purge({ dryRun: true }, TODAY);
    expect(Object.values(report.counts).every((n) => n === 0)).toBe(true);
  });

  it('lets duplicate searches go 90 days after they ran, and not a day before', async () => {
    const searches = (await sys.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM duplicate_searches')).rows[0]?.n;
    expect(searches).toBe(1);
    expect((await purge({ dryRun: true, asOf: addDays(TODAY, 90) })).counts.duplicateSearches).toBe(0);
    expect((await purge({ dryRun: true, asOf: addDays(TODAY, 91) })).counts.duplicateSearches).toBe(1);
  });
});

describe('the purge', () => {
  let dry: PurgeReport;
  let real: PurgeReport;
  let peopleDue: number | undefined;
  let narrativesDue: number | undefined;

  it('changes nothing in a dry run', async () => {
    const before = await dump();
    peopleDue = await expectedPeople();
    narrativesDue = await narrativesOfPeopleDue();
    dry = await purge({ dryRun: true });
    expect(await dump()).toEqual(before);
    expect(dry.runId).toBeNull();
    expect(dry.counts.persons).toBe(peopleDue);
  });

  it('refuses to count into the future for real, and refuses a caller who may not purge', async () => {
    await expect(purgeExpired(sys.db, sys.audit, at(TODAY), { asOf: LATER })).rejects.toMatchObject({ code: 'validation_failed', errors: [{ field: 'asOf', code: 'in_future' }] });
    await expect(purgeExpired(sys.db, sys.audit, at(LATER, { ...ADMIN, roles: ['INTAKE_OFFICER'] }), {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('removes what the dry run counted, and records it', async () => {
    real = await purge({});
    expect(real.counts).toEqual(dry.counts);
    expect(real.counts.persons).toBeGreaterThan(20);
    expect(real.counts).toMatchObject({ eligibilityAssessments: 1, duplicateSearches: 1, idempotencyKeys: 1, importReports: 1 });
    expect(real.counts.claimNarratives).toBe(narrativesDue);
    expect(real.counts.claimNarratives).toBeGreaterThanOrEqual(2);
    // The demo's imported groups carry "import: <source>" as their override: cleared with the last identity of the group.
    expect(real.counts.groupOverrideReasons).toBeGreaterThan(0);
    // Every category's table exists; the operator's session has expired as of the later date, and goes.
    expect(real.tablesAbsent).toEqual([]);
    expect(real.counts.sessions).toBeGreaterThanOrEqual(1);

    const run = (await sys.db.pool.query('SELECT * FROM purge_runs WHERE id = $1', [real.runId])).rows[0];
    expect(run).toMatchObject({ run_by: 'cli:retention-test', as_of: LATER, counts: Object.fromEntries(Object.entries(real.counts).filter(([, n]) => n > 0)) });
    expect(run.finished_at).toBeInstanceOf(Date);
    const items = (await sys.db.pool.query<{ record_id: string }>("SELECT record_id FROM purge_run_items WHERE run_id = $1 AND category = 'persons'", [real.runId])).rows;
    const purged = (await sys.db.pool.query<{ id: string }>('SELECT id FROM persons WHERE purged_at IS NOT NULL')).rows;
    expect(items.map((i) => i.record_id).sort()).toEqual(purged.map((p) => p.id).sort());
    const audits = (await sys.db.pool.query<{ actor: string; details: { counts: Record<string, number> } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'retention.purge' AND subject_id = $1 ORDER BY id", [real.runId])).rows;
    expect(audits).toHaveLength(real.batches);
    expect(audits.every((a) => a.actor === 'cli:retention-test')).toBe(true);
    expect(audits.reduce((n, a) => n + (a.details.counts.persons ?? 0), 0)).toBe(real.counts.persons);
  });

  it('finds nothing more the second time', async () => {
    const again = await purge({});
    expect(again.counts).toEqual(Object.fromEntries(Object.keys(again.counts).map((k) => [k, 0])));
    expect(again.batches).toBe(0);
  });

  it('leaves no identity behind in purged rows, and keeps open and held claimants whole', async () => {
    const left = (await sys.db.pool.query(
      `SELECT count(*)::int AS n FROM persons WHERE purged_at IS NOT NULL
       AND (family_name IS NOT NULL OR given_names IS NOT NULL OR date_of_birth IS NOT NULL OR documents IS NOT NULL OR match_keys <> '{}')`)).rows[0];
    expect(left).toEqual({ n: 0 });
    const claim = async (g: GroupView) => sys.claims.getClaim(testContext(), g.claims[0]?.id as string);
    expect((await claim(open)).person).toMatchObject({ purged: false, familyName: open.claims[0]?.person.familyName });
    expect((await claim(held)).person).toMatchObject({ purged: false, familyName: held.claims[0]?.person.familyName });
    expect((await sys.claims.getGroup(testContext(), open.id)).duplicateCheck.override).toBe('Known to the office as Ana Openclaim, phoned in');
    expect(await expectedPeople()).toBe(0);
    const narratives = (await sys.db.pool.query(`SELECT count(*)::int AS n FROM claim_events e JOIN claims c ON c.id = e.claim_id
      JOIN persons p ON p.id = c.person_id WHERE p.purged_at IS NOT NULL AND e.reasons IS NOT NULL`)).rows[0];
    expect(narratives).toEqual({ n: 0 });
  });

  it('keeps the statistics whole: the rollups agree with the event log, and the public answers are the same', async () => {
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
    expect(await publicAnswers()).toEqual(statsBefore);
    // Even rebuilt from the event log, where the purged dates of birth are gone.
    await rebuildStatistics(sys.db, sys.cipher);
    expect((await checkStatistics(sys.db, sys.cipher)).differences).toEqual([]);
    expect(await publicAnswers()).toEqual(statsBefore);
  });

  it('still reads a purged claim, its person shown as purged, its history without the narrative', async () => {
    const id = withdrawn.claims[0]?.id as string;
    const claim = await sys.claims.getClaim(testContext(), id);
    expect(claim.state).toBe('RPD_WITHDRAWN');
    expect(claim.person).toMatchObject({ familyName: null, givenNames: null, dateOfBirth: null, documents: [], purged: true, sex: 'F', citizenships: ['HTI'] });
    expect(claim.person.purgedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const history = (await sys.claims.getHistory(testContext(), id)).events;
    expect(history).toEqual(historyBefore.map((e) => ({ ...e, reasons: null })));
    expect(historyBefore.some((e) => e.reasons !== null)).toBe(true);
    expect(await sys.claims.listEligibilityAssessments(testContext(), id)).toEqual([]);

    // The purge ran as of a later date, when the operator's session had expired and was deleted with the rest.
    const headers = await sys.signIn({ roles: ['ELIGIBILITY_OFFICER'] });
    const res = await sys.app.inject({ method: 'GET', url: `/api/v1/claims/${id}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().person).toMatchObject({ familyName: null, dateOfBirth: null, purged: true });
    const group = await sys.app.inject({ method: 'GET', url: `/api/v1/groups/${withdrawn.id}`, headers });
    expect(group.statusCode).toBe(200);
    const list = await sys.app.inject({ method: 'GET', url: `/api/v1/claims?groupId=${withdrawn.id}`, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { familyName: string | null; personPurged: boolean }) => [c.familyName, c.personPurged])).toEqual([[null, true], [null, true]]);
  });

  it('no longer finds the purged people in a duplicate search', async () => {
    const result = await sys.claims.searchDuplicates(testContext(), withdrawnMembers.map(identityOf));
    const found = result.people.flatMap((p) => p.candidates.map((c) => c.personId));
    expect(found).not.toContain(withdrawn.claims[0]?.person.id);
    expect(found).not.toContain(withdrawn.claims[1]?.person.id);
    expect(found).toEqual([]);
  });

  it('refuses a hold on a claim that does not exist, or without a reason', async () => {
    await expect(placeHold(sys.db, sys.audit, at(LATER), 'C-1999-0000000', 'Access request')).rejects.toMatchObject({ code: 'claim_not_found', message: 'No claim has the reference or id C-1999-0000000.' });
    await expect(placeHold(sys.db, sys.audit, at(LATER), held.claims[0]?.reference as string, '  ')).rejects.toMatchObject({ errors: [{ field: 'reason', code: 'required' }] });
  });

  it('purges a held claim once its hold is released', async () => {
    expect((await releaseHolds(sys.db, sys.audit, at(LATER), held.claims[0]?.reference as string)).released).toBe(1);
    const after = await purge({});
    expect(after.counts).toMatchObject({ persons: 1, claimNarratives: 1, groupOverrideReasons: 1 });
    expect((await sys.claims.getGroup(testContext(), held.id)).duplicateCheck.override).toBeNull();
  });
});

describe('the event log', () => {
  const tryUpdate = async (sql: string, purgeMode: boolean) => {
    const client = await sys.db.pool.connect();
    try {
      await client.query('BEGIN');
      if (purgeMode) await client.query("SELECT set_config('refuge.maintenance', 'purge', true)");
      await client.query(sql, [open.claims[0]?.id]);
      return 'accepted';
    } catch (err) {
      return (err as Error).message;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  };

  it('stays append-only: only a purge may empty a narrative, and change nothing else', async () => {
    const refused = 'claim_events is append-only: UPDATE refused';
    expect(await tryUpdate('UPDATE claim_events SET reasons = NULL WHERE claim_id = $1', false)).toBe(refused);
    expect(await tryUpdate('UPDATE claim_events SET reasons = NULL WHERE claim_id = $1', true)).toBe('accepted');
    expect(await tryUpdate("UPDATE claim_events SET reasons = 'rewritten' WHERE claim_id = $1", true)).toBe(refused);
    expect(await tryUpdate("UPDATE claim_events SET reasons = NULL, effective_date = '2020-01-01' WHERE claim_id = $1", true)).toBe(refused);
    expect(await tryUpdate('DELETE FROM claim_events WHERE claim_id = $1', true)).toBe('claim_events is append-only: DELETE refused');
  });
});
