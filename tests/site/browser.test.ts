/** A reader's way through the built site, in Chromium. Expectations come from the loader's own data. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, agendaEntries, matches, placePosts } from '../../src/lib/calendar/calendar.ts';
import type { Project } from '../../src/lib/project/model.ts';
import { previews } from '../../src/lib/text/posts.ts';
import type { Problem } from '../../src/lib/project/problems.ts';
import { publicFindings } from '../../src/lib/views/privacy.ts';
import { lint } from '../../src/lib/rules/index.ts';
import { occurrences } from '../../src/lib/publishing/schedule.ts';
import { exampleAsWritten, exampleProject, launchChromium, newContext, root, siteNow } from './site.ts';

const siteUrl = inject('siteUrl');
const today = siteNow.slice(0, 10);
/** A day as the example's locale (en-GB) writes it in full, by the same Intl data the build uses. */
const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
let browser: Browser;
let context: BrowserContext;
let page: Page;
let project: Project;
let placed: ReturnType<typeof placePosts>;

beforeAll(async () => {
  project = await exampleProject();
  placed = placePosts(project.posts, project.config!.timezone);
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const open = (path: string) => page.goto(new URL(path, siteUrl).toString());
const postIds = () =>
  page.locator('main [data-post]').evaluateAll((items) => items.map((item) => item.getAttribute('data-post')));

describe('calendar', () => {
  it('opens on the agenda of upcoming posts, in the organisation time zone', async () => {
    await open('calendar/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Upcoming posts');
    expect(await postIds()).toEqual(agendaEntries(placed, undefined, today).map((entry) => entry.post.id));
    await expect(page.locator('.zone').textContent()).resolves.toContain('Europe/Warsaw');
  });

  it('moves between months, each post on its day', async () => {
    await open('calendar/');
    await page.getByRole('link', { name: 'Month', exact: true }).click();
    await page.waitForURL(/calendar\/2026\/11\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('November 2026');
    await page.getByRole('link', { name: 'Next month' }).click();
    await page.waitForURL(/calendar\/2026\/12\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('December 2026');
    const december = placed.filter((entry) => entry.date.startsWith('2026-12'));
    expect(december.length).toBeGreaterThan(0);
    for (const entry of december) {
      await expect(page.locator(`td[data-date="${entry.date}"] [data-post="${entry.post.id}"]`).count()).resolves.toBe(
        1,
      );
    }
    await page.getByRole('link', { name: 'Previous month' }).click();
    await page.waitForURL(/calendar\/2026\/11\/$/);
  });

  it("writes times and weeks as the example's locale (en-GB) does: 24-hour clock, weeks from Monday", async () => {
    await open('calendar/2026/12/');
    await expect(page.locator('thead th abbr').first().getAttribute('title')).resolves.toBe('Monday');
    await expect(
      page.locator('td[data-date="2026-12-03"] [data-post="agm-2026-live"] time').textContent(),
    ).resolves.toBe('18:30');
  });

  it('shows every repetition of an evergreen post on its day, marked as a repetition', async () => {
    await open('calendar/2027/02/');
    const repetition = page.locator('td[data-date="2027-02-09"] [data-post="membership-why-join"]');
    await expect(repetition.locator('time').textContent()).resolves.toBe('17:30');
    await expect(repetition.locator('.repeat-mark').isVisible()).resolves.toBe(true);
    await expect(repetition.textContent()).resolves.toContain('(a repetition of an evergreen post)');
    // The first publication, in November, carries no mark.
    await open('calendar/2026/11/');
    await expect(
      page.locator('td[data-date="2026-11-09"] [data-post="membership-why-join"] .repeat-mark').count(),
    ).resolves.toBe(0);
  });

  it('filters by channel with plain links', async () => {
    await open('calendar/');
    await page.locator('.filters summary').click();
    await page.locator('[data-filter="channel:x"]').click();
    await page.waitForURL(/calendar\/channel\/x\/$/);
    const expected = agendaEntries(placed, { kind: 'channel', value: 'x' }, today).map((entry) => entry.post.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(await postIds()).toEqual(expected);
    const onX = await page
      .locator('main [data-post]')
      .evaluateAll((items) => items.every((item) => item.querySelector('[data-channel="x"]')));
    expect(onX).toBe(true);
  });

  it('offers to propose a post on a day, with the file filled in for GitHub', async () => {
    await open('calendar/2026/12/');
    const link = page.locator('td[data-date="2026-12-10"] a.propose');
    await expect(link.getAttribute('aria-label')).resolves.toBe(`Propose a post on ${longDate('2026-12-10')}`);
    const url = new URL((await link.getAttribute('href'))!);
    expect(url.pathname).toBe(`/${project.config!.repository}/new/${project.config!.defaultBranch}`);
    expect(url.searchParams.get('filename')).toBe('content/posts/2026/12/2026-12-10-new-post.mdx');
    // The first time of the day the calendar rules accept: 10 December is free from 09:00; on
    // 3 December the posts at 09:00 push it an hour later.
    expect(url.searchParams.get('value')).toContain('publishAt: 2026-12-10 09:00');
    const busy = new URL((await page.locator('td[data-date="2026-12-03"] a.propose').getAttribute('href'))!);
    expect(busy.searchParams.get('value')).toContain('publishAt: 2026-12-03 10:00');
    // A day in a quiet period shows why, and offers no link.
    await expect(page.locator('td[data-date="2026-12-25"]').textContent()).resolves.toContain('Quiet period: Holidays');
    await expect(page.locator('td[data-date="2026-12-25"] a.propose').count()).resolves.toBe(0);
    // Days before today get no such link.
    await open('calendar/2026/11/');
    await expect(page.locator('td[data-date="2026-11-22"] a.propose').count()).resolves.toBe(0);
  });

  it('prints a month on one landscape page', async () => {
    await open('calendar/2026/12/');
    await page.emulateMedia({ media: 'print' });
    const dir = await mkdtemp(join(tmpdir(), 'herald-print-'));
    try {
      const screenshot = await page.screenshot({ fullPage: true });
      await writeFile(join(dir, 'month.png'), screenshot);
      expect(screenshot.byteLength).toBeGreaterThan(10_000);
      await expect(page.locator('.propose').first().isVisible()).resolves.toBe(false);
      await expect(page.locator('.filters').isVisible()).resolves.toBe(false);
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      const [, width, height] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf)!;
      expect(Number(width)).toBeGreaterThan(Number(height));
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('post page', () => {
  it('shows the exact text and count each network receives, part by part', async () => {
    const post = project.posts.find((p) => p.parts.length > 1 && p.channels.length > 1)!;
    await open(`posts/${post.id}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe(post.title);
    const expected = previews(post, project.channels);
    for (const preview of expected) {
      const section = page.locator(`.preview[data-channel="${preview.channel}"]`);
      expect(await section.locator('.post-text').allTextContents()).toEqual(preview.parts.map((part) => part.text));
      const counts = await section
        .locator('.count')
        .evaluateAll((items) => items.map((item) => [Number(item.getAttribute('data-length')), item.textContent]));
      expect(counts.map(([length]) => length)).toEqual(preview.parts.map((part) => part.length));
      preview.parts.forEach((part, i) => {
        expect(counts[i]![1]).toContain(
          `${part.length.toLocaleString('en')} / ${part.limit!.toLocaleString('en')} characters`,
        );
      });
    }
  });

  it("looks like each network: links, mentions and hashtags styled, Mastodon's content warning folded", async () => {
    const post = project.posts.find(
      (p) => p.contentWarning && p.channels.some((id) => project.channels[id]!.network === 'mastodon'),
    )!;
    await open(`posts/${post.id}/`);
    const mastodon = page.locator('.preview-mastodon').first();
    await expect(mastodon.locator('.content-warning > summary').textContent()).resolves.toContain(post.contentWarning);
    await expect(mastodon.locator('.post-text').first().isVisible()).resolves.toBe(false);
    await mastodon.locator('.content-warning > summary').click();
    await expect(mastodon.locator('.post-text').first().isVisible()).resolves.toBe(true);
    // Other networks have no content warning: the text shows at once.
    const other = page.locator('.preview:not(.preview-mastodon)').first();
    await expect(other.locator('.post-text').first().isVisible()).resolves.toBe(true);

    await open('posts/agm-2026-live/');
    const hashtag = page.locator('.preview-mastodon .rt-hashtag').first();
    await expect(hashtag.textContent()).resolves.toBe('#RiversideAGM');
    const [styled, plain] = await Promise.all(
      [hashtag, page.locator('.preview-mastodon .post-text').first()].map((node) =>
        node.evaluate((element) => getComputedStyle(element).color),
      ),
    );
    expect(styled).not.toBe(plain);
  });

  it('lists every publication of an evergreen post with its own status', async () => {
    const post = project.posts.find((p) => p.id === 'membership-why-join')!;
    await open(`posts/${post.id}/`);
    const items = page.locator('.publications > ol > li');
    const times = await items
      .locator('time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')));
    expect(times).toEqual(occurrences(post));
    expect(times).toHaveLength(5);
    // The first went out before the build's "now" with no ledger: missed. The others are ahead.
    // One status per channel, on one line.
    const states = (item: ReturnType<typeof items.nth>) =>
      item
        .locator('[data-state]')
        .evaluateAll((chips) =>
          chips.map((chip) => `${chip.getAttribute('data-channel')}:${chip.getAttribute('data-state')}`),
        );
    expect(await states(items.first())).toEqual(post.channels.map((channel) => `${channel}:missed`));
    await expect(items.nth(1).textContent()).resolves.toContain(longDate('2027-02-09'));
    expect(await states(items.nth(1))).toEqual(post.channels.map((channel) => `${channel}:scheduled`));
    const lines = await items
      .nth(1)
      .locator('.statuses')
      .evaluate((list) =>
        Math.round(list.getBoundingClientRect().height / parseFloat(getComputedStyle(list).lineHeight)),
      );
    expect(lines).toBe(1);
  });

  it('shows each image with its alt text', async () => {
    const post = project.posts.find((p) => p.media.length > 0)!;
    await open(`posts/${post.id}/`);
    const image = page.locator('.preview img').first();
    await expect(image.getAttribute('alt')).resolves.toBe(post.media[0]!.alt);
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await expect(page.locator('.preview .alt-text').first().textContent()).resolves.toContain(post.media[0]!.alt);
  });

  it('lists what herald validate reports about its file, and says when there is nothing', async () => {
    // The test build has no ledger, so posts whose time has passed are reported as never published.
    // What validate reports that the public view has too (publicFindings): what the site shows.
    const now = Date.parse(siteNow);
    const findings: Problem[] = publicFindings(lint(await exampleAsWritten(), { now }), lint(project, { now }));
    const ofPost = (id: string) =>
      findings.filter((problem) => problem.file === project.posts.find((p) => p.id === id)!.file);
    const withFinding = project.posts.find((p) => ofPost(p.id).length > 0)!;
    await open(`posts/${withFinding.id}/`);
    const shown = await page
      .locator('.finding')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')));
    expect(shown).toEqual(ofPost(withFinding.id).map((problem) => problem.rule));
    expect(shown).toContain('calendar/past-unpublished');

    const clean = project.posts.find((p) => ofPost(p.id).length === 0)!;
    await open(`posts/${clean.id}/`);
    await expect(page.locator('.finding').count()).resolves.toBe(0);
    await expect(page.locator('.no-findings').isVisible()).resolves.toBe(true);
  });
});

describe('handbook', () => {
  it('finds a page by a word in its text', async () => {
    const english = project.handbook.filter((p) => !p.lang);
    const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{9,}/gu) ?? []);
    const [page0, word] = english.flatMap((p) =>
      [...words(p.body)]
        .filter((w) => english.every((other) => other === p || !other.body.toLowerCase().includes(w.slice(0, 7))))
        .map((w) => [p, w] as const),
    )[0]!;
    await open('handbook/');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Search the handbook').fill(word);
    const first = page.locator('.search-results a').first();
    await first.waitFor();
    await expect(first.getAttribute('href')).resolves.toBe(`/riverside-social/handbook/${page0.slug}/`);
    await expect(page.locator('.search-status').textContent()).resolves.toMatch(/^1 page found$/);
    await first.click();
    await page.waitForURL(new RegExp(`handbook/${page0.slug}/$`));
  });

  it('opens the search from the header of any page with "/", and closes it with Escape', async () => {
    await open('calendar/2026/12/');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await expect(dialog.isVisible()).resolves.toBe(false);
    await page.keyboard.press('/');
    await expect(dialog.isVisible()).resolves.toBe(true);
    // The box has the focus: what the reader types next is the query.
    await page.keyboard.type('crisis');
    await expect(page.getByLabel('Search the handbook').inputValue()).resolves.toBe('crisis');
    await page.locator('.search-results a').first().waitFor();
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it('shows owner, review dates, last change from git, the house rules and an edit link on the style guide', async () => {
    const guide = project.handbook.find((p) => p.houseRules)!;
    await open(`handbook/${guide.slug}/`);
    const facts = await page.locator('.page-facts').textContent();
    expect(facts).toContain(guide.owner);
    expect(facts).toContain(longDate(guide.lastReviewed));
    const lastCommit = execFileSync('git', ['log', '-1', '--format=%cI', '--', guide.file], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    await expect(page.locator('.page-facts time').nth(2).getAttribute('datetime')).resolves.toBe(lastCommit);
    const phrases = await page.locator('.banned-phrases tbody th').allTextContents();
    expect(phrases).toEqual(guide.houseRules!.bannedPhrases.map((rule) => rule.phrase));
    await expect(page.getByRole('link', { name: 'Edit on GitHub' }).getAttribute('href')).resolves.toBe(
      `https://github.com/${project.config!.repository}/edit/${project.config!.defaultBranch}/${guide.file}`,
    );
  });

  it('opens the Persian translation right to left, in Persian', async () => {
    const persian = project.handbook.find((p) => p.lang === 'fa')!;
    await open(`handbook/${persian.slug}/`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fa');
    await expect(page.locator('h1').textContent()).resolves.toBe(persian.title);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await expect(page.locator('.page-facts dt').first().textContent()).resolves.toBe('مسئول');
    // Right to left: the menu sits at the right, the text at the left of it.
    const menu = (await page.locator('.handbook-side').boundingBox())!;
    const text = (await page.locator('.handbook-main').boundingBox())!;
    expect(menu.x).toBeGreaterThan(text.x);
    await page
      .getByRole('link', { name: project.handbook.find((p) => p.slug === persian.translationOf)!.title })
      .first()
      .click();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
  });

  it('reads without JavaScript, and says search needs it', async () => {
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    try {
      const tab = await noScript.newPage();
      const guide = project.handbook.find((p) => !p.lang)!;
      await tab.goto(new URL(`handbook/${guide.slug}/`, siteUrl).toString());
      await expect(tab.locator('h1').textContent()).resolves.toBe(guide.title);
      await expect(tab.locator('.search-open').isVisible()).resolves.toBe(false);
      await expect(tab.locator('.search-off').isVisible()).resolves.toBe(true);
    } finally {
      await noScript.close();
    }
  });
});

describe('a week keeps the filter, with JavaScript', () => {
  /** The ids of the posts the week shows, and of those it hides. */
  const shown = () =>
    page
      .locator('main [data-post]:not([hidden])')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-post')));
  const weekOf = (start: string) => placed.filter((entry) => entry.date >= start && entry.date <= addDays(start, 6));
  const onX = (entry: (typeof placed)[number]) => matches(entry.post, { kind: 'channel', value: 'x' });

  it('takes the filter from the filtered month to its weeks, and back to every post', async () => {
    await open('calendar/channel/x/2026/12/');
    await page.getByRole('link', { name: 'Week', exact: true }).click();
    await page.waitForURL(/calendar\/week\/(\d{4}-\d{2}-\d{2})\/\?channel=x$/);
    const start = /week\/(\d{4}-\d{2}-\d{2})/.exec(page.url())![1]!;
    const week = weekOf(start);
    expect(week.some(onX) && week.some((entry) => !onX(entry))).toBe(true);
    expect(await shown()).toEqual(week.filter(onX).map((entry) => entry.post.id));
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      `Showing Channel: ${project.channels['x']!.name}`,
    );
    // A day with posts, none on X, reads as a day without posts (checked on this week and the next).
    const daysWithoutX = (start: string) =>
      [...new Set(weekOf(start).map((entry) => entry.date))].filter(
        (date) => !weekOf(start).some((entry) => entry.date === date && onX(entry)),
      );
    const emptyShown = (dates: string[]) =>
      Promise.all(dates.map((date) => page.locator(`[data-date="${date}"] .empty`).isVisible()));
    expect(daysWithoutX(start).length + daysWithoutX(addDays(start, 7)).length).toBeGreaterThan(0);
    expect(await emptyShown(daysWithoutX(start))).toEqual(daysWithoutX(start).map(() => true));

    // The other views keep the filter too.
    await expect(page.getByRole('link', { name: 'Agenda', exact: true }).getAttribute('href')).resolves.toBe(
      '/riverside-social/calendar/channel/x/',
    );
    await expect(page.getByRole('link', { name: 'Month', exact: true }).getAttribute('href')).resolves.toMatch(
      /\/riverside-social\/calendar\/channel\/x\/(2026\/1[12]\/)?$/,
    );

    await page.getByRole('link', { name: 'Next week' }).click();
    await page.waitForURL(new RegExp(`week/${addDays(start, 7)}/\\?channel=x$`));
    expect(await shown()).toEqual(
      weekOf(addDays(start, 7))
        .filter(onX)
        .map((entry) => entry.post.id),
    );
    expect(await emptyShown(daysWithoutX(addDays(start, 7)))).toEqual(daysWithoutX(addDays(start, 7)).map(() => true));

    await page.getByRole('status').getByRole('link', { name: 'Show all posts' }).click();
    expect(await shown()).toEqual(weekOf(addDays(start, 7)).map((entry) => entry.post.id));
    await expect(page.getByRole('link', { name: 'Agenda', exact: true }).getAttribute('href')).resolves.toBe(
      '/riverside-social/calendar/',
    );
    expect(new URL(page.url()).search).toBe('');
    await expect(page.getByRole('status').isVisible()).resolves.toBe(false);
  });

  it('narrows the week in place from the filter links', async () => {
    await open('calendar/2026/12/');
    await page.getByRole('link', { name: 'Week', exact: true }).click();
    await page.waitForURL(/calendar\/week\/\d{4}-\d{2}-\d{2}\/$/);
    const start = /week\/(\d{4}-\d{2}-\d{2})/.exec(page.url())![1]!;
    await page.locator('.filters summary').click();
    // Ctrl+click opens the filtered month elsewhere and leaves this week as it is.
    const opened = context.waitForEvent('page');
    await page.locator('[data-filter="channel:x"]').click({ modifiers: ['Control'] });
    await (await opened).close();
    expect(new URL(page.url()).search).toBe('');
    expect(await shown()).toEqual(weekOf(start).map((entry) => entry.post.id));
    await page.locator('[data-filter="channel:x"]').click();
    expect(page.url()).toMatch(new RegExp(`week/${start}/\\?channel=x$`));
    expect(await shown()).toEqual(
      weekOf(start)
        .filter(onX)
        .map((entry) => entry.post.id),
    );
    await expect(page.locator('[data-filter="channel:x"]').getAttribute('aria-current')).resolves.toBe('page');
  });

  it('shows every post of the week without JavaScript', async () => {
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    try {
      const tab = await noScript.newPage();
      // Weeks start on Monday in the example's locale (en-GB).
      const start = '2026-11-30';
      expect(weekOf(start).some((entry) => !onX(entry))).toBe(true);
      await tab.goto(new URL(`calendar/week/${start}/?channel=x`, siteUrl).toString());
      const visible = await tab
        .locator('main [data-post]')
        .evaluateAll((items) =>
          items
            .filter((item) => (item as HTMLElement).offsetParent !== null)
            .map((item) => item.getAttribute('data-post')),
        );
      expect(visible).toEqual(weekOf(start).map((entry) => entry.post.id));
    } finally {
      await noScript.close();
    }
  });
});

describe('filters are plain pages', () => {
  it('narrows a month to a campaign', async () => {
    const campaign = project.posts.find((p) => p.campaign)!.campaign!;
    const month = placed.find((entry) => entry.post.campaign === campaign)!.date.slice(0, 7);
    await open(`calendar/campaign/${campaign}/${month.replace('-', '/')}/`);
    const expected = placed.filter(
      (entry) => entry.date.startsWith(month) && matches(entry.post, { kind: 'campaign', value: campaign }),
    );
    expect((await postIds()).sort()).toEqual(expected.map((entry) => entry.post.id).sort());
  });
});
