/**
 * Posts with errors on the built site: a build of a small project in which some post files cannot be
 * loaded. The build says which files it could not use and why; the calendar shows a broken post on
 * its day when its time can be read, and lists the others as "could not be read"; each has a page
 * with its problems. Read in Chromium, as a reader sees the pages.
 */
import AxeBuilder from '@axe-core/playwright';
import { preview } from 'astro';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeholderText } from '../../src/lib/calendar/placeholder.ts';
import { runProgram, TempProjects } from '../helpers/cli.ts';
import { freePort } from '../helpers/ports.ts';
import { launchChromium, newContext, root, siteNow } from './site.ts';

const config = `organization: Test Association
timezone: Europe/Warsaw
repository: example/test
locale: en-GB
site: https://example.github.io/broken/
channels:
  - id: mastodon
    network: mastodon
    instance: https://mastodon.social
  - id: x
    network: x
`;
const post = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n${body}\n`;
const files = {
  'content/herald.yaml': config,
  'content/posts/2026/12/good.mdx': post(
    'title: A good post\npublishAt: 2026-12-04 10:00\nchannels: [mastodon, x]',
    'Hello, neighbours.',
  ),
  // A setting misspelt: its time can still be read, so it stands on 5 December.
  'content/posts/2026/12/misspelt.mdx': post(
    'title: Misspelt setting\npublishAt: 2026-12-05 10:00\nchannels: [mastodon]\ncampain: agm',
    'The meeting is on.',
  ),
  // An hour that does not exist, and front matter YAML cannot read: no day to stand on.
  'content/posts/2026/12/bad-time.mdx': post(
    'title: Impossible hour\npublishAt: 2026-12-06 25:00\nchannels: [mastodon]',
    'At an hour that does not exist.',
  ),
  'content/posts/2026/12/yaml-broken.mdx': post(
    'title: AGM: live\npublishAt: 2026-12-07 10:00\nchannels: [x]',
    'Live.',
  ),
  // Two posts with one id: neither is a post, each has a page of its own.
  'content/posts/2026/12/twin-a.mdx': post(
    'title: Twin A\npublishAt: 2026-12-08 10:00\nchannels: [x]\nid: twin',
    'First twin.',
  ),
  'content/posts/2026/12/twin-b.mdx': post(
    'title: Twin B\npublishAt: 2026-12-09 10:00\nchannels: [mastodon]\nid: twin',
    'Second twin.',
  ),
  // Loads, but its text is still the placeholder of a new post.
  'content/posts/2026/12/draft.mdx': post(
    'title: New post\npublishAt: 2026-12-10 10:00\nchannels: [mastodon]',
    placeholderText('draft'),
  ),
  'content/handbook/policy.mdx': post(
    'title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-11-01\nreviewEvery: P1Y',
    'We answer within {24 hours.',
  ),
};

const projects = new TempProjects();
let output: string;
let siteUrl: string;
let server: Awaited<ReturnType<typeof preview>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const dir = await projects.make(files);
  const outDir = join(dir, 'dist');
  // Not --silent: what the build prints is under test.
  const build = await runProgram([join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], root, {
    HERALD_PROJECT_DIR: dir,
    HERALD_NOW: siteNow,
    HERALD_LEDGER: join(dir, 'no-ledger.json'),
    ASTRO_TELEMETRY_DISABLED: '1',
  });
  output = build.stdout + build.stderr;
  if (build.code !== 0) throw new Error(`The site did not build:\n${output}`);
  // The preview reads astro.config, which reads herald.yaml: that of the project built here.
  process.env['HERALD_PROJECT_DIR'] = dir;
  try {
    server = await preview({ root, outDir, logLevel: 'error', server: { host: '127.0.0.1', port: await freePort() } });
  } finally {
    delete process.env['HERALD_PROJECT_DIR'];
  }
  siteUrl = `http://127.0.0.1:${server.port}/broken/`;
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  await projects.clean();
});

const open = async (path: string) => {
  const response = await page.goto(new URL(path, siteUrl).toString());
  expect(response?.status(), path).toBe(200);
};
const text = (selector: string) => page.locator(selector).innerText();

