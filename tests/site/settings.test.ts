/**
 * The site follows herald.yaml, the ledger and the build's moment: a second build of a copy of the
 * example with locale: fa, publishing paused, an OAuth client for the CMS, a ledger of what was sent
 * and a "now" months later, read from the files it writes (and the CMS's sign-in in Chromium). The
 * copy also has a post with four photos, which the example has not, for the previews' image grids,
 * and a July post whose deliveries went out late and failed, after which the schedule went quiet.
 */
import { preview } from 'astro';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fa } from '../../src/i18n/fa.ts';
import { ledgerKey } from '../../src/lib/publishing/schedule.ts';
import { serializeLedger } from '../../src/lib/ledger/format.ts';
import type { Ledger, RunRecord } from '../../src/schemas/ledger.ts';
import { freePort } from '../helpers/ports.ts';
import { buildSite, launchChromium, newContext, root } from './site.ts';

const sentAt = '2026-12-03T17:30:04Z';
/** The team's OAuth client for the CMS, as docs/setup.md has them deploy it. */
const authenticator = 'https://sveltia-cms-auth.riverside.workers.dev';
const cron = '7,22,37,52 * * * *';
/** Publish runs in July 2027, on three days (in Warsaw), the last a week before the build's now. */
const runs: RunRecord[] = [
  ['2027-07-20T15:40:00Z', 180],
  ['2027-07-20T16:10:00Z', 480],
  ['2027-07-21T10:07:00Z', 3 * 3600],
  ['2027-07-25T08:30:00Z', 480],
].map(([startedAt, late]) => ({
  run: String(startedAt),
  startedAt: String(startedAt),
  trigger: 'schedule',
  cron,
  slot: new Date(Date.parse(String(startedAt)) - Number(late) * 1000).toISOString(),
  lateSeconds: Number(late),
}));
const july = (channel: 'mastodon' | 'bluesky') => ({
  post: 'summer-fair-today',
  channel,
  network: channel,
  contentHash: `sha256:${'b'.repeat(64)}`,
  attempts: 1,
  scheduledAt: '2027-07-20T16:00:00Z',
  parts: [],
});
const ledger: Ledger = {
  version: 1,
  runs,
  entries: {
    [ledgerKey('summer-fair-today', 'mastodon')]: {
      ...july('mastodon'),
      state: 'published',
      updatedAt: '2027-07-20T16:40:00Z',
      publishedAt: '2027-07-20T16:40:00Z',
    },
    [ledgerKey('summer-fair-today', 'bluesky')]: {
      ...july('bluesky'),
      state: 'failed',
      updatedAt: '2027-07-20T16:40:00Z',
      error: { message: 'Rate limit exceeded', status: 429, permanent: false },
    },
    [ledgerKey('agm-2026-live', 'mastodon')]: {
      post: 'agm-2026-live',
      channel: 'mastodon',
      network: 'mastodon',
      state: 'published',
      contentHash: `sha256:${'a'.repeat(64)}`,
      attempts: 1,
      scheduledAt: '2026-12-03T17:30:00Z',
      updatedAt: sentAt,
      publishedAt: sentAt,
      parts: [{ id: '113', url: 'https://mastodon.social/@riverside/113' }],
    },
    [ledgerKey('agm-2026-live', 'bluesky')]: {
      post: 'agm-2026-live',
      channel: 'bluesky',
      network: 'bluesky',
      state: 'failed',
      contentHash: `sha256:${'a'.repeat(64)}`,
      attempts: 1,
      scheduledAt: '2026-12-03T17:30:00Z',
      updatedAt: sentAt,
      parts: [],
      error: { message: 'Invalid identifier or password', status: 401, permanent: false },
    },
  },
};

