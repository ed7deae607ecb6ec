import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API, download, upload, RequestError } from '../client.ts';
import { useLang } from '../hooks.ts';
import { formatNumber } from '../format.ts';

interface ImportReport {
  id: string; fileName: string; format: string; kind: string; records: number; batches: number;
  batchesWritten: number; batchesRejected: number; claimsWritten: number; eventsWritten: number;
  errorCount: number; errors: Array<{ line: number; field: string; code: string; message: string }>; errorReportUrl: string | null;
}

const SHOWN_ERRORS = 100;

/** Import of claims or events from a CSV or NDJSON file, with its row-level error report. */
export function ImportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) { setError(t('Choose a file first.')); return; }
    setError(null);
    setReport(null);
    setProgress(0);
    try {
      const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/x-ndjson';
      setReport(await upload(`${API}/imports?fileName=${encodeURIComponent(file.name)}`, file, type, setProgress) as ImportReport);
      setProgress(1);
    } catch (err) {
      setProgress(1);
      setError(err instanceof RequestError ? err.message : t('The import failed.'));
    }
  };

  return (
    <>
      <h1>{t('Import claims or events')}</h1>
      <p>{t('A CSV or NDJSON file, in the formats of the README. Records are written in batches; a batch with any bad record writes nothing, and every bad record is listed with its line.')}</p>
      <form onSubmit={submit} className="import-form">
        <label htmlFor="import-file">{t('File (CSV or NDJSON)')}</label>
        <input id="import-file" type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" className="primary">{t('Import')}</button>
      </form>
      {progress !== null && (
        <p>
          <label htmlFor="import-progress">{t('Upload')}</label>{' '}
          <progress id="import-progress" max={1} value={progress}>{Math.round(progress * 100)} %</progress>{' '}
          <span aria-live="polite">{report || error ? t('Done') : `${Math.round(progress * 100)} %`}</span>
        </p>
      )}
      {error && <p role="alert" className="error-summary">{error}</p>}
      {report && (
        <section aria-labelledby="report-heading">
          <h2 id="report-heading">{t('Import report')}</h2>
          <p role="status">
            {t('{{records}} records read in {{batches}} batches: {{written}} written, {{rejected}} rejected; {{claims}} claims and {{events}} events written; {{errors}} errors.', {
              records: formatNumber(report.records, lang), batches: formatNumber(report.batches, lang), written: formatNumber(report.batchesWritten, lang),
              rejected: formatNumber(report.batchesRejected, lang), claims: formatNumber(report.claimsWritten, lang), events: formatNumber(report.eventsWritten, lang),
              errors: formatNumber(report.errorCount, lang),
            })}
          </p>
          {report.errorReportUrl && (
            <p><button type="button" onClick={() => { if (report.errorReportUrl) void download(report.errorReportUrl, `import-${report.id}-errors.csv`).catch((err: unknown) => setError((err as Error).message)); }}>
              {t('Download the error report (CSV)')}</button></p>
          )}
          {report.errors.length > 0 && (
            <table>
              <caption>{report.errorCount > SHOWN_ERRORS ? t('The first {{n}} errors', { n: SHOWN_ERRORS }) : t('Errors')}</caption>
              <thead><tr><th scope="col">{t('Line')}</th><th scope="col">{t('Field')}</th><th scope="col">{t('Problem')}</th></tr></thead>
              <tbody>
                {report.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                  <tr key={i}><td>{formatNumber(e.line, lang)}</td><td><code>{e.field || '—'}</code></td><td>{e.message}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
