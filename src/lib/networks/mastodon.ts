import type { NetworkProfile } from './profile.ts';

const mb = 1024 * 1024;

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
  },
  privateByDefault: false,
  credentials: ['TOKEN'],
  language: 'iso639',
  contentLabels: 'sensitive',
  // The server reads the first link's page itself (FetchLinkCardService) and shows its card.
  linkCard: 'network',
} as const satisfies NetworkProfile;
