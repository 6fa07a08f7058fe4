import { getCollection, getEntry } from 'astro:content';
import {
  availableFilters,
  byDate,
  calendarViews,
  dateAt,
  firstDayOfWeek,
  placeBroken,
  placePosts,
  type CalendarItem,
  type CalendarView,
  type FilterOption,
  type Placed,
} from '../lib/calendar/calendar.ts';
import { findingsByFile } from '../lib/views/findings.ts';
import { byPublishingOrder, usableProject } from '../lib/project/load.ts';
import type { BrokenPost, Post, Project } from '../lib/project/model.ts';
import type { Problem } from '../lib/project/problems.ts';
import { proposedPostFile, proposePostUrl } from '../lib/calendar/propose.ts';
import { encodePath, viewRoute, withBase } from '../lib/views/routes.ts';
import { channelStatus, ledgerLookup, type ChannelStatus } from '../lib/publishing/status.ts';
import type { Ledger } from '../schemas/ledger.ts';
import type { HeraldConfig } from '../schemas/config.ts';
import { BuildStop } from './build-stop.ts';
import type { SiteHandbookPage } from './collections.ts';
import { buildNow, pausedByEnvironment } from './env.ts';

/**
 * What every page of one build shares, read once from the content collections: the project as the
 * loader made it, the build's "now", and the derived facts pages need (statuses, days, links).
 */
export interface Site {
  /** The public view of the project (src/lib/views/privacy.ts): no internal post, no private channel. */
  project: Project;
  /** Handbook pages in menu order, each with the date git last changed it. */
  handbook: SiteHandbookPage[];
  /** herald.yaml's public view: its channels are the public ones. */
  config: HeraldConfig;
  /** herald.yaml as written, for the CMS at /admin, where authors choose among every channel. */
  authoring: HeraldConfig;
  /** The folder that holds content/ (see HERALD_PROJECT_DIR). */
  dir: string;
  now: number;
  /** Today in the organisation's zone, YYYY-MM-DD. */
  today: string;
  zone: string;
  locale: string;
  /** ISO weekday the site's weeks start on. */
  firstDay: number;
  paused: boolean;
  /**
   * The publishing ledger as read, private channels' deliveries included: pages show it only
   * through functions that keep to the public view (status, src/lib/views/status-page.ts).
   */
  ledger: Ledger;
  /** Every publication, in time order: what the feeds list. */
  placed: Placed[];
  /** What each day of the calendar shows: its publications and the broken posts of that day, in time order. */
  days: Map<string, CalendarItem[]>;
  /** Every calendar item, in time order: the agenda and the home page pick from these. */
  items: CalendarItem[];
  /** Broken posts whose time could not be read: listed as "could not be read" on the calendar and the home page. */
  unreadable: BrokenPost[];
  filters: FilterOption[];
  /** Every calendar page this build writes. */
  views: CalendarView[];
  /** Whether the build writes a page at this route. */
  hasView(route: string): boolean;
  /** A post's status on a channel: of one publication (`at`, see Placed), or of the post as a whole. */
  status(post: Post, channel: string, at?: string): ChannelStatus;
  /** What `herald validate` reports about the file of a post or of a broken post. */
  findings(post: { file: string }): Problem[];
  /** A route (see src/lib/views/routes.ts) as a link under the site's base. */
  href(route: string): string;
  /** A route as an absolute URL, when herald.yaml names the site's address. */
  absolute(route: string): string | undefined;
  /** The page of a file in the repository on GitHub, for viewing or editing. */
  github(action: 'blob' | 'edit', file: string): string;
  /**
   * GitHub's new-file page for a post on `date`, at a time the calendar rules accept (see
   * src/lib/calendar/propose.ts); undefined before today and on days in a quiet period.
   */
  proposeUrl(date: string, title: string): string | undefined;
}

let loading: Promise<Site> | undefined;

export function loadSite(): Promise<Site> {
  loading ??= readSite();
  return loading;
}

async function readSite(): Promise<Site> {
  const entry = await getEntry('project', 'project');
  const stored = entry?.data;
  if (!stored) throw new Error('The site was built without its content: the project collection is empty.');
  // getCollection keeps no order: the project's posts are in publishing order everywhere else.
  const posts = (await getCollection('posts')).map((e) => e.data).sort(byPublishingOrder);
  const handbook = (await getCollection('handbook')).map((e) => e.data);
  const { dir, ledger, findings, authoring, ...rest } = stored;
  const usable = usableProject({ ...rest, posts, handbook }, 'the site cannot be built');
  if (!usable.ok) throw new BuildStop(usable.reason);
  const { project } = usable;
  const { config } = project;
  const now = buildNow();
  const zone = config.timezone;
  const paused = config.publishing.paused || pausedByEnvironment();
  const placed = placePosts(posts, zone);
  const items: CalendarItem[] = [...placed, ...placeBroken(project.broken, zone)].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  const base = import.meta.env.BASE_URL;
  const today = dateAt(now, zone);
  const firstDay = firstDayOfWeek(config.locale);
  const filters = availableFilters(
    posts,
    config.channels.map((channel) => channel.id),
  );
  const views = calendarViews(items, filters, today, firstDay);
  const routes = new Set(views.map(viewRoute));
  const statusContext = { now, window: config.publishing.window, paused, ledger: ledgerLookup(ledger) };
  // A month page and its filtered copies show the same days: each proposal is worked out once.
  const proposals = new Map<string, string | undefined>();
  return {
    project,
    handbook,
    config,
    authoring: authoring ?? config,
    dir,
    now,
    today,
    zone,
    locale: config.locale,
    firstDay,
    paused,
    ledger,
    placed,
    days: byDate(items),
    items,
    unreadable: project.broken.filter((post) => !post.publishAt),
    filters,
    views,
    hasView: (route) => routes.has(route),
    status: (post, channel, at) => channelStatus(post, channel, statusContext, at),
    findings: findingsByFile(findings),
    href: (route) => withBase(base, route),
    absolute: (route) =>
      import.meta.env.SITE ? new URL(withBase(base, route), import.meta.env.SITE).toString() : undefined,
    github: (action, file) =>
      `https://github.com/${config.repository}/${action}/${encodePath(config.defaultBranch)}/${encodePath(file)}`,
    proposeUrl(date, title) {
      if (date < today) return undefined;
      const key = `${date}\n${title}`;
      if (!proposals.has(key)) {
        const file = proposedPostFile(project, { date, title }, now);
        proposals.set(key, file && proposePostUrl(config, file));
      }
      return proposals.get(key);
    },
  };
}
