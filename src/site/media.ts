import type { PostMedia } from '../lib/project/model.ts';
import { captionsFromBytes, readImage, readMediaBytes, videoFromBytes } from '../lib/project/read-content.ts';
import { captionsFormat, isVideoName, videoFormat } from '../lib/networks/video-formats.ts';
import type { VideoInfo } from '../lib/project/source.ts';

/** A file the site serves next to a post: an image, a video (with what mp4box read) or captions. */
export interface SiteFile {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  width?: number;
  height?: number;
  video?: VideoInfo;
}

const cache = new Map<string, Promise<SiteFile | undefined>>();

/**
 * A post's image or video as the site serves it, or undefined when Herald would not send it
 * (missing, outside content/posts/, behind a link, or not a file whose content and name agree: see
 * readImage and videoFromBytes). The site serves nothing else, whatever herald.yaml's `rules:` say:
 * the post page shows the finding instead of the file.
 */
export function readMedia(dir: string, media: Pick<PostMedia, 'file'>): Promise<SiteFile | undefined> {
  return cached(dir, media.file, async () => {
    if (!isVideoName(media.file)) {
      const read = await readImage(dir, media.file);
      return read.ok ? read.image : undefined;
    }
    const read = await readMediaBytes(dir, media.file, 'video');
    const video = read.ok ? videoFromBytes(media.file, read.bytes) : undefined;
    if (!read.ok || !video?.ok) return undefined;
    const { width, height } = video.video;
    return {
      bytes: read.bytes,
      mimeType: videoFormat.mimeType,
      ...(width !== undefined && { width }),
      ...(height !== undefined && { height }),
      video: video.video,
    };
  });
}

/** A video's captions file as the site serves it, when it is valid WebVTT (as the rules judge it). */
export function readCaptions(
  dir: string,
  media: Pick<PostMedia, 'file' | 'captionsFile'>,
): Promise<SiteFile | undefined> {
  const file = media.captionsFile;
  if (!file || !isVideoName(media.file)) return Promise.resolve(undefined);
  return cached(dir, file, async () => {
    const read = await readMediaBytes(dir, file, 'captions', 'media.captions');
    if (!read.ok || !captionsFromBytes(file, read.bytes).ok) return undefined;
    return { bytes: read.bytes, mimeType: captionsFormat.mimeType };
  });
}

function cached(dir: string, file: string, read: () => Promise<SiteFile | undefined>): Promise<SiteFile | undefined> {
  const key = `${dir}\n${file}`;
  let found = cache.get(key);
  if (!found) {
    found = read();
    cache.set(key, found);
  }
  return found;
}
