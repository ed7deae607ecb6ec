import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, type MeasuresInfo, type StatsAnswer } from '../api.ts';
import { download } from '../client.ts';
import { useApi, useLang, useValueLabels } from '../hooks.ts';
import { formatPeriod } from '../format.ts';
import { navigate } from '../router.tsx';
import { Chart } from '../components/Chart.tsx';
import { DataTable } from '../components/Layout.tsx';
import { AboutAnswer, Figure } from '../components/Numbers.tsx';

const FIELDS = ['measure', 'dimension', 'from', 'to', 'compare', 'series', 'rate', 'top'] as const;
type Field = typeof FIELDS[number];
type Query = Record<Field, string>;

function defaults(): Query {
  const year = new Date().getFullYear() - 1;
  return { measure: 'claims', dimension: 'province', from: `${year}-01-01`, to: `${year}-12-31`, compare: 'previous_year', series: '', rate: '', top: '10' };
}

function parse(search: string): Query | null {
  const p = new URLSearchParams(search);
  if (!p.get('measure')) return null;
  const q = defaults();
  for (const f of FIELDS) q[f] = p.get(f) ?? (f === 'compare' || f === 'series' || f === 'rate' ? '' : q[f]);
  return q;
}

function toParams(q: Query): URLSearchParams {
  const p = new URLSearchParams();
  for (const f of FIELDS) if (q[f]) p.set(f, q[f]);
  return p;
}

const DIMENSION_LABELS: Record<string, string> = {
  all: 'All (no breakdown)', office: 'Office', office_type: 'Office type', province: 'Province or territory', citizenship: 'Citizenship',
  persecution_country: 'Country of alleged persecution', age_band: 'Age band', sex: 'Sex', family_size: 'Family size',
  province_office_type: 'Province and office type',
};
const SERIES_LABELS: Record<string, string> = { '': 'None (totals for the period)', day: 'Day', week: 'Week', month: 'Month', quarter: 'Quarter', year: 'Year' };
const COMPARE_LABELS: Record<string, string> = { '': 'None', previous_year: 'Same period, previous year', previous_period: 'Previous period of the same length' };

