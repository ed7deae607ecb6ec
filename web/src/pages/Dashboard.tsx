import type { ReactNode } from 'react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API, type Bilingual, type OfficialAnswer, type OfficialBreakdown, type OfficialRow, type OfficialSource, type RpdOutcomes,
  type SavedQuestionResult, type StatsAnswer,
} from '../api.ts';
import type { Lang } from '../i18n.ts';
import { useApi, useLang, useValueLabels } from '../hooks.ts';
import { formatDate, formatNumber, formatPercent, formatPeriod, formatPeriodLong } from '../format.ts';
import { Chart } from '../components/Chart.tsx';
import type { ChartPoint } from '../components/plot.ts';
import { DataTable } from '../components/Layout.tsx';
import { AboutAnswer, Figure } from '../components/Numbers.tsx';

// The top of the page is one light request; everything below starts once its chart is drawn.
const NATIONAL_URL = `${API}/stats/official/breakdown?series=ircc.asylum.office_type_prov&by=officeCategory&from=2015-01`;
const QUEBEC_URL = `${API}/stats/official?series=ircc.asylum.office_type_prov&province=QC&officeCategory=Border&from=2015-01&to=2025-07`;
const CITIZENSHIP_URLS = {
  month: `${API}/stats/official/breakdown?series=ircc.asylum.top25_citz_office_type_last_month&by=citizenship&period=latest`,
  year: `${API}/stats/official/breakdown?series=ircc.asylum.top25_citz_office_type_last_year&by=citizenship&grain=year&period=latest`,
} as const;
const RPD_URL = `${API}/stats/official/rpd-outcomes`;

/** IRCC's claim office categories (the workbook's row groups). */
const OFFICE_CATEGORY_LABELS: Record<string, string> = {
  AIRPORT: 'Airports',
  BORDER: 'Land border',
  INLAND: 'Inland offices',
  OTHER_OFFICES: 'Other offices',
};

export function Dashboard() {
  const { t } = useTranslation();
  const [topDrawn, setTopDrawn] = useState(false);
  const onTopDrawn = useCallback(() => setTopDrawn(true), []);
  return (
    <>
      <h1>{t('Asylum claims: public dashboard')}</h1>
      <p className="lede">{t('Official IRCC statistics, and the saved questions of this Refuge instance. Every number carries its definition, its source and the disclosure rule the server applied.')}</p>
      <NationalByOfficeType onDrawn={onTopDrawn} />
      <OfficialQuebecBorder ready={topDrawn} />
      <TopCitizenships ready={topDrawn} />
      <TribunalOutcomes ready={topDrawn} />
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">{t('Saved questions on this instance’s records')}</h2>
        <div className="cards">
          <LacolleCard ready={topDrawn} />
          <UsCitizensCard ready={topDrawn} />
          <PendingCard ready={topDrawn} />
          <AcceptanceCard ready={topDrawn} />
        </div>
      </section>
    </>
  );
}

function Status({ loading, error }: { loading: boolean; error: string | undefined }) {
  const { t } = useTranslation();
  if (error) return <p role="alert" className="error">{t('Could not load: {{message}}', { message: error })}</p>;
  if (loading) return <p className="muted" role="status">{t('Loading…')}</p>;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Official figures

/**
 * A period's figure as published: the publisher's own total where it prints one; else the sum of the
 * published cells, with the number of suppressed ones beside it ("(+2 --)"), never a silent 0.
 * y is NaN when nothing can be drawn (suppressed).
 */
function figureOf(row: OfficialRow | undefined, lang: Lang): { y: number; text: string; partialSum: boolean } {
  if (!row) return { y: NaN, text: '—', partialSum: false };
  const total = row.publishedTotal;
  if (total) {
    return total.suppressed || total.value === null ? { y: NaN, text: '--', partialSum: false } : { y: total.value, text: formatNumber(total.value, lang), partialSum: false };
  }
  if (row.value === null) return { y: NaN, text: row.suppressed ? '--' : '—', partialSum: false };
  if (row.suppressedCells > 0) return { y: row.value, text: `${formatNumber(row.value, lang)} (+${formatNumber(row.suppressedCells, lang)} --)`, partialSum: true };
  return { y: row.value, text: formatNumber(row.value, lang), partialSum: false };
}

function SuppressionNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return <p className="muted small">{t('A figure followed by “(+n --)” adds up the published cells; n more cells were suppressed by the publisher (1 to 4 claimants each, shown as --) and are not in it.')}</p>;
}