describe('the build', () => {
  it('says once which files it could not use, what it did with each and why', () => {
    expect(output.match(/content files have errors/g)).toHaveLength(1);
    expect(output).toContain('6 content files have errors, so the site does not use them as written:');
    expect(output).toContain(
      'content/posts/2026/12/misspelt.mdx: shown on the site as a broken post, with its problems (page posts/misspelt/), never published\n    line 5: Unknown setting "campain". Did you mean "campaign"? (schema/unknown-key)',
    );
    expect(output).toContain(
      'content/posts/2026/12/bad-time.mdx: shown on the site as a broken post, with its problems (page posts/bad-time/), never published\n    line 3:',
    );
    expect(output).toContain('content/posts/2026/12/yaml-broken.mdx: shown on the site as a broken post');
    expect(output).toContain(
      'content/posts/2026/12/twin-a.mdx: shown on the site as a broken post, with its problems (page posts/twin/)',
    );
    expect(output).toContain(
      'content/posts/2026/12/twin-b.mdx: shown on the site as a broken post, with its problems (page posts/twin-b/)',
    );
    expect(output).toContain(
      'content/handbook/policy.mdx: left out of the site: it has no page\n    line 8: This page is not valid MDX',
    );
    // Files that load are not in the list, the draft with its placeholder included: its page shows the finding.
    expect(output).not.toMatch(/good\.mdx|draft\.mdx/);
  });
});

describe('broken posts on the calendar', () => {
  it('stand on their day in the month, marked as having errors and not published', async () => {
    await open('calendar/2026/12/');
    expect(await text('td[data-date="2026-12-05"]')).toMatch(
      /10:00\s*Misspelt setting\s*⚠\s*Has errors: not published/,
    );
    expect(await text('td[data-date="2026-12-08"]')).toContain('Twin A');
    expect(await text('td[data-date="2026-12-09"]')).toContain('Twin B');
    // The post that loaded is shown as before, without the mark.
    expect(await text('td[data-date="2026-12-04"]')).toContain('A good post');
    expect(await text('td[data-date="2026-12-04"]')).not.toContain('Has errors');
  });

  it('stand on their day in the agenda and the week, and on the home page among the next posts', async () => {
    for (const path of ['calendar/', 'calendar/week/2026-11-30/', '']) {
      await open(path);
      expect(await text('main'), path).toMatch(/Misspelt setting\s*⚠?\s*Has errors: not published/);
    }
  });

  it('are listed as "could not be read" on the calendar pages and the home page when their time cannot be read', async () => {
    for (const path of ['calendar/', 'calendar/2026/12/', 'calendar/week/2026-11-30/', '']) {
      await open(path);
      const list = page.getByRole('region', { name: 'Posts that could not be read' });
      await expect(list.isVisible(), path).resolves.toBe(true);
      const items = await list.getByRole('listitem').allInnerTexts();
      expect(items, path).toEqual([
        'Impossible hour (content/posts/2026/12/bad-time.mdx)',
        'yaml-broken.mdx (content/posts/2026/12/yaml-broken.mdx)',
      ]);
    }
  });

  it('leads to a page that says the post is not published and lists its problems at their lines', async () => {
    await open('calendar/2026/12/');
    await page.getByRole('link', { name: 'Misspelt setting' }).click();
    await page.waitForURL(/\/posts\/misspelt\/$/);
    expect(await text('h1')).toBe('Misspelt setting');
    expect(await text('main')).toContain(
      'This post has errors. It is not on the calendar as a post and is never published until the errors below are fixed in its file.',
    );
    const finding = page.locator('.finding');
    expect(await finding.innerText()).toMatch(
      /Error · schema\/unknown-key · line 5\s+Unknown setting "campain"\. Did you mean "campaign"\?/,
    );
    expect(await finding.getByRole('link').getAttribute('href')).toBe(
      'https://github.com/example/test/blob/main/content/posts/2026/12/misspelt.mdx#L5',
    );
  });

  it('has a page for a post that could not be read, and for each of two posts with one id', async () => {
    await open('');
    await page.getByRole('link', { name: 'Impossible hour' }).click();
    await page.waitForURL(/\/posts\/bad-time\/$/);
    expect(await text('.findings')).toMatch(
      /time\/format · line 3\s+"publishAt": "2026-12-06 25:00" is not a real date or time/,
    );
    for (const [path, title] of [
      ['posts/yaml-broken/', 'yaml-broken.mdx'],
      ['posts/twin/', 'Twin A'],
      ['posts/twin-b/', 'Twin B'],
    ] as const) {
      await open(path);
      expect(await text('h1'), path).toBe(title);
      expect(await text('.findings'), path).toMatch(/Error · (yaml\/syntax|post\/duplicate-id)/);
    }
  });

  it('shows a post that still has its placeholder text with that error, not "the checks pass"', async () => {
    await open('posts/draft/');
    const findings = await text('.findings');
    expect(findings).toMatch(/Error · post\/placeholder · line 6\s+This is still the placeholder of a new post/);
    expect(findings).not.toContain('the checks pass');
  });
});

describe('the pages with broken posts', () => {
  it.each(['', 'calendar/', 'calendar/2026/12/', 'posts/misspelt/', 'posts/bad-time/'])(
    '%s has no serious or critical accessibility violation',
    async (path) => {
      await open(path);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.help}`);
      expect(serious).toEqual([]);
    },
  );
});
