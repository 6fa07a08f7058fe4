import type { NetworkProfile } from './profile.ts';

const mb = 1024 * 1024;

/** A post's link on the network's site: what `quote:` and `repost:` name. */
const postLink = {
  link: /^https:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/[A-Za-z0-9_]+\/status\/\d+\/?$/,
  example: 'https://x.com/account/status/1860000000000000000',
};

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
 *   media_category=amplify_video (docs.x.com/x-api/media). Captions: the WebVTT file goes up as media of
 *   category subtitles (media_type text/vtt, which the v2 upload takes beside text/srt, so no
 *   conversion), then POST /2/media/subtitles ties it to the video with its language
 *   (docs.x.com/x-api/media/create-media-subtitles).
 * - Polls: POST /2/tweets, poll.options 2 to 4 of at most 25 characters, poll.duration_minutes 5 to
 *   10,080 (7 days), one choice only; a poll is mutually exclusive with media.media_ids and
 *   quote_tweet_id (https://docs.x.com/x-api/posts/create-post).
 * - Replies: reply_settings on POST /2/tweets: following or mentionedUsers (everyone when left out);
 *   X has no setting for no one, but mentionedUsers on a post that mentions no one leaves only the
 *   author able to reply. No setting for quotes.
 * - Quoting: quote_tweet_id on POST /2/tweets, the id from the post's link; not with a poll.
 * - Reposting: POST /2/users/:id/retweets with the post's id from its link
 *   (https://docs.x.com/x-api/posts/repost-post), which answers retweeted: true for a post already
 *   reposted; undone with DELETE /2/users/:id/retweets/:source_tweet_id.
 * - Costs: X's pay-per-use prices (https://docs.x.com/x-api/getting-started/pricing, read
 *   2026-12-03): "Content: Create" $0.015 per request, "Content: Create (with URL)" $0.200 per
 *   request (over 13 times as much), "Media Metadata" $0.005 per request (the alt text of an image);
 *   each part of a thread is one create. The media upload itself is not on the list, nor is POST
 *   /2/media/subtitles (a video's captions), so neither is counted. A repost is a
 *   "User Interaction: Create", $0.015 per request (and a "User: Read", $0.010, once per run, where
 *   the access token does not begin with the account's id).
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
    video: { minSeconds: 0.5, maxSeconds: 140, maxBytes: 512 * mb, codecs: ['avc1', 'avc3'], captions: true },
  },
  poll: {
    minOptions: 2,
    maxOptions: 4,
    optionLength: 25,
    optionCounting: 'graphemes',
    minSeconds: 5 * 60,
    maxSeconds: 7 * 24 * 60 * 60,
    multiple: false,
    withMedia: false,
  },
  gates: { replies: ['everyone', 'following', 'mentioned', 'nobody'], quotes: ['everyone'], nobodyAsMentioned: true },
  reposting: { ...postLink, repeatable: true },
  quoting: {
    ...postLink,
    withPoll: false,
  },
  costs: {
    currency: 'USD',
    post: 0.015,
    postWithLink: 0.2,
    image: 0.005,
    repost: 0.015,
    source: 'https://docs.x.com/x-api/getting-started/pricing',
    checked: '2026-12-03',
  },
  privateByDefault: false,
  // X reads the page's Twitter Card or Open Graph tags itself.
  linkCard: 'network',
  credentials: ['API_KEY', 'API_SECRET', 'ACCESS_TOKEN', 'ACCESS_SECRET'],
} as const satisfies NetworkProfile;
