/**
 * Every page the build wrote, in Chromium, at a small phone's width (320 px), a common phone's
 * (390 px) and a desktop's (1,280 px): nothing wider than the screen and nothing in the console at
 * any of them, and no serious or critical accessibility violation (axe-core, WCAG 2.2 A/AA and best
 * practices). Sampling one page per kind missed the handbook's task lists, so axe runs on every
 * page, at 1,280 px, where everything a page holds is shown (its menu and table of contents too);
 * at 390 px, where the phone layout hides some of that and adds its own parts (day links, folded
 * menus), it runs on one page of each kind, since that layout comes from the template, not the
 * content. axe costs about ten times a page visit, so this keeps the file within CI's time. The
 * CMS at /admin/ is a prebuilt application (Sveltia) with its own tests; it is held to no overflow
 * only.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keepScreenshot } from './screenshots.ts';
import { launchChromium, newContext } from './site.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
const widths = [320, 390, 1280] as const;
/** One page of each kind, checked by axe in the phone layout too. */
const phoneSamples = new Set([
  '',
  'calendar/',
  'calendar/channel/x/',
  'calendar/2026/12/',
  'calendar/label/agm/2026/12/',
  'calendar/week/2026-11-30/',
  'posts/agm-2026-live/',
  'handbook/',
  'handbook/style-guide/',
  'handbook/events-playbook/',
  'handbook/crisis-playbook-fa/',
  'status/',
  '404.html',
]);
const axeAt = (path: string, width: number) => width === 1280 || (width === 390 && phoneSamples.has(path));
const tabs = 4;
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

const pages = (await readdir(distDir, { recursive: true }))
  .filter((path) => path.endsWith('.html'))
  .map((path) => path.replace(/index\.html$/, ''))
  .sort();
const isApp = (path: string) => path.startsWith('admin/');

/** The elements that stick out past the right (or, right to left, the left) edge of the screen. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`;
    const wide = [...document.body.querySelectorAll('*')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1);
    });
    // The outermost ones: their children stick out with them.
    const outermost = wide.filter((element) => !wide.includes(element.parentElement!));
    return [
      `the page is ${document.documentElement.scrollWidth} px wide`,
      ...outermost
        .slice(0, 5)
        .map((element) => `${describe(element)} is ${Math.round(element.getBoundingClientRect().width)} px wide`),
    ];
  });
}

/** What one page shows wrong at one width. */
async function problems(page: Page, path: string, width: number, console: string[]): Promise<string[]> {
  const found = (await overflowing(page)).map((problem) => `/${path} at ${width} px: ${problem}`);
  if (isApp(path)) return found;
  found.push(...console.map((message) => `/${path} at ${width} px logs: ${message}`));
  if (!axeAt(path, width)) return found;
  // Violations only: axe then skips building the report of what passed, about a quarter of its time.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  if (results.passes.length === 0) found.push(`/${path} at ${width} px: axe checked nothing`);
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(' '))
      .join(', ');
    found.push(
      `/${path} at ${width} px: ${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length}: ${where})`,
    );
  }
  return found;
}

describe('every built page', () => {
  it('includes every kind of page, each sampled in the phone layout', () => {
    for (const sample of phoneSamples) expect(pages).toContain(sample);
  });

  // In groups, four tabs at a time, as tests/site/csp.test.ts visits them: one test per page would
  // spend more on tabs than on pages.
  const size = 24;
  const groups = Array.from({ length: Math.ceil(pages.length / size) }, (_, i) =>
    pages.slice(i * size, i * size + size),
  );
  it.each(groups.map((group) => [`/${group[0]} to /${group.at(-1)}`, group] as const))(
    'fits 320, 390 and 1,280 px screens, with no serious accessibility violation and a quiet console: %s',
    async (_, group) => {
      const found: string[] = [];
      await Promise.all(
        Array.from({ length: tabs }, async (__, t) => {
          const page = await context.newPage();
          const logged: string[] = [];
          page.on('console', (message) => {
            if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
          });
          page.on('pageerror', (error) => logged.push(error.message));
          try {
            for (let i = t; i < group.length; i += tabs) {
              const path = group[i]!;
              for (const width of widths) {
                await page.setViewportSize({ width, height: 800 });
                logged.length = 0;
                const response = await page.goto(new URL(path, siteUrl).toString(), { waitUntil: 'load' });
                if (!response?.ok() && path !== '404.html') found.push(`/${path}: ${response?.status()}`);
                found.push(...(await problems(page, path, width, [...logged])));
              }
            }
          } finally {
            await page.close();
          }
        }),
      );
      expect(found).toEqual([]);
    },
    600_000,
  );
});

describe('pictures of each kind of page for docs/design.md', () => {
  // Kept in tmp/screenshots/ (tests/site/screenshots.ts); `npm run screenshots` puts them in docs/.
  const kinds = [
    ['home', ''],
    ['month', 'calendar/2026/12/'],
    ['week', 'calendar/week/2026-11-30/'],
    ['post', 'posts/agm-2026-live/'],
    ['handbook', 'handbook/style-guide/'],
  ] as const;
  it.each(kinds)('takes the %s page at phone and desktop widths', async (kind, path) => {
    const page = await context.newPage();
    try {
      for (const [name, width, height] of [
        ['phone', 390, 844],
        ['desktop', 1280, 900],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.goto(new URL(path, siteUrl).toString(), { waitUntil: 'load' });
        const png = await page.screenshot();
        expect(png.byteLength).toBeGreaterThan(10_000);
        await keepScreenshot(`docs/screenshots/${kind}-${name}.png`, png);
      }
    } finally {
      await page.close();
    }
  });
});
