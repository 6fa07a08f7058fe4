import { afterEach, beforeEach, expect, it } from 'vitest';
import { testVideo } from '../helpers/video.ts';
import { json, startServer, type FakeServer } from './fakes/server.ts';
import { startThreads, threadsToken, type FakeThreads } from './fakes/threads.ts';
import {
  fakeSleep,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  type TestProject,
} from './helpers.ts';

const due = '2026-12-03T17:35:00Z';
const env = { HERALD_THREADS_ACCESS_TOKEN: threadsToken };
const clip = testVideo('clip-40s');

let threads: FakeThreads;
let site: FakeServer;
let served: Record<string, Uint8Array>;
let project: TestProject;

beforeEach(async () => {
  served = { '/social/posts/tour/tour.mp4': clip };
  site = await startServer((request, response) => {
    const bytes = served[request.path];
    if (!bytes) return json(response, 404, { error: 'Not Found' });
    response.writeHead(200, { 'Content-Type': 'video/mp4' }).end(bytes);
  });
  threads = await startThreads({
    fetchMedia: async (url) => {
      const response = await fetch(url);
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
  });
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(
      `  - { id: threads, network: threads, handle: riverside.assoc, api: "${threads.url}" }\n`,
      `site: ${site.url}/social/\n`,
    ),
    'content/posts/2026/12/tour.mdx': postFile(
      `title: Tour
publishAt: 2026-12-03 18:30
channels: [threads]
media:
  - src: ./tour.mp4
    alt: A walk along the river path to the new footbridge
    rights: owned`,
      'A short walk to the new footbridge.',
    ),
    'content/posts/2026/12/tour.mp4': clip,
  });
});
afterEach(async () => {
  await Promise.all([threads.close(), site.close(), project.remove()]);
});

const publishCalls = () => threads.requests.filter((r) => r.path.endsWith('/threads_publish'));
const statusPolls = () => threads.requests.filter((r) => r.method === 'GET' && r.path.includes('fields=status'));

it("sends the video as a VIDEO container from the site's copy, waits until Threads has processed it, then publishes", async () => {
  threads.videoPolls = 2;
  const { sleep, waits } = fakeSleep();
  const report = await runPublish(project, { now: due, env, sleep });
  expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
  const [post] = [...threads.posts.values()];
  expect(post).toMatchObject({
    media_type: 'VIDEO',
    text: 'A short walk to the new footbridge.',
    images: [],
    videos: [
      {
        url: `${site.url}/social/posts/tour/tour.mp4`,
        bytes: clip.length,
        alt: 'A walk along the river path to the new footbridge',
      },
    ],
  });
  // IN_PROGRESS twice, then FINISHED: asked once a minute, as Meta advises.
  expect(statusPolls()).toHaveLength(3);
  expect(waits).toEqual([60_000, 60_000]);
  expect(publishCalls()).toHaveLength(1);
  expect((await ledgerOf(project)).entries['tour/threads']).toMatchObject({ state: 'published' });
});

it('sends nothing when the site serves another video than the reviewed one', async () => {
  served['/social/posts/tour/tour.mp4'] = testVideo('clip-hevc');
  const report = await runPublish(project, { now: due, env });
  expect(report.outcomes).toMatchObject([{ kind: 'failed' }]);
  expect(report.outcomes[0]!.message).toContain(
    `the site's copy at ${site.url}/social/posts/tour/tour.mp4 is not the reviewed content/posts/2026/12/tour.mp4; Threads fetches content/posts/2026/12/tour.mp4 from there: deploy the site`,
  );
  expect(threads.requests.filter((r) => r.method === 'POST')).toEqual([]);
});

it('fails clearly, and for good, when Threads cannot process the video (ERROR)', async () => {
  threads.videoPolls = 1;
  threads.videoError = 'INVALID_DURATION';
  const report = await runPublish(project, { now: due, env, sleep: fakeSleep().sleep });
  expect(report.outcomes).toMatchObject([{ kind: 'failed', attempts: 1 }]);
  expect(report.outcomes[0]!.message).toContain(
    "Threads could not take the video (INVALID_DURATION): check it against Threads' limits (MP4 with H.264 or HEVC video and AAC sound, at most 5 minutes, 1 GB and 1920 pixels wide",
  );
  expect(publishCalls()).toEqual([]);
  expect(threads.posts.size).toBe(0);
  expect((await ledgerOf(project)).entries['tour/threads']).toMatchObject({
    state: 'failed',
    error: { permanent: true },
  });
});

it('gives up after five minutes of processing without publishing, leaving the next run to try again', async () => {
  threads.videoPolls = 1000;
  const { sleep, waits } = fakeSleep();
  const report = await runPublish(project, {
    now: due,
    env,
    sleep,
    retry: { attempts: 1, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
  });
  expect(report.outcomes).toMatchObject([{ kind: 'failed' }]);
  expect(report.outcomes[0]!.message).toContain(
    'Threads was still processing the video after 300 seconds; the next run tries again',
  );
  expect(waits).toEqual(Array(5).fill(60_000));
  expect(statusPolls()).toHaveLength(6);
  expect(publishCalls()).toEqual([]);
  expect((await ledgerOf(project)).entries['tour/threads']!.error?.permanent).not.toBe(true);
});

it('takes a video Threads could not download as a passing failure, publishing nothing', async () => {
  // The site serves the reviewed file to Herald, but Threads' own fetch of it fails.
  threads.fetchMedia = () => Promise.resolve(undefined);
  const report = await runPublish(project, {
    now: due,
    env,
    sleep: fakeSleep().sleep,
    retry: { attempts: 1, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
  });
  expect(report.outcomes).toMatchObject([{ kind: 'failed' }]);
  expect(report.outcomes[0]!.message).toContain(
    'Threads could not download the video from the site (FAILED_DOWNLOADING_VIDEO); the next run tries again',
  );
  expect(publishCalls()).toEqual([]);
  expect((await ledgerOf(project)).entries['tour/threads']!.error?.permanent).not.toBe(true);
});

it('sends a video and an image as one carousel of VIDEO and IMAGE items, each ready before the carousel', async () => {
  served['/social/posts/tour/hall.png'] = png();
  await project.write(
    'content/posts/2026/12/tour.mdx',
    postFile(
      `title: Tour
publishAt: 2026-12-03 18:30
channels: [threads]
media:
  - src: ./tour.mp4
    alt: A walk along the river path to the new footbridge
    rights: owned
  - src: ./hall.png
    alt: The hall at the end of the walk
    rights: owned`,
      'A short walk to the new footbridge, and the hall.',
    ),
  );
  await project.write('content/posts/2026/12/hall.png', png());
  threads.videoPolls = 1;
  const { sleep, waits } = fakeSleep();
  const report = await runPublish(project, { now: due, env, sleep });
  expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
  const [post] = [...threads.posts.values()];
  expect(post).toMatchObject({
    media_type: 'CAROUSEL_ALBUM',
    videos: [{ url: `${site.url}/social/posts/tour/tour.mp4`, bytes: clip.length }],
    images: [{ url: `${site.url}/social/posts/tour/hall.png`, bytes: png().length }],
  });
  const children = threads.requests.filter(
    (r) => new URLSearchParams(r.body.toString()).get('is_carousel_item') === 'true',
  );
  expect(children.map((r) => new URLSearchParams(r.body.toString()).get('media_type'))).toEqual(['VIDEO', 'IMAGE']);
  expect(waits).toEqual([60_000]);
});
