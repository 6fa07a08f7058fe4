/**
 * The site as an attacker and a careless team would try it: a second build of a copy of the example,
 * with internal posts (the example's Slack-only posts, an `internal` label, a Slack variant of a
 * public post, rota details), images that are not what their names say (a GIF/HTML polyglot named
 * card.html, an SVG with a script, a symbolic link to a secret, a src that climbs out of content/), a
 * file name with HTML in it, a title with a right-to-left override and a handbook page with code.
 * Read from the files the build writes and in Chromium.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { preview } from 'astro';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedName } from '../../src/lib/views/routes.ts';
import { serializeLedger } from '../../src/lib/ledger/format.ts';
import { gif, gifHtmlPolyglot, png, svg } from '../helpers/images.ts';
import { freePort } from '../helpers/ports.ts';
import { buildSite, launchChromium, newContext, root } from './site.ts';

const folder = 'content/posts/2026/12';
/** Text that exists only in internal posts, or in the private variants of public ones. */
const secrets = {
  slackVariant: 'use only the ones marked "consent: yes"', // agm-2026-thank-you's team-slack variant (example)
  slackOnly: 'consent stickers for photos', // agm-2026-volunteer-briefing, team-slack only (example)
  labelled: 'Door code for the hall is 4711',
  labelledTitle: 'Keyholder rota for December',
  rotaImage: 'rota-december.png',
  privateVariant: 'Stream password: heron-2026',
};
const fileNameWithHtml = '"><img src=x onerror="document.title=1">.gif';
const override = '\u202E';

let dir: string;
let outDir: string;
let files: Map<string, Buffer>;

function postFile(frontmatter: string, body: string): string {
  return `---\n${frontmatter.trim()}\n---\n${body}\n`;
}

