/** axe-core on each kind of page: no serious or critical violation of WCAG 2.2 A/AA. */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exampleProject, launchChromium, newContext } from './site.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const project = await exampleProject();
const threaded = project.posts.find((post) => post.parts.length > 1)!;
const withMedia = project.posts.find((post) => post.media.length > 0)!;
const persian = project.handbook.find((page) => page.lang === 'fa')!;
const styleGuide = project.handbook.find((page) => page.houseRules)!;

const pages: [string, string][] = [
  ['home', ''],
  ['agenda', 'calendar/'],
  ['month', 'calendar/2026/12/'],
  ['filtered month', 'calendar/channel/mastodon/2026/12/'],
  ['week', 'calendar/week/2026-11-30/'],
  ['post with a thread', `posts/${threaded.id}/`],
  ['post with media', `posts/${withMedia.id}/`],
  ['handbook index', 'handbook/'],
  ['style guide', `handbook/${styleGuide.slug}/`],
  ['Persian page', `handbook/${persian.slug}/`],
  ['not found', '404.html'],
];

describe('accessibility', () => {
  it.each(pages)('%s has no serious or critical violation', async (_, path) => {
    const page = await context.newPage();
    try {
      const response = await page.goto(new URL(path, siteUrl).toString());
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(serious).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(10);
    } finally {
      await page.close();
    }
  });
});
