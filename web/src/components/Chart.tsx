import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../hooks.ts';
import { formatNumber, formatPeriod, periodToDate, locale } from '../format.ts';
import type { ChartPoint } from './plot.ts';

export interface ChartProps {
  kind: 'line' | 'bar';
  points: ChartPoint[];
  /** A one-line description for screen readers; the data table beside the chart is the full alternative. */
  description: string;
  xLabel: string;
  yLabel: string;
  /** Labels bar categories (bars only). */
  labelX?: (x: string) => string;
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
export function Chart({ kind, points, description, xLabel, yLabel, labelX }: ChartProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let live = true;
    import('./plot.ts').then(({ render }) => {
      if (!live) return;
      const monthFmt = new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' });
      const chart = render({
        kind,
        points,
        width: Math.max(280, Math.min(el.clientWidth || 640, 960)),
        formatY: (v) => formatNumber(v, lang),
        formatX: (v) => (v instanceof Date ? monthFmt.format(v) : labelX ? labelX(v) : formatPeriod(v, lang)),
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
    }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, [kind, points, description, xLabel, yLabel, labelX, lang]);

  return (
    <div className="chart" data-chart-kind={kind}>
      <div ref={ref} className="chart-canvas" />
      {failed && <p role="alert">{t('The chart could not be drawn; the table has every number.')}</p>}
    </div>
  );
}
