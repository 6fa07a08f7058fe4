import { describe, expect, it } from 'vitest';
import { placeBroken, placePosts, type CalendarItem } from '../../../src/lib/calendar/calendar.ts';
import { home } from '../../../src/lib/views/home.ts';
import type { Problem } from '../../../src/lib/project/problems.ts';
import type { ChannelStatus, PostState } from '../../../src/lib/publishing/status.ts';
import { file, load, post, testNow } from '../../helpers/project.ts';

const at = (id: string, month = '2026/11') => `content/posts/${month}/${id}.mdx`;
const project = load([
  file(at('last-week'), post('title: Last week\npublishAt: 2026-11-16 10:00\nchannels: [mastodon, bluesky, x]')),
  file(at('yesterday'), post('title: Yesterday\npublishAt: 2026-11-22 10:00\nchannels: [mastodon, x]')),
  file(at('long-ago', '2026/09'), post('title: Long ago\npublishAt: 2026-09-01 10:00\nchannels: [x]')),
  file(at('tomorrow'), post('title: Tomorrow\npublishAt: 2026-11-24 10:00\nchannels: [mastodon]')),
  file(at('next-week'), post('title: Next week\npublishAt: 2026-11-30 10:00\nchannels: [mastodon]')),
  file(at('in-a-month', '2026/12'), post('title: In a month\npublishAt: 2026-12-23 10:00\nchannels: [mastodon]')),
  file(at('broken', '2026/12'), post('title: Broken\npublishAt: 2026-12-01 10:00\nchannels: [mastodon]\ncampain: x')),
]);
const items: CalendarItem[] = [
  ...placePosts(project.posts, 'Europe/Warsaw'),
  ...placeBroken(project.broken, 'Europe/Warsaw'),
].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

/** Statuses as the ledger would give them: `states[postId][channel]`, scheduled or published otherwise. */
function view(
  states: Record<string, Record<string, PostState>> = {},
  findings: Record<string, Problem['severity'][]> = {},
) {
  return home({
    items,
    today: '2026-11-23',
    now: testNow,
    status: (p, channel, when): ChannelStatus => ({
      state: states[p.id]?.[channel] ?? (Date.parse(when) < testNow ? 'published' : 'scheduled'),
    }),
    findings: ({ file: name }) =>
      (findings[name.split('/').at(-1)!.replace('.mdx', '')] ?? []).map((severity) => ({
        file: name,
        line: 1,
        column: 1,
        rule: 'x/y',
        severity,
        message: 'm',
      })),
    nextCount: 3,
  });
}
const ids = (list: { entry: CalendarItem }[]) =>
  list.map(({ entry }) => ('post' in entry ? entry.post.id : entry.broken.id));

describe('the home page', () => {
  it('lists what goes out next, from today on, in time order', () => {
    expect(view().next.map((entry) => ('post' in entry ? entry.post.id : entry.broken.id))).toEqual([
      'tomorrow',
      'next-week',
      'broken',
    ]);
  });

  it('lists what went wrong in the last 30 days, newest first, with only the channels in trouble', () => {
    const { troubles } = view({
      'last-week': { bluesky: 'failed', x: 'unknown' },
      yesterday: { mastodon: 'missed' },
      'long-ago': { x: 'failed' },
    });
    expect(ids(troubles)).toEqual(['yesterday', 'last-week']);
    expect(troubles[1]!.channels.map(({ channel, status }) => `${channel}:${status.state}`)).toEqual([
      'bluesky:failed',
      'x:unknown',
    ]);
  });

  it.each<[PostState, number]>([
    ['published', 0],
    ['expired', 0],
    ['retracted', 0],
    ['paused', 0],
    ['failed', 1],
    ['missed', 1],
    ['unknown', 1],
  ])('counts a past post that is %s as trouble: %i', (state, count) => {
    expect(view({ yesterday: { mastodon: state } }).troubles).toHaveLength(count);
  });

  it('says nothing went wrong when every post due went out', () => {
    expect(view().troubles).toEqual([]);
  });

  it("asks for a look at the next two weeks' posts with findings, and at broken ones", () => {
    const { needsLook } = view({}, { tomorrow: ['warning'], 'in-a-month': ['error'], yesterday: ['warning'] });
    // In a month is beyond two weeks; yesterday is past.
    expect(ids(needsLook)).toEqual(['tomorrow', 'broken']);
    expect(needsLook[0]!.findings.map((finding) => finding.severity)).toEqual(['warning']);
  });
});
