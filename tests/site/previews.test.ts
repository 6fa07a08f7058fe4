/**
 * A post's previews look like the networks' own posts: the organisation's name with the account's
 * handle, a thread drawn as replies joined by a line, images with their alt text behind a badge.
 * Checked in Chromium on what is drawn, against the example's own data.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountOf } from '../../src/lib/text/account.ts';
import type { Project } from '../../src/lib/project/model.ts';
import { costOf, monthCosts } from '../../src/lib/networks/costs.ts';
import { networkProfiles } from '../../src/lib/networks/profiles.ts';
import { payloadFor } from '../../src/lib/text/payload.ts';
import { previews } from '../../src/lib/text/posts.ts';
import { placePosts } from '../../src/lib/calendar/calendar.ts';
import { exampleProject, launchChromium, newContext } from './site.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let project: Project;

beforeAll(async () => {
  project = await exampleProject();
  browser = await launchChromium();
  context = await newContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const open = (path: string) => page.goto(new URL(path, siteUrl).toString());

describe('a preview', () => {
  it("names the organisation and the account's handle on every channel of a post", async () => {
    const post = project.posts.find((p) => p.channels.length >= 4)!;
    await open(`posts/${post.id}/`);
    for (const id of post.channels) {
      const account = accountOf(project.channels[id]!, project.config!.organization);
      const head = page.locator(`.preview[data-channel="${id}"] .preview-head`);
      await expect(head.locator('.account').textContent()).resolves.toBe(account.name);
      await expect(head.locator('.handle').allTextContents()).resolves.toEqual(account.handle ? [account.handle] : []);
    }
  });

  it('draws a thread as replies: an avatar on each part, joined to the next by a line', async () => {
    const post = project.posts.find((p) => p.parts.length >= 3)!;
    await open(`posts/${post.id}/`);
    const channel = previews(post, project.channels).find((preview) => preview.parts.length >= 3)!.channel;
    const parts = page.locator(`.preview[data-channel="${channel}"] .part`);
    await expect(parts.count()).resolves.toBe(post.parts.length);
    const lines = await parts.evaluateAll((items) =>
      items.map((item) => {
        const line = getComputedStyle(item, '::before');
        const avatar = item.querySelector('.avatar')!.getBoundingClientRect();
        return {
          avatar: Math.round(avatar.width),
          line: line.content === 'none' ? 0 : parseFloat(line.height),
          height: item.getBoundingClientRect().height,
        };
      }),
    );
    // Every part but the last has a line running most of its height, down to the next avatar.
    for (const part of lines.slice(0, -1)) {
      expect(part.avatar).toBeGreaterThan(0);
      expect(part.line).toBeGreaterThan(part.height / 2);
    }
    expect(lines.at(-1)).toMatchObject({ line: 0 });
  });

  it("keeps the image's alt text behind a badge that opens it over the image", async () => {
    const post = project.posts.find((p) => p.media.length === 1)!;
    await open(`posts/${post.id}/`);
    const image = page.locator('.preview .preview-media img').first();
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    const text = page.locator('.preview .preview-media details.alt-text').first();
    await expect(text.locator('p').isVisible()).resolves.toBe(false);
    await text.locator('summary').click();
    await expect(text.locator('p').isVisible()).resolves.toBe(true);
    await expect(text.locator('p').textContent()).resolves.toBe(post.media[0]!.alt);
    const picture = await image.boundingBox();
    const shown = (await text.boundingBox())!;
    // Over the picture, inside it.
    expect(shown.x).toBeGreaterThanOrEqual(picture!.x);
    expect(shown.x + shown.width).toBeLessThanOrEqual(picture!.x + picture!.width + 1);
    expect(shown.y + shown.height).toBeLessThanOrEqual(picture!.y + picture!.height + 1);
  });

  it('hides the images behind a Mastodon content warning with the text, and shows them where there is none', async () => {
    const post = project.posts.find((p) => p.contentWarning && p.media.length > 0 && p.channels.includes('mastodon'))!;
    await open(`posts/${post.id}/`);
    const mastodon = page.locator('.preview[data-channel="mastodon"]');
    await expect(mastodon.locator('.preview-media img').first().isVisible()).resolves.toBe(false);
    await mastodon.locator('.content-warning > summary').click();
    await expect(mastodon.locator('.preview-media img').first().isVisible()).resolves.toBe(true);
    const other = post.channels.find(
      (id) => project.channels[id]!.network !== 'mastodon' && !project.channels[id]!.private,
    );
    if (other)
      await expect(
        page.locator(`.preview[data-channel="${other}"] .preview-media img`).first().isVisible(),
      ).resolves.toBe(true);
  });

  it('names each preview by its account, handle and network, as words apart', async () => {
    const post = project.posts.find((p) => p.channels.includes('bluesky'))!;
    await open(`posts/${post.id}/`);
    const account = accountOf(project.channels['bluesky']!, project.config!.organization);
    const words = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The name, the handle and the network, with spaces (or the handle's "·") between them.
    const name = new RegExp(`^${words(account.name)} ${words(account.handle!)} (· )?Bluesky$`);
    await expect(page.getByRole('region', { name }).count()).resolves.toBe(1);
  });

  it('shows a video as its first frame with its length and captions, without JavaScript, in every network preview', async () => {
    const post = project.posts.find((p) => p.media.some((m) => m.file.endsWith('.mp4')))!;
    const video = await browser.newContext({ javaScriptEnabled: false });
    try {
      const quiet = await video.newPage();
      await quiet.goto(new URL(`posts/${post.id}/`, siteUrl).toString());
      for (const id of post.channels) {
        const item = quiet.locator(`.preview[data-channel="${id}"] .preview-media li`);
        await expect(item.locator('video').getAttribute('preload')).resolves.toBe('metadata');
        await expect(item.locator('.video-length').textContent()).resolves.toBe('0:40');
        // Captions where the network takes them (Bluesky, X, LinkedIn); elsewhere the preview says they are left out.
        const takes = networkProfiles[project.channels[id]!.network].media?.video?.captions ?? false;
        await expect(item.locator('track').count()).resolves.toBe(takes ? 1 : 0);
        if (!takes)
          await expect(item.textContent()).resolves.toContain('takes no captions file: they are not sent there.');
      }
      const [src, captions] = await Promise.all([
        quiet.locator('.preview-media video').first().getAttribute('src'),
        quiet.locator('.preview[data-channel="bluesky"] .preview-media track').getAttribute('src'),
      ]);
      // The files are served next to the page, as the networks receive them.
      const served = await Promise.all(
        [src!.replace(/#.*$/, ''), captions!].map((path) => fetch(new URL(path, quiet.url()))),
      );
      expect(served.map((r) => [r.status, r.headers.get('content-type')])).toEqual([
        [200, 'video/mp4'],
        [200, 'text/vtt'],
      ]);
      // The first frame comes from the file's own movie header: the browser reads how large it is.
      await expect
        .poll(() =>
          quiet
            .locator('.preview-media video')
            .first()
            .evaluate((v: HTMLVideoElement) => v.videoWidth),
        )
        .toBe(64);
    } finally {
      await video.close();
    }
  });

  it("says what an X delivery costs on X's pay-per-use API, and what the month's X posts cost together", async () => {
    const post = project.posts.find((p) => p.channels.includes('x'))!;
    await open(`posts/${post.id}/`);
    const cost = costOf(payloadFor(post, project.channels['x']!), 'x')!;
    const money = new Intl.NumberFormat(project.config!.locale, {
      style: 'currency',
      currency: cost.currency,
      maximumFractionDigits: 3,
    }).format(cost.amount);
    const line = page.locator('.preview[data-channel="x"] .cost a');
    await expect(line.textContent()).resolves.toContain(`Costs ${money} on X's pay-per-use API`);
    await expect(line.getAttribute('href')).resolves.toBe('https://docs.x.com/x-api/getting-started/pricing');
    await expect(page.locator('.preview[data-channel="mastodon"] .cost').count()).resolves.toBe(0);

    const placed = placePosts(project.posts, project.config!.timezone);
    const month = placed.find((item) => item.post === post)!.date.slice(0, 7);
    const [x] = monthCosts(placed, project.channels, month);
    await open(`calendar/${month.replace('-', '/')}/`);
    await expect(page.locator('.month-costs li').first().textContent()).resolves.toMatch(
      new RegExp(`on X, for ${x!.deliveries} posts?$`),
    );
  });

  it('shows a Threads post as Threads does: the handle, the thread joined by a line, the image with its alt text', async () => {
    const post = project.posts.find((p) => p.channels.includes('threads') && p.parts.length > 1 && p.media.length > 0)!;
    await open(`posts/${post.id}/`);
    const threads = page.getByRole('region', { name: /@riverside\.residents (· )?Threads$/ });
    await expect(threads.count()).resolves.toBe(1);
    await expect(threads.locator('.part').count()).resolves.toBe(post.parts.length);
    const line = await threads
      .locator('.part')
      .first()
      .evaluate((item) => getComputedStyle(item, '::before').content);
    expect(line).not.toBe('none');
    await expect(threads.locator('.preview-media img').getAttribute('alt')).resolves.toBe(post.media[0]!.alt);
  });
});

describe('a repost', () => {
  it('shows the link it reposts, as the network calls it, with no text or count of its own', async () => {
    const post = project.posts.find((p) => p.repost)!;
    await open(`posts/${post.id}/`);
    const preview = page.locator(`.preview[data-channel="${post.channels[0]}"]`);
    await expect(preview.locator('.reposting').textContent()).resolves.toMatch(
      new RegExp(`Reposts\\s+${post.repost!.replaceAll('.', '\\.')}`),
    );
    await expect(preview.locator('.reposting a').getAttribute('href')).resolves.toBe(post.repost);
    await expect(preview.locator('.repost-note').textContent()).resolves.toBe(
      'Shared as it is, with no text of our own.',
    );
    await expect(preview.locator('.part').count()).resolves.toBe(0);
    await expect(preview.locator('.thread').isVisible()).resolves.toBe(false);
  });
});

describe('a link card', () => {
  it("shows the post's card: on the networks that show one, and that Mastodon makes its own", async () => {
    const post = project.posts.find((p) => p.card && p.media.length === 0 && p.channels.includes('bluesky'))!;
    await open(`posts/${post.id}/`);
    const bluesky = page.locator('.preview[data-channel="bluesky"] .link-card[data-card="front-matter"]');
    await expect(bluesky.locator('.link-card-title').textContent()).resolves.toBe(post.card!.title);
    await expect(bluesky.locator('.link-card-description').textContent()).resolves.toBe(post.card!.description);
    await expect(bluesky.getAttribute('href')).resolves.toBe(post.card!.url);
    await expect(bluesky.isVisible()).resolves.toBe(true);
    const mastodon = page.locator('.preview[data-channel="mastodon"]');
    await expect(mastodon.locator('.link-card-title').textContent()).resolves.toBe(post.card!.title);
    await expect(mastodon.locator('.link-card-note').textContent()).resolves.toContain(
      'Mastodon makes this card itself',
    );
  });

  it('says, without card:, that the card is read from the link when publishing, and where from', async () => {
    const post = project.posts.find(
      (p) => !p.card && p.link && p.media.length === 0 && p.channels.includes('bluesky'),
    )!;
    await open(`posts/${post.id}/`);
    const pending = page.locator('.preview[data-channel="bluesky"] [data-card="read-when-publishing"]');
    await expect(pending.textContent()).resolves.toMatch(/^Link card: read from https:\/\/\S+ when publishing\.$/);
    await expect(page.locator('.preview[data-channel="bluesky"] [data-card="front-matter"]').count()).resolves.toBe(0);
  });
});
