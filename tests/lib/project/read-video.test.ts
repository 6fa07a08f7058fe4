import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContent } from '../../../src/lib/project/read-content.ts';
import { captionsVtt, testVideo } from '../../helpers/video.ts';

let dir: string;
const folder = 'content/posts/2026/12';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-video-'));
  await mkdir(join(dir, folder), { recursive: true });
  const put = (name: string, content: string | Uint8Array) => writeFile(join(dir, folder, name), content);
  await put('tour.mp4', testVideo('clip-40s'));
  await put('long.mp4', testVideo('clip-150s'));
  await put('hevc.mp4', testVideo('clip-hevc'));
  // A video cut off before its movie header: the media data is there, the header is not.
  await put('cut.mp4', testVideo('clip-150s').subarray(0, 1200));
  await put('tour.vtt', captionsVtt);
  await put('bom.vtt', `\uFEFF${captionsVtt}`);
  await put('arrow.vtt', 'WEBVTT\n\n00:00.000 -> 00:04.000\nWelcome.\n');
  await put('srt.vtt', '1\n00:00:00,000 --> 00:00:04,000\nWelcome.\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function measured(name: string) {
  const files = await readContent(dir);
  return files.find((f) => f.path === `${folder}/${name}`)!.media;
}

it('reads length, codec and picture size of an MP4 whose movie header comes first', async () => {
  expect(await measured('tour.mp4')).toEqual({
    size: testVideo('clip-40s').length,
    format: 'mp4',
    video: { seconds: 40, codec: expect.stringMatching(/^avc1\./), width: 64, height: 36 },
  });
});

it('finds the movie header after the media data, as most cameras write it', async () => {
  expect((await measured('long.mp4'))?.video).toMatchObject({ seconds: 150, width: 64, height: 36 });
});

it('names the codec of an HEVC video', async () => {
  expect((await measured('hevc.mp4'))?.video?.codec).toMatch(/^hvc1\./);
});

it('knows a cut-off MP4 by its signature but gives no video when the movie header is missing', async () => {
  expect(await measured('cut.mp4')).toEqual({ size: 1200, format: 'mp4' });
});

it('accepts valid WebVTT captions, with or without a byte order mark', async () => {
  expect(await measured('tour.vtt')).toEqual({ size: captionsVtt.length, format: 'vtt', captions: {} });
  expect((await measured('bom.vtt'))?.captions).toEqual({});
});

it('reports the line of the first WebVTT mistake, and does not take SubRip for WebVTT', async () => {
  expect((await measured('arrow.vtt'))?.captions).toEqual({
    problem: { line: 4, message: expect.stringContaining('timestamp') },
  });
  expect(await measured('srt.vtt')).toEqual({ size: 41 });
});
