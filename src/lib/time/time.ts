import { Temporal } from 'temporal-polyfill';
import { suggest } from '../project/schema-issues.ts';

/**
 * Local wall-clock times in a time zone, turned into instants with Temporal. Every ambiguity is an
 * error with a fix: a time skipped by a daylight-saving change does not exist, and a time that happens
 * twice needs its offset written.
 */

export type TimeResult = { ok: true; instant: string; epochMs: number } | { ok: false; rule: string; message: string };

/** What to do about a zone that does not exist: the zone it most likely means, and the form of a name. */
export function unknownZoneMessage(zone: string): string {
  if (isOffset(zone))
    return `"${zone}" is a fixed offset from UTC, not a time zone: it never changes for daylight saving, so posts would go out an hour off for half the year. Use the IANA name of the place, such as Europe/Warsaw or America/New_York.`;
  const near = likelyZone(zone);
  return `"${zone}" is not a time zone. ${near ? `Did you mean ${near}?` : 'Use an IANA name such as Europe/Warsaw or America/New_York.'}`;
}

/** "Europe/Warsw" → Europe/Warsaw; a city alone, "Warsaw" or "new york", → its zone. */
function likelyZone(zone: string): string | undefined {
  const zones = Intl.supportedValuesOf('timeZone');
  const whole = suggest(zone, zones);
  if (whole || zone.includes('/')) return whole;
  const cities = zones.map((name) => name.slice(name.lastIndexOf('/') + 1).replaceAll('_', ' '));
  const city = suggest(zone.replaceAll('_', ' '), cities);
  return city && zones[cities.indexOf(city)];
}

/** Temporal takes "+02:00" as a zone; an organisation's zone must be a place's, which follows its clocks. */
const isOffset = (zone: string) => /^[+\-\u2212]/.test(zone.trim());

/** The canonical IANA name of a zone, or undefined when there is no such zone (a bare UTC offset is none). */
export function canonicalTimeZone(zone: string): string | undefined {
  // Asked for every time of every post: the answer for a name never changes.
  if (!canonicalZones.has(zone)) {
    let canonical: string | undefined;
    try {
      canonical = isOffset(zone) ? undefined : new Temporal.ZonedDateTime(0n, zone).timeZoneId;
    } catch {
      canonical = undefined;
    }
    canonicalZones.set(zone, canonical);
  }
  return canonicalZones.get(zone);
}

const canonicalZones = new Map<string, string | undefined>();

const pattern = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The instant at which `local` (YYYY-MM-DD HH:MM[:SS][±HH:MM], or a bare date meaning the start of
 * that day) happens in `zone`.
 */
export function toInstant(local: string, zone: string): TimeResult {
  const match = pattern.exec(local.trim());
  if (!match) {
    return {
      ok: false,
      rule: 'time/format',
      message: `"${local}" is not a date and time. Write it like 2026-12-03 18:30.`,
    };
  }
  const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = match;
  if (offset === 'Z') {
    return {
      ok: false,
      rule: 'time/utc',
      message: `"${local}" is written in UTC. Write the local time in ${zone} instead; an offset is only needed for a time that happens twice.`,
    };
  }
  let wallClock: Temporal.PlainDateTime;
  try {
    wallClock = Temporal.PlainDateTime.from(
      { year: +year!, month: +month!, day: +day!, hour: +hour, minute: +minute, second: +second },
      { overflow: 'reject' },
    );
  } catch {
    return {
      ok: false,
      rule: 'time/format',
      message: `"${local}" is not a real date or time. Check the day, month and hour.`,
    };
  }
  if (canonicalTimeZone(zone) === undefined) {
    return { ok: false, rule: 'time/unknown-zone', message: unknownZoneMessage(zone) };
  }

  if (offset) {
    try {
      const zoned = Temporal.ZonedDateTime.from(
        { ...plainFields(wallClock), offset: normaliseOffset(offset), timeZone: zone },
        { offset: 'reject' },
      );
      return instantResult(zoned);
    } catch {
      const offsets = possibleOffsets(wallClock, zone);
      return {
        ok: false,
        rule: 'time/offset-mismatch',
        message: `${local.slice(0, 16)} in ${zone} is not at offset ${offset}. ${offsets.length ? `Use ${offsets.join(' or ')}.` : 'That time does not exist there.'}`,
      };
    }
  }

  try {
    // The common case costs one conversion; only a gap or a fold throws and needs a closer look.
    return instantResult(wallClock.toZonedDateTime(zone, { disambiguation: 'reject' }));
  } catch {
    return ambiguity(wallClock, zone);
  }
}

function ambiguity(wallClock: Temporal.PlainDateTime, zone: string): TimeResult {
  const earlier = wallClock.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = wallClock.toZonedDateTime(zone, { disambiguation: 'later' });
  if (!earlier.toPlainDateTime().equals(wallClock)) {
    const jump = earlier.getTimeZoneTransition('next');
    const to = jump?.toPlainTime();
    const from = jump && to?.subtract({ nanoseconds: later.offsetNanoseconds - earlier.offsetNanoseconds });
    const clocks =
      from && to ? `the clocks jump from ${clock(from)} to ${clock(to)} that night` : 'the clocks jump forward then';
    return {
      ok: false,
      rule: 'time/nonexistent',
      message: `${describe(wallClock)} does not exist in ${zone}: ${clocks}. Pick ${to ? `${clock(to)} or later, or a time before ${clock(from!)}` : 'another time'}.`,
    };
  }
  const day = wallClock.toPlainDate().toString();
  const time = wallClock.toPlainTime().toString().slice(0, 5);
  return {
    ok: false,
    rule: 'time/ambiguous',
    message: `${describe(wallClock)} happens twice in ${zone}: the clocks go back then. Write the offset to choose: ${day} ${time}${earlier.offset} (first) or ${day} ${time}${later.offset} (second).`,
  };
}

