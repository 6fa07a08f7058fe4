import type { NetworkName } from '../../schemas/config.ts';
import type { PostMedia } from '../project/model.ts';
import {
  captionsFormat,
  codecFamily,
  codecLabel,
  isCaptionsName,
  isVideoName,
  videoCodecs,
  videoFormat,
  videoFormatId,
} from '../networks/video-formats.ts';
import { networkProfiles } from '../networks/profiles.ts';
import type { Position, Problem } from '../project/problems.ts';
import type { MediaFileInfo, VideoInfo } from '../project/source.ts';
import { listing, plural } from './context.ts';
import { finding } from './registry.ts';

/** Whether a media item is a video: by its name, or by its content when the name says otherwise. */
export function isVideo(item: PostMedia, file: MediaFileInfo | undefined): boolean {
  return isVideoName(item.file) || file?.format === videoFormatId;
}

/**
 * What is wrong with a video file itself, whatever the networks: its name and content must agree on
 * MP4 and mp4box must find its movie header. Undefined when it is a video Herald can send.
 */
export function videoFileProblem(item: PostMedia, file: MediaFileInfo): string | undefined {
  if (file.format !== videoFormatId) {
    return `${item.file} is not an MP4 video (its content is ${file.format ? file.format.toUpperCase() : 'not a format Herald knows'}). Export it as MP4 with H.264 video`;
  }
  if (!isVideoName(item.file)) {
    const name = item.file.slice(item.file.lastIndexOf('/') + 1);
    const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
    return `${item.file} holds an MP4 video, but its name says otherwise: rename it to ${stem}${videoFormat.extensions[0]}, as a web server would serve it by its name`;
  }
  if (!file.video) {
    return `${item.file} cannot be read as a video (no movie header: the file may be cut off). Export it again as MP4`;
  }
  return undefined;
}

/** "40 seconds", "150 seconds", "3 minutes", "4 min 10 s": seconds up to three minutes, as X states its limit. */
export function duration(seconds: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  if (rounded < 180) return plural(rounded, 'second');
  const minutes = Math.floor(rounded / 60);
  const rest = Math.round(rounded - minutes * 60);
  return rest === 0 ? plural(minutes, 'minute') : `${minutes} min ${rest} s`;
}

type Add = (
  rule: string,
  at: Position,
  network: NetworkName,
  limit: string,
  message: (names: string, networks: NetworkName[]) => string,
) => void;

const accept = (names: string) => `accept${names.includes(' and ') ? '' : 's'}`;

/** A readable video against one network's limits (its profile's media.video). */
export function checkVideo(
  add: Add,
  item: PostMedia,
  video: VideoInfo & { size: number },
  network: NetworkName,
  at: Position,
) {
  const media = networkProfiles[network].media;
  if (!media) return;
  const limits = media.video;
  if (!limits) {
    add(
      'media/format',
      at,
      network,
      'video',
      (names) =>
        `${names} ${accept(names)} no video from Herald. Leave ${names} out of channels, or post an image instead.`,
    );
    return;
  }
  const { maxSeconds, minSeconds, maxBytes, codecs, maxPixels, maxWidth } = limits;
  if (maxSeconds !== undefined && video.seconds > maxSeconds) {
    add(
      'media/video-too-long',
      at,
      network,
      `${maxSeconds}`,
      (names) =>
        `${item.file} is ${duration(video.seconds)} long; ${names} ${accept(names)} videos up to ${duration(maxSeconds)}. Cut it to ${duration(maxSeconds)} or less.`,
    );
  }
  if (minSeconds !== undefined && video.seconds < minSeconds) {
    add(
      'media/video-too-short',
      at,
      network,
      `${minSeconds}`,
      (names) =>
        `${item.file} is ${duration(video.seconds)} long; ${names} ${accept(names)} videos of at least ${duration(minSeconds)}. Use a longer clip.`,
    );
  }
  if (video.size > maxBytes) {
    add(
      'media/file-too-large',
      at,
      network,
      `${maxBytes}`,
      (names) =>
        `${item.file} is ${megabytes(video.size)}; ${names} ${accept(names)} videos up to ${megabytes(maxBytes)}. Export it at a lower bitrate.`,
    );
  }
  if (codecs && video.codec && !codecs.includes(codecFamily(video.codec))) {
    const wanted = [...new Set(codecs.map((c) => (videoCodecs as Record<string, string>)[c] ?? c))];
    add(
      'media/video-codec',
      at,
      network,
      codecs.join(','),
      (names) =>
        `${item.file} is encoded as ${codecLabel(video.codec!)}; ${names} ${accept(names)} ${listing(wanted)} video. Export it again as MP4 with ${wanted[0]}.`,
    );
  }
  const pixels = (video.width ?? 0) * (video.height ?? 0);
  if (maxPixels !== undefined && pixels > maxPixels) {
    add(
      'media/dimensions',
      at,
      network,
      `${maxPixels}`,
      (names) =>
        `${item.file} is ${video.width} × ${video.height} pixels; ${names} ${accept(names)} videos of at most ${(maxPixels / 1e6).toFixed(1)} million pixels (3840 × 2160). Scale it down.`,
    );
  }
  if (maxWidth !== undefined && (video.width ?? 0) > maxWidth) {
    add(
      'media/dimensions',
      at,
      network,
      `w${maxWidth}`,
      (names) =>
        `${item.file} is ${video.width} pixels wide; ${names} ${accept(names)} videos at most ${maxWidth} pixels wide. Scale it down (to 1920 × 1080, or 1080 × 1920 upright).`,
    );
  }
}

