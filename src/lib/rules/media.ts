import type { NetworkName } from '../../schemas/config.ts';
import { locate } from '../project/locate.ts';
import type { Post, PostMedia } from '../project/model.ts';
import { judgeImage, mediaPathProblem, type ImageFormatId } from '../networks/formats.ts';
import { countAs } from '../text/count.ts';
import { formatRefusal, networkProfiles, type MediaProfile } from '../networks/profiles.ts';
import type { Position, Problem } from '../project/problems.ts';
import { publicImage } from '../publishing/public-media.ts';
import { occurrences } from '../publishing/schedule.ts';
import type { MediaFileInfo } from '../project/source.ts';
import { wallClockOf } from '../time/time.ts';
import { channelsOf, listing, networksOf, plural, type Rules } from './context.ts';
import { finding } from './registry.ts';
import { captionsProblem, checkVideo, isVideo, videoFileProblem, videoMixProblem } from './video.ts';

/** Bluesky takes a card's picture (app.bsky.embed.external's thumb) up to this many bytes. */
const cardImageBytes = 1_000_000;

/** The picture of a post's `card:`: there, an image, and small enough for Bluesky's thumb. */
function cardImage(
  post: Post,
  media: Record<string, MediaFileInfo>,
  channels: Parameters<typeof channelsOf>[1],
): Problem[] {
  const file = post.card?.file;
  if (!file) return [];
  const at = locate(post.frontmatter, ['card', 'image']);
  const outside = mediaPathProblem(file);
  if (outside) return [finding('media/location', post.file, at, `${outside}.`)];
  const info = media[file];
  if (!info)
    return [
      finding(
        'media/missing-file',
        post.file,
        at,
        `There is no file ${file} for the card's picture. Put the image next to the post, or correct the name (it is case-sensitive).`,
      ),
    ];
  const verdict = info.symlink ? undefined : judgeImage(file, info.format);
  if (!verdict)
    return [
      finding(
        'media/location',
        post.file,
        at,
        `${file} is a symbolic link, which Herald never follows. Copy the image there instead.`,
      ),
    ];
  if (!verdict.ok) return [finding('media/format', post.file, at, `${verdict.reason}.`)];
  const toBluesky = channelsOf(post, channels).some((c) => networkProfiles[c.network].linkCard === 'embed');
  if (toBluesky && post.media.length === 0 && info.size > cardImageBytes)
    return [
      finding(
        'media/file-too-large',
        post.file,
        at,
        `The card's picture ${file} is ${info.size.toLocaleString('en')} bytes; Bluesky takes at most ${cardImageBytes.toLocaleString('en')} for a card. Make it smaller.`,
      ),
    ];
  return [];
}

/**
 * Per image or video: the file is there and each network of the post takes it; the licence lasts. A
 * video (./video.ts) goes out alone, within each network's length, size and codec, with valid captions.
 */
