import { createHmac } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable } from '../store/db.ts';
import { can } from '../domain/access/policy.ts';
import { RefugeError } from '../domain/errors.ts';
import type { NamedKey } from './keys.ts';
import type { Channel, RequestContext } from './context.ts';
import { canonicalJson } from './idempotency.ts';

export type AuditAction =
  | 'duplicates.search' | 'group.create' | 'group.read' | 'claim.read' | 'claims.list'
  | 'claim.event.append' | 'claim.history.read' | 'eligibility.assess' | 'eligibility.read' | 'claims.import' | 'claims.export' | 'access.denied'
  | 'audit.trail.read' | 'audit.claim.lookup' | 'audit.verify'
  | 'auth.sign_in' | 'auth.sign_in_failed' | 'auth.sign_in_throttled' | 'auth.sign_out' | 'auth.totp_enrolled' | 'auth.totp_failed'
  | 'users.create' | 'users.update'
  | 'claim.counsel.set'
  /** A batch of encrypted fields brought to the current keys (services/fieldMaintenance.ts). */
  | 'encryption.maintain'
  | 'retention.purge' | 'retention.hold';

/** The prev_hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);
const CANONICAL_VERSION = 'refuge-audit-1';
const VERIFY_BATCH = 1_000;

export interface RecordOptions {
  /** References (G-/C-YYYY-NNNNNNN) of every group and claim the action exposed or changed: the trail finds it by them. */
  references?: Iterable<string>;
  /** Reference numbers already as ranges (an export collects numbers, not thousands of strings). */
  refs?: RefRanges;
  /** Written even when the transaction it was recorded in rolls back: a denial is evidence although nothing happened. */
  evenIfRolledBack?: boolean;
}

/** Reference numbers as sorted, disjoint, non-adjacent half-open ranges [from, to): PostgreSQL's int8multirange. */
export type RefRanges = Array<[number, number]>;

/** Exactly what a record's hash covers (with the previous record's hash). */
export interface ChainedRecord {
  seq: number; at: Date; keyId: string; preChain: boolean;
  actor: string; actorName: string | null; action: string; channel: Channel | null;
  subjectType: string; subjectId: string | null; requestId: string | null;
  refs: RefRanges; details: unknown;
}

/** The one canonical text of a record: a JSON array in a fixed order, details with sorted keys, the time to the millisecond. */
export function canonicalRecord(r: ChainedRecord): string {
  return canonicalJson([CANONICAL_VERSION, r.seq, r.at.toISOString(), r.keyId, r.preChain, r.actor, r.actorName, r.action,
    r.channel, r.subjectType, r.subjectId, r.requestId, r.refs, r.details]);
}

/** hash = HMAC-SHA256(auditKey, prev_hash ‖ canonical(record)), hex. */
export function chainHash(key: Buffer, prevHash: string, record: ChainedRecord): string {
  return createHmac('sha256', key).update(Buffer.from(prevHash, 'hex')).update(canonicalRecord(record), 'utf8').digest('hex');
}

/**
 * The number behind a reference: G- and C- references take their numbers from one sequence, so the
 * number alone names one group or claim.
 */
export function referenceNumber(reference: string): number {
  const m = /^[GC]-\d{4}-(\d+)$/.exec(reference);
  if (!m) throw new Error(`not a group or claim reference: ${reference}`);
  return Number(m[1]);
}

export function toRanges(numbers: Iterable<number>): RefRanges {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: RefRanges = [];
  for (const n of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === n) last[1] = n + 1;
    else ranges.push([n, n + 1]);
  }
  return ranges;
}

