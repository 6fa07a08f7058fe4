import type { HandbookPage, PageLink, Project } from '../project/model.ts';
import { resolveRelative } from '../project/relative-path.ts';
import { carriesBase, routes, siteBase } from '../views/routes.ts';
import { suggest } from '../project/schema-issues.ts';
import type { Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * Links in handbook pages lead somewhere: another page, one of its headings, a post, or an image next
 * to the page. Pages are renamed and headings reworded; the link that pointed at them breaks silently
 * on the site, so it is caught in the pull request instead.
 */
export const handbookLinkRules: Rules = ({ project, config }) => {
  const base = siteBase(config.site);
  return project.handbook.flatMap((page) =>
    page.links.flatMap((link) => {
      const message = brokenLink(project, page, link, base);
      return message ? [finding('handbook/broken-link', page.file, link.at, message)] : [];
    }),
  );
};

/** Top-level addresses the site has besides the handbook and the posts (see routes.ts). */
const otherPages = new Set(['', 'calendar', 'admin', routes.calendarFeed(), routes.jsonFeed()]);

/** Why a link leads nowhere, or undefined when it leads somewhere (or off the site). */
function brokenLink(project: Project, page: HandbookPage, link: PageLink, base: string): string | undefined {
  const { url } = link;
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const [address = '', fragment] = splitFragment(url.replace(/\?.*?(?=#|$)/, ''));

  if (link.image) {
    // Astro resolves an image next to the file; an image under / comes from the site's public folder.
    if (address.startsWith('/')) return undefined;
    // Astro decodes the address (my%20photo.png is "my photo.png").
    const file = resolveRelative(page.file, decodeSegment(address));
    return project.media[file]
      ? undefined
      : `There is no image ${file}. Put the image next to the page, or correct the name (it is case-sensitive).`;
  }
  if (address === '') return fragment === undefined ? undefined : missingHeading(page, fragment, 'this page');
  if (/\.mdx?$/.test(address)) {
    const slug = address
      .split('/')
      .at(-1)!
      .replace(/\.mdx?$/, '');
    return `This links to a source file, which the site does not serve. Link to the page instead: ../${slug}/`;
  }

  const path = address.startsWith('/')
    ? fromSiteRoot(address, base)
    : resolveRelative(routes.handbook(page.slug), address);
  const [top = '', second, ...rest] = path.split('/').filter((segment) => segment !== '');
  if (top === 'handbook' && second !== undefined) {
    const slug = decodeSegment(second);
    const target = project.handbook.find((p) => p.slug === slug);
    const slugs = project.handbook.map((p) => p.slug);
    if (!target) {
      const near = suggest(slug, slugs);
      return `There is no handbook page ${routes.handbook(slug)}.${near ? ` Did you mean ../${near}/?` : ''} Link to a page in content/handbook/ by its file name.`;
    }
    if (rest.length > 0) {
      // From /handbook/a/, "b/" is /handbook/a/b/: the page b is one level up.
      const near = suggest(decodeSegment(rest[0]!), slugs);
      return `There is no page ${path}: a handbook page has no pages under it.${near ? ` Did you mean ../${near}/?` : ''} Link to a page in content/handbook/ by its file name.`;
    }
    return fragment === undefined ? undefined : missingHeading(target, fragment, target.title);
  }
  if (top === 'posts' && second !== undefined) {
    const id = decodeSegment(second);
    return project.posts.some((post) => post.id === id)
      ? undefined
      : `There is no post ${id}. Link to a post by its id, the file name in content/posts/ without .mdx.`;
  }
  if (top === 'handbook' || otherPages.has(top)) return undefined;
  return `The site has no page ${path}. Link to /handbook/<page>/, /posts/<id>/ or /calendar/.`;
}

function missingHeading(page: HandbookPage, fragment: string, where: string): string | undefined {
  const id = decodeSegment(fragment);
  if (id === '' || page.anchors.includes(id)) return undefined;
  const near = suggest(id, page.anchors);
  return `There is no heading #${id} on ${where}.${near ? ` Did you mean #${near}?` : ''} A heading's id is its text in lower case, with spaces as hyphens.`;
}

/** `/handbook/x/` and `/<base>/handbook/x/` both mean the site's handbook/x/; `/<base>` is its home. */
function fromSiteRoot(address: string, base: string): string {
  return carriesBase(address, base) ? address.slice(base.length) : address.slice(1);
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash === -1 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
