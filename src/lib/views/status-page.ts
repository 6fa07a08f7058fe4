/**
 * The status page: whether publishing is happening on time, from the ledger alone (its run records
 * and its deliveries) and the build's "now". GitHub's scheduler is best effort: runs start late,
 * nights are skipped, and a schedule is switched off after 60 days without activity. This page makes
 * that visible: the last run and its delay, the runs of the last 30 days as a chart, the deliveries
 * that went out late, failed or were missed, what waits at Mastodon, and a warning when the schedule
 * has gone quiet for longer than it allows.
 */
import { Temporal } from 'temporal-polyfill';
import type { Channel } from '../../schemas/config.ts';
import type { Ledger, LedgerEntry, RunRecord } from '../../schemas/ledger.ts';
import { dateAt, type Placed } from '../calendar/calendar.ts';
import { credentialExpiry, type CredentialExpiry } from '../publishing/expiry-notices.ts';
import type { Post } from '../project/model.ts';
import { cronIntervalMs } from '../ledger/runs.ts';
import type { ChannelStatus } from '../publishing/status.ts';

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/** How far back the chart and the lists of deliveries look. */
export const statusDays = 30;
/** A delivery that went out more than this after its time was late. */
export const lateAfterMs = 5 * minuteMs;

export interface StatusInput {
  ledger: Ledger;
  /** Epoch milliseconds: the build's "now". */
  now: number;
  /** herald.yaml's time zone: the chart's days are its days. */
  zone: string;
  paused: boolean;
  /** The publications the public site shows (see publicView): only their deliveries are listed. */
  placed: readonly Placed[];
  /** The public channels: only theirs are listed, and only their credentials. */
  channels: readonly Channel[];
  status: (post: Post, channel: string, at: string) => ChannelStatus;
}

/** No run recorded at all, or none for longer than the schedule allows. */
export type Silence = { kind: 'never' } | { kind: 'silent'; since: string; allowedMs: number; cron?: string };

export interface RunDay {
  /** YYYY-MM-DD in the organisation's zone. */
  date: string;
  runs: number;
  /** The longest delay of a run that day against its schedule slot; 0 for runs without a slot. */
  maxLateSeconds: number;
}

export interface Delivery {
  post: { id: string; title: string };
  channel: string;
  /** When it was due, UTC ISO 8601. */
  scheduledAt: string;
  /** When it went out, failed, was found missed, or (handed off) when the network is to publish it. */
  at?: string;
  lateSeconds?: number;
  message?: string;
}

export interface StatusPage {
  lastRun?: RunRecord;
  silence?: Silence;
  /** Each of the last 30 days, oldest first, with its runs. */
  days: RunDay[];
  /** How many runs the last 30 days had. */
  runCount: number;
  late: Delivery[];
  failed: Delivery[];
  missed: Delivery[];
  handedOff: Delivery[];
  paused: boolean;
  credentials: CredentialExpiry[];
}

export function statusPage({ ledger, now, zone, paused, placed, channels, status }: StatusInput): StatusPage {
  const runs = (ledger.runs ?? []).filter((run) => Date.parse(run.startedAt) <= now);
  const lastRun = runs.reduce<RunRecord | undefined>(
    (last, run) => (!last || Date.parse(run.startedAt) > Date.parse(last.startedAt) ? run : last),
    undefined,
  );
  const since = now - statusDays * dayMs;
  const publicChannels = new Set(channels.map((channel) => channel.id));
  const recent = placed.filter((item) => Date.parse(item.at) <= now && Date.parse(item.at) > since);
  const troubles = (state: 'failed' | 'missed') =>
    recent.flatMap((item) =>
      item.post.channels.flatMap((channel) => {
        const found = status(item.post, channel, item.at);
        if (found.state !== state) return [];
        return [
          {
            post: { id: item.post.id, title: item.post.title },
            channel,
            scheduledAt: item.at,
            ...(found.at && { at: found.at }),
            ...(found.message && { message: found.message }),
          },
        ];
      }),
    );
  const titles = new Map(placed.map((item) => [item.post.id, item.post.title]));
  const entries = Object.values(ledger.entries).filter(
    (entry) => titles.has(entry.post) && publicChannels.has(entry.channel),
  );
  const delivery = (entry: LedgerEntry, at?: string): Delivery => ({
    post: { id: entry.post, title: titles.get(entry.post)! },
    channel: entry.channel,
    scheduledAt: entry.scheduledAt,
    ...(at && { at }),
  });
  const late = entries
    .flatMap((entry) => {
      if (entry.state !== 'published' || !entry.publishedAt || Date.parse(entry.publishedAt) <= since) return [];
      const lateMs = Date.parse(entry.publishedAt) - Date.parse(entry.scheduledAt);
      return lateMs > lateAfterMs
        ? [{ ...delivery(entry, entry.publishedAt), lateSeconds: Math.floor(lateMs / 1000) }]
        : [];
    })
    .sort(newestFirst);
  const handedOff = entries
    .flatMap((entry) => (entry.state === 'handedOff' ? [delivery(entry, entry.handOff?.at)] : []))
    .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
  return {
    ...(lastRun && { lastRun }),
    ...silenceOf(runs, lastRun, now),
    days: runDays(runs, now, zone),
    runCount: runs.filter((run) => Date.parse(run.startedAt) > since).length,
    late,
    failed: troubles('failed').sort(newestFirst),
    missed: troubles('missed').sort(newestFirst),
    handedOff,
    paused,
    credentials: channels.flatMap((channel) => credentialExpiry(channel, zone, now) ?? []),
  };
}

