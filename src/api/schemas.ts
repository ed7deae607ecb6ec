import { Type, type TSchema } from 'typebox';
import { SEXES, DOCUMENT_TYPES, RELATIONSHIPS, PROVINCES, ARRIVAL_MANNERS } from '../domain/intake/types.ts';

/**
 * Request and response schemas: they validate at the edge, type the handlers, and are the OpenAPI
 * document. Limits are generous for real families and small enough that no body is a burden.
 */

export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

const strict = { additionalProperties: false } as const;
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD.', examples: ['2025-07-14'] });
export const Uuid = Type.String({ format: 'uuid' });
export const CountryCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3 (XXA stateless, XXX unspecified, for citizenships).', examples: ['HTI'] });
const LanguageCode = Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639 language code.', examples: ['fr'] });
const Name = Type.String({ maxLength: 200 });

export const IdentityDocumentSchema = Type.Object({
  type: StringEnum(DOCUMENT_TYPES),
  number: Type.String({ minLength: 1, maxLength: 64 }),
  issuingCountry: CountryCode,
}, strict);

export const PostalAddressSchema = Type.Object({
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  province: Type.Optional(StringEnum(PROVINCES)),
  postalCode: Type.Optional(Type.String({ maxLength: 10, examples: ['H2X 1Y4'] })),
}, { ...strict, description: 'Where the claimant can be reached in Canada; encrypted at rest.' });

const personProperties = {
  familyName: Name,
  givenNames: Name,
  dateOfBirth: IsoDate,
  sex: StringEnum(SEXES, { description: 'F, M or X (another gender), as on IRCC forms.' }),
  citizenships: Type.Array(CountryCode, { minItems: 1, maxItems: 5 }),
  documents: Type.Array(IdentityDocumentSchema, { maxItems: 10 }),
  languages: Type.Array(LanguageCode, { maxItems: 10 }),
  interpreterLanguage: Type.Union([LanguageCode, Type.Null()]),
  address: Type.Optional(PostalAddressSchema),
};

export const GroupMemberSchema = Type.Object({
  ...personProperties,
  relationship: StringEnum(RELATIONSHIPS),
  persecutionCountries: Type.Optional(Type.Array(CountryCode, { minItems: 1, maxItems: 5 })),
}, strict);

export const ArrivalSchema = Type.Object({
  manner: StringEnum(ARRIVAL_MANNERS, { description: 'AT_PORT_OF_ENTRY; BETWEEN_PORTS (give crossingDate); INLAND (give entryDate).' }),
  crossingDate: Type.Optional(IsoDate),
  entryDate: Type.Optional(IsoDate),
}, strict);

export const IntakeBodySchema = Type.Object({
  duplicateSearchId: Type.Optional(Uuid),
  duplicateOverride: Type.Optional(Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, strict)),
  officeCode: Type.String({ minLength: 1, maxLength: 40, examples: ['QC-LACOLLE'] }),
  province: Type.Optional(StringEnum(PROVINCES)),
  claimDate: IsoDate,
  arrival: ArrivalSchema,
  persecutionCountries: Type.Array(CountryCode, { minItems: 1, maxItems: 5 }),
  members: Type.Array(GroupMemberSchema, { minItems: 1, maxItems: 20 }),
}, strict);

export const DuplicateSearchBodySchema = Type.Object({
  people: Type.Array(Type.Object({
    familyName: Name, givenNames: Name, dateOfBirth: IsoDate, sex: StringEnum(SEXES),
    documents: Type.Array(IdentityDocumentSchema, { maxItems: 10 }),
    citizenships: Type.Optional(Type.Array(CountryCode, { maxItems: 5 })),
  }, strict), { minItems: 1, maxItems: 20 }),
}, strict);

const Labels = Type.Object({ en: Type.String(), fr: Type.String() });

const Purged = (schema: typeof Name | typeof IsoDate) => Type.Union([schema, Type.Null()], { description: 'null once the identity was purged at the end of its retention period' });

