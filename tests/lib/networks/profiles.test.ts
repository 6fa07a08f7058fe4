/**
 * Each network's profile (src/lib/networks/) is the one source of what it takes: these tests check,
 * through the functions the rules, the preview, the dry run and the publisher use, that they all
 * hold a post to the same facts, rather than what the facts are.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/lib/project/load.ts';
import { credentialVariables, networkProfiles } from '../../../src/lib/networks/profiles.ts';
import { payloadFor } from '../../../src/lib/text/payload.ts';
import { previews } from '../../../src/lib/text/posts.ts';
import { readContent } from '../../../src/lib/project/read-content.ts';
import { lint } from '../../../src/lib/rules/index.ts';
import { DeliveryFailure } from '../../../src/publish/failure.ts';
import { loadMedia } from '../../../src/publish/media.ts';
import { createAdapter } from '../../../src/publish/networks/index.ts';
import { networkNames, type NetworkName } from '../../../src/schemas/config.ts';
import { heif, jpeg, webp } from '../../helpers/images.ts';
import { file, load, post, testNow } from '../../helpers/project.ts';
import { image, photo } from '../rules/helpers.ts';

/** One channel of every network, each with the network's name as its id. */
const config = `organization: Test
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: https://mastodon.social }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123456" }
  - { id: threads, network: threads, handle: test.assoc }
  - { id: webhook, network: webhook }
`;
const postPath = 'content/posts/2026/12/the-post.mdx';

function project(network: NetworkName, body: string, frontmatter = '') {
  return load(
    [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${network}]${frontmatter}`, body))],
    config,
  );
}

const lengthFindings = (network: NetworkName, body: string, frontmatter = '') =>
  lint(project(network, body, frontmatter), { now: testNow }).filter((p) => p.rule === 'text/length');

/** What the post's page shows for the post's one channel. */
function preview(network: NetworkName, body: string, frontmatter = '') {
  const loaded = project(network, body, frontmatter);
  return previews(loaded.posts[0]!, loaded.channels)[0]!;
}

describe('text limits', () => {
  const limited = networkNames.filter((network) => preview(network, 'a').parts[0]!.limit !== undefined);

  it('are set for every network but webhooks', () => {
    expect(limited).toEqual(networkNames.filter((network) => network !== 'webhook'));
  });

  it.each(limited)(
    'on %s, validate passes a text at the limit the preview shows and reports one over it',
    (network) => {
      const limit = preview(network, 'a').parts[0]!.limit!;
      expect(lengthFindings(network, 'a'.repeat(limit))).toEqual([]);
      expect(preview(network, 'a'.repeat(limit)).parts[0]).toMatchObject({ length: limit, limit });
      const over = lengthFindings(network, 'a'.repeat(limit + 1));
      expect(over).toHaveLength(1);
      expect(over[0]!.message).toContain(`which allows ${limit}:`);
    },
  );

  it('count a content warning on the networks that receive one (Mastodon), and nowhere else', () => {
    const receiving = networkNames.filter((network) => {
      const loaded = project(network, 'Hello', '\ncontentWarning: Meeting');
      const sent = payloadFor(loaded.posts[0]!, loaded.channels[network]!);
      const shown = previews(loaded.posts[0]!, loaded.channels)[0]!.parts[0]!;
      expect(shown.length, network).toBe(sent.contentWarning ? 'MeetingHello'.length : 'Hello'.length);
      return sent.contentWarning === 'Meeting';
    });
    expect(receiving).toEqual(['mastodon']);
  });
});

describe('threads', () => {
  const half = (network: NetworkName) => Math.floor(preview(network, 'a').parts[0]!.limit! / 2) + 10;
  const thread = (network: NetworkName) => `${'a'.repeat(half(network))}\n\n---\n\n${'b'.repeat(half(network))}`;

  it('go out as replies where the network has them: each part is held to the limit on its own', () => {
    for (const network of ['mastodon', 'bluesky', 'x'] as const) {
      expect(preview(network, thread(network)).parts, network).toHaveLength(2);
      expect(lengthFindings(network, thread(network)), network).toEqual([]);
    }
  });

  it('on LinkedIn, two parts under the limit that are over it together are reported: LinkedIn receives one post', () => {
    const shown = preview('linkedin', thread('linkedin'));
    expect(shown.parts).toHaveLength(1);
    expect(shown.parts[0]!.text).toBe(`${'a'.repeat(half('linkedin'))}\n\n${'b'.repeat(half('linkedin'))}`);
    const found = lengthFindings('linkedin', thread('linkedin'));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(
      /^This thread, as the one post LinkedIn receives, is 3,022 characters on LinkedIn \(linkedin\), which allows 3000: shorten it by 22, or write a variant for linkedin\.$/,
    );
  });
});

describe('too many images', () => {
  /** The media/too-many finding for a post with one more image than the network takes. */
  function tooMany(network: NetworkName): string {
    const folder = 'content/posts/2026/12';
    const count = networkProfiles[network].media!.images + 1;
    const media = Array.from(
      { length: count },
      (_, i) => `  - src: ./${i}.jpg\n    alt: Photo ${i}\n    rights: owned`,
    ).join('\n');
    const files = [
      file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${network}]\nmedia:\n${media}`)),
      ...Array.from({ length: count }, (_, i) => image(`${folder}/${i}.jpg`, photo)),
    ];
    return lint(load(files, config), { now: testNow }).find((p) => p.rule === 'media/too-many')!.message;
  }

  it('suggests a thread only where the network has threads', () => {
    expect(tooMany('mastodon')).toMatch(/, or post them in a thread\.$/);
    expect(tooMany('linkedin')).toMatch(/LinkedIn accepts at most \d+\. Remove 1\.$/);
  });
});

