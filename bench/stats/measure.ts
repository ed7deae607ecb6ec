/** Latency sampling (interleaved paths, warm-ups, a time budget for slow paths) and table printing. */

export interface Path {
  name: string;
  run: () => Promise<unknown>;
  /** Stop sampling after this much time has been spent (at least `minRuns` samples are taken anyway). */
  budgetMs: number;
}

export interface Samples { name: string; ms: number[] }

/** Nearest-rank percentile of a sample (p in 0..1). */
export function percentile(ms: readonly number[], p: number): number {
  if (ms.length === 0) return Number.NaN;
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * `warmups` unmeasured runs of each path (fewer for a path whose run already takes over 2 s: its caches are warm),
 * then up to `runs` rounds in which each path runs once in turn, so drift in the machine's load hits every path alike.
 */
export async function sample(paths: readonly Path[], runs: number, warmups: number, minRuns = 5): Promise<Samples[]> {
  for (const p of paths) {
    for (let i = 0; i < warmups; i++) {
      const t = performance.now();
      await p.run();
      if (performance.now() - t > 2000) break;
    }
  }
  const out = paths.map((p) => ({ name: p.name, ms: [] as number[], spent: 0 }));
  for (let r = 0; r < runs; r++) {
    for (const [i, p] of paths.entries()) {
      const s = out[i];
      if (!s || (s.ms.length >= minRuns && s.spent >= p.budgetMs)) continue;
      const t = performance.now();
      await p.run();
      const dt = performance.now() - t;
      s.ms.push(dt);
      s.spent += dt;
    }
  }
  return out.map(({ name, ms }) => ({ name, ms }));
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fmtS = (s: number): string => `${s.toFixed(1)} s`;
export const fmtRatio = (r: number): string => (!Number.isFinite(r) ? '–' : r >= 100 ? `${Math.round(r)}×` : `${r.toFixed(1)}×`);
export const fmtBytes = (b: number): string => (b >= 1e9 ? `${(b / 1e9).toFixed(2)} GB` : `${(b / 1e6).toFixed(0)} MB`);

/** A Markdown table (pastes into an issue as is). */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAlignFrom = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i >= rightAlignFrom ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= rightAlignFrom ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
