import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/lib/model.ts';
import { checkSlot, suggestSlot } from '../../src/lib/slots.ts';
import type { HeraldConfig } from '../../src/schemas/config.ts';
import { file, load, post, testConfig, testNow } from '../helpers/project.ts';

/** testNow is 2026-11-23 13:00 in Warsaw. */
const calendar = `calendar:
  maxPerDayPerChannel: 2
  minGapMinutes: 60
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
`;

function project(posts: Record<string, string> = {}, config = testConfig + calendar) {
  const loaded = load(Object.entries(posts).map(([path, frontmatter]) => file(path, post(frontmatter))), config);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded as Project & { config: HeraldConfig };
}

const at = (local: string, channels = ['mastodon']) => ({ local, channels });
const reasonOf = (result: ReturnType<typeof checkSlot>) => (result.ok ? 'ok' : result.reason);

describe('checking the time of a new post', () => {
  const busy = project({
    'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]',
    'content/posts/2026/12/b.mdx': 'title: B\npublishAt: 2026-12-03 14:00\nchannels: [mastodon, x]',
  });

  it('accepts a free time ahead and gives its instant', () => {
    expect(checkSlot(busy, at('2026-12-04 10:00'), testNow)).toEqual({ ok: true, instant: '2026-12-04T09:00:00Z' });
  });

  it.each([
    ['text that is not a time', 'tomorrow', /is not a date and time\. Write it like 2026-12-03 18:30/],
    ['a day that does not exist', '2026-02-30 10:00', /not a real date or time/],
    ['a time the spring change skips', '2027-03-28 02:30', /does not exist in Europe\/Warsaw: the clocks jump from 02:00 to 03:00 that night/],
    ['a time the autumn change repeats, without its offset', '2027-10-31 02:30', /happens twice in Europe\/Warsaw.*2027-10-31 02:30\+02:00 \(first\)/],
    ['a time in the past', '2026-11-23 12:30', /has passed: it is 2026-11-23 13:00 in Europe\/Warsaw now/],
    ['the present minute', '2026-11-23 13:00', /has passed/],
    ['a day in a quiet period', '2026-12-25 10:00', /quiet period 2026-12-24 to 2026-12-26 \(Holidays\)\. Pick a day after 2026-12-26/],
    ['a time too close to another post on the channel', '2026-12-03 10:30', /content\/posts\/2026\/12\/a\.mdx goes to mastodon at 2026-12-03 10:00; herald\.yaml asks for at least 60 minutes/],
    ['a day already full on the channel', '2026-12-03 18:00', /2026-12-03 already has 2 posts on mastodon; herald\.yaml allows 2 a day/],
  ])('refuses %s, with the reason', (_name, local, reason) => {
    expect(reasonOf(checkSlot(busy, at(local), testNow))).toMatch(reason);
  });

  it('accepts an hour that happens twice when its offset is written', () => {
    expect(checkSlot(busy, at('2027-10-31 02:30+01:00'), testNow)).toEqual({ ok: true, instant: '2027-10-31T01:30:00Z' });
  });

  it('weighs only the chosen channels: another channel may post at the same time', () => {
    expect(reasonOf(checkSlot(busy, at('2026-12-03 10:00', ['bluesky']), testNow))).toBe('ok');
    expect(reasonOf(checkSlot(busy, at('2026-12-03 14:30', ['bluesky', 'x']), testNow))).toMatch(/b\.mdx goes to x/);
  });

  it('ignores a retracted post', () => {
    const retracted = project({ 'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]\nretract: true' });
    expect(reasonOf(checkSlot(retracted, at('2026-12-03 10:30'), testNow))).toBe('ok');
  });

  it('has no calendar limits when herald.yaml sets none', () => {
    const free = project({ 'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]' }, testConfig);
    expect(reasonOf(checkSlot(free, at('2026-12-03 10:00'), testNow))).toBe('ok');
    expect(reasonOf(checkSlot(free, at('2026-12-25 10:00'), testNow))).toBe('ok');
  });
});

describe('suggesting the next free time', () => {
  it('is tomorrow at 09:00 on an empty calendar', () => {
    expect(suggestSlot(project(), ['mastodon'], testNow)).toBe('2026-11-24 09:00');
  });

  it('steps past posts on the chosen channels by the minimum gap', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:00\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 09:45\nchannels: [x]',
    });
    expect(suggestSlot(p, ['mastodon'], testNow)).toBe('2026-11-24 10:00');
    expect(suggestSlot(p, ['mastodon', 'x'], testNow)).toBe('2026-11-24 11:00');
    expect(suggestSlot(p, ['bluesky'], testNow)).toBe('2026-11-24 09:00');
  });

  it('moves to the next day when a day is full', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 20:00\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 22:00\nchannels: [mastodon]',
    });
    expect(suggestSlot(p, ['mastodon'], testNow)).toBe('2026-11-25 09:00');
  });

  it('jumps over a quiet period', () => {
    const dec23 = Date.parse('2026-12-23T12:00:00Z');
    expect(suggestSlot(project(), ['mastodon'], dec23)).toBe('2026-12-27 09:00');
  });

  it('is a time checkSlot accepts, whatever the calendar', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:30\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 11:15\nchannels: [x]',
    });
    const suggestion = suggestSlot(p, ['mastodon', 'x'], testNow)!;
    expect(suggestion).toBe('2026-11-24 12:30');
    expect(checkSlot(p, at(suggestion), testNow).ok).toBe(true);
  });

  it('is undefined when no day in the coming year is free', () => {
    const year = testConfig + 'calendar:\n  quietPeriods:\n    - { from: 2026-11-24, to: 2027-12-31, reason: Closed }\n';
    expect(suggestSlot(project({}, year), ['mastodon'], testNow)).toBeUndefined();
  });
});
