/**
 * What the browser tests share: the built web app served by a real Refuge on a fresh database,
 * Debian's Chromium driven by playwright-core, sign-in, axe and screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestSystem, type TestUserOptions } from '../../src/test/harness.ts';
import { WEB_DIST_DIR } from '../../src/api/web.ts';
import type { UserView } from '../../src/services/auth/users.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');
const AXE = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');
const WEB_SRC = join(REPO, 'web', 'src');

if (!HAVE_CHROMIUM) {
  if (process.env.CI) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium); it is missing on this CI machine.`);
  console.warn(`\n*** WARNING: ${CHROMIUM} is missing: the web app's browser tests are SKIPPED. Install it with \`apt-get install -y chromium\`. ***\n`);
}

interface AxeResult { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }

/** The newest modification time under a directory. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

export interface BrowserSystem {
  sys: TestSystem;
  base: string;
  context: BrowserContext;
  /** Uncaught exceptions, console errors and Content-Security-Policy violations, per page. */
  problems: string[];
  /** A new tab at `path`, in English, signed in as whoever the context's cookie says. */
  open(path: string): Promise<Page>;
  /** Makes the browser's session that of this user (the cookie the server set at sign-in), or none. */
  actAs(who: { headers: { cookie: string } } | null): Promise<void>;
  /** A user signed in through the API (the cookie and CSRF token to use). */
  user(options: TestUserOptions): Promise<{ user: UserView; headers: { cookie: string; 'x-csrf-token': string } }>;
  expectAccessible(page: Page): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** Failed loads the app expects and handles (no session yet, a refused sign-in, a form the server refuses) are not problems. */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of (400|401|403|404|409|422|429)\b/;

export async function startBrowserSystem(prepare?: (sys: TestSystem) => Promise<void>,
  options: Parameters<typeof startTestSystem>[0] = {}): Promise<BrowserSystem> {
  const index = join(WEB_DIST_DIR, 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newest(WEB_SRC)) {
    const { build } = await import('vite');
    await build({ configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
  const sys = await startTestSystem(options);
  await prepare?.(sys);
  // The harness's app serves the web app too (src/api/web.ts), as `refuge serve` does.
  const base = (await sys.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
  const { chromium } = await import('playwright-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'refuge-chromium-'));
  // A fresh profile each run (playwright passes it to chromium as --user-data-dir).
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    locale: 'en-CA',
    acceptDownloads: true,
  });
  // Violations of the page's Content-Security-Policy, as the page itself sees them.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  const host = new URL(base).hostname;

  const open = async (path: string) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${path}: uncaught ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' && !EXPECTED_CONSOLE.test(m.text())) problems.push(`${path}: console: ${m.text()}`); });
    // Each page starts in the default language (the profile's localStorage is shared by the tests).
    await page.goto(`${base}/healthz`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(base + path);
    return page;
  };

  return {
    sys, base, context, problems, open,
    actAs: async (who) => {
      await context.clearCookies();
      const value = who?.headers.cookie.replace(/^refuge_session=/, '');
      if (value) await context.addCookies([{ name: 'refuge_session', value, domain: host, path: '/', httpOnly: true, sameSite: 'Strict' }]);
    },
    user: (options) => sys.signInUser(options),
    expectAccessible: async (page) => {
      // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses inline scripts, as it should.
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const { violations } = await page.evaluate(async () => {
        const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<AxeResult> } };
        return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      });
      const text = violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n  ')}`).join('\n');
      expect(violations, text).toEqual([]);
    },
    shot: async (page, name) => { await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }); },
    close: async () => {
      await context.close();
      await sys.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** The links of the main navigation, in order. */
export async function navigation(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((s) => s.trim());
}
