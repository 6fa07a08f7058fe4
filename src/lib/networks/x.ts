import type { NetworkProfile } from './profile.ts';

const mb = 1024 * 1024;

/**
 * X:
 * - Text: 280, weighted as twitter-text's parseTweet (config v3) counts, the library X publishes for
 *   exactly this: most Latin, Greek, Cyrillic, Arabic and Hebrew letters 1, CJK and emoji 2, any URL
 *   23.
 * - Threads: a post replies to the one before (reply.in_reply_to_tweet_id).
 * - Images: X's media best practices, 4 images; JPG, PNG, WEBP up to 5 MB, GIF up to 15 MB (no
 *   HEIC); 1,000 characters of alt text.
 * - Video: X's media best practices (docs.x.com/x-api/media/quickstart/best-practices): one MP4
 *   video per post and never with photos; H.264; 0.5 to 140 seconds for most accounts (Premium
 *   accounts may post longer, which Herald does not assume); up to 512 MB with
 *   media_category=amplify_video (docs.x.com/x-api/media). X takes subtitles only through the v1.1
 *   API, so captions are not sent.
 * - Credentials: OAuth 1.0a user context, the app's API key and secret and the account's access
 *   token and secret.
 */
export const x = {
  label: 'X',
  text: { counting: 'twitter-text', limit: 280, contentWarning: false },
  threads: true,
  media: {
    images: 4,
    altLength: 1000,
    altCounting: 'code-points',
    formats: {
      jpg: { maxBytes: 5 * mb },
      png: { maxBytes: 5 * mb },
      gif: { maxBytes: 15 * mb },
      webp: { maxBytes: 5 * mb },
    },
    video: { minSeconds: 0.5, maxSeconds: 140, maxBytes: 512 * mb, codecs: ['avc1', 'avc3'], captions: false },
  },
  privateByDefault: false,
  credentials: ['API_KEY', 'API_SECRET', 'ACCESS_TOKEN', 'ACCESS_SECRET'],
} as const satisfies NetworkProfile;