export const mediaRules: Rules = ({ project, config }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    found.push(...cardImage(post, project.media, project.channels));
    if (post.media.length === 0) continue;
    const networks = networksOf(post, project.channels);
    const at = (path: (string | number)[]) => locate(post.frontmatter, ['media', ...path]);
    const failing = new Failing(post);

    for (const network of networks) {
      const limits = networkProfiles[network].media;
      if (limits && post.media.length > limits.images) {
        failing.add(
          'media/too-many',
          at([limits.images]),
          network,
          `${limits.images}`,
          (names, named) =>
            `This post has ${plural(post.media.length, 'image')}; ${names} accept${names.includes(' and ') ? '' : 's'} at most ${limits.images}. Remove ${post.media.length - limits.images}${named.every((n) => networkProfiles[n].threads) ? ', or post them in a thread' : ''}.`,
        );
      }
    }

    const videos = post.media.map((item) => isVideo(item, project.media[item.file]));
    const mixed = videoMixProblem(post, videos, (i) => at([i, 'src']), networks);
    if (mixed) found.push(mixed);
    // A network that fetches images itself (Threads) needs the site's public copy of them.
    const fetching = channelsOf(post, project.channels).filter((c) => networkProfiles[c.network].media?.byAddress);
    const where = fetching.length > 0 ? publicImage(post, post.media[0]!.file, config, project.channels) : undefined;
    if (where && 'refused' in where)
      found.push(
        finding(
          'media/public-address',
          post.file,
          locate(post.frontmatter, ['media']),
          `${where.refused} (channel ${listing(fetching.map((c) => c.id))}).`,
        ),
      );

    post.media.forEach((item, i) => {
      const outside = mediaPathProblem(item.file);
      const file = outside ? undefined : project.media[item.file];
      const video = videos[i]!;
      const captionsOutside = item.captionsFile !== undefined ? mediaPathProblem(item.captionsFile) : undefined;
      const captions = captionsOutside
        ? `${captionsOutside}.`
        : captionsProblem(item, video, item.captionsFile !== undefined ? project.media[item.captionsFile] : undefined);
      if (captions) found.push(finding('media/captions', post.file, at([i, 'captions']), captions));
      if (video && !outside && file && !file.symlink) {
        const problem = videoFileProblem(item, file);
        if (problem) found.push(finding('media/format', post.file, at([i, 'src']), `${problem}.`));
        for (const network of networks) {
          const limits = networkProfiles[network].media;
          if (limits) checkAlt(failing, item, i, network, limits, at);
          if (!problem && file.video) {
            checkVideo(failing.add.bind(failing), item, { ...file.video, size: file.size }, network, at([i, 'src']));
          }
        }
        const lapsed = item.expiresAt && licenceLapse(post, item);
        if (lapsed) found.push(finding('media/licence-expired', post.file, at([i, 'expiresAt']), lapsed));
        return;
      }
      const verdict = file && !file.symlink && !video ? judgeImage(item.file, file.format) : undefined;
      if (outside) {
        found.push(finding('media/location', post.file, at([i, 'src']), `${outside}.`));
      } else if (!file) {
        found.push(
          finding(
            'media/missing-file',
            post.file,
            at([i, 'src']),
            `There is no file ${item.file}. Put the file next to the post, or correct the name (it is case-sensitive).`,
          ),
        );
      } else if (!verdict && file.symlink) {
        found.push(
          finding(
            'media/location',
            post.file,
            at([i, 'src']),
            `${item.file} is a symbolic link (or inside a linked folder), which Herald never follows. Copy the image there instead.`,
          ),
        );
      } else if (verdict && !verdict.ok) {
        found.push(finding('media/format', post.file, at([i, 'src']), `${verdict.reason}.`));
      }
      const lapsed = item.expiresAt && licenceLapse(post, item);
      if (lapsed) found.push(finding('media/licence-expired', post.file, at([i, 'expiresAt']), lapsed));
      for (const network of networks) {
        const limits = networkProfiles[network].media;
        if (limits)
          checkImage(
            failing,
            item,
            i,
            verdict?.ok && file ? { ...file, format: verdict.format } : undefined,
            network,
            limits,
            at,
          );
      }
    });
    found.push(...failing.findings());
  }
  return found;
};

/**
 * Why the image's licence ends too soon: before the post, or before one of its repetitions (which the
 * publisher would then skip as expired); undefined when it lasts.
 */
function licenceLapse(post: Post, item: PostMedia): string | undefined {
  const ends = item.expiresAt!;
  const endDate = wallClockOf(ends, post.timezone).date;
  if (ends <= post.publishAt) {
    return `The licence for ${item.src} ends (${endDate}) before the post is published (${post.written.publishAt}). Use another image, extend the licence, or publish earlier.`;
  }
  const times = occurrences(post);
  const first = times.findIndex((at) => Date.parse(at) >= Date.parse(ends));
  if (first === -1) return undefined;
  const last = wallClockOf(times[first - 1]!, post.timezone).date;
  const skipped = wallClockOf(times[first]!, post.timezone);
  // repeat.until is a day: it can stop the repetitions only when the last good one is on an earlier day.
  const until = last < skipped.date ? `Set repeat.until to ${last}, extend` : 'Extend';
  return `The licence for ${item.src} ends (${endDate}) before the repetition on ${skipped.date} ${skipped.time}; ${plural(times.length - first, 'repetition')} would not be sent. ${until} the licence, or use another image.`;
}

