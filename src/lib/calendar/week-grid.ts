/**
 * The week view's grid, as calendar apps lay out a week: days as columns, hours as rows, each post
 * in the hour it goes out (wall-clock time in the organisation's zone), posts sharing an hour
 * stacked in it in time order. The rows run from the working day's first hour to its last, widened
 * to take in the week's earliest and latest post, so no post falls outside and an empty week still
 * shows a working day.
 */

/** What the grid needs of a calendar item: its local time, "HH:MM". */
export interface Timed {
  time: string;
}

export interface WeekDay<T extends Timed> {
  date: string;
  /** One entry per row of the grid, whether anything is in it or not. */
  slots: { hour: number; items: T[] }[];
  /** The number of items on the day. */
  count: number;
}

export interface WeekGrid<T extends Timed> {
  /** The hours of the rows, 0–23, in order. */
  hours: number[];
  days: WeekDay<T>[];
}

/** The working day the rows cover at least: 09:00 to 17:59, the hours `herald new` suggests. */
export const workingHours = { first: 9, last: 17 } as const;

const hourOf = (item: Timed) => Number(item.time.slice(0, 2));

export function weekGrid<T extends Timed>(
  dates: readonly string[],
  itemsOn: (date: string) => readonly T[],
  hours: { first: number; last: number } = workingHours,
): WeekGrid<T> {
  const byDay = dates.map((date) => ({ date, items: [...itemsOn(date)].sort((a, b) => a.time.localeCompare(b.time)) }));
  const all = byDay.flatMap((day) => day.items.map(hourOf));
  const first = Math.min(hours.first, ...all);
  const last = Math.max(hours.last, ...all);
  const rows = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return {
    hours: rows,
    days: byDay.map(({ date, items }) => ({
      date,
      count: items.length,
      slots: rows.map((hour) => ({ hour, items: items.filter((item) => hourOf(item) === hour) })),
    })),
  };
}