const PersonViewSchema = Type.Object({
  id: Uuid, ...personProperties,
  familyName: Purged(Name), givenNames: Purged(Name), dateOfBirth: Purged(IsoDate),
  purged: Type.Boolean({ description: 'The identity (names, date of birth, documents) was removed at the end of its retention period.' }),
  purgedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** A counsel account as officers see it when naming counsel, and claim readers on the claim: id and display name only. */
export const NamedCounselSchema = Type.Object({
  id: Uuid,
  displayName: Type.String(),
}, { additionalProperties: false });

export const ClaimViewSchema = Type.Object({
  id: Uuid,
  reference: Type.String({ examples: ['C-2025-0000042'] }),
  groupId: Uuid,
  groupReference: Type.String(),
  relationship: Type.String(),
  person: PersonViewSchema,
  office: Type.Object({ code: Type.String(), type: Type.String(), province: Type.String() }),
  claimDate: IsoDate,
  arrival: ArrivalSchema,
  persecutionCountries: Type.Array(Type.String()),
  state: Type.String(),
  stateLabel: Labels,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  allowedEvents: Type.Array(Type.String(), { description: 'Lifecycle events that may be appended next.' }),
  allowedActions: Type.Array(Type.String(), { description: 'What the caller may do with this claim.' }),
  counselIds: Type.Array(Type.String(), { description: 'The counsel the claimant has named (user ids): they, and only they among counsel, may read the claim.' }),
  counsel: Type.Array(NamedCounselSchema, { description: 'The same counsel, in the same order, with their display names.' }),
});

export const GroupViewSchema = Type.Object({
  id: Uuid,
  reference: Type.String(),
  office: Type.Object({ code: Type.String(), type: Type.String(), province: Type.String() }),
  claimDate: IsoDate,
  arrival: ArrivalSchema,
  persecutionCountries: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  duplicateCheck: Type.Object({ searchId: Type.Union([Type.String(), Type.Null()]), override: Type.Union([Type.String(), Type.Null()]) }),
  claims: Type.Array(ClaimViewSchema),
});

export const ClaimSummarySchema = Type.Object({
  id: Uuid, reference: Type.String(), groupId: Uuid, relationship: Type.String(),
  familyName: Purged(Type.String()), givenNames: Purged(Type.String()), dateOfBirth: Purged(IsoDate), sex: Type.String(),
  citizenships: Type.Array(Type.String()), officeCode: Type.String(), officeType: Type.String(), province: Type.String(),
  claimDate: IsoDate, persecutionCountries: Type.Array(Type.String()), state: Type.String(), version: Type.Integer(),
  personPurged: Type.Boolean(),
});

export const EventViewSchema = Type.Object({
  version: Type.Integer(), type: Type.String(), transitionId: Type.Union([Type.String(), Type.Null()]),
  fromState: Type.Union([Type.String(), Type.Null()]), toState: Type.String(),
  actor: Type.Object({ role: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  effectiveDate: IsoDate, noticeDate: Type.Union([IsoDate, Type.Null()]), receivedDate: Type.Union([IsoDate, Type.Null()]),
  legalBasis: Type.String(), reasons: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  recordedAt: Type.String({ format: 'date-time' }), recordedBy: Type.String(),
});

export function eventBodySchema(eventTypes: readonly string[], actorRoles: readonly string[]) {
  return Type.Object({
    expectedVersion: Type.Integer({ minimum: 1, description: 'The claim version the client last read; a concurrent change makes the request fail with 409.' }),
    type: StringEnum(eventTypes),
    actor: Type.Object({ role: StringEnum(actorRoles), name: Type.Optional(Type.String({ maxLength: 200 })) }, strict),
    effectiveDate: IsoDate,
    noticeDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    receivedDate: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    legalBasis: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    reasons: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Null()])),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Event-specific facts; see the event catalogue at /api/v1/reference/events.' })),
  }, strict);
}

export const FieldErrorSchema = Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() });
export const ErrorSchema = Type.Object({
  code: Type.String({ description: 'Stable machine-readable code.' }),
  message: Type.String({ description: 'What went wrong, in a sentence a person understands.' }),
  errors: Type.Array(FieldErrorSchema),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  requestId: Type.String(),
}, { $id: 'Error' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Makes a retried POST safe: the same key and body give the same result, once.' })),
});

export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('Error')]));
}
