import { describe, expect, it } from 'vitest';
import { newPostPath, newPostText, type NewPost } from '../../../src/lib/calendar/authoring.ts';
import { findingReach } from '../../../src/lib/rules/calendar.ts';
import { lint } from '../../../src/lib/rules/index.ts';
import type { Schedule } from '../../../src/lib/project/model.ts';
import { checkSlot, suggestSlot, type Draft } from '../../../src/lib/calendar/slots.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';

/** testNow is 2026-11-23 13:00 in Warsaw. */
const calendar = `calendar:
  maxPerDayPerChannel: 2
  minGapMinutes: 60
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
`;

function project(posts: Record<string, string> = {}, config = testConfig + calendar) {
  const loaded = load(
    Object.entries(posts).map(([path, frontmatter]) => file(path, post(frontmatter))),
    config,
  );
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded as Schedule;
}

/** The new post, as herald new would write it, on `channels`. */
const draft = (channels = ['mastodon'], more: Partial<Draft> = {}): Draft => ({
  title: 'New post',
  channels,
  kind: 'original',
  labels: [],
  id: 'new-post',
  ...more,
});
const check = (p: Schedule, local: string, channels?: string[], now = testNow) =>
  checkSlot(p, draft(channels), local, now);
const reasonOf = (result: ReturnType<typeof checkSlot>) => (result.ok ? 'ok' : result.reason);
/** The suggested time, or the reason none could do, or undefined when the year is full. */
function suggested(p: Schedule, channels: string[], now = testNow, more: Partial<Draft> = {}) {
  const suggestion = suggestSlot(p, draft(channels, more), now);
  return suggestion && (suggestion.ok ? suggestion.local : suggestion.reason);
}

describe('checking the time of a new post', () => {
  const busy = project({
    'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]',
    'content/posts/2026/12/b.mdx': 'title: B\npublishAt: 2026-12-03 14:00\nchannels: [mastodon, x]',
  });

  // The draft has no text yet: what the rules find in it is its placeholder, at any time.
  const placeholder = [expect.objectContaining({ rule: 'post/placeholder' })];

  it('accepts a free time ahead and gives its instant', () => {
    expect(check(busy, '2026-12-04 10:00')).toEqual({
      ok: true,
      local: '2026-12-04 10:00',
      instant: '2026-12-04T09:00:00Z',
      warnings: [],
      content: placeholder,
    });
  });

  it.each([
    ['text that is not a time', 'tomorrow', /is not a date and time\. Write it like 2026-12-03 18:30/],
    ['a day that does not exist', '2026-02-30 10:00', /not a real date or time/],
    [
      'a time the spring change skips',
      '2027-03-28 02:30',
      /does not exist in Europe\/Warsaw: the clocks jump from 02:00 to 03:00 that night/,
    ],
    [
      'a time the autumn change repeats, without its offset',
      '2027-10-31 02:30',
      /happens twice in Europe\/Warsaw.*2027-10-31 02:30\+02:00 \(first\)/,
    ],
    ['a time in the past', '2026-11-23 12:30', /has passed: it is 2026-11-23 13:00 in Europe\/Warsaw now/],
    ['the present minute', '2026-11-23 13:00', /has passed/],
    [
      'a day in a quiet period',
      '2026-12-25 10:00',
      /inside the quiet period 2026-12-24 to 2026-12-26 \(Holidays\)\. Move it after 2026-12-26/,
    ],
    [
      'a time too close to another post on the channel',
      '2026-12-03 10:30',
      /This post \(2026-12-03 10:30\) and content\/posts\/2026\/12\/a\.mdx \(2026-12-03 10:00\) go to mastodon 30 minutes apart; herald\.yaml asks for at least 60 minutes/,
    ],
    [
      'a day already full on the channel',
      '2026-12-03 18:00',
      /2026-12-03 has 3 posts on mastodon; herald\.yaml allows 2 a day/,
    ],
  ])('refuses %s, with the reason', (_name, local, reason) => {
    expect(reasonOf(check(busy, local))).toMatch(reason);
  });

  it('accepts an hour that happens twice when its offset is written', () => {
    expect(check(busy, '2027-10-31 02:30+01:00')).toEqual({
      ok: true,
      local: '2027-10-31 02:30+01:00',
      instant: '2027-10-31T01:30:00Z',
      warnings: [],
      content: placeholder,
    });
  });

  it('weighs only the chosen channels: another channel may post at the same time', () => {
    expect(reasonOf(check(busy, '2026-12-03 10:00', ['bluesky']))).toBe('ok');
    expect(reasonOf(check(busy, '2026-12-03 14:30', ['bluesky', 'x']))).toMatch(
      /b\.mdx \(2026-12-03 14:00\) go to x 30 minutes apart/,
    );
  });

  it('ignores a retracted post', () => {
    const retracted = project({
      'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]\nretract: true',
    });
    expect(reasonOf(check(retracted, '2026-12-03 10:30'))).toBe('ok');
  });

  it('has no calendar limits when herald.yaml sets none', () => {
    const free = project(
      { 'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]' },
      testConfig,
    );
    expect(reasonOf(check(free, '2026-12-03 10:00'))).toBe('ok');
    expect(reasonOf(check(free, '2026-12-25 10:00'))).toBe('ok');
  });
});

