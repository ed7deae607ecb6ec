import { Option, type Command } from 'commander';
import type { System } from '../services/system.ts';
import { openConfiguredSystem, dbOptions, cliContext } from './system.ts';
import { resolveConfig } from './config.ts';
import { trailToCsv } from '../api/routes/audit.ts';

async function withSystem<T>(flags: { databaseUrl?: string; dataDir?: string; keyFile?: string }, fn: (s: System) => Promise<T>): Promise<T> {
  const system = await openConfiguredSystem(resolveConfig(flags));
  try { return await fn(system); } finally { await system.close(); }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit log: verify its hash chain, read a claim\'s trail.');

  dbOptions(audit.command('verify')
    .description('Recompute the whole hash chain with the audit key and name the first record edited, deleted or reordered, or a truncated tail. Exit status 1 when broken.'))
    .action(async (flags) => {
      const result = await withSystem(flags, (s) => s.audit.verify(cliContext(),
        process.stderr.isTTY ? (n) => process.stderr.write(`\rverified ${n} records`) : undefined));
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (result.intact) {
        console.log(`Audit chain intact: ${result.records} records, head ${result.head.hash}`);
        if (result.preChain > 0) {
          console.log(`${result.preChain} of them were written before the chain existed and chained when first opened with the key: unaltered since then, not provably before.`);
        }
        return;
      }
      const broken = result.firstBreak;
      console.log(`Audit chain BROKEN at ${broken?.seq !== null && broken?.seq !== undefined ? `record ${broken.seq}` : 'records outside the chain'}: ${broken?.kind} — ${broken?.message}`);
      console.log(`${result.records} records verified before it; the chain head is at record ${result.head.seq}, ${result.head.hash}.`);
      process.exitCode = 1;
    });

  dbOptions(audit.command('trail <claim>')
    .description('Everyone who read or changed a claim (by id or reference), its group or its person, oldest first, with the lists, exports and searches that returned it.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'csv', 'json']).default('text')))
    .action(async (claim: string, flags) => {
      const trail = await withSystem(flags, (s) => s.audit.claimTrail(cliContext(), claim));
      if (flags.format === 'csv') { process.stdout.write(trailToCsv(trail)); return; }
      if (flags.format === 'json') { console.log(JSON.stringify(trail, null, 2)); return; }
      console.log(`Audit trail of ${trail.reference} (${trail.claimId}): ${trail.entries.length} record(s)`);
      for (const e of trail.entries) {
        console.log(`${String(e.seq).padStart(8)}  ${e.at}  ${(e.channel ?? '-').padEnd(3)}  ${e.action.padEnd(20)}  ${e.actorName ? `${e.actorName} [${e.actor}]` : e.actor}  ${e.subject.type}${e.subject.id ? ` ${e.subject.id}` : ''}`);
      }
    });
}