function plainFields(wallClock: Temporal.PlainDateTime) {
  const { year, month, day, hour, minute, second } = wallClock;
  return { year, month, day, hour, minute, second };
}

function normaliseOffset(offset: string): string {
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function possibleOffsets(wallClock: Temporal.PlainDateTime, zone: string): string[] {
  const offsets = new Set<string>();
  for (const disambiguation of ['earlier', 'later'] as const) {
    const zoned = wallClock.toZonedDateTime(zone, { disambiguation });
    if (zoned.toPlainDateTime().equals(wallClock)) offsets.add(zoned.offset);
  }
  return [...offsets];
}

function clock(time: Temporal.PlainTime): string {
  return time.toString().slice(0, 5);
}

function describe(wallClock: Temporal.PlainDateTime): string {
  return `${wallClock.toPlainDate().toString()} ${wallClock.toPlainTime().toString().slice(0, 5)}`;
}

function instantResult(zoned: Temporal.ZonedDateTime): TimeResult {
  const epochMs = zoned.epochMilliseconds;
  // Authors write whole seconds: for those, and four-digit years, Date writes what Instant#toString
  // does but for the ".000", several times faster (every time of every post comes through here).
  const iso = new Date(epochMs).toISOString();
  const instant = iso.length === 24 && iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : zoned.toInstant().toString();
  return { ok: true, instant, epochMs };
}

/**
 * An instant written with its offset (2026-12-03T18:30:00+01:00 or ...Z), as epoch milliseconds;
 * undefined for anything else. Temporal, unlike Date.parse, refuses a time without its offset (it
 * would mean another instant on another machine) and a day that does not exist.
 */
export function instantFrom(text: string): number | undefined {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return undefined;
  }
}

/** How to write an instant, for messages about one. */
export const instantExample = '2026-12-03T18:30:00+01:00 or 2026-12-03T17:30:00Z';

/** Whether text is an ISO 8601 duration Temporal accepts (P1Y, PT2H, ...). */
export function isDuration(text: string): boolean {
  try {
    Temporal.Duration.from(text);
    return true;
  } catch {
    return false;
  }
}

/** An ISO 8601 duration as people write it, in English: PT2H is "2 hours", P1DT30M "1 day, 30 minutes". */
export function durationInWords(duration: string): string {
  const { years, months, weeks, days, hours, minutes, seconds } = Temporal.Duration.from(duration);
  return new Intl.DurationFormat('en', { style: 'long' }).format({
    years,
    months,
    weeks,
    days,
    hours,
    minutes,
    seconds,
  });
}

/** The instant `duration` after `instant`, counted on the calendar of `zone` (so P1M is a month there). */
export function addDuration(instant: string, duration: string, zone: string): string {
  return Temporal.Instant.from(instant)
    .toZonedDateTimeISO(zone)
    .add(Temporal.Duration.from(duration))
    .toInstant()
    .toString();
}

/** A number of seconds in words, in days of 24 hours: 90,000 is "1 day, 1 hour". */
export function secondsInWords(seconds: number): string {
  return durationInWords(
    Temporal.Duration.from({ seconds: Math.round(seconds) })
      .round({ largestUnit: 'day' })
      .toString(),
  );
}

/** Seconds that `duration` lasts from `instant`, counted on the calendar of `zone` (so P1M from 1 February is 28 days). */
export function durationSeconds(duration: string, instant: string, zone: string): number {
  return Temporal.Duration.from(duration).total({
    unit: 'seconds',
    relativeTo: Temporal.Instant.from(instant).toZonedDateTimeISO(zone),
  });
}

/**
 * Milliseconds that `duration` lasts at the least, wherever and whenever it is counted: a month at
 * least 28 days, a year 365, and two days less for the offset changes (daylight saving, a zone
 * moving across the date line) it may span. A quick test before the exact addDuration: a gap
 * shorter than this is shorter than the duration anywhere.
 */
export function shortestSpan(duration: string): number {
  const { years, months, weeks, days, hours, minutes, seconds, milliseconds } = Temporal.Duration.from(duration);
  const day = 24 * 60 * 60_000;
  const calendarDays = years * 365 + months * 28 + weeks * 7 + days;
  const clock = ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds;
  return Math.max(0, (calendarDays - (calendarDays > 0 ? 2 : 0)) * day + clock);
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant in a zone. */
export function wallClockOf(instant: string, zone: string): { date: string; time: string } {
  // Intl reads the same time zone database as Temporal, about ten times faster than the polyfill:
  // the calendar rules ask this for every post.
  // en-CA writes "2026-12-03, 18:30".
  const text = wallClockFormat(zone).format(Date.parse(instant));
  return { date: text.slice(0, 10), time: text.slice(-5) };
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(zone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(zone, format);
  }
  return format;
}