/** Every file the build wrote, by path under dist; Pagefind's compressed index files unpacked. */
async function builtFiles(out: string): Promise<Map<string, Buffer>> {
  const all = new Map<string, Buffer>();
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    all.set(
      path.slice(out.length + 1),
      /\.pf_(fragment|index|meta)$|\.pagefind$/.test(entry.name) ? gunzipSync(bytes) : bytes,
    );
  }
  return all;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-trust-'));
  outDir = join(dir, 'dist');
  await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
  await writeFile(
    join(dir, folder, 'keyholders.mdx'),
    postFile(
      `title: ${secrets.labelledTitle}\npublishAt: 2026-12-07 09:00\nchannels: [mastodon]\nlabels: [Internal]\nmedia:\n  - { src: ./${secrets.rotaImage}, alt: The rota, rights: owned }`,
      `${secrets.labelled}. Ada has the spare key.`,
    ),
  );
  await writeFile(join(dir, folder, secrets.rotaImage), png(8, 8));
  await writeFile(
    join(dir, folder, 'stream.mdx'),
    postFile(
      'title: The stream is on\npublishAt: 2026-12-08 19:00\nchannels: [mastodon, team-slack]\nvariants:\n  team-slack: "' +
        secrets.privateVariant +
        '"',
      'Watch the board meeting live tonight.',
    ),
  );
  await writeFile(join(dir, folder, 'card.html'), gifHtmlPolyglot);
  await writeFile(join(dir, folder, 'card.gif'), gifHtmlPolyglot);
  await writeFile(join(dir, folder, 'logo.svg'), svg);
  await writeFile(join(dir, folder, fileNameWithHtml), gif);
  await mkdir(join(dir, 'private'));
  await writeFile(join(dir, 'private/token.png'), 'HERALD_MASTODON_TOKEN=never-on-the-site');
  await symlink(join(dir, 'private/token.png'), join(dir, folder, 'token.png'));
  await writeFile(join(dir, 'package.json'), '{"name":"never-on-the-site"}');
  const media = [
    './card.html',
    './card.gif',
    './logo.svg',
    './token.png',
    '../../../../package.json',
    `'./${fileNameWithHtml.replaceAll("'", "''")}'`,
  ];
  await writeFile(
    join(dir, folder, 'cards.mdx'),
    postFile(
      `title: "Christmas cards ${override}sdrac samtsirhC"\npublishAt: 2026-12-09 10:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1D, until: 2026-12-10 }\nmedia:\n${media.map((src) => `  - { src: ${src}, alt: A card, rights: owned }`).join('\n')}`,
      'Our cards are in the shop.',
    ),
  );
  await writeFile(
    join(dir, folder, 'script-link.mdx'),
    postFile(
      'title: Click here\npublishAt: 2026-12-08 12:00\nchannels: [mastodon]\nlink: "javascript:alert(document.domain)"',
      'Read more.',
    ),
  );
  await writeFile(
    join(dir, 'content/handbook/pwned.mdx'),
    `---\ntitle: Pwned\ndescription: A page with code in it.\nowner: "@mallory"\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\n---\nimport { writeFileSync } from 'node:fs';\n\nexport const ran = writeFileSync(${JSON.stringify(join(dir, 'PWNED'))}, 'page code ran in the build');\n\nNothing to see.\n`,
  );
  await buildSite(outDir, { HERALD_PROJECT_DIR: dir });
  files = await builtFiles(outDir);
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('internal posts', () => {
  it('never reach any built file: pages, feeds, calendars, images or the search index', () => {
    expect(files.size).toBeGreaterThan(100);
    const leaks = [...files].flatMap(([path, bytes]) =>
      Object.entries(secrets)
        .filter(([, secret]) => bytes.includes(secret))
        .map(([name]) => `${name} in ${path}`),
    );
    expect(leaks).toEqual([]);
  });

  it('have no post page, and are in no feed', async () => {
    for (const id of ['agm-2026-volunteer-briefing', 'holiday-quiet-period-internal', 'keyholders'])
      expect(files.has(`posts/${id}/index.html`), id).toBe(false);
    const feed = JSON.parse(files.get('feed.json')!.toString()) as {
      items: { id: string; _herald: { channels: { channel: string }[] } }[];
    };
    expect(feed.items.map((item) => item.id)).not.toContain('keyholders');
    expect(feed.items.flatMap((item) => item._herald.channels.map((c) => c.channel))).not.toContain('team-slack');
    expect(files.get('calendar.ics')!.toString()).not.toContain('team Slack');
  });

  it('show a post that also goes to public channels with those only', () => {
    const page = files.get('posts/stream/index.html')!.toString();
    expect(page).toContain('Watch the board meeting live tonight.');
    expect(page).toContain('data-channel="mastodon"');
    expect(page).not.toContain('data-channel="team-slack"');
  });

  it('leave the private channel and label out of the calendar, its filters and feeds; only the CMS lists the channel, for authors', () => {
    expect([...files.keys()].filter((path) => path.includes('team-slack') || path.includes('label/internal'))).toEqual(
      [],
    );
    const naming = [...files].filter(([, bytes]) => bytes.includes('#social in the team Slack')).map(([path]) => path);
    expect(naming).toEqual(['admin/index.html']);
  });
});

