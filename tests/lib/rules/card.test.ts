import { describe, expect, it } from 'vitest';
import { file, post } from '../../helpers/project.ts';
import { findings, image, lineOf, ofRule, photo, postPath } from './helpers.ts';

const config = `organization: T
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: linkedin, network: linkedin, organization: "123" }
`;

function withCard(url: string, channels = 'bluesky') {
  const text = post(
    `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\ncard:\n  url: "${url}"\n  title: Annual meeting`,
    'Come to the meeting.',
  );
  return { text, files: [file(postPath, text)] };
}

describe("a card's address", () => {
  it('takes a public https page by its name', () => {
    expect(ofRule(findings(withCard('https://riverside.example/agm').files, { config }), 'card/url')).toEqual([]);
  });

  it.each([
    ['http://riverside.example/agm', "starts with http:; a card's page must be https:"],
    ['https://127.0.0.1/admin', 'is on a private, loopback or link-local network (127.0.0.1)'],
    ['https://127.1/admin', 'is on a private, loopback or link-local network (127.0.0.1)'],
    ['https://0x7f.0.0.1/', 'is on a private, loopback or link-local network (127.0.0.1)'],
    ['https://10.0.0.5/', 'is on a private, loopback or link-local network (10.0.0.5)'],
    ['https://192.168.1.10/', 'is on a private, loopback or link-local network (192.168.1.10)'],
    ['https://169.254.169.254/latest/meta-data', 'is on a private, loopback or link-local network (169.254.169.254)'],
    ['https://[::1]/', 'is on a private, loopback or link-local network (::1)'],
    ['https://[fd00::1]/', 'is on a private, loopback or link-local network (fd00::1)'],
    ['https://[::ffff:10.0.0.1]/', 'is on a private, loopback or link-local network'],
    ['https://93.184.215.14/', 'names its host by an IP address (93.184.215.14)'],
    ['https://localhost:8080/', 'is on a local network (localhost)'],
    ['https://printer.local/', 'is on a local network (printer.local)'],
  ])('refuses %s on the line of url, saying what to write', (url, why) => {
    const { text, files } = withCard(url);
    const found = ofRule(findings(files, { config }), 'card/url');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: lineOf(text, 'url:'), severity: 'error' })]);
    expect(found[0]!.message).toContain(why);
    expect(found[0]!.message).toContain("Write the page's public https address");
  });
});

describe('a card that is not sent', () => {
  const config2 = `${config}  - { id: mastodon, network: mastodon, instance: "https://mastodon.social" }\n  - { id: x, network: x }\n`;

  it('warns when the post has images, which Bluesky and LinkedIn send instead of the card', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [bluesky, linkedin]\nmedia:\n  - { src: ./flood.jpg, alt: The river over the road, rights: owned }\ncard:\n  url: https://riverside.example/agm\n  title: Annual meeting',
      'Come to the meeting.',
    );
    const files = [file(postPath, text), image('content/posts/2026/12/flood.jpg', photo)];
    const found = ofRule(findings(files, { config }), 'card/not-sent');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'card:'), severity: 'warning' })]);
    expect(found[0]!.message).toBe(
      'The card will not be sent: on Bluesky and LinkedIn a post carries images or a card, not both, and this one has images. Remove the images to send the card, or remove card:.',
    );
  });

  it('warns when none of the channels takes a card from Herald, and not when one does', () => {
    const { text, files } = withCard('https://riverside.example/agm', 'mastodon, x');
    const found = ofRule(findings(files, { config: config2 }), 'card/not-sent');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'card:') })]);
    expect(found[0]!.message).toBe(
      "The card will not be sent: none of this post's networks (Mastodon and X) shows a card Herald sends; Mastodon and X make their own from the page's tags. Remove card:, or send the post to Bluesky or LinkedIn too.",
    );
    const sent = withCard('https://riverside.example/agm', 'mastodon, bluesky');
    expect(ofRule(findings(sent.files, { config: config2 }), 'card/not-sent')).toEqual([]);
  });
});
