import { imageSize } from 'image-size';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { PostMedia } from '../lib/model.ts';

/** A post's image as the site serves it: its bytes, type and size, or undefined when the file is missing. */
export interface MediaFile {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  width?: number;
  height?: number;
}

const types: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.mp4': 'video/mp4',
};

const cache = new Map<string, Promise<MediaFile | undefined>>();

export function readMedia(dir: string, media: PostMedia): Promise<MediaFile | undefined> {
  const path = join(dir, media.file);
  let file = cache.get(path);
  if (!file) {
    file = readFile(path).then(
      (buffer) => {
        const bytes = Uint8Array.from(buffer);
        let size: { width?: number; height?: number } = {};
        try {
          size = imageSize(bytes);
        } catch {
          // Not an image image-size knows (a video): served without dimensions.
        }
        return { bytes, type: types[extname(path).toLowerCase()] ?? 'application/octet-stream', ...size };
      },
      () => undefined,
    );
    cache.set(path, file);
  }
  return file;
}
