import { readFile } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import type { JsonFeed } from '../lib/calendar/feeds.ts';
import { routes } from '../lib/views/routes.ts';
import { ui } from './ui.ts';

/** A post as the search finds it: its title and the text it sends, linking to its page. */
interface PostRecord {
  url: string;
  content: string;
  language: string;
  meta: { title: string; context: string };
}

/**
 * The posts of the JSON Feed the build has written as search records: the feed lists every post the
 * site shows (its public view), so an internal post is no more findable than visible, and the
 * project is not read a second time.
 */
function postRecords(feed: JsonFeed): PostRecord[] {
  const { t, f } = ui(feed.language, feed._herald.timezone, (route) => route);
  return feed.items.map((item) => ({
    // Relative to the site's base, as Pagefind stores the pages it reads; the search adds the base.
    url: `/${routes.post(item.id)}`,
    content: `${item.title}\n\n${item.content_text}`,
    // The language of the pages as Pagefind writes it (lower case), so the posts share their index.
    language: feed.language.toLowerCase(),
    meta: { title: item.title, context: t.searchPostContext(f.dateTime(item.date_published)) },
  }));
}

/**
 * Builds the site's full-text search index with Pagefind in `out`, the folder the site was written
 * to: the handbook's pages (only their text, marked data-pagefind-body) and the public posts, one
 * index per language. Returns what it indexed, for the build's log.
 */
export async function writeSearchIndex(out: string): Promise<string> {
  const { index, errors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const handbook = await index.addDirectory({ path: out, glob: 'handbook/**/*.html' });
    if (handbook.errors.length) throw new Error(`Pagefind could not index the handbook: ${handbook.errors.join('; ')}`);
    const feed = JSON.parse(await readFile(`${out}${routes.jsonFeed()}`, 'utf8')) as JsonFeed;
    const records = postRecords(feed);
    // All at once: Pagefind answers each by its message id, and one round trip per post was most of the time.
    const indexed = await Promise.all(records.map((record) => index.addCustomRecord(record)));
    indexed.forEach((post, i) => {
      if (post.errors.length) throw new Error(`Pagefind could not index ${records[i]!.url}: ${post.errors.join('; ')}`);
    });
    const written = await index.writeFiles({ outputPath: `${out}pagefind` });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    return `Indexed ${handbook.page_count} handbook pages and ${records.length} posts for search.`;
  } finally {
    await pagefind.close();
  }
}
