import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import type { Payload } from '../lib/payload.ts';
import { setupFailure } from './failure.ts';

/** An image ready to upload: its bytes, type and size, with the alt text the post gives it. */
export interface LoadedMedia {
  /** Relative to the project root, as in the post. */
  file: string;
  alt: string;
  data: Uint8Array;
  mimeType: string;
  width?: number;
  height?: number;
}

const mimeTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/**
 * Reads a payload's images from the project. A missing or unreadable image is a setup failure that
 * names the file, so that channel's delivery fails clearly and the others still go out.
 */
export async function loadMedia(root: string, media: Payload['media']): Promise<LoadedMedia[]> {
  return Promise.all(
    media.map(async (item): Promise<LoadedMedia> => {
      let data: Uint8Array;
      try {
        data = new Uint8Array(await readFile(join(root, item.file)));
      } catch (error) {
        const missing = (error as { code?: string }).code === 'ENOENT';
        throw setupFailure(missing ? `the image ${item.file} does not exist: add the file or fix media.src in the post` : `the image ${item.file} cannot be read: ${(error as Error).message}`);
      }
      let size: ReturnType<typeof imageSize>;
      try {
        size = imageSize(data);
      } catch {
        throw setupFailure(`${item.file} is not an image Herald can send (use JPEG, PNG, GIF or WebP)`);
      }
      const mimeType = size.type ? mimeTypes[size.type] : undefined;
      if (!mimeType) throw setupFailure(`${item.file} is a ${size.type ?? 'file'} image; networks accept JPEG, PNG, GIF and WebP`);
      return { file: item.file, alt: item.alt, data, mimeType, width: size.width, height: size.height };
    }),
  );
}
