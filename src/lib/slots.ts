import { Temporal } from 'temporal-polyfill';
import type { HeraldConfig } from '../schemas/config.ts';
import { localDateTime } from '../schemas/common.ts';
import type { Post, Project } from './model.ts';
import { toInstant, wallClockOf } from './time.ts';

/**
 * When a new post may go out: a time that exists, lies ahead, and breaks none of herald.yaml's
 * calendar settings on the chosen channels; and the next such time, to suggest.
 */

export type SlotCheck = { ok: true; instant: string } | { ok: false; reason: string };

export interface Slot {
  /** "YYYY-MM-DD HH:MM" in herald.yaml's time zone. */
  local: string;
  channels: readonly string[];
}

/** Whether a new post at `slot` could be scheduled; the reason when not. */
export function checkSlot(project: Project & { config: HeraldConfig }, slot: Slot, now: number): SlotCheck {
  const { config } = project;
  const local = slot.local.trim();
  if (!localDateTime.safeParse(local).success) {
    return { ok: false, reason: `"${local}" is not a date and time. Write it like 2026-12-03 18:30.` };
  }
  const time = toInstant(local, config.timezone);
  if (!time.ok) return { ok: false, reason: time.message };
  if (time.epochMs <= now) {
    const current = wallClockOf(new Date(now).toISOString(), config.timezone);
    return { ok: false, reason: `${local.slice(0, 16)} has passed: it is ${current.date} ${current.time} in ${config.timezone} now. Pick a later time.` };
  }
  const conflict = calendarConflict(project, config, { ...slot, local }, time.epochMs);
  return conflict ? { ok: false, reason: conflict } : { ok: true, instant: time.instant };
}

function calendarConflict(project: Project, config: HeraldConfig, slot: Slot, ms: number): string | undefined {
  const day = slot.local.slice(0, 10);
  const period = config.calendar.quietPeriods.find((p) => p.from <= day && day <= p.to);
  if (period) return `${day} is in the quiet period ${period.from} to ${period.to} (${period.reason}). Pick a day after ${period.to}.`;

  const { minGapMinutes, maxPerDayPerChannel } = config.calendar;
  const index = calendarIndex(project, config);
  for (const channel of slot.channels) {
    const scheduled = index.get(channel);
    if (!scheduled) continue;
    if (minGapMinutes) {
      const near = scheduled.nearest(ms);
      if (near && Math.abs(near.ms - ms) < minGapMinutes * 60_000) return `${near.post.file} goes to ${channel} at ${near.local}; herald.yaml asks for at least ${minGapMinutes} minutes between posts on one channel. Pick another time.`;
    }
    const sameDay = scheduled.perDay.get(day) ?? 0;
    if (maxPerDayPerChannel && sameDay >= maxPerDayPerChannel) return `${day} already has ${sameDay} posts on ${channel}; herald.yaml allows ${maxPerDayPerChannel} a day on one channel. Pick another day.`;
  }
  return undefined;
}

interface Scheduled {
  post: Post;
  ms: number;
  /** "YYYY-MM-DD HH:MM" in herald.yaml's zone. */
  local: string;
}

interface ChannelCalendar {
  /** The scheduled post closest in time to `ms`. */
  nearest(ms: number): Scheduled | undefined;
  /** Posts per local day. */
  perDay: Map<string, number>;
}

/** Per channel, its posts in time order: built once per project, so a suggestion costs little. */
const indexes = new WeakMap<Project, Map<string, ChannelCalendar>>();

function calendarIndex(project: Project, config: HeraldConfig): Map<string, ChannelCalendar> {
  const cached = indexes.get(project);
  if (cached) return cached;
  const lists = new Map<string, Scheduled[]>();
  for (const post of project.posts) {
    if (post.retract) continue;
    const { date, time } = wallClockOf(post.publishAt, config.timezone);
    const entry = { post, ms: Date.parse(post.publishAt), local: `${date} ${time}` };
    for (const channel of post.channels) {
      const list = lists.get(channel) ?? [];
      list.push(entry);
      lists.set(channel, list);
    }
  }
  const index = new Map<string, ChannelCalendar>();
  for (const [channel, list] of lists) {
    list.sort((a, b) => a.ms - b.ms);
    const perDay = new Map<string, number>();
    for (const { local } of list) perDay.set(local.slice(0, 10), (perDay.get(local.slice(0, 10)) ?? 0) + 1);
    index.set(channel, {
      perDay,
      nearest(ms) {
        let [low, high] = [0, list.length];
        while (low < high) {
          const mid = (low + high) >> 1;
          if (list[mid]!.ms < ms) low = mid + 1;
          else high = mid;
        }
        const candidates = [list[low - 1], list[low]].filter((entry) => entry !== undefined);
        return candidates.sort((a, b) => Math.abs(a.ms - ms) - Math.abs(b.ms - ms))[0];
      },
    });
  }
  indexes.set(project, index);
  return index;
}

/** The hours a suggestion may fall in: office hours, on the half hour. */
const firstHour = 9;
const lastHour = 17;
/** How far ahead to look for a free slot. */
const searchDays = 366;

/**
 * The first time from tomorrow on, between 09:00 and 17:30 on the half hour, at which a post on
 * `channels` breaks nothing. Tomorrow, not today: a post needs time for its review.
 */
export function suggestSlot(project: Project & { config: HeraldConfig }, channels: readonly string[], now: number): string | undefined {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(project.config.timezone).toPlainDate();
  for (let d = 1; d <= searchDays; d++) {
    const date = today.add({ days: d }).toString();
    for (let hour = firstHour; hour <= lastHour; hour++) {
      for (const minute of ['00', '30']) {
        const local = `${date} ${String(hour).padStart(2, '0')}:${minute}`;
        if (checkSlot(project, { local, channels }, now).ok) return local;
      }
    }
  }
  return undefined;
}
