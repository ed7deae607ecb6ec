export { patchJson, postJson, putJson, RequestError, type FieldError } from '../client.ts';
import type { Bilingual } from '../api.ts';

export function newKey(): string {
  return crypto.randomUUID();
}

export interface Office { code: string; type: string; province: string | null; labels: Bilingual }
export interface EventInfo { code: string; transitionIds: string[]; legalBasis: string; actorRoles: string[]; labels: Bilingual }
export interface Document { type: string; number: string; issuingCountry: string }

export interface Person {
  id: string; familyName: string | null; givenNames: string | null; dateOfBirth: string | null; sex: string;
  citizenships: string[]; documents: Document[]; languages: string[]; interpreterLanguage: string | null;
  /** The identity was removed at the end of its retention period: names, date of birth and documents are null. */
  purged: boolean; purgedAt: string | null;
}

export interface ClaimView {
  id: string; reference: string; groupId: string; groupReference: string; relationship: string; person: Person;
  office: { code: string; type: string; province: string }; claimDate: string;
  arrival: { manner: string; crossingDate?: string; entryDate?: string };
  persecutionCountries: string[]; state: string; stateLabel: Bilingual; version: number;
  createdAt: string; updatedAt: string; allowedEvents: string[]; allowedActions: string[]; counselIds: string[];
  /** The same counsel with their display names. */
  counsel: NamedCounsel[];
}

/** A counsel account as officers see it: id and display name only (GET /counsel). */
export interface NamedCounsel { id: string; displayName: string }

/** An account as administrators see it (GET /users). */
export interface Account {
  id: string; username: string; displayName: string; roles: string[]; officeScope: 'ALL' | string[];
  disabled: boolean; hasPassword: boolean; totpEnabled: boolean; identities: Array<{ issuer: string; subject: string }>;
  lastSignInAt: string | null; createdAt: string; createdBy: string;
}

export interface GroupView {
  id: string; reference: string; office: { code: string; type: string; province: string }; claimDate: string;
  arrival: { manner: string; crossingDate?: string; entryDate?: string }; persecutionCountries: string[];
  duplicateCheck: { searchId: string | null; override: string | null }; claims: ClaimView[];
}

export interface ClaimSummary {
  id: string; reference: string; groupId: string; relationship: string; familyName: string | null; givenNames: string | null;
  dateOfBirth: string | null; sex: string; citizenships: string[]; officeCode: string; officeType: string; province: string;
  claimDate: string; persecutionCountries: string[]; state: string; version: number; personPurged: boolean;
}

export interface EventView {
  version: number; type: string; transitionId: string | null; fromState: string | null; toState: string;
  actor: { role: string; name: string | null }; effectiveDate: string; noticeDate: string | null; receivedDate: string | null;
  legalBasis: string; reasons: string | null; details: Record<string, unknown>; recordedAt: string; recordedBy: string;
}

export interface Due { nominal: string; safe: string; latestIfRolls: string | null; rollUnclear: boolean }
export interface Deadline {
  ruleId: string; key: string; labels: Bilingual; nature: string; trigger: { event: string; date: string; deemed: boolean };
  due: Due; status: string; metOn?: string; daysRemaining?: number; pastSafeDate?: boolean; conditional?: boolean;
  explanation: Bilingual;
}

export interface Ground {
  ruleId: string; citation: string; citationFr: string; result: string; exceptionsMet?: string[];
  missingFacts: string[]; explanation: Bilingual;
}
export interface Assessment {
  outcome: string; evaluatedOn: string | null; grounds: Ground[]; questions: Array<{ fact: string; en: string; fr: string }>;
  suspension?: { citation: string; explanation: Bilingual };
  consequences: { notes: Bilingual[] };
}
export interface StoredAssessment { id: string; eventVersion: number | null; outcome: string; assessment: Assessment; recordedAt: string; recordedBy: string }

export interface Candidate {
  personId: string; familyName: string; givenNames: string; dateOfBirth: string; sex: string; citizenships: string[];
  score: number; level: string; reasons: Array<{ code: string; weight: number; detail: Bilingual }>;
  claims: Array<{ id: string; reference: string; state: string; claimDate: string; officeCode: string }>;
}
export interface SearchResult { searchId: string; createdAt: string; people: Array<{ index: number; candidates: Candidate[] }> }

export interface QueueItem { claimId: string; reference: string; officeCode: string; state: string; deadline?: Deadline; assessmentOn?: string; questions?: number }
export interface Queue { officeCode: string; asOf: string; withinDays: number; overdue: QueueItem[]; dueSoon: QueueItem[]; awaitingFacts: QueueItem[] }

export interface AuditEntry {
  seq: number; at: string; actor: string; actorName: string | null; action: string; channel: 'web' | 'api' | 'cli' | null;
  requestId: string | null; subject: { type: string; id: string | null };
}
export interface AuditTrail { claimId: string; reference: string; entries: AuditEntry[] }
