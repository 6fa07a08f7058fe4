import { describe, expect, it } from 'vitest';
import { contentHash, partHash, payloadFor, type Payload } from '../../../src/lib/text/payload.ts';
import { file, goodFrontmatter, load, post, testConfig } from '../../helpers/project.ts';

const postPath = 'content/posts/2026/12/the-post.mdx';

/** The loaded post of this front matter, and its payload per channel of the test configuration. */
function payloads(frontmatter: string, config = testConfig) {
  const project = load(
    [file(postPath, post(`${goodFrontmatter.replace('[mastodon, x]', '[mastodon, bluesky, x]')}\n${frontmatter}`))],
    config,
  );
  const [loaded] = project.posts;
  if (!loaded) throw new Error(JSON.stringify(project.problems));
  return Object.fromEntries(loaded.channels.map((id) => [id, payloadFor(loaded, project.channels[id]!)]));
}

describe('what a channel receives beside the text', () => {
  it("sends the post's language to Bluesky as a BCP 47 tag and to Mastodon as its ISO 639 code, to X not at all", () => {
    const sent = payloads('lang: pt-br');
    expect(sent['bluesky']!.language).toBe('pt-BR');
    expect(sent['mastodon']!.language).toBe('pt');
    expect(sent['x']!.language).toBeUndefined();
  });

  it.each([
    ['i-klingon', 'tlh', 'tlh'],
    ['zh-min-nan', 'nan', 'nan'],
    ['en-GB-oed', 'en-GB-oxendict', 'en'],
    ['art-lojban', 'jbo', 'jbo'],
    ['no-bok', 'nb', 'nb'],
    ['iw', 'he', 'he'],
    ['sh', 'sr-Latn', 'sr'],
    ['eng', 'en', 'en'],
    ['zh-cmn-Hans-CN', 'zh-Hans-CN', 'zh'],
    ['sgn-ase', 'ase', 'ase'],
  ])(
    'sends an old or irregular tag (%s) as the language it stands for: %s to Bluesky, %s to Mastodon',
    (tag, bluesky, mastodon) => {
      const sent = payloads(`lang: ${tag}`);
      expect(sent['bluesky']!.language).toBe(bluesky);
      expect(sent['mastodon']!.language).toBe(mastodon);
    },
  );

  it("takes herald.yaml's locale when the post names no language, and English when herald.yaml names none", () => {
    expect(payloads('', `${testConfig}locale: fa-IR\n`)['bluesky']!.language).toBe('fa-IR');
    expect(payloads('')['mastodon']!.language).toBe('en');
  });

  it('labels the post on Bluesky, marks its images sensitive on Mastodon, and sends X nothing of the kind', () => {
    const media = 'media:\n  - { src: ./hall.png, alt: The flooded underpass, rights: owned }';
    const sent = payloads(`contentLabels: [graphic-media, nudity]\n${media}`);
    expect(sent['bluesky']!.contentLabels).toEqual(['graphic-media', 'nudity']);
    expect(sent['mastodon']!.sensitive).toBe(true);
    expect(sent['x']).not.toHaveProperty('contentLabels');
    expect(sent['x']).not.toHaveProperty('sensitive');
    // A content warning hides the images on Mastodon too; without images there is nothing to hide.
    expect(payloads(`contentWarning: Flooding\n${media}`)['mastodon']!.sensitive).toBe(true);
    expect(payloads('contentLabels: [graphic-media]')['mastodon']!.sensitive).toBeUndefined();
    // Labels describe images: without any, Bluesky would hide the whole post, so none are sent.
    expect(payloads('contentLabels: [graphic-media]')['bluesky']).not.toHaveProperty('contentLabels');
    const unlabelled = payloads(media);
    expect(contentHash(sent['bluesky']!)).not.toBe(contentHash(unlabelled['bluesky']!));
    expect(partHash(sent['mastodon']!, 0)).not.toBe(partHash(unlabelled['mastodon']!, 0));
  });

  it("gives Bluesky and LinkedIn the first link's card to read when publishing, the post's card: as written, and no card beside images", () => {
    const config = `${testConfig}  - id: linkedin\n    network: linkedin\n    organization: "123"\n`;
    const load1 = (frontmatter: string, body: string) => {
      const project = load(
        [
          file(
            postPath,
            post(
              `title: T\npublishAt: 2026-12-03 18:30\nchannels: [bluesky, linkedin, mastodon, x]\n${frontmatter}`,
              body,
            ),
          ),
        ],
        config,
      );
      const [loaded] = project.posts;
      if (!loaded) throw new Error(JSON.stringify(project.problems));
      return Object.fromEntries(loaded.channels.map((id) => [id, payloadFor(loaded, project.channels[id]!)]));
    };
    const linked = load1('', 'Read the minutes at riverside.org/minutes or https://example.org/other');
    expect(linked['bluesky']!.card).toEqual({ url: 'https://riverside.org/minutes' });
    expect(linked['linkedin']!.card).toEqual({ url: 'https://riverside.org/minutes' });
    // Mastodon and X read the page themselves.
    expect(linked['mastodon']).not.toHaveProperty('card');
    expect(linked['x']).not.toHaveProperty('card');

    const own = load1(
      'card:\n  url: https://riverside.example/agm\n  title: The meeting\n  image: ./card.png',
      'Join us.',
    );
    expect(own['bluesky']!.card).toEqual({
      url: 'https://riverside.example/agm',
      title: 'The meeting',
      description: '',
      image: 'content/posts/2026/12/card.png',
    });
    const retitled = load1(
      'card:\n  url: https://riverside.example/agm\n  title: Another title\n  image: ./card.png',
      'Join us.',
    );
    expect(contentHash(retitled['bluesky']!)).not.toBe(contentHash(own['bluesky']!));
    expect(partHash(retitled['linkedin']!, 0)).not.toBe(partHash(own['linkedin']!, 0));

    const withImage = load1(
      'media:\n  - { src: ./hall.png, alt: The hall, rights: owned }',
      'See https://riverside.example/agm',
    );
    expect(withImage['bluesky']).not.toHaveProperty('card');
    expect(withImage['linkedin']).not.toHaveProperty('card');
  });

  it('changes the fingerprints when the language changes, so a delivery of the other language is not taken for this one', () => {
    const english = payloads('lang: en');
    const polish = payloads('lang: pl');
    expect(contentHash(polish['bluesky']!)).not.toBe(contentHash(english['bluesky']!));
    expect(partHash(polish['mastodon']!, 0)).not.toBe(partHash(english['mastodon']!, 0));
    // X receives no language: its delivery is the same.
    expect(contentHash(polish['x']!)).toBe(contentHash(english['x']!));
  });
});

