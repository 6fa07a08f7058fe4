import { afterEach, describe, expect, it } from 'vitest';
import { resolveNow } from '../../../src/lib/time/now.ts';
import { buildNow } from '../../../src/site/env.ts';

const clock = () => Date.parse('2030-01-01T00:00:00Z');
const at = (iso: string) => ({ ok: true, now: Date.parse(iso) });

describe('the instant Herald acts at', () => {
  it.each([
    [
      '--now, over HERALD_NOW',
      '2026-12-03T18:30:00+01:00',
      { HERALD_NOW: '2027-01-01T00:00:00Z' },
      at('2026-12-03T17:30:00Z'),
    ],
    ['HERALD_NOW without --now', undefined, { HERALD_NOW: '2026-11-23T12:00:00Z' }, at('2026-11-23T12:00:00Z')],
    ['the clock when neither is set', undefined, {}, at('2030-01-01T00:00:00Z')],
    ['the clock when HERALD_NOW is empty', undefined, { HERALD_NOW: '' }, at('2030-01-01T00:00:00Z')],
  ])('%s', (_, option, env, expected) => {
    expect(resolveNow(option, env, clock)).toEqual(expected);
  });

  it.each([
    ['a time without its offset', '2026-12-03 18:30'],
    ['a date alone', '2026-12-03'],
    ['a day that does not exist', '2026-02-30T12:00:00Z'],
    ['no date at all', 'tomorrow'],
  ])('refuses %s, naming where it came from', (_, text) => {
    expect(resolveNow(text, {}, clock)).toEqual({
      ok: false,
      message: `--now needs an instant with its offset, like 2026-12-03T18:30:00+01:00 or 2026-12-03T17:30:00Z (got "${text}").`,
    });
    expect(resolveNow(undefined, { HERALD_NOW: text }, clock)).toEqual({
      ok: false,
      message: `HERALD_NOW needs an instant with its offset, like 2026-12-03T18:30:00+01:00 or 2026-12-03T17:30:00Z (got "${text}"). Unset it to use the current time.`,
    });
  });
});

describe('the site build', () => {
  const saved = process.env['HERALD_NOW'];
  afterEach(() => {
    if (saved === undefined) delete process.env['HERALD_NOW'];
    else process.env['HERALD_NOW'] = saved;
  });

  it('reads HERALD_NOW as the command line does', () => {
    process.env['HERALD_NOW'] = '2026-12-03T18:30:00+01:00';
    expect(buildNow()).toBe(Date.parse('2026-12-03T17:30:00Z'));
    // Date.parse read this as the build machine's local time; the command line refuses it.
    process.env['HERALD_NOW'] = '2026-12-03 18:30';
    expect(() => buildNow()).toThrow('HERALD_NOW needs an instant with its offset');
  });
});
