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
 * - Video: the same model: VIDEO_LIMIT 99 MB (40 MB before 4.2), MAX_VIDEO_MATRIX_LIMIT 8,294,400
 *   pixels (3840 × 2160), no limit on length; PostStatusService refuses a video with other media
 *   ("images_and_video"). The server re-encodes with ffmpeg, so any codec it decodes will do. A
 *   server may lower the size (its instance's configuration.media_attachments.video_size_limit);
 *   Herald checks the default. Mastodon has no captions file, so captions are not sent.
 * - Credentials: an access token of an application on the account's server.
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
  privateByDefault: false,
  credentials: ['TOKEN'],
} as const satisfies NetworkProfile;
