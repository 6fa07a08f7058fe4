import { domainToASCII } from 'node:url';
import twitterText from './twitter-text.ts';
import { networkProfiles, type Counting } from '../networks/profiles.ts';
import type { Channel, NetworkName } from '../../schemas/config.ts';

/**
 * How long a text is by each network's own rules, and the limit it is held to: how a network counts
 * and how much it takes are in its profile (src/lib/networks/). The linter counts with these, the
 * preview shows them and the publisher refuses what would not fit.
 *
 * - twitter-text: `parseTweet` (config v3), the library X publishes for exactly this.
 * - mastodon: the server's StatusLengthValidator (app/validators/status_length_validator.rb):
 *   grapheme clusters of the content warning plus the text, where every URL the server would link
 *   counts as 23 and a remote mention as its local part. Its URL and mention patterns are
 *   Mastodon's own (config/initializers/twitter_regex.rb, Account::MENTION_RE), rebuilt below.
 * - graphemes: Intl.Segmenter's grapheme clusters, as @atproto/api's RichText counts them.
 * - utf-16: UTF-16 code units, a JavaScript string's length.
 */
export interface Measure {
  length: number;
  limit: number | undefined;
  /** Bluesky also caps the UTF-8 size of a post. */
  bytes?: { length: number; limit: number };
  /**
   * Characters the network refuses whatever the length: for X, those that make twitter-text's
   * parseTweet call a text invalid (U+FFFE, U+FEFF, U+FFFF), in the order they first appear.
   */
  refused?: string[];
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Characters that Unicode's grapheme rules (UAX #29) always leave on their own: tab, line feed,
 * printable ASCII, Latin-1 and Latin Extended-A/B, but for © and ® (emoji, which a following
 * variation selector or joiner extends). None is a combining mark, joiner, carriage return, prepend
 * or regional indicator, so between two of them there is always a boundary (GB4, GB5, GB999).
 */
const single = '\\t\\n\\x20-\\x7E\\xA0-\\xA8\\xAA-\\xAD\\xAF-\\u024F';
const onlySingles = new RegExp(`^[${single}]*$`);
const others = new RegExp(`[^${single}]+`, 'g');

/**
 * Grapheme clusters, as Intl.Segmenter finds them. The segmenter is slow, so it only sees the
 * stretches around other characters (an emoji, an accent written as a combining mark, a script
 * outside Latin), each with the single character on either side that it may join; the text is cut
 * only between two single characters, where there is a boundary anyway.
 */
export function graphemeCount(text: string): number {
  if (onlySingles.test(text)) return text.length;
  let count = 0;
  // Text before `counted` is counted; the stretch [from, to) waits to be segmented.
  let counted = 0;
  let from = 0;
  let to = 0;
  const segment = () => {
    count += from - counted;
    for (const _ of segmenter.segment(text.slice(from, to))) count++;
    counted = to;
  };
  others.lastIndex = 0;
  for (let match = others.exec(text); match; match = others.exec(text)) {
    const start = Math.max(match.index - 1, 0);
    const end = Math.min(others.lastIndex + 1, text.length);
    // A stretch that reaches into the waiting one joins it: the cut needs a single on each side.
    if (from < to && start < to) {
      to = end;
      continue;
    }
    if (from < to) segment();
    from = start;
    to = end;
  }
  if (from < to) segment();
  return count + text.length - counted;
}

/** Bytes of `text` in UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    // A surrogate pair is two UTF-16 units and four bytes; a lone surrogate becomes U+FFFD, 3 bytes.
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export interface MeasureOptions {
  /** Counted against the same limit where the network has content warnings (Mastodon's spoiler text). */
  contentWarning?: string;
}

/** The length of `text` counted one way (a network's text or alt text, see its profile). */
export function countAs(counting: Counting, text: string): number {
  switch (counting) {
    case 'twitter-text':
      return twitterText.parseTweet(text).weightedLength;
    case 'mastodon':
      return mastodonLength(text);
    case 'graphemes':
      return graphemeCount(text);
    case 'code-points':
      return [...text].length;
    case 'utf-16':
      return text.length;
    case 'threads':
      return threadsLength(text);
  }
}

