import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../store/db.ts';
import * as store from '../store/retention.ts';
import { PURGE_ITEM_KINDS, ROW_TABLES, type PurgeItemKind } from '../store/retention.ts';
import { personsPastRetention, retentionCutoff, validateRetentionPolicy, type RetentionPolicy } from '../domain/retention/index.ts';
import { can } from '../domain/access/policy.ts';
import { isIsoDate } from '../domain/dates.ts';
import { RefugeError, validationError } from '../domain/errors.ts';
import { CANADA_RETENTION } from '../jurisdictions/ca/retention.ts';
import { CALENDAR_ZONE } from '../jurisdictions/ca/calendar.ts';
import type { AuditLog } from './audit.ts';
import type { RequestContext } from './context.ts';

export interface PurgeOptions {
  /** The date the periods are counted to (default: today). A real purge may not look into the future. */
  asOf?: string;
  /** Count what would go, write nothing. */
  dryRun?: boolean;
  /** Records per batch; each batch is one transaction. */
  batchSize?: number;
  policy?: RetentionPolicy;
}

export interface PurgeReport {
  /** The purge_runs row, or null for a dry run. */
  runId: string | null;
  asOf: string;
  dryRun: boolean;
  counts: Record<PurgeItemKind, number>;
  /** Tables of the policy's categories this database does not have (yet). */
  tablesAbsent: string[];
  batches: number;
}

const DEFAULT_BATCH = 500;

/**
 * Removes personal data past its retention period (docs/security.md "Retention"): people's
 * identities (names, date of birth, documents, blind indexes), their events' narratives and
 * eligibility facts, then whole expired rows of the other categories. In batches, each one
 * transaction holding its writes, the purge record and an audit row. Claims, events' facts and
 * the statistics are not touched.
 */
export async function purgeExpired(db: Database, audit: AuditLog, ctx: RequestContext, options: PurgeOptions = {}): Promise<PurgeReport> {
  if (!can(ctx.caller, 'retention.purge')) throw new RefugeError('forbidden', 'forbidden', 'You may not perform retention.purge.');
  const asOf = options.asOf ?? ctx.today;
  const dryRun = options.dryRun ?? false;
  const policy = options.policy ?? CANADA_RETENTION;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!isIsoDate(asOf)) throw validationError([{ field: 'asOf', code: 'invalid_date', message: 'Must be a real calendar date written YYYY-MM-DD.' }]);
  if (!dryRun && asOf > ctx.today) {
    throw validationError([{ field: 'asOf', code: 'in_future', message: `A purge counts periods up to today (${ctx.today}) at the latest; preview a later date with a dry run.` }]);
  }
  const invalid = validateRetentionPolicy(policy);
  if (invalid.length > 0) throw validationError(invalid, 'retention_policy_invalid');

  const counts = Object.fromEntries(PURGE_ITEM_KINDS.map((k) => [k, 0])) as Record<PurgeItemKind, number>;
  const report: PurgeReport = { runId: null, asOf, dryRun, counts, tablesAbsent: [], batches: 0 };
  if (!dryRun) {
    report.runId = randomUUID();
    await store.insertPurgeRun(db.pool, { id: report.runId, runBy: ctx.caller.id, asOf, policy });
  }
  const runId = report.runId;

  /** One batch: its writes, the record of what they removed, and an audit row, committed together. */
  const batch = async (work: (tx: Queryable, keep: (kind: PurgeItemKind, ids: string[]) => void) => Promise<number>): Promise<number> => {
    const items = new Map<PurgeItemKind, string[]>();
    const keep = (kind: PurgeItemKind, ids: string[]) => { if (ids.length > 0) items.set(kind, [...(items.get(kind) ?? []), ...ids]); };
    const client = await db.pool.connect();
    try {
      let progressed = 0;
      if (dryRun || !runId) {
        // A dry run does the work and throws it away.
        await client.query('BEGIN');
        try {
          progressed = await work(client, keep);
        } finally {
          await client.query('ROLLBACK').catch(() => undefined);
        }
      } else {
        await audit.transactionOn(client, async (tx) => {
          progressed = await work(tx, keep);
          if (items.size === 0) return;
          for (const [kind, ids] of items) await store.recordPurgedItems(tx, runId, kind, ids);
          await audit.record(tx, ctx, 'retention.purge', 'purge_run', runId, {
            asOf, batch: report.batches + 1, counts: Object.fromEntries([...items].map(([k, ids]) => [k, ids.length])) });
        });
      }
      for (const [kind, ids] of items) counts[kind] += ids.length;
      if (items.size > 0) report.batches += 1;
      return progressed;
    } finally {
      client.release();
    }
  };

  // People: only those whose every claim is closed and past its period, none on hold.
  let after: string | null = null;
  const peopleDue: string[] = [];
  for (;;) {
    const seen = await batch(async (tx, keep) => {
      const ids = await store.nextPeopleWithClosedClaims(tx, policy.closedStates, after, batchSize);
      if (ids.length === 0) return 0;
      after = ids[ids.length - 1] as string;
      const facts = await store.claimFactsForUpdate(tx, ids);
      const people = ids.map((personId) => ({ personId, claims: facts.filter((f) => f.personId === personId) }));
      const due = personsPastRetention(people, policy, asOf);
      if (due.length === 0) return ids.length;
      const claimIds = due.flatMap((d) => d.claimIds);
      // A dry run makes the same changes and rolls each batch back: its counts are the real ones.
      keep('persons', await store.purgePersons(tx, due.map((d) => d.personId)));
      keep('claimNarratives', await store.purgeNarratives(tx, claimIds));
      keep('eligibilityAssessments', await store.deleteAssessments(tx, claimIds));
      if (dryRun) peopleDue.push(...due.map((d) => d.personId));
      else keep('groupOverrideReasons', await store.clearOverrideReasons(tx, claimIds));
      return ids.length;
    });
    if (seen < batchSize) break;
  }
  // A group's members can fall in different batches, which a dry run does not keep: count its groups over all of them.
  if (dryRun) counts.groupOverrideReasons = await store.countOverrideReasonsCleared(db.pool, peopleDue);

  // Whole rows of the other categories, oldest first is not needed: every row past the cutoff goes.
  for (const table of ROW_TABLES) {
    const cutoff = retentionCutoff(asOf, policy.categories[table.category]);
    if (cutoff === null) continue;
    if (!(await store.tableExists(db.pool, table.table))) { report.tablesAbsent.push(table.table); continue; }
    if (dryRun) {
      counts[table.kind] += await store.countExpiredRows(db.pool, table, cutoff, CALENDAR_ZONE);
      continue;
    }
    for (;;) {
      const deleted = await batch(async (tx, keep) => {
        const keys = await store.deleteExpiredRows(tx, table, cutoff, CALENDAR_ZONE, batchSize);
        keep(table.kind, keys);
        return keys.length;
      });
      if (deleted < batchSize) break;
    }
  }

  if (runId) await store.finishPurgeRun(db.pool, runId);
  return report;
}

