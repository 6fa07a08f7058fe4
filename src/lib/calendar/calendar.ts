import { Temporal } from 'temporal-polyfill';
import type { HeraldConfig } from '../../schemas/config.ts';
import { byPublishingOrder } from '../project/load.ts';
import type { BrokenPost, Post } from '../project/model.ts';
import { occurrences } from '../publishing/schedule.ts';
import { wallClockOf } from '../time/time.ts';

/**
 * The calendar's model: which posts fall on which day, month grids and weeks, all in the
 * organisation's time zone and with the first day of the week the site's locale uses. Dates are
 * ISO strings (YYYY-MM-DD, months YYYY-MM) so pages and tests can compare them as text.
 */

/** ISO weekday (1 = Monday … 7 = Sunday) on which weeks start in `locale`. */
export function firstDayOfWeek(locale: string): number {
  const intlLocale = new Intl.Locale(locale) as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number };
    weekInfo?: { firstDay: number };
  };
  // getWeekInfo() is the standard; weekInfo the older accessor some engines still ship.
  return (intlLocale.getWeekInfo?.() ?? intlLocale.weekInfo)?.firstDay ?? 1;
}

/** The ISO weekdays in display order, starting with `firstDay`. */
export function weekdayOrder(firstDay: number): number[] {
  return Array.from({ length: 7 }, (_, i) => ((firstDay - 1 + i) % 7) + 1);
}

/** The first day of the week that contains `date`. */
export function startOfWeek(date: string, firstDay: number): string {
  const day = Temporal.PlainDate.from(date);
  return day.subtract({ days: (day.dayOfWeek - firstDay + 7) % 7 }).toString();
}

/** The seven dates of the week starting on `start`. */
export function weekDates(start: string): string[] {
  const first = Temporal.PlainDate.from(start);
  return Array.from({ length: 7 }, (_, i) => first.add({ days: i }).toString());
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** `month` (YYYY-MM) as rows of whole weeks: every date shown on its page, with the days of the neighbouring months that complete the first and last week. */
export function monthGrid(month: string, firstDay: number): string[][] {
  const first = Temporal.PlainYearMonth.from(month).toPlainDate({ day: 1 });
  const last = first.add({ months: 1 }).subtract({ days: 1 }).toString();
  const weeks: string[][] = [];
  for (let start = startOfWeek(first.toString(), firstDay); start <= last; start = addDays(start, 7)) {
    weeks.push(weekDates(start));
  }
  return weeks;
}

export function addMonths(month: string, months: number): string {
  return Temporal.PlainYearMonth.from(month).add({ months }).toString();
}

/** Every month from `from` to `to` (YYYY-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Every week start from the week of `from` to the week of `to`, both dates included. */
export function weeksBetween(from: string, to: string, firstDay: number): string[] {
  const weeks: string[] = [];
  for (let start = startOfWeek(from, firstDay); start <= to; start = addDays(start, 7)) weeks.push(start);
  return weeks;
}

/** One publication of a post, with its local date and time in the zone the calendar is shown in. */
export interface Placed {
  post: Post;
  /** The instant of this publication (UTC ISO 8601): publishAt, or a repetition of an evergreen post. */
  at: string;
  /** A later publication of an evergreen post, not its first. */
  repetition: boolean;
  date: string;
  time: string;
}

/** Each publication of each post (every repetition of an evergreen one) on its day in `zone`, in time order. */
export function placePosts(posts: readonly Post[], zone: string): Placed[] {
  return posts
    .flatMap((post) => occurrences(post).map((at, n) => ({ post, at, repetition: n > 0, ...wallClockOf(at, zone) })))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || byPublishingOrder(a.post, b.post));
}

/** A post file that could not be loaded, on the day its time falls on in the zone the calendar is shown in. */
export interface PlacedBroken {
  broken: BrokenPost;
  /** Its publishAt (UTC ISO 8601). */
  at: string;
  date: string;
  time: string;
}

/** The broken posts whose time could be read, each on its day in `zone`, in time order. */
export function placeBroken(broken: readonly BrokenPost[], zone: string): PlacedBroken[] {
  return broken
    .flatMap((post) =>
      post.publishAt ? [{ broken: post, at: post.publishAt, ...wallClockOf(post.publishAt, zone) }] : [],
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.broken.file.localeCompare(b.broken.file));
}

/** What a day of the calendar lists: the publications of posts, and broken posts, marked as such. */
export type CalendarItem = Placed | PlacedBroken;

export function isBroken(item: CalendarItem): item is PlacedBroken {
  return 'broken' in item;
}

/** What a filter looks at in an item: the post, or what could be read of a broken one. */
export function subject(item: CalendarItem): Filterable {
  return isBroken(item) ? item.broken : item.post;
}

/** Items grouped by local date, each day's list in time order. */
export function byDate<T extends CalendarItem>(placed: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const entry of placed) {
    const day = days.get(entry.date);
    if (day) day.push(entry);
    else days.set(entry.date, [entry]);
  }
  return days;
}

