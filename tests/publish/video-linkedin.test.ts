import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captionsVtt, paddedVideo } from '../helpers/video.ts';
import { linkedinToken, startLinkedin, type FakeLinkedin } from './fakes/linkedin.ts';
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
/** Over two of LinkedIn's 4,194,304-byte parts. */
const large = paddedVideo(9_000_000);
const env = { HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken };

let linkedin: FakeLinkedin;
let project: TestProject;

beforeEach(async () => {
  linkedin = await startLinkedin();
  project = await projectOnDisk({
    'content/herald.yaml': heraldYaml(
      `  - { id: linkedin, network: linkedin, organization: "123456", api: "${linkedin.url}" }\n`,
    ),
    'content/posts/2026/12/tour.mdx': tourPost('linkedin'),
    'content/posts/2026/12/tour.mp4': large,
  });
});
afterEach(async () => {
  await linkedin.close();
  await project.remove();
});

it('initializes the upload, puts the parts, finalizes with their ETags, waits until AVAILABLE, then posts the video', async () => {
  const sleep = fakeSleep();
  const report = await runPublish(project, { now: due, env, sleep: sleep.sleep });
  expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
  const [urn, video] = [...linkedin.videos.entries()][0]!;
  expect(video.parts.map((part) => part.length)).toEqual([4_194_304, 4_194_304, large.length - 2 * 4_194_304]);
  expect(video).toMatchObject({ size: large.length, finalized: true });
  expect(new Uint8Array(Buffer.concat(video.parts))).toEqual(large);
  const [post] = [...linkedin.posts.values()];
  expect(post).toMatchObject({
    author: 'urn:li:organization:123456',
    commentary: 'A short walk to the new footbridge.',
    content: { media: { id: urn, altText: 'A walk along the river path to the new footbridge' } },
  });
  expect(sleep.waits).toEqual([2000, 2000]);
  expect((await ledgerOf(project)).entries['tour/linkedin']).toMatchObject({ state: 'published' });
});

it('leaves a video LinkedIn is still processing for a retry, and posts nothing', async () => {
  linkedin.videoPolls = 1000;
  const report = await runPublish(project, {
    now: due,
    env,
    retry: tryOnce,
  });
  expect(report.outcomes[0]).toMatchObject({
    kind: 'failed',
    message: expect.stringContaining('LinkedIn is still processing'),
  });
  expect(linkedin.posts.size).toBe(0);
});

describe('captions', () => {
  beforeEach(async () => {
    await project.write('content/posts/2026/12/tour.mdx', tourPost('linkedin', { captions: true }));
    await project.write('content/posts/2026/12/tour.vtt', captionsVtt);
  });

  it('announces the captions at initializeUpload and puts the WebVTT file at its captionsUploadUrl before finalizing', async () => {
    const report = await runPublish(project, { now: due, env, sleep: fakeSleep().sleep });
    expect(report.outcomes.map((o) => [o.kind, o.message])).toEqual([['published', undefined]]);
    const [urn, video] = [...linkedin.videos.entries()][0]!;
    expect(video).toMatchObject({ uploadCaptions: true, finalized: true });
    expect(video.captions?.bytes.toString('utf8')).toBe(captionsVtt);
    const steps = linkedin.requests.map((r) => `${r.method} ${r.path.replace(/\/D5610AQ\d+/, '/:id')}`);
    expect(steps.indexOf('PUT /upload-captions/:id')).toBeLessThan(
      steps.indexOf('POST /rest/videos?action=finalizeUpload'),
    );
    expect([...linkedin.posts.values()][0]!.content?.media?.id).toBe(urn);
  });

  it("records LinkedIn's refusal of the captions and posts nothing", async () => {
    linkedin.failCaptions = 'Invalid captions file';
    const report = await runPublish(project, {
      now: due,
      env,
      retry: tryOnce,
    });
    expect(report.outcomes[0]).toMatchObject({
      kind: 'failed',
      message:
        'LinkedIn refused the captions content/posts/2026/12/tour.vtt: HTTP 400: Invalid captions file (not sent again unless the post changes)',
    });
    expect(linkedin.posts.size).toBe(0);
  });
});
