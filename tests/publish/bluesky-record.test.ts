import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFetcher, defaultCardLimits } from '../../src/publish/link-card.ts';
import { startPds, type Pds } from './bluesky-pds.ts';
import { startServer, type FakeServer } from './fakes/server.ts';
import {
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish as publish,
  type TestProject,
} from './helpers.ts';

/** What a Bluesky post record carries beside its text (language, labels, link card), read back from a real PDS. */
describe('the record Bluesky receives', () => {
  let pds: Pds;
  let reader: AtpAgent;
  const projects: TestProject[] = [];
  const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };
  const runPublish = (target: TestProject, options: Parameters<typeof publish>[1]) =>
    publish(target, { timeoutMs: 10_000, ...options });

  let site: FakeServer;
  const picture = png(12, 8);
  // The test's web site is on 127.0.0.1, which a real run refuses to read: only code can allow it.
  const cards = cardFetcher({ ...defaultCardLimits, allowAddress: (address) => address === '127.0.0.1' });

  beforeAll(async () => {
    site = await startServer((request, response) => {
      if (request.path === '/agm')
        return void response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><meta property="og:title" content="Annual meeting"><meta property="og:description" content="Watch and vote from home."><meta property="og:image" content="/card.png"></head></html>',
          );
      if (request.path === '/card.png')
        return void response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
      response.writeHead(404).end();
    });
    pds = await startPds();
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
  });
  afterAll(async () => {
    for (const project of projects) await project.remove();
    await pds?.close();
    await site?.close();
  });

  /** A project with one post to Bluesky, due at 18:30 Warsaw time, of this front matter and body. */
  async function projectWith(
    id: string,
    frontmatter: string,
    body: string,
    files: Record<string, string | Uint8Array> = {},
    extra = '',
  ) {
    const project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}" }\n`,
        extra,
      ),
      [`content/posts/2026/12/${id}.mdx`]: postFile(
        `title: ${id}\npublishAt: 2026-12-03 18:30\nchannels: [bluesky]\n${frontmatter}`,
        body,
      ),
      ...files,
    });
    projects.push(project);
    return project;
  }

  async function recordsOf(project: TestProject, id: string) {
    const entry = (await ledgerOf(project)).entries[`${id}/bluesky`]!;
    return Promise.all(
      entry.parts.map(
        async (part) =>
          (
            await reader.com.atproto.repo.getRecord({
              repo: reader.session!.did,
              collection: 'app.bsky.feed.post',
              rkey: part.id.split('/').at(-1)!,
            })
          ).data.value as Record<string, unknown>,
      ),
    );
  }

  it("gives every part of the thread the post's language, and herald.yaml's locale when it names none", async () => {
    const own = await projectWith('ola', 'lang: pt-BR', 'As portas abrem às sete.\n\n---\n\nAté já.');
    expect((await runPublish(own, { now: '2026-12-03T17:31:00Z', env })).outcomes.map((o) => o.kind)).toEqual([
      'published',
    ]);
    expect((await recordsOf(own, 'ola')).map((r) => r['langs'])).toEqual([['pt-BR'], ['pt-BR']]);

    const fallback = await projectWith('hello', '', 'Doors open at seven.', {}, 'locale: en-GB\n');
    await runPublish(fallback, { now: '2026-12-03T17:31:00Z', env });
    expect((await recordsOf(fallback, 'hello')).map((r) => r['langs'])).toEqual([['en-GB']]);
  });

  it('labels the first record with the content labels, as self-labels the app honours', async () => {
    const project = await projectWith(
      'flood',
      'contentLabels: [graphic-media, nudity]\nmedia:\n  - { src: ./underpass.png, alt: The flooded underpass, rights: owned }',
      'The underpass is flooded.\n\n---\n\nTake the bridge instead.',
      { 'content/posts/2026/12/underpass.png': png(6, 4) },
    );
    await runPublish(project, { now: '2026-12-03T17:31:00Z', env });
    const [first, second] = await recordsOf(project, 'flood');
    expect(first!['labels']).toEqual({
      $type: 'com.atproto.label.defs#selfLabels',
      values: [{ val: 'graphic-media' }, { val: 'nudity' }],
    });
    expect(second).not.toHaveProperty('labels');
  });

  it('sends no labels for a post without images, which they would hide whole', async () => {
    const project = await projectWith('words', 'contentLabels: [graphic-media]', 'The underpass is flooded.');
    await runPublish(project, { now: '2026-12-03T17:31:00Z', env });
    const [record] = await recordsOf(project, 'words');
    expect(record!['text']).toBe('The underpass is flooded.');
    expect(record).not.toHaveProperty('labels');
  });

  const embedOf = (record: Record<string, unknown> | undefined) =>
    record?.['embed'] as
      | {
          $type: string;
          external?: { uri: string; title: string; description: string; thumb?: { ref: { toString(): string } } };
        }
      | undefined;
  const blob = async (cid: string) =>
    new Uint8Array((await reader.com.atproto.sync.getBlob({ did: reader.session!.did, cid })).data);

  it("sends the first link's card, read from its page when publishing, with its picture uploaded as the thumb", async () => {
    const project = await projectWith(
      'agm',
      // twitter-text links no bare IP address in a text: the post names its page with link:.
      `link: ${site.url}/agm`,
      `The meeting is live: ${site.url}/agm\n\n---\n\nQuestions? Reply here.`,
    );
    const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env, cards });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
    const [first, second] = await recordsOf(project, 'agm');
    const embed = embedOf(first);
    expect(embed).toMatchObject({
      $type: 'app.bsky.embed.external',
      external: { uri: `${site.url}/agm`, title: 'Annual meeting', description: 'Watch and vote from home.' },
    });
    expect(await blob(embed!.external!.thumb!.ref.toString())).toEqual(new Uint8Array(picture));
    expect(second).not.toHaveProperty('embed');
  });

  it("sends the card of the post's card: as written, with its picture from the repository, without reading the page", async () => {
    const before = site.requests.length;
    const own = png(8, 8);
    const project = await projectWith(
      'own-card',
      `card:\n  url: ${site.url}/agm\n  title: Our own title\n  description: Written in the post.\n  image: ./card.png`,
      `Watch the meeting: ${site.url}/agm`,
      { 'content/posts/2026/12/card.png': own },
    );
    await runPublish(project, { now: '2026-12-03T17:31:00Z', env, cards });
    const embed = embedOf((await recordsOf(project, 'own-card'))[0]);
    expect(embed!.external).toMatchObject({
      uri: `${site.url}/agm`,
      title: 'Our own title',
      description: 'Written in the post.',
    });
    expect(await blob(embed!.external!.thumb!.ref.toString())).toEqual(new Uint8Array(own));
    expect(site.requests.length).toBe(before);
  });

  it('sends the post without a card, and says so, when the page cannot be read', async () => {
    const project = await projectWith('gone', `link: ${site.url}/minutes`, `Minutes: ${site.url}/minutes`);
    const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env, cards });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['published', `sent without a link card: ${site.url}/minutes answered 404`],
    ]);
    expect(embedOf((await recordsOf(project, 'gone'))[0])).toBeUndefined();
  });

  it('sends the images and no card when the post has both: a Bluesky post has one embed', async () => {
    const before = site.requests.length;
    const project = await projectWith(
      'hall',
      'media:\n  - { src: ./hall.png, alt: The main hall, rights: owned }',
      `The hall is ready: ${site.url}/agm`,
      { 'content/posts/2026/12/hall.png': png(6, 4) },
    );
    await runPublish(project, { now: '2026-12-03T17:31:00Z', env, cards });
    expect(embedOf((await recordsOf(project, 'hall'))[0])?.$type).toBe('app.bsky.embed.images');
    expect(site.requests.length).toBe(before);
  });
});