describe('links', () => {
  it('never point at a script: no javascript: address in any page', () => {
    const pages = [...files].filter(([path]) => path.endsWith('.html'));
    expect(
      pages.filter(([, bytes]) => /(?:href|src|action)="\s*javascript:/i.test(bytes.toString())).map(([path]) => path),
    ).toEqual([]);
    // The post whose link: is a script is refused by the loader: it is shown as a broken post, with
    // its problem, and (checked above with every page) no link to the script.
    expect(files.get('posts/script-link/index.html')?.toString()).toContain('This post has errors');
  });
});

describe('a handbook page with code in it', () => {
  it('is not built, and its code never runs', () => {
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect([...files.keys()].filter((path) => path.includes('pwned'))).toEqual([]);
  });
});

describe('images', () => {
  it('serves only images whose content and name agree, from content/posts/, never through a link', () => {
    const served = [...files.keys()].filter((path) => path.startsWith('posts/cards/') && !path.endsWith('index.html'));
    expect(served.sort()).toEqual(['posts/cards/card.gif', `posts/cards/${servedName(fileNameWithHtml)}`].sort());
    expect([...files.values()].some((bytes) => bytes.includes('never-on-the-site'))).toBe(false);
    expect(
      [...files.keys()].filter(
        (path) => /\.(svg|html)$/.test(path) && path.startsWith('posts/') && !path.endsWith('/index.html'),
      ),
    ).toEqual([]);
  });

  it('says on the post page why the others are not shown', () => {
    const page = files.get('posts/cards/index.html')!.toString();
    expect(page).toContain('card.html holds a GIF image, but its name says otherwise: rename it to card.gif');
    expect(page).toContain('logo.svg is SVG, which no network takes from Herald');
    expect(page).toContain('token.png is a symbolic link');
    expect(page).toContain('package.json is outside content/posts/');
  });
});

describe('in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof preview>>;
  let base: string;

  beforeAll(async () => {
    server = await preview({ root, outDir, logLevel: 'error', server: { host: '127.0.0.1', port: await freePort() } });
    base = `http://127.0.0.1:${server.port}/riverside-social/`;
    browser = await launchChromium();
    context = await newContext(browser);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('runs nothing from a file name with HTML in it: the post page shows the image and its name as text', async () => {
    const page = await context.newPage();
    await page.goto(new URL('posts/cards/', base).toString());
    await expect(page.title()).resolves.toContain('Christmas cards');
    await expect(page.locator('.media-rights code').allTextContents()).resolves.toContain(`./${fileNameWithHtml}`);
    const images = page.locator('.preview-media img');
    for (const image of await images.all()) await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.preview-media img')].every((img) => img.complete),
    );
    const loaded = await images.evaluateAll((all) => all.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(loaded).toEqual([1, 1]);
    await expect(page.title()).resolves.not.toBe('1');
    await page.close();
  });

  it('keeps a right-to-left override inside the title: what follows it reads in order', async () => {
    const page = await context.newPage();
    await page.goto(new URL('calendar/2026/12/', base).toString());
    const item = page.locator('td[data-date="2026-12-10"] [data-post="cards"]');
    const { title, mark } = await item.evaluate((li) => {
      const last = [...li.querySelector('.post-title')!.getClientRects()].at(-1)!;
      const after = li.querySelector('.repeat-mark')!.getBoundingClientRect();
      return { title: { right: last.right, top: last.top }, mark: { left: after.left, top: after.top } };
    });
    // Left to right: the repetition's mark stays after the end of the title, on its last line,
    // instead of being pulled into the reversed run before it.
    expect(mark.top).toBeCloseTo(title.top, 0);
    expect(mark.left).toBeGreaterThanOrEqual(title.right - 1);
    await page.close();
  });
});

describe('a ledger that links a published post to a script', () => {
  it("stops the build with the ledger's problem, instead of publishing the link", async () => {
    const ledger = join(dir, 'hostile-ledger.json');
    await writeFile(
      ledger,
      serializeLedger({
        version: 1,
        entries: {
          'agm-2026-live/mastodon': {
            post: 'agm-2026-live',
            channel: 'mastodon',
            network: 'mastodon',
            state: 'published',
            contentHash: `sha256:${'a'.repeat(64)}`,
            parts: [{ id: '1', url: 'javascript:alert(document.domain)' }],
            attempts: 1,
            scheduledAt: '2026-12-03T17:30:00Z',
            updatedAt: '2026-12-03T17:30:04Z',
          },
        },
      }),
    );
    await expect(
      buildSite(join(dir, 'dist-ledger'), { HERALD_PROJECT_DIR: dir, HERALD_LEDGER: ledger }),
    ).rejects.toThrow(
      /hostile-ledger\.json is not a Herald ledger \(entries\.agm-2026-live\/mastodon\.parts\.0\.url: write a full web address starting with https:\/\//,
    );
  }, 120_000);
});
