import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../../src/lib/project/source.ts';
import { file, goodFrontmatter, load, post, testConfig } from '../../helpers/project.ts';

const postPath = 'content/posts/2026/12/the-post.mdx';

interface BadInput {
  name: string;
  files: SourceFile[];
  /** herald.yaml to use instead of the test one; null for none. */
  config?: string | null;
  rule: string;
  file?: string;
  line: number;
  /** Words the message must contain, so it tells the author what to do. */
  says?: RegExp;
  /** The only problem found: nothing else on the same slip hides it. */
  alone?: boolean;
}

const ht = (frontmatter: string) => [file(postPath, post(frontmatter))];
const withGood = (extra: string) => ht(`${goodFrontmatter}\n${extra}`);
const inConfig = (config: string, line: number, rule: string, says?: RegExp): Omit<BadInput, 'name'> => ({
  files: [],
  config,
  rule,
  file: 'content/herald.yaml',
  line,
  ...(says && { says }),
});

const encoder = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...encoder.encode(part)] : part)));

const cases: BadInput[] = [
  {
    name: 'broken YAML: an unclosed quote',
    files: [file(postPath, post(`title: "An unclosed quote\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'yaml/syntax',
    line: 2,
    says: /^This value opens a quote \("\) that is never closed\. Add the closing " at the end of the value, or remove the opening one\.$/,
  },
  {
    name: 'broken YAML: a mapping inside a scalar',
    files: [
      file(postPath, post(`title: Join us: the meeting: tonight\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`)),
    ],
    rule: 'yaml/syntax',
    line: 2,
  },
  {
    name: 'broken YAML: a tab used for indenting',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n\t- src: ./a.jpg`))],
    rule: 'yaml/syntax',
    line: 6,
    says: /spaces/,
  },
  {
    name: 'broken YAML: an unclosed list',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x`))],
    rule: 'yaml/syntax',
    line: 4,
  },
  {
    name: 'a hashtag YAML would read as a comment and drop',
    files: [
      file(
        postPath,
        post(`${goodFrontmatter}\nvariants:\n  x: Join us tonight #RiversideAGM # a real comment is fine`),
      ),
    ],
    rule: 'yaml/hashtag-comment',
    line: 6,
    says: /#RiversideAGM and what follows it .* quotes/,
  },
  {
    name: 'a setting written twice',
    files: [file(postPath, post(`${goodFrontmatter}\ntitle: Again`))],
    rule: 'yaml/duplicate-key',
    line: 5,
    says: /"title" is set twice/,
  },
  {
    name: 'no front matter at all',
    files: [file(postPath, 'Just some text without settings.\n')],
    rule: 'frontmatter/missing',
    line: 1,
    says: /three dashes/,
  },
  {
    name: 'front matter never closed',
    files: [file(postPath, `---\n${goodFrontmatter}\nHello`)],
    rule: 'frontmatter/unclosed',
    line: 1,
  },
  {
    name: 'empty front matter',
    files: [file(postPath, '---\n\n---\nHello\n')],
    rule: 'frontmatter/empty',
    line: 1,
  },
  {
    name: 'front matter that is a list, not settings',
    files: [file(postPath, '---\n- title\n- publishAt\n---\nHello\n')],
    rule: 'schema/type',
    line: 2,
    says: /^The front matter should be settings, one per line written as "name: value", not a list\.$/,
  },
  {
    name: 'a required setting missing',
    files: [file(postPath, post(`publishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'schema/missing',
    line: 2,
    says: /"title" is missing/,
  },
  {
    name: 'channels written as text instead of a list',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: 42`))],
    rule: 'schema/type',
    line: 4,
    says: /should be a list/,
  },
  {
    name: 'a title YAML reads as a number',
    files: [file(postPath, post(`title: 1984\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'schema/type',
    line: 2,
    says: /quotes/,
  },
  {
    name: 'an unknown setting with a close match',
    files: [file(postPath, post(`${goodFrontmatter}\ncampain: agm`))],
    rule: 'schema/unknown-key',
    line: 5,
    says: /Did you mean "campaign"\?/,
  },
  {
    name: 'an unknown setting inside media',
    files: [
      file(
        postPath,
        post(
          `${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: owned\n    alttext: x`,
        ),
      ),
    ],
    rule: 'schema/unknown-key',
    line: 9,
    says: /Did you mean "alt"\?/,
  },
  {
    name: 'a channel herald.yaml does not have',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels:\n  - mastodon\n  - blusky`))],
    rule: 'post/unknown-channel',
    line: 6,
    says: /Did you mean "bluesky"\?/,
  },
  {
    name: 'an unknown time zone',
    files: [file(postPath, post(`${goodFrontmatter}\ntimezone: Europe/Warsw`))],
    rule: 'time/unknown-zone',
    line: 5,
    says: /^"Europe\/Warsw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'a time skipped by the spring-forward change',
    files: [
      file('content/posts/2027/03/the-post.mdx', post(`title: T\npublishAt: 2027-03-28 02:30\nchannels: [mastodon]`)),
    ],
    rule: 'time/nonexistent',
    line: 3,
    says: /does not exist/,
  },
  {
    name: 'a time that happens twice when clocks go back',
    files: [
      file('content/posts/2026/10/the-post.mdx', post(`title: T\npublishAt: 2026-10-25 02:30\nchannels: [mastodon]`)),
    ],
    rule: 'time/ambiguous',
    line: 3,
    says: /\+02:00 \(first\) or .*\+01:00 \(second\)/,
  },
  {
    name: 'an offset the zone never has at that time',
    files: [
      file(
        'content/posts/2026/10/the-post.mdx',
        post(`title: T\npublishAt: 2026-10-25 02:30+05:00\nchannels: [mastodon]`),
      ),
    ],
    rule: 'time/offset-mismatch',
    line: 3,
  },
  {
    name: 'a time written in UTC',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 17:30Z\nchannels: [mastodon]`))],
    rule: 'time/utc',
    line: 3,
  },
  {
    name: 'a date that does not exist',
    files: [
      file('content/posts/2027/02/the-post.mdx', post(`title: T\npublishAt: 2027-02-30 10:00\nchannels: [mastodon]`)),
    ],
    rule: 'time/format',
    line: 3,
  },
  {
    name: 'a date without a time',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03\nchannels: [mastodon]`))],
    rule: 'schema/value',
    line: 3,
    says: /2026-12-03 18:30/,
  },
  {
    name: 'an image without alt text',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    rights: owned`))],
    rule: 'schema/missing',
    line: 6,
    says: /media\[0\]\.alt/,
  },
  {
    name: 'an image with blank alt text',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: "   "\n    rights: owned`))],
    rule: 'schema/value',
    line: 7,
    says: /describe the image/,
  },
  {
    name: 'an image without rights',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people`))],
    rule: 'schema/missing',
    line: 6,
    says: /rights/,
  },
  {
    name: 'image rights misspelt',
    files: [
      file(
        postPath,
        post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: own`),
      ),
    ],
    rule: 'schema/value',
    line: 8,
    says: /Did you mean "owned"\?/,
  },
  {
    name: 'a licensed image without a credit',
    files: [
      file(
        postPath,
        post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: licensed`),
      ),
    ],
    rule: 'media/credit-required',
    line: 6,
    says: /credit/,
  },
  {
    name: 'expiry before publication',
    files: [file(postPath, post(`${goodFrontmatter}\nexpiresAt: 2026-12-03 09:00`))],
    rule: 'post/expires-before-publish',
    line: 5,
  },
  {
    name: 'an unknown kind',
    files: [file(postPath, post(`${goodFrontmatter}\nkind: repost`))],
    rule: 'schema/value',
    line: 5,
    says: /original, reshare, evergreen/,
  },
  {
    name: 'a variant for something that is neither channel nor network',
    files: [file(postPath, post(`${goodFrontmatter}\nvariants:\n  mastdon: Short text`))],
    rule: 'post/unknown-variant',
    line: 6,
    says: /Did you mean/,
  },
  {
    name: 'an id that is not a slug',
    files: [file(postPath, post(`${goodFrontmatter}\nid: AGM 2026`))],
    rule: 'schema/value',
    line: 5,
  },
  {
    name: 'a file name that cannot be an id',
    files: [file('content/posts/2026/12/AGM Live.mdx', post(goodFrontmatter))],
    rule: 'post/id',
    file: 'content/posts/2026/12/AGM Live.mdx',
    line: 1,
  },
  {
    name: 'a post without text',
    files: [file(postPath, post(goodFrontmatter, '\n\n'))],
    rule: 'post/empty-body',
    line: 6,
  },
  {
    name: 'an empty file',
    files: [file(postPath, '')],
    rule: 'file/empty',
    line: 1,
  },
  {
    name: 'binary garbage (a PNG saved as .mdx)',
    files: [
      file(postPath, bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])),
    ],
    rule: 'file/binary',
    line: 3,
  },
  {
    name: 'text that is not UTF-8 (Latin-1)',
    files: [file(postPath, bytes(`---\n${goodFrontmatter}\n---\nZa`, [0xbf, 0xf3, 0xb3, 0xe6], '\n'))],
    rule: 'file/encoding',
    line: 6,
    says: /UTF-8/,
  },
  {
    name: 'a 5 MB file',
    files: [file(postPath, post(goodFrontmatter, 'x'.repeat(5_000_000)))],
    rule: 'file/too-large',
    line: 1,
    says: /5\.0 MB/,
  },
  {
    name: 'a BOM at the start, with an error on line 4',
    files: [file(postPath, `\uFEFF---\ntitle: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodn]\n---\nHello\n`)],
    rule: 'post/unknown-channel',
    line: 4,
  },
  {
    name: 'Windows line ends, with an error on line 5',
    files: [
      file(
        postPath,
        `---\r\ntitle: T\r\npublishAt: 2026-12-03 18:30\r\nchannels: [mastodon]\r\nkind: originall\r\n---\r\nHello\r\n`,
      ),
    ],
    rule: 'schema/value',
    line: 5,
    says: /Did you mean "original"\?/,
  },
  {
    name: 'YAML aliases that expand without end',
    files: [
      file(
        postPath,
        post(
          `${goodFrontmatter}\nlabels: &a [x, x, x, x, x, x, x, x, x]\nx1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nx3: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]`,
        ),
      ),
    ],
    rule: 'yaml/syntax',
    // The first alias, where the repetition starts.
    line: 6,
    says: /anchors and aliases \(& and \*\) too many times to be read\. Write the values out instead\./,
  },
  {
    name: 'herald.yaml: a network that does not exist',
    files: [],
    config: testConfig.replace('network: x', 'network: twiter'),
    rule: 'schema/value',
    file: 'content/herald.yaml',
    line: 12,
    says: /mastodon, bluesky, x, linkedin, threads, webhook/,
  },
  {
    name: 'herald.yaml: a misspelt setting',
    files: [],
    config: testConfig.replace('organization:', 'organisation:'),
    rule: 'schema/unknown-key',
    file: 'content/herald.yaml',
    line: 1,
    says: /Did you mean "organization"\?/,
  },
  {
    name: 'herald.yaml: an unknown time zone',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Warsaw'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Warsaw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'herald.yaml: a misspelt time zone',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Europe/Warsw'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Europe\/Warsw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'herald.yaml: a time zone that is no place at all',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Mars/Olympus'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Mars\/Olympus" is not a time zone\. Use an IANA name such as Europe\/Warsaw or America\/New_York\.$/,
  },
  {
    name: 'herald.yaml: two channels with one id',
    files: [],
    config: testConfig.replace('id: x', 'id: mastodon'),
    rule: 'config/duplicate-channel',
    file: 'content/herald.yaml',
    line: 11,
  },
  {
    name: 'herald.yaml: missing',
    files: [file(postPath, post(goodFrontmatter))],
    config: null,
    rule: 'config/missing',
    file: 'content/herald.yaml',
    line: 1,
  },
  {
    name: 'handbook page without an owner',
    files: [
      file(
        'content/handbook/policy.mdx',
        post('title: Policy\ndescription: What we do\nlastReviewed: 2026-06-01\nreviewEvery: P1Y'),
      ),
    ],
    rule: 'schema/missing',
    file: 'content/handbook/policy.mdx',
    line: 2,
    says: /"owner" is missing/,
  },
  {
    name: 'handbook page with a review period that is not a duration',
    files: [
      file(
        'content/handbook/policy.mdx',
        post('title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: yearly'),
      ),
    ],
    rule: 'schema/value',
    file: 'content/handbook/policy.mdx',
    line: 6,
    says: /P1Y/,
  },
  {
    name: 'handbook page whose MDX would break the site build',
    files: [
      file(
        'content/handbook/policy.mdx',
        post(
          'title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: P1Y',
          '# Policy\n\nWe answer within {24 hours.\n',
        ),
      ),
    ],
    rule: 'body/mdx-syntax',
    file: 'content/handbook/policy.mdx',
    line: 10,
  },
  // Hashtags, which YAML reads as comments
  {
    name: 'a hashtag in a list written inline',
    files: withGood('labels: [#river]'),
    rule: 'yaml/syntax',
    line: 5,
    says: /^#river starts a YAML comment here, which cuts the list short\. Put each hashtag in quotes, e\.g\. labels: \["#river"\]\.$/,
    alone: true,
  },
  {
    name: 'a hashtag after another item of an inline list',
    files: withGood('labels: [event, #river]'),
    rule: 'yaml/syntax',
    line: 5,
    says: /#river starts a YAML comment/,
    alone: true,
  },
  {
    name: 'a hashtag as a channel in an inline list',
    files: ht('title: T\npublishAt: 2026-12-03 18:30\nchannels: [#mastodon]'),
    rule: 'yaml/syntax',
    line: 4,
    says: /channels: \["#mastodon"\]/,
    alone: true,
  },
  {
    name: 'a hashtag as an item of a list written as lines',
    files: withGood('labels:\n  - #river'),
    rule: 'yaml/hashtag-comment',
    line: 6,
    says: /#river and what follows/,
    alone: true,
  },
  {
    name: 'a title that starts with a hashtag',
    files: ht('title: #AGM tonight\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/hashtag-comment',
    line: 2,
    says: /#AGM .*quotes/,
    alone: true,
  },
  // What YAML cannot read
  {
    name: 'a value with ": " in it',
    files: ht('title: AGM: live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/syntax',
    line: 2,
    says: /^This value contains ": ", .* Put the whole value in quotes: title: "AGM: live"\.$/,
    alone: true,
  },
  {
    name: 'a value starting with @',
    files: ht('title: @riverside news\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/syntax',
    line: 2,
    says: /^A value cannot start with @ unless it is in quotes\. Write it as title: "@riverside news"\.$/,
  },
  {
    name: 'a value starting with a backtick',
    files: ht('title: `Repair` café\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/syntax',
    line: 2,
    says: /title: "`Repair` café"/,
  },
  {
    name: 'a value starting with %',
    files: ht('title: %50 off\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/syntax',
    line: 2,
    says: /title: "%50 off"/,
  },
  {
    name: 'a value starting with *',
    files: withGood('labels: [*new*]'),
    rule: 'yaml/syntax',
    line: 5,
    says: /Write it as "\*new\*\]?"/,
  },
  {
    name: 'a setting indented under another',
    files: ht('title: T\n  publishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'yaml/syntax',
    line: 2,
    says: /indented further .* same column/,
  },
  {
    name: 'an unclosed single quote',
    files: ht("title: 'The AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]"),
    rule: 'yaml/syntax',
    line: 2,
    says: /opens a quote \('\) that is never closed/,
  },
  {
    name: 'an unclosed inline group',
    files: withGood('kind: evergreen\nrepeat: { every: P1W'),
    rule: 'yaml/syntax',
    line: 6,
    says: /opens with \{ but is not closed with \}/,
  },
  { name: 'a file of only ---', files: [file(postPath, '---\n')], rule: 'frontmatter/unclosed', line: 1 },
  {
    name: 'a file of two --- lines and nothing else',
    files: [file(postPath, '---\n---\n')],
    rule: 'frontmatter/empty',
    line: 1,
  },
  {
    name: 'front matter that is one line of text',
    files: [file(postPath, '---\njust some words\n---\nHello\n')],
    rule: 'schema/type',
    line: 2,
    says: /^The front matter should be settings, .* not the text "just some words"\.$/,
  },
  // A value of the wrong kind
  {
    name: 'channels as one name instead of a list',
    files: ht('title: T\npublishAt: 2026-12-03 18:30\nchannels: mastodon'),
    rule: 'schema/type',
    line: 4,
    says: /^"channels" should be a list, not the text "mastodon"\. For example: \[mastodon, bluesky\]$/,
  },
  {
    name: 'channels as names with commas instead of a list',
    files: ht('title: T\npublishAt: 2026-12-03 18:30\nchannels: mastodon, x'),
    rule: 'schema/type',
    line: 4,
    says: /For example: \[mastodon, bluesky\]/,
  },
  {
    name: 'an empty list of channels',
    files: ht('title: T\npublishAt: 2026-12-03 18:30\nchannels: []'),
    rule: 'schema/value',
    line: 4,
    says: /at least one channel/,
  },
  {
    name: 'a title left empty',
    files: ht('title:\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
    rule: 'schema/type',
    line: 2,
    says: /^"title" has no value\. Write it after "title:"\.$/,
  },
  {
    name: 'a list item left empty',
    files: withGood('labels:\n  -\n  - event'),
    rule: 'schema/type',
    line: 6,
    says: /^"labels\[0\]" has no value\. Write it after the dash, or remove the line\.$/,
  },
  {
    name: 'a time without a date',
    files: ht('title: T\npublishAt: 18:30\nchannels: [mastodon]'),
    rule: 'schema/value',
    line: 3,
    says: /2026-12-03 18:30/,
  },
  {
    name: 'a date written day first',
    files: ht('title: T\npublishAt: 03.12.2026 18:30\nchannels: [mastodon]'),
    rule: 'schema/value',
    line: 3,
    says: /2026-12-03 18:30/,
  },
  {
    name: 'a year where the time goes',
    files: ht('title: T\npublishAt: 2026\nchannels: [mastodon]'),
    rule: 'schema/type',
    line: 3,
    says: /^"publishAt" should be a text, not the number 2026\. For example: 2026-12-03 18:30$/,
  },
  {
    name: "a number as a variant's text",
    files: withGood('variants:\n  x: 42'),
    rule: 'schema/type',
    line: 6,
    says: /Put the value in quotes, e\.g\. "42"/,
  },
  {
    name: 'a number as a content warning',
    files: withGood('contentWarning: 5'),
    rule: 'schema/type',
    line: 5,
    says: /quotes/,
  },
  {
    name: 'a language written out as a word',
    files: withGood('lang: english'),
    rule: 'post/language',
    line: 5,
    says: /^"english" names no language: the registry has no language "english"\. Write the language the text is in, such as en, en-GB/,
  },
  {
    name: 'a language tag with an underscore',
    files: withGood('lang: en_GB'),
    rule: 'post/language',
    line: 5,
    says: /en-GB/,
  },
  {
    name: 'a language that does not exist',
    files: withGood('lang: qq'),
    rule: 'post/language',
    line: 5,
    says: /"qq" names no language/,
  },
  {
    name: 'a language tag for no linguistic content',
    files: withGood('lang: zxx'),
    rule: 'post/language',
    line: 5,
    says: /"zxx" is not one language but "No linguistic content", which no network can use as a post's language/,
  },
  {
    name: 'a language tag for several languages',
    files: withGood('lang: mul'),
    rule: 'post/language',
    line: 5,
    says: /"mul" is not one language but "Multiple languages".*Write the language the text is in/,
  },
  {
    name: 'an undetermined language',
    files: withGood('lang: und'),
    rule: 'post/language',
    line: 5,
    says: /"und" is not one language but "Undetermined"/,
  },
  {
    name: 'a private-use tag only',
    files: withGood('lang: x-riverside'),
    rule: 'post/language',
    line: 5,
    says: /"x-riverside" is private use only \(x-\.\.\.\): it names no language a network knows\./,
  },
  {
    name: 'a 100-character tag with a private-use part',
    files: withGood(`lang: en-x-${Array.from({ length: 11 }, () => 'abcdefgh').join('-')}`),
    rule: 'post/language',
    line: 5,
    says: /ends in a private-use part \(x-abcdefgh-.*\), which means nothing to a network\. Write "en" without it\./,
  },
  {
    name: 'a private-use language code',
    files: withGood('lang: qaa'),
    rule: 'post/language',
    line: 5,
    says: /private-use language code \(qaa to qtz\)/,
  },
  {
    name: 'a grandfathered tag that stands for no language',
    files: withGood('lang: i-default'),
    rule: 'post/language',
    line: 5,
    says: /"i-default" is an old registered tag that stands for no language in use today/,
  },
  {
    name: 'a collection of languages',
    files: withGood('lang: sgn'),
    rule: 'post/language',
    line: 5,
    says: /"sgn" is not one language but "Sign languages"/,
  },
  {
    name: "a video's captions in no language",
    files: withGood(
      'media:\n  - src: ./tour.mp4\n    alt: A walk\n    rights: owned\n    captions: ./tour.vtt\n    captionsLang: zxx',
    ),
    rule: 'post/language',
    line: 10,
    says: /^"zxx" is not one language but "No linguistic content".* Write the language the captions are in, such as en, en-GB, pt-BR or fa, or remove captionsLang to use herald\.yaml's locale\.$/,
  },
  {
    name: 'a region that does not exist',
    files: withGood('lang: en-XY'),
    rule: 'post/language',
    line: 5,
    says: /"en-XY" has a part that is no registered region, script or variant: "XY"/,
  },
  {
    name: 'a content label Bluesky does not know',
    files: withGood('contentLabels: [gore]'),
    rule: 'schema/value',
    line: 5,
    says: /sexual, nudity, porn, graphic-media/,
  },
  {
    name: 'content labels as one word instead of a list',
    files: withGood('contentLabels: nudity'),
    rule: 'schema/type',
    line: 5,
  },
  { name: 'a number as a language', files: withGood('lang: 12'), rule: 'schema/type', line: 5 },
  { name: 'a number as an id', files: withGood('id: 2026'), rule: 'schema/type', line: 5, says: /quotes/ },
  {
    name: 'an image given as a path instead of settings',
    files: withGood('media: ./hall.jpg'),
    rule: 'schema/type',
    line: 5,
    says: /should be a list, not the text/,
  },
  {
    name: 'images given as paths in a list',
    files: withGood('media: [./hall.jpg]'),
    rule: 'schema/type',
    line: 5,
    says: /"media\[0\]" should be a group of settings/,
  },
  {
    name: 'a link without https://',
    files: withGood('link: riverside.example/agm'),
    rule: 'schema/value',
    line: 5,
    says: /https:\/\//,
  },
  {
    name: 'variants as a list',
    files: withGood('variants: [x]'),
    rule: 'schema/type',
    line: 5,
    says: /group of settings/,
  },
  {
    name: 'a repeat written as a word',
    files: withGood('kind: evergreen\nrepeat: weekly'),
    rule: 'schema/type',
    line: 6,
    says: /group of settings/,
  },
  {
    name: 'a repeat interval written as a word',
    files: withGood('kind: evergreen\nrepeat: { every: weekly, until: 2027-06-30 }'),
    rule: 'schema/value',
    line: 6,
    says: /P1Y/,
  },
  {
    name: 'an expiry written as a word',
    files: withGood('expiresAt: tomorrow'),
    rule: 'schema/value',
    line: 5,
    says: /2027-06-01/,
  },
  {
    name: 'an author written with @',
    files: withGood('author: "@ada"'),
    rule: 'schema/value',
    line: 5,
    says: /GitHub login such as ada/,
  },
  {
    name: 'a campaign with capitals and spaces',
    files: withGood('campaign: AGM 2026'),
    rule: 'schema/value',
    line: 5,
    says: /lower-case letters/,
  },
  { name: 'retract as text', files: withGood('retract: "yes"'), rule: 'schema/type', line: 5, says: /true or false/ },
  {
    name: 'a kind YAML might read as a boolean',
    files: withGood('kind: yes'),
    rule: 'schema/value',
    line: 5,
    says: /original, reshare, evergreen/,
  },
  // herald.yaml
  {
    name: 'herald.yaml: empty',
    ...inConfig(
      '',
      1,
      'file/empty',
      /^herald\.yaml is empty\. Write at least organization, timezone, repository and channels/,
    ),
  },
  {
    name: 'herald.yaml: a list',
    ...inConfig(
      '- organization\n- timezone\n',
      1,
      'schema/type',
      /^This file should be settings, one per line written as "name: value", not a list\.$/,
    ),
  },
  {
    name: 'herald.yaml: channels as a group instead of a list',
    ...inConfig(
      testConfig.replace(/channels:[\s\S]*/, 'channels:\n  mastodon:\n    network: mastodon\n'),
      5,
      'schema/type',
      /"channels" should be a list, not a group of settings/,
    ),
  },
  {
    name: 'herald.yaml: one channel name instead of the list',
    ...inConfig(
      testConfig.replace(/channels:[\s\S]*/, 'channels: mastodon\n'),
      4,
      'schema/type',
      /"channels" should be a list/,
    ),
  },
  {
    name: "herald.yaml: a hashtag in the organisation's name",
    ...inConfig(
      testConfig.replace('organization: Test Association', 'organization: Riverside #RRA'),
      1,
      'yaml/hashtag-comment',
      /#RRA/,
    ),
  },
  {
    name: 'herald.yaml: a number of approvals in words',
    ...inConfig(
      `${testConfig}approvals:\n  required: two\n`,
      14,
      'schema/type',
      /should be a number, not the text "two"/,
    ),
  },
  {
    name: 'herald.yaml: the pause switch as text',
    ...inConfig(`${testConfig}publishing:\n  paused: "no"\n`, 14, 'schema/type', /true or false/),
  },
  {
    name: 'herald.yaml: a window in words',
    ...inConfig(`${testConfig}publishing:\n  window: 2 hours\n`, 14, 'schema/value', /PT2H/),
  },
  {
    name: 'herald.yaml: a severity misspelt',
    ...inConfig(`${testConfig}rules:\n  post/folder: warning\n`, 14, 'schema/value', /Did you mean "warn"\?/),
  },
  {
    name: 'herald.yaml: half a post a day',
    ...inConfig(`${testConfig}calendar:\n  maxPerDayPerChannel: 2.5\n`, 14, 'schema/type', /whole number/),
  },
  {
    name: 'herald.yaml: a tab for indenting',
    ...inConfig(testConfig.replace('  - id: x', '\t- id: x'), 11, 'yaml/syntax', /spaces/),
  },
  {
    name: 'herald.yaml: an instance without https://',
    ...inConfig(testConfig.replace('https://mastodon.social', 'mastodon.social'), 7, 'schema/value', /https:\/\//),
  },
  {
    name: 'herald.yaml: a quiet period with a date written day first',
    ...inConfig(
      `${testConfig}calendar:\n  quietPeriods:\n    - { from: 24.12.2026, to: 2026-12-26, reason: Holidays }\n`,
      15,
      'schema/value',
      /2026-11-23/,
    ),
  },
  {
    name: 'handbook page with an HTML tag MDX wants closed',
    files: [
      file(
        'content/handbook/policy.mdx',
        post(
          'title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: P1Y',
          'One line.<br>The next.',
        ),
      ),
    ],
    rule: 'body/mdx-syntax',
    file: 'content/handbook/policy.mdx',
    line: 8,
    says: /^This page is not valid MDX: Expected a closing tag for `<br>` before the end of `paragraph`\. .*\(<br \/>\)\.$/,
  },
  {
    name: 'handbook page reviewed "last week"',
    files: [
      file(
        'content/handbook/policy.mdx',
        post('title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: last week\nreviewEvery: P1Y'),
      ),
    ],
    rule: 'schema/value',
    file: 'content/handbook/policy.mdx',
    line: 5,
    says: /2026-11-23/,
  },
];

describe('the loader on bad input', () => {
  it('has a corpus of at least 100 bad inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)('$name → $rule at line $line', (testCase) => {
    const { files, rule, line, says } = testCase;
    const project = load(files, testCase.config === undefined ? testConfig : testCase.config);
    const found = project.problems.filter((p) => p.rule === rule);
    expect(found, JSON.stringify(project.problems, null, 2)).toHaveLength(1);
    const [problem] = found;
    expect(problem).toMatchObject({ file: testCase.file ?? files[0]?.path, line, severity: 'error' });
    expect(problem!.column).toBeGreaterThanOrEqual(1);
    if (says) expect(problem!.message).toMatch(says);
    if (testCase.alone) expect(project.problems).toEqual([problem]);
    // A post with an error is never handed to the site or the publisher.
    expect(project.posts).toHaveLength(0);
  });

  it('speaks to the author, never in the words of the parsers or of JavaScript', () => {
    const jargon =
      /Invalid input|expected \w+, received|YAML|Zod|Error\b|compact mapping|implicit key|[Ff]low (sequence|map)|scalar|token|undefined|\[object|NaN|""/;
    for (const testCase of cases) {
      const project = load(testCase.files, testCase.config === undefined ? testConfig : testCase.config);
      for (const found of project.problems) {
        // "YAML comment" names the thing itself: the message says what to write instead.
        const message = found.message.replace(/YAML (comment|reads|anchors)/g, '');
        expect(message, `${testCase.name}: ${found.message}`).not.toMatch(jargon);
      }
    }
  });

  it('reports every bad file of a folder in one run and still loads the good ones', () => {
    const postFiles = cases
      .filter((c) => c.config === undefined && c.files[0]?.path === postPath)
      .map((c, i) => ({ ...c.files[0]!, path: `content/posts/2026/12/bad-${i}.mdx` }));
    const good = file('content/posts/2026/12/good.mdx', post(goodFrontmatter));
    const project = load([...postFiles, good]);
    const filesWithErrors = new Set(project.problems.filter((p) => p.severity === 'error').map((p) => p.file));
    expect(filesWithErrors.size).toBe(postFiles.length);
    expect(project.posts.map((p) => p.id)).toEqual(['good']);
  });

  it('reports every wrong setting of one file, not only the first', () => {
    const project = load([
      file(
        postPath,
        post(
          `title: T\npublishAt: 2026-03-29 02:30\ntimezone: Europe/Warsaw\nchannels: [mastodn]\nkind: repost\nlink: not a url`,
        ),
      ),
    ]);
    expect(project.problems.map((p) => [p.rule, p.line])).toEqual([
      ['time/nonexistent', 3],
      ['post/unknown-channel', 5],
      ['schema/value', 6],
      ['schema/value', 7],
    ]);
  });

  it('reports a duplicate id on both files and publishes neither', () => {
    const project = load([
      file('content/posts/2026/12/first.mdx', post(`${goodFrontmatter}\nid: agm-live`)),
      file(
        'content/posts/2026/12/second.mdx',
        post(`title: Other\npublishAt: 2026-12-04 10:00\nchannels: [x]\nid: agm-live`),
      ),
    ]);
    const duplicates = project.problems.filter((p) => p.rule === 'post/duplicate-id');
    expect(duplicates.map((p) => [p.file, p.line])).toEqual([
      ['content/posts/2026/12/first.mdx', 5],
      ['content/posts/2026/12/second.mdx', 5],
    ]);
    expect(duplicates[0]!.message).toContain('content/posts/2026/12/second.mdx');
    expect(project.posts).toHaveLength(0);
  });

  it("warns, without refusing the post, when it sits in another month's folder", () => {
    const project = load([file('content/posts/2026/11/early.mdx', post(goodFrontmatter))]);
    expect(project.problems).toEqual([expect.objectContaining({ rule: 'post/folder', severity: 'warning', line: 3 })]);
    expect(project.problems[0]!.message).toContain('content/posts/2026/12/');
    expect(project.posts).toHaveLength(1);
  });

  it('keeps hashtags in quotes and blocks, and comments written on purpose', () => {
    const project = load([
      file(
        postPath,
        post(
          `${goodFrontmatter}\nkind: original # the usual kind\nvariants:\n  x: "Join us #RiversideAGM"\n  mastodon: |\n    Join us #RiversideAGM`,
        ),
      ),
    ]);
    expect(project.problems).toEqual([]);
    expect(project.posts[0]!.variantParts).toEqual({
      x: ['Join us #RiversideAGM'],
      mastodon: ['Join us #RiversideAGM'],
    });
  });
});