describe('suggesting the next free time', () => {
  it('is tomorrow at 09:00 on an empty calendar', () => {
    expect(suggested(project(), ['mastodon'])).toBe('2026-11-24 09:00');
  });

  it('steps past posts on the chosen channels by the minimum gap', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:00\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 09:45\nchannels: [x]',
    });
    expect(suggested(p, ['mastodon'])).toBe('2026-11-24 10:00');
    expect(suggested(p, ['mastodon', 'x'])).toBe('2026-11-24 11:00');
    expect(suggested(p, ['bluesky'])).toBe('2026-11-24 09:00');
  });

  it('moves to the next day when a day is full', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 20:00\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 22:00\nchannels: [mastodon]',
    });
    expect(suggested(p, ['mastodon'])).toBe('2026-11-25 09:00');
  });

  it('jumps over a quiet period', () => {
    const dec23 = Date.parse('2026-12-23T12:00:00Z');
    expect(suggested(project(), ['mastodon'], dec23)).toBe('2026-12-27 09:00');
  });

  it('is a time checkSlot accepts, whatever the calendar', () => {
    const p = project({
      'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:30\nchannels: [mastodon]',
      'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 11:15\nchannels: [x]',
    });
    const suggestion = suggested(p, ['mastodon', 'x'])!;
    expect(suggestion).toBe('2026-11-24 12:30');
    expect(check(p, suggestion, ['mastodon', 'x']).ok).toBe(true);
  });

  it('is undefined when no day in the coming year is free', () => {
    const year =
      testConfig + 'calendar:\n  quietPeriods:\n    - { from: 2026-11-24, to: 2027-12-31, reason: Closed }\n';
    expect(suggested(project({}, year), ['mastodon'])).toBeUndefined();
  });
});

describe('the calendar rules decide, at the severities herald.yaml gives them', () => {
  const withRules = (rules: string) => `${testConfig}${calendar}rules:\n${rules}`;
  const a = { 'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:00\nchannels: [mastodon]' };

  it('takes a closer time when the minimum gap is off', () => {
    const gapOff = project(a, withRules('  calendar/min-gap: off\n'));
    expect(reasonOf(check(gapOff, '2026-11-24 09:30'))).toBe('ok');
    expect(suggested(gapOff, ['mastodon'])).toBe('2026-11-24 09:00');
    // The other rules still hold: the third post of the day is one too many.
    const full = project(
      { ...a, 'content/posts/2026/11/b.mdx': 'title: B\npublishAt: 2026-11-24 09:15\nchannels: [mastodon]' },
      withRules('  calendar/min-gap: off\n'),
    );
    expect(reasonOf(check(full, '2026-11-24 09:30'))).toMatch(/2026-11-24 has 3 posts on mastodon/);
  });

  it('accepts a day in a quiet period when the rule only warns, and passes the warning on', () => {
    const warnOnly = project({}, withRules('  calendar/quiet-period: warn\n'));
    const result = check(warnOnly, '2026-12-25 10:00');
    expect(result).toMatchObject({ ok: true, local: '2026-12-25 10:00' });
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({
        rule: 'calendar/quiet-period',
        severity: 'warning',
        message: expect.stringMatching(/inside the quiet period 2026-12-24 to 2026-12-26 \(Holidays\)/),
      }),
    ]);
    expect(suggested(warnOnly, ['mastodon'], Date.parse('2026-12-23T12:00:00Z'))).toBe('2026-12-24 09:00');
  });

  it('refuses a time the daily maximum allows when herald.yaml makes the content mix an error', () => {
    // Reshares may be at most half of the posts in any 30 days; one reshare is already planned.
    const mix = `${testConfig}calendar:\n  contentMix: { maxResharePercent: 50 }\nrules:\n  calendar/content-mix: error\n`;
    const p = project(
      {
        'content/posts/2026/11/shared.mdx': 'title: Shared\npublishAt: 2026-11-24 08:00\nchannels: [x]\nkind: reshare',
        'content/posts/2026/11/ours.mdx': 'title: Ours\npublishAt: 2026-11-26 08:00\nchannels: [x]',
        'content/posts/2026/11/also-ours.mdx': 'title: Also ours\npublishAt: 2026-11-26 08:30\nchannels: [bluesky]',
      },
      mix,
    );
    expect(suggested(p, ['mastodon'], testNow, { kind: 'reshare' })).toBe('2026-11-26 09:00');
    expect(reasonOf(checkSlot(p, draft(['mastodon'], { kind: 'reshare' }), '2026-11-25 10:00', testNow))).toMatch(
      /2 of the 2 posts in the 30 days up to 2026-11-25 10:00 are reshares \(100%\); herald\.yaml allows 50%/,
    );
    expect(suggested(p, ['mastodon'])).toBe('2026-11-24 09:00');
  });
});

