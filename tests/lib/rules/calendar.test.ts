import { describe, expect, it } from 'vitest';
import { deliveryKey } from '../../../src/lib/rules/index.ts';
import { file, post } from '../../helpers/project.ts';
import { configWith, findings, lineOf, ofRule } from './helpers.ts';

/** A post file on `channels` at a local time in Europe/Warsaw; publishAt is on line 3, column 12. */
function at(name: string, time: string, channels = 'mastodon', extra = '', body = `Post ${name}.`) {
  const path = `content/posts/${time.slice(0, 4)}/${time.slice(5, 7)}/${name}.mdx`;
  return file(
    path,
    post(`title: ${name}\npublishAt: ${time}\nchannels: [${channels}]${extra ? `\n${extra}` : ''}`, body),
  );
}
const pathOf = (name: string, time: string) => `content/posts/${time.slice(0, 4)}/${time.slice(5, 7)}/${name}.mdx`;

describe('calendar/min-gap', () => {
  const config = configWith('calendar:\n  minGapMinutes: 60');

  it('passes posts 60 minutes apart', () => {
    expect(
      ofRule(findings([at('a', '2026-12-03 18:30'), at('b', '2026-12-03 19:30')], { config }), 'calendar/min-gap'),
    ).toEqual([]);
  });

  it('reports the later of two posts 30 minutes apart on one channel', () => {
    const found = ofRule(
      findings([at('a', '2026-12-03 18:30', 'mastodon, x'), at('b', '2026-12-03 19:00', 'x, mastodon')], { config }),
      'calendar/min-gap',
    );
    expect(found).toEqual([
      expect.objectContaining({ file: pathOf('b', '2026-12-03'), line: 3, column: 12, severity: 'error' }),
    ]);
    expect(found[0]!.message).toBe(
      'This post (2026-12-03 19:00) and content/posts/2026/12/a.mdx (2026-12-03 18:30) go to mastodon and x 30 minutes apart; herald.yaml asks for at least 60 minutes between posts on one channel. Move one of them.',
    );
  });

  it('reports on the changed post when only it is checked, even when it is the earlier one', () => {
    const found = ofRule(
      findings([at('a', '2026-12-03 18:30'), at('b', '2026-12-03 19:00')], {
        config,
        files: new Set([pathOf('a', '2026-12')]),
      }),
      'calendar/min-gap',
    );
    expect(found).toEqual([
      expect.objectContaining({
        file: pathOf('a', '2026-12'),
        line: 3,
        column: 12,
        message: expect.stringContaining('content/posts/2026/12/b.mdx (2026-12-03 19:00)'),
      }),
    ]);
  });

  it('does not compare posts on different channels', () => {
    expect(
      ofRule(
        findings([at('a', '2026-12-03 18:30', 'mastodon'), at('b', '2026-12-03 18:45', 'x')], { config }),
        'calendar/min-gap',
      ),
    ).toEqual([]);
  });

  it('weighs a monthly repetition at the time the publisher sends it: 31 March, not 28', () => {
    // From 31 January, P1M is 28 February, 31 March, 30 April: each counted from the first, as publishing does.
    const monthly = at(
      'tip',
      '2027-01-31 09:00',
      'mastodon',
      'kind: evergreen\nrepeat: { every: P1M, until: 2027-04-30 }',
    );
    const clash = ofRule(findings([monthly, at('agm', '2027-03-31 09:30')], { config }), 'calendar/min-gap');
    expect(clash.map((f) => f.message)).toEqual([
      expect.stringContaining('content/posts/2027/01/tip.mdx (2027-03-31 09:00)'),
    ]);
    expect(ofRule(findings([monthly, at('agm', '2027-03-28 09:30')], { config }), 'calendar/min-gap')).toEqual([]);
  });
});

describe('calendar/daily-max', () => {
  const config = configWith('calendar:\n  maxPerDayPerChannel: 2');

  it('passes two posts a day on X', () => {
    expect(
      ofRule(
        findings(
          [at('a', '2026-12-03 09:00', 'x'), at('b', '2026-12-03 15:00', 'x'), at('c', '2026-12-04 09:00', 'x')],
          { config },
        ),
        'calendar/daily-max',
      ),
    ).toEqual([]);
  });

  it("reports the third post of the day, counting the day in herald.yaml's time zone", () => {
    // 00:30 in Warsaw is still the 3rd there, though it is 23:30 on the 2nd in UTC.
    const files = [
      at('a', '2026-12-03 00:30', 'x'),
      at('b', '2026-12-03 12:00', 'x'),
      at('c', '2026-12-03 23:30', 'x'),
    ];
    expect(ofRule(findings(files, { config }), 'calendar/daily-max')).toEqual([
      expect.objectContaining({
        file: pathOf('c', '2026-12'),
        line: 3,
        column: 12,
        message: expect.stringContaining('2026-12-03 has 3 posts on x; herald.yaml allows 2'),
      }),
    ]);
  });
});

