import type { CalendarView, Filter } from '../calendar/calendar.ts';

/**
 * Every address on the site, relative to its base (no leading slash), so the pages, the feeds and
 * the tests build links the same way. Folders end in a slash: the site is built with
 * trailingSlash: 'always' and GitHub Pages serves folders.
 */

/** A path segment for free text such as a label; Astro writes the folder with the decoded name. */
const segment = (value: string) => encodeURIComponent(value);

function filterPrefix(filter: Filter | undefined): string {
  return filter ? `${filter.kind}/${segment(filter.value)}/` : '';
}

export const routes = {
  home: () => '',
  agenda: (filter?: Filter) => `calendar/${filterPrefix(filter)}`,
  /** month: YYYY-MM */
  month: (month: string, filter?: Filter) =>
    `calendar/${filterPrefix(filter)}${month.slice(0, 4)}/${month.slice(5, 7)}/`,
  /** start: the first day of the week, YYYY-MM-DD */
  week: (start: string, filter?: Filter) => `calendar/${filterPrefix(filter)}week/${start}/`,
  post: (id: string) => `posts/${id}/`,
  /** The image files of posts, served under their post (see servedName). */
  media: (postId: string, file: string) => `posts/${postId}/${servedName(file)}`,
  handbook: (slug?: string) => (slug ? `handbook/${slug}/` : 'handbook/'),
  calendarFeed: (channel?: string) => (channel ? `calendar/${channel}.ics` : 'calendar.ics'),
  jsonFeed: () => 'feed.json',
  status: () => 'status/',
};

/**
 * A path (a branch name, a file in the repository) made safe inside an address: each segment
 * encoded, so `?`, `#`, `&` or a space in a name stay part of it instead of starting a query.
 */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * The name an image is served under: its file name with every character but letters, digits, dot,
 * hyphen and underscore made a hyphen, so a name with spaces, quotes or markup in it is an address
 * every web server and browser handles alike. The extension, which decides the type it is served
 * with, is kept as checked (src/lib/networks/formats.ts).
 */
export function servedName(file: string): string {
  return file
    .split('/')
    .at(-1)!
    .replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * The path the site is served under, from herald.yaml's `site`: GitHub Pages serves a project site
 * under the repository's name (https://owner.github.io/repo/ → /repo/).
 */
export function siteBase(site: string | undefined): string {
  if (!site) return '/';
  const { pathname } = new URL(site);
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/**
 * A filter carried in a week's address (`?channel=x`). Weeks are not built once per filter; a week
 * page narrows itself in the browser (src/components/WeekFilter.astro), and shows every post without.
 */
export function filterQuery(filter: Filter | undefined): string {
  return filter ? `?${filter.kind}=${encodeURIComponent(filter.value)}` : '';
}

/** Whether an address written from the site's root already carries the base (`/repo/...`, or `/repo` itself). */
export function carriesBase(address: string, base: string): boolean {
  return address.startsWith(base) || address === base.slice(0, -1);
}

/** Joins Astro's base (e.g. /riverside-social/) and a route. */
export function withBase(base: string, route: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${route}`;
}

/** The address of a calendar page. */
export function viewRoute(view: CalendarView): string {
  switch (view.kind) {
    case 'agenda':
      return routes.agenda(view.filter);
    case 'month':
      return routes.month(view.month, view.filter);
    case 'week':
      return routes.week(view.start);
  }
}
