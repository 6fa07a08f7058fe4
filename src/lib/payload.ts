import { createHash } from 'node:crypto';
import type { Channel } from '../schemas/config.ts';
import type { Post } from './model.ts';
import { networkProfiles } from './networks/profiles.ts';
import { partsFor } from './posts.ts';

/**
 * Exactly what a channel receives for a post: the dry run prints it, the adapter sends it and the
 * ledger stores its hash. The text comes from `partsFor`, the one source of sent text.
 */
export interface Payload {
  /** The thread, one string per part. */
  parts: string[];
  /**
   * Images, or one video, attached to the first part. `file` and `captions` (a video's WebVTT file,
   * only for a network that takes one) are relative to the project root.
   */
  media: { file: string; alt: string; captions?: { file: string; lang: string } }[];
  /** Only for a network that shows one before the text (its profile's text.contentWarning). */
  contentWarning?: string;
  /** Mastodon only. */
  visibility?: 'public' | 'unlisted' | 'private';
}

export function payloadFor(post: Post, channel: Channel): Payload {
  const payload: Payload = {
    parts: partsFor(post, channel),
    media: post.media.map((item) => ({
      file: item.file,
      alt: item.alt,
      ...(item.captionsFile &&
        networkProfiles[channel.network].media?.video?.captions && {
          captions: { file: item.captionsFile, lang: item.captionsLang ?? 'en' },
        }),
    })),
  };
  if (post.contentWarning && networkProfiles[channel.network].text.contentWarning)
    payload.contentWarning = post.contentWarning;
  // Visibility is a setting of Mastodon channels (herald.yaml) and posts.
  if (channel.network === 'mastodon') payload.visibility = post.visibility ?? channel.visibility ?? 'public';
  return payload;
}

/**
 * A stable fingerprint of a payload. Two payloads hash alike exactly when a network would receive
 * the same thing, so an edit to a post after it went out is noticed, and a cosmetic change elsewhere
 * in its file (title, labels) is not.
 */
export function contentHash(payload: Payload): string {
  const canonical = JSON.stringify([
    payload.parts,
    payload.media.map((m) => (m.captions ? [m.file, m.alt, m.captions.file, m.captions.lang] : [m.file, m.alt])),
    payload.contentWarning ?? null,
    payload.visibility ?? null,
  ]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * The fingerprint of part `index` of a payload as it went out: its text, and for the first part the
 * images and settings sent with it. The ledger keeps one per part that went out, so a thread is
 * continued only when the parts already out are what the post still says.
 */
export function partHash(payload: Payload, index: number): string {
  const extra =
    index === 0
      ? [
          payload.media.map((m) => (m.captions ? [m.file, m.alt, m.captions.file, m.captions.lang] : [m.file, m.alt])),
          payload.contentWarning ?? null,
          payload.visibility ?? null,
        ]
      : null;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify([payload.parts[index] ?? null, extra]))
    .digest('hex')}`;
}
