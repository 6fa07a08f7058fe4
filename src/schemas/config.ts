import { z } from 'zod';
import {
  githubLogin,
  httpUrl,
  isoDate,
  isoDuration,
  localeTag,
  quoteRules,
  replyRules,
  severitySetting,
  slug,
  timeZoneName,
} from './common.ts';

/** The networks Herald can publish to. Adapters live in src/publish/networks/. */
export const networkNames = ['mastodon', 'bluesky', 'x', 'linkedin', 'threads', 'webhook'] as const;
export const networkName = z.enum(networkNames);
export type NetworkName = z.infer<typeof networkName>;

const channelBase = {
  id: slug.meta({ description: 'How posts refer to this channel; [a-z0-9-]+.', examples: ['mastodon'] }),
  name: z.string().min(1).optional().meta({ description: 'Display name, e.g. the account handle.' }),
  cadence: isoDuration
    .optional()
    .meta({ description: 'Longest silence this channel may have before validate warns.', examples: ['P7D'] }),
  credentialsExpire: isoDate
    .optional()
    .meta({
      description:
        'The day this channel\'s credentials stop working (LinkedIn\'s and Threads\' access tokens last 60 days): validate warns 14 days ahead and stops 3 days ahead, and the publish run tells the notify webhooks.',
      examples: ['2027-01-31'],
    }),
  private: z
    .boolean()
    .optional()
    .meta({
      description:
        'An internal channel (a team chat, a staff list): its deliveries never appear on the public site, its feeds or its search. A post whose every channel is private is left off the site entirely; a post that also goes to public channels shows only those. Default: false, except for webhooks.',
    }),
};

export const mastodonChannel = z.strictObject({
  ...channelBase,
  network: z.literal('mastodon'),
  instance: httpUrl.meta({ description: 'The Mastodon server of the account.', examples: ['https://mastodon.social'] }),
  maxCharacters: z
    .int()
    .positive()
    .optional()
    .meta({ description: 'Character limit of this instance, when it is not the default 500.' }),
  visibility: z.enum(['public', 'unlisted', 'private']).optional().meta({ description: 'Default visibility of this account\'s posts.' }),
  quotes: z
    .enum(quoteRules)
    .optional()
    .meta({ description: 'Who may quote this account\'s posts unless a post says (Mastodon 4.5): everyone, followers or nobody. Default: the account\'s own setting.' }),
});

export const blueskyChannel = z.strictObject({
  ...channelBase,
  network: z.literal('bluesky'),
  handle: z.string().min(3).meta({ description: 'The account\'s handle.', examples: ['example.bsky.social'] }),
  service: httpUrl.default('https://bsky.social').meta({ description: 'The account\'s PDS or entryway.', examples: ['https://bsky.social'] }),
  videoService: httpUrl
    .optional()
    .meta({ description: 'The video service that processes videos before they are posted; defaults to Bluesky\'s.', examples: ['https://video.bsky.app'] }),
  replies: z
    .enum(replyRules)
    .optional()
    .meta({ description: 'Who may reply to this account\'s posts unless a post says: everyone, following, followers, mentioned or nobody. Default: everyone.' }),
  quotes: z
    .enum(['everyone', 'nobody'])
    .optional()
    .meta({ description: 'Who may quote this account\'s posts unless a post says: everyone or nobody. Default: everyone.' }),
});

export const xChannel = z.strictObject({
  ...channelBase,
  network: z.literal('x'),
  handle: z.string().min(1).optional().meta({ description: 'The account\'s handle, without @, for links.', examples: ['ExampleOrg'] }),
  api: httpUrl.optional().meta({ description: 'Where to reach the X API instead of https://api.x.com, e.g. through a proxy.' }),
  replies: z
    .enum(replyRules)
    .optional()
    .meta({
      description:
        'Who may reply to this account\'s posts unless a post says: everyone, following, mentioned or nobody (sent as mentioned, on a post that mentions no one). X has no followers. Default: everyone.',
    }),
});

export const linkedinChannel = z.strictObject({
  ...channelBase,
  network: z.literal('linkedin'),
  organization: z
    .string()
    .regex(/^(?:urn:li:organization:)?\d+$/, 'write the organisation\'s numeric id or urn:li:organization:<id>')
    .meta({ description: 'The LinkedIn organisation (company page) that posts.', examples: ['urn:li:organization:123456'] }),
  api: httpUrl.optional().meta({ description: 'Where to reach the LinkedIn API instead of https://api.linkedin.com, e.g. through a proxy.' }),
});

