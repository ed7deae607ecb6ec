import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SingleBar, Presets } from 'cli-progress';
import { stringify } from 'csv-stringify';
import type { System } from '../services/system.ts';
import { openConfiguredSystem, dbOptions, cliContext } from './system.ts';
import { buildApp } from '../api/app.ts';
import type { ClaimSummary } from '../services/claimRepository.ts';
import { importClaimsFile, type ImportReport } from '../importers/claimsFile.ts';
import { loadDemo, DEFAULT_DEMO } from './demo.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { formulaSafe } from './format.ts';
import { assessFile, formatAssessment } from './eligibility.ts';
import { registerStatsCommands } from './stats.ts';
import { registerOfficialCommands, DEFAULT_OFFICIAL_DIR } from './official.ts';
import { registerKeyCommands } from './keys.ts';
import { registerAuditCommands } from './audit.ts';
import { registerPurgeCommands } from './purge.ts';
import { importOfficialDirectory } from '../store/officialSeries.ts';
import { RefugeError } from '../domain/errors.ts';
import { registerUserCommands, createDemoUsers, formatUsers, usersCliContext, nameDemoCounsel } from './users.ts';

const program = new Command('refuge')
  .description('Refuge: the asylum-claim ledger, from the border to a final decision.')
  .showHelpAfterError();

async function withSystem<T>(config: ServerConfig, fn: (system: System) => Promise<T>): Promise<T> {
  const system = await openConfiguredSystem(config);
  try {
    return await fn(system);
  } finally {
    await system.close();
  }
}