let dir: string;
const outDir = () => join(dir, 'dist');
const html = (path: string) => readFile(join(outDir(), path, 'index.html'), 'utf8');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-settings-'));
  await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
  const config = await readFile(join(dir, 'content/herald.yaml'), 'utf8');
  const changed = `${config.replace(/^locale: .*$/m, 'locale: fa').replace(/^(\s+paused:) false$/m, '$1 true')}\ncms:\n  authBaseUrl: ${authenticator}\n`;
  expect(changed).toContain('locale: fa');
  expect(changed).toMatch(/paused: true/);
  await writeFile(join(dir, 'content/herald.yaml'), changed);
  await writeFile(join(dir, 'sent.json'), serializeLedger(ledger));
  const photos = [
    '2026/12/agm-hall.jpg',
    '2026/12/lantern-walk.jpg',
    '2027/01/grey-heron.jpg',
    '2026/11/river-bank-winter.jpg',
  ];
  for (const photo of photos)
    await cp(join(dir, 'content/posts', photo), join(dir, 'content/posts/2027/04', photo.split('/').at(-1)!));
  const media = photos
    .map(
      (photo) =>
        `  - src: ./${photo.split('/').at(-1)}\n    alt: "A photo of the neighbourhood, ${photo}, for the grid of four."\n    rights: owned\n`,
    )
    .join('');
  await writeFile(
    join(dir, 'content/posts/2027/04/four-photos.mdx'),
    `---\ntitle: "Four photos"\npublishAt: 2027-04-10 12:00\nchannels: [mastodon, linkedin]\nmedia:\n${media}---\nA year in four photos from around the river.\n`,
  );
  await mkdir(join(dir, 'content/posts/2027/07'), { recursive: true });
  await writeFile(
    join(dir, 'content/posts/2027/07/summer-fair-today.mdx'),
    `---\ntitle: "Summer fair today"\npublishAt: 2027-07-20 18:00\nchannels: [mastodon, bluesky]\n---\nThe summer fair is on by the river until six.\n`,
  );
  await buildSite(outDir(), {
    HERALD_PROJECT_DIR: dir,
    HERALD_NOW: '2027-08-01T10:00:00Z',
    HERALD_LEDGER: join(dir, 'sent.json'),
  });
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a Persian site, paused, built in August 2027', () => {
  it('writes the interface in Persian, right to left', async () => {
    const page = await html('calendar/2026/12');
    expect(page).toMatch(/<html lang="fa" dir="rtl">/);
    expect(page).toContain(`>${fa.calendar}</a>`);
    expect(page).toContain('دسامبر ۲۰۲۶');
  });

  it('starts weeks on Saturday, as Persian calendars do', async () => {
    const page = await html('calendar/2026/12');
    const firstColumn = /<thead>.*?<abbr title="([^"]+)"/s.exec(page)![1];
    expect(firstColumn).toBe(
      new Intl.DateTimeFormat('fa', { weekday: 'long', timeZone: 'UTC' }).format(new Date('2026-11-28T12:00:00Z')),
    );
    expect(page).toContain('data-date="2026-11-28"');
  });

  it('shows the pause on every page', async () => {
    for (const path of ['', 'calendar', 'handbook']) expect(await html(path)).toContain(fa.pausedTitle);
  });

  it('reports posts whose time passed unpublished as missed', async () => {
    const page = await html('calendar/2026/12');
    expect(page).toContain('data-state="missed"');
    expect(page).not.toContain('data-state="scheduled"');
  });

  it('puts a banner on handbook pages past their review date, and only on those', async () => {
    // Training: reviewed 2026-06-15, every year, so overdue by August 2027. The style guide: reviewed
    // 2026-10-05, every year, so not yet.
    expect(await html('handbook/training')).toContain(fa.overdueTitle);
    expect(await html('handbook/style-guide')).not.toContain(fa.overdueTitle);
  });

  it('says a page outside git was never committed instead of inventing a date', async () => {
    expect(await html('handbook/training')).toContain(fa.notCommitted);
  });

  it("shows what the ledger says was sent: published with its link, failed with the network's message", async () => {
    const page = await html('posts/agm-2026-live');
    expect(page).toMatch(
      /data-channel="mastodon" data-state="published".*?href="https:\/\/mastodon\.social\/@riverside\/113"/s,
    );
    expect(page).toMatch(/data-channel="bluesky" data-state="failed".*?\(Invalid identifier or password\)/s);
  });
});

