import { describe, expect, it } from 'vitest';
import { placePosts } from '../../../src/lib/calendar/calendar.ts';
import { ledgerKey } from '../../../src/lib/publishing/schedule.ts';
import { channelStatus, ledgerLookup } from '../../../src/lib/publishing/status.ts';
import { allowedSilenceMs, runChart, statusPage, type RunDay } from '../../../src/lib/views/status-page.ts';
import type { Ledger, LedgerEntry, RunRecord } from '../../../src/schemas/ledger.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';

const zone = 'Europe/Warsaw';
const at = (id: string) => `content/posts/2026/11/${id}.mdx`;
const config = testConfig.replace(
  '  - id: x\n    network: x\n',
  '  - id: x\n    network: x\n    credentialsExpire: 2026-12-01\n  - id: team\n    network: webhook\n    credentialsExpire: 2026-11-25\n',
);
const project = load(
  [
    file(at('late'), post('title: Went out late\npublishAt: 2026-11-20 10:00\nchannels: [mastodon, bluesky]')),
    file(at('failed'), post('title: Refused\npublishAt: 2026-11-21 10:00\nchannels: [bluesky]')),
    file(at('missed'), post('title: Never sent\npublishAt: 2026-11-22 10:00\nchannels: [x]')),
    file(at('tonight'), post('title: Tonight\npublishAt: 2026-11-23 20:00\nchannels: [mastodon]')),
    file(at('internal'), post('title: For the team\npublishAt: 2026-11-21 12:00\nchannels: [team]')),
  ],
  config,
);
const placed = placePosts(
  project.posts.filter((p) => p.id !== 'internal'),
  zone,
);
const publicChannels = project.config!.channels.filter((channel) => channel.id !== 'team');

const cron = '7,22,37,52 * * * *';
const hours = (count: number) => count * 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function entry(postId: string, channel: string, fields: Partial<LedgerEntry>): [string, LedgerEntry] {
  return [
    ledgerKey(postId, channel),
    {
      post: postId,
      channel,
      network: channel === 'team' ? 'webhook' : (channel as 'mastodon'),
      state: 'published',
      contentHash: `sha256:${'a'.repeat(64)}`,
      parts: [],
      attempts: 1,
      scheduledAt: '2026-11-20T09:00:00Z',
      updatedAt: '2026-11-20T09:00:00Z',
      ...fields,
    },
  ];
}

function run(startedAt: string, lateSeconds?: number): RunRecord {
  return {
    run: startedAt,
    startedAt,
    trigger: lateSeconds === undefined ? 'dispatch' : 'schedule',
    ...(lateSeconds !== undefined && { cron, slot: iso(Date.parse(startedAt) - lateSeconds * 1000), lateSeconds }),
  };
}

function page(ledger: Partial<Ledger>, { now = testNow, paused = false } = {}) {
  const full: Ledger = { version: 1, entries: {}, ...ledger };
  const context = { now, window: 'PT2H', paused, ledger: ledgerLookup(full) };
  return statusPage({
    ledger: full,
    now,
    zone,
    paused,
    placed,
    channels: publicChannels,
    status: (p, channel, when) => channelStatus(p, channel, context, when),
  });
}

const regularRuns = [run('2026-11-23T10:10:00Z', 180), run('2026-11-23T11:40:00Z', 180)];