/** Publisher, title or file, who extracted it, vintage and licence; then the definition. */
function SourceNote({ answer }: { answer: { source: OfficialSource; vintage: string; definition: Bilingual } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { source } = answer;
  return (
    <>
      <p>
        <strong>{t('Source')}:</strong> {source.publisher}, <cite>{source.title ?? source.file}</cite>
        {source.derivedBy ? <> ({t('as extracted by {{who}}', { who: source.derivedBy })})</> : null}.{' '}
        <span data-testid="vintage">{t('Vintage (release) of {{date}}', { date: formatDate(answer.vintage, lang) })}</span>.{' '}
        {source.licence}.
      </p>
      <details className="about">
        <summary>{t('Definition')}</summary>
        <p>{answer.definition[lang]}</p>
      </details>
    </>
  );
}

function NationalByOfficeType({ onDrawn }: { onDrawn: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, error, loading } = useApi<OfficialBreakdown>(NATIONAL_URL);
  // Whatever happens to this request, the rest of the page loads.
  useEffect(() => { if (error) onDrawn(); }, [error, onDrawn]);
  const categoryLabel = useCallback((code: string) => t(OFFICE_CATEGORY_LABELS[code] ?? code), [t]);
  const view = useMemo(() => {
    if (!data) return null;
    const months = data.total.map((r) => r.period);
    const byMonth = data.values.map((v) => new Map(v.rows.map((r) => [r.period, r])));
    const totals = new Map(data.total.map((r) => [r.period, r]));
    const points: ChartPoint[] = data.values.flatMap((v) => v.rows.map((r) => ({ x: r.period, y: figureOf(r, lang).y, series: categoryLabel(v.value) })));
    const cells = months.map((m) => [...byMonth.map((rows) => figureOf(rows.get(m), lang)), figureOf(totals.get(m), lang)]);
    return { months, byMonth, totals, points, cells };
  }, [data, lang, categoryLabel]);
  const last = view?.months.at(-1);
  return (
    <section aria-labelledby="national-heading" className="panel">
      <h2 id="national-heading">{t('Asylum claimants in Canada by month and claim office type (official IRCC series)')}</h2>
      <Status loading={loading} error={error} />
      {data && view && last && (
        <>
          <p className="summary">
            {t('{{month}}: {{total}} asylum claimants in Canada ({{parts}}).', {
              month: formatPeriodLong(last, lang), total: figureOf(view.totals.get(last), lang).text,
              parts: data.values.map((v, i) => `${categoryLabel(v.value)} ${figureOf(view.byMonth[i]!.get(last), lang).text}`).join(', '),
            })}
          </p>
          <figure>
            <Chart kind="line" points={view.points} xLabel={t('Month of claim')} yLabel={t('Claimants')} onDrawn={onDrawn}
              description={t('Line chart: asylum claimants in Canada by month, one line per claim office type, {{from}} to {{to}}; suppressed figures are gaps. The data table follows.', {
                from: formatPeriod(view.months[0] ?? '', lang), to: formatPeriod(last, lang) })} />
            <figcaption className="source">
              <SourceNote answer={data} />
              <p className="muted small">{t('Each office type’s figure is IRCC’s own total for it; the provinces’ cells, rounded separately, may add up to a little more or less.')}</p>
              <details>
                <summary>{t('Data table')}</summary>
                <DataTable caption={t('Asylum claimants in Canada by month and claim office type')}
                  headers={[t('Month'), ...data.values.map((v) => categoryLabel(v.value)), t('Total')]}
                  numeric={[false, ...data.values.map(() => true), true]}
                  rows={view.months.map((m, i) => [formatPeriod(m, lang), ...view.cells[i]!.map((f) => f.text)])} />
                <SuppressionNote shown={view.cells.some((row) => row.some((f) => f.partialSum))} />
              </details>
            </figcaption>
          </figure>
        </>
      )}
    </section>
  );
}

function OfficialQuebecBorder({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, error, loading } = useApi<OfficialAnswer>(ready ? QUEBEC_URL : null);
  const points = useMemo(() => (data?.rows ?? []).filter((r) => r.value !== null).map((r) => ({ x: r.period, y: r.value as number, series: 'QC' })), [data]);
  return (
    <section aria-labelledby="official-heading" className="panel">
      <h2 id="official-heading">{t('Quebec land-border asylum claims by month (official IRCC series)')}</h2>
      <Status loading={loading || !ready} error={error} />
      {data && (
        <figure>
          <Chart kind="line" points={points} xLabel={t('Month of claim')} yLabel={t('Claimants')}
            description={t('Line chart: asylum claimants at Quebec land ports of entry by month, {{from}} to {{to}}. The data table follows.', {
              from: formatPeriod(data.rows[0]?.period ?? '', lang), to: formatPeriod(data.rows.at(-1)?.period ?? '', lang) })} />
          <figcaption className="source">
            <SourceNote answer={data} />
            <details>
              <summary>{t('Data table')}</summary>
              <DataTable caption={t('Quebec land-border asylum claimants by month')}
                headers={[t('Month'), t('Claimants'), t('Suppressed cells')]} numeric={[false, true, true]}
                rows={data.rows.map((r) => [formatPeriod(r.period, lang), r.suppressed ? '--' : formatNumber(r.value, lang), formatNumber(r.suppressedCells, lang)])} />
            </details>
          </figcaption>
        </figure>
      )}
    </section>
  );
}

function TopCitizenships({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const [span, setSpan] = useState<keyof typeof CITIZENSHIP_URLS>('month');
  const { data, error, loading } = useApi<OfficialBreakdown>(ready ? CITIZENSHIP_URLS[span] : null);
  return (
    <section aria-labelledby="citizenship-heading" className="panel">
      <h2 id="citizenship-heading">{t('Top 25 countries of citizenship of asylum claimants (official IRCC series)')}</h2>
      <fieldset className="segmented">
        <legend>{t('Period')}</legend>
        {(['month', 'year'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="citizenship-span" value={s} checked={span === s} onChange={() => setSpan(s)} />
            {s === 'month' ? t('Latest month') : t('Latest full year')}
          </label>
        ))}
      </fieldset>
      <Status loading={loading || !ready} error={error} />
      {data && <CitizenshipFigure data={data} />}
    </section>
  );
}

function CitizenshipFigure({ data }: { data: OfficialBreakdown }) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useValueLabels();
  const nameOf = useCallback((code: string): string => {
    if (code === 'OTHER_COUNTRIES') return t('Other countries');
    const known = label('citizenship', code);
    return known !== code ? known : data.values.find((v) => v.value === code)?.attributes.citizenshipName ?? code;
  }, [label, data, t]);
  const ranked = data.values.filter((v) => v.attributes.rank !== undefined);
  const rest = data.values.filter((v) => v.attributes.rank === undefined);
  const figures = data.values.map((v) => figureOf(v.rows[0], lang));
  const total = figureOf(data.total[0], lang);
  const points = useMemo(() => data.values.filter((v) => v.attributes.rank !== undefined)
    .map((v) => ({ x: v.value, y: figureOf(v.rows[0], lang).y, series: '*' }))
    .filter((p) => Number.isFinite(p.y)), [data, lang]);
  const period = formatPeriodLong(data.period ?? '', lang);
  const top = ranked.slice(0, 3).map((v) => ({ name: nameOf(v.value), n: figureOf(v.rows[0], lang).text }));
  return (
    <>
      <p data-testid="citizenship-period"><strong>{t('Period shown: {{period}}.', { period })}</strong> {t('The 25 countries are IRCC’s ranking for that period.')}</p>
      {top.length === 3 && (
        <p className="summary">
          {t('{{period}}: {{total}} asylum claimants; the most frequent citizenships were {{first}} ({{n1}}), {{second}} ({{n2}}) and {{third}} ({{n3}}).', {
            period, total: total.text, first: top[0]!.name, n1: top[0]!.n, second: top[1]!.name, n2: top[1]!.n, third: top[2]!.name, n3: top[2]!.n })}
        </p>
      )}
      <figure>
        <Chart kind="bar" points={points} xLabel={t('Country of citizenship')} yLabel={t('Claimants')} labelX={nameOf}
          description={t('Bar chart: asylum claimants in {{period}} by country of citizenship, the 25 countries of IRCC’s ranking, largest first. Other countries and the total are in the data table that follows.', { period })} />
        <figcaption className="source">
          <SourceNote answer={data} />
          <details>
            <summary>{t('Data table')}</summary>
            <DataTable caption={t('Asylum claimants by country of citizenship, {{period}}', { period })}
              headers={[t('Country of citizenship'), t('Rank'), t('Claimants')]} numeric={[false, true, true]}
              rows={[
                ...data.values.map((v, i) => [nameOf(v.value), v.attributes.rank ?? '—', figures[i]!.text]),
                [t('All countries'), '—', total.text],
              ]} />
            <SuppressionNote shown={figures.some((f) => f.partialSum) || total.partialSum} />
            {rest.length > 0 && <p className="muted small">{t('Other countries: every citizenship outside the 25, as one published row.')}</p>}
          </details>
        </figcaption>
      </figure>
    </>
  );
}

/** The RPD's outcome categories as the IRB open data publish them (abandoned and withdrawn are one figure). */
const OUTCOME_LABELS: Record<string, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  other: 'Abandoned, withdrawn and other',
};

