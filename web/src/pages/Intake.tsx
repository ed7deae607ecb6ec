import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, type ReferenceItem } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDate } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { postJson, newKey, RequestError, type GroupView, type SearchResult } from '../work/api.ts';
import { RELATIONSHIP_LABELS, SEX_LABELS, today, useCountries, useLabeller, useOffices, useStates } from '../work/common.tsx';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from '../work/fieldErrors.tsx';

const ARRIVAL_LABELS: Record<string, string> = { AT_PORT_OF_ENTRY: 'At a port of entry', BETWEEN_PORTS: 'Between ports of entry', INLAND: 'Inland, after entering Canada' };
const LEVEL_LABELS: Record<string, string> = { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };

interface Member {
  key: number; familyName: string; givenNames: string; dateOfBirth: string; sex: string; citizenships: string[];
  passportNumber: string; passportCountry: string; languages: string; interpreterLanguage: string; relationship: string;
}

let memberKey = 0;
function newMember(relationship: string): Member {
  return { key: ++memberKey, familyName: '', givenNames: '', dateOfBirth: '', sex: '', citizenships: [''], passportNumber: '', passportCountry: '', languages: '', interpreterLanguage: '', relationship };
}

const codes = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);

function identity(m: Member) {
  return {
    familyName: m.familyName.trim(), givenNames: m.givenNames.trim(), dateOfBirth: m.dateOfBirth, sex: m.sex,
    documents: m.passportNumber.trim() ? [{ type: 'PASSPORT', number: m.passportNumber.trim(), issuingCountry: m.passportCountry }] : [],
    citizenships: m.citizenships.filter(Boolean),
  };
}

/** A list of country selects (one per country), with buttons to add and remove one. */
function CountryList({ path, label, values, onChange, countries, errors }: {
  path: string; label: string; values: string[]; onChange: (v: string[]) => void; countries: ReferenceItem[]; errors: PlacedError[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <fieldset className="field country-list">
      <legend>{label}</legend>
      {values.map((v, i) => {
        const id = fid(`${path}[${i}]`);
        return (
          <div key={i} className="inline-row">
            <label htmlFor={id} className="visually-hidden">{`${label} ${i + 1}`}</label>
            <select {...invalidProps(id, errors)} value={v} onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}>
              <option value="">{t('Choose a country')}</option>
              {countries.map((c) => <option key={c.code} value={c.code}>{c.labels[lang]} ({c.code})</option>)}
            </select>
            {values.length > 1 && (
              <button type="button" className="small-button" onClick={() => onChange(values.filter((_, j) => j !== i))}>
                {t('Remove')}<span className="visually-hidden"> {`${label} ${i + 1}`}</span>
              </button>
            )}
            <FieldMessage id={id} errors={errors} />
          </div>
        );
      })}
      {values.length < 5 && (
        <button type="button" className="small-button" onClick={() => onChange([...values, ''])}>
          {t('Add a country')}<span className="visually-hidden"> ({label})</span>
        </button>
      )}
    </fieldset>
  );
}

