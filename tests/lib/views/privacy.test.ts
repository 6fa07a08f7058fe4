import { describe, expect, it } from 'vitest';
import { publicChannels } from '../../../src/lib/calendar/authoring.ts';
import type { Problem } from '../../../src/lib/project/problems.ts';
import { isInternalPost, isPrivateChannel, publicFindings, publicView } from '../../../src/lib/views/privacy.ts';
import { lint } from '../../../src/lib/rules/index.ts';
import { leftOutReport } from '../../../src/site/left-out.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';

const config = `${testConfig}  - id: team-chat
    network: webhook
  - id: announcements
    network: webhook
    private: false
  - id: staff-list
    network: x
    private: true
privateLabels: [Internal, rota]
`;

const postAt = (name: string, frontmatter: string, body = 'Hello, neighbours.') =>
  file(`content/posts/2026/12/${name}.mdx`, post(`title: ${name}\npublishAt: 2026-12-03 18:30\n${frontmatter}`, body));

const project = load(
  [
    postAt('public', 'channels: [mastodon, x]'),
    postAt('chat-only', 'channels: [team-chat]', 'Rota: Ada on the door, Grace on the stream.'),
    postAt('private-channels', 'channels: [team-chat, staff-list]'),
    postAt('announcement', 'channels: [announcements]'),
    postAt('labelled', 'channels: [mastodon]\nlabels: [event, internal]', 'Keys are under the mat.'),
    postAt('label-spelt-otherwise', 'channels: [mastodon]\nlabels: [" ROTA! "]'),
    postAt(
      'mixed',
      'channels: [mastodon, team-chat, staff-list]\nvariants:\n  team-chat: Team, the stream password is river2026.\n  webhook: Everyone on webhooks.\n  x: Short for X.\n  mastodon: For Mastodon.',
      'Doors open at seven.',
    ),
  ],
  config,
);

describe('private channels and labels', () => {
  it('treats webhooks as private unless told otherwise, and any channel marked private', () => {
    expect(Object.values(project.channels).map((channel) => [channel.id, isPrivateChannel(channel)])).toEqual([
      ['mastodon', false],
      ['bluesky', false],
      ['x', false],
      ['team-chat', true],
      ['announcements', false],
      ['staff-list', true],
    ]);
  });

  it.each([
    ['public', false],
    ['chat-only', true],
    ['private-channels', true],
    ['announcement', false],
    ['labelled', true],
    ['label-spelt-otherwise', true],
    ['mixed', false],
  ])('%s is internal: %s', (id, internal) => {
    const found = project.posts.find((p) => p.id === id)!;
    expect(isInternalPost(found, project.config!, project.channels)).toBe(internal);
  });

  it('proposes new posts on the public channels only', () => {
    expect(publicChannels(project.config!)).toEqual(['mastodon', 'bluesky', 'x', 'announcements']);
  });
});

describe('the public view', () => {
  const view = publicView(project);

  it('leaves out internal posts, their files and their problems', () => {
    expect(view.posts.map((p) => p.id).sort()).toEqual(['announcement', 'mixed', 'public']);
    expect(view.files.filter((f) => f.includes('/posts/')).sort()).toEqual(
      ['announcement', 'mixed', 'public'].map((id) => `content/posts/2026/12/${id}.mdx`),
    );
    expect(JSON.stringify(view.posts)).not.toMatch(/Rota|Keys are under/);
  });

  it('shows a mixed post with its public channels, and only the variants they use', () => {
    const mixed = view.posts.find((p) => p.id === 'mixed')!;
    expect(mixed.channels).toEqual(['mastodon']);
    expect(Object.keys(mixed.variants)).toEqual(['mastodon']);
    expect(Object.keys(mixed.variantParts)).toEqual(['mastodon']);
    expect(JSON.stringify({ ...mixed, frontmatter: undefined })).not.toContain('river2026');
  });

  it('knows only the public channels, in herald.yaml and by id', () => {
    expect(Object.keys(view.channels)).toEqual(['mastodon', 'bluesky', 'x', 'announcements']);
    expect(view.config!.channels.map((c) => c.id)).toEqual(['mastodon', 'bluesky', 'x', 'announcements']);
  });

  it('is the project itself when nothing is private', () => {
    const open = load([postAt('public', 'channels: [mastodon, x]')]);
    expect(publicView(open)).toBe(open);
  });
});

