import { describe, expect, it } from 'vitest';
import { calendarViews, placeBroken, placePosts, publicationsBetween } from '../../../src/lib/calendar/calendar.ts';
import { viewRoute } from '../../../src/lib/views/routes.ts';
import { leftOutReport } from '../../../src/site/left-out.ts';
import { file, goodFrontmatter, load, post } from '../../helpers/project.ts';

const at = (name: string) => `content/posts/2026/12/${name}.mdx`;

describe('post files the loader could not use', () => {
  const project = load([
    file(at('good'), post(goodFrontmatter)),
    file(
      at('misspelt'),
      post('title: Misspelt\npublishAt: 2026-12-05 10:00\nchannels: [mastodon]\ncampain: agm\nlabels: [event]'),
    ),
    file(at('bad-time'), post('title: Bad time\npublishAt: 2026-12-06 25:00\nchannels: [x]')),
    file(at('yaml'), post('title: AGM: live\npublishAt: 2026-12-07 10:00\nchannels: [x]')),
    file(at('twin-a'), post('title: Twin A\npublishAt: 2026-12-08 10:00\nchannels: [x]\nid: twin')),
    file(at('twin-b'), post('title: Twin B\npublishAt: 2026-12-09 10:00\nchannels: [x]\nid: twin')),
    file(at('Big News'), post('title: Big news\npublishAt: 2026-12-10 10:00\nchannels: [x]')),
    // Asks for the id of the post that loaded.
    file(at('copy'), post('title: Copy\npublishAt: 2026-12-11 10:00\nchannels: [mastodn]\nid: good')),
  ]);

  it('are kept with what could be read of them, each with a page id of its own', () => {
    expect(project.posts.map((p) => p.id)).toEqual(['good']);
    expect(project.broken).toEqual([
      { file: at('bad-time'), id: 'bad-time', title: 'Bad time', channels: ['x'], labels: [] },
      {
        file: at('Big News'),
        id: 'big-news',
        title: 'Big news',
        publishAt: '2026-12-10T09:00:00Z',
        channels: ['x'],
        labels: [],
      },
      {
        file: at('copy'),
        id: 'copy',
        title: 'Copy',
        publishAt: '2026-12-11T09:00:00Z',
        channels: ['mastodn'],
        labels: [],
      },
      {
        file: at('misspelt'),
        id: 'misspelt',
        title: 'Misspelt',
        publishAt: '2026-12-05T09:00:00Z',
        channels: ['mastodon'],
        labels: ['event'],
      },
      {
        file: at('twin-a'),
        id: 'twin',
        title: 'Twin A',
        publishAt: '2026-12-08T09:00:00Z',
        channels: ['x'],
        labels: [],
      },
      {
        file: at('twin-b'),
        id: 'twin-b',
        title: 'Twin B',
        publishAt: '2026-12-09T09:00:00Z',
        channels: ['x'],
        labels: [],
      },
      { file: at('yaml'), id: 'yaml', channels: [], labels: [] },
    ]);
  });

  it('stand on their day when their time was read, and give the calendar a page for their month', () => {
    const placed = placeBroken(project.broken, 'Europe/Warsaw');
    expect(placed.map((item) => [item.broken.id, item.date, item.time])).toEqual([
      ['misspelt', '2026-12-05', '10:00'],
      ['twin', '2026-12-08', '10:00'],
      ['twin-b', '2026-12-09', '10:00'],
      ['big-news', '2026-12-10', '10:00'],
      ['copy', '2026-12-11', '10:00'],
    ]);
    expect(
      publicationsBetween(placed, '2026-12-01', '2026-12-31', { kind: 'label', value: 'event' }).map(
        (item) => item.broken.id,
      ),
    ).toEqual(['misspelt']);
    const january = load([
      file(
        'content/posts/2027/01/lost.mdx',
        post('title: Lost\npublishAt: 2027-01-15 10:00\nchannels: [x]\ncampain: x'),
      ),
    ]);
    const views = calendarViews(
      [...placePosts(january.posts, 'Europe/Warsaw'), ...placeBroken(january.broken, 'Europe/Warsaw')],
      [],
      '2026-11-23',
      1,
    ).map(viewRoute);
    expect(views).toContain('calendar/2027/01/');
  });

  it("are named in the build's report with what the site does with each and why, as are handbook pages left out", () => {
    const withPage = load([
      file(at('misspelt'), post('title: Misspelt\npublishAt: 2026-12-05 10:00\nchannels: [mastodon]\ncampain: agm')),
      file(
        'content/handbook/policy.mdx',
        post(
          'title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-11-01\nreviewEvery: P1Y',
          'Within {24 hours.',
        ),
      ),
      file(at('good'), post(goodFrontmatter)),
    ]);
    expect(leftOutReport(withPage)).toBe(
      [
        '2 content files have errors, so the site does not use them as written:',
        '  content/handbook/policy.mdx: left out of the site: it has no page',
        '    line 8: This page is not valid MDX: Unexpected end of file in expression, expected a corresponding closing brace for `{`. In MDX, write \\< and \\{ for a literal < or {, and close every tag (<br />). (body/mdx-syntax)',
        '  content/posts/2026/12/misspelt.mdx: shown on the site as a broken post, with its problems (page posts/misspelt/), never published',
        '    line 5: Unknown setting "campain". Did you mean "campaign"? (schema/unknown-key)',
        'Fix them; npx herald validate checks every file.',
      ].join('\n'),
    );
    expect(leftOutReport(load([file(at('good'), post(goodFrontmatter))]))).toBeUndefined();
  });
});
