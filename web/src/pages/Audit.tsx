import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, download, getJson, RequestError } from '../client.ts';
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
  'deadlines.read': 'Read the time limits', 'queue.read': 'Read a work queue', 'audit.trail.read': 'Read this audit trail',
  'audit.claim.lookup': 'Looked the claim up by its reference',
};
export const CHANNEL_LABELS: Record<string, string> = { web: 'Web app', api: 'API', cli: 'Command line' };

/** A claim reference as printed on its page and in letters, however it was typed ("c-2025-42 " too). */
const REFERENCE = /\b[Cc]-(\d{4})-(\d{1,15})\b/;

/**
 * The auditor's entry: a claim's trail, found by the claim's reference (auditors may not search
 * claims: the server looks up exactly one, within their offices, and records the lookup), or by its
 * id or the address of its page.
 */
export function AuditHome() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (message: string) => {
    setError(message);
    window.setTimeout(() => document.getElementById('audit-claim')?.focus(), 0);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const id = UUID.exec(text)?.[0];
    if (id) {
      navigate(`/work/claims/${id.toLowerCase()}/audit`);
      return;
    }
    const ref = REFERENCE.exec(text);
    if (!ref) {
      fail(t('Enter the claim\'s reference, e.g. C-2025-0000042, or its id.'));
      return;
    }
    // References are zero-padded to seven digits: "C-2025-42" is C-2025-0000042.
    const reference = `C-${ref[1]}-${(ref[2] ?? '').padStart(7, '0')}`;
    setBusy(true);
    try {
      const found = await getJson<{ claimId: string }>(`${API}/audit/claims?reference=${encodeURIComponent(reference)}`);
      navigate(`/work/claims/${found.claimId}/audit`);
    } catch (err) {
      fail(err instanceof RequestError && err.status === 404
        ? t('No claim of your offices has the reference {{reference}}.', { reference })
        : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>{t('Audit: who has seen a file')}</h1>
      <p className="lede">{t('Every read and change of a claim, its family group and its person is recorded with who, when and through which channel. Reading a trail is recorded too.')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('Open a claim\'s audit trail')} className="narrow">
        <div className="field">
          <label htmlFor="audit-claim">{t('Claim reference')}</label>
          <input id="audit-claim" autoComplete="off" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? 'audit-claim-hint audit-claim-error' : 'audit-claim-hint'} />
          <p className="hint" id="audit-claim-hint">{t('As shown on the claim\'s page, e.g. C-2025-0000042. The claim\'s id or the address of its page work too.')}</p>
          {error && <p id="audit-claim-error" className="field-error" role="alert">{error}</p>}
        </div>
        <p><button type="submit" disabled={busy}>{t('Open the audit trail')}</button></p>
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
