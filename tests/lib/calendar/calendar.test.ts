import { describe, expect, it } from 'vitest';
import {
  agendaEntries,
  availableFilters,
  calendarViews,
  firstDayOfWeek,
  labelSlug,
  matches,
  monthGrid,
  monthSpan,
  placePosts,
  startOfWeek,
  weekdayOrder,
} from '../../../src/lib/calendar/calendar.ts';
import { routes, viewRoute } from '../../../src/lib/views/routes.ts';
import { file, load, post } from '../../helpers/project.ts';

function project(...posts: [string, string][]) {
  const loaded = load(posts.map(([name, frontmatter]) => file(`content/posts/${name}`, post(frontmatter))));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded;
}

describe('first day of the week', () => {
  it('follows the locale', () => {
    expect(firstDayOfWeek('en')).toBe(7);
    expect(firstDayOfWeek('en-GB')).toBe(1);
    expect(firstDayOfWeek('pl')).toBe(1);
    expect(firstDayOfWeek('fa')).toBe(6);
    expect(weekdayOrder(6)).toEqual([6, 7, 1, 2, 3, 4, 5]);
  });

  it('starts weeks on that day', () => {
    // 2026-12-03 is a Thursday.
    expect(startOfWeek('2026-12-03', 1)).toBe('2026-11-30');
    expect(startOfWeek('2026-12-03', 7)).toBe('2026-11-29');
    expect(startOfWeek('2026-12-03', 6)).toBe('2026-11-28');
    expect(startOfWeek('2026-11-28', 6)).toBe('2026-11-28');
  });
});

describe('month grid', () => {
  it('covers the month in whole weeks from the locale first day', () => {
    const monday = monthGrid('2026-12', 1);
    expect(monday[0]![0]).toBe('2026-11-30');
    expect(monday.at(-1)!.at(-1)).toBe('2027-01-03');
    expect(monday.every((week) => week.length === 7)).toBe(true);
    const sunday = monthGrid('2026-12', 7);
    expect(sunday[0]![0]).toBe('2026-11-29');
    expect(sunday.flat()).toContain('2026-12-31');
  });

  it('has six rows when the month needs them', () => {
    // August 2026 starts on a Saturday: with Monday first it spans six weeks.
    expect(monthGrid('2026-08', 1)).toHaveLength(6);
    expect(monthGrid('2027-02', 1)).toHaveLength(4);
  });
});

describe('placing posts on days', () => {
  it('uses the organisation zone across daylight-saving changes', () => {
    const { posts } = project(
      ['2026/10/before.mdx', 'title: Before\npublishAt: 2026-10-24 23:30\nchannels: [mastodon]'],
      ['2026/10/after.mdx', 'title: After\npublishAt: 2026-10-25 23:30\nchannels: [mastodon]'],
      [
        '2026/10/new-york.mdx',
        'title: Evening in New York\npublishAt: 2026-10-25 20:00\ntimezone: America/New_York\nchannels: [mastodon]',
      ],
    );
    const placed = placePosts(posts, 'Europe/Warsaw');
    const day = (id: string) => placed.find((entry) => entry.post.id === id);
    expect(day('before')).toMatchObject({ date: '2026-10-24', time: '23:30' });
    expect(day('after')).toMatchObject({ date: '2026-10-25', time: '23:30' });
    // 20:00 in New York (still summer time there) is 01:00 the next day in Warsaw.
    expect(day('new-york')).toMatchObject({ date: '2026-10-26', time: '01:00' });
    expect(placed.map((entry) => entry.post.id)).toEqual(['before', 'after', 'new-york']);
  });

  it('places every repetition of an evergreen post, among the other posts, at the same local time', () => {
    const { posts } = project(
      [
        '2026/10/tip.mdx',
        'title: Tip\npublishAt: 2026-10-20 18:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2026-11-10 }\nexpiresAt: 2026-11-04 00:00',
      ],
      ['2026/10/agm.mdx', 'title: AGM\npublishAt: 2026-10-28 09:00\nchannels: [mastodon]'],
    );
    // The post expires before the fourth week: the publisher stops there, and so does the calendar.
    expect(
      placePosts(posts, 'Europe/Warsaw').map((entry) => [entry.post.id, entry.date, entry.time, entry.at]),
    ).toEqual([
      ['tip', '2026-10-20', '18:00', '2026-10-20T16:00:00Z'],
      ['tip', '2026-10-27', '18:00', '2026-10-27T17:00:00Z'],
      ['agm', '2026-10-28', '09:00', '2026-10-28T08:00:00Z'],
      ['tip', '2026-11-03', '18:00', '2026-11-03T17:00:00Z'],
    ]);
  });
});

