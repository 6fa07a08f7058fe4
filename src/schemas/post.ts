import { z } from 'zod';
import { githubLogin, httpUrl, isoDate, isoDuration, localDateOrDateTime, localDateTime, postLanguage, quoteRules, replyRules, slug, timeZoneName } from './common.ts';

export const mediaRights = ['owned', 'licensed', 'permission', 'public-domain', 'cc-by'] as const;

/** Rights that let us use an image without naming its author. */
const rightsWithoutCredit = new Set<string>(['owned', 'public-domain']);

export const mediaSchema = z
  .strictObject({
    src: z
      .string()
      .min(1)
      .meta({ description: 'Image or MP4 video file next to the post.', examples: ['./agm-hall.jpg', './agm-tour.mp4'] }),
    alt: z
      .string()
      .trim()
      .min(1, 'describe the image or video for people who cannot see it')
      .meta({ description: 'What the image or video shows, for people who cannot see it.' }),
    captions: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Video only: a WebVTT captions file next to the post, sent where the network takes one.', examples: ['./agm-tour.vtt'] }),
    captionsLang: postLanguage
      .optional()
      .meta({ description: 'BCP 47 language of the captions; defaults to locale in herald.yaml.', examples: ['en', 'pl'] }),
    rights: z.enum(mediaRights).meta({ description: 'On what basis we may use the image.' }),
    credit: z.string().min(1).optional().meta({ description: 'Required unless owned or public-domain.', examples: ['Photo by Jan Kowalski'] }),
    expiresAt: localDateOrDateTime.optional().meta({ description: 'End of the usage licence.', examples: ['2027-06-01'] }),
  })
  .superRefine((media, ctx) => {
    if (!rightsWithoutCredit.has(media.rights) && !media.credit) {
      ctx.addIssue({
        code: 'custom',
        path: ['credit'],
        params: { rule: 'media/credit-required' },
        message: `an image used under "${media.rights}" needs a credit line, e.g. credit: Photo by Jan Kowalski`,
      });
    }
  });
export type Media = z.infer<typeof mediaSchema>;

/**
 * What a post's images show that some people would rather not see unasked: the self-labels Bluesky's
 * app honours on media (com.atproto.label.defs, the global values), which Mastodon shows as media
 * marked sensitive.
 */
export const contentLabelValues = ['sexual', 'nudity', 'porn', 'graphic-media'] as const;

export const cardSchema = z
  .strictObject({
    url: httpUrl.meta({ description: 'The page the card opens.', examples: ['https://example.org/agm'] }),
    title: z.string().trim().min(1, 'give the card a title').meta({ examples: ['Annual meeting 2026'] }),
    description: z.string().trim().default('').meta({ examples: ['Watch and vote from home.'] }),
    image: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'Picture of the card: an image file next to the post.', examples: ['./agm-card.jpg'] }),
  })
  .meta({
    description:
      'The link card, as Bluesky and LinkedIn receive it and the preview shows it. Without it, Herald reads the card from the first link\'s page when publishing.',
  });
export type Card = z.infer<typeof cardSchema>;

export const postKinds = ['original', 'reshare', 'evergreen'] as const;

