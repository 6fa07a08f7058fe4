import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blueskyText } from '../../src/publish/networks/bluesky-text.ts';
import { startPds, type Pds } from './bluesky-pds.ts';
import { recordKey } from '../../src/publish/networks/bluesky.ts';
import {
  changeLedger,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish as publish,
  type TestProject,
} from './helpers.ts';

const body =
  'Zażółć gęślą jaźń 🌧️ with @ada.test at https://riverside.example/agm #riverside\n\n---\n\nQuestions? Reply here.';

describe('publishing to a real Bluesky PDS', () => {
  let pds: Pds;
  let reader: AtpAgent;
  let ada: AtpAgent;
  let project: TestProject;
  const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };
  // A real server checks passwords slowly on a busy machine: a generous timeout, as no answer is lost on purpose here.
  const runPublish = (target: TestProject, options: Parameters<typeof publish>[1]) =>
    publish(target, { timeoutMs: 10_000, ...options });
  const image = png(6, 4);

  beforeAll(async () => {
    pds = await startPds();
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
    ada = await pds.account('ada.test', 'ada-password');
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}" }\n`,
      ),
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

  const records = async () =>
    (await reader.com.atproto.repo.listRecords({ repo: reader.session!.did, collection: 'app.bsky.feed.post' })).data
      .records;

  it('publishes a thread with an image and alt text, readable back through the API', async () => {
    const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
    const entry = (await ledgerOf(project)).entries['agm/bluesky']!;
    expect(entry.parts).toHaveLength(2);

    const [first, second] = await Promise.all(
      entry.parts.map(
        async (part) =>
          (
            await reader.com.atproto.repo.getRecord({
              repo: reader.session!.did,
              collection: 'app.bsky.feed.post',
              rkey: part.id.split('/').at(-1)!,
            })
          ).data,
      ),
    );
    const root = first!.value as {
      text: string;
      facets: {
        index: { byteStart: number; byteEnd: number };
        features: { $type: string; did?: string; uri?: string; tag?: string }[];
      }[];
      embed: { images: { alt: string; aspectRatio: unknown; image: { ref: { toString(): string } } }[] };
    };
    expect(root.text).toBe('Zażółć gęślą jaźń 🌧️ with @ada.test at https://riverside.example/agm #riverside');
    // Facets point at UTF-8 bytes: slicing the encoded text by them gives the mention, link and tag.
    const bytes = new TextEncoder().encode(root.text);
    const spans = root.facets.map((f) => [
      new TextDecoder().decode(bytes.slice(f.index.byteStart, f.index.byteEnd)),
      f.features[0]!.$type,
    ]);
    expect(spans).toEqual([
      ['@ada.test', 'app.bsky.richtext.facet#mention'],
      ['https://riverside.example/agm', 'app.bsky.richtext.facet#link'],
      ['#riverside', 'app.bsky.richtext.facet#tag'],
    ]);
    expect(root.facets[0]!.features[0]!.did).toMatch(/^did:plc:/);
    expect(root.embed.images).toMatchObject([
      { alt: 'Members seated in the main hall', aspectRatio: { width: 6, height: 4 } },
    ]);
    const blob = await reader.com.atproto.sync.getBlob({
      did: reader.session!.did,
      cid: root.embed.images[0]!.image.ref.toString(),
    });
    expect(new Uint8Array(blob.data)).toEqual(image);

    const reply = second!.value as { text: string; reply: { root: { uri: string }; parent: { uri: string } } };
    expect(reply.text).toBe('Questions? Reply here.');
    expect(reply.reply.root.uri).toBe(first!.uri);
    expect(reply.reply.parent.uri).toBe(first!.uri);
    expect(report.outcomes[0]!.links[0]).toBe(
      `https://bsky.app/profile/riverside.test/post/${first!.uri.split('/').at(-1)}`,
    );
  });

  it('records its one login with the run, and warns once the account nears 300 logins in a day', async () => {
    const runs = (await ledgerOf(project)).runs ?? [];
    expect(runs.at(-1)).toMatchObject({ logins: { bluesky: 1 } });
    await changeLedger(project, (ledger) => {
      ledger.runs = [
        ...(ledger.runs ?? []),
        { run: 'busy', startedAt: '2026-12-03T17:40:00.000Z', trigger: 'dispatch', logins: { bluesky: 239 } },
      ];
    });
    const report = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^bluesky: Herald logged in to Bluesky 240 times in the last 24 hours, and Bluesky allows 300 a day per account/,
      ),
    ]);
    // Nothing was due, so this run did not log in.
    const latest = (await ledgerOf(project)).runs!.find((r) => r.startedAt === '2026-12-03T17:50:00.000Z');
    expect(latest).toBeDefined();
    expect(latest!.logins).toBeUndefined();
  });

  it('publishes nothing new when run again', async () => {
    const before = await records();
    const report = await runPublish(project, { now: '2026-12-03T17:45:00Z', env });
    expect(report.outcomes).toEqual([]);
    expect(await records()).toHaveLength(before.length);
  });

  it('finds its own records instead of duplicating them when a send is repeated', async () => {
    // As after a crash: the ledger lost the outcome, the records exist.
    const entry = (await ledgerOf(project)).entries['agm/bluesky']!;
    await changeLedger(
      project,
      (ledger) =>
        void (ledger.entries['agm/bluesky'] = {
          ...entry,
          state: 'pending',
          parts: [],
          claim: { run: 'dead-run', at: '2026-12-03T17:31:00Z' },
        }),
    );
    const report = await runPublish(project, { now: '2026-12-03T18:00:00Z', env });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['published', 'found on the network: it had arrived'],
    ]);
    expect(await records()).toHaveLength(2);
    expect((await ledgerOf(project)).entries['agm/bluesky']!.parts).toEqual(entry.parts);
  });

  it('takes the thread down when the post says retract: true', async () => {
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [bluesky]\nretract: true', body),
    );
    const report = await runPublish(project, { now: '2026-12-03T19:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(await records()).toEqual([]);
    expect((await ledgerOf(project)).entries['agm/bluesky']).toMatchObject({
      state: 'retracted',
      retractedAt: '2026-12-03T19:00:00.000Z',
    });
    const again = await runPublish(project, { now: '2026-12-03T19:30:00Z', env });
    expect(again.outcomes).toEqual([]);
  });

  it('reports a wrong app password clearly, as something to fix rather than a refused post', async () => {
    await project.write(
      'content/posts/2026/12/other.mdx',
      postFile('title: Other\npublishAt: 2026-12-04 10:00\nchannels: [bluesky]', 'Another post.'),
    );
    const report = await runPublish(project, {
      now: '2026-12-04T09:05:00Z',
      env: { HERALD_BLUESKY_APP_PASSWORD: 'wrong-password' },
    });
    expect(report.outcomes).toMatchObject([{ post: 'other', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toMatch(
      /^reconnect \S+: .*\(HTTP 401: AuthenticationRequired: Invalid identifier or password\).*the next run tries again/,
    );
    expect(report.outcomes[0]!.message).not.toContain('wrong-password');
  });

  it('leaves a mention that does not resolve as plain text', async () => {
    const rich = await blueskyText('Thanks @nobody.test and @ada.test!', reader);
    expect(rich.facets?.map((f) => f.features[0])).toEqual([
      { $type: 'app.bsky.richtext.facet#mention', did: expect.stringMatching(/^did:plc:/) },
    ]);
  });

  it('gives two posts due in the same minute their own records, and retracting one leaves the other', async () => {
    // Under the old record keys (a 10-bit clock id from the ledger key), these two took the same key.
    const notice = (n: number, extra = '') =>
      postFile(`title: Notice ${n}\npublishAt: 2026-12-05 10:00\nchannels: [bluesky]${extra}`, `Notice number ${n}.`);
    await project.write('content/posts/2026/12/notice-9.mdx', notice(9));
    await project.write('content/posts/2026/12/notice-11.mdx', notice(11));
    const report = await runPublish(project, { now: '2026-12-05T09:01:00Z', env });
    expect(report.outcomes.filter((o) => o.post.startsWith('notice')).map((o) => [o.post, o.kind])).toEqual([
      ['notice-11', 'published'],
      ['notice-9', 'published'],
    ]);
    const entries = (await ledgerOf(project)).entries;
    expect(entries['notice-9/bluesky']!.parts[0]!.id).not.toBe(entries['notice-11/bluesky']!.parts[0]!.id);
    const texts = async () =>
      (await records())
        .map((r) => (r.value as { text: string }).text)
        .filter((t) => t.startsWith('Notice'))
        .sort();
    expect(await texts()).toEqual(['Notice number 11.', 'Notice number 9.']);

    await project.write('content/posts/2026/12/notice-9.mdx', notice(9, '\nretract: true'));
    const retracted = await runPublish(project, { now: '2026-12-05T09:30:00Z', env });
    expect(retracted.outcomes.map((o) => [o.post, o.kind])).toEqual([['notice-9', 'retracted']]);
    expect(await texts()).toEqual(['Notice number 11.']);
  });

  it('limits replies with a threadgate on the first post and quotes with a postgate on each, and retracting takes them down', async () => {
    await project.write(
      'content/posts/2026/12/gated.mdx',
      postFile(
        'title: Gated\npublishAt: 2026-12-07 10:00\nchannels: [bluesky]\nreplies: mentioned\nquotes: nobody',
        'Statement from the board.\n\n---\n\nMore on our site.',
      ),
    );
    const report = await runPublish(project, { now: '2026-12-07T09:01:00Z', env });
    expect(report.outcomes.filter((o) => o.post === 'gated').map((o) => o.kind)).toEqual(['published']);
    const parts = (await ledgerOf(project)).entries['gated/bluesky']!.parts;
    const gates = async (collection: string) =>
      (await reader.com.atproto.repo.listRecords({ repo: reader.session!.did, collection })).data.records.map(
        (r) => [r.uri.split('/').at(-1), r.value] as const,
      );
    const [first, second] = parts.map((part) => part.id.split('/').at(-1)!);
    expect(await gates('app.bsky.feed.threadgate')).toEqual([
      [
        first,
        expect.objectContaining({
          post: parts[0]!.id,
          allow: [{ $type: 'app.bsky.feed.threadgate#mentionRule' }],
        }),
      ],
    ]);
    const postgates = await gates('app.bsky.feed.postgate');
    expect(postgates.map(([rkey]) => rkey).sort()).toEqual([first, second].sort());
    expect(postgates[0]![1]).toMatchObject({ embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }] });

    await project.write(
      'content/posts/2026/12/gated.mdx',
      postFile(
        'title: Gated\npublishAt: 2026-12-07 10:00\nchannels: [bluesky]\nreplies: mentioned\nquotes: nobody\nretract: true',
        'Statement from the board.\n\n---\n\nMore on our site.',
      ),
    );
    await runPublish(project, { now: '2026-12-07T09:30:00Z', env });
    expect(await gates('app.bsky.feed.threadgate')).toEqual([]);
    expect(await gates('app.bsky.feed.postgate')).toEqual([]);
  });

  it("lets no one reply, from the channel's default in herald.yaml", async () => {
    const gated = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}", replies: nobody }\n`,
      ),
      'content/posts/2026/12/closed.mdx': postFile(
        'title: Closed\npublishAt: 2026-12-08 10:00\nchannels: [bluesky]',
        'Our offices are closed today.',
      ),
    });
    try {
      await runPublish(gated, { now: '2026-12-08T09:01:00Z', env });
      const [part] = (await ledgerOf(gated)).entries['closed/bluesky']!.parts;
      const gate = await reader.com.atproto.repo.getRecord({
        repo: reader.session!.did,
        collection: 'app.bsky.feed.threadgate',
        rkey: part!.id.split('/').at(-1)!,
      });
      expect(gate.data.value).toMatchObject({ post: part!.id, allow: [] });
    } finally {
      await gated.remove();
    }
  });

  it('lets only followers reply with a followerRule', async () => {
    await project.write(
      'content/posts/2026/12/followers.mdx',
      postFile(
        'title: Followers\npublishAt: 2026-12-08 12:00\nchannels: [bluesky]\nreplies: followers',
        'For our members.',
      ),
    );
    await runPublish(project, { now: '2026-12-08T11:01:00Z', env });
    const [part] = (await ledgerOf(project)).entries['followers/bluesky']!.parts;
    const gate = await reader.com.atproto.repo.getRecord({
      repo: reader.session!.did,
      collection: 'app.bsky.feed.threadgate',
      rkey: part!.id.split('/').at(-1)!,
    });
    expect(gate.data.value).toMatchObject({
      post: part!.id,
      allow: [{ $type: 'app.bsky.feed.threadgate#followerRule' }],
    });
  });

  it('quotes a post from its bsky.app link, with images beside it, as the record and cid the PDS holds', async () => {
    const quoted = await ada.post({ text: 'The river clean-up is on Saturday.' });
    const link = `https://bsky.app/profile/ada.test/post/${quoted.uri.split('/').at(-1)}`;
    await project.write(
      'content/posts/2026/12/quoting.mdx',
      postFile(`title: Quoting\npublishAt: 2026-12-09 10:00\nchannels: [bluesky]\nquote: ${link}`, 'Come and help!'),
    );
    await project.write(
      'content/posts/2026/12/quoting-photo.mdx',
      postFile(
        `title: Quoting with a photo\npublishAt: 2026-12-09 10:00\nchannels: [bluesky]\nquote: ${link}\nmedia:\n  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        'Bring gloves.',
      ),
    );
    const report = await runPublish(project, { now: '2026-12-09T09:01:00Z', env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([
      ['quoting', 'published'],
      ['quoting-photo', 'published'],
    ]);
    const embedOf = async (post: string) => {
      const [part] = (await ledgerOf(project)).entries[`${post}/bluesky`]!.parts;
      const record = await reader.com.atproto.repo.getRecord({
        repo: reader.session!.did,
        collection: 'app.bsky.feed.post',
        rkey: part!.id.split('/').at(-1)!,
      });
      return (record.data.value as { embed: unknown }).embed;
    };
    expect(await embedOf('quoting')).toEqual({
      $type: 'app.bsky.embed.record',
      record: { uri: quoted.uri, cid: quoted.cid },
    });
    expect(await embedOf('quoting-photo')).toMatchObject({
      $type: 'app.bsky.embed.recordWithMedia',
      record: { $type: 'app.bsky.embed.record', record: { uri: quoted.uri, cid: quoted.cid } },
      media: { $type: 'app.bsky.embed.images', images: [{ alt: 'Members seated in the main hall' }] },
    });
  });

  it('refuses to send a quote of a post that is not there, saying which', async () => {
    const link = 'https://bsky.app/profile/ada.test/post/3lzzzzzzzzzz2';
    await project.write(
      'content/posts/2026/12/lost-quote.mdx',
      postFile(`title: Lost\npublishAt: 2026-12-10 10:00\nchannels: [bluesky]\nquote: ${link}`, 'See this.'),
    );
    const report = await runPublish(project, { now: '2026-12-10T09:01:00Z', env });
    expect(report.outcomes).toMatchObject([{ post: 'lost-quote', kind: 'failed' }]);
    expect(report.outcomes[0]!.message).toContain(`cannot find the post to quote, ${link}`);
  });

  it('takes a record under its key as its own only when it says what Herald would send', async () => {
    // Someone else's post already holds the first record key of this delivery.
    const taken = recordKey('taken/bluesky', '2026-12-06T09:00:00Z', 0);
    await reader.com.atproto.repo.createRecord({
      repo: reader.session!.did,
      collection: 'app.bsky.feed.post',
      rkey: taken,
      record: {
        $type: 'app.bsky.feed.post',
        text: 'Written by hand, not by Herald.',
        createdAt: '2026-12-06T08:00:00.000Z',
      },
    });
    await project.write(
      'content/posts/2026/12/taken.mdx',
      postFile('title: Taken\npublishAt: 2026-12-06 10:00\nchannels: [bluesky]', 'Our own post.'),
    );
    const report = await runPublish(project, { now: '2026-12-06T09:01:00Z', env });
    expect(report.outcomes.filter((o) => o.post === 'taken').map((o) => [o.post, o.kind])).toEqual([
      ['taken', 'published'],
    ]);
    const part = (await ledgerOf(project)).entries['taken/bluesky']!.parts[0]!;
    expect(part.id.split('/').at(-1)).toBe(recordKey('taken/bluesky', '2026-12-06T09:00:00Z', 0, 1));
    const ours = await reader.com.atproto.repo.getRecord({
      repo: reader.session!.did,
      collection: 'app.bsky.feed.post',
      rkey: part.id.split('/').at(-1)!,
    });
    expect((ours.data.value as { text: string }).text).toBe('Our own post.');
    const theirs = await reader.com.atproto.repo.getRecord({
      repo: reader.session!.did,
      collection: 'app.bsky.feed.post',
      rkey: taken,
    });
    expect((theirs.data.value as { text: string }).text).toBe('Written by hand, not by Herald.');
  });
});
