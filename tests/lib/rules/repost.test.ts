import { describe, expect, it } from 'vitest';
import { contentHash, partCount, payloadFor } from '../../../src/lib/text/payload.ts';
import { validationReport } from '../../../src/lib/rules/report.ts';
import { file, load, post, testNow } from '../../helpers/project.ts';
import { findings, lineOf, ofRule, postPath } from './helpers.ts';

const config = `organization: T
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: "https://mastodon.social", visibility: unlisted }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123" }
  - { id: threads, network: threads, handle: test.threads }
`;
const bsky = 'https://bsky.app/profile/ada.bsky.social/post/3lxyzabc2def2';
const toot = 'https://mastodon.social/@ada/113567000000000000';
const tweet = 'https://x.com/ada/status/1860000000000000000';

function reposting(channels: string, link: string, extra = '', body = '') {
  const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nrepost: ${link}${extra}`, body);
  return { text, files: [file(postPath, text)] };
}

const reposts = (channels: string, link: string, extra = '', body = '') =>
  findings(reposting(channels, link, extra, body).files, { config }).filter(
    (p) => p.rule.startsWith('repost/') || p.rule === 'post/empty-body',
  );

describe('reposting', () => {
  it.each([
    ['bluesky', bsky],
    ['mastodon', toot],
    ['x', tweet],
    ['x', 'https://twitter.com/ada/status/1860000000000000000'],
    ['linkedin', 'https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/'],
    ['linkedin', 'https://www.linkedin.com/feed/update/urn:li:ugcPost:7100000000000000001/'],
  ])('passes a %s repost of one of its own posts, with no text', (channel, link) => {
    expect(reposts(channel, link)).toEqual([]);
  });

  it('flags a Mastodon link reposted on Bluesky, on its line, with the links Bluesky takes', () => {
    const { text } = reposting('bluesky', toot);
    const found = reposts('bluesky', toot);
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'repost/network',
        file: postPath,
        line: lineOf(text, 'repost:'),
        severity: 'error',
      }),
    ]);
    expect(found[0]!.message).toBe(
      `${toot} is not a post Herald can repost, and a network reposts only its own posts (Bluesky: https://bsky.app/profile/example.bsky.social/post/3lxyzabc2def2). Give the link of the post as its network shows it, and send the repost only to channels of that network.`,
    );
  });

  it('names the network a link belongs to when the post also goes elsewhere', () => {
    const found = ofRule(reposts('bluesky, x', tweet), 'repost/network');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`${tweet} is a post of X, and a network reposts only its own posts (Bluesky:`);
  });

  it('refuses Threads and webhooks, which cannot repost from Herald, before anything is sent', () => {
    const withWebhook = `${config}  - { id: team, network: webhook, format: slack }\n`;
    const found = ofRule(
      findings(reposting('threads, team', bsky).files, { config: withWebhook }),
      'repost/unsupported',
    );
    expect(found).toEqual([expect.objectContaining({ severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'Threads and Webhook cannot repost from Herald (docs/networks.md, Reposts say why). Remove those channels from this post, and share the link there in a post of your own.',
    );
  });

  it("flags a LinkedIn link that names the post's activity, which the API cannot reshare, with the link it takes", () => {
    const activity = 'https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000002/';
    const found = ofRule(reposts('linkedin', activity), 'repost/network');
    expect(found[0]!.message).toContain(
      '(LinkedIn: https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/)',
    );
    expect(found[0]!.message).toContain(
      "(on LinkedIn, a link naming urn:li:activity will not do: the post's Embed code names its urn:li:share or urn:li:ugcPost)",
    );
  });

  it('refuses a repost with text, on the line of the text, and says to quote instead', () => {
    const { text } = reposting('bluesky', bsky, '', 'What a day.');
    const found = reposts('bluesky', bsky, '', 'What a day.');
    expect(found).toEqual([
      expect.objectContaining({ rule: 'repost/with-content', line: lineOf(text, 'What a day.'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toContain('write quote: instead of repost:');
  });

  it.each([
    ['images', '\nmedia:\n  - { src: ./a.jpg, alt: A hall., rights: owned }', 'media:', 'images or a video'],
    ['a poll', '\npoll:\n  options: [Yes, No]\n  duration: P1D', 'poll:', 'a poll'],
    ['a card', '\ncard:\n  url: https://example.org/a\n  title: A', 'card:', 'a link card'],
    ['a quote', `\nquote: ${bsky}`, 'quote:', 'a quote'],
    ['a content warning', '\ncontentWarning: Flooding', 'contentWarning:', 'a content warning'],
    ['variants', '\nvariants:\n  bluesky: Look.', 'variants:', 'variants'],
    ['a repeat', '\nkind: evergreen\nrepeat: { every: P1M, until: 2027-06-30 }', 'repeat:', 'a repeat'],
  ])('refuses a repost with %s, on its line', (_what, extra, key, words) => {
    const { text } = reposting('bluesky', bsky, extra);
    const found = ofRule(reposts('bluesky', bsky, extra), 'repost/with-content');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, key), severity: 'error' })]);
    expect(found[0]!.message).toContain(`cannot carry ${words}`);
  });

  it.each([
    ['an http link', bsky.replace('https:', 'http:')],
    ['a link without its scheme', 'bsky.app/profile/ada.bsky.social/post/3lxyzabc2def2'],
    ['no link at all', 'the post from yesterday'],
  ])('refuses %s on the line of repost:, without saying the post has no text', (_what, link) => {
    const { text, files } = reposting('bluesky', link);
    const problems = load(files, config).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'repost:'),
        severity: 'error',
        message: expect.stringContaining('https://'),
      }),
    ]);
  });

  it('cannot be lowered to a warning in herald.yaml', () => {
    const lowered = `${config}rules:\n  repost/network: warn\n`;
    const found = findings(reposting('bluesky', toot).files, { config: lowered });
    expect(found.some((p) => p.rule === 'repost/network' && p.severity === 'error')).toBe(true);
  });
});

