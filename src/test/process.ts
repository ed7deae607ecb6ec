import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_KEYS_JSON, TEST_KEY_RING, testContext, type SessionHeaders } from './harness.ts';
import { openSystem } from '../services/system.ts';
import { LOCAL_OPERATOR } from '../domain/access/policy.ts';
import { generatePassword } from '../services/auth/passwords.ts';
import { fileURLToPath } from 'node:url';

export const REFUGE_BIN = fileURLToPath(new URL('../../bin/refuge.js', import.meta.url));

export interface ServerProcess { child: ChildProcess; url: string; output: () => string }

/** Starts `refuge serve` on a free port and waits until it prints its URL. */
export async function startServerProcess(env: Record<string, string | undefined>, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [REFUGE_BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, REFUGE_KEYS: TEST_KEYS_JSON, ...env, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /serving at (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1]) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out}`)); });
  });
  child.removeAllListeners('exit');
  return { child, url, output: () => out };
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Runs a refuge command to its end; `input`, when given, is its standard input. */
export async function runCli(args: string[], env: Record<string, string | undefined>, input?: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [REFUGE_BIN, ...args], { env: { ...process.env, REFUGE_KEYS: TEST_KEYS_JSON, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, output };
}

/** Resolves when the process has exited, including when it already had. */
export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface Credentials { username: string; password: string }

/**
 * An operator account (LOCAL_OPERATOR's roles, every office) in the database a server process uses.
 * On PGlite, call it before the server starts: an embedded database is one process's at a time.
 */
export async function createServerOperator(config: { databaseUrl?: string | undefined; dataDir?: string }): Promise<Credentials> {
  const system = await openSystem({ databaseUrl: config.databaseUrl || undefined, dataDir: config.dataDir }, { keys: TEST_KEY_RING });
  try {
    const credentials = { username: `operator-${Math.random().toString(36).slice(2, 8)}`, password: generatePassword() };
    await system.users.createUser(testContext(), { ...credentials, roles: LOCAL_OPERATOR.roles, officeScope: 'ALL' });
    return credentials;
  } finally {
    await system.close();
  }
}

/** Signs in to a running server through POST /api/v1/auth/sign-in: the headers to send as that user. */
export async function signInToServer(url: string, credentials: Credentials): Promise<SessionHeaders> {
  const res = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('refuge_session='));
  if (res.status !== 200 || !cookie) throw new Error(`Could not sign in to ${url}: ${res.status} ${await res.text()}`);
  return { cookie: cookie.split(';')[0] as string, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
}
