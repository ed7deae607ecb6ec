import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getJson } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { RequestError, type ClaimView, type Deadline, type EventView, type GroupView, type StoredAssessment } from '../work/api.ts';
import { RELATIONSHIP_LABELS, SEX_LABELS, useActorRoles, useCountries, useEvents, useLabeller, useNameOf, useOffices } from '../work/common.tsx';
import { EventForm } from '../work/EventForm.tsx';
import { CounselPanel } from '../work/CounselPanel.tsx';
import { may, useSession, userOf } from '../session.ts';

const OUTCOME_LABELS: Record<string, string> = {
  ELIGIBLE: 'Eligible', INELIGIBLE: 'Ineligible', SUSPENDED: 'Suspended', INSUFFICIENT_FACTS: 'Insufficient facts',
};
const RESULT_LABELS: Record<string, string> = {
  APPLIES: 'Applies', NOT_APPLICABLE: 'Does not apply', EXCEPTION_MET: 'Exception met', UNKNOWN: 'Unknown', NOT_IN_FORCE: 'Not in force',
};
const DEADLINE_STATUS_LABELS: Record<string, string> = { OPEN: 'Open', MET: 'Met', MISSED: 'Missed', NOT_APPLICABLE: 'Not applicable' };

interface Loaded {
  claim: ClaimView; group: GroupView | null; events: EventView[]; deadlines: Deadline[]; assessments: StoredAssessment[];
}

