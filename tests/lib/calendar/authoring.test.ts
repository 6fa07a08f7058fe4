import { describe, expect, it } from 'vitest';
import { newPostPath, newPostText, takenIds, type NewPost } from '../../../src/lib/calendar/authoring.ts';
import { idFromTitle, uniqueId } from '../../../src/lib/project/ids.ts';
import { file, load, post } from '../../helpers/project.ts';

describe('the id of a new post', () => {
  it.each([
    ['AGM 2026: live thread', 'agm-2026-live-thread'],
    ["It's today!", 'its-today'],
    ['Kawiarnia naprawcza – Łódź', 'kawiarnia-naprawcza-lodz'],
    ['Café "our" place', 'cafe-our-place'],
    ['  Leading and trailing  ', 'leading-and-trailing'],
    ['CamelCase Words', 'camelcase-words'],
  ])('"%s" → %s', (title, id) => {
    expect(idFromTitle(title)).toBe(id);
  });

  it('cuts a long title at a word, within 60 characters', () => {
    const id = idFromTitle(
      'The annual general meeting of the Riverside Residents Association will be streamed live tonight',
    );
    expect(id.length).toBeLessThanOrEqual(60);
    expect(id).toBe('the-annual-general-meeting-of-the-riverside-residents');
  });

  it('falls back to "post" when the title has no letters or digits', () => {
    expect(idFromTitle('🎉🎉')).toBe('');
    expect(uniqueId(idFromTitle('🎉🎉'), new Set())).toBe('post');
  });

  it('never takes an id that is taken: adds -2, -3, ...', () => {
    expect(uniqueId('agm', new Set())).toBe('agm');
    expect(uniqueId('agm', new Set(['agm']))).toBe('agm-2');
    expect(uniqueId('agm', new Set(['agm', 'agm-2', 'agm-3']))).toBe('agm-4');
  });

  it('counts every file name and every id written in front matter, also of posts that do not load', () => {
    const taken = takenIds([
      file('content/posts/2026/12/agm-live.mdx', post('title: A\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]')),
      file(
        'content/posts/2026/11/renamed.mdx',
        post('title: B\npublishAt: 2026-11-03 18:30\nchannels: [mastodon]\nid: "kept-id" # never reused'),
      ),
      file('content/posts/2026/11/broken.md', post('title: "unclosed\nid: broken-id\nchannels: [nope]')),
      file('content/handbook/style-guide.mdx', post('title: Style')),
      file('content/posts/2026/11/agm-hall.jpg', new Uint8Array([0xff, 0xd8])),
    ]);
    expect([...taken].sort()).toEqual(['agm-live', 'broken', 'broken-id', 'kept-id', 'renamed']);
  });
});

describe('the file of a new post', () => {
  const base: NewPost = {
    title: 'AGM: "live" #1',
    publishAt: '2026-12-03 18:30',
    channels: ['mastodon', 'x'],
    kind: 'original',
    labels: [],
    id: 'agm-live-1',
  };

  it('goes in the folder of its local date', () => {
    expect(newPostPath(base)).toBe('content/posts/2026/12/agm-live-1.mdx');
    expect(newPostPath({ ...base, publishAt: '2027-01-01 00:30' })).toBe('content/posts/2027/01/agm-live-1.mdx');
  });

  it('writes readable front matter and a placeholder that says what to write', () => {
    expect(newPostText({ ...base, campaign: 'agm-2026', labels: ['event', 'a b'] })).toBe(
      `---\ntitle: 'AGM: "live" #1'\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]\nkind: original\ncampaign: agm-2026\nlabels: [event, a b]\nid: agm-live-1\n---\nWrite the post here (agm-live-1): this is the text the networks receive. A line of three dashes (---) starts the next part of a thread.\n`,
    );
  });

  it.each([
    ['a title with quotes, a colon and a hash', base],
    ['a title that YAML would read as a number', { ...base, title: '2026' }],
    ['a title that YAML would read as a boolean', { ...base, title: 'yes' }],
    ['a title in another script, right to left', { ...base, title: 'جلسه سالانه: پخش زنده' }],
    ['labels with commas of their own', { ...base, labels: ['event: agm', '#tag', '[x]'] }],
    [
      'a reshare in a campaign, with its text',
      {
        ...base,
        kind: 'reshare' as const,
        campaign: 'agm-2026',
        text: "Read the city's notice: https://city.example/flood",
      },
    ],
    [
      'a time with an offset, for an hour that happens twice',
      { ...base, publishAt: '2027-10-31 02:30+01:00', id: 'fall-back' },
    ],
  ])('is a post the loader accepts as written: %s', (_name, fields) => {
    const path = newPostPath(fields);
    const project = load([file(path, newPostText(fields))]);
    expect(project.problems).toEqual([]);
    expect(project.posts).toHaveLength(1);
    expect(project.posts[0]).toMatchObject({
      id: fields.id,
      title: fields.title.trim(),
      channels: fields.channels,
      kind: fields.kind,
      labels: fields.labels,
    });
    expect(project.posts[0]!.written.publishAt).toBe(fields.publishAt);
  });
});
