import type { NetworkProfile } from './profile.ts';

/**
 * LinkedIn:
 * - Text: "up to 3,000 characters" for a post's commentary (Posts API), with no published counting
 *   rule; UTF-16 code units (what a Java backend's String.length() gives) is the strictest reading,
 *   so a text that fits here fits there.
 * - Threads: none. The parts of a thread become paragraphs of one post, so they are counted together.
 * - Images: the Images API (JPG, PNG, GIF; fewer than 36,152,320 pixels; not WebP or HEIC), up to 20
 *   images in a multi-image post, alt text up to 4,086 characters.
 * - Video: the Videos API (learn.microsoft.com/linkedin/marketing/community-management/shares/videos-api):
 *   MP4, 3 seconds to 30 minutes, 75 KB to 500 MB; a post carries one video and nothing else.
 *   Captions: initializeUpload with uploadCaptions answers a captionsUploadUrl for the captions
 *   file, which goes there as it is (WebVTT); LinkedIn takes no language for it.
 * - Replies and quotes: the Posts API has no setting for who may comment.
 * - Reposting: the Posts API reshares a post by its share or ugcPost URN (reshareContext.parent),
 *   with no commentary; so only a link that names one (linkedin.com/feed/update/urn:li:share:…/).
 *   The link people usually copy names the post's activity (urn:li:activity), a different id the
 *   API does not take. Each reshare is a new post: no idempotency.
 * - Credentials: an OAuth 2.0 access token of a page administrator with w_organization_social.
 */
export const linkedin = {
  label: 'LinkedIn',
  text: { counting: 'utf-16', limit: 3000, contentWarning: false },
  threads: false,
  media: {
    images: 20,
    altLength: 4086,
    altCounting: 'code-points',
    formats: { jpg: {}, png: {}, gif: {} },
    maxPixels: 36_152_320,
    video: { minSeconds: 3, maxSeconds: 30 * 60, maxBytes: 500 * 1024 * 1024, captions: true },
  },
  gates: { replies: ['everyone'], quotes: ['everyone'] },
  reposting: {
    link: /^https:\/\/(?:www\.)?linkedin\.com\/feed\/update\/urn:li:(?:share|ugcPost):\d+\/?$/,
    example: 'https://www.linkedin.com/feed/update/urn:li:share:7100000000000000000/',
    hint: "on LinkedIn, a link naming urn:li:activity will not do: the post's Embed code names its urn:li:share or urn:li:ugcPost",
    repeatable: false,
  },
  privateByDefault: false,
  credentials: ['ACCESS_TOKEN'],
  // Posts API content.article: LinkedIn reads no page through the API, the poster gives title,
  // description and thumbnail; an article and images do not go together.
  linkCard: 'article',
} as const satisfies NetworkProfile;
