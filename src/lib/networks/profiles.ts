import type { NetworkName } from '../../schemas/config.ts';
import { graphemeCount } from '../count.ts';
import type { ImageFormatId } from './formats.ts';

/**
 * One profile per network: what Herald knows about it, in one place, for the rules, the site and the
 * publisher alike. Today a profile holds the network's name and what it takes as images; its text
 * limits and credentials are still defined next to the code that uses them (src/lib/count.ts,
 * src/publish/credentials.ts) and belong here as they are touched.
 *
 * Images, from each network's published limits:
 * - Mastodon: the MediaAttachment model (app/models/media_attachment.rb and
 *   app/models/concerns/media_attachment/mime_types.rb: IMAGE_LIMIT 16 MB, MAX_IMAGE_MATRIX_LIMIT
 *   33,177,600 pixels, MAX_DESCRIPTION_LENGTH 1,500 characters) and 4 attachments per status.
 *   IMAGE_MIME_TYPES also lists image/heic, image/heif and image/avif, but as
 *   IMAGE_CONVERTIBLE_MIME_TYPES: the server re-encodes them with libvips' HEIF loader, which
 *   depends on how the server was built (servers without libheif, or that block the loader after its
 *   security advisories, refuse them). Herald takes only what every server stores as sent; the site
 *   could not show HEIC in a browser's preview either.
 * - Bluesky: the app.bsky.embed.images lexicon (4 images; the image blob takes image/* up to
 *   2,000,000 bytes); the official app's 2,000-grapheme alt text, and the formats its image service
 *   renders (JPEG, PNG, GIF, WebP).
 * - X: media best practices (4 images; JPG, PNG, WEBP up to 5 MB, GIF up to 15 MB) and 1,000
 *   characters of alt text.
 * - LinkedIn: the Images API (JPG, PNG, GIF; at most 36,152,320 pixels), up to 20 images in a
 *   multi-image post, alt text up to 4,086 characters.
 * - Webhooks receive the images as links to the site: any format above, no limits.
 */

export interface MediaProfile {
  /** Images in one post. */
  images: number;
  altLength: number;
  /** How the network counts alt text. */
  countAlt: (alt: string) => number;
  /** The formats the network takes, each with its largest file where the network sets one. */
  formats: Partial<Record<ImageFormatId, { maxBytes?: number }>>;
  /** Largest width × height. */
  maxPixels?: number;
}

export interface NetworkProfile {
  /** The network's name as people write it. */
  label: string;
  /** Undefined: the network takes the images as links, without limits of its own. */
  media?: MediaProfile;
}

const codePoints = (text: string) => [...text].length;
const mb = 1024 * 1024;

export const networkProfiles: Record<NetworkName, NetworkProfile> = {
  mastodon: {
    label: 'Mastodon',
    media: {
      images: 4,
      altLength: 1500,
      countAlt: codePoints,
      formats: { jpg: { maxBytes: 16 * mb }, png: { maxBytes: 16 * mb }, gif: { maxBytes: 16 * mb }, webp: { maxBytes: 16 * mb } },
      maxPixels: 33_177_600,
    },
  },
  bluesky: {
    label: 'Bluesky',
    media: {
      images: 4,
      altLength: 2000,
      countAlt: graphemeCount,
      formats: { jpg: { maxBytes: 2_000_000 }, png: { maxBytes: 2_000_000 }, gif: { maxBytes: 2_000_000 }, webp: { maxBytes: 2_000_000 } },
    },
  },
  x: {
    label: 'X',
    media: {
      images: 4,
      altLength: 1000,
      countAlt: codePoints,
      formats: { jpg: { maxBytes: 5 * mb }, png: { maxBytes: 5 * mb }, gif: { maxBytes: 15 * mb }, webp: { maxBytes: 5 * mb } },
    },
  },
  linkedin: {
    label: 'LinkedIn',
    media: {
      images: 20,
      altLength: 4086,
      countAlt: codePoints,
      formats: { jpg: {}, png: {}, gif: {} },
      maxPixels: 36_152_320,
    },
  },
  webhook: { label: 'Webhook' },
};

/** Whether a network takes images of a format (a network without a media profile takes them all). */
export function takesFormat(network: NetworkName, format: ImageFormatId): boolean {
  const media = networkProfiles[network].media;
  return !media || format in media.formats;
}
