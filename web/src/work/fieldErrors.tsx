import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from './api.ts';

/** The id of the input for an API field path: "members[1].dateOfBirth" → "f-members-1-dateOfBirth". */
export function fid(path: string): string {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** The input an error belongs to: the field itself, its first item, or the nearest enclosing field on the page. */
export function targetOf(path: string, exists: (id: string) => boolean): string | null {
  let p = path;
  for (;;) {
    if (exists(fid(p))) return fid(p);
    if (exists(fid(`${p}[0]`))) return fid(`${p}[0]`);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

export interface PlacedError extends FieldError { target: string | null; label?: string }

/** Places the server's field errors on the page's inputs, with the label of each (and its person or group). */
export function placeErrors(errors: FieldError[], rename: (field: string) => string = (f) => f): PlacedError[] {
  return errors.map((fe) => {
    const target = targetOf(rename(fe.field), (id) => document.getElementById(id) !== null);
    const el = target ? document.getElementById(target) : null;
    const own = el ? (document.querySelector(`label[for="${target}"]`)?.textContent ?? (el.tagName === 'FIELDSET' ? el.querySelector('legend')?.textContent : null)) : null;
    const group = el?.parentElement?.closest('fieldset.member')?.querySelector('legend')?.textContent;
    const label = [group, own].filter(Boolean).join(' — ');
    return { ...fe, target, ...(label ? { label } : {}) };
  });
}

/** Attributes for an input: aria-invalid and the id of its message when the server named it. */
export function invalidProps(id: string, errors: PlacedError[], describedBy?: string) {
  const mine = errors.some((e) => e.target === id);
  const ids = [describedBy, mine ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return { id, 'aria-invalid': mine ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

/** The server's messages for one input, shown beside it. */
export function FieldMessage({ id, errors }: { id: string; errors: PlacedError[] }) {
  const mine = errors.filter((e) => e.target === id);
  if (mine.length === 0) return null;
  return <p id={`${id}-error`} className="field-error">{mine.map((e) => e.message).join(' ')}</p>;
}

/** A summary of the server's refusal at the top of a form, with links to the fields (its own id when a page has two forms). */
export function ErrorSummary({ message, errors, id = 'error-summary' }: { message: string; errors: PlacedError[]; id?: string }) {
  const { t } = useTranslation();
  const go = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} id={id}>
      <h2>{t('The server refused this')}</h2>
      <p>{message}</p>
      {errors.length > 0 && (
        <ul>
          {errors.map((e, i) => (
            <li key={i}>{e.target
              ? <a href={`#${e.target}`} onClick={go(e.target)}>{e.label ? `${e.label}: ` : ''}{e.message}</a>
              : `${e.field}: ${e.message}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