export const threadsChannel = z.strictObject({
  ...channelBase,
  network: z.literal('threads'),
  handle: z
    .string()
    .regex(/^@?[A-Za-z0-9._]{1,30}$/, 'write the Threads username, e.g. your.organisation')
    .meta({ description: 'The account\'s Threads username, without @, for previews and links.', examples: ['your.organisation'] }),
  userId: z
    .string()
    .regex(/^\d+$/, 'write the numeric Threads user id, or leave it out to use the token\'s own account')
    .optional()
    .meta({ description: 'The numeric Threads user id the token belongs to. Default: the token\'s own account (me).' }),
  api: httpUrl.optional().meta({ description: 'Where to reach the Threads API instead of https://graph.threads.net, e.g. through a proxy.' }),
  replies: z
    .enum(replyRules)
    .optional()
    .meta({
      description:
        'Who may reply to this account\'s posts unless a post says: everyone, following, followers, mentioned or nobody (sent as mentioned, on a post that mentions no one). Default: everyone.',
    }),
});

export const webhookChannel = z.strictObject({
  ...channelBase,
  network: z.literal('webhook'),
  format: z
    .enum(['json', 'slack', 'discord', 'teams'])
    .default('json')
    .meta({ description: 'Shape of the JSON body. The URL itself is a secret: HERALD_<ID>_URL.' }),
  notify: z
    .boolean()
    .default(false)
    .meta({ description: 'Also send failure and missed-post notices here.' }),
  private: z.boolean().optional().meta({
    description:
      'An internal channel, as for every network; for a webhook the default is true, because one usually reaches a team chat. Set private: false for a webhook that posts in public, such as an announcements channel.',
  }),
});

export const channelSchema = z.discriminatedUnion('network', [
  mastodonChannel,
  blueskyChannel,
  xChannel,
  linkedinChannel,
  threadsChannel,
  webhookChannel,
]);
export type Channel = z.infer<typeof channelSchema>;

const approvalRule = z.strictObject({
  required: z.int().min(0).meta({ description: 'Approvals needed on the exact content that is merged.' }),
  reviewers: z.array(githubLogin).optional().meta({ description: 'Who may approve for this channel, instead of the general list.' }),
});

export const approvalsSchema = z.strictObject({
  required: z.int().min(0).default(1).meta({ description: 'Approvals needed on the exact content that is merged.' }),
  reviewers: z.array(githubLogin).default([]).meta({
    description: 'GitHub logins or org/team allowed to approve. Empty: anyone with write access. The author never counts.',
  }),
  maintainers: z.array(githubLogin).optional().meta({
    description:
      'GitHub logins or org/team who review everything that is not a post or a handbook page: herald.yaml, the workflows, the code under src/ and scripts/, package.json, astro.config.ts. Those files decide where posts go, under whose approval, and what runs when the site is built, so .github/CODEOWNERS (written by npx herald sync) gives them to these people only. Default: the reviewers.',
    examples: [['your-org/maintainers']],
  }),
  channels: z
    .record(z.string(), approvalRule)
    .default({})
    .meta({ description: 'Stricter rules per channel id or network; the strictest applies.' }),
});

export const quietPeriod = z.strictObject({
  from: isoDate.meta({ description: 'First day without posts.', examples: ['2026-12-24'] }),
  to: isoDate.meta({ description: 'Last day without posts.', examples: ['2026-12-26'] }),
  reason: z.string().min(1).meta({ description: 'Shown in the calendar.', examples: ['Holidays'] }),
});

