import { describe, expect, it } from 'vitest';
import { weekGrid, workingHours } from '../../../src/lib/calendar/week-grid.ts';

const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
const on = (items: Record<string, { id: string; time: string }[]>) => (date: string) => items[date] ?? [];

describe('the week grid', () => {
  it('shows a working day, 09:00 to 17:00, when the week has nothing', () => {
    const grid = weekGrid(week, on({}));
    expect(grid.hours).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(grid.days.map((day) => day.date)).toEqual(week);
    expect(grid.days.every((day) => day.count === 0 && day.slots.length === 9)).toBe(true);
  });

  it('places each post in the row of its hour, in its day', () => {
    const grid = weekGrid(
      week,
      on({
        '2026-12-03': [
          { id: 'live', time: '18:30' },
          { id: 'doors', time: '09:00' },
        ],
      }),
    );
    const thursday = grid.days[3]!;
    expect(thursday.slots.find((slot) => slot.hour === 9)!.items.map((item) => item.id)).toEqual(['doors']);
    expect(thursday.slots.find((slot) => slot.hour === 18)!.items.map((item) => item.id)).toEqual(['live']);
    expect(thursday.count).toBe(2);
    expect(grid.days[0]!.slots.every((slot) => slot.items.length === 0)).toBe(true);
  });

  it('stacks posts sharing an hour in time order', () => {
    const grid = weekGrid(
      week,
      on({
        '2026-12-01': [
          { id: 'b', time: '12:45' },
          { id: 'a', time: '12:00' },
          { id: 'c', time: '12:30' },
        ],
      }),
    );
    expect(grid.days[1]!.slots.find((slot) => slot.hour === 12)!.items.map((item) => item.id)).toEqual(['a', 'c', 'b']);
  });

  it.each([
    ['an early post', '06:15', 6, workingHours.last],
    ['a late post', '22:05', workingHours.first, 22],
    ['a post at midnight', '00:00', 0, workingHours.last],
    ['a post a minute before midnight', '23:59', workingHours.first, 23],
  ])('widens the rows to take in %s', (_, time, first, last) => {
    const grid = weekGrid(week, on({ '2026-12-02': [{ id: 'x', time }] }));
    expect(grid.hours[0]).toBe(first);
    expect(grid.hours.at(-1)).toBe(last);
    expect(grid.days[2]!.slots.flatMap((slot) => slot.items)).toHaveLength(1);
    // Every day has the same rows, so the hours line up across the week.
    expect(new Set(grid.days.map((day) => day.slots.map((slot) => slot.hour).join()))).toHaveProperty('size', 1);
  });
});
