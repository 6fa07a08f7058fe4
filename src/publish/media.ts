import type { Payload } from '../lib/text/payload.ts';
import { formatRefusal, takesFormat, networkProfiles } from '../lib/networks/profiles.ts';
import {
  imageFromBytes,
  readImage,
  captionsFromBytes,
  readMediaBytes,
  videoFromBytes,
} from '../lib/project/read-content.ts';
import type { NetworkName } from '../schemas/config.ts';
import { setupFailure } from './failure.ts';
import { isVideoName, videoFormat } from '../lib/networks/video-formats.ts';
import type { VideoInfo } from '../lib/project/source.ts';

/** An image or video ready to upload: its bytes, type and size, with the alt text the post gives it. */
export interface LoadedMedia {
  /** Relative to the project root, as in the post. */
  file: string;
  alt: string;
  data: Uint8Array;
  mimeType: string;
  width?: number;
  height?: number;
  /** Only for a video: what mp4box read from it (length, codec, picture size). */
  video?: VideoInfo;
  /** A video's WebVTT captions, where the payload sends them. */
  captions?: { file: string; lang: string; data: Uint8Array };
}

type Read = (file: string) => Promise<Uint8Array>;

/**
 * Reads a payload's images or video, judged as the media rules judge them: with `read`, the approval
 * gate's reviewed bytes (from git, never the work tree); else from the project (readImage and
 * readMediaBytes: only a file under content/posts/, never through a link). Content and name must
 * agree on a format `network` takes; a video must be an MP4 mp4box reads, its captions valid WebVTT.
 * Anything else is a setup failure that names the file, so that channel's delivery fails clearly and
 * the others still go out, even when herald.yaml turned the media rules off.
 */
export async function loadMedia(
  root: string,
  media: Payload['media'],
  network?: NetworkName,
  read?: Read,
): Promise<LoadedMedia[]> {
  return Promise.all(
    media.map(async (item): Promise<LoadedMedia> => {
      if (isVideoName(item.file)) return loadVideo(root, item, network, read);
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

async function loadVideo(
  root: string,
  item: Payload['media'][number],
  network: NetworkName | undefined,
  read: Read | undefined,
): Promise<LoadedMedia> {
  const profile = network ? networkProfiles[network].media : undefined;
  if (network && profile && !profile.video) {
    throw setupFailure(`${item.file} is a video, which Herald does not send to ${networkProfiles[network].label}`);
  }
  const data = await bytesOf(root, item.file, 'video', read);
  const found = videoFromBytes(item.file, data);
  if (!found.ok) throw setupFailure(found.reason);
  const { video } = found;
  let captions: LoadedMedia['captions'];
  if (item.captions) {
    const text = await bytesOf(root, item.captions.file, 'captions', read);
    const valid = captionsFromBytes(item.captions.file, text);
    if (!valid.ok) throw setupFailure(valid.reason);
    captions = { file: item.captions.file, lang: item.captions.lang, data: text };
  }
  return {
    file: item.file,
    alt: item.alt,
    data,
    mimeType: videoFormat.mimeType,
    ...(video.width !== undefined && { width: video.width }),
    ...(video.height !== undefined && { height: video.height }),
    video,
    ...(captions && { captions }),
  };
}

async function bytesOf(
  root: string,
  file: string,
  noun: string,
  read: Read | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  if (read) {
    try {
      return new Uint8Array(await read(file));
    } catch (error) {
      throw setupFailure(`the reviewed ${noun} ${file} cannot be read from git: ${(error as Error).message}`);
    }
  }
  const found = await readMediaBytes(root, file, noun, noun === 'captions' ? 'media.captions' : 'media.src');
  if (!found.ok) throw setupFailure(found.reason);
  return found.bytes;
}

async function reviewed(file: string, read: Read): Promise<ReturnType<typeof imageFromBytes>> {
  try {
    return imageFromBytes(file, new Uint8Array(await read(file)));
  } catch (error) {
    return { ok: false, reason: `the reviewed image ${file} cannot be read from git: ${(error as Error).message}` };
  }
}