describe('the status page', () => {
  it('warns loudly when no run was ever recorded', () => {
    const status = page({});
    expect(status.silence).toEqual({ kind: 'never' });
    expect(status.lastRun).toBeUndefined();
    expect(status.runCount).toBe(0);
  });

  it('shows the last run and how late it started against its slot', () => {
    const status = page({ runs: regularRuns });
    expect(status.lastRun).toMatchObject({ startedAt: '2026-11-23T11:40:00Z', lateSeconds: 180 });
    expect(status.silence).toBeUndefined();
  });

  it('warns when the schedule has been silent for 3 days: it may have been disabled', () => {
    const status = page({ runs: regularRuns }, { now: Date.parse('2026-11-26T11:40:00Z') });
    expect(status.silence).toEqual({
      kind: 'silent',
      since: '2026-11-23T11:40:00Z',
      allowedMs: 2 * 15 * 60_000 + hours(1),
      cron,
    });
  });

  it('allows twice the cron interval and an hour, or a day when no run names its cron', () => {
    const last = Date.parse('2026-11-23T11:40:00Z');
    expect(allowedSilenceMs(cron, last)).toBe(hours(1.5));
    expect(allowedSilenceMs('0 6 * * *', last)).toBe(hours(49));
    expect(allowedSilenceMs(undefined, last)).toBe(hours(24));
    expect(allowedSilenceMs('not a cron', last)).toBe(hours(24));
    const dispatched = [run('2026-11-22T11:00:00Z')];
    expect(page({ runs: dispatched }).silence).toEqual({
      kind: 'silent',
      since: '2026-11-22T11:00:00Z',
      allowedMs: hours(24),
    });
    expect(page({ runs: dispatched }, { now: Date.parse('2026-11-23T10:00:00Z') }).silence).toBeUndefined();
  });

  it('groups the last 30 days of runs by day in the zone, with the longest delay of each', () => {
    const status = page({
      runs: [
        run('2026-10-01T10:00:00Z', 60),
        run('2026-11-20T22:30:00Z', 7200),
        run('2026-11-20T23:30:00Z', 600),
        run('2026-11-21T09:00:00Z'),
        ...regularRuns,
      ],
    });
    expect(status.days).toHaveLength(30);
    expect(status.days.at(-1)!.date).toBe('2026-11-23');
    expect(status.days[0]!.date).toBe('2026-10-25');
    expect(status.days.filter((day) => day.runs > 0)).toEqual([
      { date: '2026-11-20', runs: 1, maxLateSeconds: 7200 },
      // 23:30 UTC is past midnight in Warsaw.
      { date: '2026-11-21', runs: 2, maxLateSeconds: 600 },
      { date: '2026-11-23', runs: 2, maxLateSeconds: 180 },
    ]);
    expect(status.runCount).toBe(5);
  });

  it('lists deliveries that went out more than 5 minutes late, failures and missed posts with their post', () => {
    const status = page({
      runs: regularRuns,
      entries: Object.fromEntries([
        entry('late', 'mastodon', { publishedAt: '2026-11-20T12:05:00Z' }),
        entry('late', 'bluesky', { publishedAt: '2026-11-20T09:04:00Z' }),
        entry('failed', 'bluesky', {
          state: 'failed',
          scheduledAt: '2026-11-21T09:00:00Z',
          updatedAt: '2026-11-21T09:01:00Z',
          error: { message: 'Invalid identifier or password', status: 401, permanent: false },
        }),
      ]),
    });
    expect(status.late).toEqual([
      {
        post: { id: 'late', title: 'Went out late' },
        channel: 'mastodon',
        scheduledAt: '2026-11-20T09:00:00Z',
        at: '2026-11-20T12:05:00Z',
        lateSeconds: 3 * 3600 + 300,
      },
    ]);
    expect(status.failed).toEqual([
      {
        post: { id: 'failed', title: 'Refused' },
        channel: 'bluesky',
        scheduledAt: '2026-11-21T09:00:00Z',
        at: '2026-11-21T09:01:00Z',
        message: 'Invalid identifier or password',
      },
    ]);
    expect(status.missed).toMatchObject([{ post: { id: 'missed', title: 'Never sent' }, channel: 'x' }]);
  });

  it('lists posts handed off to Mastodon that wait to go out', () => {
    const status = page({
      entries: Object.fromEntries([
        entry('tonight', 'mastodon', {
          state: 'handedOff',
          scheduledAt: '2026-11-23T19:00:00Z',
          handOff: { id: '1099', at: '2026-11-23T19:00:00Z' },
        }),
      ]),
    });
    expect(status.handedOff).toEqual([
      {
        post: { id: 'tonight', title: 'Tonight' },
        channel: 'mastodon',
        scheduledAt: '2026-11-23T19:00:00Z',
        at: '2026-11-23T19:00:00Z',
      },
    ]);
  });

  it('leaves out private channels and internal posts: their deliveries and their credentials', () => {
    const status = page({
      entries: Object.fromEntries([
        entry('internal', 'team', { publishedAt: '2026-11-21T15:00:00Z', scheduledAt: '2026-11-21T11:00:00Z' }),
        entry('late', 'team', { publishedAt: '2026-11-21T15:00:00Z', scheduledAt: '2026-11-21T11:00:00Z' }),
      ]),
    });
    expect(status.late).toEqual([]);
    expect(status.credentials.map((expiry) => expiry.channel)).toEqual(['x']);
  });

  it('names channels whose credentials expire within 14 days', () => {
    expect(page({}).credentials).toMatchObject([{ channel: 'x', day: '2026-12-01', daysLeft: 7, level: 'warning' }]);
    expect(page({}, { now: Date.parse('2026-11-01T12:00:00Z') }).credentials).toEqual([]);
  });

  it('says whether publishing is paused, and counts posts past their time while paused as missed', () => {
    const status = page({ runs: regularRuns }, { paused: true });
    expect(status.paused).toBe(true);
    expect(status.missed.map((d) => d.post.id).sort()).toEqual(['failed', 'late', 'late', 'missed']);
  });
});

describe('the chart of runs', () => {
  const days = (lates: (number | undefined)[]): RunDay[] =>
    lates.map((late, index) => ({
      date: `2026-11-${String(index + 1).padStart(2, '0')}`,
      runs: late === undefined ? 0 : 1,
      maxLateSeconds: late ?? 0,
    }));

  it('draws a bar per day with runs, as high as its longest delay, on a scale of at least an hour', () => {
    const drawn = runChart(days([undefined, 0, 1800, undefined, 3600]));
    expect(drawn.scaleSeconds).toBe(3600);
    expect(drawn.hourLine).toBeUndefined();
    expect(drawn.bars.map((bar) => bar.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-05']);
    expect(drawn.bars.map((bar) => bar.height)).toEqual([2, 51, 100]);
    for (const bar of drawn.bars) expect(bar.y + bar.height).toBe(drawn.height);
    expect(drawn.bars[1]!.x).toBeGreaterThan(drawn.bars[0]!.x + drawn.bars[0]!.width);
    expect(drawn.bars.at(-1)!.x + drawn.bars.at(-1)!.width).toBeLessThanOrEqual(drawn.width);
  });

  it('stretches its scale to whole hours for a run hours late, and marks one hour', () => {
    const drawn = runChart(days([600, 4 * 3600 + 60]));
    expect(drawn.scaleSeconds).toBe(5 * 3600);
    expect(drawn.bars[1]!.height).toBeCloseTo(2 + (98 * (4 * 3600 + 60)) / (5 * 3600), 0);
    expect(drawn.hourLine).toBeCloseTo(100 - 2 - 98 / 5);
  });

  it('has no bars when there were no runs', () => {
    expect(runChart(days([undefined, undefined])).bars).toEqual([]);
  });
});
