import { readFileSync } from 'node:fs';
import { evaluateEligibility, validateEligibilityFacts, DEFAULT_ELIGIBILITY_CONFIG, type EligibilityAssessment, type EligibilityFacts } from '../domain/eligibility/index.ts';
import { RefugeError, validationError } from '../domain/errors.ts';

/** `refuge eligibility assess <facts.json>`: the same engine as the API, for a file of facts. */
export function assessFile(path: string): EligibilityAssessment {
  let facts: unknown;
  try {
    facts = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RefugeError('validation', 'invalid_json', `${path} is not a readable JSON file: ${(err as Error).message}`);
  }
  const errors = validateEligibilityFacts(facts);
  if (errors.length > 0) throw validationError(errors, 'invalid_eligibility_facts');
  return evaluateEligibility(facts as EligibilityFacts, DEFAULT_ELIGIBILITY_CONFIG);
}

const SYMBOL: Record<string, string> = { APPLIES: '✗', NOT_APPLICABLE: '·', EXCEPTION_MET: '✓', UNKNOWN: '?', NOT_IN_FORCE: '–' };

export function formatAssessment(a: EligibilityAssessment, lang: 'en' | 'fr'): string {
  const lines = [`${lang === 'fr' ? 'Résultat' : 'Outcome'}: ${a.outcome}`, ''];
  for (const g of a.grounds) lines.push(`${SYMBOL[g.result] ?? ' '} ${g.ruleId} ${g.result} — ${g.explanation[lang]}`);
  if (a.suspension) lines.push('', a.suspension.explanation[lang]);
  if (a.questions.length > 0) {
    lines.push('', lang === 'fr' ? 'À demander :' : 'To ask:');
    for (const q of a.questions) lines.push(`  - ${q[lang]} (${q.fact})`);
  }
  if (a.consequences.removalOrderInForce) lines.push('', a.consequences.removalOrderInForce[lang]);
  for (const n of a.consequences.notes) lines.push(n[lang]);
  return lines.join('\n');
}
