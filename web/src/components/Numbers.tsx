import { useTranslation } from 'react-i18next';
import type { StatsAnswer } from '../api.ts';
import { useLang } from '../hooks.ts';
import { formatDate, formatNumber, formatPercent, type Published } from '../format.ts';

/** A published figure; "--" is shown as such. Hovering shows the definition and the disclosure rule. */
export function Figure({ value, answer, percent = false, signed = false, className }: {
  value: Published; answer: StatsAnswer; percent?: boolean; signed?: boolean; className?: string;
}) {
  const lang = useLang();
  const text = percent ? formatPercent(value, lang, signed) : formatNumber(value, lang);
  const title = `${answer.definition[lang]} ${answer.disclosure.rule[lang]}`;
  return <span className={`figure${value === '--' ? ' suppressed' : ''}${className ? ` ${className}` : ''}`} title={title}>{text}</span>;
}

/** What a number means: definition, period, disclosure rule and source, beside the number (expandable). */
export function AboutAnswer({ answer, open = false }: { answer: StatsAnswer; open?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <details className="about" open={open}>
      <summary>{t('Definition, source and disclosure')}</summary>
      <dl>
        <dt>{t('Definition')}</dt>
        <dd>{answer.definition[lang]} ({answer.definition.dated[lang]})</dd>
        {answer.rateDefinition && (<><dt>{t('Rate')}</dt><dd>{answer.rateDefinition.labels[lang]}: {answer.rateDefinition.formula[lang]}</dd></>)}
        <dt>{t('Period')}</dt>
        <dd>{t('{{from}} to {{to}}', { from: formatDate(answer.from, lang), to: formatDate(answer.to, lang) })}</dd>
        <dt>{t('Disclosure rule')}</dt>
        <dd>{answer.disclosure.rule[lang]} <span className="muted">({answer.disclosure.profile})</span></dd>
        <dt>{t('Source')}</dt>
        <dd>{answer.source[lang]}</dd>
      </dl>
    </details>
  );
}
