import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { Type } from 'typebox';
import { IntakeBodySchema, eventBodySchema } from '../api/schemas.ts';
import { jsonPointerToField } from '../api/errors.ts';
import { EVENT_INFO, ACTOR_ROLES, type LifecycleEventInput } from '../domain/lifecycle/index.ts';
import { RefugeError, type FieldError } from '../domain/errors.ts';
import type { IntakeInput } from '../domain/intake/types.ts';
import type { ClaimRepository, ImportGroup } from '../services/claimRepository.ts';
import type { RequestContext } from '../services/context.ts';

/**
 * Bulk import of claims (family groups with their events) or of events on existing claims,
 * from CSV or NDJSON, streamed. Records are written in batches, each batch in one transaction:
 * a batch with any bad record writes nothing, and every bad record is reported with its line.
 */

export type ImportFormat = 'csv' | 'ndjson';
export interface RowError { line: number; field: string; code: string; message: string }
export interface ImportReport {
  kind: 'groups' | 'events' | 'empty';
  records: number; batches: number; batchesWritten: number; batchesRejected: number;
  claimsWritten: number; eventsWritten: number; errors: RowError[];
}
export interface ImportOptions {
  format?: ImportFormat; batchSize?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called after each batch is written or rejected. */
  onBatch?: (report: ImportReport) => void;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }));
const { duplicateSearchId: _s, duplicateOverride: _o, ...intakeProps } = IntakeBodySchema.properties;
const EventWithoutVersion = eventBodySchema(Object.keys(EVENT_INFO).filter((t) => t !== 'claim.made'), ACTOR_ROLES);
const { expectedVersion: _v, ...eventProps } = EventWithoutVersion.properties;
const EventSchema = Type.Object(eventProps, { additionalProperties: false });
const validateGroupRecord = ajv.compile(Type.Object({
  intake: Type.Object(intakeProps, { additionalProperties: false }),
  events: Type.Optional(Type.Array(Type.Object({ memberIndex: Type.Integer({ minimum: 0 }), event: EventSchema }, { additionalProperties: false }), { maxItems: 500 })),
}, { additionalProperties: false }));
const validateEventRecord = ajv.compile(Type.Object({ claimReference: Type.String({ minLength: 1, maxLength: 64 }), event: EventSchema }, { additionalProperties: false }));

type GroupRecord = { intake: IntakeInput; events?: Array<{ memberIndex: number; event: LifecycleEventInput }> };
type EventRecord = { claimReference: string; event: LifecycleEventInput };
interface Parsed { line: number; kind: 'groups' | 'events'; value: unknown; errors: FieldError[]; /** CSV: the line of each member's row. */ memberLines?: number[] }

export function detectFormat(path: string): ImportFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'ndjson';
}

