import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Builds the handbook's full-text search index with Pagefind after the site is written: only the
 * handbook's pages, only their text (marked data-pagefind-body), one index per language.
 */
export function handbookSearch(): AstroIntegration {
  return {
    name: 'herald-handbook-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        try {
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: out, glob: 'handbook/**/*.html' });
          if (added.errors.length) throw new Error(`Pagefind could not index the handbook: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: `${out}pagefind` });
          if (written.errors.length)
            throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          logger.info(`Indexed ${added.page_count} handbook pages for search.`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
