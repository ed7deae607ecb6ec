import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_KEYS_JSON } from './harness.ts';
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
