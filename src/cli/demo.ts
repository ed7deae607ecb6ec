import { SingleBar, Presets } from 'cli-progress';
import { generateDemo } from '../demo/generate.ts';
import type { ClaimRepository, ImportGroup } from '../services/claimRepository.ts';
import type { RequestContext } from '../services/context.ts';
import type { LifecycleEventInput } from '../domain/lifecycle/index.ts';

export const DEFAULT_DEMO = { seed: 2025, scale: 0.02 } as const;
const BATCH = 400;

/** Loads the synthetic demo through the same validated, audited bulk path as `refuge import`. */
export async function loadDemo(repo: ClaimRepository, ctx: RequestContext, options: { seed: number; scale: number; progress?: boolean }):
  Promise<{ groups: number; claims: number; events: number }> {
  const totals = { groups: 0, claims: 0, events: 0 };
  const bar = options.progress && process.stderr.isTTY ? new SingleBar({ format: 'demo |{bar}| {value} claims' }, Presets.shades_classic) : null;
  bar?.start(0, 0);
  let batch: ImportGroup[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await repo.importGroups(ctx, batch, `demo seed=${options.seed} scale=${options.scale}`);
    totals.groups += batch.length;
    totals.claims += r.claims;
    totals.events += r.events;
    bar?.setTotal(totals.claims);
    bar?.update(totals.claims);
    batch = [];
  };
  for (const g of generateDemo({ seed: options.seed, scale: options.scale, from: '2015-01-01', to: ctx.today })) {
    batch.push({ intake: g.intake, events: g.events.map((e) => ({ memberIndex: e.memberIndex, event: e.event as LifecycleEventInput })) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  bar?.stop();
  if (options.progress) console.log(`Demo data: ${totals.groups} family groups, ${totals.claims} claims, ${totals.events} events.`);
  return totals;
}
