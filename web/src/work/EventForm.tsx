import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../api.ts';
import { useLang } from '../hooks.ts';
import { postJson, newKey, RequestError, type ClaimView, type GroupView } from './api.ts';
import { RELATIONSHIP_LABELS, today, useNameOf } from './common.tsx';
import { DETAIL_LABELS, EVENT_DETAILS, VALUE_LABELS, detailsOf, type DetailField, type DetailValues } from './eventDetails.ts';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from './fieldErrors.tsx';

/** The inputs of one event's details (src/domain/lifecycle/events.ts), named as the API names them. */
function DetailsFields({ fields, values, onChange, errors }: {
  fields: DetailField[]; values: DetailValues; onChange: (key: string, value: string | string[]) => void; errors: PlacedError[];
}) {
  const { t } = useTranslation();
  const valueLabel = (v: string) => (VALUE_LABELS[v] ? t(VALUE_LABELS[v]) : v);
  return (
    <>
      {fields.map((f) => {
        const id = fid(`details.${f.key}`);
        const label = t(DETAIL_LABELS[f.key] ?? f.key);
        const current = values[f.key];
        if (f.kind === 'choices') {
          const list = Array.isArray(current) ? current : [];
          const toggle = (v: string) => onChange(f.key, list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
          return (
            <fieldset key={f.key} className="field wide" id={id} tabIndex={-1}>
              <legend>{label}{!f.required && <span className="muted"> {t('(optional)')}</span>}</legend>
              <div className="checks">
                {f.values.map((v) => (
                  <span key={v} className="check">
                    <input type="checkbox" id={`detail-${f.key}-${v}`} checked={list.includes(v)} onChange={() => toggle(v)} />
                    <label htmlFor={`detail-${f.key}-${v}`}>{valueLabel(v)}</label>
                  </span>
                ))}
              </div>
              <FieldMessage id={id} errors={errors} />
            </fieldset>
          );
        }
        const text = typeof current === 'string' ? current : '';
        return (
          <div key={f.key} className={f.kind === 'text' ? 'field wide' : 'field'}>
            <label htmlFor={id}>{label}{!f.required && <span className="muted"> {t('(optional)')}</span>}</label>
            {f.kind === 'choice' && (
              <select {...invalidProps(id, errors)} value={text || (f.required ? f.values[0] ?? '' : '')} onChange={(e) => onChange(f.key, e.target.value)}>
                {!f.required && <option value="">{t('Not given')}</option>}
                {f.values.map((v) => <option key={v} value={v}>{valueLabel(v)}</option>)}
              </select>
            )}
            {f.kind === 'yes-no' && (
              <select {...invalidProps(id, errors)} value={text} onChange={(e) => onChange(f.key, e.target.value)}>
                <option value="">{t('Not given')}</option>
                <option value="yes">{t('Yes')}</option>
                <option value="no">{t('No')}</option>
              </select>
            )}
            {f.kind === 'date' && <input type="date" {...invalidProps(id, errors)} value={text} onChange={(e) => onChange(f.key, e.target.value)} />}
            {f.kind === 'text' && <input {...invalidProps(id, errors)} maxLength={f.maxLength} value={text} onChange={(e) => onChange(f.key, e.target.value)} />}
            <FieldMessage id={id} errors={errors} />
          </div>
        );
      })}
    </>
  );
}

/**
 * Records a lifecycle event on this claim, or on several claims of its family group at once (all or
 * nothing: the group endpoint applies it to every chosen claim or to none).
 */
export function EventForm({ claim, group, onDone, labels, allEvents, rolesFor }: {
  claim: ClaimView; group: GroupView | null; onDone: () => void; labels: { event: (c: string) => string; role: (c: string) => string };
  allEvents: string[]; rolesFor: (type: string) => string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const nameOf = useNameOf();
  const [advanced, setAdvanced] = useState(false);
  const choices = advanced ? allEvents : claim.allowedEvents;
  const [type, setType] = useState('');
  const [role, setRole] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [noticeDate, setNoticeDate] = useState('');
  const [reasons, setReasons] = useState('');
  const [values, setValues] = useState<DetailValues>({});
  const [others, setOthers] = useState<string[]>([]);
  const [failure, setFailure] = useState<{ message: string; code: string; errors: PlacedError[] } | null>(null);
  const [done, setDone] = useState<{ event: string; claims: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const submission = useRef<{ key: string; body: string } | null>(null);

  const chosen = choices.includes(type) ? type : choices[0] ?? '';
  const roles = rolesFor(chosen);
  const chosenRole = roles.includes(role) ? role : roles[0] ?? '';
  const errors = failure?.errors ?? [];
  const fields = EVENT_DETAILS[chosen] ?? [];
  // The other members of the family group this event may apply to as well (heard together).
  const members = (group?.claims ?? []).filter((c) => c.id !== claim.id);
  const eligible = (c: ClaimView) => c.allowedActions.includes('claims.append_event') && (advanced || c.allowedEvents.includes(chosen));
  const alsoFor = members.filter((c) => others.includes(c.id) && eligible(c));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const filled: DetailValues = { ...values };
    for (const f of fields) if (f.kind === 'choice' && f.required && !filled[f.key]) filled[f.key] = f.values[0] ?? '';
    const details = detailsOf(chosen, filled);
    const event = {
      type: chosen, actor: { role: chosenRole }, effectiveDate,
      ...(noticeDate ? { noticeDate } : {}), ...(reasons.trim() ? { reasons: reasons.trim() } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    };
    const [url, body] = alsoFor.length > 0
      ? [`${API}/groups/${claim.groupId}/events`, { ...event, expectedVersions: Object.fromEntries([claim, ...alsoFor].map((c) => [c.id, c.version])) }]
      : [`${API}/claims/${claim.id}/events`, { expectedVersion: claim.version, ...event }];
    const text = JSON.stringify([url, body]);
    if (!submission.current || submission.current.body !== text) submission.current = { key: newKey(), body: text };
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      await postJson(url, body, submission.current.key);
      submission.current = null;
      setDone({ event: chosen, claims: 1 + alsoFor.length });
      setType('');
      setReasons('');
      setValues({});
      setOthers([]);
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
      {done && <p role="status" className="success">{done.claims > 1
        ? t('Recorded for {{n}} claims of the group: {{event}}.', { n: done.claims, event: labels.event(done.event) })
        : t('Recorded: {{event}}.', { event: labels.event(done.event) })}</p>}
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
        <DetailsFields fields={fields} values={values} onChange={(k, v) => setValues((old) => ({ ...old, [k]: v }))} errors={errors} />
        <div className="field wide">
          <label htmlFor={fid('reasons')}>{t('Reasons (optional)')}</label>
          <textarea {...invalidProps(fid('reasons'), errors)} rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
          <FieldMessage id={fid('reasons')} errors={errors} />
        </div>
        {members.length > 0 && (
          <fieldset className="field wide" id={fid('expectedVersions')} tabIndex={-1}>
            <legend>{t('Also record it for other members of the group (heard together)')}</legend>
            <div className="checks column">
              {members.map((c) => (
                <span key={c.id} className="check">
                  <input type="checkbox" id={`also-${c.id}`} checked={others.includes(c.id) && eligible(c)} disabled={!eligible(c)} aria-describedby={eligible(c) ? undefined : `also-${c.id}-why`}
                    onChange={() => setOthers((l) => (l.includes(c.id) ? l.filter((x) => x !== c.id) : [...l, c.id]))} />
                  <label htmlFor={`also-${c.id}`}>{nameOf(c.person)} — {t(RELATIONSHIP_LABELS[c.relationship] ?? c.relationship)}, {c.reference} ({c.stateLabel[lang]})</label>
                  {!eligible(c) && <span id={`also-${c.id}-why`} className="hint"> {t('not allowed from its state')}</span>}
                </span>
              ))}
            </div>
            <FieldMessage id={fid('expectedVersions')} errors={errors} />
          </fieldset>
        )}
        <div className="actions"><button type="submit" disabled={busy || chosen === ''}>{alsoFor.length > 0
          ? t('Record the event for {{n}} claims', { n: alsoFor.length + 1 }) : t('Record the event')}</button></div>
      </form>
    </section>
  );
}