export const configSchema = z.strictObject({
  organization: z.string().min(1).meta({ description: 'Name shown on the site.', examples: ['Example Residents\' Association'] }),
  timezone: timeZoneName.meta({ description: 'Default IANA time zone for every post.', examples: ['Europe/Warsaw'] }),
  locale: localeTag.default('en').meta({
    description:
      'BCP 47 locale of the site. It decides how dates and times are written and the first day of the week (en-GB: 18:30, weeks from Monday; en-US, and en alone: 6:30 PM, weeks from Sunday), and its language the language of the interface, which is English where Herald has no translation (see "Locale and interface language").',
    examples: ['en-GB', 'fa'],
  }),
  repository: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'write owner/name as on GitHub')
    .meta({ description: 'owner/name on GitHub, for links and approvals.', examples: ['your-org/social'] }),
  defaultBranch: z
    .string()
    .min(1)
    .refine(isBranchName, 'write a git branch name, e.g. main: no spaces, none of ~ ^ : ? * [ \\ , and no "..", "@{" or "//"')
    .default('main')
    .meta({ description: 'The branch posts are merged into.' }),
  site: httpUrl.optional().meta({ description: 'Where the site is published, for links in feeds.', examples: ['https://your-org.github.io/social/'] }),
  channels: z.array(channelSchema).min(1, 'name at least one channel').meta({ description: 'The accounts posts go to.' }),
  privateLabels: z
    .array(z.string().min(1))
    .default([])
    .meta({
      description:
        'Labels that make a post internal: a post carrying one (compared as the calendar compares labels, ignoring case and punctuation) never appears on the public site, its feeds, its post pages, its images or its search. The site of a private repository is public too; see docs/setup.md.',
      examples: [['internal', 'rota']],
    }),
  approvals: approvalsSchema
    .default({ required: 1, reviewers: [], channels: {} })
    .meta({ description: 'Who must approve a post before it is published.' }),
  publishing: z
    .strictObject({
      window: isoDuration.default('PT2H').meta({ description: 'A post more than this late is reported as missed.', examples: ['PT2H'] }),
      paused: z.boolean().default(false).meta({ description: 'Crisis switch: nothing publishes while true.' }),
      handOff: z
        .union([isoDuration, z.literal(false)])
        .default('PT3H')
        .meta({
          description:
            'How far ahead a cleared post is handed to the network\'s own scheduler (Mastodon\'s scheduled statuses), so it goes out on time even when a run starts late; false hands nothing off. See docs/publishing.md.',
          examples: ['PT3H', false],
        }),
    })
    .default({ window: 'PT2H', paused: false, handOff: 'PT3H' })
    .meta({ description: 'How the publish run behaves.' }),
  calendar: z
    .strictObject({
      maxPerDayPerChannel: z.int().positive().optional().meta({ description: 'Most posts one channel may carry in a day.' }),
      minGapMinutes: z.int().nonnegative().optional().meta({ description: 'Two posts on one channel closer than this are flagged.' }),
      quietPeriods: z.array(quietPeriod).default([]).meta({ description: 'Days on which nothing is scheduled.' }),
      contentMix: z
        .strictObject({
          maxResharePercent: z.number().min(0).max(100).meta({ description: 'Largest share of reshares over any 30 days.' }),
        })
        .optional(),
    })
    .default({ quietPeriods: [] })
    .meta({ description: 'Rules for the calendar, checked by validate.' }),
  cms: z
    .strictObject({
      authBaseUrl: httpUrl.optional().meta({
        description:
          'Address of the OAuth client that signs people in to the CMS at /admin with their GitHub account: your Sveltia CMS Authenticator (a Cloudflare Worker) or another Decap-compatible one (docs/setup.md). Without it, the CMS offers sign-in with a personal access token only.',
        examples: ['https://sveltia-cms-auth.your-subdomain.workers.dev'],
      }),
    })
    .default({})
    .meta({ description: 'The CMS at /admin, where the content team proposes posts with forms.' }),
  rules: z
    .record(z.string(), severitySetting)
    .default({})
    .meta({ description: 'Change a rule\'s severity: error, warn or off.', examples: [{ 'house/hashtags': 'warn' }] }),
});

export type HeraldConfig = z.infer<typeof configSchema>;

/**
 * A name git accepts for a branch (git check-ref-format --branch): the workflows name it in their
 * triggers and links point at it, so a name git refuses would only fail later, somewhere else.
 */
export function isBranchName(name: string): boolean {
  return (
    name.length > 0 &&
    name !== '@' &&
    // eslint-disable-next-line no-control-regex -- control characters are among what git refuses
    !/[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\/\/|^[-/.]|\/\.|[/.]$|\.lock(\/|$)/.test(name)
  );
}
