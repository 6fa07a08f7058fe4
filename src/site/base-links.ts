import { defineMdastPlugin } from 'satteri';
import { carriesBase, withBase } from '../lib/views/routes.ts';

/**
 * Handbook authors write links from the site's root (`/handbook/crisis-playbook/`), as they see them
 * in the address bar. On GitHub Pages the site lives under a base path (/riverside-social/), so such
 * a link is given the base when the page is compiled; relative links and other sites are left alone.
 */
export function rootLinksUnderBase(base: string) {
  const rebase = (url: string) =>
    url.startsWith('/') && !url.startsWith('//') && !carriesBase(url, base) ? withBase(base, url.slice(1)) : undefined;
  return defineMdastPlugin({
    name: 'herald-root-links-under-base',
    link(node, ctx) {
      const url = rebase(node.url);
      if (url) ctx.setProperty(node, 'url', url);
    },
    definition(node, ctx) {
      const url = rebase(node.url);
      if (url) ctx.setProperty(node, 'url', url);
    },
    image(node, ctx) {
      const url = rebase(node.url);
      if (url) ctx.setProperty(node, 'url', url);
    },
  });
}
