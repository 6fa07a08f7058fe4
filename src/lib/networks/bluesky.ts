import type { NetworkProfile } from './profile.ts';

/**
 * Bluesky, from the lexicons @atproto/api carries (tests/lib/count.test.ts compares them):
 * - Text: app.bsky.feed.post, text maxGraphemes 300 and maxLength 3,000 (UTF-8 bytes), counted as
 *   @atproto/api's RichText does (Intl.Segmenter graphemes, UTF-8 bytes). Links count in full.
 * - Threads: a post replies to the one before and the first (reply.parent, reply.root).
 * - Images: app.bsky.embed.images, 4 images; the image blob takes image/* up to 2,000,000 bytes;
 *   the official app's 2,000-grapheme alt text, and the formats its image service renders (JPEG,
 *   PNG, GIF, WebP; not HEIC).
 * - Video: app.bsky.embed.video (one video, never with images, since a post has one embed), its
 *   video blob up to 100,000,000 bytes, up to 20 captions files of text/vtt up to 20,000 bytes
 *   each; the video service (docs.bsky.app/docs/tutorials/video) takes up to 3 minutes and
 *   re-encodes what it receives, so any codec it decodes will do.
 * - Credentials: an app password (the handle is in herald.yaml).
 */
export const bluesky = {
  label: 'Bluesky',
  text: { counting: 'graphemes', limit: 300, maxBytes: 3000, contentWarning: false },
  threads: true,
  media: {
    images: 4,
    altLength: 2000,
    altCounting: 'graphemes',
    formats: {
      jpg: { maxBytes: 2_000_000 },
      png: { maxBytes: 2_000_000 },
      gif: { maxBytes: 2_000_000 },
      webp: { maxBytes: 2_000_000 },
    },
    video: { maxSeconds: 180, maxBytes: 100_000_000, captions: true },
  },
  privateByDefault: false,
  credentials: ['APP_PASSWORD'],
} as const satisfies NetworkProfile;
