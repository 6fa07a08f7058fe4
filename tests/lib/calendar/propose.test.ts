import { describe, expect, it } from 'vitest';
import { proposedPostFile, proposePostUrl } from '../../../src/lib/calendar/propose.ts';
import type { Schedule } from '../../../src/lib/project/model.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';

/** testNow is 2026-11-23 13:00 in Warsaw. */
const calendar = `calendar:
  maxPerDayPerChannel: 2
  minGapMinutes: 60
  quietPeriods:
    - { from: 2026-12-24, to: 2026-12-26, reason: Holidays }
`;
const schedule = (config = testConfig + calendar, posts: Record<string, string> = {}) =>
  load(
    Object.entries(posts).map(([path, frontmatter]) => file(path, post(frontmatter))),
    config,
  ) as Schedule;
const proposal = (date: string) => ({ date, title: 'New post: "our" café' });
function proposedTime(s: Schedule, date: string) {
  const proposed = proposedPostFile(s, proposal(date), testNow)!;
  return load([file(proposed.path, proposed.text)]).posts[0]?.written.publishAt;
}

describe('propose a post on a day', () => {
  it('opens GitHub new-file page on the default branch, in the month folder', () => {
    const proposed = proposedPostFile(schedule(), proposal('2026-12-03'), testNow)!;
    const url = new URL(proposePostUrl(schedule().config, proposed));
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/example/test/new/main');
    expect(url.searchParams.get('filename')).toBe('content/posts/2026/12/2026-12-03-new-post.mdx');
    expect(url.searchParams.get('value')).toBe(proposed.text);
    // Spaces travel as %20: a "+" could reach the file as a plus sign.
    expect(url.search).not.toContain('+');
  });

  it('keeps a branch name with ?, & or # in the path, where it cannot start a query of its own', () => {
    const proposed = proposedPostFile(schedule(), proposal('2026-12-03'), testNow)!;
    const url = new URL(
      proposePostUrl(
        { repository: 'example/test', defaultBranch: 'release/2026?filename=.github/workflows/x.yml#top' },
        proposed,
      ),
    );
    expect(url.pathname).toBe('/example/test/new/release/2026%3Ffilename%3D.github/workflows/x.yml%23top');
    expect(url.searchParams.get('filename')).toBe('content/posts/2026/12/2026-12-03-new-post.mdx');
    expect(url.hash).toBe('');
  });

  it('fills in front matter the loader accepts, on ordinary days and on daylight-saving days', () => {
    const newYear = Date.parse('2026-01-01T00:00:00Z');
    for (const date of ['2026-12-03', '2027-03-28', '2026-10-25', '2028-02-29']) {
      const proposed = proposedPostFile(schedule(), proposal(date), newYear)!;
      const project = load([file(proposed.path, proposed.text)]);
      expect(project.problems).toEqual([]);
      expect(project.posts).toHaveLength(1);
      expect(project.posts[0]).toMatchObject({
        id: `${date}-new-post`,
        title: 'New post: "our" café',
        channels: ['mastodon', 'bluesky', 'x'],
      });
      expect(project.posts[0]!.written.publishAt).toBe(`${date} 09:00`);
    }
  });

  it("proposes the first time of the day the calendar rules accept, at herald.yaml's severities", () => {
    const posts = {
      'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 09:00\nchannels: [mastodon]',
      'content/posts/2026/12/b.mdx': 'title: B\npublishAt: 2026-12-03 10:00\nchannels: [x]',
    };
    expect(proposedTime(schedule(testConfig + calendar, posts), '2026-12-03')).toBe('2026-12-03 11:00');
    expect(
      proposedTime(schedule(`${testConfig}${calendar}rules:\n  calendar/min-gap: off\n`, posts), '2026-12-03'),
    ).toBe('2026-12-03 09:00');
    // Today: from the next half hour on.
    expect(proposedTime(schedule(), '2026-11-23')).toBe('2026-11-23 13:30');
  });

  it('falls back to noon on a day the rules close to another post', () => {
    const full = {
      'content/posts/2026/12/a.mdx': 'title: A\npublishAt: 2026-12-03 08:00\nchannels: [mastodon]',
      'content/posts/2026/12/b.mdx': 'title: B\npublishAt: 2026-12-03 20:00\nchannels: [mastodon]',
    };
    expect(proposedTime(schedule(testConfig + calendar, full), '2026-12-03')).toBe('2026-12-03 12:00');
  });

  it('proposes nothing on a day in a quiet period', () => {
    expect(proposedPostFile(schedule(), proposal('2026-12-23'), testNow)).toBeDefined();
    for (const date of ['2026-12-24', '2026-12-25', '2026-12-26'])
      expect(proposedPostFile(schedule(), proposal(date), testNow)).toBeUndefined();
    expect(proposedPostFile(schedule(), proposal('2026-12-27'), testNow)).toBeDefined();
  });

  it('leaves webhooks out of the channels unless they are all there is', () => {
    const webhook = '  - id: team\n    network: webhook\n';
    expect(proposedPostFile(schedule(testConfig + webhook), proposal('2026-12-03'), testNow)!.text).toContain(
      'channels: [mastodon, bluesky, x]',
    );
    const onlyWebhook = testConfig.slice(0, testConfig.indexOf('channels:\n') + 'channels:\n'.length) + webhook;
    expect(proposedPostFile(schedule(onlyWebhook), proposal('2026-12-03'), testNow)!.text).toContain(
      'channels: [team]',
    );
  });
});