const newestFirst = (a: Delivery, b: Delivery) => Date.parse(b.scheduledAt) - Date.parse(a.scheduledAt);

/**
 * How long the schedule may stay quiet: twice the longest gap of the last scheduled run's cron, and
 * an hour more for GitHub's usual delay; a day when no run says which cron it came from.
 */
export function allowedSilenceMs(cron: string | undefined, at: number): number {
  const interval = cron ? cronIntervalMs(cron, at) : undefined;
  return interval === undefined ? dayMs : 2 * interval + hourMs;
}

function silenceOf(runs: readonly RunRecord[], lastRun: RunRecord | undefined, now: number): { silence?: Silence } {
  if (!lastRun) return { silence: { kind: 'never' } };
  const cron = runs.findLast((run) => run.cron)?.cron;
  const started = Date.parse(lastRun.startedAt);
  const allowedMs = allowedSilenceMs(cron, started);
  if (now - started <= allowedMs) return {};
  return { silence: { kind: 'silent', since: lastRun.startedAt, allowedMs, ...(cron && { cron }) } };
}

function runDays(runs: readonly RunRecord[], now: number, zone: string): RunDay[] {
  const today = Temporal.PlainDate.from(dateAt(now, zone));
  const days = new Map<string, RunDay>();
  for (let back = statusDays - 1; back >= 0; back -= 1) {
    const date = today.subtract({ days: back }).toString();
    days.set(date, { date, runs: 0, maxLateSeconds: 0 });
  }
  for (const run of runs) {
    const day = days.get(dateAt(Date.parse(run.startedAt), zone));
    if (!day) continue;
    day.runs += 1;
    day.maxLateSeconds = Math.max(day.maxLateSeconds, run.lateSeconds ?? 0);
  }
  return [...days.values()];
}

export interface ChartBar {
  date: string;
  x: number;
  y: number;
  width: number;
  height: number;
  runs: number;
  maxLateSeconds: number;
}

export interface RunChart {
  width: number;
  height: number;
  /** The delay the chart's full height stands for: at least an hour. */
  scaleSeconds: number;
  /** A bar per day that had runs; its height is the day's longest delay. */
  bars: ChartBar[];
  /** Where the line at one hour's delay is drawn, when the scale is longer than an hour. */
  hourLine?: number;
}

const chart = { dayWidth: 10, gap: 2, height: 100, minBar: 2 };

/**
 * The chart of runs per day, as coordinates in its own box (the component scales it to the page).
 * A day with runs always shows a bar, at least `minBar` high, so runs on time are not mistaken for
 * no runs.
 */
export function runChart(days: readonly RunDay[]): RunChart {
  const longest = Math.max(0, ...days.map((day) => day.maxLateSeconds));
  const scaleSeconds = Math.max(3600, Math.ceil(longest / 3600) * 3600);
  const drawn = chart.height - chart.minBar;
  const bars = days.flatMap((day, index) => {
    if (day.runs === 0) return [];
    const height = chart.minBar + Math.round((day.maxLateSeconds / scaleSeconds) * drawn * 10) / 10;
    return [
      {
        date: day.date,
        x: index * (chart.dayWidth + chart.gap) + chart.gap / 2,
        y: chart.height - height,
        width: chart.dayWidth,
        height,
        runs: day.runs,
        maxLateSeconds: day.maxLateSeconds,
      },
    ];
  });
  return {
    width: days.length * (chart.dayWidth + chart.gap),
    height: chart.height,
    scaleSeconds,
    bars,
    ...(scaleSeconds > 3600 && { hourLine: chart.height - chart.minBar - drawn / (scaleSeconds / 3600) }),
  };
}
