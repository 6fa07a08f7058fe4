/**
 * What the site's tests share: the build's fixed "now", the example project as the loader reads it
 * (expectations come from the same data the site renders), and Chromium with the flags this
 * machine needs.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { join } from 'node:path';
import { parseProject } from '../../src/lib/load.ts';
import { readContent } from '../../src/lib/read-content.ts';

export const siteNow = '2026-11-23T12:00:00Z';

export async function exampleProject() {
  return parseProject(await readContent(join(import.meta.dirname, '..', '..')), { now: Date.parse(siteNow) });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['HERALD_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context per test file: no cookies or storage shared with another file. */
export function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...options });
}
