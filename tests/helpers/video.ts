import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test videos of tests/helpers/video/ (see its README for how they were made). */
export function testVideo(name: 'clip-40s' | 'clip-150s' | 'clip-hevc'): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(import.meta.dirname, 'video', `${name}.mp4`)));
}

/** A small valid WebVTT captions file. */
export const captionsVtt = 'WEBVTT\n\n00:00.000 --> 00:04.000\nWelcome to the annual meeting.\n';
