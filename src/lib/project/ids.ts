import slugify from '@sindresorhus/slugify';

/**
 * Post ids: made from a title or a file name, and kept unique. `herald new` names a new post's file
 * this way, and the loader gives each post file it could not load a page id of its own.
 */

/** Longer ids make unwieldy file names and links; cut at a word. */
const maxIdLength = 60;

/** "AGM 2026: it's today!" → "agm-2026-its-today"; letters of other scripts are transliterated. */
export function idFromTitle(title: string): string {
  const slug = slugify(title, { decamelize: false });
  if (slug.length <= maxIdLength) return slug;
  const cut = slug.slice(0, maxIdLength + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : maxIdLength);
}

/** `base`, or `base-2`, `base-3`, ... : the first one not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const root = base || 'post';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}
