import { Temporal } from 'temporal-polyfill';
import { localDateTime } from '../../schemas/common.ts';
import type { Channel } from '../../schemas/config.ts';
import { newPostPath, newPostText, type NewPost } from './authoring.ts';
import { byPublishingOrder, contentPaths, parseProject } from '../project/load.ts';
import type { Post, Project, Schedule } from '../project/model.ts';
import type { Problem } from '../project/problems.ts';
import { occurrences } from '../publishing/schedule.ts';
import { contentMixWindow, findingReach, sentTextKey, type Reach } from '../rules/calendar.ts';
import { channelsOf } from '../rules/context.ts';
import { lint } from '../rules/index.ts';
import type { SourceFile } from '../project/source.ts';
import { toInstant, wallClockOf } from '../time/time.ts';

/**
 * When a new post may go out: a time that exists, lies ahead, and at which the file `herald new`
 * would write breaks none of the calendar rules (src/lib/rules/calendar.ts) at the severities
 * herald.yaml gives them; and the first such time, to suggest. The rules engine judges the new post
 * among the posts that can matter to it (see `neighbours`), not among the whole calendar, so that a
 * search trying hundreds of times stays fast.
 */

/** A new post whose time is still to be chosen. */
export type Draft = Omit<NewPost, 'publishAt'>;

export type SlotCheck =
  /**
   * `warnings`: calendar findings below error at this time. `content`: what the rules find in the
   * post's text and settings, the same at any time, so it never makes a time fail.
   */
  | { ok: true; local: string; instant: string; warnings: Problem[]; content: Problem[] }
  /** `reach`: whether another time of the day, or any time at all, could pass (see findingReach). */
  | { ok: false; reason: string; reach: Reach };

/** Whether `draft` could go out at `written` (YYYY-MM-DD HH:MM in herald.yaml's zone); the reason when not. */
export function checkSlot(schedule: Schedule, draft: Draft, written: string, now: number): SlotCheck {
  const local = written.trim();
  const zone = schedule.config.timezone;
  if (!localDateTime.safeParse(local).success)
    return refused(`"${local}" is not a date and time. Write it like 2026-12-03 18:30.`);
  const time = toInstant(local, zone);
  if (!time.ok) return refused(time.message);
  if (time.epochMs <= now) {
    const current = wallClockOf(new Date(now).toISOString(), zone);
    return refused(
      `${local.slice(0, 16)} has passed: it is ${current.date} ${current.time} in ${zone} now. Pick a later time.`,
    );
  }
  return judge(calendarOf(schedule), { ...draft, publishAt: local }, now);
}

function refused(reason: string, reach: Reach = 'time'): SlotCheck {
  return { ok: false, reason, reach };
}

const encoder = new TextEncoder();

/** The rules engine's verdict on the file of `post`, loaded with herald.yaml, among its neighbours. */
function judge(calendar: Calendar, post: NewPost, now: number): SlotCheck {
  const file = { path: newPostPath(post), bytes: encoder.encode(newPostText(post)) };
  const alone = parseProject([calendar.config, file], { now });
  const candidate = alone.posts[0];
  if (!candidate) {
    // The time was checked above: what keeps the file from loading is no matter of time.
    const errors = alone.problems.filter((p) => p.file === file.path && p.severity === 'error');
    return refused(errors.map((p) => p.message).join(' '), 'always');
  }
  const project: Project = {
    ...alone,
    houseRules: calendar.houseRules,
    posts: [candidate, ...neighbours(calendar, candidate)].sort(byPublishingOrder),
  };
  const all = lint(project, { now, files: new Set([file.path]) });
  const findings = all.filter((p) => p.rule.startsWith('calendar/'));
  const errors = findings.filter((p) => p.severity === 'error');
  if (errors.length === 0)
    return {
      ok: true,
      local: post.publishAt,
      instant: candidate.publishAt,
      warnings: findings,
      content: all.filter((p) => !findings.includes(p)),
    };
  const reach = reaches.findLast((wide) => errors.some((p) => reachOf(p) === wide))!;
  // When no time could pass, what this time breaks besides is beside the point.
  const reasons = reach === 'always' ? errors.filter((p) => reachOf(p) === 'always') : errors;
  return refused(reasons.map((p) => p.message).join(' '), reach);
}

const reaches: Reach[] = ['time', 'day', 'always'];
const reachOf = (finding: Problem): Reach => findingReach.get(finding.rule) ?? 'time';

/**
 * The posts a calendar finding about `candidate` can depend on, by the times they go out
 * (repetitions included): on each of its channels those of its day (calendar/daily-max), the one
 * just before and just after it (calendar/min-gap and calendar/cadence), the channel's latest post
 * (calendar/cadence looks no further) and those that send the same text (calendar/duplicate-text);
 * for a reshare, every post within the content mix's 30 days either side (calendar/content-mix
 * weighs reshares only). The tests compare the verdicts with those among the whole calendar.
 */
function neighbours(calendar: Calendar, candidate: Post): Set<Post> {
  const ms = Date.parse(candidate.publishAt);
  const day = Temporal.PlainDate.from(candidate.written.publishAt.slice(0, 10)).toZonedDateTime(calendar.zone);
  const [dayStart, dayEnd] = [day.epochMilliseconds, day.add({ days: 1 }).epochMilliseconds - 1];
  const found = new Set<Post>();
  for (const channel of channelsOf(candidate, calendar.channels)) {
    const line = calendar.lines.get(channel.id);
    if (!line) continue;
    for (const post of line.timeline.between(dayStart, dayEnd)) found.add(post);
    for (const post of line.timeline.around(ms)) found.add(post);
    found.add(line.latest);
    for (const post of sameText(calendar, line.posts, channel, sentTextKey(candidate, channel))) found.add(post);
  }
  if (candidate.kind === 'reshare' && calendar.contentMix) {
    for (const post of calendar.all.between(ms - contentMixWindow, ms + contentMixWindow)) found.add(post);
  }
  return found;
}