export const postSchema = z.strictObject({
  title: z.string().trim().min(1).meta({ description: 'Internal title, never sent.' }),
  publishAt: localDateTime.meta({ description: 'When to publish: local date and time in the post\'s time zone.', examples: ['2026-12-03 18:30'] }),
  timezone: timeZoneName.optional().meta({ description: 'IANA time zone of the times; defaults to the one in herald.yaml.', examples: ['Europe/Warsaw'] }),
  channels: z
    .array(slug.meta({ description: 'A channel id from herald.yaml.' }))
    .min(1, 'name at least one channel from herald.yaml')
    .meta({ description: 'Channel ids from herald.yaml.', examples: [['mastodon', 'bluesky']] }),
  campaign: slug.optional().meta({ description: 'Groups posts in the calendar\'s filters.', examples: ['agm-2026'] }),
  author: githubLogin.optional().meta({ description: 'GitHub login of who wrote it.', examples: ['ada'] }),
  labels: z.array(z.string().min(1)).default([]).meta({ description: 'Free labels for the calendar\'s filters.', examples: [['event']] }),
  kind: z.enum(postKinds).default('original').meta({ description: 'For the content mix.' }),
  link: httpUrl.optional().meta({ description: 'The page the post is about.', examples: ['https://example.org/agm'] }),
  media: z.array(mediaSchema).default([]).meta({ description: 'Images in order, or one video.' }),
  expiresAt: localDateOrDateTime.optional().meta({ description: 'Never publish after this.', examples: ['2026-12-04 09:00'] }),
  lateness: isoDuration
    .optional()
    .meta({
      description: 'How late the post may still go out; later, it is recorded as missed instead. Defaults to publishing.window in herald.yaml. A time-critical post ("we are live now") takes a short one.',
      examples: ['PT15M'],
    }),
  variants: z
    .record(z.string().min(1), z.string().trim().min(1, 'a variant needs some text'))
    .default({})
    .meta({ description: 'Text per network or channel id, replacing the body there.' }),
  id: slug.optional().meta({ description: 'Defaults to the file name; unique, never reused.', examples: ['agm-2026-live'] }),
  repeat: z
    .strictObject({
      every: isoDuration.meta({ examples: ['P3M'] }),
      until: isoDate.meta({ description: 'Last day an occurrence may fall on.', examples: ['2027-12-31'] }),
    })
    .optional()
    .meta({ description: 'Evergreen posts only: publish again every period until the date.' }),
  retract: z.boolean().default(false).meta({ description: 'Take a published post down from every network.' }),
  contentWarning: z.string().min(1).optional().meta({ description: 'Shown before the text where the network supports it.' }),
  visibility: z.enum(['public', 'unlisted', 'private']).optional().meta({ description: 'Mastodon visibility.' }),
  card: cardSchema.optional(),
  contentLabels: z
    .array(z.enum(contentLabelValues))
    .default([])
    .meta({
      description:
        'What the images show that people may not want to see unasked: Bluesky labels the post with them, Mastodon hides the images until a click. X and LinkedIn have nothing of the kind.',
      examples: [['graphic-media']],
    }),
  lang: postLanguage
    .optional()
    .meta({ description: 'The language the post is written in, sent to Bluesky (langs) and Mastodon (language); defaults to locale in herald.yaml.', examples: ['en-GB'] }),
  replies: z
    .enum(replyRules)
    .optional()
    .meta({
      description:
        'Who may reply: everyone, following (accounts the channel follows), followers (the channel\'s followers: Bluesky and Threads), mentioned (accounts the post mentions) or nobody. Bluesky, X and Threads; defaults to the channel\'s replies in herald.yaml.',
    }),
  quotes: z
    .enum(quoteRules)
    .optional()
    .meta({
      description:
        'Who may quote the post: everyone, followers (Mastodon only) or nobody (Bluesky, Mastodon 4.5). Defaults to the channel\'s quotes in herald.yaml.',
    }),
  quote: httpUrl
    .optional()
    .meta({
      description:
        'A post to quote, by its link: a bsky.app post on Bluesky, a status on Mastodon 4.5, a post on x.com. Each channel must be of the quoted post\'s network.',
      examples: ['https://bsky.app/profile/example.bsky.social/post/3lxyzabc2def2'],
    }),
  repost: z
    .url({ protocol: /^https$/, error: "write the reposted post's full link, starting with https://" })
    .optional()
    .meta({
      description:
        'Repost (boost, retweet) this post, by its link, instead of posting text: a bsky.app post on Bluesky, a status on Mastodon, a post on x.com, a linkedin.com/feed/update/urn:li:share:… post on LinkedIn. The file has no text, images or poll then; each channel must be of the post\'s network. Counts as a reshare in the content mix unless kind: says otherwise.',
      examples: ['https://bsky.app/profile/example.bsky.social/post/3lxyzabc2def2'],
    }),
  poll: z
    .strictObject({
      options: z
        .array(z.string().trim().min(1, 'an option needs some text'))
        .min(1, 'give the options to vote on, e.g. options: [Saturday, Sunday]')
        .meta({ description: 'What people vote on, in order.', examples: [['Saturday', 'Sunday']] }),
      duration: isoDuration.meta({ description: 'How long the poll stays open after the post goes out.', examples: ['P1D', 'PT6H'] }),
      multiple: z.boolean().default(false).meta({ description: 'Let people pick more than one option (Mastodon only).' }),
    })
    .optional()
    .meta({
      description:
        'A poll on the first part, on Mastodon, X and Threads (Bluesky and LinkedIn have none). Each network\'s limits apply: options, their length and the duration; a poll and images never go together.',
    }),
});

export type PostFrontmatter = z.infer<typeof postSchema>;
