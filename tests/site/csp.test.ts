/**
 * Every page carries a Content-Security-Policy that allows what it needs and nothing else (see
 * src/site/csp.ts): in Chromium, no page of the built site trips it, the handbook's search, the
 * week filter and the CMS's sign-in still work, and a script injected into a page as an attacker
 * would (inline, as an event handler, as a javascript: link, from another site) never runs.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, newContext } from './site.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
let browser: Browser;
let context: BrowserContext;

/** Records each violation of the page's policy, from before its first script runs. */
async function watchedPage(): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`),
    );
  });
  return page;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  // The network is not reachable from the tests: GitHub answers as it does to a wrong token.
  await context.route('https://api.github.com/**', (route) =>
    route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      }),
    }),
  );
  await context.route('https://www.githubstatus.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ status: { indicator: 'none', description: 'All Systems Operational' } }),
    }),
  );
  await context.route('https://cdn.jsdelivr.net/**', (route) => route.fulfill({ status: 404, body: '' }));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const pages = (await readdir(distDir, { recursive: true }))
  .filter((path) => path.endsWith('.html'))
  .map((path) => path.replace(/index\.html$/, ''))
  .sort();

describe('the Content-Security-Policy', () => {
  it('is on every page, in the head before any script or style', async () => {
    expect(pages.length).toBeGreaterThan(100);
    for (const path of pages) {
      const html = await readFile(join(distDir, path.endsWith('.html') ? path : `${path}index.html`), 'utf8');
      const head = html.slice(0, html.indexOf('</head>'));
      const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(head);
      expect(policy?.[1], path).toMatch(/default-src 'none'/);
      expect(policy![1], path).toMatch(/script-src 'self'/);
      expect(policy![1], path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const firstLoad = head.search(/<(script|style)\b|<link[^>]*rel="stylesheet"/);
      expect(firstLoad === -1 || policy!.index < firstLoad, path).toBe(true);
    }
  });

  // Every page, in groups, four tabs at a time: one test per page would spend more on tabs than on pages.
  const groups = Array.from({ length: Math.ceil(pages.length / 40) }, (_, i) => pages.slice(i * 40, i * 40 + 40));
  it.each(groups.map((group) => [`/${group[0]} to /${group.at(-1)}`, group] as const))(
    'is not tripped by any page from %s',
    async (_, group) => {
      const tabs = await Promise.all(Array.from({ length: 4 }, () => watchedPage()));
      const found: string[] = [];
      try {
        await Promise.all(
          tabs.map(async (tab, t) => {
            for (let i = t; i < group.length; i += tabs.length) {
              const path = group[i]!;
              const response = await tab.goto(new URL(path, siteUrl).toString(), { waitUntil: 'load' });
              if (!response?.ok() && path !== '404.html') found.push(`/${path}: ${response?.status()}`);
              found.push(...(await violations(tab)).map((violation) => `/${path}: ${violation}`));
            }
          }),
        );
      } finally {
        await Promise.all(tabs.map((tab) => tab.close()));
      }
      expect(found).toEqual([]);
    },
    180_000,
  );
});

describe('pages that run scripts still work under it', () => {
  it("finds handbook pages with Pagefind (its WebAssembly included), from any page's header", async () => {
    const page = await watchedPage();
    await page.goto(new URL('calendar/2026/12/', siteUrl).toString());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox').fill('pause');
    await expect.poll(() => page.locator('.search-results li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('narrows a week to a filter in the browser', async () => {
    const page = await watchedPage();
    await page.goto(new URL('calendar/week/2026-11-30/?channel=x', siteUrl).toString());
    await expect.poll(() => page.locator('[data-week-filter]').isVisible()).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('lets the CMS sign in with an access token: the request reaches GitHub, whose answer it shows', async () => {
    const page = await watchedPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith('https://api.github.com/')) requests.push(request.url());
    });
    await page.goto(new URL('admin/', siteUrl).toString());
    await page.getByRole('button', { name: 'Sign In Using Access Token' }).click();
    await page
      .getByRole('textbox')
      .first()
      .fill(`ghp_${'a'.repeat(36)}`);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('The provided token is invalid').isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(requests).toContain('https://api.github.com/user');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});

describe('the CMS in a frame of another site', () => {
  it('does not start, so no click on it can be led from outside', async () => {
    const page = await context.newPage();
    await page.setContent(`<iframe src="${new URL('admin/', siteUrl)}" width="1000" height="700"></iframe>`);
    const frame = page.frameLocator('iframe');
    await expect
      .poll(() => frame.getByText('The CMS runs only in its own window').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect(frame.getByRole('button', { name: 'Sign In Using Access Token' }).count()).resolves.toBe(0);
    await page.close();
  });
});

describe('a script injected into a page', () => {
  /** Serves `path` with `markup` added at the start of its body, as a hole in the site would. */
  async function injected(path: string, markup: string): Promise<Page> {
    const page = await watchedPage();
    const url = new URL(path, siteUrl).toString();
    await page.route(url, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<body([^>]*)>/, `<body$1>${markup}`);
      await route.fulfill({ response, body: html });
    });
    await page.goto(url);
    return page;
  }
  const ran = (page: Page) => page.evaluate(() => (window as unknown as { pwned?: string }).pwned);

  it.each([
    ['an inline script', '<script>window.pwned = "inline"</script>', 'script-src-elem'],
    ['an event handler', '<img src="/nowhere.png" onerror="window.pwned = \'handler\'">', 'script-src-attr'],
    ['a script from another site', '<script src="https://evil.example/steal.js"></script>', 'script-src-elem'],
    ['a frame', '<iframe src="https://evil.example/"></iframe>', 'frame-src'],
  ])('does not run: %s', async (_, markup, directive) => {
    const page = await injected('posts/agm-2026-live/', markup);
    await expect
      .poll(() => violations(page))
      .toContainEqual(expect.stringMatching(new RegExp(`^${directive} blocked`)));
    expect(await ran(page)).toBeUndefined();
    await page.close();
  });

  it('does not run from a javascript: link that is clicked', async () => {
    const page = await injected(
      'posts/agm-2026-live/',
      '<a id="evil" href="javascript:window.pwned = \'link\'">Published on Mastodon</a>',
    );
    await page.locator('#evil').click();
    await expect.poll(() => violations(page)).toContainEqual(expect.stringMatching(/^script-src-elem blocked inline/));
    expect(await ran(page)).toBeUndefined();
    await page.close();
  });

  it('does not run on the CMS page either, where the GitHub token lives', async () => {
    const page = await injected('admin/', '<script>window.pwned = localStorage.length</script>');
    await expect.poll(() => violations(page)).toContainEqual(expect.stringMatching(/^script-src-elem blocked inline/));
    expect(await ran(page)).toBeUndefined();
    await page.close();
  });
});
