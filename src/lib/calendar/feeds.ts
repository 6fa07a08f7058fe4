import ical, { ICalEventStatus } from 'ical-generator';
import type { Channel } from '../../schemas/config.ts';
import type { Placed } from './calendar.ts';
import { byPublishingOrder } from '../project/load.ts';
import type { Post } from '../project/model.ts';
import { partsFor } from '../text/posts.ts';
import { routes } from '../views/routes.ts';
import type { ChannelStatus } from '../publishing/status.ts';

/**
 * The calendar as feeds: iCalendar for calendar apps (one event per post and channel, so a
 * subscriber to one channel's feed and to the whole calendar sees the same event under the same
 * UID) and JSON Feed 1.1 for readers and scripts.
 */

export interface FeedContext {
  organization: string;
  repository: string;
  locale: string;
  /** herald.yaml's time zone, in which the site shows times. */
  timezone: string;
  channels: Record<string, Channel>;
  /** Absolute address of the site's base, e.g. https://example.github.io/riverside-social/. */
  siteUrl?: string;
  /** Epoch milliseconds: the time the feed is made, written as each event's DTSTAMP. */
  now: number;
  status: (post: Post, channel: string, at?: string) => ChannelStatus;
}

/** How long an event lasts in a calendar app: a post is an instant, but a zero-length event is easy to miss. */
const eventMinutes = 15;

/**
 * Stable across builds and renames of the title: the post id never changes and is never reused. Each
 * repetition of an evergreen post is its own event, named by its instant.
 */
export function eventUid(post: Post, channel: string, repository: string, at = post.publishAt): string {
  const occurrence = post.repeat ? `.${at.replace(/[-:]/g, '')}` : '';
  return `${post.id}.${channel}${occurrence}@${repository}`;
}

function absolute(context: FeedContext, route: string): string | undefined {
  return context.siteUrl ? new URL(route, context.siteUrl).toString() : undefined;
}

function icsStatus(status: ChannelStatus): ICalEventStatus {
  switch (status.state) {
    case 'expired':
    case 'retracted':
      return ICalEventStatus.CANCELLED;
    case 'paused':
      return ICalEventStatus.TENTATIVE;
    default:
      return ICalEventStatus.CONFIRMED;
  }
}

/**
 * Every publication (see placePosts: each repetition of an evergreen post too), or those on `channel`,
 * as an iCalendar file. Times are written in UTC, so they stay right across daylight-saving changes.
 */
export function calendarIcs(publications: readonly Placed[], context: FeedContext, channel?: string): string {
  const only = channel ? context.channels[channel] : undefined;
  const calendar = ical({
    name: only ? `${context.organization}: ${only.name ?? only.id}` : context.organization,
    prodId: { company: 'Herald', product: 'Herald calendar', language: context.locale.toUpperCase() },
    url: absolute(context, routes.agenda(channel ? { kind: 'channel', value: channel } : undefined)) ?? null,
  });
  for (const { post, at } of publications) {
    for (const id of post.channels) {
      const target = context.channels[id];
      if (!target || (channel && id !== channel)) continue;
      const status = context.status(post, id, at);
      const start = new Date(at);
      const url = absolute(context, routes.post(post.id));
      calendar.createEvent({
        id: eventUid(post, id, context.repository, at),
        start,
        end: new Date(start.getTime() + eventMinutes * 60_000),
        stamp: new Date(context.now),
        // Isolated (FSI … PDI): a title's own direction marks must not reorder the channel's name.
        summary: `\u2068${post.title}\u2069 · ${target.name ?? id}`,
        description: [...partsFor(post, target), ...(url ? [url] : [])].join('\n\n'),
        url: url ?? null,
        status: icsStatus(status),
        categories: [...(post.campaign ? [post.campaign] : []), ...post.labels].map((name) => ({ name })),
      });
    }
  }
  // RFC 5545 3.1 and 3.4: every content line ends with CRLF, END:VCALENDAR too; ical-generator leaves that one off.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1); Herald's own fields under `_herald`. */
export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  language: string;
  home_page_url?: string;
  feed_url?: string;
  /** The time zone the site shows times in (the search shows each post's time in it). */
  _herald: { timezone: string };
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url?: string;
  /** A repost: the post it shares, elsewhere (JSON Feed's link to a page not the item's own). */
  external_url?: string;
  title: string;
  content_text: string;
  date_published: string;
  tags?: string[];
  image?: string;
  _herald: {
    timezone: string;
    campaign?: string;
    channels: { channel: string; network: string; text: string[]; status: ChannelStatus }[];
  };
}

/** Every post, newest first as feed readers expect, whatever order they are given in. */
export function jsonFeed(posts: readonly Post[], context: FeedContext, title: string): JsonFeed {
  const items = posts
    .toSorted((a, b) => byPublishingOrder(b, a))
    .map((post): JsonFeedItem => {
      const url = absolute(context, routes.post(post.id));
      const image = post.media[0] && absolute(context, routes.media(post.id, post.media[0].file));
      const tags = [...(post.campaign ? [post.campaign] : []), ...post.labels];
      return {
        id: post.id,
        ...(url && { url }),
        ...(post.repost && { external_url: post.repost }),
        title: post.title,
        // A repost has no text of its own: its text is the link of what it shares.
        content_text: post.repost ?? post.parts.join('\n\n'),
        date_published: post.publishAt,
        ...(tags.length > 0 && { tags }),
        ...(image && { image }),
        _herald: {
          timezone: post.timezone,
          ...(post.campaign && { campaign: post.campaign }),
          channels: post.channels.flatMap((id) => {
            const channel = context.channels[id];
            return channel
              ? [
                  {
                    channel: id,
                    network: channel.network,
                    text: partsFor(post, channel),
                    status: context.status(post, id),
                  },
                ]
              : [];
          }),
        },
      };
    });
  const home = absolute(context, routes.home());
  const feed = absolute(context, routes.jsonFeed());
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    language: context.locale,
    ...(home && { home_page_url: home }),
    ...(feed && { feed_url: feed }),
    _herald: { timezone: context.timezone },
    items,
  };
}