/** A legal hold keeps a claim's personal data past its period until released. */
export async function placeHold(db: Database, audit: AuditLog, ctx: RequestContext, claimRef: string, reason: string): Promise<{ holdId: string; claimId: string }> {
  if (!can(ctx.caller, 'retention.purge')) throw new RefugeError('forbidden', 'forbidden', 'You may not place retention holds.');
  if (reason.trim().length === 0) throw validationError([{ field: 'reason', code: 'required', message: 'Say why the data must be kept (the access request, the proceeding).' }]);
  return audit.transaction(async (tx) => {
    const claimId = await claimIdOf(tx, claimRef);
    const holdId = randomUUID();
    await tx.query('INSERT INTO retention_holds (id, claim_id, reason, placed_by) VALUES ($1, $2, $3, $4)', [holdId, claimId, reason.trim(), ctx.caller.id]);
    await audit.record(tx, ctx, 'retention.hold', 'claim', claimId, { holdId, placed: true });
    return { holdId, claimId };
  });
}

export async function releaseHolds(db: Database, audit: AuditLog, ctx: RequestContext, claimRef: string): Promise<{ claimId: string; released: number }> {
  if (!can(ctx.caller, 'retention.purge')) throw new RefugeError('forbidden', 'forbidden', 'You may not release retention holds.');
  return audit.transaction(async (tx) => {
    const claimId = await claimIdOf(tx, claimRef);
    const { rows } = await tx.query<{ id: string }>(
      'UPDATE retention_holds SET released_at = now(), released_by = $2 WHERE claim_id = $1 AND released_at IS NULL RETURNING id', [claimId, ctx.caller.id]);
    await audit.record(tx, ctx, 'retention.hold', 'claim', claimId, { released: rows.map((r) => r.id) });
    return { claimId, released: rows.length };
  });
}

async function claimIdOf(tx: Queryable, ref: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM claims WHERE reference = $1 OR id::text = $1', [ref]);
  if (!rows[0]) throw new RefugeError('not_found', 'claim_not_found', `No claim has the reference or id ${ref}.`);
  return rows[0].id;
}
