import { Option, type Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { cliCaller, ROLES, type Role } from '../domain/access/policy.ts';
import { todayIn } from '../domain/dates.ts';
import type { RequestContext } from '../services/context.ts';
import type { UserService } from '../services/auth/userService.ts';
import type { ClaimRepository } from '../services/claimRepository.ts';
import type { UserView } from '../services/auth/users.ts';
import { generatePassword } from '../services/auth/passwords.ts';
import { openConfiguredSystem, dbOptions } from './system.ts';
import { resolveConfig } from './config.ts';

/** Commands act as `cli:<os user>`, audited like any administrator. */
export function usersCliContext(): RequestContext {
  return { caller: cliCaller(userInfo().username), requestId: `cli-${randomUUID()}`, today: todayIn('America/St_Johns'), channel: 'cli' };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function withUsers<T>(flags: Record<string, string | undefined>, fn: (users: UserService, ctx: RequestContext) => Promise<T>): Promise<T> {
  const system = await openConfiguredSystem(resolveConfig(flags));
  try {
    return await fn(system.users, usersCliContext());
  } finally {
    await system.close();
  }
}

async function requireUser(users: UserService, ctx: RequestContext, username: string): Promise<UserView> {
  const user = await users.findUser(ctx, username);
  if (!user) throw new Error(`No account has the username "${username}".`);
  return user;
}

const scope = (user: Pick<UserView, 'officeScope'>) => (user.officeScope === 'ALL' ? 'ALL' : user.officeScope.join(' ') || '-');

export function formatUsers(users: Array<Pick<UserView, 'username' | 'roles' | 'officeScope'> & Partial<UserView> & { password?: string }>): string {
  const rows = users.map((u) => [u.username, ...(u.password !== undefined ? [u.password] : []), u.roles.join(' ') || '-', scope(u),
    ...(u.disabled !== undefined ? [u.disabled ? 'disabled' : 'enabled', u.totpEnabled ? 'totp' : '-', (u.identities ?? []).map((i) => `${i.subject}@${i.issuer}`).join(' ') || '-'] : [])]);
  const header = ['username', ...(users[0]?.password !== undefined ? ['password'] : []), 'roles', 'offices',
    ...(users[0]?.disabled !== undefined ? ['status', '2fa', 'identities'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The quick start's accounts: one per role, with random passwords shown once (there is no default account). */
export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; roles: Role[]; officeScope: 'ALL' | string[] }> = [
  { username: 'demo-intake', displayName: 'Demo intake officer', roles: ['INTAKE_OFFICER'], officeScope: ['QC-LACOLLE'] },
  { username: 'demo-eligibility', displayName: 'Demo eligibility officer', roles: ['ELIGIBILITY_OFFICER'], officeScope: ['QC-LACOLLE'] },
  { username: 'demo-registry', displayName: 'Demo tribunal registry', roles: ['TRIBUNAL_REGISTRY'], officeScope: ['QC-LACOLLE'] },
  { username: 'demo-member', displayName: 'Demo tribunal member', roles: ['TRIBUNAL_MEMBER'], officeScope: ['QC-LACOLLE'] },
  { username: 'demo-counsel', displayName: 'Demo counsel', roles: ['COUNSEL'], officeScope: [] },
  { username: 'demo-analyst', displayName: 'Demo analyst', roles: ['ANALYST'], officeScope: 'ALL' },
  { username: 'demo-auditor', displayName: 'Demo auditor', roles: ['AUDITOR'], officeScope: 'ALL' },
  { username: 'demo-admin', displayName: 'Demo administrator', roles: ['ADMINISTRATOR'], officeScope: 'ALL' },
];

export async function createDemoUsers(users: UserService, ctx: RequestContext): Promise<Array<UserView & { password: string }>> {
  const created: Array<UserView & { password: string }> = [];
  for (const account of DEMO_ACCOUNTS) {
    const password = generatePassword();
    created.push({ ...(await users.createUser(ctx, { ...account, password })), password });
  }
  return created;
}

/** The demo counsel represents the newest claimants at one office, so their account has clients to see. */
export async function nameDemoCounsel(claims: ClaimRepository, ctx: RequestContext, counselId: string, officeCode = 'QC-LACOLLE', clients = 5): Promise<string[]> {
  const { items } = await claims.listClaims(ctx, { officeCode }, clients);
  for (const claim of items) await claims.setCounsel(ctx, claim.id, [counselId]);
  return items.map((c) => c.reference);
}

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Accounts: administrators, case workers, counsel; passwords and OpenID Connect identities.');

  dbOptions(users.command('create-admin')
    .description('Create an administrator (the first account of a new installation); prints a generated password once unless --password-stdin.')
    .requiredOption('--username <name>', 'the username')
    .option('--name <display name>', 'the name shown in audit trails')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)'))
    .action(async (flags) => withUsers(flags, async (service, ctx) => {
      if (await service.findUser(ctx, flags.username)) throw new Error(`An account with the username "${flags.username}" already exists; nothing was changed.`);
      const password = flags.passwordStdin ? await readStdin() : generatePassword();
      const user = await service.createUser(ctx, { username: flags.username, displayName: flags.name, roles: ['ADMINISTRATOR'], officeScope: 'ALL', password });
      console.log(`Created administrator ${user.username} (${user.id}).`);
      if (!flags.passwordStdin) console.log(`Password (shown once, not stored in clear): ${password}`);
    }));

  dbOptions(users.command('add')
    .description('Add an account with roles and offices; prints a generated password once unless --password-stdin or --no-password.')
    .requiredOption('--username <name>', 'the username')
    .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
    .option('--office <code...>', 'office codes whose claims the account may see')
    .option('--all-offices', 'every office')
    .option('--name <display name>', 'the name shown in audit trails')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option('--no-password', 'no password: the account signs in only through OpenID Connect (see link-oidc)'))
    .action(async (flags) => withUsers(flags, async (service, ctx) => {
      if (!flags.office === !flags.allOffices) throw new Error('Give either --office CODE... or --all-offices.');
      const password = flags.password === false ? null : flags.passwordStdin ? await readStdin() : generatePassword();
      const user = await service.createUser(ctx, {
        username: flags.username, displayName: flags.name, roles: flags.role as Role[], officeScope: flags.allOffices ? 'ALL' : flags.office as string[], password,
      });
      console.log(`Created ${user.username} (${user.id}): ${user.roles.join(', ')}; offices: ${scope(user)}.`);
      if (password !== null && !flags.passwordStdin) console.log(`Password (shown once, not stored in clear): ${password}`);
    }));

  dbOptions(users.command('list').description('List the accounts.'))
    .action(async (flags) => withUsers(flags, async (service, ctx) => {
      console.log(formatUsers(await service.listUsers(ctx)));
    }));

  dbOptions(users.command('link-oidc')
    .description('Let an account sign in through an OpenID Connect provider: the issuer and subject (sub) of its ID tokens.')
    .requiredOption('--username <name>', 'the account')
    .requiredOption('--issuer <url>', 'the provider\'s issuer, exactly as in its ID tokens')
    .requiredOption('--subject <sub>', 'the user\'s subject at that provider'))
    .action(async (flags) => withUsers(flags, async (service, ctx) => {
      const user = await requireUser(service, ctx, flags.username);
      await service.updateUser(ctx, user.id, { identities: [...user.identities, { issuer: flags.issuer, subject: flags.subject }] });
      console.log(`${user.username} now signs in as ${flags.subject} at ${flags.issuer}.`);
    }));

  dbOptions(users.command('disable')
    .description('Disable an account and end its sessions.')
    .requiredOption('--username <name>', 'the account'))
    .action(async (flags) => withUsers(flags, async (service, ctx) => {
      const user = await requireUser(service, ctx, flags.username);
      await service.updateUser(ctx, user.id, { disabled: true });
      console.log(`${user.username} is disabled; its sessions are ended.`);
    }));
}
