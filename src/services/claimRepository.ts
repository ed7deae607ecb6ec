import { randomUUID } from 'node:crypto';
import { newRecordKey } from './statistics.ts';
import { withTransaction, type Database, type Queryable } from '../store/db.ts';
import { insertRows } from '../store/sql.ts';
import * as ledger from '../store/ledgerWrites.ts';
import { RefugeError, validationError, type FieldError } from '../domain/errors.ts';
import { can, allowedActions, recordScope, type ClaimAction, type ScopedRecord } from '../domain/access/policy.ts';
import type { IntakeInput, PersonInput, OfficeType, Arrival, ArrivalManner, Sex, PostalAddress } from '../domain/intake/types.ts';
import type { FieldCipher } from '../store/fieldCipher.ts';
import {
  encryptPerson, decryptPerson, encryptEventTexts, decryptEventTexts, encryptArrival, decryptArrival,
  encryptAssessment, decryptAssessmentFacts, encryptImport, decryptImport, type StoredPersonSecrets,
} from './encryptedFields.ts';

/** Arrival as shown: the manner, and the date that manner counts from. */
export interface ArrivalView { manner: ArrivalManner; crossingDate?: string; entryDate?: string }
import { validateIntake, type IntakeReference } from '../domain/intake/validate.ts';
import {
  initialSnapshot, applyEvent, allowedEvents, STATE_INFO, EVENT_INFO,
  type LifecycleEventInput, type LifecycleSnapshot, type LifecycleOptions, type ClaimState, type LifecycleEventType,
} from '../domain/lifecycle/index.ts';
import { blockingKeys, scoreMatch, MATCH_THRESHOLDS, type MatchablePerson, type MatchScore } from '../domain/duplicates/index.ts';
import type { ImportReport } from '../importers/claimsFile.ts';
import { referenceNumber, toRanges, type AuditLog } from './audit.ts';
import { evaluateEligibility, DEFAULT_ELIGIBILITY_CONFIG, type EligibilityFacts, type EligibilityAssessment, type EligibilityConfig } from '../domain/eligibility/index.ts';
import { factsFromClaim, disagreement, ELIGIBILITY_DECISION_EVENTS } from './eligibilityFacts.ts';
import {
  eventStatistics, rollupRows, mergeRollupRows, ageBand, familySizeBand, INITIAL_MEMORY,
  type ClaimProfile, type StatMemory, type RollupRow,
} from '../domain/statistics/live.ts';
import { officeByCode } from '../jurisdictions/ca/offices.ts';
import type { Deadline, DeadlineContext, DeadlineEvent } from '../domain/deadlines/index.ts';
import type { RequestContext } from './context.ts';
import { claimIdempotencyKey, saveIdempotentOutcome, fingerprint, canonicalJson, type IdempotentOutcome } from './idempotency.ts';

/** A duplicate search is valid evidence for an intake this long after it ran. */
const SEARCH_VALID_HOURS = 24;
const MAX_CANDIDATES_PER_PERSON = 10;
/** Blocking keys shared by more people than this are ignored as too common to mean anything. */
const MAX_PEOPLE_PER_KEY_LOOKUP = 2_000;

export interface IntakeRequest extends IntakeInput {
  /** The duplicate search this intake followed (its id), or an explicit override with a reason. */
  duplicateSearchId?: string;
  duplicateOverride?: { reason: string };
}

export interface ImportedEvent { memberIndex: number; event: LifecycleEventInput }
export interface ImportGroup { intake: IntakeInput; events: ImportedEvent[] }

export interface ClaimListFilter {
  state?: ClaimState | undefined;
  officeCode?: string | undefined;
  officeType?: OfficeType | undefined;
  province?: string | undefined;
  citizenship?: string | undefined;
  persecutionCountry?: string | undefined;
  claimDateFrom?: string | undefined;
  claimDateTo?: string | undefined;
  groupId?: string | undefined;
}

export interface PersonView {
  id: string; familyName: string | null; givenNames: string | null; dateOfBirth: string | null; sex: Sex;
  citizenships: string[]; documents: PersonInput['documents']; languages: string[]; interpreterLanguage: string | null;
  address?: PostalAddress;
  /** The identity was removed at the end of its retention period (services/retention.ts): names, date of birth and documents are gone. */
  purged: boolean; purgedAt: string | null;
}

export interface ClaimView {
  id: string;
  reference: string;
  groupId: string;
  groupReference: string;
  relationship: string;
  person: PersonView;
  office: { code: string; type: string; province: string };
  claimDate: string;
  arrival: ArrivalView;
  persecutionCountries: string[];
  state: ClaimState;
  stateLabel: { en: string; fr: string };
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Lifecycle events that may be appended next, given the claim's state and the caller's role. */
  allowedEvents: LifecycleEventType[];
  /** What the caller may do with this claim (Outline-style policies travelling with the record). */
  allowedActions: ClaimAction[];
  /** The counsel the claimant has named (user ids). */
  counselIds: string[];
  /** The same counsel with their display names, as the claim's readers see who represents the claimant. */
  counsel: NamedCounsel[];
}

/** A counsel account as officers and claim readers see it: its id and display name, nothing else. */
export interface NamedCounsel { id: string; displayName: string }

export interface ClaimSummary {
  id: string; reference: string; groupId: string; relationship: string;
  familyName: string | null; givenNames: string | null; dateOfBirth: string | null; sex: string; citizenships: string[];
  officeCode: string; officeType: string; province: string; claimDate: string;
  persecutionCountries: string[]; state: ClaimState; version: number; personPurged: boolean;
}

export interface GroupView {
  id: string; reference: string; office: { code: string; type: string; province: string };
  claimDate: string; arrival: ArrivalView; persecutionCountries: string[]; createdAt: string;
  duplicateCheck: { searchId: string | null; override: string | null };
  claims: ClaimView[];
}

export interface EventView {
  version: number; type: string; transitionId: string | null; fromState: string | null; toState: string;
  actor: { role: string; name: string | null }; effectiveDate: string; noticeDate: string | null;
  receivedDate: string | null; legalBasis: string; reasons: string | null; details: Record<string, unknown>;
  recordedAt: string; recordedBy: string;
}

export interface DuplicateCandidate {
  personId: string; familyName: string; givenNames: string; dateOfBirth: string; sex: string;
  citizenships: string[]; score: number; level: MatchScore['level']; reasons: MatchScore['reasons'];
  claims: Array<{ id: string; reference: string; state: string; claimDate: string; officeCode: string }>;
}
export interface DuplicateSearchResult {
  searchId: string; createdAt: string;
  people: Array<{ index: number; candidates: DuplicateCandidate[] }>;
}

export interface RepositoryOptions {
  reference: IntakeReference;
  /** Encrypts personal data before it is written and decrypts it as it is read (keys from configuration). */
  cipher: FieldCipher;
  lifecycle?: Omit<LifecycleOptions, 'today'>;
  eligibility?: EligibilityConfig;
  /** The jurisdiction's time limits (Canada's rules and holidays in jurisdictions/ca/deadlineRules). */
  deadlines?: (events: readonly DeadlineEvent[], context: DeadlineContext) => Deadline[];
}

/** Who works each time limit, for queues: tribunal targets go to the registry, filings to counsel. */
const DEADLINE_OWNER: Record<string, 'RPD_REGISTRY' | 'RAD_REGISTRY' | 'COUNSEL'> = {
  D04: 'RPD_REGISTRY', D05: 'RPD_REGISTRY', D06: 'RPD_REGISTRY', D11: 'RAD_REGISTRY',
};
export const deadlineOwner = (ruleId: string) => DEADLINE_OWNER[ruleId] ?? 'COUNSEL';
/** The claim's channel as the deadline rules read it from claim.made (inland claims owe no BOC to the RPD). */
const CHANNEL_OF: Record<string, string> = { AIRPORT: 'AIR', LAND_POE: 'LAND_POE', RAIL: 'RAIL', MARINE: 'MARINE', INLAND_OFFICE: 'INLAND_OFFICE', ONLINE: 'ONLINE' };

export interface QueueItem { claimId: string; reference: string; officeCode: string; state: string; deadline?: Deadline; assessmentOn?: string; questions?: number }
export interface WorkQueue { officeCode: string; asOf: string; withinDays: number; overdue: QueueItem[]; dueSoon: QueueItem[]; awaitingFacts: QueueItem[] }

/** Facts for an eligibility decision event: the engine runs on them and the assessment is kept with the event. */
export interface EligibilityEvidence { facts: EligibilityFacts; disagreementReason?: string }

/** An import made through the API, with its row-level report (stored encrypted: row errors quote values). */
export interface ImportRecord { id: string; fileName: string; format: string; report: ImportReport; createdAt: string; createdBy: string }

export interface StoredAssessment {
  id: string; claimId: string; eventVersion: number | null; outcome: string; facts: EligibilityFacts;
  assessment: EligibilityAssessment; recordedAt: string; recordedBy: string;
}

