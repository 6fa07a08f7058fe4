import type { NetworkProfile } from './profile.ts';

const mb = 1024 * 1024;

/**
 * Threads (Meta), from the Threads API documentation (developers.facebook.com/docs/threads):
 * - Text: "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8
 *   bytes" (Posts, Limitations): characters are code points, and an emoji counts as its bytes, so
 *   one emoji costs 4 and a family emoji joined with U+200D many more.
 * - Links: at most 5 unique URLs in a post's text; since 22 December 2025 a sixth fails when the
 *   container is created (THREADS_API__LINK_LIMIT_EXCEEDED; Text Attachments, Limitations).
 * - Threads: a post replies to the one before (reply_to_id on the container).
 * - Images: JPEG and PNG up to 8 MB (Media specifications); one image is an IMAGE container, 2 to 20
 *   a CAROUSEL of IMAGE items. Threads fetches each image from a public address (image_url).
 *   Alt text (alt_text) has no documented limit: 1,000 characters is held as a safe bound.
 * - Quota: 250 API-published posts per profile in a moving 24 hours, enforced on threads_publish
 *   (Overview, Rate Limiting); each reply of a thread is published there too.
 * - Reposting: none from Herald. POST /{threads-media-id}/repost (Reposts) takes the post's numeric
 *   media id, which no documented endpoint gives for a link to another account's post
 *   (threads.net/@name/post/<shortcode>).
 * - Credentials: a long-lived user access token with threads_basic, threads_content_publish and
 *   threads_delete. It lasts 60 days (Long-Lived Access Tokens).
 */
export const threads = {
  label: 'Threads',
  text: { counting: 'threads', limit: 500, maxLinks: 5, contentWarning: false },
  threads: true,
  media: {
    images: 20,
    altLength: 1000,
    altCounting: 'code-points',
    formats: { jpg: { maxBytes: 8 * mb }, png: { maxBytes: 8 * mb } },
    byAddress: true,
  },
  postsPerDay: 250,
  // Threads' reply_control (everyone, accounts_you_follow, mentioned_only) is not sent yet: the rules
  // say a post's replies: setting cannot be told to Threads (gates/unsupported).
  gates: { replies: ['everyone'], quotes: ['everyone'] },
  privateByDefault: false,
  credentials: ['ACCESS_TOKEN'],
} as const satisfies NetworkProfile;