/** Intake of a family group: the duplicate search first, then one claim per person. */
export function Intake() {
  const { t } = useTranslation();
  const lang = useLang();
  const offices = useOffices();
  const countries = useCountries();
  const stateLabel = useLabeller(useStates());
  const [officeCode, setOfficeCode] = useState('');
  const [claimDate, setClaimDate] = useState(today());
  const [manner, setManner] = useState('AT_PORT_OF_ENTRY');
  const [arrivalDate, setArrivalDate] = useState('');
  const [persecution, setPersecution] = useState<string[]>(['']);
  const [members, setMembers] = useState<Member[]>(() => [newMember('PRINCIPAL')]);
  const [search, setSearch] = useState<{ result: SearchResult; people: string } | null>(null);
  const [override, setOverride] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [failure, setFailure] = useState<{ message: string; errors: PlacedError[] } | null>(null);
  const [busy, setBusy] = useState<'search' | 'create' | null>(null);
  const submission = useRef<{ key: string; body: string } | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  const errors = failure?.errors ?? [];
  const people = JSON.stringify(members.map(identity));
  const searchCurrent = search !== null && search.people === people;

  const setMember = (i: number, patch: Partial<Member>) => setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const fail = (err: unknown, rename: (field: string) => string = (f) => f) => {
    const e = err instanceof RequestError ? err : new RequestError(0, (err as Error).message, 'error', [], undefined);
    setFailure({ message: e.message, errors: placeErrors(e.errors, rename) });
    window.setTimeout(() => document.getElementById('error-summary')?.focus(), 0);
  };

  const runSearch = async () => {
    setBusy('search');
    setFailure(null);
    try {
      const result = await postJson<SearchResult>(`${API}/duplicate-searches`, { people: members.map(identity) });
      setSearch({ result, people });
      window.setTimeout(() => document.getElementById('candidates-heading')?.focus(), 0);
    } catch (err) {
      fail(err, (f) => f.replace(/^people\[/, 'members['));
    } finally {
      setBusy(null);
    }
  };

  const body = () => {
    const arrival: Record<string, string> = { manner };
    if (manner === 'BETWEEN_PORTS' && arrivalDate) arrival.crossingDate = arrivalDate;
    if (manner === 'INLAND' && arrivalDate) arrival.entryDate = arrivalDate;
    return {
      ...(override ? { duplicateOverride: { reason: overrideReason.trim() } } : searchCurrent ? { duplicateSearchId: search.result.searchId } : {}),
      officeCode, claimDate, arrival,
      persecutionCountries: persecution.filter(Boolean),
      members: members.map((m) => {
        const { citizenships, documents, ...id } = identity(m);
        return {
          ...id, citizenships, documents, languages: codes(m.languages),
          interpreterLanguage: codes(m.interpreterLanguage)[0] ?? null, relationship: m.relationship,
        };
      }),
    };
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const payload = body();
    const text = JSON.stringify(payload);
    // The same submission keeps its Idempotency-Key, so a retry after a lost answer creates nothing twice.
    if (!submission.current || submission.current.body !== text) submission.current = { key: newKey(), body: text };
    setBusy('create');
    setFailure(null);
    try {
      const group = await postJson<GroupView>(`${API}/groups`, payload, submission.current.key);
      const first = group.claims[0];
      navigate(first ? `/work/claims/${first.id}` : '/work');
      window.scrollTo(0, 0);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const dateId = fid(manner === 'INLAND' ? 'arrival.entryDate' : 'arrival.crossingDate');
  const canCreate = override ? overrideReason.trim() !== '' : searchCurrent;

  return (
    <>
      <p className="breadcrumb"><Link href="/work">{t('Workbench: claims')}</Link></p>
      <h1>{t('New intake: a family group')}</h1>
      <p className="lede">{t('Enter everyone who claims together. First search for people already on record, then create one claim per person.')}</p>
      <div ref={summary}>{failure && <ErrorSummary message={failure.message} errors={errors} />}</div>
      <form onSubmit={(e) => void create(e)} noValidate aria-label={t('New intake: a family group')}>
        <fieldset className="panel form-grid">
          <legend>{t('The claim')}</legend>
          <div className="field">
            <label htmlFor={fid('officeCode')}>{t('Office')}</label>
            <select {...invalidProps(fid('officeCode'), errors)} required value={officeCode} onChange={(e) => setOfficeCode(e.target.value)}>
              <option value="">{t('Choose an office')}</option>
              {offices.map((o) => <option key={o.code} value={o.code}>{o.labels[lang]}</option>)}
            </select>
            <FieldMessage id={fid('officeCode')} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={fid('claimDate')}>{t('Claim date')}</label>
            <input type="date" {...invalidProps(fid('claimDate'), errors)} required value={claimDate} onChange={(e) => setClaimDate(e.target.value)} />
            <FieldMessage id={fid('claimDate')} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={fid('arrival.manner')}>{t('Manner of arrival')}</label>
            <select {...invalidProps(fid('arrival.manner'), errors)} value={manner} onChange={(e) => setManner(e.target.value)}>
              {Object.keys(ARRIVAL_LABELS).map((k) => <option key={k} value={k}>{t(ARRIVAL_LABELS[k] ?? k)}</option>)}
            </select>
            <FieldMessage id={fid('arrival.manner')} errors={errors} />
          </div>
          {manner !== 'AT_PORT_OF_ENTRY' && (
            <div className="field">
              <label htmlFor={dateId}>{manner === 'INLAND' ? t('Date of entry into Canada') : t('Date of crossing')}</label>
              <input type="date" {...invalidProps(dateId, errors)} value={arrivalDate} onChange={(e) => setArrivalDate(e.target.value)} />
              <FieldMessage id={dateId} errors={errors} />
            </div>
          )}
          <CountryList path="persecutionCountries" label={t('Countries of alleged persecution')} values={persecution} onChange={setPersecution} countries={countries} errors={errors} />
        </fieldset>

        <h2>{t('People')}</h2>
        {members.map((m, i) => {
          const p = (f: string) => fid(`members[${i}].${f}`);
          const who = m.familyName || m.givenNames ? `${m.givenNames} ${m.familyName}`.trim() : t('Person {{n}}', { n: i + 1 });
          return (
            <fieldset key={m.key} className="panel form-grid member" id={fid(`members[${i}]`)} tabIndex={-1}>
              <legend>{t('Person {{n}}', { n: i + 1 })}</legend>
              <div className="field">
                <label htmlFor={p('familyName')}>{t('Family name')}</label>
                <input {...invalidProps(p('familyName'), errors)} required autoComplete="off" value={m.familyName} onChange={(e) => setMember(i, { familyName: e.target.value })} />
                <FieldMessage id={p('familyName')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('givenNames')}>{t('Given names')}</label>
                <input {...invalidProps(p('givenNames'), errors)} required autoComplete="off" value={m.givenNames} onChange={(e) => setMember(i, { givenNames: e.target.value })} />
                <FieldMessage id={p('givenNames')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('dateOfBirth')}>{t('Date of birth')}</label>
                <input type="date" {...invalidProps(p('dateOfBirth'), errors)} required value={m.dateOfBirth} onChange={(e) => setMember(i, { dateOfBirth: e.target.value })} />
                <FieldMessage id={p('dateOfBirth')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('sex')}>{t('Sex')}</label>
                <select {...invalidProps(p('sex'), errors)} required value={m.sex} onChange={(e) => setMember(i, { sex: e.target.value })}>
                  <option value="">{t('Choose')}</option>
                  {Object.keys(SEX_LABELS).map((k) => <option key={k} value={k}>{t(SEX_LABELS[k] ?? k)}</option>)}
                </select>
                <FieldMessage id={p('sex')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('relationship')}>{t('Relationship to the principal claimant')}</label>
                <select {...invalidProps(p('relationship'), errors)} value={m.relationship} onChange={(e) => setMember(i, { relationship: e.target.value })}>
                  {Object.keys(RELATIONSHIP_LABELS).map((k) => <option key={k} value={k}>{t(RELATIONSHIP_LABELS[k] ?? k)}</option>)}
                </select>
                <FieldMessage id={p('relationship')} errors={errors} />
              </div>
              <CountryList path={`members[${i}].citizenships`} label={t('Citizenships')} values={m.citizenships} onChange={(v) => setMember(i, { citizenships: v })} countries={countries} errors={errors} />
              <div className="field">
                <label htmlFor={p('documents[0].number')}>{t('Passport number')}</label>
                <input {...invalidProps(p('documents[0].number'), errors)} autoComplete="off" value={m.passportNumber} onChange={(e) => setMember(i, { passportNumber: e.target.value })} />
                <FieldMessage id={p('documents[0].number')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('documents[0].issuingCountry')}>{t('Passport issued by')}</label>
                <select {...invalidProps(p('documents[0].issuingCountry'), errors)} value={m.passportCountry} onChange={(e) => setMember(i, { passportCountry: e.target.value })}>
                  <option value="">{t('Choose a country')}</option>
                  {countries.map((c) => <option key={c.code} value={c.code}>{c.labels[lang]} ({c.code})</option>)}
                </select>
                <FieldMessage id={p('documents[0].issuingCountry')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('languages')}>{t('Languages')}</label>
                <input {...invalidProps(p('languages'), errors, `${p('languages')}-hint`)} autoComplete="off" value={m.languages} onChange={(e) => setMember(i, { languages: e.target.value })} />
                <p id={`${p('languages')}-hint`} className="hint">{t('ISO 639 codes separated by commas, e.g. fr, ht')}</p>
                <FieldMessage id={p('languages')} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={p('interpreterLanguage')}>{t('Interpreter language')}</label>
                <input {...invalidProps(p('interpreterLanguage'), errors, `${p('interpreterLanguage')}-hint`)} autoComplete="off" value={m.interpreterLanguage} onChange={(e) => setMember(i, { interpreterLanguage: e.target.value })} />
                <p id={`${p('interpreterLanguage')}-hint`} className="hint">{t('An ISO 639 code; leave empty if none is needed')}</p>
                <FieldMessage id={p('interpreterLanguage')} errors={errors} />
              </div>
              {members.length > 1 && (
                <div className="actions">
                  <button type="button" onClick={() => setMembers((ms) => ms.filter((_, j) => j !== i))}>
                    {t('Remove')}<span className="visually-hidden"> {who}</span>
                  </button>
                </div>
              )}
            </fieldset>
          );
        })}
        <p><button type="button" onClick={() => setMembers((ms) => [...ms, newMember(ms.length === 1 ? 'SPOUSE' : 'CHILD')])}>{t('Add a person')}</button></p>

        <section className="panel" aria-labelledby="step1-heading">
          <h2 id="step1-heading">{t('Step 1: search for duplicates')}</h2>
          <p>{t('Looks for these people among those already on record: similar names, dates of birth, documents.')}</p>
          <button type="button" onClick={() => void runSearch()} disabled={busy !== null}>{t('Search for duplicates')}</button>
          {busy === 'search' && <p role="status">{t('Searching…')}</p>}
          {search && !searchCurrent && <p className="warning" role="status">{t('The people changed since the search: search again before creating the claims.')}</p>}
          {search && (
            <div>
              <h3 id="candidates-heading" tabIndex={-1}>{t('Possible matches')}</h3>
              {search.result.people.map((pp) => {
                const m = members[pp.index];
                const name = m ? `${m.givenNames} ${m.familyName}`.trim() : t('Person {{n}}', { n: pp.index + 1 });
                return (
                  <div key={pp.index} className="candidates" data-testid={`candidates-${pp.index}`}>
                    <h4>{name}</h4>
                    {pp.candidates.length === 0 ? <p>{t('No one on record matches.')}</p> : (
                      <ul>
                        {pp.candidates.map((c) => (
                          <li key={c.personId}>
                            <strong>{c.givenNames} {c.familyName}</strong>, {formatDate(c.dateOfBirth, lang)} — {t('match:')} {t(LEVEL_LABELS[c.level] ?? c.level)} ({c.score.toFixed(2)})
                            <ul>{c.reasons.map((r) => <li key={r.code}>{r.detail[lang]}</li>)}</ul>
                            {c.claims.length > 0 && (
                              <p className="small">{t('Existing claims:')} {c.claims.map((cl, k) => (
                                <span key={cl.id}>{k > 0 && ', '}<Link href={`/work/claims/${cl.id}`}>{cl.reference}</Link> ({stateLabel(cl.state)}, {formatDate(cl.claimDate, lang)})</span>
                              ))}</p>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="step2-heading">
          <h2 id="step2-heading">{t('Step 2: create the claims')}</h2>
          <div className="check">
            <input type="checkbox" id="override" checked={override} onChange={(e) => setOverride(e.target.checked)} />
            <label htmlFor="override">{t('Create without a current duplicate search (override)')}</label>
          </div>
          {override && (
            <div className="field">
              <label htmlFor={fid('duplicateOverride.reason')}>{t('Reason for the override')}</label>
              <textarea {...invalidProps(fid('duplicateOverride.reason'), errors)} rows={3} value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
              <FieldMessage id={fid('duplicateOverride.reason')} errors={errors} />
            </div>
          )}
          {!canCreate && <p className="hint">{t('Search for duplicates first, or give a reason for the override.')}</p>}
          <p><button type="submit" disabled={busy !== null || !canCreate}>{t('Create claims')}</button></p>
          {busy === 'create' && <p role="status">{t('Creating the claims…')}</p>}
        </section>
      </form>
    </>
  );
}
