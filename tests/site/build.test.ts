/** The built site as files and as served: weight, links, feeds. No browser needed. */
import { Parser } from 'htmlparser2';
import ICAL from 'ical.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { eventUid } from '../../src/lib/calendar/feeds.ts';
import { occurrences } from '../../src/lib/publishing/schedule.ts';
import { exampleProject } from './site.ts';

const siteUrl = inject('siteUrl');
const distDir = inject('distDir');
const buildLog = inject('buildLog');

/** Links, images, stylesheets and scripts of a page, with the ids it defines. */
function parse(html: string): { links: string[]; ids: Set<string>; stylesheets: string[] } {
  const links: string[] = [];
  const stylesheets: string[] = [];
  const ids = new Set<string>();
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes['id']) ids.add(attributes['id']);
      if (name === 'a' && attributes['href']) links.push(attributes['href']);
      if (name === 'link' && attributes['href']) {
        links.push(attributes['href']);
        if (attributes['rel'] === 'stylesheet') stylesheets.push(attributes['href']);
      }
      if ((name === 'img' || name === 'script') && attributes['src']) links.push(attributes['src']);
    },
  });
  parser.write(html);
  parser.end();
  return { links, ids, stylesheets };
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

describe('building the example', () => {
  it('prints no warning and no error: a newcomer reads one as a failed build', () => {
    expect(buildLog).toContain('Complete!');
    expect(buildLog.split('\n').filter((line) => /\[(WARN|ERROR)\]|warning|error/i.test(line))).toEqual([]);
  });
});

describe('the built site', () => {
  it('has no broken internal link: every page reachable from the home page, every link and fragment found', async () => {
    const start = new URL(siteUrl);
    const queue = [start.toString()];
    const seen = new Set(queue);
    const pages = new Map<string, Set<string>>();
    const fragments: { from: string; to: string; id: string }[] = [];
    const broken: string[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const response = await fetch(url);
      if (!response.ok) {
        broken.push(`${url} → ${response.status}`);
        continue;
      }
      if (!(response.headers.get('content-type') ?? '').includes('text/html')) {
        await response.arrayBuffer();
        continue;
      }
      const { links, ids } = parse(await response.text());
      pages.set(url, ids);
      for (const link of links) {
        const target = new URL(link, url);
        if (target.origin !== start.origin) continue;
        expect(target.pathname.startsWith(start.pathname), `${url} links outside the site's base: ${link}`).toBe(true);
        if (target.hash)
          fragments.push({
            from: url,
            to: `${target.origin}${target.pathname}`,
            id: decodeURIComponent(target.hash.slice(1)),
          });
        target.hash = '';
        if (!seen.has(target.toString())) {
          seen.add(target.toString());
          queue.push(target.toString());
        }
      }
    }
    expect(broken).toEqual([]);
    expect(fragments.filter((f) => !pages.get(f.to)?.has(f.id)).map((f) => `${f.from} → ${f.to}#${f.id}`)).toEqual([]);
    // Reached by following links: the calendar, each post, the handbook and the feeds.
    const project = await exampleProject();
    for (const post of project.posts)
      expect(seen, `post ${post.id}`).toContain(new URL(`posts/${post.id}/`, siteUrl).toString());
    for (const page of project.handbook)
      expect(seen, `page ${page.slug}`).toContain(new URL(`handbook/${page.slug}/`, siteUrl).toString());
    expect(seen).toContain(new URL('calendar.ics', siteUrl).toString());
    expect(seen).toContain(new URL('feed.json', siteUrl).toString());
  });

  it('keeps every month page, filtered or not, within 100 KB of HTML and CSS', async () => {
    const months = (await htmlFiles(join(distDir, 'calendar'))).filter((path) =>
      /\/\d{4}\/\d{2}\/index\.html$/.test(path),
    );
    expect(months.length).toBeGreaterThan(5);
    const weights: Record<string, number> = {};
    for (const path of months) {
      const html = await readFile(path, 'utf8');
      const css = await Promise.all(
        parse(html).stylesheets.map(
          async (href) =>
            (await stat(join(distDir, new URL(href, siteUrl).pathname.replace('/riverside-social/', '')))).size,
        ),
      );
      weights[path.slice(distDir.length)] = Buffer.byteLength(html) + css.reduce((a, b) => a + b, 0);
    }
    const heaviest = Object.entries(weights).sort((a, b) => b[1] - a[1])[0]!;
    expect(heaviest[1], `${heaviest[0]} weighs ${heaviest[1]} bytes`).toBeLessThanOrEqual(100 * 1024);
  });

  it("reads without JavaScript: pages ship no script but the header's search, and the week filter on weeks (the CMS at /admin is an application)", async () => {
    for (const path of await htmlFiles(distDir)) {
      if (path.startsWith(`${distDir}/admin/`)) continue;
      const html = await readFile(path, 'utf8');
      const scripts = html.match(/<script\b/g)?.length ?? 0;
      expect(html, path).toContain('<script type="module">/* The handbook\'s search in the header');
      expect(scripts, path).toBe(path.includes('/week/') ? 2 : 1);
    }
  });

  it('serves a calendar feed per channel with one event per publication on it (repetitions too), linking to the post page', async () => {
    const project = await exampleProject();
    const repository = project.config!.repository;
    for (const channel of Object.keys(project.channels)) {
      const response = await fetch(new URL(`calendar/${channel}.ics`, siteUrl));
      expect(response.headers.get('content-type')).toContain('text/calendar');
      const ics = await response.text();
      const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      const expected = project.posts
        .filter((post) => post.channels.includes(channel))
        .flatMap((post) => occurrences(post).map((at) => ({ post, at, uid: eventUid(post, channel, repository, at) })));
      expect(events.map((e) => e.uid).sort()).toEqual(expected.map((e) => e.uid).sort());
      expect(ics.endsWith('END:VCALENDAR\r\n'), `calendar/${channel}.ics ends with CRLF (RFC 5545 3.4)`).toBe(true);
      for (const event of events) {
        const { post, at } = expected.find((e) => e.uid === event.uid)!;
        expect(event.startDate.toJSDate().toISOString()).toBe(new Date(at).toISOString());
        expect(String(event.component.getFirstPropertyValue('url'))).toBe(
          `https://example.github.io/riverside-social/posts/${post.id}/`,
        );
      }
    }
    // The example's evergreen posts repeat: their repetitions are in the feed, each its own event.
    const allIcs = await (await fetch(new URL('calendar.ics', siteUrl))).text();
    expect(allIcs.endsWith('END:VCALENDAR\r\n'), 'calendar.ics ends with CRLF (RFC 5545 3.4)').toBe(true);
    const all = new ICAL.Component(ICAL.parse(allIcs)).getAllSubcomponents('vevent');
    const repeating = project.posts.filter((post) => post.repeat);
    expect(repeating.length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThan(project.posts.reduce((sum, post) => sum + post.channels.length, 0));
  });

  it('serves a JSON Feed of every post, newest first', async () => {
    const project = await exampleProject();
    const feed = (await (await fetch(new URL('feed.json', siteUrl))).json()) as {
      version: string;
      items: { id: string; url: string }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    // The loader keeps posts in publishing order: the feed is that order, reversed.
    expect(feed.items.map((item) => item.id)).toEqual(project.posts.map((post) => post.id).reverse());
  });
});
