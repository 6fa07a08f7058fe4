import type { Payload } from '../lib/text/payload.ts';
import { formatRefusal, takesFormat } from '../lib/networks/profiles.ts';
import { imageFromBytes, readImage } from '../lib/project/read-content.ts';
import type { NetworkName } from '../schemas/config.ts';
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

/**
 * Reads a payload's images, judged as the media rules judge them: with `read`, the approval gate's
 * reviewed bytes (from git, never the work tree); else from the project (readImage: only a file under
 * content/posts/, never through a link). Content and name must agree on a format `network` takes.
 * Anything else is a setup failure that names the file, so that channel's delivery fails clearly and
 * the others still go out, even when herald.yaml turned the media rules off.
 */
export async function loadMedia(
  root: string,
  media: Payload['media'],
  network?: NetworkName,
  read?: (file: string) => Promise<Uint8Array>,
): Promise<LoadedMedia[]> {
  return Promise.all(
    media.map(async (item): Promise<LoadedMedia> => {
      const found = read ? await reviewed(item.file, read) : await readImage(root, item.file);
      if (!found.ok) throw setupFailure(found.reason);
      const { bytes, format, mimeType, width, height } = found.image;
      if (network && !takesFormat(network, format)) {
        throw setupFailure(formatRefusal(item.file, format, [network]));
      }
      return {
        file: item.file,
        alt: item.alt,
        data: bytes,
        mimeType,
        ...(width !== undefined && { width }),
        ...(height !== undefined && { height }),
      };
    }),
  );
}

async function reviewed(
  file: string,
  read: (file: string) => Promise<Uint8Array>,
): Promise<ReturnType<typeof imageFromBytes>> {
  try {
    return imageFromBytes(file, new Uint8Array(await read(file)));
  } catch (error) {
    return { ok: false, reason: `the reviewed image ${file} cannot be read from git: ${(error as Error).message}` };
  }
}
