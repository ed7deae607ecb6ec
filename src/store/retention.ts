import type { Queryable } from './db.ts';
import type { ClaimRetentionFacts, RecordCategory } from '../domain/retention/index.ts';
import type { ClaimState } from '../domain/lifecycle/index.ts';

/**
 * The SQL of the purge (services/retention.ts decides when and records what). Every statement takes
 * bound parameters; table and column names come from the constants below, never from input.
 */

/** What a purge run counts, finer than the policy's categories: one entry per kind of record touched. */
export const PURGE_ITEM_KINDS = [
  'persons', 'claimNarratives', 'eligibilityAssessments', 'groupOverrideReasons',
  'duplicateSearches', 'idempotencyKeys', 'importReports', 'sessions', 'signInChallenges', 'oidcFlows', 'signInFailures',
] as const;
export type PurgeItemKind = (typeof PURGE_ITEM_KINDS)[number];

/** Records removed whole once their date is past the category's cutoff. */
export interface RowTable { kind: PurgeItemKind; category: RecordCategory; table: string; key: string; dated: string }

export const ROW_TABLES: readonly RowTable[] = [
  { kind: 'duplicateSearches', category: 'duplicateSearches', table: 'duplicate_searches', key: 'id::text', dated: 'created_at' },
  { kind: 'idempotencyKeys', category: 'idempotencyKeys', table: 'idempotency_keys', key: "scope || ' ' || key", dated: 'created_at' },
  { kind: 'importReports', category: 'importReports', table: 'imports', key: 'id::text', dated: 'created_at' },
  // Authentication's tables (migration 006): absent from a database that has not got them yet.
  { kind: 'sessions', category: 'expiredSessions', table: 'sessions', key: 'token_hash', dated: 'least(idle_expires_at, absolute_expires_at)' },
  { kind: 'signInChallenges', category: 'expiredSessions', table: 'sign_in_challenges', key: 'token_hash', dated: 'expires_at' },
  { kind: 'oidcFlows', category: 'expiredSessions', table: 'oidc_flows', key: 'token_hash', dated: 'expires_at' },
  { kind: 'signInFailures', category: 'signInFailures', table: 'sign_in_failures', key: 'id::text', dated: 'at' },
];

export async function tableExists(q: Queryable, table: string): Promise<boolean> {
  const { rows } = await q.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`public.${table}`]);
  return rows[0]?.present === true;
}

/**
 * The next people (in id order, after `after`) whose identity is still kept and who have a claim in
 * a closed state. Only ids: their claims' facts are read under lock by `claimFactsForUpdate`.
 */
