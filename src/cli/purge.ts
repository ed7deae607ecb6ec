import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { openConfiguredSystem, dbOptions } from './system.ts';
import { resolveConfig } from './config.ts';
import { cliCaller } from '../domain/access/policy.ts';
import { todayIn } from '../domain/dates.ts';
import { RefugeError } from '../domain/errors.ts';
import { withOverrides, RECORD_CATEGORIES, type RetentionPolicy } from '../domain/retention/index.ts';
import { CANADA_RETENTION } from '../jurisdictions/ca/retention.ts';
import { purgeExpired, placeHold, releaseHolds, type PurgeReport } from '../services/retention.ts';
import type { RequestContext } from '../services/context.ts';
import type { System } from '../services/system.ts';

const CONFIDENCE_MARK = { confirmed: '✅', secondary: '◐', unconfirmed: '❓' } as const;

function context(): RequestContext {
  return { caller: cliCaller(userInfo().username), requestId: `cli-${randomUUID()}`, today: todayIn('America/St_Johns'), channel: 'cli' };
}

/** Canada's defaults, with the installation's retention file (JSON: {"periods": {...}, "closedStates": [...]}) over them. */
export function loadRetentionPolicy(file: string | undefined): RetentionPolicy {
  if (!file) return CANADA_RETENTION;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the retention file ${file}: ${(err as Error).message}`);
  }
  const merged = withOverrides(CANADA_RETENTION, json);
  if (!merged.ok) throw new Error(`The retention file ${file} is not valid:\n${merged.errors.map((e) => `  ${e.field || '(file)'}: ${e.message}`).join('\n')}`);
  return merged.policy;
}

function describePeriod(p: RetentionPolicy['categories'][keyof RetentionPolicy['categories']]['period']): string {
  return p ? `${p.length} ${p.unit}` : 'kept';
}

export function formatPolicy(policy: RetentionPolicy): string {
  const lines = RECORD_CATEGORIES.map((c) => {
    const r = policy.categories[c];
    return `  ${CONFIDENCE_MARK[r.confidence]} ${c}: ${describePeriod(r.period)}${r.period ? ` after ${r.countsFrom}` : ''}`;
  });
  return [...lines, `  closed states: ${policy.closedStates.join(', ')}`].join('\n');
}

export function formatReport(r: PurgeReport): string {
  const moved = Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `  ${k}: ${n}`);
  const head = r.dryRun
    ? `Dry run as of ${r.asOf}: nothing was changed. A purge would remove:`
    : `Purged as of ${r.asOf} (run ${r.runId}, ${r.batches} batch(es)):`;
  return [head, ...(moved.length > 0 ? moved : ['  nothing past its retention period']),
    ...(r.tablesAbsent.length > 0 ? [`Not in this database (skipped): ${r.tablesAbsent.join(', ')}`] : [])].join('\n');
}

async function withSystem<T>(flags: Record<string, unknown>, fn: (s: System) => Promise<T>): Promise<T> {
  const system = await openConfiguredSystem(resolveConfig(flags));
  try { return await fn(system); } finally { await system.close(); }
}

/** Reports a refusal the way the API would, and exits 2; anything else is a crash. */
function refused(err: unknown): void {
  if (!(err instanceof RefugeError)) throw err;
  console.error(err.message);
  for (const e of err.errors) console.error(`  ${e.field || '(request)'}: ${e.message}`);
  process.exitCode = 2;
}

export function registerPurgeCommands(program: Command): void {
  dbOptions(program.command('purge')
    .description('Remove personal data past its retention period (docs/security.md "Retention"): identities, narratives and eligibility facts of finished claims, and expired searches, keys, sessions and reports. Claims, events and statistics stay.')
    .option('--as-of <date>', 'count retention periods up to this date (YYYY-MM-DD; default today; a later date only with --dry-run)')
    .option('--dry-run', 'count what would be removed; change nothing')
    .option('--batch-size <n>', 'records per transaction', '500')
    .addOption(new Option('--retention <file>', 'JSON overriding the default periods and closed states (env REFUGE_RETENTION_FILE)')))
    .action(async (flags) => {
      const policy = loadRetentionPolicy(flags.retention ?? process.env.REFUGE_RETENTION_FILE);
      await withSystem(flags, async (s) => {
        try {
          const report = await purgeExpired(s.db, s.audit, context(), { asOf: flags.asOf, dryRun: Boolean(flags.dryRun), batchSize: Number(flags.batchSize), policy });
          console.log(formatReport(report));
        } catch (err) { refused(err); }
      });
    });

  const retention = program.command('retention').description('Retention periods and legal holds.');
  retention.command('policy')
    .description('Print the retention policy in force (✅ confirmed, ◐ secondary source, ❓ an assumption to set in the retention file).')
    .addOption(new Option('--retention <file>', 'JSON overriding the defaults (env REFUGE_RETENTION_FILE)'))
    .action((flags: { retention?: string }) => {
      console.log(formatPolicy(loadRetentionPolicy(flags.retention ?? process.env.REFUGE_RETENTION_FILE)));
    });
  dbOptions(retention.command('hold <claim>')
    .description('Keep a claim\'s personal data past its period (pending access request, litigation) until released.')
    .requiredOption('--reason <text>', 'why the data must be kept'))
    .action(async (claim: string, flags) => withSystem(flags, async (s) => {
      try {
        const { holdId, claimId } = await placeHold(s.db, s.audit, context(), claim, flags.reason);
        console.log(`Hold ${holdId} placed on claim ${claimId}.`);
      } catch (err) { refused(err); }
    }));
  dbOptions(retention.command('release <claim>').description('Release every hold on a claim.'))
    .action(async (claim: string, flags) => withSystem(flags, async (s) => {
      try {
        const { claimId, released } = await releaseHolds(s.db, s.audit, context(), claim);
        console.log(`${released} hold(s) released on claim ${claimId}.`);
      } catch (err) { refused(err); }
    }));
}
