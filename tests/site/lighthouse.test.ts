/**
 * Lighthouse (pinned to 12.2.3) on the pages people open most, as a phone sees them (its default
 * mobile profile: a 412 px screen, a slow 4G network and a 4x slower CPU, simulated): accessibility
 * and best practices at 100, performance at least 95. Lighthouse drives Debian's Chromium through
 * chrome-launcher, with the same flags as the other browser tests and a fresh profile.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumFlags, chromiumPath, realClock } from './site.ts';

const siteUrl = inject('siteUrl');
let chrome: chromeLauncher.LaunchedChrome;
let profile: string;

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), 'herald-lighthouse-'));
  chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: chromiumFlags,
    userDataDir: profile,
    envVars: realClock,
  });
});

afterAll(async () => {
  await chrome?.kill();
  await rm(profile, { recursive: true, force: true });
});

/** What keeps a category below its full score: each audit that failed, with what it measured. */
function shortfalls(lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'], category: string): string[] {
  return lhr.categories[category]!.auditRefs.flatMap(({ id, weight }) => {
    const audit = lhr.audits[id]!;
    if (weight === 0 || audit.score === null || audit.score >= 1) return [];
    return [`${id}: ${audit.score}${audit.displayValue ? ` (${audit.displayValue})` : ''}`];
  });
}

describe('Lighthouse, phone profile', () => {
  const pages = [
    ['month', 'calendar/2026/12/'],
    ['week', 'calendar/week/2026-11-30/'],
    ['post', 'posts/agm-2026-live/'],
    ['handbook', 'handbook/style-guide/'],
  ] as const;

  it.each(pages)(
    'scores the %s page 100 for accessibility and best practices, at least 95 for performance',
    async (_, path) => {
      const result = await lighthouse(new URL(path, siteUrl).toString(), {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = result!.lhr;
      expect(lhr.runtimeError?.message).toBeUndefined();
      const scores = Object.fromEntries(
        Object.entries(lhr.categories).map(([id, category]) => [id, Math.round((category.score ?? 0) * 100)]),
      );
      expect({ accessibility: scores['accessibility'], failing: shortfalls(lhr, 'accessibility') }).toEqual({
        accessibility: 100,
        failing: [],
      });
      expect({ bestPractices: scores['best-practices'], failing: shortfalls(lhr, 'best-practices') }).toEqual({
        bestPractices: 100,
        failing: [],
      });
      expect(scores['performance'], shortfalls(lhr, 'performance').join('; ')).toBeGreaterThanOrEqual(95);
    },
    120_000,
  );
});
