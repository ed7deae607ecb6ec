import type { Queryable } from './db.ts';

/**
 * Writes new family groups — persons (with their match keys), claims, their events, statistics increments
 * and the idempotency key — as ONE SQL statement (data-modifying CTEs over a JSON document): one round
 * trip. The caller runs it in the transaction that then appends the audit record to the chain.
 */

export interface GroupRow { id: string; office_code: string; office_type: string; province: string; claim_date: string; arrival: unknown; persecution_countries: string[]; created_by: string }
/** Names, date of birth, documents and address arrive encrypted (services/encryptedFields.ts); match keys are blind indexes. */
export interface PersonRow { id: string; family_name: string; given_names: string; date_of_birth: string; sex: string; citizenships: string[]; documents: string; languages: string[]; interpreter_language: string | null; address: string | null; match_keys: string[]; match_key_id: string }
export interface ClaimRow { id: string; group_id: string; person_id: string; relationship: string; office_code: string; office_type: string; province: string; claim_date: string; arrival_manner: string; arrival_date: string | null; persecution_countries: string[]; state: string; lifecycle: unknown; version: number; stat_profile: unknown; stat_memory: unknown }
export interface EventRow { claim_id: string; version: number; type: string; transition_id: string | null; from_state: string | null; to_state: string; actor_role: string; actor_name: string | null; effective_date: string; notice_date: string | null; received_date: string | null; legal_basis: string; reasons: string | null; details: unknown; recorded_by: string }
export interface RollupRow { measure: string; dim: string; grain: 'd' | 'm'; period: string; category: string; value: string; n: number; cellKey: number }

export interface LedgerDocument {
  groups: GroupRow[]; persons: PersonRow[]; claims: ClaimRow[]; events: EventRow[];
  /** Statistics rollup increments, already summed per key and sorted (a fixed lock order). */
  rollups: RollupRow[];
  /** When given, nothing is written if the key is already taken (the caller then replays the first outcome). */
  idempotency?: { scope: string; key: string; request_hash: string; response: unknown };
}

export interface LedgerWriteResult {
  written: boolean;
  groups: Array<{ id: string; reference: string; created_at: string }>;
  claims: Array<{ id: string; reference: string; created_at: string }>;
}

const cols = (spec: string) => spec.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
const GROUP = 'id uuid, office_code text, office_type text, province text, claim_date date, arrival jsonb, persecution_countries text[], created_by text';
const PERSON = 'id uuid, family_name text, given_names text, date_of_birth text, sex text, citizenships text[], documents text, languages text[], interpreter_language text, address text, match_keys text[], match_key_id text';
const CLAIM = 'id uuid, group_id uuid, person_id uuid, relationship text, office_code text, office_type text, province text, claim_date date, arrival_manner text, arrival_date date, persecution_countries text[], state text, lifecycle jsonb, version integer, stat_profile jsonb, stat_memory jsonb';
const EVENT = 'claim_id uuid, version integer, type text, transition_id text, from_state text, to_state text, actor_role text, actor_name text, effective_date date, notice_date date, received_date date, legal_basis text, reasons text, details jsonb, recorded_by text';
const ROLLUP = 'measure text, dim text, grain text, period date, category text, value text, n bigint, "cellKey" bigint';
// The cell key is a sum of record keys modulo 2^32 (domain/statistics/perturbation.ts), maintained exactly like n.
const ROLLUP_COLUMNS = 'measure, dim, grain, period, category, value, n, cell_key';
const ROLLUP_VALUES = 'x.measure, x.dim, x.grain, x.period, x.category, x.value, x.n, x."cellKey"';
const ROLLUP_ADD = 'n = stat_rollup.n + EXCLUDED.n, cell_key = (stat_rollup.cell_key + EXCLUDED.cell_key) % 4294967296';
// References: G-/C-<claim year>-<number from one shared sequence>, unique across every server process.
const reference = (prefix: string) => `'${prefix}-' || to_char(x.claim_date, 'YYYY') || '-' || lpad(nextval('claim_reference_seq')::text, 7, '0')`;

