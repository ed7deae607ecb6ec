import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../api.ts';
import { useApi } from '../hooks.ts';
import { putJson, RequestError, type ClaimView, type NamedCounsel } from './api.ts';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from './fieldErrors.tsx';

/** "Name" for each counsel; "Name (0b6f1c9e)" where two accounts share a display name. */
function labelsOf(counsel: NamedCounsel[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const c of counsel) count.set(c.displayName, (count.get(c.displayName) ?? 0) + 1);
  return new Map(counsel.map((c) => [c.id, (count.get(c.displayName) ?? 0) > 1 ? `${c.displayName} (${c.id.slice(0, 8)})` : c.displayName]));
}

/**
 * The counsel the claimant has named (they alone, among counsel, may read the claim), chosen by name
 * from the enabled counsel accounts (GET /counsel: ids and display names only). The list last read is
 * sent with the change, so two officers editing it at once cannot silently undo each other.
 */
export function CounselPanel({ claim, onDone }: { claim: ClaimView; onDone: () => void }) {
  const { t } = useTranslation();
  const directory = useApi<{ items: NamedCounsel[] }>(`${API}/counsel`);
  const [ids, setIds] = useState<string[]>(claim.counselIds.length > 0 ? claim.counselIds : ['']);
  const [failure, setFailure] = useState<{ message: string; code: string; errors: PlacedError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = failure?.errors ?? [];
  const active = directory.data?.items ?? [];
  // Counsel named earlier whose account is no longer an active counsel account stay choosable as they are.
  const former = claim.counsel.filter((c) => !active.some((a) => a.id === c.id));
  const labels = labelsOf([...active, ...former]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      await putJson(`${API}/claims/${claim.id}/counsel`, { counselIds: ids.filter(Boolean), expectedCounselIds: claim.counselIds });
      onDone();
    } catch (err) {
      const r = err instanceof RequestError ? err : new RequestError(0, (err as Error).message, 'error', [], undefined);
      setFailure({ message: r.message, code: r.code, errors: placeErrors(r.errors) });
      window.setTimeout(() => document.getElementById('error-summary')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="counsel-heading" className="panel" data-testid="counsel">
      <h2 id="counsel-heading">{t('Counsel')}</h2>
      <p>{claim.counsel.length === 0
        ? t('The claimant has named no counsel.')
        : t('Counsel named by the claimant: {{names}}.', { names: claim.counsel.map((c) => labels.get(c.id) ?? c.displayName).join(', ') })}</p>
      {failure && <ErrorSummary message={failure.message} errors={errors} />}
      {failure?.code === 'counsel_changed' && (
        <p><button type="button" onClick={() => { setFailure(null); onDone(); }}>{t('Reload the claim')}</button></p>
      )}
      {directory.error && <p className="error" role="alert">{t('The list of counsel could not be read: {{message}}', { message: directory.error })}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="field">
          <legend>{t('Counsel the claimant named')}</legend>
          <p className="hint" id="counsel-hint">{t('Choose each counsel by name. Leave empty to name no one.')}</p>
          {ids.map((v, i) => {
            const id = fid(`counselIds[${i}]`);
            return (
              <div key={i} className="inline-row">
                <label htmlFor={id} className="visually-hidden">{t('Counsel {{n}}', { n: i + 1 })}</label>
                <select {...invalidProps(id, errors, 'counsel-hint')} value={v} onChange={(e) => setIds((l) => l.map((x, j) => (j === i ? e.target.value : x)))}>
                  <option value="">{t('No one')}</option>
                  {active.map((c) => <option key={c.id} value={c.id}>{labels.get(c.id)}</option>)}
                  {former.map((c) => <option key={c.id} value={c.id}>{t('{{name}} (no longer an active counsel account)', { name: labels.get(c.id) ?? c.displayName })}</option>)}
                </select>
                {ids.length > 1 && (
                  <button type="button" className="small-button" onClick={() => setIds((l) => l.filter((_, j) => j !== i))}>
                    {t('Remove')}<span className="visually-hidden"> {t('Counsel {{n}}', { n: i + 1 })}</span>
                  </button>
                )}
                <FieldMessage id={id} errors={errors} />
              </div>
            );
          })}
          {ids.length < 5 && <p><button type="button" className="small-button" onClick={() => setIds((l) => [...l, ''])}>{t('Add counsel')}</button></p>}
        </fieldset>
        <p><button type="submit" disabled={busy || directory.loading}>{t('Save the counsel')}</button></p>
      </form>
    </section>
  );
}
