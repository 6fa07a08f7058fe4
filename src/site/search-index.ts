import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { parseProject } from '../lib/project/load.ts';
import { readContent } from '../lib/project/read-content.ts';
import { publicView } from '../lib/views/privacy.ts';
import { routes } from '../lib/views/routes.ts';
import { ui } from './ui.ts';

/** A post as the search finds it: its title and the text it sends, linking to its page. */
export interface PostRecord {
  url: string;
  content: string;
  language: string;
  meta: { title: string; context: string };
}

/**
 * The public posts of the project in `dir` as search records. Read from the files again, because
 * the index is made after Astro has finished, outside the build's collections; the public view is
 * the one the pages were built from, so an internal post is no more findable than visible.
 */
export async function postRecords(dir: string, now: number): Promise<PostRecord[]> {
  const shown = publicView(parseProject(await readContent(dir), { now }));
  if (!shown.config) return [];
  const { locale, timezone } = shown.config;
  const { t, f } = ui(locale, timezone, (route) => route);
  return shown.posts.map((post) => ({
    // Relative to the site's base, as Pagefind stores the pages it reads; the search adds the base.
    url: `/${routes.post(post.id)}`,
    content: [post.title, ...post.parts].join('\n\n'),
    // The language of the pages as Pagefind writes it (lower case), so the posts share their index.
    language: locale.toLowerCase(),
    meta: { title: post.title, context: t.searchPostContext(f.dateTime(post.publishAt)) },
  }));
}

/**
 * Builds the site's full-text search index with Pagefind after the site is written: the handbook's
 * pages (only their text, marked data-pagefind-body) and the public posts, one index per language.
 */
export function siteSearch(posts: () => Promise<PostRecord[]>): AstroIntegration {
  return {
    name: 'herald-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        try {
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: out, glob: 'handbook/**/*.html' });
          if (added.errors.length) throw new Error(`Pagefind could not index the handbook: ${added.errors.join('; ')}`);
          const records = await posts();
          for (const record of records) {
            const post = await index.addCustomRecord(record);
            if (post.errors.length)
              throw new Error(`Pagefind could not index ${record.url}: ${post.errors.join('; ')}`);
          }
          const written = await index.writeFiles({ outputPath: `${out}pagefind` });
          if (written.errors.length)
            throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          logger.info(`Indexed ${added.page_count} handbook pages and ${records.length} posts for search.`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