describe('images', () => {
  const folder = 'content/posts/2026/12';
  const samples = { 'photo.jpg': jpeg, 'photo.webp': webp, 'iphone.heic': heif('heic') };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'herald-profiles-'));
    await mkdir(join(dir, folder), { recursive: true });
    await writeFile(join(dir, 'content/herald.yaml'), config);
    for (const [name, bytes] of Object.entries(samples)) await writeFile(join(dir, folder, name), bytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The media/format findings validate reports for the image on the network. */
  async function validateRefuses(name: string, network: NetworkName): Promise<string[]> {
    await writeFile(
      join(dir, postPath),
      post(
        `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${network}]\nmedia:\n  - src: ./${name}\n    alt: A picture\n    rights: owned`,
      ),
    );
    const project = parseProject(await readContent(dir), { now: testNow });
    return lint(project, { now: testNow })
      .filter((p) => p.rule === 'media/format')
      .map((p) => p.message);
  }

  /** Why the publisher's upload path does not offer the image to the network, or undefined when it does. */
  const publisherRefuses = (name: string, network: NetworkName) =>
    loadMedia(dir, [{ file: `${folder}/${name}`, alt: 'A picture' }], network).then(
      () => undefined,
      (error: Error) => error.message,
    );

  it.each(networkNames)(
    'an iPhone photo (HEIC) for %s is reported by validate and never offered for upload, in the same words',
    async (network) => {
      const refusal = await publisherRefuses('iphone.heic', network);
      expect(refusal).toBeDefined();
      expect(await validateRefuses('iphone.heic', network)).toEqual([`${refusal}.`]);
    },
  );

  it.each(networkNames)('a WebP image for %s: validate and the publisher agree, in the same words', async (network) => {
    const refusal = await publisherRefuses('photo.webp', network);
    expect(await validateRefuses('photo.webp', network)).toEqual(refusal ? [`${refusal}.`] : []);
  });

  it('a WebP image is refused for LinkedIn, which offers the formats it takes instead', async () => {
    expect(await publisherRefuses('photo.webp', 'linkedin')).toMatch(
      /which LinkedIn does not take: save it as JPEG, PNG or GIF$/,
    );
    expect(await publisherRefuses('photo.webp', 'mastodon')).toBeUndefined();
  });
});

describe('credentials', () => {
  it.each(networkNames)(
    'a %s channel without them names every variable it needs, and works once they are set',
    (network) => {
      const { channels } = load([], config);
      const options = { timeoutMs: 1000, now: () => testNow, sleep: () => Promise.resolve() };
      let missing: string[] = [];
      try {
        createAdapter(channels[network]!, {}, options);
      } catch (error) {
        expect(error).toBeInstanceOf(DeliveryFailure);
        missing = /set (.*) \(a repository secret/.exec((error as Error).message)![1]!.split(', ');
      }
      expect(missing.length).toBeGreaterThan(0);
      expect(missing.every((name) => name.startsWith(`HERALD_${network.toUpperCase()}_`))).toBe(true);
      const env = Object.fromEntries(missing.map((name) => [name, 'https://hooks.example/secret-value']));
      expect(createAdapter(channels[network]!, env, options).network).toBe(network);
    },
  );
});

describe('the docs say what the profiles say', () => {
  const profileOf = (network: NetworkName) => networkProfiles[network];

  it.each(['README.md', 'docs/setup.md'])("%s names each network's credential variables", (doc) => {
    const text = readFileSync(doc, 'utf8');
    for (const network of networkNames) {
      const row = text.split('\n').find((line) => line.startsWith(`| ${profileOf(network).label} `));
      expect(row, `${doc} has no row for ${profileOf(network).label}`).toBeDefined();
      const named = row!
        .split(' | ')[1]!
        .match(/`[^`]+`/g)!
        .map((name) => name.slice(1, -1));
      expect(named, `${doc}, ${profileOf(network).label}`).toEqual(credentialVariables({ id: 'ID', network }));
    }
  });

  it('docs/rules.md lists the images each network takes, and in which formats', () => {
    const limits = /Limits per network: ([^]*?)\. Webhooks get/.exec(
      readFileSync('docs/rules.md', 'utf8').replace(/\s+/g, ' '),
    )![1]!;
    for (const network of networkNames) {
      const media = profileOf(network).media;
      if (!media) continue;
      const clause = limits.split('; ').find((part) => part.startsWith(`${profileOf(network).label} `));
      expect(clause, network).toBeDefined();
      const [, images, alt] = /^\S+ (\d+) images, alt text ([\d,]+) /.exec(clause!)!;
      // "JPG/PNG/WEBP up to 5 MB and GIF up to 15 MB"
      const formats = [...clause!.matchAll(/\b([A-Z]{3,4}(?:\/[A-Z]{3,4})*) up to/g)].flatMap((match) =>
        match[1]!.split('/'),
      );
      expect(
        { images: Number(images), alt: Number(alt!.replaceAll(',', '')), formats: formats.sort() },
        network,
      ).toEqual({
        images: media.images,
        alt: media.altLength,
        formats: Object.keys(media.formats)
          .map((id) => id.toUpperCase())
          .sort(),
      });
    }
  });
});
