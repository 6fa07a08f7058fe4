import type { HeraldConfig } from '../../schemas/config.ts';
import { networkProfiles } from '../networks/profiles.ts';
import { problem, type Position, type Problem, type Severity } from '../project/problems.ts';
import { suggest } from '../project/schema-issues.ts';

/**
 * Every rule `herald validate` can report, with its default severity. herald.yaml's `rules:` maps a
 * rule id to error, warn or off; docs/rules.md explains each rule and how to fix what it finds.
 */
export interface RuleInfo {
  id: string;
  severity: 'error' | 'warn';
  /**
   * Whether herald.yaml may change the severity. A loader rule that keeps a post (or herald.yaml)
   * from loading is fixed: turning it off would hide why a post is missing from the calendar.
   */
  adjustable: boolean;
  description: string;
}

type Entry = [id: string, severity: RuleInfo['severity'], adjustable: 'adjustable' | 'fixed', description: string];

const entries: Entry[] = [
  // Reading files (loader)
  ['file/too-large', 'error', 'fixed', 'A content file is larger than 1 MB.'],
  ['file/empty', 'error', 'fixed', 'A content file is empty.'],
  ['file/binary', 'error', 'fixed', 'A content file contains binary data.'],
  ['file/encoding', 'error', 'fixed', 'A content file is not UTF-8 text.'],
  ['frontmatter/missing', 'error', 'fixed', 'A post or page does not start with front matter.'],
  ['frontmatter/unclosed', 'error', 'fixed', 'The front matter is never closed with ---.'],
  ['frontmatter/empty', 'error', 'fixed', 'The front matter is empty.'],
  ['yaml/syntax', 'error', 'fixed', 'The settings are not valid YAML.'],
  ['yaml/duplicate-key', 'error', 'fixed', 'A setting is written twice.'],
  ['yaml/hashtag-comment', 'error', 'fixed', 'An unquoted value has a hashtag that YAML reads as a comment and drops.'],
  ['schema/unknown-key', 'error', 'fixed', 'A setting the file format does not have.'],
  ['schema/missing', 'error', 'fixed', 'A required setting is missing.'],
  ['schema/type', 'error', 'fixed', 'A setting has the wrong kind of value.'],
  ['schema/value', 'error', 'fixed', 'A setting has a value that is not allowed.'],
  ['config/missing', 'error', 'fixed', 'There is no content/herald.yaml.'],
  ['config/duplicate-channel', 'error', 'fixed', 'Two channels in herald.yaml share an id.'],
  ['config/unknown-channel', 'error', 'fixed', 'approvals.channels names a channel or network that does not exist.'],
  ['config/quiet-period', 'error', 'fixed', 'A quiet period ends before it starts.'],
  ['config/unknown-rule', 'error', 'fixed', "herald.yaml's rules: names a rule that does not exist."],
  ['config/fixed-rule', 'warn', 'fixed', "herald.yaml's rules: tries to change a rule that cannot be changed."],
  [
    'config/interface-language',
    'warn',
    'adjustable',
    "herald.yaml's locale names a language the interface is not translated into.",
  ],
  ['time/unknown-zone', 'error', 'fixed', 'A time zone that does not exist.'],
  ['time/format', 'error', 'fixed', 'A date or time that cannot be read or does not exist.'],
  ['time/utc', 'error', 'fixed', 'A time written in UTC instead of local time.'],
  ['time/offset-mismatch', 'error', 'fixed', 'An offset the time zone never has at that time.'],
  ['time/nonexistent', 'error', 'fixed', 'A time skipped when the clocks jump forward.'],
  ['time/ambiguous', 'error', 'fixed', 'A time that happens twice when the clocks go back, without an offset.'],
  ['post/id', 'error', 'fixed', 'A file name that cannot be a post id.'],
  ['post/duplicate-id', 'error', 'fixed', 'Two posts share an id.'],
  ['post/unknown-channel', 'error', 'fixed', 'A post names a channel herald.yaml does not have.'],
  ['post/unknown-variant', 'error', 'fixed', 'A variant for something that is neither a channel nor a network.'],
  ['post/unused-variant', 'warn', 'adjustable', 'A variant for a channel or network the post does not go to.'],
  ['post/language', 'error', 'fixed', 'A lang or captionsLang that is not a tag of a language networks can use.'],
  ['post/expires-before-publish', 'error', 'fixed', 'A post expires before it is published.'],
  ['post/empty-body', 'error', 'fixed', 'A post has no text.'],
  ['post/folder', 'warn', 'adjustable', 'A post is not in the posts/YYYY/MM/ folder of its date.'],
  ['post/placeholder', 'error', 'adjustable', 'A post still sends the placeholder text a new post starts with.'],
  ['body/not-sent', 'warn', 'adjustable', 'Something in the body (an image) is not sent.'],
  ['body/mdx-syntax', 'error', 'fixed', 'A handbook page is not valid MDX.'],
  ['media/credit-required', 'error', 'fixed', 'An image used under a licence has no credit line.'],
  ['handbook/duplicate-house-rules', 'error', 'fixed', 'House rules are set on more than one handbook page.'],
  ['handbook/review-overdue', 'warn', 'adjustable', 'A handbook page is past its review date.'],
  [
    'handbook/broken-link',
    'error',
    'adjustable',
    'A link in a handbook page leads to no page, heading, post or image of the site.',
  ],
  [
    'handbook/code',
    'error',
    'fixed',
    'A handbook page holds code (import, export, {expression}, a component or an element with attributes that are not plain text), which would run when the site is built.',
  ],
  [
    'handbook/unsafe-link',
    'error',
    'fixed',
    "A handbook page links to a javascript:, data: or other address that would run in the reader's browser.",
  ],

  // Counting (src/lib/rules/limits.ts)
  [
    'text/length',
    'error',
    'adjustable',
    'A post (or thread part) is longer than the network allows, counted as that network counts.',
  ],
  [
    'text/bytes',
    'error',
    'adjustable',
    `A Bluesky post is larger than ${networkProfiles.bluesky.text.maxBytes.toLocaleString('en')} bytes of UTF-8.`,
  ],
  [
    'text/hidden-character',
    'error',
    'fixed',
    'A control character or bidirectional override in what a post sends, which shows differently from what the network receives.',
  ],
  [
    'text/refused-character',
    'error',
    'adjustable',
    'An invisible character X refuses (U+FEFF, U+FFFE or U+FFFF) in a text for X.',
  ],

  [
    'text/links',
    'error',
    'adjustable',
    `A Threads post (or thread part) with more than ${networkProfiles.threads.text.maxLinks} different web addresses, which Threads refuses.`,
  ],

  // Media (src/lib/rules/media.ts)
  ['media/too-many', 'error', 'adjustable', 'More images than the network accepts on one post.'],
  ['media/alt-too-long', 'error', 'adjustable', 'Alt text longer than the network accepts.'],
  [
    'media/licence-expired',
    'error',
    'adjustable',
    "The image's licence ends before the post or one of its repetitions is published.",
  ],
  ['media/missing-file', 'error', 'adjustable', 'The image file does not exist.'],
  [
    'media/location',
    'error',
    'fixed',
    'The image is outside content/posts/ or behind a symbolic link, where Herald never reads.',
  ],
  [
    'media/format',
    'error',
    'adjustable',
    'The file is not an image in a format the network accepts, or its content and its name disagree.',
  ],
  ['media/file-too-large', 'error', 'adjustable', 'The image or video file is larger than the network accepts.'],
  ['media/dimensions', 'error', 'adjustable', 'The image or video has more pixels than the network accepts.'],
  ['media/video-too-long', 'error', 'adjustable', 'A video longer than the network accepts.'],
  ['media/video-too-short', 'error', 'adjustable', 'A video shorter than the network accepts.'],
  ['media/video-codec', 'error', 'adjustable', 'A video encoded in a codec the network does not play.'],
  ['media/video-mix', 'error', 'adjustable', 'More than one video on a post, or a video together with images.'],
  ['media/captions', 'error', 'adjustable', "A video's captions file is missing or not valid WebVTT."],
  [
    'media/public-address',
    'error',
    'adjustable',
    'Images for Threads, which fetches them from the site, where the site does not publish them (no site: in herald.yaml, or an internal post).',
  ],

  // Polls (src/lib/rules/poll.ts)
  ['poll/unsupported', 'error', 'adjustable', 'A post with a poll goes to a network that takes no polls.'],
  ['poll/options', 'error', 'adjustable', 'A poll has fewer or more options than the network takes.'],
  ['poll/duplicate-option', 'error', 'adjustable', 'A poll offers the same option twice, which Mastodon refuses.'],
  ['poll/option-too-long', 'error', 'adjustable', 'A poll option is longer than the network takes.'],
  ['poll/duration', 'error', 'adjustable', 'A poll stays open shorter or longer than the network allows.'],
  ['poll/with-media', 'error', 'adjustable', 'A post carries a poll and images, which the network refuses together.'],
  ['poll/multiple', 'warn', 'adjustable', 'A multiple-choice poll goes to a network whose polls take one choice.'],

  // Who may reply and quote (src/lib/rules/gates.ts)
  [
    'gates/unsupported',
    'error',
    'adjustable',
    'A post limits who may reply or quote on a network that cannot be told.',
  ],

  // Content warnings and labels (src/lib/rules/content.ts)
  [
    'content/warning-not-sent',
    'warn',
    'adjustable',
    'A post has a content warning and goes to a network that has none: the text goes out without it.',
  ],
  [
    'content/labels-not-sent',
    'warn',
    'adjustable',
    'A post has content labels and goes to a network that has none: the images show as they are.',
  ],

  // Link cards (src/lib/rules/card.ts)
  ['card/not-sent', 'warn', 'adjustable', "A post's card: is not sent: it has images, or no network takes the card."],
  ['card/url', 'error', 'adjustable', "A card's address is not https, or is an IP address or a local network's."],

  // Quoting (src/lib/rules/quote.ts)
  ['quote/network', 'error', 'adjustable', "A post quotes a link that is not a post of one of its channels' networks."],
  ['quote/with-poll', 'error', 'adjustable', 'A post quotes another and carries a poll, which X refuses together.'],

  // Reposting (src/lib/rules/repost.ts): fixed, as a repost that cannot go out would be an empty post
  ['repost/network', 'error', 'fixed', "A post reposts a link that is not a post of one of its channels' networks."],
  ['repost/unsupported', 'error', 'fixed', 'A repost goes to a network Herald cannot repost on.'],
  ['repost/with-content', 'error', 'fixed', 'A repost carries text, images, a poll or other content of its own.'],

  // House rules from the style guide (src/lib/rules/house.ts)
  ['house/banned-phrase', 'error', 'adjustable', 'A word or phrase the style guide bans.'],
  ['house/first-person', 'warn', 'adjustable', 'First-person singular where the style guide wants "we".'],
  ['house/hashtags', 'error', 'adjustable', 'More hashtags than the style guide allows.'],
  ['house/link-tracking', 'error', 'adjustable', 'A link to our own site without the tracking parameters.'],
  ['house/link-shortener', 'error', 'adjustable', 'A link through a link shortener.'],
  ['house/alt-text', 'error', 'adjustable', 'Alt text shorter than the style guide asks for.'],
  ['house/video-length', 'error', 'adjustable', 'A video shorter or longer than the style guide asks for.'],

  // Calendar (src/lib/rules/calendar.ts)
  ['calendar/min-gap', 'error', 'adjustable', 'Two posts on one channel closer together than calendar.minGapMinutes.'],
  [
    'calendar/daily-max',
    'error',
    'adjustable',
    'More posts on one channel in one day than calendar.maxPerDayPerChannel.',
  ],
  ['calendar/quiet-period', 'error', 'adjustable', 'A post inside one of calendar.quietPeriods.'],
  ['calendar/cadence', 'warn', 'adjustable', 'A channel silent for longer than its cadence.'],
  [
    'calendar/content-mix',
    'warn',
    'adjustable',
    'Reshares above calendar.contentMix.maxResharePercent over a rolling 30 days.',
  ],
  ['calendar/duplicate-text', 'error', 'adjustable', 'The same text scheduled twice on one channel.'],
  [
    'calendar/api-quota',
    'warn',
    'adjustable',
    `More posts on one Threads channel in 24 hours than Threads lets an account publish through its API (${networkProfiles.threads.postsPerDay}).`,
  ],
  [
    'calendar/api-quota-thread',
    'error',
    'adjustable',
    `A thread with more parts than Threads lets an account publish through its API in 24 hours (${networkProfiles.threads.postsPerDay}): it could never go out whole.`,
  ],
  ['calendar/past-unpublished', 'warn', 'adjustable', 'A time in the past that was never published.'],
  [
    'channel/credentials-expiring',
    'warn',
    'adjustable',
    "A channel's credentials expire within 14 days (credentialsExpire in herald.yaml).",
  ],
  [
    'channel/credentials-expired',
    'error',
    'adjustable',
    "A channel's credentials expire within 3 days, or have expired.",
  ],
  [
    'calendar/repeat',
    'error',
    'adjustable',
    "An evergreen post's repeat.until comes before it starts, or it repeats more often than Herald plans.",
  ],

  // Generated files (src/lib/sync/stale.ts)
  [
    'sync/stale-file',
    'warn',
    'adjustable',
    'A file Herald generates (workflows, .github files, schemas, editor settings) is from another Herald version or differs from what herald sync writes.',
  ],
];

