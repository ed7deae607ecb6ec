import { ApiError, API, type Bilingual } from '../api.ts';

export interface FieldError { field: string; code: string; message: string }

/** An error answer of the API: its code, its message and the fields it names. */
export class RequestError extends ApiError {
  constructor(status: number, message: string, readonly code: string, readonly errors: FieldError[], readonly details: Record<string, unknown> | undefined) {
    super(status, message);
  }
}

let csrf: Promise<string | null> | undefined;

/** The session's CSRF token (docs/security.md), asked for once: every request that changes something sends it. */
export function csrfToken(): Promise<string | null> {
  csrf ??= fetch(`${API}/auth/session`, { headers: { accept: 'application/json' } })
    .then(async (res) => (res.ok ? ((await res.json()) as { csrfToken: string }).csrfToken : null))
    .catch(() => null);
  return csrf;
}

/** After signing in or out: the next request asks again. */
export function forgetCsrfToken(): void {
  csrf = undefined;
}

/** POSTs JSON; an error answer becomes a RequestError with the server's message and field errors. */
export async function postJson<T>(url: string, body: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const token = await csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch (err) {
    throw new RequestError(0, (err as Error).message, 'network_error', [], undefined);
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    let code = 'http_error';
    let errors: FieldError[] = [];
    let details: Record<string, unknown> | undefined;
    try {
      const json = (await res.json()) as { code?: string; message?: string; errors?: FieldError[]; details?: Record<string, unknown> };
      if (json.message) message = json.message;
      if (json.code) code = json.code;
      if (Array.isArray(json.errors)) errors = json.errors;
      details = json.details;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new RequestError(res.status, message, code, errors, details);
  }
  return (await res.json()) as T;
}

export function newKey(): string {
  return crypto.randomUUID();
}

export interface Office { code: string; type: string; province: string | null; labels: Bilingual }
export interface EventInfo { code: string; transitionIds: string[]; legalBasis: string; actorRoles: string[]; labels: Bilingual }
export interface Document { type: string; number: string; issuingCountry: string }

export interface Person {
  id: string; familyName: string; givenNames: string; dateOfBirth: string; sex: string;
  citizenships: string[]; documents: Document[]; languages: string[]; interpreterLanguage: string | null;
}

export interface ClaimView {
  id: string; reference: string; groupId: string; groupReference: string; relationship: string; person: Person;
  office: { code: string; type: string; province: string }; claimDate: string;
  arrival: { manner: string; crossingDate?: string; entryDate?: string };
  persecutionCountries: string[]; state: string; stateLabel: Bilingual; version: number;
  createdAt: string; updatedAt: string; allowedEvents: string[]; allowedActions: string[];
}

export interface GroupView {
  id: string; reference: string; office: { code: string; type: string; province: string }; claimDate: string;
  arrival: { manner: string; crossingDate?: string; entryDate?: string }; persecutionCountries: string[];
  duplicateCheck: { searchId: string | null; override: string | null }; claims: ClaimView[];
}

export interface ClaimSummary {
  id: string; reference: string; groupId: string; relationship: string; familyName: string; givenNames: string;
  dateOfBirth: string; sex: string; citizenships: string[]; officeCode: string; officeType: string; province: string;
  claimDate: string; persecutionCountries: string[]; state: string; version: number;
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
