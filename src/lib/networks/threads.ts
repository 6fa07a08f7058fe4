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
 *   a CAROUSEL of IMAGE items. Threads fetches each image and video from a public address (image_url).
 *   Alt text (alt_text) has no documented limit: 1,000 characters is held as a safe bound.
 * - Replies: reply_control on the container (Reply Management, Control Who Can Reply): everyone,
 *   accounts_you_follow, mentioned_only, parent_post_author_only, followers_only. Herald sends
 *   accounts_you_follow for following, followers_only for followers, and mentioned_only for
 *   mentioned and for nobody (Threads has no "no one"; mentioned_only on a post that mentions no one
 *   leaves only the author). parent_post_author_only has no Herald rule: on a thread's first post
 *   there is no parent, and on its later parts it would differ from the first. No setting for quotes.
 * - Video: a VIDEO container with video_url, which Threads fetches like an image (Posts); its
 *   video specifications (Overview, Video Specifications): MOV or MP4, H.264 or HEVC, at most 1920
 *   pixels wide ("maximum columns"), at most 300 seconds, at most 1 GB. A container is ready to
 *   publish once GET /{container}?fields=status,error_message says FINISHED; ERROR comes with a
 *   reason such as INVALID_DURATION. Meta advises asking once a minute for at most 5 minutes
 *   (Troubleshooting). The API takes no captions file. A carousel's items may be IMAGE or VIDEO
 *   containers (Posts, Carousel posts: "up to 20 images, videos, or a mix of the two").
 * - Polls: poll_attachment on a TEXT container, a JSON object of option_a to option_d: "at least 2
 *   options and no more than 4", "each option must be between 1 and 25 characters long", and
 *   "you can attach polls only to text-only posts" (Polls). The API takes no duration or multiple
 *   choice: a Threads poll stays open 24 hours, as the app's do. Options are counted as Threads
 *   counts text (an emoji as its UTF-8 bytes), the stricter reading of "characters".
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
    video: {
      maxSeconds: 300,
      // "1 GB", read as the smaller of its two meanings.
      maxBytes: 1_000_000_000,
      codecs: ['avc1', 'avc3', 'hvc1', 'hev1'],
      maxWidth: 1920,
      inCarousel: true,
      captions: false,
    },
  },
  poll: {
    minOptions: 2,
    maxOptions: 4,
    optionLength: 25,
    optionCounting: 'threads',
    minSeconds: 24 * 60 * 60,
    maxSeconds: 24 * 60 * 60,
    multiple: false,
    withMedia: false,
  },
  postsPerDay: 250,
  gates: {
    replies: ['everyone', 'following', 'followers', 'mentioned', 'nobody'],
    quotes: ['everyone'],
    nobodyAsMentioned: true,
    everyoneUnsent: true,
  },
  privateByDefault: false,
  credentials: ['ACCESS_TOKEN'],
} as const satisfies NetworkProfile;