describe('a repost in the content mix', () => {
  it('counts as a reshare unless its kind: says otherwise', () => {
    expect(load(reposting('bluesky', bsky).files, config).posts[0]!.kind).toBe('reshare');
    expect(load(reposting('bluesky', bsky, '\nkind: original').files, config).posts[0]!.kind).toBe('original');
  });
});

describe('the repost payload', () => {
  it('is the link alone, one item to send, with the boost visibility on Mastodon', () => {
    const loaded = load(reposting('mastodon', toot).files, config);
    const payload = payloadFor(loaded.posts[0]!, loaded.channels['mastodon']!);
    expect(payload).toEqual({ parts: [], media: [], repost: toot, visibility: 'unlisted' });
    expect(partCount(payload)).toBe(1);
  });

  it('binds the link to the approval: another link is another hash', () => {
    const hashOf = (link: string) => {
      const loaded = load(reposting('bluesky', link).files, config);
      return contentHash(payloadFor(loaded.posts[0]!, loaded.channels['bluesky']!));
    };
    expect(hashOf(bsky)).toBe(hashOf(bsky));
    expect(hashOf(bsky.replace('2def2', '2def3'))).not.toBe(hashOf(bsky));
    expect(hashOf(bsky.replace('ada.bsky.social', 'grace.bsky.social'))).not.toBe(hashOf(bsky));
  });
});

describe('validate --format json', () => {
  it('lists the link each channel reposts, with no parts of text', () => {
    const loaded = load(reposting('bluesky, x', bsky).files, config);
    const { report } = validationReport(loaded, { now: testNow });
    expect(report.posts[0]!.channels).toEqual([
      expect.objectContaining({ channel: 'bluesky', repost: bsky, parts: [] }),
      expect.not.objectContaining({ repost: expect.anything() }),
    ]);
  });
});
