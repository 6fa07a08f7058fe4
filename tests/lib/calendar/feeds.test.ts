import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarIcs, eventUid, jsonFeed, type FeedContext } from '../../../src/lib/calendar/feeds.ts';
import { placePosts } from '../../../src/lib/calendar/calendar.ts';
import { channelStatus } from '../../../src/lib/publishing/status.ts';
import { file, load, post } from '../../helpers/project.ts';

const project = load([
  // Summer time (+02:00) the day before the clocks go back, winter time (+01:00) the day after.
  file(
    'content/posts/2026/10/summer.mdx',
    post(
      'title: Summer\npublishAt: 2026-10-24 18:00\nchannels: [mastodon, bluesky]\nlabels: [event]',
      'Part one.\n\n---\n\nPart two.',
    ),
  ),
  file(
    'content/posts/2026/10/winter.mdx',
    post('title: Winter\npublishAt: 2026-10-26 18:00\nchannels: [x]\ncampaign: agm\nvariants:\n  x: Short for X.'),
  ),
  file(
    'content/posts/2026/10/late.mdx',
    post('title: Late\npublishAt: 2026-10-25 10:00\nexpiresAt: 2026-10-25 11:00\nchannels: [mastodon]'),
  ),
]);

const context: FeedContext = {
  organization: 'Test Association',
  repository: 'example/test',
  locale: 'en',
  timezone: 'Europe/Berlin',
  channels: project.channels,
  siteUrl: 'https://example.github.io/test/',
  now: Date.parse('2026-10-25T12:00:00Z'),
  status: (p, channel, at) =>
    channelStatus(p, channel, { now: Date.parse('2026-10-25T12:00:00Z'), window: 'PT2H', paused: false }, at),
};
const placed = placePosts(project.posts, 'Europe/Warsaw');

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().toISOString(),
      summary: event.summary,
      description: event.description,
      url: String(component.getFirstPropertyValue('url')),
      status: String(component.getFirstPropertyValue('status')),
    };
  });
}

describe('iCalendar feed', () => {
  it('has one event per post and channel, at the right instant on both sides of a daylight-saving change', () => {
    const all = events(calendarIcs(placed, context));
    expect(all.map((e) => [e.uid, e.start])).toEqual([
      ['summer.mastodon@example/test', '2026-10-24T16:00:00.000Z'],
      ['summer.bluesky@example/test', '2026-10-24T16:00:00.000Z'],
      ['late.mastodon@example/test', '2026-10-25T09:00:00.000Z'],
      ['winter.x@example/test', '2026-10-26T17:00:00.000Z'],
    ]);
  });

  it('links each event to its post page and carries the text the channel receives', () => {
    const [summer, , , winter] = events(calendarIcs(placed, context));
    expect(summer!.url).toBe('https://example.github.io/test/posts/summer/');
    expect(summer!.description).toBe('Part one.\n\nPart two.\n\nhttps://example.github.io/test/posts/summer/');
    expect(winter!.description).toContain('Short for X.');
    // The title in first-strong isolates, so its own direction never reorders the channel's name.
    expect(winter!.summary).toBe('\u2068Winter\u2069 · x');
  });

  it('marks an expired post as cancelled', () => {
    const late = events(calendarIcs(placed, context)).find((e) => e.uid.startsWith('late.'))!;
    expect(late.status).toBe('CANCELLED');
  });

  it('keeps the same UIDs in a channel feed and changes nothing between builds', () => {
    const mastodon = events(calendarIcs(placed, context, 'mastodon'));
    expect(mastodon.map((e) => e.uid)).toEqual(['summer.mastodon@example/test', 'late.mastodon@example/test']);
    expect(calendarIcs(placed, context)).toBe(calendarIcs(placed, context));
    expect(eventUid(project.posts[0]!, 'x', 'a/b')).toBe(`${project.posts[0]!.id}.x@a/b`);
  });

  it('ends every line with CRLF, the last one after END:VCALENDAR too (RFC 5545 3.1, 3.4)', () => {
    for (const ics of [
      calendarIcs(placed, context),
      calendarIcs(placed, context, 'mastodon'),
      calendarIcs([], context),
    ]) {
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.split('\r\n').every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
      expect(new ICAL.Component(ICAL.parse(ics)).name).toBe('vcalendar');
    }
  });

  it('has an event for every repetition of an evergreen post, each with its own UID, at the same local time across the clock change', () => {
    const weekly = load([
      file(
        'content/posts/2026/10/tip.mdx',
        post(
          'title: Tip\npublishAt: 2026-10-20 18:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2026-11-03 }',
        ),
      ),
    ]);
    const tips = events(
      calendarIcs(placePosts(weekly.posts, 'Europe/Warsaw'), { ...context, channels: weekly.channels }),
    );
    expect(tips.map((e) => [e.uid, e.start, e.status])).toEqual([
      ['tip.mastodon.20261020T160000Z@example/test', '2026-10-20T16:00:00.000Z', 'CONFIRMED'],
      ['tip.mastodon.20261027T170000Z@example/test', '2026-10-27T17:00:00.000Z', 'CONFIRMED'],
      ['tip.mastodon.20261103T170000Z@example/test', '2026-11-03T17:00:00.000Z', 'CONFIRMED'],
    ]);
  });
});

