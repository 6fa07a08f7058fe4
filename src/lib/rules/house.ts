import twitterText from '../text/twitter-text.ts';
import type { HouseRules } from '../../schemas/handbook.ts';
import { graphemeCount } from '../text/count.ts';
import { locate } from '../project/locate.ts';
import type { Post } from '../project/model.ts';
import type { Position, Problem } from '../project/problems.ts';
import { listing, plural, type Rules } from './context.ts';
import { finding } from './registry.ts';
import { sentTexts, type SentText } from './sent-text.ts';
import { duration } from './video.ts';

/**
 * The style guide's house rules (its front matter, shown on its handbook page), checked against the
 * text each network receives and pointed at where it is written.
 */
export const houseRules: Rules = ({ project }) => {
  const rules = project.houseRules;
  if (!rules) return [];
  const patterns = compile(rules);
  const found: Problem[] = [];
  for (const post of project.posts) {
    for (const text of sentTexts(post, project.channels)) {
      text.parts.forEach((part, i) => found.push(...checkPart(post, text, i, part, rules, patterns)));
    }
    if (post.link) {
      found.push(...checkLinks(post, [post.link], () => locate(post.frontmatter, ['link']), rules, patterns));
    }
    post.media.forEach((item, i) => {
      const seconds = project.media[item.file]?.video?.seconds;
      const wanted = rules.video;
      if (seconds !== undefined && wanted) {
        const short = wanted.minSeconds !== undefined && seconds < wanted.minSeconds;
        const long = wanted.maxSeconds !== undefined && seconds > wanted.maxSeconds;
        if (short || long) {
          const range =
            wanted.minSeconds !== undefined && wanted.maxSeconds !== undefined
              ? `${wanted.minSeconds} to ${wanted.maxSeconds} seconds`
              : wanted.minSeconds !== undefined
                ? `at least ${wanted.minSeconds} seconds`
                : `at most ${wanted.maxSeconds} seconds`;
          found.push(
            finding(
              'house/video-length',
              post.file,
              locate(post.frontmatter, ['media', i, 'src']),
              `${item.file} is ${duration(seconds)} long; the style guide asks for videos of ${range}. ${long ? 'Cut it' : 'Use a longer clip'}.`,
            ),
          );
        }
      }
      const length = graphemeCount(item.alt);
      if (length < rules.altText.minLength) {
        found.push(
          finding(
            'house/alt-text',
            post.file,
            locate(post.frontmatter, ['media', i, 'alt']),
            `This alt text is ${plural(length, 'character')}; the style guide asks for at least ${rules.altText.minLength}. Say what the image shows and why it matters to the post.`,
          ),
        );
      }
    });
  }
  return found;
};

interface Patterns {
  /** `first`: the phrase's first word in lower case; a text without it cannot match. */
  banned: { pattern: RegExp; first: string; use?: string; why?: string }[];
  /** `forms`: the words as they may be written; a text with none of them cannot match. */
  firstPerson: { pattern: RegExp; forms: string[]; language: string }[];
  ownDomains: string[];
  linkShorteners: string[];
  domains: string[];
}

const wordChar = /[\p{L}\p{M}\p{N}_]/u;

/**
 * Phrases matched as whole words; any run of spaces matches any other. The word boundary before a
 * match is checked in code (wholeWordMatches): a lookbehind at the start of the pattern would keep
 * the regular expression engine from skipping quickly to the phrases' first letters.
 */
function wholeWords(phrases: string[], flags: string): RegExp {
  const escaped = phrases
    .toSorted((a, b) => b.length - a.length)
    .map((phrase) =>
      phrase
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+'),
    );
  return new RegExp(`(?:${escaped.join('|')})(?![\\p{L}\\p{M}\\p{N}_])`, flags);
}

function* wholeWordMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  for (const match of text.matchAll(pattern)) {
    if (match.index === 0 || !wordChar.test(characterBefore(text, match.index))) yield match;
  }
}

/** The character (code point) that ends just before `index`. */
function characterBefore(text: string, index: number): string {
  const unit = text.charCodeAt(index - 1);
  const start = unit >= 0xdc00 && unit <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start)!);
}

function compile(rules: HouseRules): Patterns {
  return {
    banned: rules.bannedPhrases.map((entry) => ({
      ...entry,
      pattern: wholeWords([entry.phrase], 'giu'),
      first: entry.phrase.trim().split(/\s+/)[0]!.toLowerCase(),
    })),
    // First-person words match as written or capitalised at the start of a sentence, never in
    // other cases: "I" is a pronoun in English but "i" is "and" in Polish.
    firstPerson: Object.entries(rules.firstPerson).flatMap(([language, words]) => {
      const forms = words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]);
      return words.length === 0 ? [] : [{ language, forms, pattern: wholeWords(forms, 'gu') }];
    }),
    ownDomains: rules.ownDomains.map(hostOf),
    linkShorteners: rules.linkShorteners.map(hostOf),
    // As written and as URL.hostname writes them (punycode), to find them in a text quickly.
    domains: [
      ...new Set(
        [...rules.ownDomains, ...rules.linkShorteners].flatMap((d) => [bareDomain(d).toLowerCase(), hostOf(d)]),
      ),
    ],
  };
}

/** "example.org" from "example.org", "https://example.org/" or "example.org/path". */
function bareDomain(domain: string): string {
  return domain
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '');
}

