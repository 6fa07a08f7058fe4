import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captionsVtt, testVideo } from '../helpers/video.ts';
import { formatPayloads } from '../../src/publish/summary.ts';
import { startX, xEnv, type FakeX } from './fakes/x.ts';
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
const env = xEnv();

let x: FakeX;
let project: TestProject;

beforeEach(async () => {
  x = await startX();
  x.now = Date.parse(due);
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(`  - { id: x, network: x, handle: RiversideRA, api: "${x.url}" }\n`),
    'content/posts/2026/12/tour.mdx': tourPost('x'),
    'content/posts/2026/12/tour.mp4': testVideo('clip-40s'),
  });
});
afterEach(async () => {
  await x.close();
  await project.remove();
});

it('uploads the video in chunks, waits through STATUS as X asks, then posts it with its alt text', async () => {
  const sleep = fakeSleep();
  const report = await runPublish(project, { now: due, env, sleep: sleep.sleep });
  expect(report.outcomes.map((o) => o.kind)).toEqual(['published']);
  const [mediaId, upload] = [...x.uploads.entries()][0]!;
  expect(upload).toEqual({
    media_type: 'video/mp4',
    total_bytes: testVideo('clip-40s').length,
    media_category: 'amplify_video',
    bytes: testVideo('clip-40s'),
  });
  const [tweet] = [...x.tweets.values()];
  expect(tweet).toMatchObject({ text: 'A short walk to the new footbridge.', media: { media_ids: [mediaId] } });
  expect(x.altTexts.get(mediaId)).toBe('A walk along the river path to the new footbridge');
  const steps = x.requests.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(mediaId, ':id')}`);
  expect(steps).toEqual([
    'POST /2/media/upload/initialize',
    'POST /2/media/upload/:id/append',
    'POST /2/media/upload/:id/finalize',
    'GET /2/media/upload',
    'GET /2/media/upload',
    'GET /2/media/upload',
    'POST /2/media/metadata',
    'POST /2/tweets',
  ]);
  // check_after_secs: 1 after finalize, then 5 while in progress.
  expect(sleep.waits).toEqual([1000, 5000, 5000]);
  expect((await ledgerOf(project)).entries['tour/x']).toMatchObject({ state: 'published' });
});

it("records a failure with X's reason, and posts nothing, when X cannot process the video", async () => {
  x.failVideo = 'Unsupported video format';
  const report = await runPublish(project, { now: due, env, retry: tryOnce });
  expect(report.outcomes[0]).toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('X could not process content/posts/2026/12/tour.mp4: Unsupported video format'),
  });
  expect(x.tweets.size).toBe(0);
});

it('leaves a video X is still processing for a retry, without posting the tweet', async () => {
  x.videoPolls = 1000;
  const report = await runPublish(project, { now: due, env, retry: tryOnce });
  expect(report.outcomes[0]).toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('X is still processing'),
  });
  expect(x.tweets.size).toBe(0);
});

describe('captions', () => {
  beforeEach(async () => {
    await project.write('content/posts/2026/12/tour.mdx', tourPost('x', { captions: true, captionsLang: 'en-GB' }));
    await project.write('content/posts/2026/12/tour.vtt', captionsVtt);
  });

  it('shows in a dry run the video as a video, with its captions and their language, and sends nothing', async () => {
    const report = await runPublish(project, { now: due, env, dryRun: true });
    expect(report.outcomes.map((o) => o.kind)).toEqual(['would-send']);
    const loaded = await project.load(Date.parse(due));
    expect(formatPayloads(report, loaded.channels)).toContain(
      '  video: content/posts/2026/12/tour.mp4\n    alt: A walk along the river path to the new footbridge\n    captions: content/posts/2026/12/tour.vtt (en-GB)\n',
    );
    expect(x.uploads.size + x.tweets.size).toBe(0);
  });

  it('uploads the WebVTT file as subtitles and ties it to the video with its language, before the tweet', async () => {
    const report = await runPublish(project, { now: due, env, sleep: fakeSleep().sleep });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
    const [videoId, subtitlesId] = [...x.uploads.keys()] as [string, string];
    const subtitles = x.uploads.get(subtitlesId);
    expect(subtitles).toEqual({
      media_type: 'text/vtt',
      total_bytes: Buffer.byteLength(captionsVtt),
      media_category: 'subtitles',
      bytes: new Uint8Array(Buffer.from(captionsVtt)),
    });
    expect(x.subtitles.get(videoId)).toEqual([
      { id: subtitlesId, language_code: 'EN', display_name: 'British English' },
    ]);
    const [tweet] = [...x.tweets.values()];
    expect(tweet!.media).toEqual({ media_ids: [videoId] });
    const steps = x.requests.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(/\/\d{6,}\//, '/:id/')}`);
    expect(steps.slice(-5)).toEqual([
      'POST /2/media/upload/initialize',
      'POST /2/media/upload/:id/append',
      'POST /2/media/upload/:id/finalize',
      'POST /2/media/subtitles',
      'POST /2/tweets',
    ]);
  });

  it("records X's refusal of the captions and posts nothing, so the video never goes out without them", async () => {
    x.failSubtitles = 'The subtitle file is invalid.';
    const report = await runPublish(project, { now: due, env, retry: tryOnce });
    expect(report.outcomes[0]).toMatchObject({
      kind: 'failed',
      message:
        'X refused the captions content/posts/2026/12/tour.vtt: HTTP 400: The subtitle file is invalid. (not sent again unless the post changes)',
    });
    expect(x.tweets.size).toBe(0);
    expect((await ledgerOf(project)).entries['tour/x']).toMatchObject({ state: 'failed' });
  });
});