function TribunalOutcomes({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, error, loading } = useApi<RpdOutcomes>(ready ? RPD_URL : null);
  const view = useMemo(() => {
    if (!data) return null;
    const parts = [['accepted', 'accepted'], ['rejected', 'rejected'], ['other', 'abandonedWithdrawnOther']] as const;
    const outcomes: ChartPoint[] = data.rows.flatMap((r) => parts.map(([key, field]) => ({ x: String(r.year), y: r[field] ?? NaN, series: t(OUTCOME_LABELS[key]!) })));
    const rates: ChartPoint[] = data.rows.map((r) => ({ x: String(r.year), y: r.publishedAcceptanceRate ?? NaN, series: '*' }));
    return { outcomes, rates, first: data.rows[0], last: data.rows.at(-1) };
  }, [data, t]);
  const merits = data?.rates.ACC_MERITS;
  const finalized = data?.rates.ACC_FINALIZED;
  const differing = data?.rows.filter((r) => r.publishedMatches === false).map((r) => r.year) ?? [];
  return (
    <section aria-labelledby="tribunal-heading" className="panel">
      <h2 id="tribunal-heading">{t('Refugee Protection Division decisions by outcome and year (official IRB series)')}</h2>
      <Status loading={loading || !ready} error={error} />
      {data && view?.first && view.last && merits && finalized && (
        <>
          <p className="summary">
            {t('{{year}}: the RPD finalized {{total}} claims, {{accepted}} accepted, {{rejected}} rejected and {{other}} abandoned, withdrawn or otherwise closed; the published acceptance rate was {{rate}}.', {
              year: view.last.year, total: formatNumber(view.last.totalFinalized, lang), accepted: formatNumber(view.last.accepted, lang),
              rejected: formatNumber(view.last.rejected, lang), other: formatNumber(view.last.abandonedWithdrawnOther, lang),
              rate: formatPercent(view.last.publishedAcceptanceRate, lang) })}
          </p>
          <h3 id="outcomes-heading">{t('Claims finalized by outcome')}</h3>
          <figure aria-labelledby="outcomes-heading">
            <Chart kind="stacked" points={view.outcomes} xLabel={t('Year of decision')} yLabel={t('Claims finalized')}
              description={t('Stacked bar chart: claims finalized by the Refugee Protection Division each year from {{from}} to {{to}}, by outcome: accepted, rejected, and abandoned, withdrawn or other. The data table follows.', {
                from: view.first.year, to: view.last.year })} />
            <figcaption className="source">
              <SourceNote answer={data} />
              <p className="muted small">{t('The IRB open data publish abandoned, withdrawn and other closures as one figure.')}</p>
              <details>
                <summary>{t('Data table')}</summary>
                <DataTable caption={t('Refugee Protection Division claims finalized by outcome and year')}
                  headers={[t('Year'), t(OUTCOME_LABELS.accepted!), t(OUTCOME_LABELS.rejected!), t(OUTCOME_LABELS.other!), t('Total finalized')]}
                  numeric={[false, true, true, true, true]}
                  rows={data.rows.map((r) => [String(r.year), formatNumber(r.accepted, lang), formatNumber(r.rejected, lang),
                    formatNumber(r.abandonedWithdrawnOther, lang), formatNumber(r.totalFinalized, lang)])} />
              </details>
            </figcaption>
          </figure>
          <h3 id="rate-heading">{t('Acceptance rate as published')}</h3>
          <p className="definition" data-testid="rate-definition">{t('{{label}}: {{formula}}.', { label: merits.labels[lang], formula: merits.formula[lang] })} {merits.notes?.[lang]}</p>
          <figure aria-labelledby="rate-heading">
            <Chart kind="line" yearly percent points={view.rates} xLabel={t('Year of decision')} yLabel={t('Acceptance rate')}
              description={t('Line chart: the acceptance rate published by the IRB, accepted ÷ (accepted + rejected), each year from {{from}} to {{to}}. The data table follows.', {
                from: view.first.year, to: view.last.year })} />
            <figcaption className="source">
              <SourceNote answer={data} />
              <p className="muted small">
                {differing.length === 0
                  ? t('Recomputed from the counts above, the rate agrees with the published one in every year.')
                  : t('Recomputed from the counts above, the rate differs from the published one in {{years}}.', { years: differing.join(', ') })}
                {' '}{t('The other usual definition, {{label}} ({{formula}}), is in the table for comparison.', { label: finalized.labels[lang], formula: finalized.formula[lang] })}
              </p>
              <details>
                <summary>{t('Data table')}</summary>
                <DataTable caption={t('Refugee Protection Division acceptance rates by year')}
                  headers={[t('Year'), t('Acceptance rate as published (accepted ÷ (accepted + rejected))'), t('Accepted share of all claims finalized')]}
                  numeric={[false, true, true]}
                  rows={data.rows.map((r) => [String(r.year), formatPercent(r.publishedAcceptanceRate, lang), formatPercent(r.ACC_FINALIZED?.percent, lang)])} />
              </details>
            </figcaption>
          </figure>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// This instance's saved questions

function useQuestion(id: string, ready: boolean) {
  const q = useApi<SavedQuestionResult>(ready ? `${API}/stats/questions/${id}` : null);
  return { ...q, loading: q.loading || !ready };
}

function Card({ title, children, status, wide = false }: { title: string; children: ReactNode; status: { loading: boolean; error: string | undefined }; wide?: boolean }) {
  const id = `card-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  return (
    <article className={wide ? 'card wide' : 'card'} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <Status {...status} />
      {children}
    </article>
  );
}

function answerOf(q: SavedQuestionResult | undefined, name?: string): StatsAnswer | undefined {
  return name ? q?.answers.find((a) => a.name === name)?.answer : q?.answers[0]?.answer;
}

function LacolleCard({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('lacolle-since-july-1', ready);
  const a = answerOf(q.data);
  const row = a?.rows[0];
  return (
    <Card title={t('Saint-Bernard-de-Lacolle since July 1')} status={q}>
      {q.data && <p className="question">{q.data.labels[lang]}</p>}
      {a && (
        <>
          <p className="big">
            <Figure value={row?.n ?? 0} answer={a} /> <span className="unit">{t('claimants')}</span>
          </p>
          {row?.comparison && (
            <p>
              {t('Same period last year')}: <Figure value={row.comparison.n} answer={a} />.{' '}
              {t('Change')}: <Figure value={row.comparison.changePercent} answer={a} percent signed className="change" />
            </p>
          )}
          <AboutAnswer answer={a} />
        </>
      )}
    </Card>
  );
}

function UsCitizensCard({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('us-citizens-first-half-vs-previous-year', ready);
  const half = answerOf(q.data, 'first_half');
  const prev = answerOf(q.data, 'previous_year');
  return (
    <Card title={t('US citizens: first half against the previous year')} status={q}>
      {q.data && <p className="question">{q.data.labels[lang]}</p>}
      {half && prev && (
        <>
          <DataTable caption={t('Claims by US citizens')} headers={[t('Period'), t('Claimants')]} numeric={[false, true]}
            rows={[half, prev].map((a) => [t('{{from}} to {{to}}', { from: formatDate(a.from, lang), to: formatDate(a.to, lang) }), <Figure key="n" value={a.rows[0]?.n ?? 0} answer={a} />])} />
          <AboutAnswer answer={half} />
        </>
      )}
    </Card>
  );
}

function AcceptanceCard({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('acceptance-by-persecution-country-last-four-quarters', ready);
  const fin = answerOf(q.data, 'finalized_share');
  const merits = answerOf(q.data, 'merits');
  return (
    <Card title={t('RPD acceptance rate by country of alleged persecution')} status={q} wide>
      {q.data && <p className="question">{q.data.labels[lang]}</p>}
      {fin && (
        <>
          <AcceptanceTable fin={fin} merits={merits} />
          <AboutAnswer answer={fin} />
          {merits?.rateDefinition && <p className="muted small">{merits.rateDefinition.labels[lang]}: {merits.rateDefinition.formula[lang]}</p>}
        </>
      )}
    </Card>
  );
}

/** Mounted once the answer is in: the country names it needs are fetched then, not with the top of the page. */
function AcceptanceTable({ fin, merits }: { fin: StatsAnswer; merits: StatsAnswer | undefined }) {
  const { t } = useTranslation();
  const label = useValueLabels();
  return (
    <DataTable caption={t('Top 10 countries by RPD finalizations, last four quarters')}
      headers={[t('Country of alleged persecution'), t('Finalized'), t('Accepted'), t('Acceptance rate (finalized)'), t('Acceptance rate (merits)')]}
      numeric={[false, true, true, true, true]}
      rows={fin.rows.slice(0, 10).map((r) => {
        const m = merits?.rows.find((x) => x.value === r.value);
        return [label('persecution_country', r.value), <Figure key="n" value={r.n} answer={fin} />,
          <Figure key="a" value={r.byCategory?.ACCEPTED ?? r.rate?.numerator} answer={fin} />,
          <Figure key="r" value={r.rate?.percent} answer={fin} percent />,
          merits && m ? <Figure key="m" value={m.rate?.percent} answer={merits} percent /> : '—'];
      })} />
  );
}

function PendingCard({ ready }: { ready: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('pending-at-month-ends', ready);
  const a = answerOf(q.data);
  const series = useMemo(() => a?.rows[0]?.series ?? [], [a]);
  const points = useMemo(() => series.filter((p) => typeof p.n === 'number').map((p) => ({ x: p.period, y: p.n as number, series: '*' })), [series]);
  return (
    <Card title={t('RPD pending inventory at month ends')} status={q}>
      {q.data && <p className="question">{q.data.labels[lang]}</p>}
      {a && (
        <figure>
          <Chart kind="line" points={points} xLabel={t('Month end')} yLabel={t('Pending claims')}
            description={t('Line chart: RPD pending inventory at the end of each month. The data table follows.')} />
          <figcaption>
            <details>
              <summary>{t('Data table')}</summary>
              <DataTable caption={t('RPD pending inventory at month ends')} headers={[t('Month'), t('Pending claims')]} numeric={[false, true]}
                rows={series.map((p) => [formatPeriod(p.period, lang), <Figure key="n" value={p.n} answer={a} />])} />
            </details>
            <AboutAnswer answer={a} />
          </figcaption>
        </figure>
      )}
    </Card>
  );
}