/**
 * A post's video goes out alone on every network Herald sends to, except where the network puts
 * videos and images in one carousel (its profile's video.inCarousel: Threads). One finding, at the
 * second video or the first image next to a video, naming the networks that cannot take the mix
 * when some of the post's networks can.
 */
export function videoMixProblem(
  post: { file: string; media: PostMedia[] },
  videos: boolean[],
  at: (i: number) => Position,
  networks: readonly NetworkName[],
): Problem | undefined {
  const count = videos.filter(Boolean).length;
  if (count === 0 || post.media.length === 1) return undefined;
  // A network without a media profile (a webhook) takes every file as a link.
  const withMedia = networks.filter((n) => networkProfiles[n].media);
  const refusing = withMedia.filter((n) => !networkProfiles[n].media?.video?.inCarousel);
  if (refusing.length === 0) return undefined;
  const taking = withMedia.filter((n) => !refusing.includes(n)).map((n) => networkProfiles[n].label);
  const names = listing(refusing.map((n) => networkProfiles[n].label));
  const second = count > 1 ? videos.indexOf(true, videos.indexOf(true) + 1) : videos.indexOf(false);
  const message =
    taking.length === 0
      ? count > 1
        ? `This post has ${plural(count, 'video')}; a post carries one video. Make a post for each.`
        : `This post has a video and ${plural(post.media.length - 1, 'image')}; no network takes a video together with images. Make a separate post for the images.`
      : count > 1
        ? `This post has ${plural(count, 'video')}; ${names} ${accept(names)} one video a post (only ${listing(taking)} puts several in a carousel). Make a post for each there, or leave ${names} out of this post.`
        : `This post has a video and ${plural(post.media.length - 1, 'image')}; ${names} ${accept(names)} no video together with images (only ${listing(taking)} puts them in one carousel). Make a separate post for the images there, or leave ${names} out of this post.`;
  return finding('media/video-mix', post.file, at(second), message);
}

/** What is wrong with a video's captions file (`captions:`), if anything. */
export function captionsProblem(item: PostMedia, video: boolean, file: MediaFileInfo | undefined): string | undefined {
  const path = item.captionsFile;
  if (path === undefined) return undefined;
  if (!video)
    return `Captions go with a video, and ${item.file} is not one. Remove captions:, or put them in the alt text.`;
  if (!file)
    return `There is no file ${path}. Put the captions next to the post, or correct the name (it is case-sensitive).`;
  if (file.symlink) return `${path} is a symbolic link, which Herald never follows. Copy the captions there instead.`;
  if (file.format !== 'vtt' || !file.captions) {
    return `${path} is not a WebVTT file (it must start with the line WEBVTT). Export the captions as ${captionsFormat.label} (${captionsFormat.extensions[0]}).`;
  }
  if (!isCaptionsName(path))
    return `${path} holds WebVTT captions, but its name says otherwise: rename it to end in ${captionsFormat.extensions[0]}.`;
  const problem = file.captions.problem;
  if (problem)
    return `${path} is not valid WebVTT: line ${problem.line}: ${problem.message} Fix it, or export the captions again.`;
  return undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
