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

  const others = (channel: string) => project.posts.filter((post) => !post.retract && post.channels.includes(channel));
  const { minGapMinutes, maxPerDayPerChannel } = config.calendar;
  for (const channel of slot.channels) {
    if (minGapMinutes) {
      const near = others(channel).find((post) => Math.abs(Date.parse(post.publishAt) - ms) < minGapMinutes * 60_000);
      if (near) return `${near.file} goes to ${channel} at ${localTime(near, config)}; herald.yaml asks for at least ${minGapMinutes} minutes between posts on one channel. Pick another time.`;
    }
    if (maxPerDayPerChannel) {
      const sameDay = others(channel).filter((post) => wallClockOf(post.publishAt, config.timezone).date === day);
      if (sameDay.length >= maxPerDayPerChannel) return `${day} already has ${sameDay.length} posts on ${channel}; herald.yaml allows ${maxPerDayPerChannel} a day on one channel. Pick another day.`;
    }
  }
  return undefined;
}

function localTime(post: Post, config: HeraldConfig): string {
  const { date, time } = wallClockOf(post.publishAt, config.timezone);
  return `${date} ${time}`;
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