describe('calendar/quiet-period', () => {
  const config = configWith('calendar:\n  quietPeriods:\n    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }');

  it('passes a post the day after', () => {
    expect(ofRule(findings([at('a', '2026-12-27 10:00')], { config }), 'calendar/quiet-period')).toEqual([]);
  });

  it('reports a post inside it', () => {
    expect(ofRule(findings([at('a', '2026-12-26 23:00')], { config }), 'calendar/quiet-period')).toEqual([
      expect.objectContaining({
        file: pathOf('a', '2026-12'),
        line: 3,
        column: 12,
        message: expect.stringContaining('Holidays'),
      }),
    ]);
  });
});

describe('calendar/cadence', () => {
  const config = configWith('').replace(
    'instance: https://mastodon.social',
    'instance: https://mastodon.social\n    cadence: P7D',
  );

  it('passes a channel with a post at least every week', () => {
    const files = [at('a', '2026-11-28 10:00'), at('b', '2026-12-04 10:00'), at('c', '2026-12-10 10:00')];
    expect(ofRule(findings(files, { config }), 'calendar/cadence')).toEqual([]);
  });

  it('warns on the post after a silence longer than the cadence', () => {
    const files = [at('a', '2026-11-28 10:00'), at('b', '2026-12-10 10:00')];
    expect(ofRule(findings(files, { config }), 'calendar/cadence')).toEqual([
      expect.objectContaining({
        file: pathOf('b', '2026-12'),
        line: 3,
        column: 12,
        severity: 'warning',
        message: expect.stringContaining('between 2026-11-28 10:00 and 2026-12-10 10:00'),
      }),
    ]);
  });

  it('warns on herald.yaml when nothing is planned', () => {
    expect(ofRule(findings([], { config }), 'calendar/cadence')).toEqual([
      expect.objectContaining({ file: 'content/herald.yaml', line: lineOf(config, 'cadence: P7D'), column: 14 }),
    ]);
  });
});

describe('calendar/content-mix', () => {
  const config = configWith('calendar:\n  contentMix: { maxResharePercent: 20 }');
  const originals = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((day, i) =>
    at(`o${i}`, `${day} 10:00`),
  );

  it('passes one reshare in five posts (20%)', () => {
    expect(
      ofRule(
        findings([...originals, at('r', '2026-12-05 10:00', 'mastodon', 'kind: reshare')], { config }),
        'calendar/content-mix',
      ),
    ).toEqual([]);
  });

  it('warns at the reshare that goes over, pointing at its kind', () => {
    const files = [
      ...originals,
      at('r1', '2026-12-05 10:00', 'mastodon', 'kind: reshare'),
      at('r2', '2026-12-06 10:00', 'mastodon', 'kind: reshare'),
    ];
    expect(ofRule(findings(files, { config }), 'calendar/content-mix')).toEqual([
      expect.objectContaining({
        file: pathOf('r2', '2026-12'),
        line: 5,
        column: 7,
        severity: 'warning',
        message: expect.stringContaining('2 of the 6 posts in the 30 days up to 2026-12-06 10:00 are reshares (33%)'),
      }),
    ]);
  });

  it('forgets reshares older than 30 days', () => {
    const files = [
      at('r1', '2026-10-01 10:00', 'mastodon', 'kind: reshare'),
      ...originals,
      at('r2', '2026-12-05 10:00', 'mastodon', 'kind: reshare'),
    ];
    expect(ofRule(findings(files, { config }), 'calendar/content-mix').map((p) => p.file)).toEqual([
      pathOf('r1', '2026-10'),
    ]);
  });
});

