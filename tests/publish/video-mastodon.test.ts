import { afterEach, beforeEach, expect, it } from 'vitest';
import { captionsVtt, testVideo } from '../helpers/video.ts';
import { mastodonToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';
import {
  fakeSleep,
  heraldYaml,
  ledgerOf,
  projectOnDisk,
  runPublish,
  tourPost,
  tryOnce,
  type TestProject,
} from './helpers.ts';

const due = '2026-12-03T17:35:00Z';
const env = { HERALD_MASTODON_TOKEN: mastodonToken };

let mastodon: FakeMastodon;
let project: TestProject;

beforeEach(async () => {
  mastodon = await startMastodon();
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`),
    'content/posts/2026/12/tour.mdx': tourPost('mastodon', { captions: true }),
    'content/posts/2026/12/tour.mp4': testVideo('clip-40s'),
    'content/posts/2026/12/tour.vtt': captionsVtt,
  });
});
afterEach(async () => {
  await mastodon.close();
  await project.remove();
});

it('uploads the video, waits until the server has processed it, then posts it with its description', async () => {
  const sleep = fakeSleep();
  const report = await runPublish(project, { now: due, env, sleep: sleep.sleep });
  expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
  const [status] = [...mastodon.statuses.values()];
  expect(status!.media_attachments).toEqual([
    expect.objectContaining({
      type: 'video',
      url: expect.stringMatching(/\.mp4$/),
      description: 'A walk along the river path to the new footbridge',
    }),
  ]);
  expect([...mastodon.uploads.values()]).toEqual([testVideo('clip-40s')]);
  // 202, then GET /api/v1/media/:id until the url is there: two 206 answers, then 200.
  const polls = mastodon.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/'));
  expect(polls).toHaveLength(3);
  expect(sleep.waits).toEqual([1000, 1000, 1000]);
  expect((await ledgerOf(project)).entries['tour/mastodon']).toMatchObject({ state: 'published' });
});

it('fails the delivery, retryable, when the server is still processing the video after five minutes', async () => {
  mastodon.videoPolls = 1000;
  const report = await runPublish(project, {
    now: due,
    env,
    retry: tryOnce,
  });
  expect(report.outcomes[0]).toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('is still processing content/posts/2026/12/tour.mp4'),
  });
  expect(mastodon.statuses.size).toBe(0);
});
