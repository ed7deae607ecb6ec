import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { openSystem, type System } from '../services/system.ts';
import { loadKeyRing } from '../services/keys.ts';
import { Option, type Command } from 'commander';
import { cliCaller } from '../domain/access/policy.ts';
import { todayIn } from '../domain/dates.ts';
import type { RequestContext } from '../services/context.ts';
import type { ServerConfig } from './config.ts';
import { parseOidcProviders } from '../services/auth/oidc.ts';

/** A command acts as `cli:<os user>` (docs/security.md, Callers) and is audited on channel 'cli'. */
export function cliContext(): RequestContext {
  return { caller: cliCaller(osUser()), requestId: `cli-${randomUUID()}`, today: todayIn('America/St_Johns'), channel: 'cli' };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers).
    return process.env.USER ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * Opens the system the configuration names, with its keys. On the embedded database a missing key
 * file is created (the quick start); a server deployment must be given its keys.
 */
export async function openConfiguredSystem(config: ServerConfig): Promise<System> {
  const oidcProviders = parseOidcProviders(config.oidcProvidersJson);
  const { ring, created, origin } = await loadKeyRing({ keysJson: config.keysJson, keyFile: config.keyFile, createIfMissing: !config.databaseUrl });
  if (created) console.error(`Created a key file with fresh keys at ${origin} (mode 0600). Keep it safe and out of backups of the data: without it the personal data cannot be read.`);
  return openSystem({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, { keys: ring, auth: { oidcProviders } });
}

/** The options every command that opens the system takes. */
export const dbOptions = (cmd: Command): Command => cmd
  .addOption(new Option('--database-url <url>', 'PostgreSQL server to use instead of the embedded database (env DATABASE_URL)'))
  .addOption(new Option('--data-dir <dir>', 'data directory of the embedded database (env REFUGE_DATA_DIR, default ./data)'))
  .addOption(new Option('--key-file <file>', 'the key file: field, blind-index and audit keys (env REFUGE_KEY_FILE, default ./refuge.keys.json; or REFUGE_KEYS with the JSON)'));