const SQL = `WITH doc AS (SELECT $1::jsonb AS d),
ik AS (
  INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response)
  SELECT d->'idempotency'->>'scope', d->'idempotency'->>'key', d->'idempotency'->>'request_hash', 201, d->'idempotency'->'response'
  FROM doc WHERE d ? 'idempotency'
  ON CONFLICT DO NOTHING RETURNING 1
),
go AS (SELECT NOT (SELECT d ? 'idempotency' FROM doc) OR EXISTS (SELECT 1 FROM ik) AS ok),
gi AS (
  INSERT INTO family_groups (${cols(GROUP)}, reference)
  SELECT ${cols(GROUP).split(', ').map((c) => `x.${c}`).join(', ')}, ${reference('G')}
  FROM doc, jsonb_to_recordset(d->'groups') AS x(${GROUP}) WHERE (SELECT ok FROM go)
  RETURNING id, reference, created_at
),
pi AS (
  INSERT INTO persons (${cols(PERSON)}) SELECT x.* FROM doc, jsonb_to_recordset(d->'persons') AS x(${PERSON}) WHERE (SELECT ok FROM go)
  RETURNING id
),
ci AS (
  INSERT INTO claims (${cols(CLAIM)}, reference)
  SELECT x.*, ${reference('C')} FROM doc, jsonb_to_recordset(d->'claims') AS x(${CLAIM}) WHERE (SELECT ok FROM go)
  RETURNING id, reference, created_at
),
ei AS (
  INSERT INTO claim_events (${cols(EVENT)}) SELECT x.* FROM doc, jsonb_to_recordset(d->'events') AS x(${EVENT}) WHERE (SELECT ok FROM go)
  RETURNING 1
),
ri AS (
  INSERT INTO stat_rollup (${ROLLUP_COLUMNS})
  SELECT ${ROLLUP_VALUES} FROM doc, jsonb_to_recordset(d->'rollups') AS x(${ROLLUP}) WHERE (SELECT ok FROM go)
  ORDER BY x.measure, x.dim, x.grain, x.period, x.category, x.value
  ON CONFLICT (measure, dim, grain, period, category, value) DO UPDATE SET ${ROLLUP_ADD}
  RETURNING 1
)
SELECT (SELECT ok FROM go) AS written,
  coalesce((SELECT json_agg(gi) FROM gi), '[]') AS groups,
  coalesce((SELECT json_agg(ci) FROM ci), '[]') AS claims,
  (SELECT count(*) FROM pi) + (SELECT count(*) FROM ei) + (SELECT count(*) FROM ri) AS other_rows`;

export async function writeLedgerDocument(q: Queryable, doc: LedgerDocument): Promise<LedgerWriteResult> {
  // Named: each connection parses and plans this long statement once, not on every intake.
  const { rows } = await q.query<{ written: boolean; groups: LedgerWriteResult['groups']; claims: LedgerWriteResult['claims'] }>(
    { name: 'refuge-ledger-write-v2', text: SQL, values: [JSON.stringify(doc)] });
  const row = rows[0];
  if (!row) throw new Error('ledger write returned no row');
  return { written: row.written, groups: row.groups, claims: row.claims };
}

const UPSERT_ROLLUPS = `INSERT INTO stat_rollup (${ROLLUP_COLUMNS})
  SELECT ${ROLLUP_VALUES} FROM jsonb_to_recordset($1::jsonb) AS x(${ROLLUP})
  -- One lock order for every writer, so concurrent intakes never deadlock on shared rollup rows.
  ORDER BY x.measure, x.dim, x.grain, x.period, x.category, x.value
  ON CONFLICT (measure, dim, grain, period, category, value) DO UPDATE SET ${ROLLUP_ADD}`;

/** Adds rollup increments (summed per key and sorted by the caller) inside the caller's transaction. */
export async function upsertRollups(q: Queryable, rows: RollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query({ name: 'refuge-rollup-upsert-v1', text: UPSERT_ROLLUPS, values: [JSON.stringify(rows)] });
}