interface PreparedGroup {
  group: ledger.GroupRow;
  persons: ledger.PersonRow[];
  claims: ledger.ClaimRow[];
  events: ledger.EventRow[];
  /** Statistics increments for everything in this group. */
  rollups: RollupRow[];
  groupId: string;
  claimIds: string[];
  /** The caller's input, kept to build the response without reading back what was just written. */
  intake: IntakeInput;
  duplicateCheck: { searchId: string | null; override: string | null };
}

const EVENT_COLUMNS = ['claim_id', 'version', 'type', 'transition_id', 'from_state', 'to_state', 'actor_role', 'actor_name',
  'effective_date', 'notice_date', 'received_date', 'legal_basis', 'reasons', 'details', 'recorded_by'] as const;
const CASTS = { arrival: 'jsonb', documents: 'jsonb', lifecycle: 'jsonb', details: 'jsonb', citizenships: 'text[]',
  languages: 'text[]', persecution_countries: 'text[]' };

/**
 * The one place claims are read and written (Medplum's Repository): each method checks the caller's
 * policy, lets the domain decide, writes events, current state and the audit record in one transaction.
 */
export class ClaimRepository {
  private readonly cipher: FieldCipher;

  constructor(private readonly db: Database, private readonly audit: AuditLog, private readonly options: RepositoryOptions) {
    this.cipher = options.cipher;
  }

  private lifecycleOptions(ctx: RequestContext): LifecycleOptions {
    return { ...this.options.lifecycle, today: ctx.today };
  }

  /** Throws when the caller may not; the denial is audited even though the transaction rolls back. */
  private async authorize(tx: Queryable, ctx: RequestContext, action: ClaimAction,
    record?: ScopedRecord & { id: string; reference?: string; kind?: 'claim' | 'group' }): Promise<void> {
    if (can(ctx.caller, action, record)) return;
    const kind = record?.kind ?? 'claim';
    await this.audit.record(tx, ctx, 'access.denied', record ? kind : 'claims', record?.id ?? null, { action },
      { references: record?.reference ? [record.reference] : [], evenIfRolledBack: true });
    // Where a record's existence is itself sensitive, a denial looks like absence.
    if (!record) throw new RefugeError('forbidden', 'forbidden', `You may not perform ${action}.`);
    throw kind === 'group'
      ? new RefugeError('not_found', 'group_not_found', `No family group has the id ${record.id}.`)
      : new RefugeError('not_found', 'claim_not_found', `No claim has the id ${record.id}.`);
  }

  /** Creating records at an office is scoped like reading them: an officer acts for their own offices. */
  private async requireOffice(ctx: RequestContext, action: ClaimAction, officeCode: string): Promise<void> {
    if (can(ctx.caller, action, { officeCode })) return;
    await this.audit.recordAlone(ctx, 'access.denied', 'office', officeCode, { action });
    throw new RefugeError('forbidden', 'office_out_of_scope', `You do not work for office ${officeCode}.`,
      [{ field: 'officeCode', code: 'out_of_scope', message: `You may not act for office ${officeCode}.` }]);
  }

  /** Refuses an action the caller's roles do not allow before any work is done; the denial is audited. */
  private async guard(ctx: RequestContext, action: ClaimAction): Promise<void> {
    if (can(ctx.caller, action)) return;
    await this.audit.transaction((tx) => this.authorize(tx, ctx, action));
  }

  // ---------------------------------------------------------------- duplicate search

  async searchDuplicates(ctx: RequestContext, people: MatchablePerson[]): Promise<DuplicateSearchResult> {
    await this.guard(ctx, 'claims.search_duplicates');
    return this.audit.transaction(async (tx) => {
      const result: DuplicateSearchResult['people'] = [];
      for (const [index, person] of people.entries()) {
        result.push({ index, candidates: await this.findCandidates(tx, person) });
      }
      const id = randomUUID();
      const { rows } = await tx.query<{ created_at: Date }>(
        'INSERT INTO duplicate_searches (id, query_hash, result, created_by) VALUES ($1, $2, $3, $4) RETURNING created_at',
        [id, this.cipher.keyedHash(identityText(people)), JSON.stringify(result.map((p) => ({ index: p.index, candidates: p.candidates.map((c) => ({ personId: c.personId, score: c.score })) }))), ctx.caller.id]);
      await this.audit.record(tx, ctx, 'duplicates.search', 'duplicate_search', id, {
        people: people.length, candidates: result.reduce((n, p) => n + p.candidates.length, 0),
        candidatePersonIds: result.flatMap((p) => p.candidates.map((c) => c.personId)),
      }, { references: result.flatMap((p) => p.candidates.flatMap((c) => c.claims.map((cl) => cl.reference))) });
      return { searchId: id, createdAt: (rows[0]?.created_at ?? new Date()).toISOString(), people: result };
    });
  }

  private async findCandidates(tx: Queryable, person: MatchablePerson): Promise<DuplicateCandidate[]> {
    // The blocking keys meet the stored blind indexes in SQL; names are only decrypted for the candidates found.
    const keys = this.cipher.blindIndexesToSearch(blockingKeys(person));
    const { rows } = await tx.query<PersonColumns>(
      `SELECT ${PERSON_SELECT} FROM persons p WHERE p.match_keys && $1::text[] AND p.purged_at IS NULL LIMIT ${MAX_PEOPLE_PER_KEY_LOOKUP}`, [keys]);
    if (rows.length === 0) return [];
    const scored = rows
      .map((row) => personFromRow(this.cipher, row))
      // Purged people are not searched (purged_at IS NULL above): every candidate has its identity.
      .map((p) => ({ p, match: scoreMatch(person, { ...p, familyName: p.familyName ?? '', givenNames: p.givenNames ?? '', dateOfBirth: p.dateOfBirth ?? '' }) }))
      .filter((s) => s.match.score >= MATCH_THRESHOLDS.report)
      .sort((a, b) => b.match.score - a.match.score || a.p.id.localeCompare(b.p.id))
      .slice(0, MAX_CANDIDATES_PER_PERSON);
    if (scored.length === 0) return [];
    const { rows: claimRows } = await tx.query<{ person_id: string; id: string; reference: string; state: string; claim_date: string; office_code: string }>(
      'SELECT person_id, id, reference, state, claim_date, office_code FROM claims WHERE person_id = ANY($1::uuid[]) ORDER BY claim_date',
      [scored.map((s) => s.p.id)]);
    return scored.map(({ p, match }) => ({
      personId: p.id, familyName: p.familyName ?? '', givenNames: p.givenNames ?? '', dateOfBirth: p.dateOfBirth ?? '',
      sex: p.sex, citizenships: p.citizenships, score: match.score, level: match.level, reasons: match.reasons,
      claims: claimRows.filter((c) => c.person_id === p.id).map((c) => ({
        id: c.id, reference: c.reference, state: c.state, claimDate: c.claim_date, officeCode: c.office_code })),
    }));
  }

  // ---------------------------------------------------------------- intake

  async createGroup(ctx: RequestContext, request: IntakeRequest, idempotencyKey?: string): Promise<{ group: GroupView; replayed: boolean }> {
    await this.guard(ctx, 'claims.create');
    const { duplicateSearchId, duplicateOverride, ...intake } = request;
    await this.requireOffice(ctx, 'claims.create', intake.officeCode);
    const prepared = this.prepareGroup(ctx, intake, [], { searchId: duplicateSearchId ?? null, override: duplicateOverride?.reason ?? null });
    if (!prepared.ok) throw validationError(prepared.errors);
    if (!duplicateSearchId && !duplicateOverride) {
      throw new RefugeError('precondition', 'duplicate_search_required',
        'Run a duplicate search for these people first and pass its duplicateSearchId, or give duplicateOverride with a reason.',
        [{ field: 'duplicateSearchId', code: 'required', message: 'A duplicate search must come before intake.' }]);
    }
    if (duplicateOverride && duplicateOverride.reason.trim().length < 10) {
      throw validationError([{ field: 'duplicateOverride.reason', code: 'too_short', message: 'Explain in at least 10 characters why the duplicate search is overridden.' }]);
    }
    if (duplicateSearchId) await this.checkSearchFollowed(this.db.pool, duplicateSearchId, intake.members);
    const group = prepared.value;
    const scope = `${ctx.caller.id}:POST /groups`;
    const requestPrint = fingerprint(this.cipher, request);
    // One statement writes the key, the group, its people, claims, events and statistics; the audit
    // record is chained after it in the same transaction.
    return this.audit.transaction(async (tx) => {
      const result = await ledger.writeLedgerDocument(tx, {
        ...ledgerRows([group]),
        ...(idempotencyKey ? { idempotency: { scope, key: idempotencyKey, request_hash: requestPrint.hash, response: { resource: 'group', id: group.groupId } } } : {}),
      });
      if (!result.written) {
        if (!idempotencyKey) throw new Error('the ledger statement wrote nothing without an idempotency key');
        // The key was used before (or a concurrent request with it just committed): replay its outcome,
        // which is a read of the group, not a second creation.
        const prior = await claimIdempotencyKey(tx, scope, idempotencyKey, requestPrint);
        if (!prior) throw new Error('idempotency key vanished between write and replay');
        return { group: await this.readGroup(tx, ctx, prior.id), replayed: true };
      }
      // The override's reason is free text: it is kept (encrypted) with the group, not in the audit trail.
      await this.audit.record(tx, ctx, 'group.create', 'group', group.groupId, {
        claims: group.claimIds, duplicateSearchId: duplicateSearchId ?? null, duplicateOverride: Boolean(duplicateOverride),
      }, { references: [...result.groups, ...result.claims].map((r) => r.reference) });
      return { group: this.groupViewFromWrite(ctx, group, result), replayed: false };
    });
  }