export const rules: ReadonlyMap<string, RuleInfo> = new Map(
  entries.map(([id, severity, adjustable, description]) => [
    id,
    { id, severity, adjustable: adjustable === 'adjustable', description },
  ]),
);

/** A finding of rule `id` at its default severity. */
export function finding(id: string, file: string, at: Position, message: string): Problem {
  const rule = rules.get(id);
  if (!rule) throw new Error(`Rule ${id} is not registered in src/lib/rules/registry.ts.`);
  return problem(file, at, id, message, rule.severity === 'warn' ? 'warning' : 'error');
}

/** Problems in herald.yaml's `rules:` setting: unknown ids (with a suggestion) and fixed rules. */
export function checkRuleSettings(
  file: string,
  settings: Record<string, string>,
  keyAt: (id: string) => Position,
): Problem[] {
  return Object.keys(settings).flatMap((id) => {
    const rule = rules.get(id);
    if (!rule) {
      const hint = suggest(id, [...rules.keys()]);
      return [
        finding(
          'config/unknown-rule',
          file,
          keyAt(id),
          `There is no rule "${id}".${hint ? ` Did you mean "${hint}"?` : ' docs/rules.md lists every rule.'}`,
        ),
      ];
    }
    if (!rule.adjustable) {
      return [
        finding(
          'config/fixed-rule',
          file,
          keyAt(id),
          `"${id}" cannot be changed: a file with this problem cannot be loaded, so it always stops validation. Remove this line.`,
        ),
      ];
    }
    return [];
  });
}

/** Applies herald.yaml's `rules:` to the findings: a new severity, or dropped when off. */
export function applySeverities(problems: Problem[], config: HeraldConfig | undefined): Problem[] {
  const settings = config?.rules ?? {};
  return problems.flatMap((p) => {
    const setting = rules.get(p.rule)?.adjustable ? settings[p.rule] : undefined;
    if (!setting) return [p];
    if (setting === 'off') return [];
    const severity: Severity = setting === 'warn' ? 'warning' : 'error';
    return [severity === p.severity ? p : { ...p, severity }];
  });
}
