import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLES } from '../../domain/access/policy.ts';
import { USERNAME_PATTERN } from '../../services/auth/users.ts';
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH } from '../../services/auth/passwords.ts';
import { contextOf } from '../app.ts';
import { errorResponses, NamedCounselSchema, StringEnum, Uuid } from '../schemas.ts';

const strict = { additionalProperties: false } as const;
const Roles = Type.Array(StringEnum(ROLES), { maxItems: ROLES.length, uniqueItems: true });
const OfficeScope = Type.Union([Type.Literal('ALL'), Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 200, uniqueItems: true })],
  { description: 'Office codes whose claims the user may see, or ALL.' });
const Identity = Type.Object({
  issuer: Type.String({ minLength: 1, maxLength: 500, description: 'The provider\'s issuer, exactly as in its ID tokens (iss).' }),
  subject: Type.String({ minLength: 1, maxLength: 255, description: 'The user\'s subject (sub) at that provider.' }),
}, strict);
const Identities = Type.Array(Identity, { maxItems: 20 });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });
const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

export const UserViewSchema = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  officeScope: Type.Union([Type.Literal('ALL'), Type.Array(Type.String())]),
  disabled: Type.Boolean(),
  hasPassword: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  identities: Type.Array(Type.Object({ issuer: Type.String(), subject: Type.String() })),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.String(),
});

/** Administrators manage accounts: roles, offices, passwords, linked identities, disabling. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const users = app.deps.users;
  const access = { action: 'users.manage' } as const;

  api.get('/users', {
    config: { access },
    schema: { tags: ['users'], summary: 'List accounts', response: { 200: Type.Object({ items: Type.Array(UserViewSchema) }), ...errorResponses(401, 403) } },
  }, async (req) => ({ items: await users.listUsers(contextOf(req)) }));

  api.post('/users', {
    config: { access },
    schema: {
      tags: ['users'], summary: 'Create an account',
      description: 'With a password (at least 12 characters), or identities at OpenID Connect providers, or both. Usernames are unique whatever their case.',
      body: Type.Object({
        username: Type.String({ pattern: USERNAME_PATTERN }),
        displayName: Type.Optional(DisplayName),
        roles: Roles,
        officeScope: OfficeScope,
        password: Type.Optional(Password),
        identities: Type.Optional(Identities),
      }, strict),
      response: { 201: UserViewSchema, ...errorResponses(400, 401, 403, 409, 422) },
    },
  }, async (req, reply) => reply.status(201).send(await users.createUser(contextOf(req), req.body)));

  api.patch('/users/:userId', {
    config: { access },
    schema: {
      tags: ['users'], summary: 'Change an account',
      description: 'A new password or disabling ends the account\'s sessions; resetTotp removes its second factor (a lost phone); identities replaces the linked identities.',
      params: Type.Object({ userId: Uuid }, strict),
      body: Type.Object({
        displayName: Type.Optional(DisplayName),
        roles: Type.Optional(Roles),
        officeScope: Type.Optional(OfficeScope),
        password: Type.Optional(Password),
        disabled: Type.Optional(Type.Boolean()),
        resetTotp: Type.Optional(Type.Literal(true)),
        identities: Type.Optional(Identities),
      }, { ...strict, minProperties: 1 }),
      response: { 200: UserViewSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => users.updateUser(contextOf(req), req.params.userId, req.body));

  api.get('/counsel', {
    // Whoever records the counsel a claimant named picks them by name: this is all they see of the accounts.
    config: { access: { action: 'claims.name_counsel' } },
    schema: {
      tags: ['users'], summary: 'The counsel a claimant may name: enabled counsel accounts, id and display name only',
      description: 'Sorted by display name. PUT /claims/{claimId}/counsel takes these ids.',
      response: { 200: Type.Object({ items: Type.Array(NamedCounselSchema) }, { additionalProperties: false }), ...errorResponses(401, 403) },
    },
  }, async (req) => ({ items: await users.listCounsel(contextOf(req)) }));
};