describe('fingerprints across versions', () => {
  // Pinned: a ledger written by an earlier Herald holds these; if they move, every delivery in it
  // reads as edited (held, or a thread continued under other text). Change them only on purpose.
  const plain: Payload = { parts: ['Hello, neighbours.', 'Second part.'], media: [] };
  const everything: Payload = {
    parts: ['The hall is full.'],
    media: [
      { file: 'content/posts/2026/12/hall.png', alt: 'The hall' },
      {
        file: 'content/posts/2026/12/tour.mp4',
        alt: 'A walk',
        captions: { file: 'content/posts/2026/12/tour.vtt', lang: 'en-GB' },
      },
    ],
    contentWarning: 'Crowds',
    visibility: 'unlisted',
    language: 'en-GB',
    contentLabels: ['graphic-media'],
    sensitive: true,
    poll: { options: ['Yes', 'No'], seconds: 86400, multiple: false },
    replies: 'following',
    quotes: 'nobody',
    quote: 'https://bsky.app/profile/a/post/b',
    card: {
      url: 'https://example.org/agm',
      title: 'AGM',
      description: 'Come',
      image: 'content/posts/2026/12/card.png',
    },
  };

  it('are the same for the same payload as the ledgers of earlier versions have them', () => {
    expect([contentHash(plain), partHash(plain, 0), partHash(plain, 1)]).toEqual([
      'sha256:14c0dd7d386cbe52dc3daa340f6fde95401b3c5c4d6bae24ae7b6fc57f5be489',
      'sha256:609049a728224a4cbde71813e6efee4c87c6a6a0c01df5019ccdbe58a9440df7',
      'sha256:ae18cda82bd2125e8fe3eec1dafb689349a4885939b090a199e164faf5a1f2a4',
    ]);
    expect([contentHash(everything), partHash(everything, 0)]).toEqual([
      'sha256:63f919a59076c4fbd5a0c2ccbf00c98d33cf99dbb7591d87a6e9d4ef575cfc9c',
      'sha256:c79aa1660e1a90c671253d5855d1127d9e3c59f37bfe428c4a8b23638dae63ca',
    ]);
  });
});
