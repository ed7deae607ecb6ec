import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, download, RequestError } from '../client.ts';
import { useApi, useLang } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { may, useSession, userOf } from '../session.ts';
import type { AuditTrail as Trail } from '../work/api.ts';
import { Status } from '../work/common.tsx';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'claim.read': 'Read the claim', 'claims.list': 'Listed claims', 'group.read': 'Read the family group', 'group.create': 'Created the claims',
  'claim.history.read': 'Read the history', 'claim.event.append': 'Recorded an event', 'eligibility.read': 'Read the eligibility assessments',
  'eligibility.assess': 'Assessed eligibility', 'duplicates.search': 'Searched for duplicates', 'claims.import': 'Imported claims',
  'claims.export': 'Exported claims', 'access.denied': 'Was refused access', 'claim.counsel.set': 'Recorded the counsel',
  'deadlines.read': 'Read the time limits', 'queue.read': 'Read a work queue', 'audit.read_trail': 'Read this audit trail',
};
export const CHANNEL_LABELS: Record<string, string> = { web: 'Web app', api: 'API', cli: 'Command line' };

/** The auditor's entry: a claim's trail, found by the claim's id (or the address of its page). */
export function AuditHome() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = UUID.exec(text)?.[0];
    if (!id) {
      setError(t('Enter the claim\'s id (as in the address of its page), e.g. 0b6f1c9e-4a3d-4c1b-9f2e-7d8a5b6c4e21.'));
      return;
    }
    navigate(`/work/claims/${id.toLowerCase()}/audit`);
  };
  return (
    <>
      <h1>{t('Audit: who has seen a file')}</h1>
      <p className="lede">{t('Every read and change of a claim, its family group and its person is recorded with who, when and through which channel. Reading a trail is recorded too.')}</p>
      <form onSubmit={submit} noValidate aria-label={t('Open a claim\'s audit trail')} className="narrow">
        <div className="field">
          <label htmlFor="audit-claim">{t('Claim id or the address of its page')}</label>
          <input id="audit-claim" autoComplete="off" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? 'audit-claim-error' : undefined} />
          {error && <p id="audit-claim-error" className="field-error" role="alert">{error}</p>}
        </div>
        <p><button type="submit">{t('Open the audit trail')}</button></p>
      </form>
    </>
  );
}

/** One claim's audit trail, oldest first, with its CSV export. */
export function AuditTrailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = userOf(useSession());
  const trail = useApi<Trail>(`${API}/claims/${id}/audit`);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const save = async () => {
    setDownloadError(null);
    try {
      await download(`${API}/claims/${id}/audit?format=csv`, `audit-${trail.data?.reference ?? id}.csv`);
    } catch (err) {
      setDownloadError(err instanceof RequestError ? err.message : (err as Error).message);
    }
  };
  const data = trail.data;
  return (
    <>
      <p className="breadcrumb"><Link href="/work/audit">{t('Audit: who has seen a file')}</Link></p>
      <h1>{data ? t('Audit trail of claim {{reference}}', { reference: data.reference }) : t('Audit trail')}</h1>
      <Status loading={trail.loading} error={trail.error} />
      {data && (
        <>
          <p className="lede">{t('Who read or changed this claim, its family group or its person, oldest first.')}</p>
          <p>
            <button type="button" onClick={() => void save()}>{t('Download the trail (CSV)')}</button>{' '}
            {may(user, 'claims.read') && <Link href={`/work/claims/${id}`}>{t('Open the claim')}</Link>}
          </p>
          {downloadError && <p className="error" role="alert">{downloadError}</p>}
          <p role="status" className="muted">{t('{{n}} records', { n: data.entries.length })}</p>
          <div className="table-wrap">
            <table data-testid="trail">
              <caption className="visually-hidden">{t('Audit trail')}</caption>
              <thead><tr>
                <th scope="col" className="num">{t('No.')}</th><th scope="col">{t('When')}</th><th scope="col">{t('Who')}</th>
                <th scope="col">{t('What')}</th><th scope="col">{t('Channel')}</th><th scope="col">{t('Subject · request')}</th>
              </tr></thead>
              <tbody>
                {data.entries.map((e) => (
                  <tr key={e.seq} data-seq={e.seq} data-action={e.action} data-channel={e.channel ?? ''} data-actor={e.actor}>
                    <td className="num">{e.seq}</td>
                    <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                    <th scope="row">{e.actorName ?? e.actor}{e.actorName && <span className="muted small"> ({e.actor})</span>}</th>
                    <td>{t(AUDIT_ACTION_LABELS[e.action] ?? e.action)} <code className="muted small">{e.action}</code></td>
                    <td className="channel">{e.channel ? t(CHANNEL_LABELS[e.channel] ?? e.channel) : '—'}</td>
                    <td className="small">{e.subject.type}{e.requestId && <span className="muted"> · {e.requestId}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