/** The union of two range lists, in the same normal form. */
export function unionRanges(a: RefRanges, b: RefRanges): RefRanges {
  const merged: RefRanges = [];
  for (const [from, to] of [...a, ...b].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export function rangesLiteral(ranges: RefRanges): string {
  return `{${ranges.map(([a, b]) => `[${a},${b})`).join(',')}}`;
}

/** PostgreSQL prints an int8multirange in exactly this normal form: "{[1,3),[5,6)}". */
export function parseRanges(text: string): RefRanges {
  return [...text.matchAll(/\[(\d+),(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
}

export function rangesContain(ranges: RefRanges, n: number): boolean {
  return ranges.some(([a, b]) => n >= a && n < b);
}

interface PendingRecord {
  actor: string; actorName: string | null; action: AuditAction; channel: Channel;
  subjectType: string; subjectId: string | null; requestId: string; refs: RefRanges; details: unknown;
  evenIfRolledBack: boolean;
}

interface StoredRow {
  seq: number; at: Date; key_id: string; pre_chain: boolean; actor: string; actor_name: string | null; action: string;
  channel: Channel | null; subject_type: string; subject_id: string | null; request_id: string | null; refs: string;
  details: unknown; prev_hash: string; hash: string;
}

const { escapeLiteral } = pg;
const STORED_COLUMNS = 'seq, at, key_id, pre_chain, actor, actor_name, action, channel, subject_type, subject_id, request_id, refs::text AS refs, details, prev_hash, hash';
const RECORD = 'seq bigint, at timestamptz, key_id text, pre_chain boolean, actor text, actor_name text, action text, channel text, subject_type text, subject_id text, request_id text, refs int8multirange, details jsonb, prev_hash text, hash text';
const RECORD_COLUMNS = RECORD.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
const appendStatement = (recordsJson: string, seq: number, hash: string) => `WITH appended AS (
  INSERT INTO audit_log (${RECORD_COLUMNS}) SELECT x.* FROM jsonb_to_recordset(${escapeLiteral(recordsJson)}::jsonb) AS x(${RECORD}) ORDER BY x.seq
  RETURNING 1)
UPDATE audit_chain_head SET seq = ${Number(seq)}, hash = ${escapeLiteral(hash)}`;

function storedToRecord(r: StoredRow): ChainedRecord {
  return { seq: r.seq, at: r.at, keyId: r.key_id, preChain: r.pre_chain, actor: r.actor, actorName: r.actor_name, action: r.action,
    channel: r.channel, subjectType: r.subject_type, subjectId: r.subject_id, requestId: r.request_id, refs: parseRanges(r.refs), details: r.details };
}

export type ChainBreakKind = 'edited' | 'deleted' | 'reordered' | 'truncated' | 'head_mismatch' | 'unchained' | 'other_key';
export interface ChainBreak { kind: ChainBreakKind; seq: number | null; message: string }
export interface VerifyResult {
  intact: boolean;
  /** Records walked in order before the first break (all of them when intact). */
  records: number;
  /** Of those, records written before the chain existed and chained when first opened with the key. */
  preChain: number;
  head: { seq: number; hash: string };
  firstBreak: ChainBreak | null;
}

export interface TrailEntry {
  seq: number; at: string; actor: string; actorName: string | null; action: string; channel: Channel | null;
  requestId: string | null; subject: { type: string; id: string | null };
}
export interface ClaimTrail { claimId: string; reference: string; entries: TrailEntry[] }

/**
 * The audit log as evidence (docs/security.md "Audit"). Records are queued while their transaction
 * runs and chained at its end: the chain head is locked last, just before COMMIT, so commits serialize
 * only over the append itself and rows are chained in commit order. Each record's hash is an HMAC with
 * the audit key, which is never in the database.
 */
export class AuditLog {
  private readonly pending = new WeakMap<Queryable, PendingRecord[]>();

  constructor(private readonly db: Database, private readonly key: NamedKey) {}

  /**
   * Runs fn in one transaction and appends the records it made to the chain just before COMMIT: the
   * records exist exactly when the action committed (except those marked evenIfRolledBack, which are
   * appended after a rollback on their own).
   */
  async transaction<T>(fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.db.pool.connect();
    try {
      return await this.transactionOn(client, fn);
    } finally {
      client.release();
    }
  }

  /** The same, on a connection the caller holds (a maintenance walk that keeps a session-level lock). */
  async transactionOn<T>(client: pg.PoolClient, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    const queued: PendingRecord[] = [];
    this.pending.set(client, queued);
    try {
      await client.query('BEGIN');
      let result: T;
      try {
        result = await fn(client);
        await this.appendAndCommit(client, queued);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        const kept = queued.filter((r) => r.evenIfRolledBack);
        if (kept.length > 0) {
          await client.query('BEGIN');
          await this.appendAndCommit(client, kept);
        }
        throw err;
      }
      return result;
    } finally {
      this.pending.delete(client);
    }
  }

  /** Queues a record in a transaction opened by `transaction`; it is chained when that transaction commits. */
  async record(tx: Queryable, ctx: RequestContext, action: AuditAction, subjectType: string, subjectId: string | null,
    details: Record<string, unknown> = {}, options: RecordOptions = {}): Promise<void> {
    const queued = this.pending.get(tx);
    // Appending from any other transaction would hold the chain head from here to its end.
    if (!queued) throw new Error('audit records are written inside AuditLog.transaction()');
    queued.push({
      actor: ctx.caller.id, actorName: ctx.caller.name ?? null, action, channel: ctx.channel, subjectType, subjectId,
      requestId: ctx.requestId,
      refs: unionRanges(toRanges([...(options.references ?? [])].map(referenceNumber)), options.refs ?? []),
      // What JSON (and jsonb) keeps of the details: the same value when written and when verified.
      details: JSON.parse(JSON.stringify(details)) as unknown, evenIfRolledBack: options.evenIfRolledBack ?? false,
    });
  }

  /** One record in its own transaction (an event with nothing else to write). */
  async recordAlone(ctx: RequestContext, action: AuditAction, subjectType: string, subjectId: string | null,
    details: Record<string, unknown> = {}, options: RecordOptions = {}): Promise<void> {
    await this.transaction((tx) => this.record(tx, ctx, action, subjectType, subjectId, details, options));
  }

  /**
   * The end of every audited transaction. The chain head is held for two round trips: the locking read,
   * then one simple-protocol query that inserts the records, moves the head and commits (values as
   * escaped literals, since the simple protocol takes no parameters).
   */
  private async appendAndCommit(tx: Queryable, records: PendingRecord[]): Promise<void> {
    if (records.length === 0) {
      await tx.query('COMMIT');
      return;
    }
    // The chain head: locked as late as possible, since every appending transaction waits for it.
    const { rows } = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head FOR UPDATE');
    const head = rows[0];
    if (!head) throw new Error('audit_chain_head is missing its row');
    let { seq, hash } = head;
    const at = new Date();
    const chained = records.map(({ evenIfRolledBack: _, ...r }) => {
      seq += 1;
      const record: ChainedRecord = { ...r, seq, at, keyId: this.key.id, preChain: false };
      const prevHash = hash;
      hash = chainHash(this.key.key, prevHash, record);
      return {
        seq, at: at.toISOString(), key_id: this.key.id, pre_chain: false, actor: r.actor, actor_name: r.actorName, action: r.action,
        channel: r.channel, subject_type: r.subjectType, subject_id: r.subjectId, request_id: r.requestId,
        refs: rangesLiteral(r.refs), details: r.details, prev_hash: prevHash, hash,
      };
    });
    await tx.query(`${appendStatement(JSON.stringify(chained), seq, hash)}; COMMIT`);
  }

  /**
   * Records written before the chain existed (migration 007 marks them pre_chain) are chained once, in
   * id order, the first time the system is opened with the audit key; never again once the chain has
   * begun. Their content before that moment is not proven; verify counts them.
   */
  async chainPreChainRecords(): Promise<number> {
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows: heads } = await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head FOR UPDATE');
      const head = heads[0];
      if (!head || head.seq !== 0) {
        await client.query('COMMIT');
        return 0;
      }
      let seq = 0;
      let hash = head.hash;
      let afterId = 0;
      for (;;) {
        const { rows } = await client.query<StoredRow & { id: number }>(
          `SELECT id, at, actor, actor_name, action, channel, subject_type, subject_id, request_id, refs::text AS refs, details
           FROM audit_log WHERE seq IS NULL AND pre_chain AND id > $1 ORDER BY id LIMIT ${VERIFY_BATCH}`, [afterId]);
        if (rows.length === 0) break;
        const updates = rows.map((r) => {
          seq += 1;
          const prevHash = hash;
          hash = chainHash(this.key.key, prevHash, { ...storedToRecord({ ...r, seq, key_id: this.key.id, pre_chain: true }) });
          return { id: r.id, seq, prev_hash: prevHash, hash, key_id: this.key.id };
        });
        await client.query(
          `UPDATE audit_log a SET seq = x.seq, prev_hash = x.prev_hash, hash = x.hash, key_id = x.key_id
           FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, seq bigint, prev_hash text, hash text, key_id text) WHERE a.id = x.id`,
          [JSON.stringify(updates)]);
        afterId = (rows[rows.length - 1] as { id: number }).id;
      }
      if (seq > 0) await client.query('UPDATE audit_chain_head SET seq = $1, hash = $2', [seq, hash]);
      await client.query('COMMIT');
      return seq;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Walks the whole log in seq order, in batches from one snapshot (constant memory), recomputing every
   * hash and link and then the head; stops at the first break and says what it looks like. The
   * verification itself is recorded afterwards.
   */
  async verify(ctx: RequestContext, onProgress?: (records: number) => void): Promise<VerifyResult> {
    const result = await this.walk(onProgress);
    await this.recordAlone(ctx, 'audit.verify', 'audit_log', null, {
      intact: result.intact, records: result.records, headSeq: result.head.seq, headHash: result.head.hash,
      firstBreak: result.firstBreak,
    });
    return result;
  }

  private async walk(onProgress?: (records: number) => void): Promise<VerifyResult> {
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows: heads } = await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
      const head = heads[0] ?? { seq: 0, hash: GENESIS_HASH };
      let expected = 1;
      let prevHash = GENESIS_HASH;
      let preChain = 0;
      const done = (firstBreak: ChainBreak | null): VerifyResult =>
        ({ intact: firstBreak === null, records: expected - 1, preChain, head: { seq: head.seq, hash: head.hash }, firstBreak });
      for (;;) {
        const { rows } = await client.query<StoredRow>(
          `SELECT ${STORED_COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT ${VERIFY_BATCH}`, [expected]);
        for (const row of rows) {
          const broken = await this.checkRow(client, row, expected, prevHash);
          if (broken) return done(broken);
          prevHash = row.hash;
          expected += 1;
          if (row.pre_chain) preChain += 1;
        }
        onProgress?.(expected - 1);
        if (rows.length < VERIFY_BATCH) break;
      }
      const last = expected - 1;
      if (head.seq > last) {
        return done({ kind: 'truncated', seq: last + 1, message: `The chain head is at record ${head.seq} but the log ends at record ${last}: `
          + `${span(last + 1, head.seq)} ${last + 1 === head.seq ? 'was' : 'were'} removed from the tail.` });
      }
      if (head.seq < last) {
        return done({ kind: 'head_mismatch', seq: head.seq + 1, message: `The log goes on past the chain head (record ${head.seq}) to record ${last}: `
          + 'records were written around the head, or the head was set back.' });
      }
      if (head.hash !== prevHash) {
        return done({ kind: 'head_mismatch', seq: last, message: `The chain head's hash is not record ${last}'s: the head or that record was replaced.` });
      }
      const { rows: loose } = await client.query<{ n: number; first: number | null }>(
        'SELECT count(*)::int AS n, min(id) AS first FROM audit_log WHERE seq IS NULL');
      const outside = loose[0];
      if (outside && outside.n > 0) {
        return done({ kind: 'unchained', seq: null, message: `${outside.n} record(s) outside the chain (no seq; the first has id ${outside.first}): inserted directly into the table.` });
      }
      return done(null);
    } finally {
      await client.query('COMMIT').catch(() => undefined);
      client.release();
    }
  }

  private async checkRow(tx: Queryable, row: StoredRow, expected: number, prevHash: string): Promise<ChainBreak | null> {
    if (row.seq > expected) {
      const missing = span(expected, row.seq - 1);
      return { kind: 'deleted', seq: expected, message: `${missing[0]?.toUpperCase()}${missing.slice(1)} ${expected === row.seq - 1 ? 'is' : 'are'} missing: `
        + `the sequence jumps from ${expected - 1} to ${row.seq}.` };
    }
    if (row.key_id !== this.key.id) {
      return { kind: 'other_key', seq: row.seq, message: `Record ${row.seq} was chained with audit key "${row.key_id}", not this key ring's "${this.key.id}".` };
    }
    if (row.prev_hash !== prevHash) {
      const { rows } = await tx.query<{ seq: number }>('SELECT seq FROM audit_log WHERE hash = $1 LIMIT 1', [row.prev_hash]);
      const predecessor = rows[0]?.seq;
      if (predecessor !== undefined && predecessor > row.seq) {
        return { kind: 'reordered', seq: row.seq, message: `Record ${row.seq} was chained after the record now at ${predecessor}, which sits after it: records were reordered.` };
      }
      return { kind: 'deleted', seq: row.seq, message: `Record ${row.seq} does not follow record ${row.seq - 1} `
        + `(it was chained after ${predecessor === undefined ? 'a record that no longer exists' : `record ${predecessor}`}): `
        + 'records before it were deleted and the sequence renumbered, or its link was edited.' };
    }
    if (chainHash(this.key.key, row.prev_hash, storedToRecord(row)) !== row.hash) {
      return { kind: 'edited', seq: row.seq, message: `Record ${row.seq} does not match its hash: it was edited after it was written.` };
    }
    return null;
  }

  /**
   * Every record that touched a claim, its group or its person, oldest first: its own reads and changes,
   * and the lists, exports, searches and queues that returned it. The read of the trail is audited too.
   */
  async claimTrail(ctx: RequestContext, claimIdOrReference: string): Promise<ClaimTrail> {
    await this.guardTrail(ctx);
    return this.transaction(async (tx) => {
      const claim = await this.locateClaim(tx, ctx, claimIdOrReference);
      const { rows: found } = await tx.query<{ seq: number; at: Date; actor: string; actor_name: string | null; action: string; channel: Channel | null; request_id: string | null; subject_type: string; subject_id: string | null }>(
        `SELECT seq, at, actor, actor_name, action, channel, request_id, subject_type, subject_id FROM audit_log
         WHERE refs && $1::int8multirange
            -- Records written before the chain named claims in their details and subject only.
            OR (pre_chain AND (subject_id = ANY($2::text[]) OR details->'claimIds' ? $3 OR details->'claims' ? $3 OR details->'candidatePersonIds' ? $4))
         ORDER BY seq`,
        [rangesLiteral(toRanges([referenceNumber(claim.reference), referenceNumber(claim.group_reference)])),
          [claim.id, claim.group_id, claim.person_id], claim.id, claim.person_id]);
      await this.record(tx, ctx, 'audit.trail.read', 'claim', claim.id, { entries: found.length }, { references: [claim.reference] });
      return {
        claimId: claim.id, reference: claim.reference,
        entries: found.map((r) => ({
          seq: r.seq, at: r.at.toISOString(), actor: r.actor, actorName: r.actor_name, action: r.action, channel: r.channel,
          requestId: r.request_id, subject: { type: r.subject_type, id: r.subject_id },
        })),
      };
    });
  }

  /**
   * The claim a reference names, for an auditor who has only the reference (as printed on the claim's
   * page or a letter): its id and reference, nothing else. Auditors may not search claims; this finds
   * exactly one, within their offices, and the lookup is recorded against the claim it found.
   */
  async findClaimByReference(ctx: RequestContext, reference: string): Promise<{ claimId: string; reference: string }> {
    await this.guardTrail(ctx);
    return this.transaction(async (tx) => {
      const claim = await this.locateClaim(tx, ctx, reference);
      await this.record(tx, ctx, 'audit.claim.lookup', 'claim', claim.id, { reference: claim.reference }, { references: [claim.reference] });
      return { claimId: claim.id, reference: claim.reference };
    });
  }

  private async guardTrail(ctx: RequestContext): Promise<void> {
    if (can(ctx.caller, 'audit.read_trail')) return;
    await this.recordAlone(ctx, 'access.denied', 'claims', null, { action: 'audit.read_trail' });
    throw new RefugeError('forbidden', 'forbidden', 'You may not perform audit.read_trail.');
  }

  /**
   * A claim's identifiers (no personal data) by its id or reference, within the auditor's offices: one
   * outside them answers 404 like a missing one, and the refusal is recorded.
   */
  private async locateClaim(tx: Queryable, ctx: RequestContext, claimIdOrReference: string):
    Promise<{ id: string; reference: string; office_code: string; person_id: string; group_id: string; group_reference: string }> {
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(claimIdOrReference);
    const { rows } = await tx.query<{ id: string; reference: string; office_code: string; person_id: string; group_id: string; group_reference: string }>(
      `SELECT c.id, c.reference, c.office_code, c.person_id, c.group_id, g.reference AS group_reference
       FROM claims c JOIN family_groups g ON g.id = c.group_id WHERE ${byId ? 'c.id = $1::uuid' : 'c.reference = $1'}`, [claimIdOrReference]);
    const claim = rows[0];
    if (!claim || !can(ctx.caller, 'audit.read_trail', { officeCode: claim.office_code })) {
      if (claim) await this.record(tx, ctx, 'access.denied', 'claim', claim.id, { action: 'audit.read_trail' }, { references: [claim.reference], evenIfRolledBack: true });
      throw new RefugeError('not_found', 'claim_not_found', `No claim has the ${byId ? 'id' : 'reference'} ${claimIdOrReference}.`);
    }
    return claim;
  }
}

function span(from: number, to: number): string {
  return from === to ? `record ${from}` : `records ${from} to ${to}`;
}
