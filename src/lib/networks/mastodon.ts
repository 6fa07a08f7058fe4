import type { NetworkProfile } from './profile.ts';

const mb = 1024 * 1024;

/** A post's link on the network's site: what `quote:` and `repost:` name. */
const postLink = {
  link: /^https:\/\/[^/]+\/(?:@[^/]+|users\/[^/]+\/statuses)\/\d+\/?$/,
  example: 'https://mastodon.social/@account/113567000000000000',
};

/**
 * Mastodon, from the server's source:
 * - Text: StatusLengthValidator (app/validators/status_length_validator.rb): MAX_CHARS 500, counted
 *   as grapheme clusters of the content warning plus the text, every URL the server would link as 23
 *   and a remote mention as its local part. A server may raise the limit: a channel's maxCharacters.
 * - Threads: a status replies to the one before (in_reply_to_id).
 * - Images: the MediaAttachment model (app/models/media_attachment.rb and
 *   app/models/concerns/media_attachment/mime_types.rb): IMAGE_LIMIT 16 MB, MAX_IMAGE_MATRIX_LIMIT
 *   33,177,600 pixels, MAX_DESCRIPTION_LENGTH 1,500 characters (Ruby's String#length: code points),
 *   and 4 attachments per status. IMAGE_MIME_TYPES also lists image/heic, image/heif and image/avif, but as
 *   IMAGE_CONVERTIBLE_MIME_TYPES: the server re-encodes them with libvips' HEIF loader, which
 *   depends on how the server was built (servers without libheif, or that block the loader after
 *   its security advisories, refuse them). Herald takes only what every server stores as sent; the
 *   site could not show HEIC in a browser's preview either.
 * - Video: the same model: VIDEO_LIMIT 99 MB (40 MB before 4.2), MAX_VIDEO_MATRIX_LIMIT 8,294,400
 *   pixels (3840 × 2160), no limit on length; PostStatusService refuses a video with other media
 *   ("images_and_video"). The server re-encodes with ffmpeg, so any codec it decodes will do. A
 *   server may lower the size (its instance's configuration.media_attachments.video_size_limit);
 *   Herald checks the default. Mastodon has no captions file, so captions are not sent.
 * - Polls: PollValidator (app/validators/poll_validator.rb) and the instance's configuration.polls
 *   (GET /api/v2/instance) on a default server: 2 to 4 options (MAX_OPTIONS) of at most 50 characters
 *   (MAX_OPTION_CHARS, grapheme clusters), open 5 minutes (MIN_EXPIRATION) to a month (MAX_EXPIRATION,
 *   2,629,746 seconds), multiple choice allowed; PostStatusService refuses a poll with media attached
 *   (POST /api/v1/statuses: "If provided, media_ids cannot be used").
 * - Replies and quotes: no reply setting at all; since 4.5, quote_approval_policy (public, followers,
 *   nobody) on POST /api/v1/statuses. Older servers ignore the parameter.
 * - Quoting: since 4.5, quoted_status_id on POST /api/v1/statuses, the status found from its link
 *   with GET /api/v2/search (resolve=true, which needs the read:search scope).
 * - Reposting (boosting): POST /api/v1/statuses/:id/reblog with the status found the same way, and a
 *   visibility; ReblogService returns the existing boost when asked again. Undone with
 *   POST /api/v1/statuses/:id/unreblog (https://docs.joinmastodon.org/methods/statuses/#boost).
 * - Credentials: an access token of an application on the account's server.
 * - Language: POST /api/v1/statuses takes `language`, an ISO 639 code (the tag's language subtag).
 * - Content labels: none as such; `sensitive` hides a status's media until a click (and a spoiler_text
 *   makes the media sensitive too, PostStatusService).
 */
export const mastodon = {
  label: 'Mastodon',
  text: { counting: 'mastodon', limit: 500, contentWarning: true },
  threads: true,
  media: {
    images: 4,
    altLength: 1500,
    altCounting: 'code-points',
    formats: {
      jpg: { maxBytes: 16 * mb },
      png: { maxBytes: 16 * mb },
      gif: { maxBytes: 16 * mb },
      webp: { maxBytes: 16 * mb },
    },
    maxPixels: 33_177_600,
    video: { maxBytes: 99 * mb, maxPixels: 8_294_400, captions: false },
  },
  poll: {
    minOptions: 2,
    maxOptions: 4,
    optionLength: 50,
    optionCounting: 'graphemes',
    minSeconds: 5 * 60,
    maxSeconds: 2_629_746,
    multiple: true,
    withMedia: false,
  },
  gates: { replies: ['everyone'], quotes: ['everyone', 'followers', 'nobody'] },
  reposting: { ...postLink, repeatable: true },
  quoting: {
    ...postLink,
    withPoll: true,
  },
  privateByDefault: false,
  credentials: ['TOKEN'],
  language: 'iso639',
  contentLabels: 'sensitive',
  // The server reads the first link's page itself (FetchLinkCardService) and shows its card.
  linkCard: 'network',
} as const satisfies NetworkProfile;
