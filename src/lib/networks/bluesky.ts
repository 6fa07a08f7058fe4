import type { NetworkProfile } from './profile.ts';

/** A post's link on the network's site: what `quote:` and `repost:` name. */
const postLink = {
  link: /^https:\/\/bsky\.app\/profile\/[^/]+\/post\/[234567a-z]{13}\/?$/,
  example: 'https://bsky.app/profile/example.bsky.social/post/3lxyzabc2def2',
};

/**
 * Bluesky, from the lexicons @atproto/api carries (tests/lib/text/count.test.ts compares them):
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
 * - Replies and quotes: an app.bsky.feed.threadgate record (allow: followingRule, followerRule,
 *   mentionRule, or none for no one) on the thread's first post, and an app.bsky.feed.postgate record
 *   (embeddingRules: disableRule) on each post, both under the post's record key; no rule for quotes
 *   by followers only (https://docs.bsky.app/docs/tutorials/thread-gates, app.bsky.feed.threadgate).
 * - Quoting: an app.bsky.embed.record (app.bsky.embed.recordWithMedia beside images) naming the
 *   quoted post's at-uri and cid, from its bsky.app link.
 * - Reposting: an app.bsky.feed.repost record whose subject is the post's at-uri and cid
 *   (https://docs.bsky.app/docs/advanced-guides/posts, lexicons/app/bsky/feed/repost.json), under a
 *   record key from the delivery, so asking again finds it; undone by deleting the record.
 * - Logins: com.atproto.server.createSession, 30 per 5 minutes and 300 a day per account
 *   (https://docs.bsky.app/docs/advanced-guides/rate-limits). Herald logs in once per run that has
 *   something to do on Bluesky.
 * - Link cards: the poster sends them (app.bsky.embed.external: uri, title, description, thumb
 *   blob of image/* up to 1,000,000 bytes); a post has one embed, so none beside images.
 * - Credentials: an app password (the handle is in herald.yaml).
 * - Language: app.bsky.feed.post's langs, BCP 47 tags (at most 3; Herald sends one).
 * - Content labels: the record's labels, com.atproto.label.defs#selfLabels; the app honours sexual,
 *   nudity, porn and graphic-media on media (the global label values of com.atproto.label.defs).
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
  gates: { replies: ['everyone', 'following', 'followers', 'mentioned', 'nobody'], quotes: ['everyone', 'nobody'] },
  quoting: {
    ...postLink,
    withPoll: true,
  },
  reposting: { ...postLink, repeatable: true },
  loginsPerDay: 300,
  privateByDefault: false,
  credentials: ['APP_PASSWORD'],
  language: 'bcp47',
  contentLabels: 'self-labels',
  linkCard: 'embed',
} as const satisfies NetworkProfile;