export async function nextPeopleWithClosedClaims(q: Queryable, closedStates: readonly ClaimState[], after: string | null, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT p.id FROM persons p
     WHERE p.purged_at IS NULL AND ($1::uuid IS NULL OR p.id > $1::uuid)
       AND EXISTS (SELECT 1 FROM claims c WHERE c.person_id = p.id AND c.state = ANY($2::text[]))
     ORDER BY p.id LIMIT $3`, [after, closedStates, limit]);
  return rows.map((r) => r.id);
}

/**
 * Every claim of these people, locked until the transaction ends (an event appended meanwhile waits),
 * with what the retention rule needs: state, date of last use (the last event's date, or the day the
 * claim last changed if later) and whether a legal hold is in force.
 */
export async function claimFactsForUpdate(q: Queryable, personIds: readonly string[]): Promise<Array<ClaimRetentionFacts & { personId: string }>> {
  if (personIds.length === 0) return [];
  await q.query('SELECT id FROM claims WHERE person_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [personIds]);
  const { rows } = await q.query<{ claim_id: string; person_id: string; state: ClaimState; last_used_on: string; on_hold: boolean }>(
    `SELECT c.id AS claim_id, c.person_id, c.state,
       greatest((SELECT e.effective_date FROM claim_events e WHERE e.claim_id = c.id ORDER BY e.version DESC LIMIT 1),
                (c.updated_at AT TIME ZONE 'UTC')::date)::text AS last_used_on,
       EXISTS (SELECT 1 FROM retention_holds h WHERE h.claim_id = c.id AND h.released_at IS NULL) AS on_hold
     FROM claims c WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.person_id, c.id`, [personIds]);
  return rows.map((r) => ({ claimId: r.claim_id, personId: r.person_id, state: r.state, lastUsedOn: r.last_used_on, onHold: r.on_hold }));
}

/** Names, date of birth, documents and blind indexes gone; the row stays, since claims point to it. */
export async function purgePersons(q: Queryable, personIds: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `UPDATE persons SET family_name = NULL, given_names = NULL, date_of_birth = NULL, documents = NULL, address = NULL, match_keys = '{}', purged_at = now()
     WHERE id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING id`, [personIds]);
  return rows.map((r) => r.id);
}

/** Events' narratives (reasons) set to NULL: the one change migration 009 lets the event log accept, in this transaction only. */
export async function purgeNarratives(q: Queryable, claimIds: readonly string[]): Promise<string[]> {
  await q.query("SELECT set_config('refuge.maintenance', 'purge', true)");
  const { rows } = await q.query<{ claim_id: string; version: number }>(
    'UPDATE claim_events SET reasons = NULL WHERE claim_id = ANY($1::uuid[]) AND reasons IS NOT NULL RETURNING claim_id, version', [claimIds]);
  await q.query("SELECT set_config('refuge.maintenance', '', true)");
  return rows.map((r) => `${r.claim_id}/${r.version}`);
}

/** Eligibility assessments hold the facts of a person's life (family, history): removed with the identity. */
export async function deleteAssessments(q: Queryable, claimIds: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('DELETE FROM eligibility_assessments WHERE claim_id = ANY($1::uuid[]) RETURNING id', [claimIds]);
  return rows.map((r) => r.id);
}

/** An officer's reason for skipping the duplicate search is free text: cleared once no member of the group keeps an identity. */
export async function clearOverrideReasons(q: Queryable, claimIds: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `UPDATE family_groups g SET arrival = jsonb_set(g.arrival, '{duplicateCheck,override}', 'null'::jsonb)
     WHERE g.id IN (SELECT group_id FROM claims WHERE id = ANY($1::uuid[]))
       AND g.arrival -> 'duplicateCheck' ->> 'override' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM claims c JOIN persons p ON p.id = c.person_id WHERE c.group_id = g.id AND p.purged_at IS NULL)
     RETURNING g.id`, [claimIds]);
  return rows.map((r) => r.id);
}

/** How many groups `clearOverrideReasons` would clear once these people are purged too. */
export async function countOverrideReasonsCleared(q: Queryable, personIds: readonly string[]): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM family_groups g
     WHERE g.arrival -> 'duplicateCheck' ->> 'override' IS NOT NULL
       AND EXISTS (SELECT 1 FROM claims c WHERE c.group_id = g.id AND c.person_id = ANY($1::uuid[]))
       AND NOT EXISTS (SELECT 1 FROM claims c JOIN persons p ON p.id = c.person_id
                       WHERE c.group_id = g.id AND p.purged_at IS NULL AND p.id <> ALL($1::uuid[]))`, [personIds]);
  return rows[0]?.n ?? 0;
}

/** A row's date is the day its timestamp falls on in `zone`, the calendar the cutoff is counted in. */
const datedIn = (t: RowTable, zoneParam: string): string => `(${t.dated} AT TIME ZONE ${zoneParam})::date`;

export async function countExpiredRows(q: Queryable, t: RowTable, cutoff: string, zone: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.table} WHERE ${datedIn(t, '$2')} < $1::date`, [cutoff, zone]);
  return rows[0]?.n ?? 0;
}

/** Deletes up to `limit` rows dated before the cutoff; returns their keys. */
export async function deleteExpiredRows(q: Queryable, t: RowTable, cutoff: string, zone: string, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ key: string }>(
    `DELETE FROM ${t.table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${t.table} WHERE ${datedIn(t, '$3')} < $1::date LIMIT $2))
     RETURNING ${t.key} AS key`, [cutoff, limit, zone]);
  return rows.map((r) => r.key);
}

export async function insertPurgeRun(q: Queryable, run: { id: string; runBy: string; asOf: string; policy: unknown }): Promise<void> {
  await q.query('INSERT INTO purge_runs (id, run_by, as_of, policy) VALUES ($1, $2, $3, $4)', [run.id, run.runBy, run.asOf, JSON.stringify(run.policy)]);
}

/** Records the items of one batch and adds them to the run's counts, in the batch's transaction. */
export async function recordPurgedItems(q: Queryable, runId: string, kind: PurgeItemKind, recordIds: readonly string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await q.query(
    `INSERT INTO purge_run_items (run_id, category, record_id) SELECT $1, $2, unnest($3::text[])`, [runId, kind, recordIds]);
  await q.query(
    `UPDATE purge_runs SET counts = jsonb_set(counts, ARRAY[$2::text], to_jsonb(coalesce((counts ->> $2)::int, 0) + $3::int)) WHERE id = $1`,
    [runId, kind, recordIds.length]);
}

export async function finishPurgeRun(q: Queryable, runId: string): Promise<void> {
  await q.query('UPDATE purge_runs SET finished_at = now() WHERE id = $1', [runId]);
}
