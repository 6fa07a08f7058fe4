/**
 * What the site's tests share: the build's fixed "now", the example project as the site shows it
 * (expectations come from the same data the site renders), and Chromium with the flags this
 * machine needs.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseProject } from '../../src/lib/project/load.ts';
import { publicView } from '../../src/lib/views/privacy.ts';
import { readContent } from '../../src/lib/project/read-content.ts';

export const siteNow = '2026-11-23T12:00:00Z';

const viteVariables = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']);

export const root = join(import.meta.dirname, '..', '..');

/**
 * Builds the site into `outDir` in its own process, with a fixed now, no ledger (a local
 * .herald/ledger.json from a developer's own runs must not change what tests see) and only the
 * given Herald settings from the environment (HERALD_PAUSED, HERALD_PROJECT_DIR, HERALD_LEDGER).
 * Returns what the build printed, with its colours.
 */
export async function buildSite(outDir: string, env: Record<string, string> = {}): Promise<string> {
  // A test worker also carries Vite's own variables (BASE_URL=/, MODE=test, ...), which the build
  // would take for its own and lose the site's base.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('HERALD_') && !viteVariables.has(key) && !key.startsWith('VITEST'),
    ),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir],
      {
        cwd: root,
        env: {
          ...clean,
          HERALD_NOW: siteNow,
          HERALD_LEDGER: join(outDir, 'no-ledger.json'),
          ASTRO_TELEMETRY_DISABLED: '1',
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return `${stdout}${stderr}`;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`The site did not build:\n${stderr || stdout}`, { cause: error });
  }
}

/** The example as the loader reads it, internal posts and private channels included. */
export async function exampleAsWritten() {
  return parseProject(await readContent(root), { now: Date.parse(siteNow) });
}

/** The example as the site shows it: the public view of it (src/lib/views/privacy.ts). */
export async function exampleProject() {
  return publicView(await exampleAsWritten());
}

/**
 * Chromium runs on the real clock even when the tests run under libfaketime (see DEVELOPERS.md):
 * under it, launching Chromium and opening a blank page took 76 s instead of 7 s, and every browser
 * test timed out. The pages do not need the moved clock: every date they show is worked out at
 * build time, from HERALD_NOW.
 */
export const realClock: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && entry[0] !== 'LD_PRELOAD' && !entry[0].startsWith('FAKETIME'),
  ),
);

export const chromiumPath = process.env['HERALD_CHROMIUM'] ?? '/usr/bin/chromium';
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, env: realClock, args: chromiumFlags });
}

/** A fresh context per test file: no cookies or storage shared with another file. */
export function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...options });
}