/** An emoji as Threads sees one: a cluster with a pictograph (☀️, 👩‍👩‍👧) or a flag's regional indicators. */
const emoji = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;

/**
 * Threads' count (its Posts documentation: "Emojis are counted as the number of UTF-8 bytes"):
 * code points, but each grapheme cluster that is an emoji as its UTF-8 bytes, joiners and variation
 * selectors included, which is the strictest reading.
 */
function threadsLength(text: string): number {
  if (!emoji.test(text)) return [...text].length;
  let length = 0;
  for (const { segment } of segmenter.segment(text))
    length += emoji.test(segment) ? utf8Length(segment) : [...segment].length;
  return length;
}

/**
 * The distinct web addresses in a text, as a network that caps links counts them (Threads: "all
 * unique URLs found in the text field"), found by twitter-text's extractor, which also takes
 * addresses written without https:// (www.example.org, example.org/agm).
 */
export function distinctLinks(text: string): string[] {
  return [...new Set(twitterText.extractUrls(text))];
}

/**
 * A text as `network` counts it, against its limit (a Mastodon channel's own maxCharacters where
 * herald.yaml gives one), with what else the network holds it to.
 */
export function measure(text: string, network: NetworkName, channel?: Channel, options: MeasureOptions = {}): Measure {
  const profile = networkProfiles[network].text;
  const limit = channel?.network === 'mastodon' && channel.maxCharacters ? channel.maxCharacters : profile.limit;
  if (profile.counting === 'twitter-text') {
    const parsed = twitterText.parseTweet(text);
    // parseTweet also calls an empty or too long text invalid; the length rules say those.
    const refused = parsed.valid || !twitterText.hasInvalidCharacters(text) ? [] : [...new Set(text.match(refusedByX))];
    return { length: parsed.weightedLength, limit, ...(refused.length > 0 ? { refused } : {}) };
  }
  const length =
    profile.counting === 'mastodon'
      ? mastodonLength(text, profile.contentWarning ? (options.contentWarning ?? '') : '')
      : countAs(profile.counting, text);
  const measured: Measure = { length, limit };
  if (profile.maxBytes !== undefined) measured.bytes = { length: utf8Length(text), limit: profile.maxBytes };
  return measured;
}

export function fits(m: Measure): boolean {
  return (m.limit === undefined || m.length <= m.limit) && (!m.bytes || m.bytes.length <= m.bytes.limit);
}

// --- Mastodon -------------------------------------------------------------------------------------

const urlPlaceholder = 'x'.repeat(23);

/** Parts of twitter-text that Mastodon builds on; @types/twitter-text does not declare them. */
const twitterInternals = twitterText as unknown as {
  regexen: Record<
    | 'validUrlPrecedingChars'
    | 'validDomain'
    | 'validPortNumber'
    | 'validUrlBalancedParens'
    | 'endMentionMatch'
    | 'invalidCharsGroup',
    RegExp
  >;
  removeOverlappingEntities(entities: { indices: [number, number] }[]): void;
};

/** Every character twitter-text's hasInvalidCharacters looks for. */
const refusedByX = new RegExp(`[${twitterInternals.regexen.invalidCharsGroup.source}]`, 'g');

/**
 * Mastodon's URL pattern: twitter-text's domain and preceding-character rules with Mastodon's own
 * path and query characters (any non-space in paths, non-ASCII in queries) and extra protocols.
 * Written without the `u` flag, like twitter-text's parts it is built from, so astral characters
 * are matched as surrogate pairs.
 */
