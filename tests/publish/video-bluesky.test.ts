import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captionsVtt, testVideo } from '../helpers/video.ts';
import { startPds, type Pds } from './bluesky-pds.ts';
import { startVideoService, type FakeVideoService } from './fakes/bluesky-video.ts';
import {
  fakeSleep,
  heraldYaml,
  postFile,
  projectOnDisk,
  runPublish,
  tourPost,
  tryOnce,
  type TestProject,
} from './helpers.ts';

const env = { HERALD_BLUESKY_APP_PASSWORD: 'riverside-app-password' };

let pds: Pds;
let video: FakeVideoService;
let reader: AtpAgent;

beforeAll(async () => {
  pds = await startPds();
  video = await startVideoService(pds.url);
  reader = await pds.account('riverside.test', env.HERALD_BLUESKY_APP_PASSWORD);
});
afterAll(async () => {
  await video?.close();
  await pds?.close();
});

async function tourProject(slug: string) {
  return projectOnDisk({
    'content/herald.yaml': heraldYaml(
      `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}", videoService: "${video.url}" }\n`,
      'locale: en-GB\n',
    ),
    [`content/posts/2026/12/${slug}.mdx`]: tourPost('bluesky', {
      captions: true,
      text: `A short walk to the new footbridge (${slug}).`,
    }),
    'content/posts/2026/12/tour.mp4': testVideo('clip-40s'),
    'content/posts/2026/12/tour.vtt': captionsVtt,
  });
}

let project: TestProject | undefined;
afterAll(async () => {
  await project?.remove();
});

it('posts through the video service: service auth, upload, job polling, then app.bsky.embed.video on the real PDS', async () => {
  project = await tourProject('tour');
  const sleep = fakeSleep();
  const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env, sleep: sleep.sleep, timeoutMs: 10_000 });
  expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
  const [job] = [...video.jobs.values()];
  expect(job).toMatchObject({ did: reader.session!.did, name: 'tour.mp4' });
  expect(new Uint8Array(job!.bytes)).toEqual(testVideo('clip-40s'));
  expect(sleep.waits).toEqual([1000, 1000, 1000]);

  const rkey = report.outcomes[0]!.links[0]!.split('/').at(-1)!;
  const { value } = (
    await reader.com.atproto.repo.getRecord({ repo: reader.session!.did, collection: 'app.bsky.feed.post', rkey })
  ).data;
  const embed = (value as { embed: Record<string, unknown> }).embed as {
    $type: string;
    alt: string;
    aspectRatio: unknown;
    video: { ref: { toString(): string }; mimeType: string; size: number };
    captions: { lang: string; file: { ref: { toString(): string }; mimeType: string } }[];
  };
  expect(embed).toMatchObject({
    $type: 'app.bsky.embed.video',
    alt: 'A walk along the river path to the new footbridge',
    aspectRatio: { width: 64, height: 36 },
    video: { mimeType: 'video/mp4', size: testVideo('clip-40s').length },
    captions: [{ lang: 'en-GB', file: { mimeType: 'text/vtt' } }],
  });
  // The PDS holds both files as the record names them.
  // getBlob answers bytes, or for a text/* blob the text @atproto/api decoded.
  const blob = async (cid: string) => (await reader.com.atproto.sync.getBlob({ did: reader.session!.did, cid })).data;
  expect(new Uint8Array(await blob(embed.video.ref.toString()))).toEqual(testVideo('clip-40s'));
  expect(await blob(embed.captions[0]!.file.ref.toString())).toBe(captionsVtt);
});

it("records a rejection with the service's reason, and no post, when the video service cannot process the video", async () => {
  await project?.remove();
  project = await tourProject('broken');
  video.failWith = 'Video is too long';
  const report = await runPublish(project, { now: '2026-12-03T17:31:00Z', env, retry: tryOnce, timeoutMs: 10_000 });
  expect(report.outcomes[0]).toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('could not process content/posts/2026/12/tour.mp4: Video is too long'),
  });
  const records = await reader.com.atproto.repo.listRecords({
    repo: reader.session!.did,
    collection: 'app.bsky.feed.post',
  });
  expect(records.data.records.map((r) => (r.value as { text: string }).text)).not.toContain(
    'A short walk to the new footbridge (broken).',
  );
});

it('quotes a post beside the video: one embed, app.bsky.embed.recordWithMedia with the video as its media', async () => {
  await project?.remove();
  const quoted = await reader.post({ text: 'The footbridge opens on Saturday.' });
  const link = `https://bsky.app/profile/riverside.test/post/${quoted.uri.split('/').at(-1)}`;
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(
      `  - { id: bluesky, network: bluesky, handle: riverside.test, service: "${pds.url}", videoService: "${video.url}" }\n`,
    ),
    'content/posts/2026/12/quoting.mdx': postFile(
      `title: Quoting with a video
publishAt: 2026-12-03 18:30
channels: [bluesky]
quote: ${link}
media:
  - src: ./tour.mp4
    alt: A walk along the river path to the new footbridge
    rights: owned`,
      'Here is the way there.',
    ),
    'content/posts/2026/12/tour.mp4': testVideo('clip-40s'),
  });
  const report = await runPublish(project, {
    now: '2026-12-03T17:31:00Z',
    env,
    sleep: fakeSleep().sleep,
    timeoutMs: 10_000,
  });
  expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
  const rkey = report.outcomes[0]!.links[0]!.split('/').at(-1)!;
  const { value } = (
    await reader.com.atproto.repo.getRecord({ repo: reader.session!.did, collection: 'app.bsky.feed.post', rkey })
  ).data;
  expect((value as { embed: unknown }).embed).toMatchObject({
    $type: 'app.bsky.embed.recordWithMedia',
    record: { record: { uri: quoted.uri, cid: quoted.cid } },
    media: { $type: 'app.bsky.embed.video', alt: 'A walk along the river path to the new footbridge' },
  });
});
