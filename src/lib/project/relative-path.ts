/**
 * Resolves a relative address against the path it is written in, as a browser does: from
 * `handbook/roles/`, `../style-guide/` is `handbook/style-guide/`; from `content/posts/a.mdx`,
 * `./b.jpg` is `content/posts/b.jpg`.
 */
export function resolveRelative(from: string, address: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of address.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/') + (address.endsWith('/') && parts.length > 0 ? '/' : '');
}