const mastodonUrl = (() => {
  const { regexen } = twitterInternals;
  const space = '\\t\\n\\v\\f\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
  const pathChar = `[^${space}<>()?]`;
  const balancedParens = `\\((?:${pathChar}+|(?:${pathChar}*\\(${pathChar}+\\)${pathChar}*))\\)`;
  // Mastodon defines the ending characters before it redefines the parentheses: twitter-text's stay.
  const pathEnding = `(?:[^${space}()?!*"'\u300C\u300D<>;:=,.$%\\[\\]~&|@]|(?:${regexen.validUrlBalancedParens.source}))`;
  const path = `(?:(?:${pathChar}*(?:${balancedParens}${pathChar}*)*${pathEnding})|(?:${pathChar}+/))`;
  // UCHARS of the initializer: U+00A0–U+D7FF, U+E000–U+FDCF, U+FDF0–U+FFEF and astral characters
  // outside the tag block U+E0000–U+E0FFF.
  const uchars = [
    '\\u00A0-\\uD7FF\\uE000-\\uFDCF\\uFDF0-\\uFFEF',
    '[\\uD800-\\uDB3F\\uDB44-\\uDBFF][\\uDC00-\\uDFFF]',
  ] as const;
  const queryChar = `(?:[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${uchars[0]}]|${uchars[1]})`;
  const queryEnding = `(?:[a-z0-9_&=#/\\-${uchars[0]}]|${uchars[1]})`;
  return new RegExp(
    `((${regexen.validUrlPrecedingChars.source})(((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?(${regexen.validDomain.source})(?::(${regexen.validPortNumber.source}))?(/${path}*)?(\\?${queryChar}*${queryEnding})?))`,
    'gi',
  );
})();

/** twitter-text's limit on a URL, counted with its domain in punycode. */
const maxUrlLength = 4096;
const maxMentionDomainLength = 253;

export interface Entity {
  indices: [number, number];
  replacement: string;
}

/** URLs as Mastodon's Extractor finds them with extract_url_without_protocol: false. */
export function mastodonUrls(text: string): Entity[] {
  // Only addresses with a scheme count, and every scheme ends in "://".
  if (!text.includes('://')) return [];
  const found: Entity[] = [];
  mastodonUrl.lastIndex = 0;
  for (let match = mastodonUrl.exec(text); match; match = mastodonUrl.exec(text)) {
    const [, , , url = '', protocol, domain = ''] = match;
    if (!protocol) continue;
    const end = mastodonUrl.lastIndex;
    const ascii = domainToASCII(domain);
    if (!ascii || url.length + ascii.length - domain.length > maxUrlLength) continue;
    found.push({ indices: [end - url.length, end], replacement: urlPlaceholder });
  }
  return found;
}

const word = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';
/** Account::MENTION_RE: @user or @user@domain, not after a word character, = or /. */
const mention = new RegExp(
  `(?<![=/${word}])@((?:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[${word}]+(?:[.-]+[${word}]+)*)?)`,
  'giu',
);

/** Mentions as Mastodon's Extractor finds them: each counts as "@" and the local username. */
export function mastodonMentions(text: string): Entity[] {
  if (!/[@＠]/.test(text)) return [];
  const found: Entity[] = [];
  for (const match of text.matchAll(mention)) {
    const name = match[1]!;
    const end = match.index + match[0].length;
    if (twitterInternals.regexen.endMentionMatch.test(text.slice(end))) continue;
    const [local = '', domain] = name.split('@');
    if (domain !== undefined && domain.length > maxMentionDomainLength) continue;
    found.push({ indices: [match.index, end], replacement: `@${local}` });
  }
  return found;
}

/** Ruby's String#blank?: empty or only white space. */
const blank = /^[\s\u0085\u180E]*$/u;

export function mastodonLength(text: string, contentWarning = ''): number {
  if (blank.test(text)) return graphemeCount(contentWarning);
  const entities = [...mastodonUrls(text), ...mastodonMentions(text)];
  twitterInternals.removeOverlappingEntities(entities);
  let counted = '';
  let at = 0;
  for (const entity of entities) {
    counted += text.slice(at, entity.indices[0]) + entity.replacement;
    at = entity.indices[1];
  }
  counted += text.slice(at);
  return graphemeCount(contentWarning + counted);
}
