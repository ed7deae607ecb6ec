import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../api.ts';
import { useApi, useLang } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import type { Queue, QueueItem } from '../work/api.ts';
import { Status, useLabeller, useOffices, useStates } from '../work/common.tsx';

const ROLE_LABELS: Record<string, string> = {
  '': 'All the office’s work', ELIGIBILITY_OFFICER: 'Eligibility officer', TRIBUNAL_REGISTRY: 'Tribunal registry', TRIBUNAL_MEMBER: 'Tribunal member', COUNSEL: 'Counsel',
};
const SHOWN = 50;

interface Query { officeCode: string; role: string; withinDays: string }

function parse(search: string): Query {
  const p = new URLSearchParams(search);
  return { officeCode: p.get('officeCode') ?? 'QC-LACOLLE', role: p.get('role') ?? '', withinDays: p.get('withinDays') ?? '7' };
}

/** An office's work queue: overdue time limits, those due soon, eligibility decisions waiting on facts. */
export function Queues({ search }: { search: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const offices = useOffices();
  const stateLabel = useLabeller(useStates());
  const asked = parse(search);
  const [form, setForm] = useState<Query>(asked);
  const params = new URLSearchParams({ officeCode: asked.officeCode, withinDays: asked.withinDays });
  if (asked.role) params.set('role', asked.role);
  const queue = useApi<Queue>(`${API}/queues?${params.toString()}`);

  const set = (k: keyof Query) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams({ officeCode: form.officeCode, withinDays: form.withinDays });
    if (form.role) p.set('role', form.role);
    navigate(`/work/queues?${p.toString()}`);
  };

  const list = (id: string, title: string, items: QueueItem[], empty: string, kind: 'deadline' | 'facts') => (
    <section aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title} <span className="count">({items.length})</span></h2>
      {items.length === 0 ? <p>{empty}</p> : (
        <>
          {items.length > SHOWN && <p className="muted">{t('The first {{n}} are shown.', { n: SHOWN })}</p>}
          <ul className="queue">
            {items.slice(0, SHOWN).map((item, i) => (
              <li key={`${item.claimId}-${i}`}>
                <Link href={`/work/claims/${item.claimId}`}>{item.reference}</Link> — {stateLabel(item.state)}
                {kind === 'deadline' && item.deadline && (
                  <> · {item.deadline.labels[lang]}: {t('safe date {{date}}', { date: formatDate(item.deadline.due.safe, lang) })}</>
                )}
                {kind === 'facts' && (
                  <> · {t('{{n}} questions open', { n: item.questions ?? 0 })}{item.assessmentOn ? ` (${formatDate(item.assessmentOn, lang)})` : ''}</>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );

  return (
    <>
      <p className="breadcrumb"><Link href="/work">{t('Workbench: claims')}</Link></p>
      <h1>{t('Work queue')}</h1>
      <form className="explorer-form" onSubmit={submit} aria-label={t('Choose the queue')}>
        <div className="field">
          <label htmlFor="q-office">{t('Office')}</label>
          <select id="q-office" value={form.officeCode} onChange={set('officeCode')}>
            {offices.length === 0 && <option value={form.officeCode}>{form.officeCode}</option>}
            {offices.map((o) => <option key={o.code} value={o.code}>{o.labels[lang]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-role">{t('Role')}</label>
          <select id="q-role" value={form.role} onChange={set('role')}>
            {Object.keys(ROLE_LABELS).map((r) => <option key={r} value={r}>{t(ROLE_LABELS[r] ?? r)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-days">{t('Due within (days)')}</label>
          <input id="q-days" type="number" min={0} max={365} value={form.withinDays} onChange={set('withinDays')} />
        </div>
        <div className="actions"><button type="submit">{t('Show the queue')}</button></div>
      </form>
      <Status loading={queue.loading} error={queue.error} />
      {queue.data && (
        <>
          <p className="muted">{t('As of {{date}}.', { date: formatDate(queue.data.asOf, lang) })}</p>
          {list('overdue-heading', t('Overdue'), queue.data.overdue, t('Nothing overdue.'), 'deadline')}
          {list('due-soon-heading', t('Due soon'), queue.data.dueSoon, t('Nothing due soon.'), 'deadline')}
          {list('awaiting-heading', t('Awaiting facts'), queue.data.awaitingFacts, t('No eligibility decision is waiting on facts.'), 'facts')}
        </>
      )}
    </>
  );
}