/** A claim: its parties, state, history, time limits, eligibility and the events that may come next. */
export function ClaimPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const lang = useLang();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<RequestError | Error | undefined>();
  const [token, setToken] = useState(0);
  const user = userOf(useSession());
  const auditor = may(user, 'audit.read_trail');
  const trailLink = auditor && <p><Link className="button-link" href={`/work/claims/${id}/audit`}>{t('Audit trail')}</Link></p>;
  const officeLabel = useLabeller(useOffices());
  const countryLabel = useLabeller(useCountries());
  const events = useEvents();
  const eventLabel = useLabeller(events);
  const roleLabel = useLabeller(useActorRoles());

  useEffect(() => {
    let live = true;
    setError(undefined);
    (async () => {
      const claim = await getJson<ClaimView>(`${API}/claims/${id}`);
      const [group, history, deadlines, assessments] = await Promise.all([
        getJson<GroupView>(`${API}/groups/${claim.groupId}`).catch(() => null),
        getJson<{ events: EventView[] }>(`${API}/claims/${id}/events`),
        getJson<{ deadlines: Deadline[] }>(`${API}/claims/${id}/deadlines`),
        getJson<StoredAssessment[]>(`${API}/claims/${id}/eligibility-assessments`),
      ]);
      if (live) setData({ claim, group, events: history.events, deadlines: deadlines.deadlines, assessments });
    })().catch((err: unknown) => { if (live) setError(err as Error); });
    return () => { live = false; };
  }, [id, token]);

  if (error && !data) {
    const hidden = error instanceof RequestError && (error.status === 403 || error.status === 404);
    return (
      <>
        <h1>{t('Claim')}</h1>
        <p className="error" role="alert">{hidden && auditor ? t('Your roles do not let you read this claim, but you may read who did.') : error.message}</p>
        {trailLink}
      </>
    );
  }
  if (!data) return <><h1>{t('Claim')}</h1><p role="status">{t('Loading…')}</p></>;
  const { claim, group, deadlines, assessments } = data;
  const p = claim.person;
  const open = deadlines.filter((d) => d.status === 'OPEN');
  const latest = assessments[0];
  const arrivalDate = claim.arrival.crossingDate ?? claim.arrival.entryDate;

  return (
    <>
      <p className="breadcrumb"><Link href="/work">{t('Workbench: claims')}</Link></p>
      <h1>{t('Claim {{reference}}: {{name}}', { reference: claim.reference, name: nameOf(p) })}</h1>
      {trailLink}
      <p className="state-line">{t('State:')} <strong className="state" data-testid="state" data-state={claim.state}>{claim.stateLabel[lang]}</strong> <span className="muted">({claim.state}, {t('version {{n}}', { n: claim.version })})</span></p>

      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t('Parties')}</h2>
        <dl>
          <dt>{t('Claimant')}</dt><dd>{p.purged
            ? <>{t('Name, date of birth and documents removed on {{date}} at the end of their retention period', { date: formatDate((p.purgedAt ?? '').slice(0, 10), lang) })} ({t(SEX_LABELS[p.sex] ?? p.sex)})</>
            : <>{nameOf(p)} ({t('born {{date}}', { date: formatDate(p.dateOfBirth ?? '', lang) })}, {t(SEX_LABELS[p.sex] ?? p.sex)})</>}</dd>
          <dt>{t('Citizenships')}</dt><dd>{p.citizenships.map(countryLabel).join(', ')}</dd>
          {p.documents.length > 0 && <><dt>{t('Documents')}</dt><dd>{p.documents.map((d) => `${d.type} ${d.number} (${d.issuingCountry})`).join('; ')}</dd></>}
          <dt>{t('Interpreter language')}</dt><dd>{p.interpreterLanguage ?? t('None')}</dd>
          <dt>{t('Office')}</dt><dd>{officeLabel(claim.office.code)}</dd>
          <dt>{t('Claim date')}</dt><dd>{formatDate(claim.claimDate, lang)}</dd>
          {arrivalDate && <><dt>{t('Arrival date')}</dt><dd>{formatDate(arrivalDate, lang)}</dd></>}
          <dt>{t('Countries of alleged persecution')}</dt><dd>{claim.persecutionCountries.map(countryLabel).join(', ')}</dd>
          <dt>{t('Family group')}</dt><dd>{claim.groupReference}</dd>
          <dt>{t('Counsel')}</dt><dd data-testid="named-counsel">{claim.counsel.map((c) => c.displayName).join(', ') || t('None named')}</dd>
        </dl>
        {group && group.claims.length > 1 && (
          <>
            <h3>{t('Members of the group')}</h3>
            <ul>
              {group.claims.map((c) => (
                <li key={c.id}>
                  {c.id === claim.id
                    ? <span>{nameOf(c.person)} ({t('this claim')})</span>
                    : <Link href={`/work/claims/${c.id}`}>{nameOf(c.person)}</Link>}
                  {' '}— {t(RELATIONSHIP_LABELS[c.relationship] ?? c.relationship)}, {c.reference}, {c.stateLabel[lang]}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('Timeline')}</h2>
        <ol className="timeline">
          {data.events.map((e) => (
            <li key={e.version} data-event={e.type}>
              <p><strong>{eventLabel(e.type)}</strong> — {formatDate(e.effectiveDate, lang)}
                {e.noticeDate && <> ({t('notice {{date}}', { date: formatDate(e.noticeDate, lang) })})</>}</p>
              <p className="small muted">{roleLabel(e.actor.role)}{e.actor.name ? ` (${e.actor.name})` : ''} · {e.legalBasis} · {e.fromState ?? '—'} → {e.toState}</p>
              {e.reasons && <p className="small">{t('Reasons:')} {e.reasons}</p>}
              {Object.keys(e.details).length > 0 && <p className="small">{t('Details:')} <code>{JSON.stringify(e.details)}</code></p>}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t('Open time limits')}</h2>
        {open.length === 0 ? <p>{t('No open time limit.')}</p> : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('Open time limits')}</caption>
              <thead><tr><th scope="col">{t('Time limit')}</th><th scope="col">{t('Safe date')}</th><th scope="col">{t('Latest date')}</th><th scope="col">{t('Status')}</th><th scope="col">{t('Explanation')}</th></tr></thead>
              <tbody>
                {open.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{d.labels[lang]}</th>
                    <td>{formatDate(d.due.safe, lang)}</td>
                    <td>{d.due.rollUnclear && d.due.latestIfRolls ? formatDate(d.due.latestIfRolls, lang) : '—'}</td>
                    <td>{t(DEADLINE_STATUS_LABELS[d.status] ?? d.status)}{d.daysRemaining !== undefined && <> ({t('{{n}} days left', { n: d.daysRemaining })})</>}</td>
                    <td className="small">{d.explanation[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="eligibility-heading" data-testid="eligibility">
        <h2 id="eligibility-heading">{t('Eligibility')}</h2>
        {!latest ? <p>{t('No eligibility assessment recorded.')}</p> : (
          <>
            <p>{t('Outcome:')} <strong data-testid="outcome">{t(OUTCOME_LABELS[latest.outcome] ?? latest.outcome)}</strong>{' '}
              <span className="muted small">({latest.eventVersion ? t('with the decision, version {{n}}', { n: latest.eventVersion }) : t('working assessment')}, {formatDate(latest.recordedAt, lang)})</span></p>
            {latest.assessment.suspension && <p>{latest.assessment.suspension.explanation[lang]} ({latest.assessment.suspension.citation})</p>}
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('Grounds of ineligibility')}</caption>
                <thead><tr><th scope="col">{t('Ground')}</th><th scope="col">{t('Result')}</th><th scope="col">{t('Explanation')}</th><th scope="col">{t('Citation')}</th></tr></thead>
                <tbody>
                  {latest.assessment.grounds.map((g) => (
                    <tr key={g.ruleId} data-ground={g.ruleId} data-result={g.result}>
                      <th scope="row">{g.ruleId}</th>
                      <td>{t(RESULT_LABELS[g.result] ?? g.result)}</td>
                      <td className="small">{g.explanation[lang]}</td>
                      <td className="small">{lang === 'fr' ? g.citationFr : g.citation}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {latest.outcome === 'INSUFFICIENT_FACTS' && latest.assessment.questions.length > 0 && (
              <>
                <h3>{t('Questions to ask')}</h3>
                <ul>{latest.assessment.questions.map((q) => <li key={q.fact}>{q[lang]}</li>)}</ul>
              </>
            )}
          </>
        )}
      </section>

      {claim.allowedActions.includes('claims.append_event') && (
        <EventForm key={claim.id} claim={claim} group={group} onDone={() => setToken((n) => n + 1)} labels={{ event: eventLabel, role: roleLabel }}
          allEvents={events.map((e) => e.code).filter((c) => c !== 'claim.made')} rolesFor={(type) => events.find((e) => e.code === type)?.actorRoles ?? []} />
      )}
      {claim.allowedActions.includes('claims.name_counsel') && <CounselPanel key={`counsel-${claim.version}-${claim.counselIds.join()}`} claim={claim} onDone={() => setToken((n) => n + 1)} />}
    </>
  );
}