describe('rules the calendar knows beyond gaps, days and quiet periods', () => {
  const busy = project({
    'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 10:00\nchannels: [mastodon]',
  });
  const same = { text: 'Hello, neighbours.' };

  it('refuses the text of a post already scheduled on the channel, at any time, and does not search in vain', () => {
    const result = checkSlot(busy, draft(['mastodon'], same), '2027-02-10 10:00', testNow);
    expect(result).toEqual({
      ok: false,
      reach: 'always',
      reason:
        'This post sends the same text to mastodon as content/posts/2026/12/a.mdx (2026-12-03 10:00). Change the wording, or delete one of them.',
    });
    expect(suggested(busy, ['mastodon'], testNow, same)).toBe(result.ok || result.reason);
    expect(suggested(busy, ['bluesky'], testNow, same)).toBe('2026-11-24 09:00');
  });

  it('gives two drafts without text texts of their own', () => {
    const first: NewPost = {
      title: 'A',
      publishAt: '2026-12-03 10:00',
      channels: ['mastodon'],
      kind: 'original',
      labels: [],
      id: 'a',
    };
    const drafts = load([file(newPostPath(first), newPostText(first))], testConfig + calendar) as Schedule;
    expect(reasonOf(check(drafts, '2026-12-05 10:00'))).toBe('ok');
  });

  it('keeps the minimum gap to the repetitions of an evergreen post', () => {
    // Every Monday at 09:00, from 2 November.
    const evergreen = project({
      'content/posts/2026/11/tip.mdx':
        'title: Tip\npublishAt: 2026-11-02 09:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2027-06-30 }',
    });
    expect(reasonOf(check(evergreen, '2026-12-07 09:30'))).toMatch(
      /content\/posts\/2026\/11\/tip\.mdx \(2026-12-07 09:00\) go to mastodon 30 minutes apart/,
    );
    expect(suggested(evergreen, ['mastodon'], Date.parse('2026-11-29T12:00:00Z'))).toBe('2026-11-30 10:00');
  });

  it('passes on what the calendar warns about: a channel silent for longer than its cadence', () => {
    const cadence = project(
      { 'content/posts/2026/11/a.mdx': 'title: A\npublishAt: 2026-11-24 09:00\nchannels: [mastodon]' },
      testConfig.replace(
        '    instance: https://mastodon.social\n',
        '    instance: https://mastodon.social\n    cadence: P7D\n',
      ),
    );
    const result = check(cadence, '2026-12-10 10:00');
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
      'Nothing goes out on mastodon between 2026-11-24 09:00 and 2026-12-10 10:00 (content/posts/2026/11/a.mdx); its cadence asks for a post at least every P7D. Plan a post in between.',
    ]);
  });
});

