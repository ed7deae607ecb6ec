import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, getJson } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import {
  postJson, newKey, RequestError, type ClaimView, type Deadline, type EventView, type GroupView, type StoredAssessment,
} from '../work/api.ts';
import { RELATIONSHIP_LABELS, SEX_LABELS, today, useActorRoles, useCountries, useEvents, useLabeller, useNameOf, useOffices } from '../work/common.tsx';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from '../work/fieldErrors.tsx';

const GROUNDS = ['EL-A', 'EL-B', 'EL-B1', 'EL-B2', 'EL-C', 'EL-C1', 'EL-D', 'EL-E', 'EL-F'];
const FLAGS = ['NCB', 'MUF', 'EXCLUDED_1E', 'EXCLUDED_1F', 'S97_ONLY'];
const FLAG_LABELS: Record<string, string> = {
  NCB: 'No credible basis', MUF: 'Manifestly unfounded', EXCLUDED_1E: 'Excluded under Article 1E', EXCLUDED_1F: 'Excluded under Article 1F', S97_ONLY: 'Section 97 only',
};
const BASIS_LABELS: Record<string, string> = { S96: 'Convention refugee (IRPA 96)', S97: 'Person in need of protection (IRPA 97)' };
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
  const [error, setError] = useState<string | undefined>();
  const [token, setToken] = useState(0);
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
    })().catch((err: unknown) => { if (live) setError((err as Error).message); });
    return () => { live = false; };
  }, [id, token]);

  if (error && !data) return <><h1>{t('Claim')}</h1><p className="error" role="alert">{error}</p></>;
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

      <EventForm key={claim.id} claim={claim} onDone={() => setToken((n) => n + 1)} labels={{ event: eventLabel, role: roleLabel }} allEvents={events.map((e) => e.code).filter((c) => c !== 'claim.made')}
        rolesFor={(type) => events.find((e) => e.code === type)?.actorRoles ?? []} />
    </>
  );
}

