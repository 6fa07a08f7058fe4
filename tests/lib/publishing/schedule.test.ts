import { describe, expect, it } from 'vitest';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import {
  deliveries,
  faultsFrom,
  occurrences,
  plan,
  verdict,
  type Delivery,
} from '../../../src/lib/publishing/schedule.ts';
import { problem } from '../../../src/lib/project/problems.ts';
import { delivered, editedAfterDelivery } from '../../../src/lib/ledger/delivered.ts';
import { channelStatus, ledgerLookup } from '../../../src/lib/publishing/status.ts';
import type { Ledger, LedgerEntry } from '../../../src/schemas/ledger.ts';
import { file, load, post } from '../../helpers/project.ts';

function project(frontmatter: string, body = 'Hello, neighbours.') {
  const loaded = load([file('content/posts/2026/12/the-post.mdx', post(frontmatter, body))]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded;
}

const basic = 'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]';
const context = (now: string) => ({ now, window: 'PT2H' });

function entry(delivery: Delivery, fields: Partial<LedgerEntry>): LedgerEntry {
  return {
    post: delivery.post.id,
    channel: delivery.channel.id,
    network: delivery.channel.network,
    state: 'published',
    contentHash: contentHash(payloadFor(delivery.post, delivery.channel)),
    parts: [],
    attempts: 1,
    scheduledAt: delivery.scheduledAt,
    updatedAt: delivery.scheduledAt,
    ...fields,
  };
}

describe('occurrences of a post', () => {
  it('is the publish time alone for a post that does not repeat', () => {
    expect(occurrences(project(basic).posts[0]!)).toEqual(['2026-12-03T17:30:00Z']);
  });

  it('keeps the wall-clock time across daylight saving and counts months from the first date', () => {
    const p = project(
      'title: T\npublishAt: 2026-01-31 09:00\nkind: evergreen\nchannels: [mastodon]\nrepeat: { every: P1M, until: 2026-04-30 }',
    ).posts[0]!;
    // Warsaw is UTC+1 in winter, UTC+2 from 29 March; February has no 31st.
    expect(occurrences(p)).toEqual([
      '2026-01-31T08:00:00Z',
      '2026-02-28T08:00:00Z',
      '2026-03-31T07:00:00Z',
      '2026-04-30T07:00:00Z',
    ]);
  });

  it('ends on the until date (included) and never after the post expires', () => {
    const p = project(
      'title: T\npublishAt: 2026-12-01 09:00\nkind: evergreen\nchannels: [mastodon]\nexpiresAt: 2026-12-15 00:00\nrepeat: { every: P1W, until: 2027-01-31 }',
    ).posts[0]!;
    expect(occurrences(p)).toEqual(['2026-12-01T08:00:00Z', '2026-12-08T08:00:00Z']);
  });

  it('gives each occurrence and channel its own ledger key', () => {
    const loaded = project(
      'title: T\npublishAt: 2026-12-01 09:00\nkind: evergreen\nchannels: [mastodon]\nrepeat: { every: P1D, until: 2026-12-02 }',
    );
    expect(deliveries(loaded).map((d) => d.key)).toEqual([
      'the-post/mastodon/2026-12-01T08:00:00Z',
      'the-post/mastodon/2026-12-02T08:00:00Z',
    ]);
  });
});

describe('what a run does about a delivery', () => {
  const loaded = project(basic);
  const [mastodon] = deliveries(loaded);
  const d = mastodon!;

  it.each([
    ['before its time', undefined, '2026-12-03T17:00:00Z', 'scheduled'],
    ['when due', undefined, '2026-12-03T17:31:00Z', 'send'],
    ['exactly at its time, written with milliseconds', undefined, '2026-12-03T17:30:00.000Z', 'send'],
    ['when more than the window late', undefined, '2026-12-03T19:31:00Z', 'missed'],
    ['when published', { state: 'published' }, '2026-12-03T17:31:00Z', 'done'],
    [
      'when claimed a minute ago by another run',
      { state: 'pending', claim: { run: 'r', at: '2026-12-03T17:30:00Z' } },
      '2026-12-03T17:31:00Z',
      'busy',
    ],
    [
      'when claimed long ago by a run that never finished',
      { state: 'pending', claim: { run: 'r', at: '2026-12-03T17:30:00Z' } },
      '2026-12-03T17:50:00Z',
      'resume',
    ],
    [
      'when refused by the network',
      { state: 'failed', error: { message: 'HTTP 422', permanent: true } },
      '2026-12-03T17:50:00Z',
      'done',
    ],
    [
      'when it failed for a passing reason',
      { state: 'failed', error: { message: 'HTTP 500', permanent: false } },
      '2026-12-03T17:50:00Z',
      'send',
    ],
    [
      'when it failed for a passing reason and the window passed',
      { state: 'failed', error: { message: 'HTTP 500', permanent: false } },
      '2026-12-03T20:00:00Z',
      'missed',
    ],
    ['when unknown', { state: 'unknown' }, '2026-12-03T17:50:00Z', 'done'],
  ] as const)('%s', (_name, fields, now, action) => {
    expect(verdict(d, fields ? entry(d, fields as Partial<LedgerEntry>) : undefined, context(now)).action).toBe(action);
  });

  it('sends again a refused post once its content changed', () => {
    const refused = entry(d, {
      state: 'failed',
      contentHash: `sha256:${'0'.repeat(64)}`,
      error: { message: 'HTTP 422', permanent: true },
    });
    expect(verdict(d, refused, context('2026-12-03T17:50:00Z')).action).toBe('send');
  });

  describe('once the post says retract: true', () => {
    const [w] = deliveries(project(`${basic}\nretract: true`));
    const sent = [{ id: '1' }];
    const lookups = { ...context('2026-12-04T00:00:00Z'), lookups: new Set(['mastodon'] as const) };
    it.each([
      ['nothing was sent', undefined, context('2026-12-04T00:00:00Z'), 'done'],
      ['it was published', { state: 'published', parts: sent }, context('2026-12-04T00:00:00Z'), 'retract'],
      [
        'the first part of a thread went out and the second was refused',
        { state: 'failed', parts: sent, error: { message: 'HTTP 422', permanent: true } },
        context('2026-12-04T00:00:00Z'),
        'retract',
      ],
      [
        'a part went out before its window passed',
        { state: 'missed', parts: sent },
        context('2026-12-04T00:00:00Z'),
        'retract',
      ],
      [
        'it is unknown, with a part known',
        { state: 'unknown', parts: sent },
        context('2026-12-04T00:00:00Z'),
        'retract',
      ],
      [
        'it is unknown, with nothing known, where the network cannot be asked',
        { state: 'unknown' },
        context('2026-12-04T00:00:00Z'),
        'done',
      ],
      ['it is unknown, with nothing known, where the network can be asked', { state: 'unknown' }, lookups, 'retract'],
      [
        'a run is sending it right now',
        { state: 'pending', parts: sent, claim: { run: 'r', at: '2026-12-03T23:59:00Z' } },
        context('2026-12-04T00:00:00Z'),
        'busy',
      ],
      [
        'a run died sending it',
        { state: 'pending', parts: sent, claim: { run: 'r', at: '2026-12-03T17:30:00Z' } },
        context('2026-12-04T00:00:00Z'),
        'retract',
      ],
      ['it was taken down already', { state: 'retracted', parts: sent }, context('2026-12-04T00:00:00Z'), 'done'],
      [
        'the network refused to take it down for good',
        { state: 'published', parts: sent, error: { message: 'cannot be deleted', permanent: true, takeDown: true } },
        context('2026-12-04T00:00:00Z'),
        'done',
      ],
    ] as const)('when %s', (_name, fields, at, action) => {
      expect(verdict(w!, fields ? entry(w!, fields as Partial<LedgerEntry>) : undefined, at).action).toBe(action);
    });
  });

  it('reports an expired post while it would have been due, then lets it be', () => {
    const expiring = project(`${basic}\nexpiresAt: 2026-12-03 18:40`);
    const [e] = deliveries(expiring);
    expect(verdict(e!, undefined, context('2026-12-03T17:45:00Z'))).toEqual({
      action: 'expired',
      reason: 'the post expired at 2026-12-03T17:40:00Z',
    });
    expect(verdict(e!, undefined, context('2026-12-03T20:00:00Z')).action).toBe('done');
  });

  it('plans only what needs doing, with the exact payload', () => {
    const ledger: Ledger = { version: 1, entries: { 'the-post/mastodon': entry(d, { state: 'published' }) } };
    const planned = plan(loaded, ledger, { ...context('2026-12-03T17:31:00Z') });
    expect(planned.map((p) => [p.key, p.verdict.action])).toEqual([['the-post/x', 'send']]);
    expect(planned[0]!.payload).toEqual({ parts: ['Hello, neighbours.'], media: [] });
  });
});

describe('a post validate finds an error in', () => {
  const loaded = project(basic);
  const d = deliveries(loaded)[0]!;
  const at = { line: 7, column: 1 };
  const faults = faultsFrom([
    problem(d.post.file, at, 'post/placeholder', 'The text is still the placeholder.'),
    problem('content/posts/2026/12/other.mdx', at, 'house/hashtags', 'Too many hashtags.', 'warning'),
    problem('content/posts/2026/12/late.mdx', at, 'calendar/past-unpublished', 'Its time has passed.'),
    problem('content/posts/2026/12/close.mdx', at, 'calendar/min-gap', 'Too close to the-post.'),
  ]);

  it('is held when due, with the error and what to do, and never sent', () => {
    const held = verdict(d, undefined, { ...context('2026-12-03T17:31:00Z'), faults });
    expect(held).toEqual({
      action: 'held',
      reason:
        'herald validate finds an error in it (line 7: The text is still the placeholder. [post/placeholder]), so it is not sent as it is: fix it, and a run within its window sends it',
      entry: undefined,
    });
  });

  it('is still only scheduled before its time, and missed after its window', () => {
    expect(verdict(d, undefined, { ...context('2026-12-03T17:00:00Z'), faults }).action).toBe('scheduled');
    expect(verdict(d, undefined, { ...context('2026-12-03T19:31:00Z'), faults }).action).toBe('missed');
  });

  it('counts errors of the post itself, not how it stands to other posts or being unpublished', () => {
    expect([...faults.keys()]).toEqual([d.post.file]);
  });
});

describe('a delivery whose outcome is unknown', () => {
  const [d] = deliveries(project(basic));
  const unknown = entry(d!, { state: 'unknown', error: { message: 'timed out', permanent: true } });
  const asked = (now: string) => ({ ...context(now), lookups: new Set(['mastodon'] as const) });
  it.each([
    ['is left to a person where the network cannot be asked', context('2026-12-03T17:50:00Z'), 'done'],
    ['is looked up again while in its window where it can', asked('2026-12-03T17:50:00Z'), 'resume'],
    ['is left to a person once its window passed', asked('2026-12-03T20:00:00Z'), 'done'],
  ] as const)('%s', (_name, at, action) => {
    expect(verdict(d!, unknown, at).action).toBe(action);
  });
});

describe('a post whose file was renamed, moved, or given another id', () => {
  const path = 'content/posts/2026/12/the-post.mdx';
  const at = '2026-12-03T17:40:00Z';
  /** The ledger after `former` went out to mastodon from `file`, with `fields` changed. */
  function wentOut(formerId: string, file: string | undefined, fields: Partial<LedgerEntry> = {}): Ledger {
    const [d] = deliveries(project(basic));
    const sent = entry(d!, {
      post: formerId,
      parts: [{ id: '1', url: 'https://m.example/@r/1' }],
      ...(file ? { file } : {}),
      ...fields,
    });
    return { version: 1, entries: { [`${formerId}/mastodon`]: sent } };
  }
  const planned = (ledger: Ledger, frontmatter = basic, body = 'Hello, neighbours.', files: string[] = []) => {
    const loaded = project(frontmatter, body);
    return plan({ ...loaded, files: [...loaded.files, ...files] }, ledger, context(at)).map((p) => [
      p.key,
      p.verdict.action,
      'from' in p.verdict ? p.verdict.from : undefined,
    ]);
  };

  it.each([
    ['renamed', wentOut('old-name', 'content/posts/2026/12/old-name.mdx'), basic, 'Hello, neighbours.'],
    [
      'moved to another folder and renamed',
      wentOut('old-name', 'content/posts/2026/11/old-name.mdx'),
      basic,
      'Hello, neighbours.',
    ],
    ['renamed and edited', wentOut('old-name', 'content/posts/2026/12/old-name.mdx'), basic, 'Hello, everyone.'],
    [
      'renamed and rescheduled',
      wentOut('old-name', 'content/posts/2026/12/old-name.mdx'),
      basic.replace('18:30', '18:35'),
      'Hello, neighbours.',
    ],
    [
      'given an id: in the same file, then edited and rescheduled',
      wentOut('old-name', path),
      basic.replace('18:30', '18:35'),
      'Hello, everyone.',
    ],
    ['renamed, from a ledger that did not record files', wentOut('old-name', undefined), basic, 'Hello, everyone.'],
  ])('is recognised when %s', (_name, ledger, frontmatter, body) => {
    expect(planned(ledger, frontmatter, body)).toEqual([
      ['the-post/mastodon', 'renamed', 'old-name/mastodon'],
      ['the-post/x', 'send', undefined],
    ]);
  });

  it('waits while a run is sending it under its former id, and is recognised once that run is done', () => {
    const sending = wentOut('old-name', 'content/posts/2026/12/old-name.mdx', {
      state: 'pending',
      parts: [],
      claim: { run: 'r', at: '2026-12-03T17:35:00Z' },
    });
    expect(planned(sending)[0]).toEqual(['the-post/mastodon', 'busy', undefined]);
    const died = wentOut('old-name', 'content/posts/2026/12/old-name.mdx', {
      state: 'pending',
      parts: [],
      claim: { run: 'r', at: '2026-12-03T17:00:00Z' },
    });
    expect(planned(died)[0]).toEqual(['the-post/mastodon', 'renamed', 'old-name/mastodon']);
  });

  it('is a new post when renamed, edited and rescheduled at once', () => {
    expect(
      planned(
        wentOut('old-name', 'content/posts/2026/12/old-name.mdx'),
        basic.replace('18:30', '18:35'),
        'Hello, everyone.',
      ).map(([key, action]) => [key, action]),
    ).toEqual([
      ['the-post/mastodon', 'send'],
      ['the-post/x', 'send'],
    ]);
  });

  it('is not taken for another post whose file is still there (a copy), or one that never went out', () => {
    expect(
      planned(wentOut('old-name', 'content/posts/2026/12/old-name.mdx'), basic, 'Hello, neighbours.', [
        'content/posts/2026/12/old-name.mdx',
      ])[0],
    ).toEqual(['the-post/mastodon', 'send', undefined]);
    // A file the loader refused keeps its name as its id: an old ledger without files knows it by that.
    expect(
      planned(wentOut('old-name', undefined), basic, 'Hello, neighbours.', ['content/posts/2026/12/old-name.mdx'])[0],
    ).toEqual(['the-post/mastodon', 'send', undefined]);
    expect(
      planned(wentOut('old-name', 'content/posts/2026/12/old-name.mdx', { state: 'missed', parts: [] }))[0],
    ).toEqual(['the-post/mastodon', 'send', undefined]);
  });

  it('is held when it could be either of two former posts, saying what to do', () => {
    const two = wentOut('old-name', 'content/posts/2026/12/old-name.mdx');
    two.entries['older/mastodon'] = {
      ...two.entries['old-name/mastodon']!,
      post: 'older',
      file: 'content/posts/2026/12/older.mdx',
    };
    const [first] = plan(project(basic), two, context(at));
    expect(first!.verdict).toMatchObject({
      action: 'held',
      reason: expect.stringMatching(
        /may be what went out as old-name\/mastodon, older\/mastodon.*Put the id it went out with \(id: in the front matter\) in the one that is that post/,
      ),
    });
  });

  it('holds a new post that took the id of one that went out, instead of silently never sending it', () => {
    const other = wentOut('the-post', 'content/posts/2026/11/the-post.mdx', {
      scheduledAt: '2026-11-03T17:30:00Z',
      contentHash: `sha256:${'9'.repeat(64)}`,
    });
    const [first] = plan(project(basic), other, context(at));
    expect(first!.verdict).toMatchObject({
      action: 'held',
      reason: expect.stringMatching(
        /the id "the-post" already went out to mastodon at 2026-11-03T17:30:00Z, from content\/posts\/2026\/11\/the-post.mdx, with other content. Ids are never reused/,
      ),
    });
    // The same post, only edited or moved after it went out: done, as any edit after publishing.
    expect(
      plan(project(basic), wentOut('the-post', 'content/posts/2026/11/the-post.mdx'), context(at)).map((p) => p.key),
    ).toEqual(['the-post/x']);
  });
});

describe("the site's status, read from a real ledger", () => {
  const loaded = project(basic);
  const d = deliveries(loaded)[0]!;
  const status = (ledger: Ledger, now: string) =>
    channelStatus(d.post, d.channel.id, {
      now: Date.parse(now),
      window: 'PT2H',
      paused: false,
      ledger: ledgerLookup(ledger),
    });

  it('is published, with the link of the first part and the time it went out', () => {
    const ledger: Ledger = {
      version: 1,
      entries: {
        [d.key]: entry(d, {
          parts: [
            { id: '1', url: 'https://m.example/@r/1' },
            { id: '2', url: 'https://m.example/@r/2' },
          ],
          publishedAt: '2026-12-03T17:30:04Z',
        }),
      },
    };
    expect(status(ledger, '2026-12-04T00:00:00Z')).toEqual({
      state: 'published',
      url: 'https://m.example/@r/1',
      at: '2026-12-03T17:30:04Z',
    });
  });

  it("is failed with the network's message, and unknown while a send is unconfirmed", () => {
    const failed: Ledger = {
      version: 1,
      entries: {
        [d.key]: entry(d, {
          state: 'failed',
          updatedAt: '2026-12-03T17:31:00Z',
          error: { message: 'HTTP 422: Validation failed', permanent: true },
        }),
      },
    };
    expect(status(failed, '2026-12-03T18:00:00Z')).toEqual({
      state: 'failed',
      at: '2026-12-03T17:31:00Z',
      message: 'HTTP 422: Validation failed',
    });
    const pending: Ledger = {
      version: 1,
      entries: { [d.key]: entry(d, { state: 'pending', claim: { run: 'r', at: '2026-12-03T17:30:00Z' } }) },
    };
    expect(status(pending, '2026-12-03T17:31:00Z')).toEqual({ state: 'unknown', at: '2026-12-03T17:30:00Z' });
  });

  it('is missed and expired at the same instants the publish run decides them', () => {
    const empty: Ledger = { version: 1, entries: {} };
    expect(status(empty, '2026-12-03T19:30:00Z').state).toBe('scheduled');
    expect(verdict(d, undefined, context('2026-12-03T19:30:00Z')).action).toBe('send');
    expect(status(empty, '2026-12-03T19:30:01Z')).toEqual({ state: 'missed', at: '2026-12-03T19:30:00Z' });
    expect(verdict(d, undefined, context('2026-12-03T19:30:01Z')).action).toBe('missed');
    const [licensed] = deliveries(
      project(
        `${basic}\nmedia:\n  - { src: ./a.png, alt: A, rights: licensed, credit: Jan, expiresAt: 2026-12-03 18:40 }`,
      ),
    );
    const at = (now: string) =>
      channelStatus(licensed!.post, 'mastodon', { now: Date.parse(now), window: 'PT2H', paused: false });
    expect(at('2026-12-03T17:45:00Z')).toEqual({ state: 'expired', at: '2026-12-03T17:40:00Z' });
    expect(verdict(licensed!, undefined, context('2026-12-03T17:45:00Z')).action).toBe('expired');
  });

  it('reads a repeating post occurrence by occurrence, and shows it whole by its last once all are past', () => {
    const repeating = project(
      'title: T\npublishAt: 2026-12-01 09:00\nkind: evergreen\nchannels: [mastodon]\nrepeat: { every: P1D, until: 2026-12-02 }',
    );
    const [first, second] = deliveries(repeating);
    const ledger: Ledger = {
      version: 1,
      entries: {
        [first!.key]: entry(first!, { publishedAt: '2026-12-01T08:00:01Z' }),
        [second!.key]: entry(second!, { state: 'failed', error: { message: 'HTTP 500', permanent: false } }),
      },
    };
    const lookup = ledgerLookup(ledger);
    expect(lookup('the-post', 'mastodon', first!.occurrence)).toMatchObject({ state: 'published' });
    expect(lookup('the-post', 'mastodon', second!.occurrence)).toMatchObject({ state: 'failed', message: 'HTTP 500' });
    const later = { now: Date.parse('2026-12-05T00:00:00Z'), window: 'PT2H', paused: false, ledger: lookup };
    expect(channelStatus(repeating.posts[0]!, 'mastodon', later)).toMatchObject({
      state: 'failed',
      message: 'HTTP 500',
    });
  });
});

describe('what was delivered, for the linter', () => {
  it('lists published and retracted deliveries, and notices a post edited after it went out', () => {
    const before = project(basic, 'Doors open at seven.');
    const [m, x] = deliveries(before);
    const ledger: Ledger = {
      version: 1,
      entries: {
        [m!.key]: entry(m!, {
          parts: [{ id: '9', url: 'https://m.example/@r/9' }],
          publishedAt: '2026-12-03T17:30:05Z',
        }),
        [x!.key]: entry(x!, { state: 'failed', error: { message: 'HTTP 500', permanent: false } }),
      },
    };
    expect(delivered(ledger)).toEqual([
      {
        key: 'the-post/mastodon',
        post: 'the-post',
        channel: 'mastodon',
        contentHash: ledger.entries['the-post/mastodon']!.contentHash,
        publishedAt: '2026-12-03T17:30:05Z',
        links: ['https://m.example/@r/9'],
      },
    ]);
    expect(editedAfterDelivery(before, ledger)).toEqual([]);
    // A new title is not sent anywhere; new text is.
    expect(
      editedAfterDelivery(project(basic.replace('title: T', 'title: Renamed'), 'Doors open at seven.'), ledger),
    ).toEqual([]);
    expect(editedAfterDelivery(project(basic, 'Doors open at eight.'), ledger).map((e) => e.delivery.key)).toEqual([
      'the-post/mastodon',
    ]);
  });

  it('hashes what the network receives: the text, the images and their alt text, the content warning', () => {
    const a = project(basic).posts[0]!;
    const channel = load([]).channels['mastodon']!;
    const hash = contentHash(payloadFor(a, channel));
    expect(contentHash(payloadFor({ ...a, contentWarning: 'Politics' }, channel))).not.toBe(hash);
    expect(
      contentHash(payloadFor({ ...a, media: [{ src: './a.png', file: 'a.png', alt: 'A', rights: 'owned' }] }, channel)),
    ).not.toBe(hash);
    expect(contentHash(payloadFor({ ...a, labels: ['other'] }, channel))).toBe(hash);
  });
});
