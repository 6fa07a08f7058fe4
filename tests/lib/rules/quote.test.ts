import { describe, expect, it } from 'vitest';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { file, load, post } from '../../helpers/project.ts';
import { findings, lineOf, ofRule, postPath } from './helpers.ts';

const config = `organization: T
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: "https://mastodon.social" }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123" }
`;
const bsky = 'https://bsky.app/profile/ada.bsky.social/post/3lxyzabc2def2';
const toot = 'https://mastodon.social/@ada/113567000000000000';
const tweet = 'https://x.com/ada/status/1860000000000000000';

function quoting(channels: string, link: string, extra = '') {
  const text = post(
    `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nquote: ${link}${extra}`,
    'Look at this.',
  );
  return { text, files: [file(postPath, text)] };
}

describe('quoting', () => {
  it.each([
    ['bluesky', bsky],
    ['mastodon', toot],
    ['x', tweet],
  ])('passes a %s post quoting one of its own', (channel, link) => {
    expect(findings(quoting(channel, link).files, { config }).filter((p) => p.rule.startsWith('quote/'))).toEqual([]);
  });

  it('flags a Bluesky link quoted on Mastodon and X, on its line, with what they can quote', () => {
    const { text, files } = quoting('bluesky, mastodon, x', bsky);
    const found = ofRule(findings(files, { config }), 'quote/network');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, 'quote:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toBe(
      `${bsky} is a Bluesky post: Mastodon and X can quote only their own posts (such as https://mastodon.social/@account/113567000000000000 or https://x.com/account/status/1860000000000000000). Send this post only to channels of the quoted post's network, or quote a post there.`,
    );
  });

  it('flags a quote to LinkedIn, which can quote nothing, and a link that is no post at all', () => {
    expect(ofRule(findings(quoting('linkedin', tweet).files, { config }), 'quote/network')[0]!.message).toContain(
      'is not a post of theirs: LinkedIn can quote no post',
    );
    expect(ofRule(findings(quoting('x', 'https://example.org/news').files, { config }), 'quote/network')).toHaveLength(
      1,
    );
  });

  it('flags a quote and a poll together on X', () => {
    const poll = '\npoll:\n  options: [Yes, No]\n  duration: P1D';
    const found = ofRule(findings(quoting('x', tweet, poll).files, { config }), 'quote/with-poll');
    expect(found[0]!.message).toBe('X takes a quote or a poll, not both. Remove one of them.');
  });

  it('refuses a quote that is not a web address, as the post format does', () => {
    const { text, files } = quoting('x', 'x.com/ada/status/1');
    expect(load(files, config).problems).toEqual([
      expect.objectContaining({ line: lineOf(text, 'quote:'), severity: 'error' }),
    ]);
  });

  it('sends the quote only where it is a post of the network, and binds it to the approval', () => {
    const loaded = load(quoting('bluesky, x', bsky).files, config);
    const p = loaded.posts[0]!;
    expect(payloadFor(p, loaded.channels['bluesky']!).quote).toBe(bsky);
    expect(payloadFor(p, loaded.channels['x']!).quote).toBeUndefined();
    const other = load(quoting('bluesky', bsky.replace('2def2', '2def3')).files, config);
    expect(contentHash(payloadFor(other.posts[0]!, other.channels['bluesky']!))).not.toBe(
      contentHash(payloadFor(p, loaded.channels['bluesky']!)),
    );
  });
});
