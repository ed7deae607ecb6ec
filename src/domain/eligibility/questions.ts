/**
 * Fact paths the engine reports in factsUsed / missingFacts, in presentation order, with the question
 * to put to the claimant when the fact is missing. List items are addressed as 'entries[].atPOE'
 * (no index) so that results do not depend on the order of arrays.
 */
import type { Bilingual } from './types.ts';

export const FACT_QUESTIONS = {
  'claim.claimDate': {
    en: 'On what date was the claim made?',
    fr: 'À quelle date la demande d\'asile a-t-elle été présentée?',
  },
  'claim.assessmentDate': {
    en: 'On what date is eligibility being determined?',
    fr: 'À quelle date la recevabilité est-elle examinée?',
  },
  'claim.channel': {
    en: 'Where was the claim made: land port of entry, rail, airport, marine port, inland office or online?',
    fr: 'Où la demande a-t-elle été présentée : point d\'entrée terrestre, ferroviaire, aéroport, port maritime, bureau intérieur ou en ligne?',
  },
  'claim.cameFromUS': {
    en: 'Did the claimant come to Canada, directly or indirectly, from the United States?',
    fr: 'Le demandeur est-il arrivé au Canada, directement ou indirectement, des États-Unis?',
  },
  'claim.inTransitUnderUSRemovalOrder': {
    en: 'Is the claimant in transit through Canada in the course of being removed from the United States?',
    fr: 'Le demandeur transite-t-il par le Canada dans le cadre de son renvoi des États-Unis?',
  },
  'claimant.nationalities': {
    en: 'What are all of the claimant\'s nationalities (citizenships)?',
    fr: 'Quelles sont toutes les nationalités (citoyennetés) du demandeur?',
  },
  'claimant.stateless': {
    en: 'Is the claimant stateless?',
    fr: 'Le demandeur est-il apatride?',
  },
  'claimant.formerHabitualResidences': {
    en: 'In which countries did the claimant have a former habitual residence?',
    fr: 'Dans quels pays le demandeur avait-il une résidence habituelle antérieure?',
  },
  'claimant.dateOfBirth': {
    en: 'What is the claimant\'s date of birth?',
    fr: 'Quelle est la date de naissance du demandeur?',
  },
  'claimant.maritalStatus': {
    en: 'Does the claimant have a spouse or common-law partner?',
    fr: 'Le demandeur a-t-il un époux ou un conjoint de fait?',
  },
  'claimant.accompaniedBy': {
    en: 'Is the claimant accompanied by their mother, father or legal guardian?',
    fr: 'Le demandeur est-il accompagné de sa mère, de son père ou de son tuteur légal?',
  },
  'claimant.parentOrGuardianInCanada': {
    en: 'Does the claimant have a mother, father or legal guardian in Canada?',
    fr: 'Le demandeur a-t-il une mère, un père ou un tuteur légal au Canada?',
  },
  'claimant.parentOrGuardianInUS': {
    en: 'Does the claimant have a mother, father or legal guardian in the United States?',
    fr: 'Le demandeur a-t-il une mère, un père ou un tuteur légal aux États-Unis?',
  },
  'entries': {
    en: 'On what dates, where and how did the claimant enter Canada (every entry, including earlier stays)?',
    fr: 'À quelles dates, où et comment le demandeur est-il entré au Canada (chaque entrée, y compris lors de séjours antérieurs)?',
  },
  'entries[].atPOE': {
    en: 'Was each entry into Canada made at a port of entry or between ports of entry?',
    fr: 'Chaque entrée au Canada a-t-elle eu lieu à un point d\'entrée ou entre les points d\'entrée?',
  },
  'entries[].borderSegment': {
    en: 'Was each entry made by land or water along the Canada–US border, by air, by sea or otherwise?',
    fr: 'Chaque entrée a-t-elle eu lieu par voie terrestre ou par les eaux le long de la frontière canado-américaine, par avion, par mer ou autrement?',
  },
  'priorClaims.canada': {
    en: 'Has the claimant made an earlier refugee claim in Canada, and what became of it?',
    fr: 'Le demandeur a-t-il déjà présenté une demande d\'asile au Canada, et quelle en a été l\'issue?',
  },
  'priorClaims.canada[].stcaReEntryCase': {
    en: 'Was the earlier ineligible claim an STCA case in which the United States refused the claimant without deciding their claim, before they came back to Canada?',
    fr: 'La demande antérieure jugée irrecevable relevait-elle de l\'ETPS, les États-Unis ayant refusé le demandeur sans statuer sur sa demande avant son retour au Canada?',
  },
  'priorClaims.foreign': {
    en: 'Has the claimant claimed refugee protection in any other country?',
    fr: 'Le demandeur a-t-il demandé l\'asile dans un autre pays?',
  },
  'priorClaims.foreign[].confirmedViaInfoSharing': {
    en: 'Has each claim made in another country been confirmed under an information-sharing agreement with that country?',
    fr: 'Chaque demande présentée dans un autre pays a-t-elle été confirmée en vertu d\'un accord d\'échange de renseignements avec ce pays?',
  },
  'foreignStatus': {
    en: 'Has another country recognized the claimant as a Convention refugee?',
    fr: 'Un autre pays a-t-il reconnu au demandeur la qualité de réfugié au sens de la Convention?',
  },
  'foreignStatus.returnable': {
    en: 'Can the claimant be sent or returned to the country that recognized them as a refugee?',
    fr: 'Le demandeur peut-il être renvoyé dans le pays qui lui a reconnu la qualité de réfugié?',
  },
  'foreignStatus.citizenOfThatCountry': {
    en: 'Has the claimant since become a citizen of the country that recognized them as a refugee?',
    fr: 'Le demandeur est-il depuis devenu citoyen du pays qui lui a reconnu la qualité de réfugié?',
  },
  'inadmissibility.findings': {
    en: 'Has the claimant been determined inadmissible on grounds of security, human or international rights violations, serious criminality or organized criminality?',
    fr: 'Le demandeur a-t-il été jugé interdit de territoire pour raison de sécurité, atteinte aux droits humains ou internationaux, grande criminalité ou criminalité organisée?',
  },
  'inadmissibility.convictions': {
    en: 'What are the claimant\'s convictions, in or outside Canada, and the maximum term of imprisonment in Canada for each offence?',
    fr: 'Quelles sont les condamnations du demandeur, au Canada ou à l\'étranger, et la peine maximale au Canada pour chaque infraction?',
  },
  'inadmissibility.pendingIDReferral': {
    en: 'Has a report on the claimant been referred to the Immigration Division on security, rights, serious or organized criminality grounds?',
    fr: 'Un rapport sur le demandeur a-t-il été déféré à la Section de l\'immigration pour raison de sécurité, d\'atteinte aux droits, de grande criminalité ou de criminalité organisée?',
  },
  'inadmissibility.pendingChargeMax10y': {
    en: 'Is the claimant charged with an offence punishable by a maximum term of at least 10 years, with a court decision pending?',
    fr: 'Le demandeur est-il accusé d\'une infraction punissable d\'un emprisonnement maximal d\'au moins 10 ans, en attente d\'une décision judiciaire?',
  },
  'familyInCanada': {
    en: 'Which family members (spouse or common-law partner, legal guardian, child, parent, sibling, grandparent, grandchild, uncle, aunt, nephew, niece) are in Canada, and what is each one\'s status?',
    fr: 'Quels membres de la famille (époux ou conjoint de fait, tuteur légal, enfant, parent, frère ou sœur, grand-parent, petit-enfant, oncle, tante, neveu, nièce) sont au Canada, et quel est le statut de chacun?',
  },
  'familyInCanada[].age': {
    en: 'How old is each family member in Canada who has a pending claim or a work or study permit?',
    fr: 'Quel âge a chaque membre de la famille au Canada dont la demande d\'asile est en instance ou qui détient un permis de travail ou d\'études?',
  },
  'familyInCanada[].permitExcluded': {
    en: 'Was the family member\'s work or study permit issued to them as a refugee claimant or while under an unenforceable removal order?',
    fr: 'Le permis de travail ou d\'études du membre de la famille lui a-t-il été délivré en tant que demandeur d\'asile ou alors qu\'il faisait l\'objet d\'une mesure de renvoi inexécutable?',
  },
  'documents': {
    en: 'Does the claimant hold a Canadian visa, permit or travel document?',
    fr: 'Le demandeur détient-il un visa, un permis ou un titre de voyage canadien?',
  },
  'documents[].validOnClaimDate': {
    en: 'Was each Canadian document valid on the day of the claim?',
    fr: 'Chaque document canadien était-il valide le jour de la demande?',
  },
  'documents[].transitOnly': {
    en: 'Is the Canadian visa a transit visa?',
    fr: 'Le visa canadien est-il un visa de transit?',
  },
  'visaRegime.visaExemptCanada': {
    en: 'Is the claimant exempt from needing a visa to enter Canada?',
    fr: 'Le demandeur est-il dispensé de l\'obligation de visa pour entrer au Canada?',
  },
  'visaRegime.visaRequiredUS': {
    en: 'Does the claimant need a visa to enter the United States?',
    fr: 'Le demandeur a-t-il besoin d\'un visa pour entrer aux États-Unis?',
  },
  'deathPenaltyExposure.chargedOrConvicted': {
    en: 'Has the claimant been charged with or convicted of an offence punishable by the death penalty in the United States or another country?',
    fr: 'Le demandeur a-t-il été accusé ou reconnu coupable, aux États-Unis ou dans un autre pays, d\'une infraction punissable de la peine de mort?',
  },
} as const satisfies Record<string, Bilingual>;

export type FactPath = keyof typeof FACT_QUESTIONS;
export const FACT_PATHS = Object.keys(FACT_QUESTIONS) as FactPath[];

const ORDER = new Map<FactPath, number>(FACT_PATHS.map((p, i) => [p, i]));

/** Deduplicated, in catalogue order (so results never depend on the order facts were given in). */
export function sortPaths(paths: Iterable<FactPath>): FactPath[] {
  return [...new Set(paths)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}