describe('calendar/duplicate-text', () => {
  it('passes the same text on different channels', () => {
    const files = [
      at('a', '2026-12-03 10:00', 'mastodon', '', 'Same words.'),
      at('b', '2026-12-04 10:00', 'x', '', 'Same words.'),
    ];
    expect(ofRule(findings(files), 'calendar/duplicate-text')).toEqual([]);
  });

  it('reports the later of two posts that send the same text to one channel', () => {
    const files = [
      at('a', '2026-12-03 10:00', 'mastodon', '', 'Same words.'),
      at('b', '2026-12-04 10:00', 'mastodon, x', '', 'Same words.'),
    ];
    expect(ofRule(findings(files), 'calendar/duplicate-text')).toEqual([
      expect.objectContaining({
        file: pathOf('b', '2026-12'),
        line: 6,
        column: 1,
        message: expect.stringContaining('same text to mastodon as content/posts/2026/12/a.mdx'),
      }),
    ]);
  });
});

describe('calendar/past-unpublished', () => {
  // The tests' now is 2026-11-23 13:00 in Warsaw; the publishing window is two hours.
  it('passes a past post the publisher delivered, and one still within the window', () => {
    const files = [at('sent', '2026-11-20 10:00', 'mastodon, x'), at('due', '2026-11-23 12:00')];
    const delivered = new Set([deliveryKey('sent', 'mastodon'), deliveryKey('sent', 'x')]);
    expect(ofRule(findings(files, { delivered }), 'calendar/past-unpublished')).toEqual([]);
  });

  it('tells an evergreen post whose first time passed that its repetitions still go', () => {
    const files = [
      at('tip', '2026-11-02 09:00', 'mastodon', 'kind: evergreen\nrepeat: { every: P1W, until: 2027-01-31 }'),
    ];
    const [found] = ofRule(findings(files), 'calendar/past-unpublished');
    expect(found!.message).toBe(
      'This post was due on 2026-11-02 09:00 and was never published on mastodon. Its repetitions go ahead, the next on 2026-11-30 09:00; to take the missed one off the calendar, set publishAt to that time.',
    );
  });

  it('warns about a past post, naming the channels it never reached', () => {
    const files = [at('late', '2026-11-20 10:00', 'mastodon, x')];
    expect(
      ofRule(findings(files, { delivered: new Set([deliveryKey('late', 'mastodon')]) }), 'calendar/past-unpublished'),
    ).toEqual([
      expect.objectContaining({
        file: pathOf('late', '2026-11'),
        line: 3,
        column: 12,
        severity: 'warning',
        message: expect.stringContaining('never published on x.'),
      }),
    ]);
  });
});

describe('calendar/repeat', () => {
  const evergreen = (repeat: string) => at('tip', '2026-12-03 09:00', 'mastodon', `kind: evergreen\nrepeat: ${repeat}`);

  it('passes a weekly post until a date after its start', () => {
    expect(ofRule(findings([evergreen('{ every: P1W, until: 2027-06-30 }')]), 'calendar/repeat')).toEqual([]);
  });

  it('flags an until before the first publication, where the post would never go out', () => {
    const found = ofRule(findings([evergreen('{ every: P1W, until: 2026-11-30 }')]), 'calendar/repeat');
    expect(found).toEqual([expect.objectContaining({ file: pathOf('tip', '2026-12'), line: 6, severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'repeat.until (2026-11-30) is before the first publication (2026-12-03), so the post would never be sent. Set until on 2026-12-03 or later.',
    );
  });

  it('flags more repetitions than Herald plans, naming the last one planned', () => {
    const found = ofRule(findings([evergreen('{ every: P1D, until: 2028-12-31 }')]), 'calendar/repeat');
    expect(found.map((f) => f.message)).toEqual([
      'This post would repeat more than 520 times; Herald plans the first 520, the last on 2028-05-05. Repeat less often or set until on 2028-05-05 or earlier.',
    ]);
    expect(ofRule(findings([evergreen('{ every: P1D, until: 2028-05-05 }')]), 'calendar/repeat')).toEqual([]);
  });

  it('counts the repetition after the last planned one from the first, as the publisher does', () => {
    // From 31 January 2027, the 520th monthly time is 30 April 2070 and the next is 31 May, not 30 May.
    const monthly = (until: string) =>
      at('tip', '2027-01-31 09:00', 'mastodon', `kind: evergreen\nrepeat: { every: P1M, until: ${until} }`);
    expect(ofRule(findings([monthly('2070-05-30')]), 'calendar/repeat')).toEqual([]);
    expect(ofRule(findings([monthly('2070-05-31')]), 'calendar/repeat')).toHaveLength(1);
  });
});