describe('the status page, a week after the last run', () => {
  const card = (page: string, id: string) => new RegExp(`data-card="${id}".*?</section>`, 's').exec(page)?.[0] ?? '';

  it('charts the runs of the last 30 days: one bar per day that had runs', async () => {
    const page = await html('status');
    expect(page).toContain('data-bars="3"');
    const days = [...page.matchAll(/<rect class="bar" data-date="([^"]+)"/g)].map((match) => match[1]);
    expect(days).toEqual(['2027-07-20', '2027-07-21', '2027-07-25']);
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="run-chart-title run-chart-desc"/);
    expect(page).toContain(`<title id="run-chart-title">${fa.runsChart}</title>`);
  });

  it('lists the delivery that went out late and the one that failed, with their post', async () => {
    const page = await html('status');
    expect(card(page, 'late')).toMatch(/data-post="summer-fair-today" data-channel="mastodon"/);
    expect(card(page, 'late')).not.toContain('data-channel="bluesky"');
    expect(card(page, 'failed')).toMatch(/data-post="summer-fair-today" data-channel="bluesky".*?Rate limit exceeded/s);
    expect(card(page, 'failed')).toContain('href="/riverside-social/posts/summer-fair-today/"');
  });

  it('warns that the schedule may have been disabled, and shows the pause', async () => {
    const page = await html('status');
    expect(page).toContain('data-silence="silent"');
    expect(page).toContain(fa.scheduleDisabled);
    expect(page).toContain('data-paused="true"');
  });
});

describe('a post with four photos', () => {
  it('shows them as each network lays them out: two by two on Mastodon, one wide above three on LinkedIn', async () => {
    const server = await preview({
      root,
      outDir: outDir(),
      logLevel: 'error',
      server: { host: '127.0.0.1', port: await freePort() },
    });
    const browser = await launchChromium();
    try {
      const page = await (await newContext(browser)).newPage();
      await page.goto(`http://127.0.0.1:${server.port}/riverside-social/posts/four-photos/`);
      const tiles = (channel: string) =>
        page.locator(`.preview[data-channel="${channel}"] .preview-media li`).evaluateAll((items) =>
          items.map((item) => {
            const { x, y, width, height } = item.getBoundingClientRect();
            return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
          }),
        );
      const mastodon = await tiles('mastodon');
      expect(mastodon).toHaveLength(4);
      expect(new Set(mastodon.map((tile) => tile.x)).size).toBe(2);
      expect(new Set(mastodon.map((tile) => tile.y)).size).toBe(2);
      for (const tile of mastodon) expect(Math.abs(tile.width - tile.height)).toBeLessThanOrEqual(1);
      const [wide, ...below] = await tiles('linkedin');
      expect(below).toHaveLength(3);
      expect(new Set(below.map((tile) => tile.y)).size).toBe(1);
      expect(below[0]!.y).toBeGreaterThan(wide!.y + wide!.height - 1);
      expect(wide!.width).toBeGreaterThan(below.reduce((sum, tile) => sum + tile.width, 0) - 1);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});

describe('the CMS, with an OAuth client in herald.yaml', () => {
  it('offers "Sign In with GitHub", which opens that client, not Netlify\'s', async () => {
    const server = await preview({
      root,
      outDir: outDir(),
      logLevel: 'error',
      server: { host: '127.0.0.1', port: await freePort() },
    });
    const browser = await launchChromium();
    try {
      const context = await newContext(browser);
      const opened: string[] = [];
      // The authenticator is not reached: the test only needs to see where the sign-in goes.
      await context.route(/^https:\/\/(sveltia-cms-auth\.riverside\.workers\.dev|api\.netlify\.com)\//, (route) => {
        opened.push(route.request().url());
        return route.fulfill({ contentType: 'text/html', body: '<title>Authenticator</title>' });
      });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${server.port}/riverside-social/admin/`);
      // The page imports the CMS after it loads: wait for its sign-in screen.
      await page.getByRole('button', { name: /Sign In Using Access Token/ }).waitFor();
      const popup = context.waitForEvent('page');
      await page.getByRole('button', { name: /Sign In with\W*GitHub/ }).click();
      await (await popup).waitForLoadState();
      expect(opened).toHaveLength(1);
      const url = new URL(opened[0]!);
      expect(`${url.origin}${url.pathname}`).toBe(`${authenticator}/auth`);
      expect(url.searchParams.get('provider')).toBe('github');
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
