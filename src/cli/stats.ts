import { Option, type Command } from 'commander';
import type { openSystem } from '../services/system.ts';
import { openConfiguredSystem, dbOptions } from './system.ts';
import { answer, checkStatistics, rebuildStatistics, type StatsAnswer, type StatsQuery } from '../services/statistics.ts';
import { runSavedQuestion, SAVED_QUESTIONS } from '../services/savedQuestions.ts';
import { answerToCsv } from '../api/routes/stats.ts';
import { MEASURES, STAT_DIMENSIONS } from '../domain/statistics/live.ts';
import { todayIn } from '../domain/dates.ts';
import { resolveConfig } from './config.ts';

const db = dbOptions;

async function withDb<T>(flags: { databaseUrl?: string; dataDir?: string; keyFile?: string }, fn: (s: Awaited<ReturnType<typeof openSystem>>) => Promise<T>): Promise<T> {
  const config = resolveConfig(flags);
  const system = await openConfiguredSystem(config);
  try { return await fn(system); } finally { await system.close(); }
}

function print(a: StatsAnswer, format: string): void {
  if (format === 'json') { console.log(JSON.stringify(a, null, 2)); return; }
  if (format === 'csv') { process.stdout.write(answerToCsv(a)); return; }
  console.log(`${a.labels.en} — ${a.dimension}, ${a.from} to ${a.to} (${a.definition.dated.en})`);
  console.log(`Definition: ${a.definition.en}`);
  if (a.rateDefinition) console.log(`Rate: ${a.rateDefinition.labels.en} = ${a.rateDefinition.formula.en}`);
  console.log(`Source: ${a.source.en} Disclosure: ${a.disclosure.rule.en}`);
  console.table(a.rows.map((r) => ({
    value: r.value, n: r.n,
    ...(r.comparison ? { previous: r.comparison.n, change: r.comparison.change, 'change %': r.comparison.changePercent } : {}),
    ...(r.median !== undefined ? { median: r.median, p90: r.p90 } : {}),
    ...(r.rate ? { 'rate %': r.rate.percent } : {}),
    ...(r.series ? { series: r.series.map((p) => `${p.period}:${p.n}`).join(' ') } : {}),
  })));
}

export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description('Statistics from this instance\'s records (rollups only), with disclosure control.');
  db(stats.command('ask', { isDefault: true })
    .description('Ask a question: a measure by a dimension over a date range.')
    .addOption(new Option('--measure <measure>').choices([...MEASURES]).default('claims'))
    .addOption(new Option('--dimension <dimension>').choices([...STAT_DIMENSIONS]).default('all'))
    .option('--values <list>', 'comma-separated values of the dimension')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (default: today)')
    .addOption(new Option('--series <grain>').choices(['day', 'week', 'month', 'quarter', 'year']))
    .addOption(new Option('--compare <kind>').choices(['previous_year', 'previous_period']))
    .option('--top <n>', 'keep the N largest values')
    .addOption(new Option('--rate <id>').choices(['ACC_FINALIZED', 'ACC_MERITS', 'UNHCR_TRR', 'RAD_ALLOW_RATE']))
    .addOption(new Option('--disclosure <profile>').choices(['IRCC_R5', 'IRB_S20', 'NONE']).default('IRCC_R5'))
    .addOption(new Option('--format <format>').choices(['table', 'csv', 'json']).default('table')))
    .action(async (f) => withDb(f, async (s) => {
      const query: StatsQuery = {
        measure: f.measure, dimension: f.dimension, values: f.values?.split(','), from: f.from, to: f.to ?? todayIn('America/St_Johns'),
        series: f.series, compare: f.compare, top: f.top ? Number(f.top) : undefined, rate: f.rate, disclosure: f.disclosure,
      };
      print(await answer(s.db, query), f.format);
    }));
  db(stats.command('question [id]')
    .description(`Run a saved question (${SAVED_QUESTIONS.map((q) => q.id).join(', ')}); without an id, list them.`)
    .addOption(new Option('--disclosure <profile>').choices(['IRCC_R5', 'IRB_S20', 'NONE']).default('IRCC_R5'))
    .addOption(new Option('--format <format>').choices(['table', 'csv', 'json']).default('table')))
    .action(async (id: string | undefined, f) => {
      if (!id) { for (const q of SAVED_QUESTIONS) console.log(`${q.id}\t${q.labels.en}`); return; }
      await withDb(f, async (s) => {
        const result = await runSavedQuestion(s.db, id, todayIn('America/St_Johns'), f.disclosure);
        if (!result) { console.error(`There is no saved question "${id}".`); process.exitCode = 2; return; }
        console.log(`${result.labels.en} (as of ${result.asOf})\n`);
        for (const a of result.answers) { console.log(`— ${a.name}`); print(a.answer, f.format); }
      });
    });
  db(stats.command('rebuild').description('Recompute every rollup from the event log.'))
    .action(async (f) => withDb(f, async (s) => {
      const r = await rebuildStatistics(s.db, s.cipher);
      console.log(`Rebuilt ${r.rows} rollup rows from the events of ${r.claims} claims.`);
    }));
  db(stats.command('check').description('Prove the live rollups equal a recomputation from the event log; exit 1 if not.'))
    .action(async (f) => withDb(f, async (s) => {
      const r = await checkStatistics(s.db, s.cipher);
      if (r.differences.length === 0) console.log(`The live rollups agree with the event log (${r.rowsChecked} rows checked).`);
      else {
        console.log(`${r.differences.length} rollup row(s) differ from the event log:`);
        for (const d of r.differences.slice(0, 20)) console.log(`  ${d.key}: live ${d.live}, rebuilt ${d.rebuilt}${d.cellKey ? ` (cell key: live ${d.cellKey.live}, rebuilt ${d.cellKey.rebuilt})` : ''}`);
        process.exitCode = 1;
      }
    }));
}
