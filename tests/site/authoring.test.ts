/**
 * Proposing from the browser: every "propose a post" link of the built site, the CMS at /admin, and
 * the screenshots of the handbook page "How to propose a post" (see ./screenshots.ts).
 */
import { Parser } from 'htmlparser2';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, dateAt, quietPeriodsOn } from '../../src/lib/calendar/calendar.ts';
import { byPublishingOrder, parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { lint } from '../../src/lib/rules/index.ts';
import type { SourceFile } from '../../src/lib/project/source.ts';
import { keepScreenshot } from './screenshots.ts';
import { launchChromium, newContext, root, siteNow } from './site.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
const now = Date.parse(siteNow);
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Every "propose a post" link of the built site, with the page it is on; read once for all tests. */
let reading: Promise<Map<string, string>> | undefined;
function proposeLinks(): Promise<Map<string, string>> {
  reading ??= (async () => {
    const links = new Map<string, string>();
    const files = (await readdir(distDir, { recursive: true })).filter((file) => file.endsWith('.html'));
    for (const file of files) {
      const parser = new Parser({
        onopentag(name, attributes) {
          const classes = (attributes['class'] ?? '').split(/\s+/);
          if (name === 'a' && attributes['href'] && (classes.includes('propose') || classes.includes('propose-text')))
            links.set(attributes['href'], file);
        },
      });
      parser.write(await readFile(join(distDir, file), 'utf8'));
      parser.end();
    }
    return links;
  })();
  return reading;
}

describe('"propose a post" links', () => {
  it("each open GitHub's new-file page with a post the loader accepts, at a time the calendar rules accept", async () => {
    const files = await readContent(root);
    const example = parseProject(files, { now });
    const { repository, defaultBranch } = example.config!;
    const links = await proposeLinks();
    expect(links.size).toBeGreaterThan(100);
    const proposals: { page: string; file: SourceFile }[] = [];
    for (const [href, page] of links) {
      const url = new URL(href);
      expect(`${url.origin}${url.pathname}`, page).toBe(`https://github.com/${repository}/new/${defaultBranch}`);
      const path = url.searchParams.get('filename')!;
      expect(path, page).toMatch(/^content\/posts\/\d{4}\/\d{2}\/[a-z0-9-]+\.mdx$/);
      expect(example.files, `${page}: ${path} is a file that exists`).not.toContain(path);
      proposals.push({ page, file: { path, bytes: new TextEncoder().encode(url.searchParams.get('value')!) } });
    }
    // Loaded with the example project, each proposed file is a post like any other. One load of them
    // all gives each file the verdict it gets alone: the loader reads every post on its own, and what
    // it checks across posts (unique ids) could only add problems.
    const loaded = parseProject([...files, ...proposals.map(({ file }) => file)], { now });
    for (const {
      page,
      file: { path },
    } of proposals) {
      expect(
        loaded.problems.filter((p) => p.file === path),
        `${page}: ${path}`,
      ).toEqual([]);
      const post = loaded.posts.find((candidate) => candidate.file === path)!;
      expect(post.written.publishAt.slice(0, 7).replace('-', '/'), page).toBe(path.slice(14, 21));
      // ...that fits the calendar as it is, on its own: no gap, daily limit or quiet period broken.
      const withIt = {
        ...example,
        posts: [...example.posts, post].sort(byPublishingOrder),
        files: [...example.files, path],
      };
      const calendarErrors = lint(withIt, { now, files: new Set([path]) }).filter(
        (p) => p.rule.startsWith('calendar/') && p.severity === 'error',
      );
      expect(calendarErrors, `${page}: ${path}`).toEqual([]);
    }
  });

  it('are offered on every day from today on, except in quiet periods', async () => {
    const { config } = parseProject(await readContent(root), { now });
    const proposed = new Set(
      [...(await proposeLinks()).keys()].map(
        (href) => /(\d{4}-\d{2}-\d{2})-new-post\.mdx$/.exec(new URL(href).searchParams.get('filename')!)![1]!,
      ),
    );
    const last = [...proposed].sort().at(-1)!;
    const expected: string[] = [];
    for (let date = dateAt(now, config!.timezone); date <= last; date = addDays(date, 1)) {
      if (quietPeriodsOn(config!.calendar, date).length === 0) expected.push(date);
    }
    expect(expected.some((date) => date.startsWith('2026-12-2'))).toBe(true);
    expect([...proposed].sort()).toEqual(expected);
  });
});

describe('the CMS at /admin', () => {
  it('runs Sveltia CMS from the site itself, configured for the repository, and offers to sign in with an access token', async () => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(new URL('admin/', siteUrl).toString());
    await page.getByRole('button', { name: /Sign In Using Access Token/ }).waitFor();
    await expect(
      page.getByRole('heading', { name: "Riverside Residents' Association: Herald" }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText(/configuration error/i).count()).resolves.toBe(0);
    // herald.yaml names no OAuth client (cms.authBaseUrl): "Sign In with GitHub" would open Netlify's.
    await expect(page.getByRole('button', { name: /Sign In with\W*GitHub/ }).count()).resolves.toBe(0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((url) => new URL(url).origin !== new URL(siteUrl).origin)).toEqual([]);
  });
});

describe('the CMS at /admin in another language', () => {
  it("speaks the browser's language: its translations are served with it, from the site", async () => {
    const french = await newContext(browser, { locale: 'fr-FR' });
    const tab = await french.newPage();
    const failed: string[] = [];
    tab.on('requestfailed', (request) => failed.push(request.url()));
    tab.on('response', (response) => {
      if (response.status() >= 400) failed.push(response.url());
    });
    await tab.goto(new URL('admin/', siteUrl).toString());
    await tab
      .getByText(/Bienvenue/)
      .first()
      .waitFor({ timeout: 30_000 });
    await expect(tab.getByText(/Couldn.t load the French translation/).count()).resolves.toBe(0);
    // Only the site's own files: the CMS also asks GitHub's status page, which tests cannot reach.
    expect(failed.filter((url) => new URL(url).origin === new URL(siteUrl).origin)).toEqual([]);
    await french.close();
  });
});

/** Where the how-to page keeps its pictures: next to it, so the handbook's MDX can show them. */
const howTo = 'content/handbook/how-to-propose-a-post';

describe('screenshots for "How to propose a post"', () => {
  it('shows the month, with the link that proposes a post on a day', async () => {
    await page.goto(new URL('calendar/2026/12/', siteUrl).toString());
    const link = page.locator('td[data-date="2026-12-10"] a.propose');
    await link.focus();
    await expect(link.isVisible()).resolves.toBe(true);
    await keepScreenshot(`${howTo}/propose-on-a-day.png`, await page.locator('main').screenshot());
  });

  it('shows the preview of a post: what each network receives', async () => {
    await page.goto(new URL('posts/agm-2026-live/', siteUrl).toString());
    await expect(page.locator('main h1').textContent()).resolves.toContain('AGM 2026');
    await keepScreenshot(`${howTo}/post-preview.png`, await page.screenshot());
  });

  it("shows the CMS's sign-in with an access token", async () => {
    await page.goto(new URL('admin/', siteUrl).toString());
    await page.getByRole('button', { name: /Sign In Using Access Token/ }).click();
    // The handbook sends people through this link: a new fine-grained token with what the CMS needs.
    const tokenPage = new URL((await page.getByRole('link', { name: /user settings page/ }).getAttribute('href'))!);
    expect(`${tokenPage.origin}${tokenPage.pathname}`).toBe('https://github.com/settings/personal-access-tokens/new');
    expect(Object.fromEntries(tokenPage.searchParams)).toMatchObject({ contents: 'write', pull_requests: 'write' });
    // The dialog fades in and the font swaps: wait until the screen stands still.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    await keepScreenshot(`${howTo}/cms-sign-in.png`, await page.screenshot({ animations: 'disabled' }));
  });
});