describe('JSON Feed', () => {
  it('lists every post newest first with its page, text and statuses', () => {
    const feed = jsonFeed(project.posts, context, 'Test Association: Calendar');
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://example.github.io/test/feed.json');
    // The zone the site shows times in: the search writes each post's time in it.
    expect(feed._herald.timezone).toBe('Europe/Berlin');
    expect(feed.items.map((item) => item.id)).toEqual(['winter', 'late', 'summer']);
    const summer = feed.items[2]!;
    expect(summer).toMatchObject({
      url: 'https://example.github.io/test/posts/summer/',
      content_text: 'Part one.\n\nPart two.',
      date_published: '2026-10-24T16:00:00Z',
      tags: ['event'],
    });
    // The feed is made on 25 October at noon: the day before's post is past its window, the next day's ahead.
    expect(summer._herald.channels.map((c) => [c.channel, c.status.state])).toEqual([
      ['mastodon', 'missed'],
      ['bluesky', 'missed'],
    ]);
    expect(feed.items[0]!._herald.channels.map((c) => [c.channel, c.status.state])).toEqual([['x', 'scheduled']]);
    expect(feed.items[0]!._herald.channels[0]!.text).toEqual(['Short for X.']);
  });

  it('gives a repost the link it shares, as its text and its external_url', () => {
    const link = 'https://bsky.app/profile/city.example/post/3mbridgeopen2';
    const reposting = load([
      file(
        'content/posts/2026/10/bridge.mdx',
        post(`title: Bridge\npublishAt: 2026-10-20 18:00\nchannels: [bluesky]\nrepost: ${link}`, ''),
      ),
    ]);
    const [item] = jsonFeed(reposting.posts, { ...context, channels: reposting.channels }, 'T').items;
    expect(item).toMatchObject({ title: 'Bridge', content_text: link, external_url: link });
  });

  it("is newest first whatever order the posts come in (the site's collections keep none)", () => {
    const shuffled = [project.posts[1]!, project.posts[2]!, project.posts[0]!];
    expect(jsonFeed(shuffled, context, 'T').items.map((item) => item.id)).toEqual(['winter', 'late', 'summer']);
  });

  it('leaves addresses out when the site address is unknown', () => {
    const { siteUrl: _, ...withoutSite } = context;
    const feed = jsonFeed(project.posts, withoutSite, 'T');
    expect(feed.feed_url).toBeUndefined();
    expect(feed.items[0]!.url).toBeUndefined();
  });
});
