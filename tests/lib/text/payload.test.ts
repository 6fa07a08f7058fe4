import { describe, expect, it } from 'vitest';
import { contentHash, partHash, payloadFor } from '../../../src/lib/text/payload.ts';
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
    const unlabelled = payloads(media);
    expect(contentHash(sent['bluesky']!)).not.toBe(contentHash(unlabelled['bluesky']!));
    expect(partHash(sent['mastodon']!, 0)).not.toBe(partHash(unlabelled['mastodon']!, 0));
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
