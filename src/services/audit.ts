import type { Queryable } from '../store/db.ts';
import type { RequestContext } from './context.ts';

export type AuditAction =
  | 'duplicates.search' | 'group.create' | 'group.read' | 'claim.read' | 'claims.list'
  | 'claim.event.append' | 'claim.history.read' | 'eligibility.assess' | 'eligibility.read' | 'claims.import' | 'claims.export' | 'access.denied'
  | 'retention.purge' | 'retention.hold';

/** Written inside the caller's transaction: an audit row exists exactly when the action committed. */
export async function recordAudit(tx: Queryable, ctx: RequestContext, action: AuditAction,
  subjectType: string, subjectId: string | null, details: Record<string, unknown> = {}): Promise<void> {
  await tx.query(
    'INSERT INTO audit_log (actor, action, subject_type, subject_id, request_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
    [ctx.caller.id, action, subjectType, subjectId, ctx.requestId, JSON.stringify(details)],
  );
}
