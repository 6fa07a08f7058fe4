import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { format } from '../../src/i18n/format.ts';
import { dictionary, direction, languageName } from '../../src/i18n/index.ts';

describe('interface language', () => {
  it('picks the dictionary by locale, then by language, then English', () => {
    expect(dictionary('fa').calendar).toBe('تقویم');
    expect(dictionary('fa-IR').calendar).toBe('تقویم');
    expect(dictionary('en-GB')).toBe(en);
    expect(dictionary('pl')).toBe(en);
  });

  it('writes Persian, Arabic and Hebrew right to left', () => {
    expect(['fa', 'ar', 'he', 'ur', 'en', 'pl'].map(direction)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'ltr']);
    expect(languageName('fa')).toBe('فارسی');
  });

  it('has every string in every language', () => {
    const keys = (object: object): string[] =>
      Object.entries(object).flatMap(([key, value]) =>
        typeof value === 'object' ? keys(value).map((k) => `${key}.${k}`) : [key],
      );
    expect(
      keys(dictionary('fa'))
        .filter((key) => !key.startsWith('results.'))
        .sort(),
    ).toEqual(
      keys(en)
        .filter((key) => !key.startsWith('results.'))
        .sort(),
    );
  });
});

describe('formats', () => {
  it('shows instants in the organisation zone, across daylight-saving changes', () => {
    const f = format('en-GB', 'Europe/Warsaw');
    expect(f.time('2026-10-24T16:00:00Z')).toBe('18:00');
    expect(f.time('2026-10-26T17:00:00Z')).toBe('18:00');
    expect(f.date('2026-12-03')).toBe('Thursday, 3 December 2026');
    expect(f.month('2026-12')).toBe('December 2026');
    expect(f.weekday(1, 'long')).toBe('Monday');
  });

  it('writes Persian dates in the Gregorian calendar with Persian digits', () => {
    const f = format('fa', 'Europe/Warsaw');
    expect(f.month('2026-12')).toBe('دسامبر ۲۰۲۶');
    expect(f.dayOfMonth('2026-12-03')).toBe('۳');
  });

  it('writes delays in the largest units that matter: seconds, minutes, hours and minutes, days and hours', () => {
    const f = format('en-GB', 'Europe/Warsaw');
    expect([40, 300, 3 * 3600 + 300, 3 * 3600, 7 * 86400 + 7200].map(f.duration)).toEqual([
      '40 secs',
      '5 mins',
      '3 hrs 5 mins',
      '3 hrs',
      '7 days 2 hrs',
    ]);
    expect(format('fa', 'Europe/Warsaw').duration(300)).toContain('۵');
  });
});