describe('judging a new post among its neighbours', () => {
  // A busy calendar with every calendar rule in play: gaps, full days, a quiet period, cadences,
  // the content mix (an error here), an evergreen post that repeats, a retracted post, copies.
  const config = `${testConfig.replace('    instance: https://mastodon.social\n', '    instance: https://mastodon.social\n    cadence: P3D\n')}calendar:
  maxPerDayPerChannel: 2
  minGapMinutes: 90
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
  contentMix: { maxResharePercent: 30 }
rules:
  calendar/content-mix: error
`;
  const combos = [['mastodon'], ['bluesky', 'x'], ['x', 'mastodon'], ['mastodon', 'bluesky', 'x']];
  const texts = ['The repair café is open.', 'Winter walks start on Sunday.', 'Vote from home this year.'];
  const files = Array.from({ length: 40 }, (_, i) => {
    // A week without posts after the 20th, where the cadence is broken.
    const day = new Date(Date.UTC(2026, 10, 20 + Math.floor(i * 1.1) + (i >= 20 ? 7 : 0)));
    const date = day.toISOString().slice(0, 10);
    const time = ['08:00', '10:15', '13:40', '16:00', '19:30'][i % 5];
    const extra =
      i === 7
        ? 'kind: evergreen\nrepeat: { every: P5D, until: 2027-01-31 }\n'
        : i === 11
          ? 'retract: true\n'
          : i % 3 === 0
            ? 'kind: reshare\n'
            : '';
    return file(
      `content/posts/${date.slice(0, 4)}/${date.slice(5, 7)}/p${i}.mdx`,
      post(
        `title: P${i}\npublishAt: ${date} ${time}\nchannels: [${combos[i % 4]!.join(', ')}]\n${extra}`,
        texts[i % 7] ?? `Post number ${i}.`,
      ),
    );
  });
  // Far ahead, after the evergreen post's last repetitions: where the cadence stops looking.
  files.push(
    file(
      'content/posts/2027/03/far.mdx',
      post('title: Far\npublishAt: 2027-03-01 10:00\nchannels: [mastodon, bluesky, x]', 'Spring is here.'),
    ),
  );
  const schedule = load(files, config) as Schedule;

  /** What the rules find about the new post among every post of the calendar. */
  function amongAll(fields: Draft, local: string) {
    const post = { ...fields, publishAt: local };
    const path = newPostPath(post);
    return lint(load([...files, file(path, newPostText(post))], config), {
      now: testNow,
      files: new Set([path]),
    }).filter((p) => p.rule.startsWith('calendar/'));
  }

  it('finds exactly what the rules find among the whole calendar', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 160; i++) {
      const date = new Date(Date.UTC(2026, 10, 24 + (i % 53))).toISOString().slice(0, 10);
      const local = `${date} ${['09:00', '10:30', '12:00', '14:30', '16:00', '17:30'][i % 6]}`;
      const fields = draft(combos[i % 4], {
        kind: i % 3 === 0 ? 'reshare' : 'original',
        ...(i % 5 === 0 && { text: texts[i % 3] }),
      });
      const found = amongAll(fields, local);
      const errors = found.filter((p) => p.severity === 'error');
      // How widely the errors rule out times; when no time could pass, the reason gives only why.
      const widest = ['always', 'day', 'time'].find((reach) =>
        errors.some((p) => (findingReach.get(p.rule) ?? 'time') === reach),
      );
      const reason = errors
        .filter((p) => widest !== 'always' || findingReach.get(p.rule) === 'always')
        .map((p) => p.message)
        .join(' ');
      const expected = errors.length > 0 ? { ok: false, reason, reach: widest } : { ok: true, warnings: found };
      expect(checkSlot(schedule, fields, local, testNow), `${local} on ${fields.channels.join(', ')}`).toMatchObject(
        expected,
      );
      for (const p of found) seen.add(`${p.rule} ${p.severity}`);
      seen.add(expected.ok ? 'free' : 'refused');
    }
    // The comparison met every rule that can judge a new post, and both verdicts.
    expect([...seen].sort()).toEqual([
      'calendar/cadence warning',
      'calendar/content-mix error',
      'calendar/daily-max error',
      'calendar/duplicate-text error',
      'calendar/min-gap error',
      'calendar/quiet-period error',
      'free',
      'refused',
    ]);
  });

  it('suggests the first time that passes, though it skips the rest of a day a finding rules out', () => {
    for (const [i, channels] of combos.entries()) {
      const fields = draft(channels, { kind: i % 2 ? 'reshare' : 'original' });
      const now = Date.parse(`2026-12-${String(10 + i * 4).padStart(2, '0')}T12:00:00Z`);
      let first: string | undefined;
      for (let d = 1; !first && d < 60; d++) {
        const date = new Date(now + d * 86_400_000).toISOString().slice(0, 10);
        for (let hour = 9; !first && hour <= 17; hour++) {
          for (const minute of ['00', '30']) {
            const local = `${date} ${String(hour).padStart(2, '0')}:${minute}`;
            if (!first && checkSlot(schedule, fields, local, now).ok) first = local;
          }
        }
      }
      expect(first, channels.join(', ')).toBeDefined();
      expect(suggestSlot(schedule, fields, now), channels.join(', ')).toMatchObject({ ok: true, local: first });
    }
  });
});