/** The quiet periods of herald.yaml that `date` (YYYY-MM-DD, local) falls in, both ends included. */
export function quietPeriodsOn(
  calendar: HeraldConfig['calendar'],
  date: string,
): HeraldConfig['calendar']['quietPeriods'] {
  return calendar.quietPeriods.filter((period) => period.from <= date && date <= period.to);
}

/** Today's date in `zone` at instant `now` (epoch ms). */
export function dateAt(now: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** What a calendar view can be narrowed to. The value is a slug: channels and campaigns are slugs already, labels are free text and are matched by their slug. */
export const filterKinds = ['channel', 'campaign', 'label'] as const;
export type FilterKind = (typeof filterKinds)[number];
export interface Filter {
  kind: FilterKind;
  value: string;
}

/** A label as a path segment: lower case, letters and digits of any script, hyphens between words. */
export function labelSlug(label: string): string {
  return (
    label
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'label'
  );
}

/** What a filter looks at: a post, or what could be read of a broken one. */
export type Filterable = Pick<Post, 'channels' | 'campaign' | 'labels'>;

export function matches(post: Filterable, filter: Filter | undefined): boolean {
  if (!filter) return true;
  switch (filter.kind) {
    case 'channel':
      return post.channels.includes(filter.value);
    case 'campaign':
      return post.campaign === filter.value;
    case 'label':
      return post.labels.some((label) => labelSlug(label) === filter.value);
  }
}

export interface FilterOption extends Filter {
  /** As the content writes it: the label "Repair café" for the slug repair-caf\u00e9. */
  name: string;
}

/**
 * Every filter that selects at least one post, in a stable order: channels as herald.yaml lists
 * them, campaigns and labels alphabetically. Labels that differ only in case or punctuation are one.
 */
export function availableFilters(posts: readonly Post[], channelOrder: readonly string[]): FilterOption[] {
  const used = new Set(posts.flatMap((post) => post.channels));
  const byName = (a: FilterOption, b: FilterOption) => a.name.localeCompare(b.name);
  const unique = (kind: FilterKind, names: string[], slugOf: (name: string) => string) => {
    const options = new Map<string, FilterOption>();
    for (const name of names) {
      const value = slugOf(name);
      if (!options.has(value)) options.set(value, { kind, value, name });
    }
    return [...options.values()].sort(byName);
  };
  return [
    ...channelOrder.filter((id) => used.has(id)).map((id): FilterOption => ({ kind: 'channel', value: id, name: id })),
    ...unique(
      'campaign',
      posts.flatMap((post) => post.campaign ?? []),
      (name) => name,
    ),
    ...unique(
      'label',
      posts.flatMap((post) => post.labels),
      labelSlug,
    ),
  ];
}

/** Every page of the calendar. Weeks are not built per filter: a week page filters itself in the browser (WeekFilter.astro). */
export type CalendarView =
  | { kind: 'agenda'; filter?: Filter }
  | { kind: 'month'; month: string; filter?: Filter }
  | { kind: 'week'; start: string };

/**
 * The months a view has pages for: from its first item to its last. The unfiltered calendar also
 * always has the current month, so "this month" is never a dead link.
 */
export function monthSpan(placed: readonly CalendarItem[], filter: Filter | undefined, today: string): string[] {
  const dates = placed.filter((entry) => matches(subject(entry), filter)).map((entry) => entry.date);
  if (!filter) dates.push(today);
  if (dates.length === 0) return [];
  dates.sort();
  return monthsBetween(dates[0]!.slice(0, 7), dates.at(-1)!.slice(0, 7));
}

export function calendarViews(
  placed: readonly CalendarItem[],
  filters: readonly Filter[],
  today: string,
  firstDay: number,
): CalendarView[] {
  const months = monthSpan(placed, undefined, today);
  const views: CalendarView[] = [{ kind: 'agenda' }, ...months.map((month) => ({ kind: 'month' as const, month }))];
  const first = `${months[0]}-01`;
  const last = Temporal.PlainYearMonth.from(months.at(-1)!)
    .toPlainDate({ day: 1 })
    .add({ months: 1 })
    .subtract({ days: 1 })
    .toString();
  views.push(...weeksBetween(first, last, firstDay).map((start) => ({ kind: 'week' as const, start })));
  for (const filter of filters) {
    views.push(
      { kind: 'agenda', filter },
      ...monthSpan(placed, filter, today).map((month) => ({ kind: 'month' as const, month, filter })),
    );
  }
  return views;
}

/** How far ahead the agenda looks. */
export const agendaDays = 42;

/** The agenda: items from the start of today to the end of the agenda's window. */
export function agendaEntries<T extends CalendarItem>(
  placed: readonly T[],
  filter: Filter | undefined,
  today: string,
): T[] {
  return publicationsBetween(placed, today, addDays(today, agendaDays - 1), filter);
}

/** The items from `from` to `to` (local dates, both days included) that `filter` keeps. */
export function publicationsBetween<T extends CalendarItem>(
  placed: readonly T[],
  from: string,
  to: string,
  filter?: Filter,
): T[] {
  return placed.filter((entry) => entry.date >= from && entry.date <= to && matches(subject(entry), filter));
}
