import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../hooks.ts';
import { formatNumber, formatPercent, formatPeriod, periodToDate, locale } from '../format.ts';
import type { ChartPoint } from './plot.ts';

export interface ChartProps {
  /** line: a time series; bar: horizontal bars by category; stacked: vertical bars per category, stacked by series. */
  kind: 'line' | 'bar' | 'stacked';
  points: ChartPoint[];
  /** A one-line description for screen readers; the data table beside the chart is the full alternative. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** Labels bar categories (bars only). */
  labelX?: (x: string) => string;
  /** Values are percentages (43.5 → 43.5 %). */
  percent?: boolean;
  /** The periods of a line chart are years, not months. */
  yearly?: boolean;
  /** Called once the chart is in the page (or could not be drawn), e.g. to start loading what comes below. */
  onDrawn?: () => void;
}

const adopted = new Set<string>();

/**
 * Plot writes its default styles as <style> elements, which the server's Content-Security-Policy
 * (style-src 'self', docs/security.md) refuses. The same rules go in through the CSSOM instead,
 * which the policy allows as it allows element.style: once per distinct text, before the chart is shown.
 */
function adoptStyles(chart: Element): void {
  for (const style of chart.querySelectorAll('style')) {
    const css = style.textContent ?? '';
    style.remove();
    if (adopted.has(css)) continue;
    adopted.add(css);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
}

/** A chart drawn by Observable Plot, loaded on demand. Always paired with a data table by its caller. */
export function Chart({ kind, points, description, xLabel, yLabel, labelX, percent = false, yearly = false, onDrawn }: ChartProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // The latest callback, without redrawing when the caller passes a new function.
  const drawn = useRef(onDrawn);
  useEffect(() => { drawn.current = onDrawn; });

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let live = true;
    import('./plot.ts').then(({ render }) => {
      if (!live) return;
      const dateFmt = new Intl.DateTimeFormat(locale(lang), yearly ? { year: 'numeric', timeZone: 'UTC' } : { month: 'short', year: 'numeric', timeZone: 'UTC' });
      const chart = render({
        kind,
        points,
        width: Math.max(280, Math.min(el.clientWidth || 640, 960)),
        formatY: (v) => (percent ? formatPercent(v, lang) : formatNumber(v, lang)),
        formatX: (v) => (v instanceof Date ? dateFmt.format(v) : labelX ? labelX(v) : formatPeriod(v, lang)),
        xLabel,
        yLabel,
        toDate: periodToDate,
      });
      // With a legend Plot returns a <figure>: the legend's swatches, then the plot's own <svg>.
      const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector(':scope > svg');
      svg?.setAttribute('role', 'img');
      svg?.setAttribute('aria-label', description);
      // The SVG is one image described by its label and the table beside it: Plot's labels on inner groups are noise
      // to assistive technology (and invalid on <g> without a role).
      chart.querySelectorAll('[aria-label], [aria-description]').forEach((node) => {
        if (node === svg) return;
        node.removeAttribute('aria-label');
        node.removeAttribute('aria-description');
      });
      adoptStyles(chart);
      el.replaceChildren(chart);
      drawn.current?.();
    }, () => {
      if (!live) return;
      setFailed(true);
      drawn.current?.();
    });
    return () => { live = false; };
  }, [kind, points, description, xLabel, yLabel, labelX, percent, yearly, lang]);

  return (
    <div className="chart" data-chart-kind={kind}>
      <div ref={ref} className="chart-canvas" />
      {failed && <p role="alert">{t('The chart could not be drawn; the table has every number.')}</p>}
    </div>
  );
}
