/** Who records a lifecycle event (domain.md §1). */
import type { Labels } from './states.ts';

export const ACTOR_ROLES = [
  'CBSA_OFFICER',
  'IRCC_OFFICER',
  'RCMP',
  'MINISTER',
  'RPD',
  'RAD',
  'IMMIGRATION_DIVISION',
  'FEDERAL_COURT',
  'FEDERAL_COURT_OF_APPEAL',
  'CLAIMANT',
  'COUNSEL',
  'OPERATION_OF_LAW',
  'CBSA_REMOVALS',
  'IRCC_PRRA',
] as const;

export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ACTOR_INFO: Record<ActorRole, { labels: Labels }> = {
  CBSA_OFFICER: { labels: { en: 'CBSA border services officer', fr: 'Agent des services frontaliers de l\'ASFC' } },
  IRCC_OFFICER: { labels: { en: 'IRCC officer', fr: 'Agent d\'IRCC' } },
  RCMP: { labels: { en: 'RCMP', fr: 'GRC' } },
  MINISTER: { labels: { en: 'Minister', fr: 'Ministre' } },
  RPD: { labels: { en: 'Refugee Protection Division (IRB)', fr: 'Section de la protection des réfugiés (CISR)' } },
  RAD: { labels: { en: 'Refugee Appeal Division (IRB)', fr: 'Section d\'appel des réfugiés (CISR)' } },
  IMMIGRATION_DIVISION: { labels: { en: 'Immigration Division (IRB)', fr: 'Section de l\'immigration (CISR)' } },
  FEDERAL_COURT: { labels: { en: 'Federal Court', fr: 'Cour fédérale' } },
  FEDERAL_COURT_OF_APPEAL: { labels: { en: 'Federal Court of Appeal', fr: 'Cour d\'appel fédérale' } },
  CLAIMANT: { labels: { en: 'Claimant', fr: 'Demandeur d\'asile' } },
  COUNSEL: { labels: { en: 'Counsel', fr: 'Conseil' } },
  OPERATION_OF_LAW: { labels: { en: 'Operation of law', fr: 'Effet de la loi' } },
  CBSA_REMOVALS: { labels: { en: 'CBSA inland enforcement (removals)', fr: 'ASFC, exécution de la loi dans les bureaux intérieurs (renvois)' } },
  IRCC_PRRA: { labels: { en: 'IRCC PRRA officer', fr: 'Agent d\'ERAR d\'IRCC' } },
};

export function isActorRole(value: unknown): value is ActorRole {
  return typeof value === 'string' && (ACTOR_ROLES as readonly string[]).includes(value);
}
