import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The test videos of tests/helpers/video/ (see its README for how they were made). */
export function testVideo(name: 'clip-40s' | 'clip-150s' | 'clip-hevc'): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(import.meta.dirname, 'video', `${name}.mp4`)));
}

/** A small valid WebVTT captions file. */
export const captionsVtt = 'WEBVTT\n\n00:00.000 --> 00:04.000\nWelcome to the annual meeting.\n';

/**
 * clip-40s grown past `bytes` by a trailing free box (ISO/IEC 14496-12, 8.1.2: space a reader
 * skips): still a valid 40-second MP4, large enough to go up in several parts.
 */
export function paddedVideo(bytes: number): Uint8Array<ArrayBuffer> {
  const clip = testVideo('clip-40s');
  const padded = new Uint8Array(clip.length + bytes);
  padded.set(clip);
  new DataView(padded.buffer).setUint32(clip.length, bytes);
  padded.set([0x66, 0x72, 0x65, 0x65], clip.length + 4);
  return padded;
}
