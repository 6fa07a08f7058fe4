import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskyText } from '../../src/publish/networks/bluesky-text.ts';
import { startPds, type Pds } from './bluesky-pds.ts';
import { heraldYaml, ledgerOf, png, postFile, projectOnDisk, runPublish, type TestProject } from './helpers.ts';

const body = 'Zażółć gęślą jaźń 🌧️ with @ada.test at https://riverside.example/agm #riverside\n\n---\n\nQuestions? Reply here.';

describe('publishing to a real Bluesky PDS', () => {
  let pds: Pds;
  let reader: AtpAgent;
  let project: TestProject;
  const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };
  const image = png(6, 4);

  beforeAll(async () => {
    pds = await startPds();
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
    await pds.account('ada.test', 'ada-password');
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}" }\n`),
      'content/posts/2026/12/agm.mdx': postFile(
        `title: AGM live
publishAt: 2026-12-03 18:30
channels: [bluesky]
media:
  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        body,
      ),
      'content/posts/2026/12/hall.png': image,
    });
  });
  afterAll(async () => {
    await project?.remove();
    await pds?.close();
  });

  const records = async () => (await reader.com.atproto.repo.listRecords({ repo: reader.session!.did, collection: 'app.bsky.feed.post' })).data.records;

  it('publishes a thread with an image and alt text, readable back through the API', async () => {
    const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    const entry = (await ledgerOf(project)).entries['agm/bluesky']!;
    expect(entry.parts).toHaveLength(2);

    const [first, second] = await Promise.all(
      entry.parts.map(async (part) => (await reader.com.atproto.repo.getRecord({ repo: reader.session!.did, collection: 'app.bsky.feed.post', rkey: part.id.split('/').at(-1)! })).data),
    );
    const root = first!.value as { text: string; facets: { index: { byteStart: number; byteEnd: number }; features: { $type: string; did?: string; uri?: string; tag?: string }[] }[]; embed: { images: { alt: string; aspectRatio: unknown; image: { ref: { toString(): string } } }[] } };
    expect(root.text).toBe('Zażółć gęślą jaźń 🌧️ with @ada.test at https://riverside.example/agm #riverside');
    // Facets point at UTF-8 bytes: slicing the encoded text by them gives the mention, link and tag.
    const bytes = new TextEncoder().encode(root.text);
    const spans = root.facets.map((f) => [new TextDecoder().decode(bytes.slice(f.index.byteStart, f.index.byteEnd)), f.features[0]!.$type]);
    expect(spans).toEqual([
      ['@ada.test', 'app.bsky.richtext.facet#mention'],
      ['https://riverside.example/agm', 'app.bsky.richtext.facet#link'],
      ['#riverside', 'app.bsky.richtext.facet#tag'],
    ]);
    expect(root.facets[0]!.features[0]!.did).toMatch(/^did:plc:/);
    expect(root.embed.images).toMatchObject([{ alt: 'Members seated in the main hall', aspectRatio: { width: 6, height: 4 } }]);
    const blob = await reader.com.atproto.sync.getBlob({ did: reader.session!.did, cid: root.embed.images[0]!.image.ref.toString() });
    expect(new Uint8Array(blob.data)).toEqual(image);

    const reply = second!.value as { text: string; reply: { root: { uri: string }; parent: { uri: string } } };
    expect(reply.text).toBe('Questions? Reply here.');
    expect(reply.reply.root.uri).toBe(first!.uri);
    expect(reply.reply.parent.uri).toBe(first!.uri);
    expect(report.outcomes[0]!.links[0]).toBe(`https://bsky.app/profile/riverside.test/post/${first!.uri.split('/').at(-1)}`);
  });

  it('publishes nothing new when run again', async () => {
    const before = await records();
    const report = await runPublish(project, { now: '2026-12-03T17:45:00Z', env });
    expect(report.outcomes).toEqual([]);
    expect(await records()).toHaveLength(before.length);
  });

  it('finds its own records instead of duplicating them when a send is repeated', async () => {
    // As after a crash: the ledger lost the outcome, the records exist.
    const ledger = await ledgerOf(project);
    const entry = ledger.entries['agm/bluesky']!;
    const { FileLedgerStore } = await import('../../src/publish/ledger/index.ts');
    const store = new FileLedgerStore(`${project.root}/.herald/ledger.json`);
    const { version } = await store.read();
    await store.write({ version: 1, entries: { 'agm/bluesky': { ...entry, state: 'pending', parts: [], claim: { run: 'dead-run', at: '2026-12-03T17:31:00Z' } } } }, version);
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    expect(await records()).toHaveLength(2);
    expect((await ledgerOf(project)).entries['agm/bluesky']!.parts).toEqual(entry.parts);
  });

  it('takes the thread down when the post says retract: true', async () => {
    await project.write('content/posts/2026/12/agm.mdx', postFile('title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [bluesky]\nretract: true', body));
    const report = await runPublish(project, { now: '2026-12-03T19:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(await records()).toEqual([]);
    expect((await ledgerOf(project)).entries['agm/bluesky']).toMatchObject({ state: 'retracted', retractedAt: '2026-12-03T19:00:00.000Z' });
    const again = await runPublish(project, { now: '2026-12-03T19:30:00Z', env });
    expect(again.outcomes).toEqual([]);
  });

  it('reports a wrong app password clearly, as something to fix rather than a refused post', async () => {
    await project.write('content/posts/2026/12/other.mdx', postFile('title: Other\npublishAt: 2026-12-04 10:00\nchannels: [bluesky]', 'Another post.'));
    const report = await runPublish(project, { now: '2026-12-04T09:05:00Z', env: { HERALD_BLUESKY_APP_PASSWORD: 'wrong-password' } });
    expect(report.outcomes).toMatchObject([{ post: 'other', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toMatch(/HTTP 401: AuthenticationRequired: Invalid identifier or password.*the next run tries again/);
    expect(report.outcomes[0]!.message).not.toContain('wrong-password');
  });

  it('leaves a mention that does not resolve as plain text', async () => {
    const rich = await blueskyText('Thanks @nobody.test and @ada.test!', reader);
    expect(rich.facets?.map((f) => f.features[0])).toEqual([{ $type: 'app.bsky.richtext.facet#mention', did: expect.stringMatching(/^did:plc:/) }]);
  });
});
