// Loaded by a dynamic import only: Observable Plot (and d3) end up in their own chunk.
import * as Plot from '@observablehq/plot';

/** y is NaN where a figure is suppressed: lines break there rather than join across it. */
export interface ChartPoint { x: string; y: number; series: string }

export interface ChartSpec {
  kind: 'line' | 'bar' | 'stacked';
  points: ChartPoint[];
  width: number;
  /** Formats a y value for the axis (locale-aware). */
  formatY: (v: number) => string;
  /** Formats an x value: a Date for lines, a category label for bars. */
  formatX: (v: Date | string) => string;
  xLabel: string;
  yLabel: string;
  toDate: (period: string) => Date;
}

// Colour-blind-safe palette with at least 3:1 contrast against white (WCAG 1.4.11).
const PALETTE = ['#1f5fa8', '#b34700', '#2a7a2a', '#8e3b8e', '#a61b1b', '#5b5b5b', '#006d77', '#7a5c00', '#3d3d9e', '#8a2e5c'];

export function render(spec: ChartSpec): SVGSVGElement | HTMLElement {
  const series = [...new Set(spec.points.map((p) => p.series))];
  const multi = series.length > 1;
  if (spec.kind === 'line') {
    const data = spec.points.map((p) => ({ ...p, date: spec.toDate(p.x) }));
    return Plot.plot({
      width: spec.width,
      height: 320,
      marginLeft: 60,
      marginRight: 40,
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      x: { type: 'utc', label: spec.xLabel, ticks: Math.max(2, Math.floor(spec.width / 110)), tickFormat: (d: Date) => spec.formatX(d) },
      y: { grid: true, label: spec.yLabel, tickFormat: (v: number) => spec.formatY(v), zero: true },
      color: multi ? { domain: series, range: PALETTE, legend: true } : { range: PALETTE },
      marks: [
        Plot.ruleY([0]),
        Plot.line(data, { x: 'date', y: 'y', stroke: multi ? 'series' : PALETTE[0], strokeWidth: 2, ...(multi ? { z: 'series' } : {}) }),
        Plot.tip(data.filter((d) => Number.isFinite(d.y)), Plot.pointerX({ x: 'date', y: 'y', title: (d: ChartPoint & { date: Date }) => `${multi ? `${d.series}\n` : ''}${spec.formatX(d.date)}: ${spec.formatY(d.y)}` })),
      ],
    });
  }
  if (spec.kind === 'stacked') {
    // Vertical bars per category (a year), one segment per series, in the order the series come.
    return Plot.plot({
      width: spec.width,
      height: 340,
      marginLeft: 60,
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      x: { type: 'band', label: spec.xLabel, domain: [...new Set(spec.points.map((p) => p.x))], tickFormat: (v: string) => spec.formatX(v) },
      y: { grid: true, label: spec.yLabel, tickFormat: (v: number) => spec.formatY(v) },
      color: { domain: series, range: PALETTE, legend: true },
      marks: [
        Plot.barY(spec.points, Plot.stackY({
          x: 'x', y: 'y', fill: 'series', order: series, stroke: '#ffffff', strokeWidth: 0.5,
          title: (d: ChartPoint) => `${d.series}\n${spec.formatX(d.x)}: ${spec.formatY(d.y)}`,
        })),
        Plot.ruleY([0]),
      ],
    });
  }
  return Plot.plot({
    width: spec.width,
    height: Math.max(120, 28 * spec.points.length + 50),
    marginLeft: Math.min(260, 8 + 7 * Math.max(...spec.points.map((p) => spec.formatX(p.x).length), 4)),
    style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
    x: { grid: true, label: spec.yLabel, tickFormat: (v: number) => spec.formatY(v) },
    y: { label: null, domain: spec.points.map((p) => p.x), tickFormat: (v: string) => spec.formatX(v) },
    marks: [
      Plot.barX(spec.points, { x: 'y', y: 'x', fill: PALETTE[0] }),
      Plot.ruleX([0]),
    ],
  });
}