export function Explore({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const asked = useMemo(() => parse(search), [search]);
  const info = useApi<MeasuresInfo>(`${API}/stats/measures`);
  const [form, setForm] = useState<Query>(() => asked ?? defaults());
  const url = asked ? `${API}/stats?${toParams(asked).toString()}` : null;
  const result = useApi<StatsAnswer>(url);

  const set = (f: Field) => (e: { target: { value: string } }) => setForm((q) => ({ ...q, [f]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/explore?${toParams(form).toString()}`);
  };
  const measure = info.data?.measures.find((m) => m.id === form.measure);

  return (
    <>
      <h1>{t('Statistics explorer')}</h1>
      <p className="lede">{t('Ask a question of this instance’s records. The server answers from its rollups and applies disclosure control: small counts are shown as "--".')}</p>
      <form className="explorer-form" onSubmit={submit} aria-labelledby="question-heading">
        <h2 id="question-heading" className="visually-hidden">{t('Your question')}</h2>
        <div className="field">
          <label htmlFor="f-measure">{t('Measure')}</label>
          <select id="f-measure" value={form.measure} onChange={set('measure')} aria-describedby="f-measure-def">
            {(info.data?.measures ?? [{ id: form.measure, labels: { en: form.measure, fr: form.measure } }]).map((m) => <option key={m.id} value={m.id}>{m.labels[lang]}</option>)}
          </select>
          <p id="f-measure-def" className="hint">{measure ? `${measure.definition[lang]} (${measure.dated[lang]})` : ''}</p>
        </div>
        <div className="field">
          <label htmlFor="f-dimension">{t('Breakdown')}</label>
          <select id="f-dimension" value={form.dimension} onChange={set('dimension')}>
            {(info.data?.dimensions ?? Object.keys(DIMENSION_LABELS)).map((d) => <option key={d} value={d}>{t(DIMENSION_LABELS[d] ?? d)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('From')}</label>
          <input id="f-from" type="date" required value={form.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('To')}</label>
          <input id="f-to" type="date" required value={form.to} onChange={set('to')} />
        </div>
        <div className="field">
          <label htmlFor="f-compare">{t('Compare with')}</label>
          <select id="f-compare" value={form.compare} onChange={set('compare')}>
            {Object.entries(COMPARE_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-series">{t('Time series by')}</label>
          <select id="f-series" value={form.series} onChange={set('series')}>
            {Object.entries(SERIES_LABELS).map(([v, l]) => <option key={v} value={v}>{t(l)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-rate">{t('Rate')}</label>
          <select id="f-rate" value={form.rate} onChange={set('rate')}>
            <option value="">{t('None')}</option>
            {(info.data?.rates ?? []).map((r) => <option key={r.id} value={r.id}>{r.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-top">{t('Largest values shown')}</label>
          <input id="f-top" type="number" min={1} max={100} value={form.top} onChange={set('top')} />
        </div>
        <div className="actions"><button type="submit">{t('Show the answer')}</button></div>
      </form>

      <section aria-labelledby="answer-heading" aria-live="polite" className="panel">
        <h2 id="answer-heading">{t('Answer')}</h2>
        {!asked && <p className="muted">{t('Choose a measure, a breakdown and a period, then press "Show the answer".')}</p>}
        {result.loading && <p role="status" className="muted">{t('Loading…')}</p>}
        {result.error && <p role="alert" className="error">{t('The server could not answer: {{message}}', { message: result.error })}</p>}
        {result.data && asked && !result.loading && <AnswerView answer={result.data} query={asked} />}
      </section>
    </>
  );
}

function AnswerView({ answer, query }: { answer: StatsAnswer; query: Query }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useValueLabels();
  const labelOf = (v: string) => label(answer.dimension, v);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // Through the app's one client (its channel header, the session's handling), saved under the server's file name.
  const saveCsv = () => {
    setDownloadError(null);
    download(`${API}/stats?${toParams(query).toString()}&format=csv`, `refuge-${query.measure}-${query.from}-${query.to}.csv`)
      .catch((err: unknown) => setDownloadError((err as Error).message));
  };
  const isSeries = answer.rows.some((r) => r.series);
  const hasCompare = answer.rows.some((r) => r.comparison);
  const hasRate = answer.rows.some((r) => r.rate);
  const hasMedian = answer.rows.some((r) => r.median !== undefined);

  const points = useMemo(() => (isSeries
    ? answer.rows.slice(0, 10).flatMap((r) => (r.series ?? []).filter((p) => typeof p.n === 'number').map((p) => ({ x: p.period, y: p.n as number, series: label(answer.dimension, r.value) })))
    : answer.rows.filter((r) => typeof r.n === 'number').map((r) => ({ x: r.value, y: r.n as number, series: '*' })))
  , [answer, isSeries, label]);
  const periods = useMemo(() => [...new Set(answer.rows.flatMap((r) => (r.series ?? []).map((p) => p.period)))].sort(), [answer]);
  const title = `${answer.labels[lang]} — ${t(DIMENSION_LABELS[answer.dimension] ?? answer.dimension)}`;

  return (
    <>
      <h3>{title}</h3>
      <p className="source"><strong>{t('Source')}:</strong> {answer.source[lang]} <strong>{t('Disclosure rule')}:</strong> {answer.disclosure.rule[lang]}</p>
      {answer.rows.length === 0 ? <p>{t('No records answer this question.')}</p> : (
        <figure>
          <Chart kind={isSeries ? 'line' : 'bar'} points={points} labelX={labelOf}
            xLabel={isSeries ? t('Period') : t(DIMENSION_LABELS[answer.dimension] ?? answer.dimension)} yLabel={answer.labels[lang]}
            description={isSeries
              ? t('Line chart of {{measure}} by period. The data table follows.', { measure: answer.labels[lang] })
              : t('Bar chart of {{measure}} by {{dimension}}. The data table follows.', { measure: answer.labels[lang], dimension: t(DIMENSION_LABELS[answer.dimension] ?? answer.dimension).toLowerCase() })} />
          <figcaption>
            {isSeries ? (
              <DataTable caption={title} headers={[t('Period'), ...answer.rows.map((r) => labelOf(r.value))]}
                numeric={[false, ...answer.rows.map(() => true)]}
                rows={periods.map((p) => [formatPeriod(p, lang), ...answer.rows.map((r, i) => <Figure key={i} value={r.series?.find((s) => s.period === p)?.n ?? 0} answer={answer} />)])} />
            ) : (
              <DataTable caption={title}
                headers={[t(DIMENSION_LABELS[answer.dimension] ?? answer.dimension), answer.labels[lang],
                  ...(hasCompare ? [t('Comparison period'), t('Change (%)')] : []),
                  ...(hasRate ? [answer.rateDefinition?.labels[lang] ?? t('Rate')] : []),
                  ...(hasMedian ? [t('Median (days)'), t('90th percentile (days)')] : [])]}
                numeric={[false, true, true, true, true, true, true]}
                rows={answer.rows.map((r) => [labelOf(r.value), <Figure key="n" value={r.n} answer={answer} />,
                  ...(hasCompare ? [<Figure key="c" value={r.comparison?.n} answer={answer} />, <Figure key="p" value={r.comparison?.changePercent} answer={answer} percent signed />] : []),
                  ...(hasRate ? [<Figure key="r" value={r.rate?.percent} answer={answer} percent />] : []),
                  ...(hasMedian ? [<Figure key="m" value={r.median} answer={answer} />, <Figure key="q" value={r.p90} answer={answer} />] : [])])} />
            )}
          </figcaption>
        </figure>
      )}
      <p><button type="button" onClick={saveCsv}>{t('Download CSV')}</button></p>
      {downloadError && <p className="error" role="alert">{t('The CSV could not be downloaded: {{message}}', { message: downloadError })}</p>}
      <AboutAnswer answer={answer} open />
    </>
  );
}