export async function importClaimsFile(repo: ClaimRepository, ctx: RequestContext, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const format = options.format ?? detectFormat(path);
  const batchSize = options.batchSize ?? 500;
  const total = statSync(path).size;
  const stream = createReadStream(path);
  let bytes = 0;
  stream.on('data', (chunk) => { bytes += chunk.length; options.onProgress?.(Math.min(bytes, total), total); });
  const report: ImportReport = { kind: 'empty', records: 0, batches: 0, batchesWritten: 0, batchesRejected: 0, claimsWritten: 0, eventsWritten: 0, errors: [] };
  let batch: Parsed[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await writeBatch(repo, ctx, path, batch, report);
    batch = [];
    options.onBatch?.(report);
  };
  for await (const parsed of format === 'csv' ? csvRecords(stream) : ndjsonRecords(stream)) {
    report.records += 1;
    if (report.kind === 'empty') report.kind = parsed.kind;
    if (parsed.kind !== report.kind) {
      parsed.errors.push({ field: '', code: 'mixed_record_kinds', message: `This file holds ${report.kind}; a ${parsed.kind} record cannot be mixed in.` });
    }
    batch.push(parsed);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  options.onProgress?.(total, total);
  return report;
}

async function writeBatch(repo: ClaimRepository, ctx: RequestContext, source: string, batch: Parsed[], report: ImportReport): Promise<void> {
  report.batches += 1;
  const structural = batch.flatMap((p) => locate(p.errors.map((e) => ({ ...e, field: `[0].${e.field}` })), [p]));
  if (structural.length > 0) {
    // The batch will not be written; still check its well-formed records so every bad one is reported at once.
    const wellFormed = batch.filter((p) => p.errors.length === 0);
    const semantic = await validateOnly(repo, ctx, report.kind, wellFormed);
    report.batchesRejected += 1;
    report.errors.push(...[...structural, ...semantic].sort((a, b) => a.line - b.line));
    return;
  }
  try {
    if (report.kind === 'groups') {
      const result = await repo.importGroups(ctx, batch.map(toImportGroup), source);
      report.claimsWritten += result.claims;
      report.eventsWritten += result.events;
    } else {
      const result = await repo.importEvents(ctx, batch.map((p) => p.value as EventRecord), source);
      report.eventsWritten += result.events;
    }
    report.batchesWritten += 1;
  } catch (err) {
    if (!(err instanceof RefugeError) || err.kind !== 'validation') throw err;
    report.batchesRejected += 1;
    report.errors.push(...locate(err.errors, batch));
  }
}

function toImportGroup(p: Parsed): ImportGroup {
  const r = p.value as GroupRecord;
  return { intake: r.intake, events: r.events ?? [] };
}

async function validateOnly(repo: ClaimRepository, ctx: RequestContext, kind: ImportReport['kind'], records: Parsed[]): Promise<RowError[]> {
  if (records.length === 0) return [];
  if (kind === 'groups') return locate(repo.validateImportGroups(ctx, records.map(toImportGroup)), records);
  try {
    await repo.importEvents(ctx, records.map((p) => p.value as EventRecord), 'validation', { dryRun: true });
    return [];
  } catch (err) {
    if (!(err instanceof RefugeError) || err.kind !== 'validation') throw err;
    return locate(err.errors, records);
  }
}

/** Repository errors are located as "[index].field" within the records given; turn that into file lines. */
function locate(errors: FieldError[], records: Parsed[]): RowError[] {
  return errors.map((e) => {
    const m = /^\[(\d+)\]\.?(.*)$/.exec(e.field);
    const record = m ? records[Number(m[1])] : undefined;
    const field = m ? (m[2] ?? '') : e.field;
    const member = /^intake\.members\[(\d+)\]/.exec(field);
    const line = (member && record?.memberLines?.[Number(member[1])]) ?? record?.line ?? records[0]?.line ?? 0;
    return { line, field, code: e.code, message: e.message };
  });
}

function ajvErrors(errors: typeof validateGroupRecord.errors): FieldError[] {
  return (errors ?? []).map((e) => {
    const base = jsonPointerToField(e.instancePath);
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required') return { field: base ? `${base}.${String(p.missingProperty)}` : String(p.missingProperty), code: 'required', message: 'This field is required.' };
    if (e.keyword === 'additionalProperties') return { field: base ? `${base}.${String(p.additionalProperty)}` : String(p.additionalProperty), code: 'unknown_field', message: 'This field is not part of the format.' };
    if (e.keyword === 'format' && p.format === 'date') return { field: base, code: 'invalid_date', message: 'Must be a real calendar date written YYYY-MM-DD.' };
    return { field: base, code: e.keyword === 'type' ? 'wrong_type' : e.keyword, message: `${e.message ?? 'not valid'}.` };
  });
}

function classify(line: number, value: unknown): Parsed {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'claimReference' in value) {
    return { line, kind: 'events', value, errors: validateEventRecord(value) ? [] : ajvErrors(validateEventRecord.errors) };
  }
  return { line, kind: 'groups', value, errors: validateGroupRecord(value) ? [] : ajvErrors(validateGroupRecord.errors) };
}

async function* ndjsonRecords(stream: NodeJS.ReadableStream): AsyncGenerator<Parsed> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, kind: 'groups', value: null, errors: [{ field: '', code: 'invalid_json', message: `Not valid JSON: ${(err as Error).message}` }] };
      continue;
    }
    yield classify(line, value);
  }
}

