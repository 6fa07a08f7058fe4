import { expect, it } from 'vitest';
import { contentHash, partHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { buildReport } from '../../../src/lib/rules/report.ts';
import { file, load, post, testConfig } from '../../helpers/project.ts';

const path = 'content/posts/2026/12/tour.mdx';

function tourPost(lines: string) {
  const project = load(
    [
      file(
        path,
        post(
          `title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, bluesky, x, linkedin]\nmedia:\n  - src: ./tour.mp4\n    alt: A walk along the river path\n    rights: owned${lines}`,
        ),
      ),
    ],
    `${testConfig.replace('channels:', 'locale: pl\nchannels:')}  - id: linkedin\n    network: linkedin\n    organization: "123456"\n`,
  );
  return { post: project.posts[0]!, channels: project.channels };
}

it.each(['bluesky', 'x', 'linkedin'])(
  'puts the captions file in the payload for %s, with its language (herald.yaml locale by default)',
  (channel) => {
    const { post: p, channels } = tourPost('\n    captions: ./tour.vtt');
    expect(payloadFor(p, channels[channel]!).media).toEqual([
      {
        file: 'content/posts/2026/12/tour.mp4',
        alt: 'A walk along the river path',
        captions: { file: 'content/posts/2026/12/tour.vtt', lang: 'pl' },
      },
    ]);
    const english = tourPost('\n    captions: ./tour.vtt\n    captionsLang: en-GB');
    expect(payloadFor(english.post, english.channels[channel]!).media[0]!.captions?.lang).toBe('en-GB');
    // An old registered tag goes out as the language it stands for, as a post's lang does.
    const hebrew = tourPost('\n    captions: ./tour.vtt\n    captionsLang: iw');
    expect(payloadFor(hebrew.post, hebrew.channels[channel]!).media[0]!.captions?.lang).toBe('he');
  },
);

it('leaves the captions out for Mastodon, which takes no captions file, and its hash as without them', () => {
  const withCaptions = tourPost('\n    captions: ./tour.vtt');
  const without = tourPost('');
  const mastodon = payloadFor(withCaptions.post, withCaptions.channels.mastodon!);
  expect(mastodon.media[0]).not.toHaveProperty('captions');
  expect(contentHash(mastodon)).toBe(contentHash(payloadFor(without.post, without.channels.mastodon!)));
});

it.each(['bluesky', 'x', 'linkedin'])(
  'changes the hash %s approves when the captions file or their language changes',
  (channel) => {
    const hashOf = (lines: string) => {
      const { post: p, channels } = tourPost(lines);
      const payload = payloadFor(p, channels[channel]!);
      return [contentHash(payload), partHash(payload, 0)];
    };
    const base = hashOf('\n    captions: ./tour.vtt');
    expect(hashOf('')).not.toEqual(base);
    expect(hashOf('\n    captions: ./other.vtt')[0]).not.toBe(base[0]);
    expect(hashOf('\n    captions: ./other.vtt')[1]).not.toBe(base[1]);
    expect(hashOf('\n    captions: ./tour.vtt\n    captionsLang: de')[0]).not.toBe(base[0]);
  },
);

it('lists a video with its captions file in validate --format json', () => {
  const { post: p, channels } = tourPost('\n    captions: ./tour.vtt');
  expect(buildReport([], [p], channels).posts[0]!.media).toEqual([
    {
      file: 'content/posts/2026/12/tour.mp4',
      alt: 'A walk along the river path',
      captions: 'content/posts/2026/12/tour.vtt',
    },
  ]);
});