describe('findings on the public site', () => {
  const finding = (file: string, message: string): Problem => ({
    file,
    line: 3,
    column: 12,
    rule: 'calendar/min-gap',
    severity: 'warning',
    message,
  });

  it('shows what validate reports and the public view finds too, and nothing else', () => {
    const both = finding('content/posts/2026/12/public.mdx', 'Too close to content/posts/2026/12/announcement.mdx.');
    const onlyAll = finding('content/posts/2026/12/public.mdx', 'Too close to content/posts/2026/12/labelled.mdx.');
    const onlyVisible = finding('content/posts/2026/12/public.mdx', 'Nothing goes out on mastodon for a week.');
    expect(publicFindings([both, onlyAll], [both, onlyVisible])).toEqual([both]);
  });

  it('never names an internal post, from a real lint of both', () => {
    // Two posts on mastodon ten minutes apart, one of them internal: validate names it, the site does not.
    const clash = load(
      [
        postAt('public', 'channels: [mastodon]'),
        file(
          'content/posts/2026/12/rota.mdx',
          post('title: Rota\npublishAt: 2026-12-03 18:40\nchannels: [mastodon]\nlabels: [rota]', 'Rota for Saturday.'),
        ),
      ],
      `${config}calendar:\n  minGapMinutes: 60\n`,
    );
    const all = lint(clash, { now: testNow });
    const naming = (p: Problem) => p.rule === 'calendar/min-gap' && `${p.file} ${p.message}`.includes('rota.mdx');
    expect(all.filter(naming)).toHaveLength(1);
    const shown = publicFindings(all, lint(publicView(clash), { now: testNow }));
    expect(shown.filter(naming)).toEqual([]);
  });
});

describe('post files that could not be loaded', () => {
  const broken = (name: string, frontmatter: string) =>
    file(`content/posts/2026/12/${name}.mdx`, post(`title: ${name}\n${frontmatter}`, 'Text.'));
  const withBroken = load(
    [
      broken('public-broken', 'publishAt: 2026-13-03 18:30\nchannels: [mastodon]'),
      broken('chat-broken', 'publishAt: 2026-13-03 18:30\nchannels: [team-chat]'),
      broken('labelled-broken', 'publishAt: 2026-13-03 18:30\nchannels: [mastodon]\nlabels: [rota]'),
      broken('misspelt-channel', 'publishAt: 2026-12-03 18:30\nchannels: [team-chatt]'),
      file('content/posts/2026/12/unreadable.mdx', '---\ntitle: Rota for the AGM\nchannels: [mastodon\n---\nText.'),
    ],
    config,
  );

  it('are shown unless what could be read says they are internal', () => {
    expect(withBroken.broken.map((p) => p.id).sort()).toEqual([
      'chat-broken',
      'labelled-broken',
      'misspelt-channel',
      'public-broken',
      'unreadable',
    ]);
    const shown = publicView(withBroken);
    expect(shown.broken.map((p) => p.id).sort()).toEqual(['misspelt-channel', 'public-broken', 'unreadable']);
    expect(shown.broken.find((p) => p.id === 'unreadable')?.title).toBeUndefined();
    expect(new Set(shown.problems.map((p) => p.file))).not.toContain('content/posts/2026/12/chat-broken.mdx');
    expect(new Set(shown.problems.map((p) => p.file))).not.toContain('content/posts/2026/12/labelled-broken.mdx');
  });

  it('are named as left out of the public site in the build log', () => {
    const report = leftOutReport(withBroken, publicView(withBroken));
    expect(report).toContain('content/posts/2026/12/chat-broken.mdx: left out of the public site: it is internal');
    expect(report).toContain('content/posts/2026/12/public-broken.mdx: shown on the site as a broken post');
  });
});