/** A domain as URL.hostname writes it (lower case, punycode). */
function hostOf(domain: string): string {
  const bare = bareDomain(domain);
  try {
    return new URL(`https://${bare}`).hostname;
  } catch {
    return bare.toLowerCase();
  }
}

function checkPart(
  post: Post,
  text: SentText,
  i: number,
  part: string,
  rules: HouseRules,
  patterns: Patterns,
): Problem[] {
  const found: Problem[] = [];
  const lower = part.toLowerCase();
  for (const { pattern, first, use, why } of patterns.banned) {
    if (!lower.includes(first)) continue;
    for (const match of wholeWordMatches(part, pattern)) {
      const instead = use ? ` Write "${use}" instead.` : ' Rephrase it.';
      found.push(
        finding(
          'house/banned-phrase',
          post.file,
          text.find(i, match[0]),
          `"${match[0]}" is on the style guide's list of words we avoid.${instead}${why ? ` (${why})` : ''}`,
        ),
      );
    }
  }
  for (const { pattern, forms, language } of patterns.firstPerson) {
    if (!forms.some((form) => part.includes(form))) continue;
    const seen = new Set<string>();
    for (const match of wholeWordMatches(part, pattern)) {
      const word = match[0].toLowerCase();
      if (seen.has(word)) continue;
      seen.add(word);
      found.push(
        finding(
          'house/first-person',
          post.file,
          text.find(i, match[0]),
          `"${match[0]}" speaks for one person (${language}); the style guide asks us to speak as the organisation ("we", "our"). Rephrase it, or quote the person by name.`,
        ),
      );
    }
  }
  // Every hashtag starts with # or ＃: with no more of those than allowed, there is nothing to extract.
  if (rules.maxHashtags !== undefined && countHashSigns(part) > rules.maxHashtags) {
    const tags = twitterText.extractHashtags(part);
    if (tags.length > rules.maxHashtags) {
      const first = tags[rules.maxHashtags]!;
      found.push(
        finding(
          'house/hashtags',
          post.file,
          text.find(i, `#${first}`),
          `${text.parts.length > 1 ? `Part ${i + 1}` : 'This post'} has ${plural(tags.length, 'hashtag')} (${listing(tags.map((t) => `#${t}`))}); the style guide allows ${rules.maxHashtags}. Keep the ${rules.maxHashtags === 1 ? 'one' : rules.maxHashtags} that matter${rules.maxHashtags === 1 ? 's' : ''} most.`,
        ),
      );
    }
  }
  found.push(...checkLinks(post, linksNaming(part, patterns.domains), (url) => text.find(i, url), rules, patterns));
  return found;
}

function countHashSigns(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x23 || unit === 0xff03) count++;
  }
  return count;
}

function checkLinks(
  post: Post,
  urls: string[],
  where: (url: string) => Position,
  rules: HouseRules,
  patterns: Patterns,
): Problem[] {
  const found: Problem[] = [];
  for (const url of urls) {
    const parsed = parseUrl(url);
    if (!parsed) continue;
    const shortener = patterns.linkShorteners.find((domain) => onDomain(parsed.hostname, domain));
    if (shortener) {
      found.push(
        finding(
          'house/link-shortener',
          post.file,
          where(url),
          `${url} goes through the link shortener ${shortener}, which hides where it leads and may stop working. Use the full address.`,
        ),
      );
    }
    const own = patterns.ownDomains.find((domain) => onDomain(parsed.hostname, domain));
    const missing = own ? rules.trackingParameters.filter((name) => !parsed.searchParams.has(name)) : [];
    if (missing.length > 0) {
      const add = missing.map((name) => `${name}=…`).join('&');
      found.push(
        finding(
          'house/link-tracking',
          post.file,
          where(url),
          `Links to ${own} need the tracking parameters ${listing(missing)}. Add ${parsed.search ? '&' : '?'}${add} to ${url}.`,
        ),
      );
    }
  }
  return found;
}

/**
 * The addresses in a text that contain one of `domains`: each the run of non-space characters around
 * the domain, without the punctuation around it. An e-mail address or a mention (user@domain) is not
 * a link. The URL parser then decides whether the host really is on the domain.
 */
function linksNaming(text: string, domains: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const links = new Set<string>();
  for (const domain of domains) {
    for (let at = lower.indexOf(domain); at !== -1; at = lower.indexOf(domain, at + domain.length)) {
      let start = at;
      let end = at + domain.length;
      while (start > 0 && !isStop(text.charCodeAt(start - 1))) start--;
      while (end < text.length && !isStop(text.charCodeAt(end))) end++;
      const link = text
        .slice(start, end)
        .replace(/^[([{]+/, '')
        .replace(/[.,;:!?)\]}]+$/, '');
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(link) && link.includes('@')) continue;
      links.add(link);
    }
  }
  return [...links];
}

/** White space, and the characters that cannot be part of a written address: < > " ' ` */
function isStop(unit: number): boolean {
  if (unit > 0x7f) return /\s/.test(String.fromCharCode(unit));
  return unit <= 0x20 || unit === 0x3c || unit === 0x3e || unit === 0x22 || unit === 0x27 || unit === 0x60;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    return undefined;
  }
}

/** The host is the domain or one of its subdomains. */
function onDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