/** `file`: the image when it is one Herald sends (see judgeImage), with its format, else undefined. */
function checkImage(
  failing: Failing,
  item: PostMedia,
  i: number,
  file: (MediaFileInfo & { format: ImageFormatId }) | undefined,
  network: NetworkName,
  limits: MediaProfile,
  at: (path: (string | number)[]) => Position,
) {
  checkAlt(failing, item, i, network, limits, at);
  if (file) checkImageFile(failing, item, i, file, network, limits, at);
}

/** Alt text within the network's length, for an image or a video. */
function checkAlt(
  failing: Failing,
  item: PostMedia,
  i: number,
  network: NetworkName,
  limits: MediaProfile,
  at: (path: (string | number)[]) => Position,
) {
  const alt = countAs(limits.altCounting, item.alt);
  if (alt > limits.altLength) {
    failing.add(
      'media/alt-too-long',
      at([i, 'alt']),
      network,
      `${limits.altLength}`,
      (names) =>
        `This alt text is ${plural(alt, 'character')}; ${names} accept${names.includes(' and ') ? '' : 's'} at most ${limits.altLength}. Shorten it by ${alt - limits.altLength}; put longer descriptions in the post.`,
    );
  }
}

/** The image's file, when it is one Herald sends: a format, size and pixels the network takes. */
function checkImageFile(
  failing: Failing,
  item: PostMedia,
  i: number,
  file: MediaFileInfo & { format: ImageFormatId },
  network: NetworkName,
  limits: MediaProfile,
  at: (path: (string | number)[]) => Position,
) {
  const { format } = file;
  const accepted = limits.formats[format];
  if (!accepted) {
    failing.add(
      'media/format',
      at([i, 'src']),
      network,
      format,
      (_names, networks) => `${formatRefusal(item.file, format, networks)}.`,
    );
    return;
  }
  const maxBytes = accepted.maxBytes;
  if (maxBytes !== undefined && file.size > maxBytes) {
    failing.add(
      'media/file-too-large',
      at([i, 'src']),
      network,
      `${maxBytes}`,
      (names) =>
        `${item.file} is ${megabytes(file.size)}; ${names} accept${names.includes(' and ') ? '' : 's'} images up to ${megabytes(maxBytes)}. Export it smaller (a JPG of 2,000 pixels across is plenty).`,
    );
  }
  const pixels = (file.width ?? 0) * (file.height ?? 0);
  if (limits.maxPixels !== undefined && pixels > limits.maxPixels) {
    failing.add(
      'media/dimensions',
      at([i, 'src']),
      network,
      `${limits.maxPixels}`,
      (names) =>
        `${item.file} is ${file.width} × ${file.height} pixels; ${names} accept${names.includes(' and ') ? '' : 's'} at most ${(limits.maxPixels! / 1e6).toFixed(1)} million pixels. Scale it down.`,
    );
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Collects one finding per rule, place and limit, naming every network that fails it. */
class Failing {
  private readonly post: Post;
  private readonly groups = new Map<
    string,
    { rule: string; at: Position; networks: NetworkName[]; message: (names: string, networks: NetworkName[]) => string }
  >();

  constructor(post: Post) {
    this.post = post;
  }

  add(
    rule: string,
    at: Position,
    network: NetworkName,
    limit: string,
    message: (names: string, networks: NetworkName[]) => string,
  ) {
    const key = `${rule}:${at.line}:${at.column}:${limit}`;
    const group = this.groups.get(key) ?? { rule, at, networks: [], message };
    group.networks.push(network);
    this.groups.set(key, group);
  }

  findings(): Problem[] {
    return [...this.groups.values()].map(({ rule, at, networks, message }) =>
      finding(rule, this.post.file, at, message(listing(networks.map((n) => networkProfiles[n].label)), networks)),
    );
  }
}
