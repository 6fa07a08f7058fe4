/**
 * The publisher's image loader judges files as the media rules do, from the one table of formats
 * (src/lib/networks/): what validate passes for a network is what the publisher sends there, and
 * what it refuses is never read or sent, even with the rules turned off.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { lint } from '../../src/lib/rules/index.ts';
import { loadMedia } from '../../src/publish/media.ts';
import { networkNames, type NetworkName } from '../../src/schemas/config.ts';
import { gif, gifHtmlPolyglot, heif, jpeg, png, svg, tiff, webp } from '../helpers/images.ts';
import { post, testNow } from '../helpers/project.ts';

const folder = 'content/posts/2026/12';
const samples: Record<string, Uint8Array> = {
  'photo.jpg': jpeg,
  'photo.jpeg': jpeg,
  'chart.png': png(),
  'dot.gif': gif,
  'photo.webp': webp,
  'iphone.heic': heif('heic'),
  'photo.heif': heif('mif1'),
  'photo.avif': heif('avif'),
  'scan.tiff': tiff,
  'logo.svg': svg,
  'card.html': gifHtmlPolyglot,
  'chart.jpg': png(),
};

const config = `organization: Test
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: https://mastodon.social }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123456" }
  - { id: threads, network: threads, handle: test.assoc }
  - { id: slack, network: webhook }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-media-'));
  await mkdir(join(dir, folder), { recursive: true });
  await writeFile(join(dir, 'content/herald.yaml'), config);
  for (const [name, bytes] of Object.entries(samples)) await writeFile(join(dir, folder, name), bytes);
  await writeFile(join(dir, '.env'), 'HERALD_MASTODON_TOKEN=secret');
  await symlink(join(dir, '.env'), join(dir, folder, 'env.png'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Whether validate passes the image on the network: no media finding on the post. */
async function validatePasses(name: string, network: NetworkName): Promise<boolean> {
  await writeFile(
    join(dir, folder, 'post.mdx'),
    post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${network === 'webhook' ? 'slack' : network}]\nmedia:\n  - src: ./${name}\n    alt: A picture\n    rights: owned`,
    ),
  );
  const project = parseProject(await readContent(dir), { now: testNow });
  expect(project.posts).toHaveLength(1);
  return !lint(project, { now: testNow }).some((p) => p.rule.startsWith('media/') && p.severity === 'error');
}

async function publisherSends(name: string, network: NetworkName): Promise<boolean> {
  return loadMedia(dir, [{ file: `${folder}/${name}`, alt: 'A picture' }], network).then(
    () => true,
    () => false,
  );
}

describe('validate and the publisher agree on every image and network', () => {
  const cases = Object.keys(samples).flatMap((name) => networkNames.map((network) => [name, network] as const));
  it.each(cases)('%s on %s', async (name, network) => {
    expect(await publisherSends(name, network)).toBe(await validatePasses(name, network));
  });

  it('sends the formats each network takes, and nothing else', async () => {
    const sent: Record<string, string[]> = {};
    for (const network of networkNames) {
      sent[network] = [];
      for (const name of Object.keys(samples)) if (await publisherSends(name, network)) sent[network].push(name);
    }
    const all = ['photo.jpg', 'photo.jpeg', 'chart.png', 'dot.gif', 'photo.webp'];
    expect(sent).toEqual({
      mastodon: all,
      bluesky: all,
      x: all,
      linkedin: ['photo.jpg', 'photo.jpeg', 'chart.png', 'dot.gif'],
      threads: ['photo.jpg', 'photo.jpeg', 'chart.png'],
      webhook: all,
    });
  });
});

describe('the publisher refuses, naming the file', () => {
  const refusal = (file: string, network: NetworkName = 'mastodon') =>
    loadMedia(dir, [{ file, alt: 'A picture' }], network).then(
      () => 'sent',
      (error: Error) => error.message,
    );

  it('an iPhone photo (HEIC) for Mastodon', async () => {
    expect(await refusal(`${folder}/iphone.heic`)).toBe(
      `${folder}/iphone.heic is HEIC, which no network takes from Herald: save it as JPEG, PNG, GIF or WebP (photos as JPEG)`,
    );
  });

  it('a GIF/HTML polyglot named card.html', async () => {
    expect(await refusal(`${folder}/card.html`)).toContain(
      'holds a GIF image, but its name says otherwise: rename it to card.gif',
    );
  });

  it('a WebP for LinkedIn', async () => {
    expect(await refusal(`${folder}/photo.webp`, 'linkedin')).toBe(
      `${folder}/photo.webp is WebP, which LinkedIn does not take: save it as JPEG, PNG or GIF`,
    );
  });

  it("a file outside content/posts/, such as the project's .env", async () => {
    expect(await refusal('.env')).toBe(
      '.env is outside content/posts/; Herald only sends images kept next to the posts. Move it there and point media.src at it',
    );
  });

  it('a symbolic link, without following it', async () => {
    expect(await refusal(`${folder}/env.png`)).toBe(
      `${folder}/env.png is a symbolic link, which Herald never follows: copy the image there instead`,
    );
  });

  it('sends the image with the MIME type of its content', async () => {
    const [loaded] = await loadMedia(dir, [{ file: `${folder}/photo.webp`, alt: 'A picture' }], 'mastodon');
    expect(loaded).toMatchObject({ mimeType: 'image/webp', width: 5, height: 4, alt: 'A picture' });
  });
});