/** The posts of a channel that send what `key` (sentTextKey) names, from an index built once per channel. */
function sameText(calendar: Calendar, posts: Post[], channel: Channel, key: string): Post[] {
  let byText = calendar.sameText.get(channel.id);
  if (!byText) {
    byText = new Map();
    for (const post of posts) {
      const text = sentTextKey(post, channel);
      const same = byText.get(text);
      if (same) same.push(post);
      else byText.set(text, [post]);
    }
    calendar.sameText.set(channel.id, byText);
  }
  return byText.get(key) ?? [];
}

/** A time a post goes out, in epoch milliseconds. */
interface Entry {
  post: Post;
  ms: number;
}

/** The times posts go out, in order, to find the posts near a time by bisection. */
class Timeline {
  private readonly posts: Post[] = [];
  private readonly times: number[] = [];

  constructor(entries: Entry[]) {
    for (const { post, ms } of entries.sort((a, b) => a.ms - b.ms)) {
      this.posts.push(post);
      this.times.push(ms);
    }
  }

  /** The index of the first post at `ms` or later. */
  private from(ms: number): number {
    let [low, high] = [0, this.times.length];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.times[mid]! < ms) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The post that goes out last before `ms`, and the one first after it. */
  around(ms: number): Post[] {
    return [this.posts[this.from(ms) - 1], this.posts[this.from(ms + 1)]].filter((post) => post !== undefined);
  }

  /** The posts that go out from `start` to `end`, both included. */
  between(start: number, end: number): Post[] {
    return this.posts.slice(this.from(start), this.from(end + 1));
  }
}

interface Calendar {
  /** herald.yaml, to parse each candidate with. */
  config: SourceFile;
  channels: Project['channels'];
  /** The style guide's house rules, which the new post's text is checked against too. */
  houseRules: Project['houseRules'];
  zone: string;
  contentMix: boolean;
  /** Per channel id: its posts, by the times they go out, and the one with the latest publishAt. */
  lines: Map<string, { posts: Post[]; timeline: Timeline; latest: Post }>;
  all: Timeline;
  /** Per channel id, once asked about: its posts by what they send to it (sentTextKey). */
  sameText: Map<string, Map<string, Post[]>>;
}

/** Built once per project: a suggestion or a site build asks it many times. */
const calendars = new WeakMap<Schedule, Calendar>();

function calendarOf(schedule: Schedule): Calendar {
  const cached = calendars.get(schedule);
  if (cached) return cached;
  // Retracted posts are off the calendar: the rules skip them.
  const posts = schedule.posts.filter((post) => !post.retract).sort(byPublishingOrder);
  const all: Entry[] = [];
  const perChannel = new Map<string, { posts: Post[]; entries: Entry[] }>();
  for (const post of posts) {
    const times = occurrences(post).map((at) => ({ post, ms: Date.parse(at) }));
    all.push(...times);
    for (const id of post.channels) {
      const line = perChannel.get(id) ?? { posts: [], entries: [] };
      line.posts.push(post);
      line.entries.push(...times);
      perChannel.set(id, line);
    }
  }
  const calendar: Calendar = {
    config: { path: contentPaths.config, bytes: encoder.encode(schedule.configSource.text) },
    channels: schedule.channels,
    houseRules: schedule.houseRules,
    zone: schedule.config.timezone,
    contentMix: schedule.config.calendar.contentMix !== undefined,
    lines: new Map(
      [...perChannel].map(([id, line]) => [
        id,
        { posts: line.posts, timeline: new Timeline(line.entries), latest: line.posts.at(-1)! },
      ]),
    ),
    all: new Timeline(all),
    sameText: new Map(),
  };
  calendars.set(schedule, calendar);
  return calendar;
}

/** The times a suggestion may fall on: office hours, on the half hour, 09:00 to 17:30. */
const officeHours = Array.from(
  { length: 18 },
  (_, i) => `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);
/** How far ahead to look for a free time. */
const searchDays = 366;

/**
 * The first office-hours time of `date` that checkSlot accepts; a refusal when no time at all
 * could pass (the text is already scheduled); undefined when none of that day's times does.
 */
export function firstSlotOn(schedule: Schedule, draft: Draft, date: string, now: number): SlotCheck | undefined {
  for (const time of officeHours) {
    const check = checkSlot(schedule, draft, `${date} ${time}`, now);
    if (check.ok || check.reach === 'always') return check;
    if (check.reach === 'day') return undefined;
  }
  return undefined;
}

/**
 * The first free time from tomorrow on (a post needs time for its review), in office hours; a
 * refusal when no time could pass; undefined when the coming year has no free time.
 */
export function suggestSlot(schedule: Schedule, draft: Draft, now: number): SlotCheck | undefined {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(schedule.config.timezone).toPlainDate();
  for (let d = 1; d <= searchDays; d++) {
    const found = firstSlotOn(schedule, draft, today.add({ days: d }).toString(), now);
    if (found) return found;
  }
  return undefined;
}
