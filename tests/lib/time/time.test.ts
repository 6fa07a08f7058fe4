import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDuration, canonicalTimeZone, shortestSpan, toInstant } from '../../../src/lib/time/time.ts';

describe('local times to instants', () => {
  it.each([
    ['2026-12-03 18:30', 'Europe/Warsaw', '2026-12-03T17:30:00Z'],
    ['2026-07-03 18:30', 'Europe/Warsaw', '2026-07-03T16:30:00Z'],
    ['2026-12-03T18:30:15', 'Europe/Warsaw', '2026-12-03T17:30:15Z'],
    ['2026-12-03 09:00', 'America/New_York', '2026-12-03T14:00:00Z'],
    ['2026-12-03 09:00', 'Australia/Sydney', '2026-12-02T22:00:00Z'],
    ['2026-12-03 09:00', 'Asia/Tehran', '2026-12-03T05:30:00Z'],
    ['2026-12-03', 'Europe/Warsaw', '2026-12-02T23:00:00Z'],
    ['2026-10-25 02:30+02:00', 'Europe/Warsaw', '2026-10-25T00:30:00Z'],
    ['2026-10-25 02:30+0100', 'Europe/Warsaw', '2026-10-25T01:30:00Z'],
  ])('%s in %s is %s', (local, zone, instant) => {
    expect(toInstant(local, zone)).toMatchObject({ ok: true, instant });
  });

  it('refuses a time skipped by the spring change and names the jump', () => {
    expect(toInstant('2027-03-28 02:30', 'Europe/Warsaw')).toEqual({
      ok: false,
      rule: 'time/nonexistent',
      message:
        '2027-03-28 02:30 does not exist in Europe/Warsaw: the clocks jump from 02:00 to 03:00 that night. Pick 03:00 or later, or a time before 02:00.',
    });
    // Lord Howe Island moves its clocks by half an hour.
    expect(toInstant('2026-10-04 02:10', 'Australia/Lord_Howe')).toMatchObject({
      ok: false,
      rule: 'time/nonexistent',
      message: expect.stringContaining('from 02:00 to 02:30'),
    });
  });

  it('refuses a time that happens twice and offers both offsets', () => {
    expect(toInstant('2026-11-01 01:30', 'America/New_York')).toEqual({
      ok: false,
      rule: 'time/ambiguous',
      message:
        '2026-11-01 01:30 happens twice in America/New_York: the clocks go back then. Write the offset to choose: 2026-11-01 01:30-04:00 (first) or 2026-11-01 01:30-05:00 (second).',
    });
  });

  it('refuses an offset the zone does not have then, a UTC time, a date that does not exist, an unknown zone', () => {
    expect(toInstant('2026-10-25 02:30+05:00', 'Europe/Warsaw')).toMatchObject({
      ok: false,
      rule: 'time/offset-mismatch',
      message: expect.stringContaining('Use +02:00 or +01:00'),
    });
    expect(toInstant('2026-12-03 17:30Z', 'Europe/Warsaw')).toMatchObject({ ok: false, rule: 'time/utc' });
    expect(toInstant('2026-02-29 10:00', 'Europe/Warsaw')).toMatchObject({ ok: false, rule: 'time/format' });
    expect(toInstant('2026-12-03 25:00', 'Europe/Warsaw')).toMatchObject({ ok: false, rule: 'time/format' });
    expect(toInstant('next tuesday', 'Europe/Warsaw')).toMatchObject({ ok: false, rule: 'time/format' });
    expect(toInstant('2026-12-03 18:30', 'Europe/Warszawa')).toMatchObject({ ok: false, rule: 'time/unknown-zone' });
  });

  it('names zones canonically and adds durations on the local calendar', () => {
    expect(canonicalTimeZone('europe/warsaw')).toBe('Europe/Warsaw');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    // An offset has no daylight saving: a post written for 18:30 in Warsaw would go out at 17:30 in summer.
    for (const offset of ['+02:00', '-05:00', '+0100'])
      expect(toInstant('2026-12-03 18:30', offset)).toMatchObject({
        ok: false,
        rule: 'time/unknown-zone',
        message: expect.stringContaining('fixed offset from UTC, not a time zone'),
      });
    // Three months after a winter time is the same wall-clock time in summer: one hour less in UTC.
    expect(addDuration('2027-01-15T17:30:00Z', 'P3M', 'Europe/Warsaw')).toBe('2027-04-15T16:30:00Z');
  });
});

describe('the shortest span of a duration', () => {
  it('is never longer than the duration counted on any calendar, across offset changes', () => {
    const zones = ['Europe/Warsaw', 'Pacific/Apia', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    const durations = ['PT36H', 'P1D', 'P7D', 'P2W', 'P1M', 'P3M', 'P1Y'];
    // Around daylight-saving changes, and Samoa's jump across the date line (no 30 December 2011).
    const starts = [
      '2011-12-28T10:00:00Z',
      '2011-12-29T09:00:00Z',
      '2026-03-28T23:30:00Z',
      '2026-10-24T23:30:00Z',
      '2027-02-01T12:00:00Z',
      '2026-04-04T15:00:00Z',
    ];
    for (const zone of zones) {
      for (const duration of durations) {
        for (const start of starts) {
          const actual = Date.parse(addDuration(start, duration, zone)) - Date.parse(start);
          expect(shortestSpan(duration), `${duration} from ${start} in ${zone}`).toBeLessThanOrEqual(actual);
        }
      }
    }
    expect(shortestSpan('P7D')).toBe(5 * 24 * 3_600_000);
    expect(shortestSpan('PT2H')).toBe(2 * 3_600_000);
  });
});

describe('the instant written as text', () => {
  it('is what Temporal writes, for every kind of time an author can write', () => {
    const locals = [
      '0001-01-01 00:00',
      '0999-12-31 23:59:59',
      '1970-01-01 00:00',
      '2026-12-03 18:30',
      '2026-12-03 18:30:45',
      '2027-03-28 03:00',
      '2026-10-25 02:30+01:00',
      '9999-12-31 22:00',
      '2026-12-03',
    ];
    for (const zone of ['Europe/Warsaw', 'America/St_Johns', 'Asia/Kathmandu', 'UTC', 'Pacific/Kiritimati']) {
      for (const local of locals) {
        const result = toInstant(local, zone);
        if (!result.ok) continue;
        expect(result.instant, `${local} in ${zone}`).toBe(
          Temporal.Instant.fromEpochMilliseconds(result.epochMs).toString(),
        );
      }
    }
  });
});