describe('filters', () => {
  const { posts } = project(
    [
      '2026/12/a.mdx',
      'title: A\npublishAt: 2026-12-01 10:00\nchannels: [mastodon]\ncampaign: winter\nlabels: [Repair café, event]',
    ],
    ['2026/12/b.mdx', 'title: B\npublishAt: 2026-12-02 10:00\nchannels: [x, bluesky]\nlabels: [repair-café]'],
    ['2027/02/c.mdx', 'title: C\npublishAt: 2027-02-02 10:00\nchannels: [x]\ncampaign: agm'],
  );

  it('offers each channel, campaign and label that selects a post', () => {
    expect(availableFilters(posts, ['mastodon', 'bluesky', 'x', 'linkedin'])).toEqual([
      { kind: 'channel', value: 'mastodon', name: 'mastodon' },
      { kind: 'channel', value: 'bluesky', name: 'bluesky' },
      { kind: 'channel', value: 'x', name: 'x' },
      { kind: 'campaign', value: 'agm', name: 'agm' },
      { kind: 'campaign', value: 'winter', name: 'winter' },
      { kind: 'label', value: 'event', name: 'event' },
      { kind: 'label', value: 'repair-café', name: 'Repair café' },
    ]);
  });

  it('matches labels that differ only in case and punctuation as one', () => {
    expect(labelSlug('Repair café')).toBe('repair-café');
    expect(labelSlug('  Évènement / Live! ')).toBe('évènement-live');
    expect(labelSlug('رویداد محله')).toBe('رویداد-محله');
    const label = { kind: 'label', value: 'repair-café' } as const;
    expect(posts.filter((p) => matches(p, label)).map((p) => p.id)).toEqual(['a', 'b']);
    expect(posts.filter((p) => matches(p, { kind: 'channel', value: 'x' })).map((p) => p.id)).toEqual(['b', 'c']);
    expect(posts.filter((p) => matches(p, { kind: 'campaign', value: 'winter' })).map((p) => p.id)).toEqual(['a']);
  });

  it('gives every view a page, filtered months only where the filter has posts', () => {
    const placed = placePosts(posts, 'Europe/Warsaw');
    expect(monthSpan(placed, undefined, '2026-11-23')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthSpan(placed, { kind: 'campaign', value: 'winter' }, '2026-11-23')).toEqual(['2026-12']);
    const filters = availableFilters(posts, ['mastodon', 'bluesky', 'x']);
    const views = calendarViews(placed, filters, '2026-11-23', 1).map(viewRoute);
    expect(views).toContain(routes.month('2026-11'));
    expect(views).toContain(routes.month('2027-02', { kind: 'channel', value: 'x' }));
    expect(views).not.toContain(routes.month('2027-02', { kind: 'channel', value: 'mastodon' }));
    expect(views).toContain(routes.week('2026-11-23'));
    expect(views).toContain(routes.agenda({ kind: 'label', value: 'repair-café' }));
    expect(new Set(views).size).toBe(views.length);
  });

  it('lists the agenda from today for six weeks', () => {
    const placed = placePosts(posts, 'Europe/Warsaw');
    expect(agendaEntries(placed, undefined, '2026-12-02').map((e) => e.post.id)).toEqual(['b']);
    expect(agendaEntries(placed, undefined, '2026-11-01').map((e) => e.post.id)).toEqual(['a', 'b']);
  });
});

describe('routes', () => {
  it('writes folders with a trailing slash and encodes free text', () => {
    expect(routes.month('2026-12')).toBe('calendar/2026/12/');
    expect(routes.month('2026-12', { kind: 'label', value: 'رویداد' })).toBe(
      `calendar/label/${encodeURIComponent('رویداد')}/2026/12/`,
    );
    expect(routes.week('2026-11-30')).toBe('calendar/week/2026-11-30/');
    expect(routes.calendarFeed('mastodon')).toBe('calendar/mastodon.ics');
    expect(routes.media('p', 'content/posts/2026/12/hall photo.jpg')).toBe('posts/p/hall-photo.jpg');
    expect(routes.media('p', 'content/posts/2026/12/"><img src=x onerror=alert(1)>.gif')).toBe(
      'posts/p/-img-src-x-onerror-alert-1-.gif',
    );
  });
});
