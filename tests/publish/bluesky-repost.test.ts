import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPds, type Pds } from './bluesky-pds.ts';
import {
  changeLedger,
  heraldYaml,
  ledgerOf,
  postFile,
  projectOnDisk,
  runPublish as publish,
  type TestProject,
} from './helpers.ts';

describe('reposting on a real Bluesky PDS', () => {
  let pds: Pds;
  let reader: AtpAgent;
  let ada: AtpAgent;
  let project: TestProject;
  const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };
  const runPublish = (options: Parameters<typeof publish>[1]) => publish(project, { timeoutMs: 10_000, ...options });
  let original: { uri: string; cid: string };
  let link: string;
  const repostFile = (extra = '', at = link) =>
    postFile(`title: Clean-up\npublishAt: 2026-12-05 10:00\nchannels: [bluesky]\nrepost: ${at}${extra}`, '');

  beforeAll(async () => {
    pds = await startPds();
    reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
    ada = await pds.account('ada.test', 'ada-password');
    original = await ada.post({ text: 'The river clean-up is on Saturday.' });
    link = `https://bsky.app/profile/ada.test/post/${original.uri.split('/').at(-1)}`;
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}" }\n`,
      ),
      'content/posts/2026/12/clean-up.mdx': repostFile(),
    });
  });
  afterAll(async () => {
    await project?.remove();
    await pds?.close();
  });

  const reposts = async () =>
    (await reader.com.atproto.repo.listRecords({ repo: reader.session!.did, collection: 'app.bsky.feed.repost' })).data
      .records;
  const posts = async () =>
    (await reader.com.atproto.repo.listRecords({ repo: reader.session!.did, collection: 'app.bsky.feed.post' })).data
      .records;

  it('reposts the post its bsky.app link names, as an app.bsky.feed.repost of its at-uri and cid, and no post', async () => {
    const report = await runPublish({ now: '2026-12-05T09:01:00Z', env });
    expect(report.outcomes.map((o) => [o.post, o.kind, o.links])).toEqual([['clean-up', 'published', [link]]]);
    const [repost] = await reposts();
    expect(repost!.value).toEqual({
      $type: 'app.bsky.feed.repost',
      subject: { uri: original.uri, cid: original.cid },
      createdAt: '2026-12-05T09:01:00.000Z',
    });
    expect(await posts()).toEqual([]);
    expect((await ledgerOf(project)).entries['clean-up/bluesky']).toMatchObject({
      state: 'published',
      parts: [{ id: repost!.uri, url: link, repostOf: original.uri }],
    });
  });

  it('reposts nothing more when run again', async () => {
    const report = await runPublish({ now: '2026-12-05T09:20:00Z', env });
    expect(report.outcomes).toEqual([]);
    expect(await reposts()).toHaveLength(1);
  });

  it('finds its repost under its record key after a run died before recording it, instead of reposting again', async () => {
    const entry = (await ledgerOf(project)).entries['clean-up/bluesky']!;
    await changeLedger(
      project,
      (ledger) =>
        void (ledger.entries['clean-up/bluesky'] = {
          ...entry,
          state: 'pending',
          parts: [],
          claim: { run: 'dead-run', at: '2026-12-05T09:01:00Z' },
        }),
    );
    const report = await runPublish({ now: '2026-12-05T09:30:00Z', env });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([
      ['published', 'found on the network: it had arrived'],
    ]);
    expect(await reposts()).toHaveLength(1);
    expect((await ledgerOf(project)).entries['clean-up/bluesky']!.parts).toEqual(entry.parts);
  });

  it('does not repost another link written after the repost went out', async () => {
    const other = await ada.post({ text: 'Bring gloves.' });
    await project.write(
      'content/posts/2026/12/clean-up.mdx',
      repostFile('', `https://bsky.app/profile/ada.test/post/${other.uri.split('/').at(-1)}`),
    );
    const report = await runPublish({ now: '2026-12-05T09:40:00Z', env });
    expect(report.outcomes).toEqual([]);
    expect((await reposts()).map((r) => (r.value as { subject: { uri: string } }).subject.uri)).toEqual([original.uri]);
  });

  it('undoes the repost when the post says retract: true, and only it', async () => {
    await project.write('content/posts/2026/12/clean-up.mdx', repostFile('\nretract: true'));
    const report = await runPublish({ now: '2026-12-05T10:00:00Z', env });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['retracted']);
    expect(await reposts()).toEqual([]);
    expect(
      (
        await ada.com.atproto.repo.getRecord({
          repo: ada.session!.did,
          collection: 'app.bsky.feed.post',
          rkey: original.uri.split('/').at(-1)!,
        })
      ).data.uri,
    ).toBe(original.uri);
    expect((await ledgerOf(project)).entries['clean-up/bluesky']).toMatchObject({ state: 'retracted' });
    expect((await runPublish({ now: '2026-12-05T10:30:00Z', env })).outcomes).toEqual([]);
  });

  it('fails a repost of a post that is not there, saying which, and reposts nothing', async () => {
    const gone = 'https://bsky.app/profile/ada.test/post/3lzzzzzzzzzz2';
    await project.write(
      'content/posts/2026/12/gone.mdx',
      postFile(`title: Gone\npublishAt: 2026-12-06 10:00\nchannels: [bluesky]\nrepost: ${gone}`, ''),
    );
    const report = await runPublish({ now: '2026-12-06T09:01:00Z', env });
    expect(report.outcomes).toMatchObject([{ post: 'gone', kind: 'failed' }]);
    expect(report.outcomes[0]!.message).toContain(`cannot find the post to repost, ${gone}`);
    expect(await reposts()).toEqual([]);
  });

  it('holds a repost of a Mastodon link before anything is sent', async () => {
    await project.write(
      'content/posts/2026/12/wrong.mdx',
      postFile(
        'title: Wrong\npublishAt: 2026-12-07 10:00\nchannels: [bluesky]\nrepost: https://mastodon.social/@ada/113567000000000000',
        '',
      ),
    );
    const report = await runPublish({ now: '2026-12-07T09:01:00Z', env, validate: true });
    expect(report.outcomes.filter((o) => o.post === 'wrong')).toMatchObject([{ kind: 'held' }]);
    expect(report.outcomes.find((o) => o.post === 'wrong')!.message).toContain('repost/network');
    expect(await reposts()).toEqual([]);
    expect(await posts()).toEqual([]);
  });
});