  /** The response to an intake, from what was just written: no second read of personal data. */
  private groupViewFromWrite(ctx: RequestContext, g: PreparedGroup, written: ledger.LedgerWriteResult): GroupView {
    const groupRow = written.groups[0];
    const refs = new Map(written.claims.map((c) => [c.id, c]));
    const createdAt = new Date(groupRow?.created_at ?? Date.now()).toISOString();
    const { duplicateCheck: _dc, ...arrival } = g.group.arrival as ArrivalView & { duplicateCheck?: unknown };
    const claims = g.claims.map((c, i): ClaimView => {
      const member = g.intake.members[i] as PersonInput;
      const actions = allowedActions(ctx.caller, { officeCode: c.office_code });
      const snapshot = c.lifecycle as LifecycleSnapshot;
      return {
        id: c.id, reference: refs.get(c.id)?.reference ?? '', groupId: g.groupId, groupReference: groupRow?.reference ?? '',
        relationship: c.relationship,
        person: { id: c.person_id, familyName: member.familyName.trim(), givenNames: member.givenNames.trim(), dateOfBirth: member.dateOfBirth,
          sex: member.sex, citizenships: member.citizenships, documents: member.documents, languages: member.languages,
          interpreterLanguage: member.interpreterLanguage, ...(member.address ? { address: member.address } : {}), purged: false, purgedAt: null },
        office: { code: c.office_code, type: c.office_type, province: c.province }, claimDate: c.claim_date, arrival,
        persecutionCountries: c.persecution_countries, state: snapshot.state, stateLabel: STATE_INFO[snapshot.state].labels,
        version: c.version, createdAt, updatedAt: createdAt,
        allowedEvents: actions.includes('claims.append_event') ? allowedEvents(snapshot, this.lifecycleOptions(ctx)) : [],
        allowedActions: actions,
        counselIds: [], counsel: [],
      };
    });
    claims.sort((a, b) => Number(b.relationship === 'PRINCIPAL') - Number(a.relationship === 'PRINCIPAL') || a.reference.localeCompare(b.reference));
    return {
      id: g.groupId, reference: groupRow?.reference ?? '', office: { code: g.group.office_code, type: g.group.office_type, province: g.group.province },
      claimDate: g.group.claim_date, arrival, persecutionCountries: g.group.persecution_countries, createdAt,
      duplicateCheck: g.duplicateCheck, claims,
    };
  }

  private async checkSearchFollowed(tx: Queryable, searchId: string, members: PersonInput[]): Promise<void> {
    const { rows } = await tx.query<{ query_hash: string; fresh: boolean }>(
      `SELECT query_hash, created_at > now() - interval '${SEARCH_VALID_HOURS} hours' AS fresh FROM duplicate_searches WHERE id = $1`, [searchId]);
    const search = rows[0];
    if (!search) {
      throw validationError([{ field: 'duplicateSearchId', code: 'unknown_search', message: `No duplicate search has the id ${searchId}.` }]);
    }
    if (!search.fresh) {
      throw validationError([{ field: 'duplicateSearchId', code: 'search_expired', message: `That duplicate search is more than ${SEARCH_VALID_HOURS} hours old; search again.` }]);
    }
    const comparison = this.cipher.matchesKeyedHash(search.query_hash, identityText(members));
    if (comparison === 'stale') {
      throw validationError([{ field: 'duplicateSearchId', code: 'search_expired', message: 'That duplicate search was made before the keys were rotated and can no longer be compared; search again.' }]);
    }
    if (comparison !== 'match') {
      throw validationError([{ field: 'duplicateSearchId', code: 'search_mismatch', message: 'The people in this intake are not the ones that were searched for (names, dates of birth, sex or documents differ); search again.' }]);
    }
  }

