/**
 * Dates, times and numbers for a page, formatted by Intl in its locale and shown in the
 * organisation's time zone. The calendar's months are Gregorian (posts live in YYYY/MM folders), so
 * dates are written in the Gregorian calendar even where the locale's default is another one.
 */
export interface Format {
  locale: string;
  zone: string;
  /** An instant as date and time, e.g. "Thursday 3 December 2026 at 18:30". */
  dateTime(instant: string): string;
  /** An instant's time of day, e.g. "18:30". */
  time(instant: string): string;
  /** A calendar date (YYYY-MM-DD), long, e.g. "Thursday, 3 December 2026". */
  date(date: string): string;
  /** A calendar date, short, without the year, e.g. "3 Dec". */
  shortDate(date: string): string;
  /** The day of the month of a date, in the locale's digits. */
  dayOfMonth(date: string): string;
  /** A month (YYYY-MM), e.g. "December 2026". */
  month(month: string): string;
  /** The weekday of ISO number 1–7, long and short. */
  weekday(isoDay: number, width: 'long' | 'short'): string;
  /** The weekday of a calendar date (YYYY-MM-DD), e.g. "Thu". */
  weekdayOf(date: string, width: 'long' | 'short'): string;
  /** A wall-clock time ("HH:MM") as the locale writes it, e.g. "18:30" or "6:30 PM". */
  clock(time: string): string;
  /** The zone's name in the locale, e.g. "Central European Standard Time", at a given instant. */
  zoneName(instant: string): string;
  number(value: number): string;
  /** An amount of money in a currency (ISO 4217), to the tenth of a cent where it has one, e.g. "$0.215". */
  money(amount: number, currency: string): string;
  /** A length of time in its two largest units, as the locale abbreviates them, e.g. "3 hrs 5 mins" in en-GB. */
  duration(seconds: number): string;
}

/** Noon UTC on a date, formatted in UTC: the date never shifts whatever the zone. */
const atNoon = (date: string) => new Date(`${date}T12:00:00Z`);

/** One set of formatters per locale and zone: building Intl formatters costs far more than using them. */
const made = new Map<string, Format>();

export function format(locale: string, zone: string): Format {
  const key = `${locale} ${zone}`;
  let found = made.get(key);
  if (!found) {
    found = makeFormat(locale, zone);
    made.set(key, found);
  }
  return found;
}

function makeFormat(locale: string, zone: string): Format {
  const tag = new Intl.Locale(locale, { calendar: 'gregory' }).toString();
  const inZone = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: zone, ...options });
  const onDate = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
  const dateTime = inZone({ dateStyle: 'full', timeStyle: 'short' });
  const time = inZone({ timeStyle: 'short' });
  const long = onDate({ dateStyle: 'full' });
  const short = onDate({ day: 'numeric', month: 'short' });
  const day = onDate({ day: 'numeric' });
  const monthYear = onDate({ month: 'long', year: 'numeric' });
  const weekdays = { long: onDate({ weekday: 'long' }), short: onDate({ weekday: 'short' }) };
  const zoneName = inZone({ timeZoneName: 'long' });
  const clock = onDate({ timeStyle: 'short' });
  const number = new Intl.NumberFormat(tag);
  const unit = (name: 'day' | 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short' });
  const units = { day: unit('day'), hour: unit('hour'), minute: unit('minute'), second: unit('second') };
  const pair = (big: string, small: number, smallUnit: Intl.NumberFormat) =>
    small ? `${big} ${smallUnit.format(small)}` : big;
  const currencies = new Map<string, Intl.NumberFormat>();
  const currency = (code: string) => {
    let found = currencies.get(code);
    if (!found) {
      found = new Intl.NumberFormat(tag, { style: 'currency', currency: code, maximumFractionDigits: 3 });
      currencies.set(code, found);
    }
    return found;
  };
  // 2024-01-01 was a Monday: ISO day d is 2024-01-0d.
  const weekdayDate = (isoDay: number) => atNoon(`2024-01-0${isoDay}`);
  return {
    locale,
    zone,
    dateTime: (instant) => dateTime.format(new Date(instant)),
    time: (instant) => time.format(new Date(instant)),
    date: (date) => long.format(atNoon(date)),
    shortDate: (date) => short.format(atNoon(date)),
    dayOfMonth: (date) => day.format(atNoon(date)),
    month: (month) => monthYear.format(atNoon(`${month}-15`)),
    weekday: (isoDay, width) => weekdays[width].format(weekdayDate(isoDay)),
    weekdayOf: (date, width) => weekdays[width].format(atNoon(date)),
    clock: (hhmm) => clock.format(new Date(`2024-01-01T${hhmm}:00Z`)),
    zoneName: (instant) =>
      zoneName.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value ?? zone,
    number: (value) => number.format(value),
    money: (amount, code) => currency(code).format(amount),
    duration(seconds) {
      if (seconds < 60) return units.second.format(Math.max(0, Math.floor(seconds)));
      const minutes = Math.floor(seconds / 60);
      if (minutes < 60) return units.minute.format(minutes);
      const hours = Math.floor(minutes / 60);
      if (hours < 24) return pair(units.hour.format(hours), minutes % 60, units.minute);
      return pair(units.day.format(Math.floor(hours / 24)), hours % 24, units.hour);
    },
  };
}