// ---------------------------------------------------------------- CSV

/** Claims CSV: one row per person; consecutive rows with the same group_ref form one family group. */
export const CLAIM_CSV_COLUMNS = ['group_ref', 'relationship', 'family_name', 'given_names', 'date_of_birth', 'sex', 'citizenships',
  'document_type', 'document_number', 'document_country', 'languages', 'interpreter_language', 'office_code', 'province',
  'claim_date', 'arrival_manner', 'arrival_date', 'persecution_countries'] as const;
/** Events CSV: one row per event on an existing claim, in the order they happened. */
export const EVENT_CSV_COLUMNS = ['claim_reference', 'type', 'actor_role', 'actor_name', 'effective_date', 'notice_date',
  'received_date', 'legal_basis', 'reasons', 'details'] as const;

const list = (s: string | undefined) => (s ?? '').split(/[;|]/).map((x) => x.trim()).filter(Boolean);
const opt = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);

async function* csvRecords(stream: NodeJS.ReadableStream): AsyncGenerator<Parsed> {
  const parser = stream.pipe(parse({ columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  let group: { ref: string; line: number; rows: Array<{ line: number; row: Record<string, string> }> } | null = null;
  const finishGroup = (): Parsed | null => {
    if (!group) return null;
    const g = group;
    group = null;
    const parsed = classify(g.line, groupFromRows(g.rows.map((r) => r.row)));
    const memberLines = g.rows.map((r) => r.line);
    parsed.memberLines = memberLines;
    return parsed;
  };
  for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const row = record.record;
    const line = record.info.lines;
    if ('claim_reference' in row) {
      let details: unknown = {};
      try {
        details = opt(row.details) ? JSON.parse(row.details as string) : {};
      } catch {
        yield { line, kind: 'events', value: null, errors: [{ field: 'event.details', code: 'invalid_json', message: 'The details column is not valid JSON.' }] };
        continue;
      }
      yield classify(line, {
        claimReference: row.claim_reference ?? '',
        event: stripUndefined({
          type: row.type, actor: stripUndefined({ role: row.actor_role, name: opt(row.actor_name) }), effectiveDate: row.effective_date,
          noticeDate: opt(row.notice_date), receivedDate: opt(row.received_date), legalBasis: opt(row.legal_basis), reasons: opt(row.reasons), details,
        }),
      });
      continue;
    }
    const ref = row.group_ref ?? '';
    if (group && (group as { ref: string }).ref !== ref) {
      const done = finishGroup();
      if (done) yield done;
    }
    if (!group) group = { ref, line, rows: [] };
    (group as { rows: Array<{ line: number; row: Record<string, string> }> }).rows.push({ line, row });
  }
  const last = finishGroup();
  if (last) yield last;
}

function groupFromRows(rows: Array<Record<string, string>>): unknown {
  const first = rows[0] ?? {};
  const manner = first.arrival_manner ?? '';
  return {
    intake: stripUndefined({
      officeCode: first.office_code ?? '', province: opt(first.province), claimDate: first.claim_date ?? '',
      arrival: stripUndefined({ manner, crossingDate: manner === 'BETWEEN_PORTS' ? first.arrival_date : undefined, entryDate: manner === 'INLAND' ? first.arrival_date : undefined }),
      persecutionCountries: list(first.persecution_countries),
      members: rows.map((r) => ({
        relationship: r.relationship ?? '', familyName: r.family_name ?? '', givenNames: r.given_names ?? '', dateOfBirth: r.date_of_birth ?? '',
        sex: r.sex ?? '', citizenships: list(r.citizenships),
        documents: opt(r.document_number) ? [{ type: r.document_type || 'PASSPORT', number: r.document_number, issuingCountry: r.document_country ?? '' }] : [],
        languages: list(r.languages), interpreterLanguage: opt(r.interpreter_language) ?? null,
      })),
    }),
    events: [],
  };
}

function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
