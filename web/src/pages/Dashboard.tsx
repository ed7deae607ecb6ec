import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { API, type OfficialAnswer, type SavedQuestionResult, type StatsAnswer } from '../api.ts';
import { useApi, useLang, useValueLabels } from '../hooks.ts';
import { formatDate, formatNumber, formatPeriod } from '../format.ts';
import { Chart } from '../components/Chart.tsx';
import { DataTable } from '../components/Layout.tsx';
import { AboutAnswer, Figure } from '../components/Numbers.tsx';

const OFFICIAL_URL = `${API}/stats/official?series=ircc.asylum.office_type_prov&province=QC&officeCategory=Border&from=2015-01&to=2025-07`;

export function Dashboard() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('Asylum claims: public dashboard')}</h1>
      <p className="lede">{t('Official IRCC statistics, and the saved questions of this Refuge instance. Every number carries its definition, its source and the disclosure rule the server applied.')}</p>
      <OfficialQuebecBorder />
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">{t('Saved questions on this instance’s records')}</h2>
        <div className="cards">
          <LacolleCard />
          <UsCitizensCard />
          <PendingCard />
          <AcceptanceCard />
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

function OfficialQuebecBorder() {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, error, loading } = useApi<OfficialAnswer>(OFFICIAL_URL);
  const points = useMemo(() => (data?.rows ?? []).filter((r) => r.value !== null).map((r) => ({ x: r.period, y: r.value as number, series: 'QC' })), [data]);
  return (
    <section aria-labelledby="official-heading" className="panel">
      <h2 id="official-heading">{t('Quebec land-border asylum claims by month (official IRCC series)')}</h2>
      <Status loading={loading} error={error} />
      {data && (
        <figure>
          <Chart kind="line" points={points} xLabel={t('Month of claim')} yLabel={t('Claimants')}
            description={t('Line chart: asylum claimants at Quebec land ports of entry by month, {{from}} to {{to}}. The data table follows.', {
              from: formatPeriod(data.rows[0]?.period ?? '', lang), to: formatPeriod(data.rows.at(-1)?.period ?? '', lang) })} />
          <figcaption className="source">
            <p>
              <strong>{t('Source')}:</strong> {data.source.publisher}, <cite>{data.source.title}</cite>.{' '}
              <span data-testid="vintage">{t('Vintage (release) of {{date}}', { date: formatDate(data.vintage, lang) })}</span>.{' '}
              {data.source.licence}.
            </p>
            <details className="about">
              <summary>{t('Definition')}</summary>
              <p>{data.definition[lang]}</p>
            </details>
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

function useQuestion(id: string) {
  return useApi<SavedQuestionResult>(`${API}/stats/questions/${id}`);
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

function LacolleCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('lacolle-since-july-1');
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

function UsCitizensCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('us-citizens-first-half-vs-previous-year');
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

function AcceptanceCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useValueLabels();
  const q = useQuestion('acceptance-by-persecution-country-last-four-quarters');
  const fin = answerOf(q.data, 'finalized_share');
  const merits = answerOf(q.data, 'merits');
  return (
    <Card title={t('RPD acceptance rate by country of alleged persecution')} status={q} wide>
      {q.data && <p className="question">{q.data.labels[lang]}</p>}
      {fin && (
        <>
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
          <AboutAnswer answer={fin} />
          {merits?.rateDefinition && <p className="muted small">{merits.rateDefinition.labels[lang]}: {merits.rateDefinition.formula[lang]}</p>}
        </>
      )}
    </Card>
  );
}

function PendingCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuestion('pending-at-month-ends');
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