async function serve(config: ServerConfig, options: { demoIfEmpty: boolean; seed: number; scale: number }): Promise<void> {
  const started = Date.now();
  const system = await openConfiguredSystem(config);
  console.log(`Database: ${system.db.description}`);
  let noAccount = (await system.users.listUsers(usersCliContext())).length === 0;
  if (options.demoIfEmpty && (await system.claims.countClaims()) === 0) {
    console.log('The database is empty: loading demo data (synthetic claims; names are not real people)...');
    await loadDemo(system.claims, cliContext(), { seed: options.seed, scale: options.scale, progress: true });
    const official = await importOfficialDirectory(system.db, DEFAULT_OFFICIAL_DIR);
    console.log(`Official series: ${official.length} file(s) from datasets/official imported (each release kept as a vintage).`);
    if (noAccount) {
      noAccount = false;
      const demoUsers = await createDemoUsers(system.users, usersCliContext());
      console.log('Demo accounts, one per role (passwords shown this once; there is no default account):');
      console.log(formatUsers(demoUsers.map(({ username, password, roles, officeScope }) => ({ username, password, roles, officeScope }))));
      const counsel = demoUsers.find((u) => u.roles.includes('COUNSEL'));
      if (counsel) console.log(`${counsel.username} represents: ${(await nameDemoCounsel(system.claims, usersCliContext(), counsel.id)).join(', ')}.`);
    }
  }
  if (noAccount) {
    console.log('There is no account yet: create the first administrator with `refuge users create-admin --username NAME`.');
  }
  const app = await buildApp({ db: system.db, claims: system.claims, users: system.users, audit: system.audit, logger: { level: process.env.LOG_LEVEL ?? 'warn' }, trustProxy: config.trustProxy });
  const shutdown = async (signal: string) => {
    console.log(`${signal}: closing`);
    await app.close();
    await system.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`Refuge is serving at http://${shownHost}:${port}/ (API: http://${shownHost}:${port}/api/v1/openapi.json) — ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

dbOptions(program.command('serve')
  .description('Run the HTTP API; an empty database is migrated and served at once, without demo data.')
  .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 3000)'))
  .addOption(new Option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)')))
  .action(async (flags) => serve(resolveConfig(flags), { demoIfEmpty: false, seed: DEFAULT_DEMO.seed, scale: DEFAULT_DEMO.scale }));

dbOptions(program.command('start')
  .description('The quick start: serve, and load demo data first when the database is empty.')
  .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 3000)'))
  .addOption(new Option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)'))
  .option('--seed <n>', 'demo seed', String(DEFAULT_DEMO.seed))
  .option('--scale <fraction>', 'demo volume as a fraction of the real IRCC series', String(DEFAULT_DEMO.scale)))
  .action(async (flags) => serve(resolveConfig(flags), { demoIfEmpty: true, seed: Number(flags.seed), scale: Number(flags.scale) }));

dbOptions(program.command('migrate').description('Apply pending database migrations and exit.'))
  .action(async (flags) => {
    const config = resolveConfig(flags);
    await withSystem(config, async (s) => console.log(`Migrated ${s.db.description}.`));
  });

dbOptions(program.command('demo')
  .description('Fill the database with synthetic, realistic claims from 2015 to today (deterministic for a seed).')
  .option('--seed <n>', 'random seed', String(DEFAULT_DEMO.seed))
  .option('--scale <fraction>', 'volume as a fraction of the real IRCC series', String(DEFAULT_DEMO.scale)))
  .action(async (flags) => {
    await withSystem(resolveConfig(flags), async (s) => {
      await loadDemo(s.claims, cliContext(), { seed: Number(flags.seed), scale: Number(flags.scale), progress: true });
    });
  });

dbOptions(program.command('import <file>')
  .description('Import claims (family groups with events) or events on existing claims, from CSV or NDJSON.')
  .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'ndjson']))
  .option('--batch-size <n>', 'records per transaction; a batch with a bad record writes nothing', '500')
  .option('--errors <file>', 'where to write the row-level error report (CSV)')
  .option('--no-progress', 'do not draw a progress bar'))
  .action(async (file: string, flags) => {
    const errorsPath: string = flags.errors ?? `${file}.errors.csv`;
    const report = await withSystem(resolveConfig(flags), async (s) => {
      const bar = flags.progress && process.stderr.isTTY ? new SingleBar({ format: 'import |{bar}| {percentage}% {value}/{total} bytes' }, Presets.shades_classic) : null;
      bar?.start(1, 0);
      const r = await importClaimsFile(s.claims, cliContext(), file, {
        format: flags.format, batchSize: Number(flags.batchSize),
        onProgress: (done, total) => { bar?.setTotal(total); bar?.update(done); },
        // Without a terminal, one line per batch shows progress in logs.
        onBatch: bar || !flags.progress ? undefined : (r) => console.error(`batch ${r.batches}: ${r.records} records read, ${r.batchesWritten} batches written, ${r.batchesRejected} rejected`),
      });
      bar?.stop();
      return r;
    });
    printImportReport(report);
    if (report.errors.length > 0) {
      await writeErrorReport(errorsPath, report);
      console.log(`Error report: ${errorsPath}`);
      process.exitCode = 1;
    }
  });

dbOptions(program.command('export')
  .description('Export claims (one row per claim) as CSV or NDJSON.')
  .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
  .option('--out <file>', 'output file (default: standard output)')
  .option('--state <state>', 'only claims in this state')
  .option('--office <code>', 'only claims made at this office')
  .option('--from <date>', 'claim date from (inclusive)')
  .option('--to <date>', 'claim date to (inclusive)'))
  .action(async (flags) => {
    const out = flags.out ? createWriteStream(flags.out) : process.stdout;
    const csv = flags.format === 'csv' ? stringify({ header: true, columns: EXPORT_COLUMNS as unknown as string[], cast: { string: formulaSafe } }) : null;
    if (csv) csv.pipe(out);
    const write = async (chunk: string | Record<string, unknown>) => {
      const target = csv ?? out;
      const ok = csv ? csv.write(chunk) : out.write(`${JSON.stringify(chunk)}\n`);
      if (!ok) await once(target, 'drain');
    };
    const rows = await withSystem(resolveConfig(flags), (s) => s.claims.exportClaims(cliContext(),
      { state: flags.state, officeCode: flags.office, claimDateFrom: flags.from, claimDateTo: flags.to },
      async (items) => { for (const item of items) await write(flatten(item)); }));
    if (csv) { csv.end(); await once(csv, 'end').catch(() => undefined); }
    if (flags.out) { (out as NodeJS.WritableStream).end(); await once(out, 'finish'); }
    console.error(`Exported ${rows} claims.`);
  });

program.command('eligibility').description('Eligibility under IRPA 101(1) and the STCA.')
  .command('assess <facts.json>')
  .description('Assess a file of facts (the schema of POST /api/v1/eligibility/assess); prints every ground with its explanation.')
  .addOption(new Option('--lang <lang>', 'language of the explanations').choices(['en', 'fr']).default('en'))
  .option('--json', 'print the whole assessment as JSON')
  .action((file: string, flags: { lang: 'en' | 'fr'; json?: boolean }) => {
    try {
      const assessment = assessFile(file);
      console.log(flags.json ? JSON.stringify(assessment, null, 2) : formatAssessment(assessment, flags.lang));
    } catch (err) {
      if (!(err instanceof RefugeError)) throw err;
      if (err.errors.length === 0) console.error(err.message);
      else console.error(`The facts are not valid (${err.errors.length} problem(s)):`);
      for (const e of err.errors.slice(0, 20)) console.error(`  ${e.field || '(facts)'}: ${e.message}`);
      process.exitCode = 2;
    }
  });

registerStatsCommands(program);
registerOfficialCommands(program);
registerUserCommands(program);
registerKeyCommands(program);
registerAuditCommands(program);
registerPurgeCommands(program);

const EXPORT_COLUMNS = ['reference', 'id', 'groupId', 'relationship', 'familyName', 'givenNames', 'dateOfBirth', 'sex', 'citizenships',
  'officeCode', 'officeType', 'province', 'claimDate', 'persecutionCountries', 'state', 'version'] as const;

function flatten(c: ClaimSummary): Record<string, unknown> {
  return { ...c, citizenships: c.citizenships.join(';'), persecutionCountries: c.persecutionCountries.join(';') };
}


function printImportReport(r: ImportReport): void {
  console.log(`Read ${r.records} ${r.kind === 'events' ? 'events' : 'records'} in ${r.batches} batch(es): ${r.batchesWritten} written, ${r.batchesRejected} rejected; `
    + `${r.claimsWritten} claims and ${r.eventsWritten} events written; ${r.errors.length} error(s).`);
  for (const e of r.errors.slice(0, 20)) console.log(`  line ${e.line}: ${e.field || '(record)'}: ${e.message}`);
  if (r.errors.length > 20) console.log(`  ... and ${r.errors.length - 20} more in the report`);
}

async function writeErrorReport(path: string, r: ImportReport): Promise<void> {
  const out = createWriteStream(path);
  const csv = stringify({ header: true, columns: ['line', 'field', 'code', 'message'], cast: { string: formulaSafe } });
  csv.pipe(out);
  for (const e of r.errors) csv.write(e);
  csv.end();
  await once(out, 'finish');
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
