import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API } from '../api.ts';
import { putJson, RequestError, type ClaimView } from './api.ts';
import { ErrorSummary, FieldMessage, fid, invalidProps, placeErrors, type PlacedError } from './fieldErrors.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The counsel the claimant has named (they alone, among counsel, may read the claim). Counsel are
 * named by their counsel id, which their account page shows them. The list last read is sent with
 * the change, so two officers editing it at once cannot silently undo each other.
 */
export function CounselPanel({ claim, onDone }: { claim: ClaimView; onDone: () => void }) {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[]>(claim.counselIds.length > 0 ? claim.counselIds : ['']);
  const [failure, setFailure] = useState<{ message: string; code: string; errors: PlacedError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = failure?.errors ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const counselIds = ids.map((x) => x.trim()).filter(Boolean);
    const bad = counselIds.findIndex((x) => !UUID.test(x));
    setFailure(null);
    if (bad >= 0) {
      const message = t('A counsel id looks like 0b6f1c9e-4a3d-4c1b-9f2e-7d8a5b6c4e21.');
      setFailure({ message, code: 'invalid_format', errors: placeErrors([{ field: `counselIds[${bad}]`, code: 'invalid_format', message }]) });
      return;
    }
    setBusy(true);
    try {
      await putJson(`${API}/claims/${claim.id}/counsel`, { counselIds, expectedCounselIds: claim.counselIds });
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
      <p>{claim.counselIds.length === 0 ? t('The claimant has named no counsel.') : t('Counsel named by the claimant: {{ids}}.', { ids: claim.counselIds.join(', ') })}</p>
      {failure && <ErrorSummary message={failure.message} errors={errors} />}
      {failure?.code === 'counsel_changed' && (
        <p><button type="button" onClick={() => { setFailure(null); onDone(); }}>{t('Reload the claim')}</button></p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="field">
          <legend>{t('Counsel ids')}</legend>
          <p className="hint" id="counsel-hint">{t('Counsel find their id on their account page. Leave empty to name no one.')}</p>
          {ids.map((v, i) => {
            const id = fid(`counselIds[${i}]`);
            return (
              <div key={i} className="inline-row">
                <label htmlFor={id} className="visually-hidden">{t('Counsel id {{n}}', { n: i + 1 })}</label>
                <input {...invalidProps(id, errors, 'counsel-hint')} className="id-input" autoComplete="off" spellCheck={false} value={v}
                  onChange={(e) => setIds((l) => l.map((x, j) => (j === i ? e.target.value : x)))} />
                {ids.length > 1 && (
                  <button type="button" className="small-button" onClick={() => setIds((l) => l.filter((_, j) => j !== i))}>
                    {t('Remove')}<span className="visually-hidden"> {t('Counsel id {{n}}', { n: i + 1 })}</span>
                  </button>
                )}
                <FieldMessage id={id} errors={errors} />
              </div>
            );
          })}
          {ids.length < 5 && <p><button type="button" className="small-button" onClick={() => setIds((l) => [...l, ''])}>{t('Add counsel')}</button></p>}
        </fieldset>
        <p><button type="submit" disabled={busy}>{t('Save the counsel')}</button></p>
      </form>
    </section>
  );
}