  /** Builds every row of a group and its claims in memory; nothing touches the database until all of it is valid. */
  private prepareGroup(ctx: RequestContext, intake: IntakeInput, events: ImportedEvent[],
    duplicateCheck: { searchId: string | null; override: string | null }):
    { ok: true; value: PreparedGroup } | { ok: false; errors: FieldError[] } {
    const checked = validateIntake(intake, this.options.reference, ctx.today);
    if (!checked.ok) return checked;
    const { officeType, province } = checked.value;
    const opts = this.lifecycleOptions(ctx);
    const groupId = randomUUID();
    const arrivalDate = intake.arrival.manner === 'BETWEEN_PORTS' ? intake.arrival.crossingDate
      : intake.arrival.manner === 'INLAND' ? intake.arrival.entryDate : null;
    const errors: FieldError[] = [];
    const prepared: PreparedGroup = {
      groupId, claimIds: [], persons: [], claims: [], events: [], rollups: [], intake, duplicateCheck,
      group: { id: groupId, office_code: intake.officeCode, office_type: officeType, province, claim_date: intake.claimDate,
        arrival: encryptArrival(this.cipher, groupId, { ...intake.arrival, duplicateCheck }), persecution_countries: intake.persecutionCountries, created_by: ctx.caller.id },
    };
    intake.members.forEach((member, memberIndex) => {
      const personId = randomUUID();
      const claimId = randomUUID();
      prepared.claimIds.push(claimId);
      // Encrypted here, with the row ids just made, before the one statement that writes them.
      prepared.persons.push({ id: personId, sex: member.sex, citizenships: member.citizenships, languages: member.languages,
        interpreter_language: member.interpreterLanguage,
        ...encryptPerson(this.cipher, personId, { ...member, familyName: member.familyName.trim(), givenNames: member.givenNames.trim() }) });

      const made: LifecycleEventInput = {
        type: 'claim.made',
        actor: { role: officeType === 'INLAND_OFFICE' || officeType === 'ONLINE' ? 'IRCC_OFFICER' : 'CBSA_OFFICER' },
        effectiveDate: intake.claimDate,
      };
      const started = initialSnapshot({ claimDate: intake.claimDate }, made, opts);
      if (!started.ok) { errors.push(lifecycleFieldError(started.error, `members[${memberIndex}]`)); return; }
      let snapshot: LifecycleSnapshot = started.value;
      const eventRows: ledger.EventRow[] = [eventRecord(this.cipher, claimId, 1, made, 'T01', null, snapshot.state, ctx.caller.id)];
      const profile: ClaimProfile = {
        officeCode: intake.officeCode, officeType, province, citizenship: member.citizenships[0] ?? 'XXX',
        persecutionCountry: (member.persecutionCountries ?? intake.persecutionCountries)[0] ?? 'XXX',
        ageBand: ageBand(member.dateOfBirth, intake.claimDate), sex: member.sex, familySize: familySizeBand(intake.members.length),
        recordKey: newRecordKey(),
      };
      let stats = eventStatistics(intake.claimDate, INITIAL_MEMORY, made);
      const deltas = [...stats.deltas];
      events.forEach((e, eventIndex) => {
        if (e.memberIndex !== memberIndex || errors.length > 0) return;
        const next = applyEvent(snapshot, e.event, opts);
        if (!next.ok) { errors.push(lifecycleFieldError(next.error, `events[${eventIndex}]`)); return; }
        eventRows.push(eventRecord(this.cipher, claimId, eventRows.length + 1, e.event, next.value.transitionId, next.value.from, next.value.to, ctx.caller.id));
        snapshot = next.value.snapshot;
        stats = eventStatistics(intake.claimDate, stats.memory, e.event);
        deltas.push(...stats.deltas);
      });
      prepared.events.push(...eventRows);
      prepared.claims.push({ id: claimId, group_id: groupId, person_id: personId, relationship: member.relationship,
        office_code: intake.officeCode, office_type: officeType, province, claim_date: intake.claimDate,
        arrival_manner: intake.arrival.manner, arrival_date: arrivalDate, persecution_countries: member.persecutionCountries ?? intake.persecutionCountries,
        state: snapshot.state, lifecycle: snapshot, version: eventRows.length, stat_profile: profile, stat_memory: stats.memory });
      prepared.rollups.push(...rollupRows(profile, deltas));
    });
    events.forEach((e, eventIndex) => {
      if (e.memberIndex < 0 || e.memberIndex >= intake.members.length) {
        errors.push({ field: `events[${eventIndex}].memberIndex`, code: 'unknown_member', message: `There is no member ${e.memberIndex} in this group.` });
      }
    });
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: prepared };
  }

  /**
   * Writes many groups (with their events) in one transaction: all of them or none.
   * Every group is validated first; any error rejects the whole batch with each error located.
   */
  async importGroups(ctx: RequestContext, groups: ImportGroup[], source: string): Promise<{ groupIds: string[]; claims: number; events: number }> {
    await this.guard(ctx, 'claims.import');
    const { prepared, errors } = this.prepareImport(ctx, groups, source);
    if (errors.length > 0) throw validationError(errors, 'import_batch_invalid');
    const claims = prepared.reduce((n, g) => n + g.claims.length, 0);
    const events = prepared.reduce((n, g) => n + g.events.length, 0);
    await this.audit.transaction(async (tx) => {
      const written = await ledger.writeLedgerDocument(tx, ledgerRows(prepared));
      await this.audit.record(tx, ctx, 'claims.import', 'claims', null, { source, groups: prepared.length, claims, events },
        { references: [...written.groups, ...written.claims].map((r) => r.reference) });
    });
    return { groupIds: prepared.map((g) => g.groupId), claims, events };
  }

  /** Every error a batch of groups would raise, located as "[index].intake.field" or "[index].events[n].field"; writes nothing. */
  validateImportGroups(ctx: RequestContext, groups: ImportGroup[]): FieldError[] {
    return this.prepareImport(ctx, groups, 'validation').errors;
  }

  private prepareImport(ctx: RequestContext, groups: ImportGroup[], source: string): { prepared: PreparedGroup[]; errors: FieldError[] } {
    const prepared: PreparedGroup[] = [];
    const errors: FieldError[] = [];
    groups.forEach((g, i) => {
      // An office-scoped importer imports for their own offices only: a row elsewhere is a row error.
      if (!can(ctx.caller, 'claims.import', { officeCode: g.intake.officeCode })) {
        errors.push({ field: `[${i}].intake.officeCode`, code: 'out_of_scope', message: `You may not import claims for office ${g.intake.officeCode}.` });
        return;
      }
      const p = this.prepareGroup(ctx, g.intake, g.events, { searchId: null, override: `import: ${source}` });
      if (p.ok) prepared.push(p.value);
      else errors.push(...p.errors.map((e) => ({ ...e, field: `[${i}].${e.field.startsWith('events[') ? '' : 'intake.'}${e.field}` })));
    });
    return { prepared, errors };
  }

  // ---------------------------------------------------------------- lifecycle events

  async appendEvent(ctx: RequestContext, claimId: string, expectedVersion: number, event: LifecycleEventInput,
    idempotencyKey?: string, eligibility?: EligibilityEvidence): Promise<{ claim: ClaimView; event: EventView; replayed: boolean; assessment: StoredAssessment | null }> {
    if (eligibility && !ELIGIBILITY_DECISION_EVENTS.has(event.type)) {
      throw validationError([{ field: 'eligibility', code: 'not_applicable', message: `Eligibility facts go with an eligibility decision (${[...ELIGIBILITY_DECISION_EVENTS].join(', ')}), not ${event.type}.` }]);
    }
    return this.audit.transaction(async (tx) => {
      const scope = `${ctx.caller.id}:POST /claims/${claimId}/events`;
      if (idempotencyKey) {
        const prior = await claimIdempotencyKey(tx, scope, idempotencyKey, fingerprint(this.cipher, { expectedVersion, event, eligibility }));
        if (prior) {
          const replay = await this.readClaimAndEvent(tx, ctx, prior);
          await this.audit.record(tx, ctx, 'claim.read', 'claim', claimId, { view: 'replay', version: prior.version ?? null }, { references: [replay.claim.reference] });
          return { ...replay, replayed: true, assessment: await this.assessmentForEvent(tx, claimId, prior.version ?? 0) };
        }
      }
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.append_event', scoped(row));
      if (row.version !== expectedVersion) throw versionConflict(claimId, expectedVersion, row.version);
      const next = applyEvent(row.lifecycle, event, this.lifecycleOptions(ctx));
      if (!next.ok) throw lifecycleError(next.error);
      let assessed: { facts: EligibilityFacts; assessment: EligibilityAssessment } | null = null;
      if (eligibility) {
        assessed = this.assess(row, eligibility.facts, event.effectiveDate);
        const differs = disagreement(event, assessed.assessment);
        if (differs && !eligibility.disagreementReason?.trim()) throw new RefugeError('validation', 'assessment_disagrees', differs.message, [differs], { engineOutcome: assessed.assessment.outcome });
      }
      const version = row.version + 1;
      const stats = eventStatistics(row.claim_date, row.stat_memory ?? INITIAL_MEMORY, event);
      const updated = await tx.query(
        `UPDATE claims SET state = $3, lifecycle = $4::jsonb, version = $5, stat_memory = $6::jsonb, updated_at = now()
         WHERE id = $1 AND version = $2`,
        [claimId, expectedVersion, next.value.to, JSON.stringify(next.value.snapshot), version, JSON.stringify(stats.memory)]);
      // Another transaction appended first: the row moved on after we read it.
      if (updated.rowCount !== 1) throw versionConflict(claimId, expectedVersion, null);
      await insertRows(tx, 'claim_events', EVENT_COLUMNS,
        [eventRow(this.cipher, claimId, version, event, next.value.transitionId, next.value.from, next.value.to, ctx.caller.id)], CASTS);
      if (row.stat_profile) await ledger.upsertRollups(tx, mergeRollupRows(rollupRows(row.stat_profile, stats.deltas)));
      await this.audit.record(tx, ctx, 'claim.event.append', 'claim', claimId, { type: event.type, version }, { references: [row.reference] });
      const stored = assessed ? await this.storeAssessment(tx, ctx, row, version, assessed, eligibility?.disagreementReason ?? null) : null;
      const outcome: IdempotentOutcome = { resource: 'claim-event', id: claimId, version };
      if (idempotencyKey) await saveIdempotentOutcome(tx, scope, idempotencyKey, outcome);
      return { ...(await this.readClaimAndEvent(tx, ctx, outcome)), replayed: false, assessment: stored };
    });
  }

  /**
   * One event on several claims of a family group (heard together), all or nothing: each listed claim
   * must be at its expected version and allow the event; members not listed are left as they are.
   */
  async appendGroupEvent(ctx: RequestContext, groupId: string, expectedVersions: Record<string, number>, event: LifecycleEventInput,
    idempotencyKey?: string): Promise<{ group: GroupView; replayed: boolean }> {
    return this.audit.transaction(async (tx) => {
      const scope = `${ctx.caller.id}:POST /groups/${groupId}/events`;
      if (idempotencyKey) {
        const prior = await claimIdempotencyKey(tx, scope, idempotencyKey, fingerprint(this.cipher, { expectedVersions, event }));
        if (prior) return { group: await this.readGroup(tx, ctx, prior.id), replayed: true };
      }
      const { rows } = await tx.query<ClaimRow>(`SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM} WHERE c.group_id = $1 ORDER BY c.id FOR UPDATE OF c`, [groupId]);
      if (rows.length === 0) throw new RefugeError('not_found', 'group_not_found', `No family group has the id ${groupId}.`);
      const ids = Object.keys(expectedVersions);
      if (ids.length === 0) throw validationError([{ field: 'expectedVersions', code: 'required', message: 'List the claims of the group the event applies to, each with its expected version.' }]);
      const errors: FieldError[] = [];
      const opts = this.lifecycleOptions(ctx);
      const plans: Array<{ row: ClaimRow; next: { snapshot: LifecycleSnapshot; from: ClaimState; to: ClaimState; transitionId: string } }> = [];
      let conflict = false;
      for (const id of ids) {
        const row = rows.find((r) => r.id === id);
        if (!row) { errors.push({ field: `expectedVersions.${id}`, code: 'not_in_group', message: `Claim ${id} is not a member of this group.` }); continue; }
        await this.authorize(tx, ctx, 'claims.append_event', scoped(row));
        if (row.version !== expectedVersions[id]) {
          conflict = true;
          errors.push({ field: `expectedVersions.${id}`, code: 'version_conflict', message: `Claim ${row.reference} is at version ${row.version}, not ${expectedVersions[id]}.` });
          continue;
        }
        const next = applyEvent(row.lifecycle, event, opts);
        if (!next.ok) {
          conflict ||= next.error.code === 'illegal_transition';
          errors.push({ field: `claims.${id}.${next.error.field ?? 'type'}`, code: next.error.code, message: `${row.reference}: ${next.error.message}` });
          continue;
        }
        plans.push({ row, next: next.value });
      }
      if (errors.length > 0) {
        const first = errors[0] as FieldError;
        throw new RefugeError(conflict ? 'conflict' : 'validation', conflict ? first.code : 'validation_failed',
          `The event was not applied to any member: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors);
      }
      const rollups: RollupRow[] = [];
      const eventRows: unknown[][] = [];
      for (const { row, next } of plans) {
        const stats = eventStatistics(row.claim_date, row.stat_memory ?? INITIAL_MEMORY, event);
        await tx.query('UPDATE claims SET state = $2, lifecycle = $3::jsonb, version = $4, stat_memory = $5::jsonb, updated_at = now() WHERE id = $1',
          [row.id, next.to, JSON.stringify(next.snapshot), row.version + 1, JSON.stringify(stats.memory)]);
        eventRows.push(eventRow(this.cipher, row.id, row.version + 1, event, next.transitionId, next.from, next.to, ctx.caller.id));
        if (row.stat_profile) rollups.push(...rollupRows(row.stat_profile, stats.deltas));
        await this.audit.record(tx, ctx, 'claim.event.append', 'claim', row.id, { type: event.type, version: row.version + 1, groupId },
          { references: [row.reference, row.group_reference] });
      }
      await insertRows(tx, 'claim_events', EVENT_COLUMNS, eventRows, CASTS);
      await ledger.upsertRollups(tx, mergeRollupRows(rollups));
      if (idempotencyKey) await saveIdempotentOutcome(tx, scope, idempotencyKey, { resource: 'group', id: groupId });
      return { group: await this.readGroup(tx, ctx, groupId), replayed: false };
    });
  }

  /** Appends events to existing claims (bulk import), in order, all or nothing. */
  async importEvents(ctx: RequestContext, items: Array<{ claimReference: string; event: LifecycleEventInput }>, source: string,
    options: { dryRun?: boolean } = {}): Promise<{ events: number }> {
    await this.guard(ctx, 'claims.import');
    return this.audit.transaction(async (tx) => {
      const refs = [...new Set(items.map((i) => i.claimReference))];
      const { rows } = await tx.query<ClaimRow>(`SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM} WHERE c.reference = ANY($1::text[]) OR c.id::text = ANY($1::text[]) FOR UPDATE OF c`, [refs]);
      const byRef = new Map<string, ClaimRow>();
      for (const r of rows) { byRef.set(r.reference, r); byRef.set(r.id, r); }
      const errors: FieldError[] = [];
      const pending: unknown[][] = [];
      const rollups: RollupRow[] = [];
      const opts = this.lifecycleOptions(ctx);
      items.forEach((item, i) => {
        const claim = byRef.get(item.claimReference);
        // Out of the importer's scope reads exactly like a reference that does not exist.
        if (!claim || !can(ctx.caller, 'claims.import', scoped(claim))) { errors.push({ field: `[${i}].claimReference`, code: 'unknown_claim', message: `No claim has the reference ${item.claimReference}.` }); return; }
        const next = applyEvent(claim.lifecycle, item.event, opts);
        if (!next.ok) { errors.push(lifecycleFieldError(next.error, `[${i}]`)); return; }
        claim.version += 1;
        claim.lifecycle = next.value.snapshot;
        claim.state = next.value.to;
        const stats = eventStatistics(claim.claim_date, claim.stat_memory ?? INITIAL_MEMORY, item.event);
        claim.stat_memory = stats.memory;
        if (claim.stat_profile) rollups.push(...rollupRows(claim.stat_profile, stats.deltas));
        pending.push(eventRow(this.cipher, claim.id, claim.version, item.event, next.value.transitionId, next.value.from, next.value.to, ctx.caller.id));
      });
      if (errors.length > 0) throw validationError(errors, 'import_batch_invalid');
      const touched = [...new Set(byRef.values())].map((c) => c.reference);
      // A dry run validates against the claims as they are and writes nothing but the record that it read them.
      if (options.dryRun) {
        await this.audit.record(tx, ctx, 'claims.import', 'claim_events', null, { source, dryRun: true, events: pending.length }, { references: touched });
        return { events: 0 };
      }
      for (const claim of new Set(byRef.values())) {
        await tx.query('UPDATE claims SET state = $2, lifecycle = $3::jsonb, version = $4, stat_memory = $5::jsonb, updated_at = now() WHERE id = $1',
          [claim.id, claim.state, JSON.stringify(claim.lifecycle), claim.version, JSON.stringify(claim.stat_memory)]);
      }
      await insertRows(tx, 'claim_events', EVENT_COLUMNS, pending, CASTS);
      await ledger.upsertRollups(tx, mergeRollupRows(rollups));
      await this.audit.record(tx, ctx, 'claims.import', 'claim_events', null, { source, events: pending.length }, { references: touched });
      return { events: pending.length };
    });
  }

  // ---------------------------------------------------------------- eligibility

  /** Runs the engine on a claim's recorded facts plus those given; stores the assessment (no state change). */
  async recordEligibilityAssessment(ctx: RequestContext, claimId: string, facts: EligibilityFacts): Promise<StoredAssessment> {
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.assess_eligibility', scoped(row));
      return this.storeAssessment(tx, ctx, row, null, this.assess(row, facts, ctx.today), null);
    });
  }

  async listEligibilityAssessments(ctx: RequestContext, claimId: string): Promise<StoredAssessment[]> {
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.read', scoped(row));
      const { rows } = await tx.query<AssessmentRow>('SELECT * FROM eligibility_assessments WHERE claim_id = $1 ORDER BY recorded_at DESC, id', [claimId]);
      await this.audit.record(tx, ctx, 'eligibility.read', 'claim', claimId, { assessments: rows.length }, { references: [row.reference] });
      return rows.map((r) => this.toStoredAssessment(r));
    });
  }

  private assess(row: ClaimRow, given: EligibilityFacts, assessmentDate: string): { facts: EligibilityFacts; assessment: EligibilityAssessment } {
    const facts = factsFromClaim({
      claimDate: row.claim_date, officeType: row.office_type, officeName: officeByCode(row.office_code)?.names.en ?? row.office_code,
      arrival: arrivalOf(row), person: { dateOfBirth: personFromRow(this.cipher, row).dateOfBirth ?? undefined, citizenships: row.citizenships },
    }, given);
    const withDate: EligibilityFacts = { ...facts, claim: { assessmentDate, ...facts.claim } };
    return { facts: withDate, assessment: evaluateEligibility(withDate, this.options.eligibility ?? DEFAULT_ELIGIBILITY_CONFIG) };
  }

  private async storeAssessment(tx: Queryable, ctx: RequestContext, claim: { id: string; reference: string }, eventVersion: number | null,
    assessed: { facts: EligibilityFacts; assessment: EligibilityAssessment }, disagreementReason: string | null): Promise<StoredAssessment> {
    const id = randomUUID();
    const claimId = claim.id;
    const sealed = encryptAssessment(this.cipher, id, { facts: assessed.facts, config: { ...(this.options.eligibility ?? DEFAULT_ELIGIBILITY_CONFIG), disagreementReason } });
    const { rows } = await tx.query<AssessmentRow>(
      `INSERT INTO eligibility_assessments (id, claim_id, event_version, outcome, facts, assessment, config, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [id, claimId, eventVersion, assessed.assessment.outcome, sealed.facts, JSON.stringify(assessed.assessment),
        JSON.stringify(sealed.config), ctx.caller.id]);
    // The reason is free text: it stays (encrypted) with the assessment; the trail says one was given.
    await this.audit.record(tx, ctx, 'eligibility.assess', 'claim', claimId, { assessmentId: id, outcome: assessed.assessment.outcome, eventVersion, disagreementReason: disagreementReason !== null },
      { references: [claim.reference] });
    return this.toStoredAssessment(rows[0] as AssessmentRow);
  }

  private async assessmentForEvent(tx: Queryable, claimId: string, version: number): Promise<StoredAssessment | null> {
    const { rows } = await tx.query<AssessmentRow>('SELECT * FROM eligibility_assessments WHERE claim_id = $1 AND event_version = $2', [claimId, version]);
    return rows[0] ? this.toStoredAssessment(rows[0]) : null;
  }

  // ---------------------------------------------------------------- deadlines and queues

  private deadlinesOf(row: { province: string; office_type: string }, events: DeadlineEvent[], asOf: string): Deadline[] {
    if (!this.options.deadlines) return [];
    const withChannel = events.map((e) => (e.type === 'claim.made' ? { ...e, details: { ...e.details, channel: CHANNEL_OF[row.office_type] } } : e));
    return this.options.deadlines(withChannel, { province: row.province as DeadlineContext['province'], asOf });
  }

  /** A claim's time limits, computed from its events as of today. */
  async getDeadlines(ctx: RequestContext, claimId: string): Promise<{ claimId: string; reference: string; asOf: string; deadlines: Deadline[] }> {
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.read', scoped(row));
      const { rows } = await tx.query<DeadlineEvent>(
        `SELECT type, effective_date AS "effectiveDate", notice_date AS "noticeDate", received_date AS "receivedDate", details
         FROM claim_events WHERE claim_id = $1 ORDER BY version`, [claimId]);
      await this.audit.record(tx, ctx, 'claim.read', 'claim', claimId, { view: 'deadlines' }, { references: [row.reference] });
      return { claimId, reference: row.reference, asOf: ctx.today, deadlines: this.deadlinesOf(row, rows, ctx.today) };
    });
  }

  /**
   * An office's work queue: claims with overdue time limits, limits due within N days (for the role's
   * part of the work), and eligibility decisions waiting on facts. Computed from the events of the
   * office's open claims.
   */
  async workQueue(ctx: RequestContext, officeCode: string, withinDays: number, owners: readonly string[] | null): Promise<WorkQueue> {
    return this.audit.transaction(async (tx) => {
      // An officer sees their office's queue; counsel see their own clients' claims in it.
      const scope = recordScope(ctx.caller, 'claims.list');
      const officeWide = scope !== null && (scope.offices === 'ALL' || scope.offices.includes(officeCode));
      if (!officeWide && !scope?.counselId) {
        await this.audit.record(tx, ctx, 'access.denied', 'queue', officeCode, { action: 'claims.list' }, { evenIfRolledBack: true });
        throw new RefugeError('forbidden', 'office_out_of_scope', `You do not work for office ${officeCode}.`);
      }
      const clientsOnly = officeWide ? '' : ' AND c.counsel_ids @> ARRAY[$2::text]';
      const params = officeWide ? [officeCode] : [officeCode, scope?.counselId];
      const { rows } = await tx.query<{ id: string; reference: string; office_code: string; office_type: string; province: string; state: string; events: DeadlineEvent[] }>(
        `SELECT c.id, c.reference, c.office_code, c.office_type, c.province, c.state,
           (SELECT json_agg(json_build_object('type', e.type, 'effectiveDate', e.effective_date, 'noticeDate', e.notice_date,
              'receivedDate', e.received_date, 'details', e.details) ORDER BY e.version) FROM claim_events e WHERE e.claim_id = c.id) AS events
         FROM claims c WHERE c.office_code = $1${clientsOnly}
           AND c.state NOT IN ('REMOVED', 'DEPARTED', 'OTHER_STATUS', 'PROTECTED_PERSON', 'PROTECTION_CEASED', 'PROTECTION_VACATED', 'INELIGIBLE_STCA_RETURNED')`,
        params);
      const queue: WorkQueue = { officeCode, asOf: ctx.today, withinDays, overdue: [], dueSoon: [], awaitingFacts: [] };
      for (const r of rows) {
        for (const d of this.deadlinesOf(r, r.events, ctx.today)) {
          // Bars (PRRA waiting periods) are not work to do; conditional limits wait for their parent.
          if (d.nature === 'BAR' || d.conditional) continue;
          if (owners && !owners.includes(deadlineOwner(d.ruleId))) continue;
          const item = { claimId: r.id, reference: r.reference, officeCode: r.office_code, state: r.state, deadline: d };
          if (d.status === 'MISSED') queue.overdue.push(item);
          else if (d.status === 'OPEN' && (d.daysRemaining ?? Infinity) <= withinDays) queue.dueSoon.push(item);
        }
      }
      if (!owners || owners.includes('CBSA') || owners.includes('IRCC')) {
        const { rows: waiting } = await tx.query<{ id: string; reference: string; state: string; recorded_at: Date; questions: number }>(
          `SELECT c.id, c.reference, c.state, a.recorded_at, jsonb_array_length(a.assessment->'questions') AS questions
           FROM claims c JOIN LATERAL (SELECT * FROM eligibility_assessments ea WHERE ea.claim_id = c.id ORDER BY ea.recorded_at DESC LIMIT 1) a ON true
           WHERE c.office_code = $1${clientsOnly} AND c.state IN ('ELIGIBILITY_PENDING', 'CLAIM_MADE') AND a.outcome = 'INSUFFICIENT_FACTS'
           ORDER BY a.recorded_at`, params);
        queue.awaitingFacts = waiting.map((w) => ({ claimId: w.id, reference: w.reference, officeCode, state: w.state, assessmentOn: w.recorded_at.toISOString(), questions: w.questions }));
      }
      const byDue = (a: QueueItem, b: QueueItem) => (a.deadline?.due.safe ?? '').localeCompare(b.deadline?.due.safe ?? '') || a.reference.localeCompare(b.reference);
      queue.overdue.sort(byDue);
      queue.dueSoon.sort(byDue);
      const items = [...queue.overdue, ...queue.dueSoon, ...queue.awaitingFacts];
      await this.audit.record(tx, ctx, 'claims.list', 'queue', officeCode, { withinDays, owners, returned: new Set(items.map((i) => i.claimId)).size },
        { references: items.map((i) => i.reference) });
      return queue;
    });
  }

  // ---------------------------------------------------------------- representation

  /**
   * Records the counsel a claimant has named (replacing the previous list). `expectedCounselIds` is
   * the list the client last saw: if someone changed it meanwhile, nothing is written (409).
   */
  async setCounsel(ctx: RequestContext, claimId: string, counselIds: string[], expectedCounselIds?: string[]): Promise<ClaimView> {
    const next = [...new Set(counselIds)].sort();
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId, true);
      await this.authorize(tx, ctx, 'claims.name_counsel', scoped(row));
      const current = [...row.counsel_ids].sort();
      if (expectedCounselIds && [...new Set(expectedCounselIds)].sort().join() !== current.join()) {
        throw new RefugeError('conflict', 'counsel_changed', `The counsel of claim ${row.reference} changed since you read it; read it again.`,
          [{ field: 'expectedCounselIds', code: 'stale', message: `Counsel are now: ${current.join(', ') || 'none'}.` }]);
      }
      const unknown = await this.unknownCounsel(tx, next);
      if (unknown.length > 0) {
        throw validationError(unknown.map((id) => ({ field: `counselIds[${counselIds.indexOf(id)}]`, code: 'not_counsel', message: `${id} is not an active counsel user.` })));
      }
      await tx.query('UPDATE claims SET counsel_ids = $2, updated_at = now() WHERE id = $1', [claimId, next]);
      await tx.query('INSERT INTO claim_counsel_changes (claim_id, before_ids, after_ids, changed_by) VALUES ($1, $2, $3, $4)',
        [claimId, current, next, ctx.caller.id]);
      await this.audit.record(tx, ctx, 'claim.counsel.set', 'claim', claimId, { before: current, after: next }, { references: [row.reference] });
      return (await this.claimViews(tx, ctx, [{ ...row, counsel_ids: next }]))[0] as ClaimView;
    });
  }

  /** Counsel ids that are not active users with the COUNSEL role. */
  private async unknownCounsel(tx: Queryable, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE id::text = ANY($1::text[]) AND 'COUNSEL' = ANY(roles) AND disabled_at IS NULL`, [ids]);
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  // ---------------------------------------------------------------- reads

  async getGroup(ctx: RequestContext, groupId: string): Promise<GroupView> {
    return this.audit.transaction((tx) => this.readGroup(tx, ctx, groupId));
  }

  async getClaim(ctx: RequestContext, claimId: string): Promise<ClaimView> {
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.read', scoped(row));
      await this.audit.record(tx, ctx, 'claim.read', 'claim', claimId, {}, { references: [row.reference] });
      return (await this.claimViews(tx, ctx, [row]))[0] as ClaimView;
    });
  }

  async getHistory(ctx: RequestContext, claimId: string): Promise<{ claimId: string; reference: string; version: number; events: EventView[] }> {
    return this.audit.transaction(async (tx) => {
      const row = await this.loadClaimRow(tx, claimId);
      await this.authorize(tx, ctx, 'claims.read', scoped(row));
      const { rows } = await tx.query<EventRow>('SELECT * FROM claim_events WHERE claim_id = $1 ORDER BY version', [claimId]);
      await this.audit.record(tx, ctx, 'claim.history.read', 'claim', claimId, { events: rows.length }, { references: [row.reference] });
      return { claimId, reference: row.reference, version: row.version, events: rows.map((r) => this.toEventView(r)) };
    });
  }

  /** Keyset-paginated list (claim date, then id), newest first; the cursor is opaque to clients. */
  async listClaims(ctx: RequestContext, filter: ClaimListFilter, limit: number, cursor?: string):
    Promise<{ items: ClaimSummary[]; nextCursor: string | null }> {
    await this.guard(ctx, 'claims.list');
    return this.audit.transaction(async (tx) => {
      const { where, params } = claimFilterSql(filter, ctx, 'claims.list');
      const after = cursor ? decodeCursor(cursor) : null;
      if (after) {
        params.push(after.claimDate, after.id);
        where.push(`(c.claim_date, c.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
      }
      params.push(limit + 1);
      const { rows } = await tx.query<ClaimRow>(
        `SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY c.claim_date DESC, c.id DESC LIMIT $${params.length}`, params);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      await this.audit.record(tx, ctx, 'claims.list', 'claims', null, { filter, returned: page.length, cursor: cursor ?? null },
        { references: page.map((r) => r.reference) });
      return {
        items: page.map((r) => this.toSummary(r)),
        nextCursor: rows.length > limit && last ? encodeCursor(last.claim_date, last.id) : null,
      };
    });
  }

  /**
   * Streams every matching claim, in pages, to onPage, from one snapshot. One audit record names every
   * claim handed out, written when the export ends, also when it stops part-way: pages leave as they go.
   */
  async exportClaims(ctx: RequestContext, filter: ClaimListFilter, onPage: (items: ClaimSummary[]) => Promise<void>, pageSize = 2_000): Promise<number> {
    await this.guard(ctx, 'claims.export');
    const exported: number[] = [];
    let complete = false;
    let after: { claimDate: string; id: string } | null = null;
    try {
      // One snapshot for the whole export, so a claim added meanwhile is neither half in nor counted twice.
      await withTransaction(this.db, async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        for (;;) {
          const { where, params } = claimFilterSql(filter, ctx, 'claims.export');
          if (after) {
            params.push(after.claimDate, after.id);
            where.push(`(c.claim_date, c.id) > ($${params.length - 1}::date, $${params.length}::uuid)`);
          }
          params.push(pageSize);
          const { rows } = await tx.query<ClaimRow>(
            `SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM}
             ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.claim_date, c.id LIMIT $${params.length}`, params);
          if (rows.length === 0) break;
          for (const r of rows) exported.push(referenceNumber(r.reference));
          await onPage(rows.map((r) => this.toSummary(r)));
          const last = rows[rows.length - 1] as ClaimRow;
          after = { claimDate: last.claim_date, id: last.id };
          if (rows.length < pageSize) break;
        }
      });
      complete = true;
      return exported.length;
    } finally {
      // Its own transaction, after the snapshot's: a repeatable-read snapshot older than the chain head
      // cannot lock it (serialization failure) once another record has been appended.
      await this.audit.recordAlone(ctx, 'claims.export', 'claims', null, { filter, rows: exported.length, complete }, { refs: toRanges(exported) });
    }
  }

  async countClaims(): Promise<number> {
    const { rows } = await this.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM claims');
    return rows[0]?.n ?? 0;
  }

  private async readGroup(tx: Queryable, ctx: RequestContext, groupId: string): Promise<GroupView> {
    const { rows } = await tx.query<GroupRow>('SELECT * FROM family_groups WHERE id = $1', [groupId]);
    const group = rows[0];
    if (!group) throw new RefugeError('not_found', 'group_not_found', `No family group has the id ${groupId}.`);
    const { rows: allRows } = await tx.query<ClaimRow>(
      `SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM} WHERE c.group_id = $1
       ORDER BY (c.relationship = 'PRINCIPAL') DESC, c.reference`, [groupId]);
    // Counsel may represent some members of a family and not others: they see the claims they may read.
    const claimRows = allRows.filter((r) => can(ctx.caller, 'claims.read', scoped(r)));
    if (claimRows.length === 0) {
      await this.authorize(tx, ctx, 'claims.read', { officeCode: group.office_code, counselIds: [], id: groupId, reference: group.reference, kind: 'group' });
      throw new RefugeError('not_found', 'group_not_found', `No family group has the id ${groupId}.`);
    }
    await this.audit.record(tx, ctx, 'group.read', 'group', groupId, { claims: claimRows.map((c) => c.id) },
      { references: [group.reference, ...claimRows.map((c) => c.reference)] });
    const { duplicateCheck, ...arrival } = decryptArrival(this.cipher, group.id, group.arrival) as Arrival & { duplicateCheck?: { searchId: string | null; override: string | null } };
    return {
      id: group.id, reference: group.reference,
      office: { code: group.office_code, type: group.office_type, province: group.province },
      claimDate: group.claim_date, arrival: arrival as Arrival, persecutionCountries: group.persecution_countries,
      createdAt: group.created_at.toISOString(),
      duplicateCheck: { searchId: duplicateCheck?.searchId ?? null, override: duplicateCheck?.override ?? null },
      claims: await this.claimViews(tx, ctx, claimRows),
    };
  }

  private async readClaimAndEvent(tx: Queryable, ctx: RequestContext, outcome: IdempotentOutcome): Promise<{ claim: ClaimView; event: EventView }> {
    const row = await this.loadClaimRow(tx, outcome.id);
    const { rows } = await tx.query<EventRow>('SELECT * FROM claim_events WHERE claim_id = $1 AND version = $2', [outcome.id, outcome.version]);
    const event = rows[0];
    if (!event) throw new Error(`event ${outcome.id} v${outcome.version} missing`);
    return { claim: (await this.claimViews(tx, ctx, [row]))[0] as ClaimView, event: this.toEventView(event) };
  }

  private async loadClaimRow(tx: Queryable, claimId: string, lock = false): Promise<ClaimRow> {
    const { rows } = await tx.query<ClaimRow>(`SELECT ${CLAIM_SELECT} FROM ${CLAIM_FROM} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [claimId]);
    const row = rows[0];
    if (!row) throw new RefugeError('not_found', 'claim_not_found', `No claim has the id ${claimId}.`);
    return row;
  }

  /** Claim views, with the display names of the counsel they name (one query for all of them). */
  private async claimViews(tx: Queryable, ctx: RequestContext, rows: ClaimRow[]): Promise<ClaimView[]> {
    const ids = [...new Set(rows.flatMap((r) => r.counsel_ids))];
    const names = new Map<string, string>();
    if (ids.length > 0) {
      const { rows: found } = await tx.query<{ id: string; display_name: string }>(
        'SELECT id::text AS id, display_name FROM users WHERE id::text = ANY($1::text[])', [ids]);
      for (const u of found) names.set(u.id, u.display_name);
    }
    return rows.map((r) => this.toClaimView(ctx, r, names));
  }

  private toClaimView(ctx: RequestContext, r: ClaimRow, counselNames: ReadonlyMap<string, string>): ClaimView {
    const actions = allowedActions(ctx.caller, scoped(r));
    return {
      id: r.id, reference: r.reference, groupId: r.group_id, groupReference: r.group_reference, relationship: r.relationship,
      person: personFromRow(this.cipher, r),
      office: { code: r.office_code, type: r.office_type, province: r.province },
      claimDate: r.claim_date, arrival: arrivalOf(r), persecutionCountries: r.persecution_countries,
      state: r.state, stateLabel: STATE_INFO[r.state].labels, version: r.version,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      allowedEvents: actions.includes('claims.append_event') ? allowedEvents(r.lifecycle, this.lifecycleOptions(ctx)) : [],
      allowedActions: actions,
      counselIds: r.counsel_ids,
      counsel: r.counsel_ids.map((id) => ({ id, displayName: counselNames.get(id) ?? id })),
    };
  }

  private toSummary(r: ClaimRow): ClaimSummary {
    const p = personFromRow(this.cipher, r);
    return {
      id: r.id, reference: r.reference, groupId: r.group_id, relationship: r.relationship, familyName: p.familyName,
      givenNames: p.givenNames, dateOfBirth: p.dateOfBirth, sex: r.sex, citizenships: r.citizenships,
      officeCode: r.office_code, officeType: r.office_type, province: r.province, claimDate: r.claim_date,
      persecutionCountries: r.persecution_countries, state: r.state, version: r.version, personPurged: p.purged,
    };
  }

  private toEventView(r: EventRow): EventView {
    const texts = decryptEventTexts(this.cipher, r.claim_id, r.version, { reasons: r.reasons, actor_name: r.actor_name, details: r.details });
    return {
      version: r.version, type: r.type, transitionId: r.transition_id, fromState: r.from_state, toState: r.to_state,
      actor: { role: r.actor_role, name: texts.actor_name }, effectiveDate: r.effective_date, noticeDate: r.notice_date,
      receivedDate: r.received_date, legalBasis: r.legal_basis, reasons: texts.reasons, details: texts.details,
      recordedAt: r.recorded_at.toISOString(), recordedBy: r.recorded_by,
    };
  }

  private toStoredAssessment(r: AssessmentRow): StoredAssessment {
    return { id: r.id, claimId: r.claim_id, eventVersion: r.event_version, outcome: r.outcome,
      facts: decryptAssessmentFacts<EligibilityFacts>(this.cipher, r.id, r.facts),
      assessment: r.assessment, recordedAt: r.recorded_at.toISOString(), recordedBy: r.recorded_by };
  }

  // ---------------------------------------------------------------- import reports

  /** Keeps an API import's report, encrypted: its row errors quote the values they refuse. */
  async recordImport(ctx: RequestContext, fileName: string, format: string, report: ImportReport): Promise<ImportRecord> {
    const id = randomUUID();
    const sealed = encryptImport(this.cipher, id, { fileName, report });
    const { rows } = await this.db.pool.query<{ created_at: Date }>(
      'INSERT INTO imports (id, file_name, format, report, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING created_at',
      [id, sealed.file_name, format, sealed.report, ctx.caller.id]);
    return { id, fileName, format, report, createdAt: (rows[0]?.created_at ?? new Date()).toISOString(), createdBy: ctx.caller.id };
  }

  async getImport(id: string): Promise<ImportRecord> {
    const { rows } = await this.db.pool.query<{ id: string; file_name: string; format: string; report: string; created_at: Date; created_by: string }>(
      'SELECT id, file_name, format, report, created_at, created_by FROM imports WHERE id = $1', [id]);
    const r = rows[0];
    if (!r) throw new RefugeError('not_found', 'import_not_found', `No import has the id ${id}.`);
    const open = decryptImport<ImportReport>(this.cipher, r.id, r);
    return { id: r.id, fileName: open.fileName, format: r.format, report: open.report, createdAt: r.created_at.toISOString(), createdBy: r.created_by };
  }
}

/**
 * A person as shown, from their row: THE place persons' fields are decrypted (claim views, summaries,
 * duplicate candidates and the eligibility prefill all come through here).
 */
export function personFromRow(cipher: FieldCipher, r: PersonColumns): PersonView {
  if (r.purged_at) {
    return {
      id: r.person_id, familyName: null, givenNames: null, dateOfBirth: null, sex: r.sex, citizenships: r.citizenships, documents: [],
      languages: r.languages, interpreterLanguage: r.interpreter_language, purged: true, purgedAt: r.purged_at.toISOString(),
    };
  }
  const open = decryptPerson(cipher, r.person_id, r);
  return {
    id: r.person_id, familyName: open.familyName, givenNames: open.givenNames, dateOfBirth: open.dateOfBirth, sex: r.sex,
    citizenships: r.citizenships, documents: open.documents, languages: r.languages, interpreterLanguage: r.interpreter_language,
    ...(open.address ? { address: open.address } : {}), purged: false, purgedAt: null,
  };
}

// ------------------------------------------------------------------ rows and mapping

/** A person's columns as stored: names, date of birth, documents and address encrypted. */
export interface PersonColumns extends StoredPersonSecrets {
  person_id: string; sex: Sex; citizenships: string[]; languages: string[]; interpreter_language: string | null;
  /** Set when the identity was purged at the end of its retention period: its encrypted fields are NULL. */
  purged_at: Date | null;
}
interface ClaimRow extends PersonColumns {
  id: string; reference: string; group_id: string; group_reference: string; relationship: string;
  office_code: string; office_type: string; province: string; claim_date: string; arrival_manner: string;
  arrival_date: string | null; persecution_countries: string[]; state: ClaimState; lifecycle: LifecycleSnapshot;
  version: number; created_at: Date; updated_at: Date; stat_profile: ClaimProfile | null; stat_memory: StatMemory | null; counsel_ids: string[];
}
interface GroupRow {
  id: string; reference: string; office_code: string; office_type: string; province: string; claim_date: string;
  arrival: Record<string, unknown>; persecution_countries: string[]; created_at: Date;
}
interface EventRow {
  claim_id: string; version: number; type: string; transition_id: string | null; from_state: string | null; to_state: string;
  actor_role: string; actor_name: string | null; effective_date: string; notice_date: string | null; received_date: string | null;
  legal_basis: string; reasons: string | null; details: Record<string, unknown>; recorded_at: Date; recorded_by: string;
}

const PERSON_SELECT = 'p.id AS person_id, p.family_name, p.given_names, p.date_of_birth, p.sex, p.citizenships, p.documents, p.languages, p.interpreter_language, p.address, p.purged_at';
const CLAIM_SELECT = `c.id, c.reference, c.group_id, g.reference AS group_reference, c.person_id, c.relationship,
  c.office_code, c.office_type, c.province, c.claim_date, c.arrival_manner, c.arrival_date, c.persecution_countries,
  c.state, c.lifecycle, c.version, c.created_at, c.updated_at, c.stat_profile, c.stat_memory, c.counsel_ids, p.family_name, p.given_names, p.date_of_birth, p.sex,
  p.citizenships, p.documents, p.languages, p.interpreter_language, p.address, p.purged_at`;
const CLAIM_FROM = 'claims c JOIN persons p ON p.id = c.person_id JOIN family_groups g ON g.id = c.group_id';


/** What the policy needs of a claim row to scope an action to it. */
function scoped(r: { id: string; reference: string; office_code: string; counsel_ids: string[] }): ScopedRecord & { id: string; reference: string } {
  return { id: r.id, reference: r.reference, officeCode: r.office_code, counselIds: r.counsel_ids };
}

function arrivalOf(r: ClaimRow): Arrival {
  if (r.arrival_manner === 'BETWEEN_PORTS') return { manner: 'BETWEEN_PORTS', crossingDate: r.arrival_date ?? '' };
  if (r.arrival_manner === 'INLAND') return { manner: 'INLAND', entryDate: r.arrival_date ?? '' };
  return { manner: 'AT_PORT_OF_ENTRY' };
}

interface AssessmentRow {
  id: string; claim_id: string; event_version: number | null; outcome: string; facts: string;
  assessment: EligibilityAssessment; recorded_at: Date; recorded_by: string;
}


/** An event as stored: reasons, the actor's name and free-text details encrypted with the event's claim id and version. */
function eventRecord(cipher: FieldCipher, claimId: string, version: number, e: LifecycleEventInput, transitionId: string | null,
  from: ClaimState | null, to: ClaimState, recordedBy: string): ledger.EventRow {
  const texts = encryptEventTexts(cipher, claimId, version, { reasons: e.reasons ?? null, actor_name: e.actor.name ?? null, details: e.details ?? {} });
  return { claim_id: claimId, version, type: e.type, transition_id: transitionId, from_state: from, to_state: to,
    actor_role: e.actor.role, actor_name: texts.actor_name, effective_date: e.effectiveDate, notice_date: e.noticeDate ?? null,
    received_date: e.receivedDate ?? null, legal_basis: e.legalBasis ?? defaultLegalBasis(e.type), reasons: texts.reasons,
    details: texts.details, recorded_by: recordedBy };
}

function eventRow(cipher: FieldCipher, claimId: string, version: number, e: LifecycleEventInput, transitionId: string | null,
  from: ClaimState | null, to: ClaimState, recordedBy: string): unknown[] {
  const r = eventRecord(cipher, claimId, version, e, transitionId, from, to, recordedBy);
  return EVENT_COLUMNS.map((c) => (c === 'details' ? JSON.stringify(r.details) : r[c]));
}

function ledgerRows(groups: PreparedGroup[]): Pick<ledger.LedgerDocument, 'groups' | 'persons' | 'claims' | 'events' | 'rollups'> {
  return {
    groups: groups.map((g) => g.group), persons: groups.flatMap((g) => g.persons),
    claims: groups.flatMap((g) => g.claims), events: groups.flatMap((g) => g.events),
    rollups: mergeRollupRows(groups.flatMap((g) => g.rollups)),
  };
}

function defaultLegalBasis(type: LifecycleEventType): string {
  return EVENT_INFO[type].legalBasis;
}

function claimFilterSql(f: ClaimListFilter, ctx: RequestContext, action: ClaimAction): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.state) add((n) => `c.state = $${n}`, f.state);
  if (f.officeCode) add((n) => `c.office_code = $${n}`, f.officeCode);
  if (f.officeType) add((n) => `c.office_type = $${n}`, f.officeType);
  if (f.province) add((n) => `c.province = $${n}`, f.province);
  if (f.citizenship) add((n) => `EXISTS (SELECT 1 FROM persons px WHERE px.id = c.person_id AND $${n} = ANY(px.citizenships))`, f.citizenship);
  if (f.persecutionCountry) add((n) => `$${n} = ANY(c.persecution_countries)`, f.persecutionCountry);
  if (f.claimDateFrom) add((n) => `c.claim_date >= $${n}::date`, f.claimDateFrom);
  if (f.claimDateTo) add((n) => `c.claim_date <= $${n}::date`, f.claimDateTo);
  if (f.groupId) add((n) => `c.group_id = $${n}::uuid`, f.groupId);
  // The caller's scope is part of every query, not a filter the client can drop: their offices, and
  // for counsel the claims whose claimant named them.
  const scope = recordScope(ctx.caller, action);
  if (!scope) where.push('false');
  else if (scope.offices !== 'ALL') {
    params.push(scope.offices, scope.counselId);
    where.push(`(c.office_code = ANY($${params.length - 1}::text[]) OR ($${params.length}::text IS NOT NULL AND c.counsel_ids @> ARRAY[$${params.length}::text]))`);
  }
  return { where, params };
}

function encodeCursor(claimDate: string, id: string): string {
  return Buffer.from(`${claimDate}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { claimDate: string; id: string } {
  const [claimDate, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!claimDate || !id || !/^\d{4}-\d{2}-\d{2}$/.test(claimDate) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw validationError([{ field: 'query.cursor', code: 'invalid_cursor', message: 'The cursor is not one this server issued.' }]);
  }
  return { claimDate, id };
}

/** Identity fields of the searched people, in order, as one text: an intake must be about the same people. Stored only as a keyed hash. */
export function identityText(people: Array<{ familyName: string; givenNames: string; dateOfBirth: string; sex: string; documents: Array<{ type: string; number: string; issuingCountry: string }> }>): string {
  const normalized = people.map((p) => ({
    f: p.familyName.trim().toLowerCase(), g: p.givenNames.trim().toLowerCase(), d: p.dateOfBirth, s: p.sex,
    docs: p.documents.map((d) => `${d.type}:${d.issuingCountry}:${d.number.replace(/[\s-]/g, '').toUpperCase()}`).sort(),
  }));
  return canonicalJson(normalized);
}

function versionConflict(claimId: string, expected: number, actual: number | null): RefugeError {
  return new RefugeError('conflict', 'version_conflict',
    `Claim ${claimId} has changed since version ${expected}${actual !== null ? ` (it is now at version ${actual})` : ''}; reload it and try again.`,
    [{ field: 'expectedVersion', code: 'version_conflict', message: 'Someone else changed this claim first.' }],
    { expectedVersion: expected, currentVersion: actual });
}

function lifecycleError(e: { code: string; message: string; field?: string; currentState: ClaimState; allowedEvents: LifecycleEventType[] }): RefugeError {
  const kind = e.code === 'illegal_transition' ? 'conflict' : 'validation';
  return new RefugeError(kind, e.code, e.message,
    [{ field: e.field ? `event.${e.field}` : 'event.type', code: e.code, message: e.message }],
    { currentState: e.currentState, allowedEvents: e.allowedEvents });
}

function lifecycleFieldError(e: { code: string; message: string; field?: string }, prefix: string): FieldError {
  return { field: `${prefix}.${e.field ?? 'type'}`, code: e.code, message: e.message };
}