function EventForm({ claim, onDone, labels, allEvents, rolesFor }: {
  claim: ClaimView; onDone: () => void; labels: { event: (c: string) => string; role: (c: string) => string };
  allEvents: string[]; rolesFor: (type: string) => string[];
}) {
  const { t } = useTranslation();
  const [advanced, setAdvanced] = useState(false);
  const choices = advanced ? allEvents : claim.allowedEvents;
  const [type, setType] = useState('');
  const [role, setRole] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [noticeDate, setNoticeDate] = useState('');
  const [reasons, setReasons] = useState('');
  const [grounds, setGrounds] = useState<string[]>([]);
  const [basis, setBasis] = useState('S96');
  const [flags, setFlags] = useState<string[]>([]);
  const [failure, setFailure] = useState<{ message: string; code: string; errors: PlacedError[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submission = useRef<{ key: string; body: string } | null>(null);

  const chosen = choices.includes(type) ? type : choices[0] ?? '';
  const roles = rolesFor(chosen);
  const chosenRole = roles.includes(role) ? role : roles[0] ?? '';
  const errors = failure?.errors ?? [];
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const details: Record<string, unknown> = {};
    if (chosen === 'eligibility.ineligible' || chosen === 'minister.determined_ineligible') details.grounds = grounds;
    if (chosen === 'rpd.accepted') details.basis = basis;
    if (chosen === 'rpd.rejected') details.flags = flags;
    const body = {
      expectedVersion: claim.version, type: chosen, actor: { role: chosenRole }, effectiveDate,
      ...(noticeDate ? { noticeDate } : {}), ...(reasons.trim() ? { reasons: reasons.trim() } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    };
    const text = JSON.stringify(body);
    if (!submission.current || submission.current.body !== text) submission.current = { key: newKey(), body: text };
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      await postJson(`${API}/claims/${claim.id}/events`, body, submission.current.key);
      submission.current = null;
      setDone(chosen);
      setType('');
      setReasons('');
      onDone();
    } catch (err) {
      const r = err instanceof RequestError ? err : new RequestError(0, (err as Error).message, 'error', [], undefined);
      setFailure({ message: r.message, code: r.code, errors: placeErrors(r.errors, (f) => f.replace(/^event\./, '')) });
      window.setTimeout(() => document.getElementById('error-summary')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="actions-heading" className="panel">
      <h2 id="actions-heading">{t('Record an event')}</h2>
      {done && <p role="status" className="success">{t('Recorded: {{event}}.', { event: labels.event(done) })}</p>}
      {failure && <ErrorSummary message={failure.message} errors={errors} />}
      {failure?.code === 'version_conflict' && (
        <p><button type="button" onClick={() => { setFailure(null); onDone(); }}>{t('Reload the claim')}</button></p>
      )}
      {claim.allowedEvents.length === 0 && !advanced && <p>{t('The lifecycle allows no further event on this claim.')}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="form-grid">
        <div className="check wide">
          <input type="checkbox" id="advanced" checked={advanced} onChange={(e) => setAdvanced(e.target.checked)} aria-describedby="advanced-hint" />
          <label htmlFor="advanced">{t('Advanced: list every event type')}</label>
          <p id="advanced-hint" className="hint">{t('The server refuses an event the lifecycle does not allow from the current state, and says why.')}</p>
        </div>
        <div className="field">
          <label htmlFor={fid('type')}>{t('Event')}</label>
          <select {...invalidProps(fid('type'), errors)} value={chosen} onChange={(e) => setType(e.target.value)}>
            {choices.map((c) => <option key={c} value={c}>{labels.event(c)}</option>)}
          </select>
          <FieldMessage id={fid('type')} errors={errors} />
        </div>
        <div className="field">
          <label htmlFor={fid('actor.role')}>{t('Recorded for (actor)')}</label>
          <select {...invalidProps(fid('actor.role'), errors)} value={chosenRole} onChange={(e) => setRole(e.target.value)}>
            {roles.map((r) => <option key={r} value={r}>{labels.role(r)}</option>)}
          </select>
          <FieldMessage id={fid('actor.role')} errors={errors} />
        </div>
        <div className="field">
          <label htmlFor={fid('effectiveDate')}>{t('Effective date')}</label>
          <input type="date" {...invalidProps(fid('effectiveDate'), errors)} value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />
          <FieldMessage id={fid('effectiveDate')} errors={errors} />
        </div>
        <div className="field">
          <label htmlFor={fid('noticeDate')}>{t('Notice date (optional)')}</label>
          <input type="date" {...invalidProps(fid('noticeDate'), errors)} value={noticeDate} onChange={(e) => setNoticeDate(e.target.value)} />
          <FieldMessage id={fid('noticeDate')} errors={errors} />
        </div>
        {(chosen === 'eligibility.ineligible' || chosen === 'minister.determined_ineligible') && (
          <fieldset className="field wide" id={fid('details.grounds')} tabIndex={-1}>
            <legend>{t('Grounds of ineligibility (IRPA 101(1))')}</legend>
            <div className="checks">
              {GROUNDS.map((g) => (
                <span key={g} className="check"><input type="checkbox" id={`ground-${g}`} checked={grounds.includes(g)} onChange={() => setGrounds((l) => toggle(l, g))} /><label htmlFor={`ground-${g}`}>{g}</label></span>
              ))}
            </div>
            <FieldMessage id={fid('details.grounds')} errors={errors} />
          </fieldset>
        )}
        {chosen === 'rpd.accepted' && (
          <div className="field">
            <label htmlFor={fid('details.basis')}>{t('Basis of the decision')}</label>
            <select {...invalidProps(fid('details.basis'), errors)} value={basis} onChange={(e) => setBasis(e.target.value)}>
              {Object.keys(BASIS_LABELS).map((b) => <option key={b} value={b}>{t(BASIS_LABELS[b] ?? b)}</option>)}
            </select>
            <FieldMessage id={fid('details.basis')} errors={errors} />
          </div>
        )}
        {chosen === 'rpd.rejected' && (
          <fieldset className="field wide" id={fid('details.flags')} tabIndex={-1}>
            <legend>{t('Findings')}</legend>
            <div className="checks">
              {FLAGS.map((f) => (
                <span key={f} className="check"><input type="checkbox" id={`flag-${f}`} checked={flags.includes(f)} onChange={() => setFlags((l) => toggle(l, f))} /><label htmlFor={`flag-${f}`}>{t(FLAG_LABELS[f] ?? f)}</label></span>
              ))}
            </div>
            <FieldMessage id={fid('details.flags')} errors={errors} />
          </fieldset>
        )}
        <div className="field wide">
          <label htmlFor={fid('reasons')}>{t('Reasons (optional)')}</label>
          <textarea {...invalidProps(fid('reasons'), errors)} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <FieldMessage id={fid('reasons')} errors={errors} />
        </div>
        <div className="actions"><button type="submit" disabled={busy || chosen === ''}>{t('Record the event')}</button></div>
      </form>
    </section>
  );
}
