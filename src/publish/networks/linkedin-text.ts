import MarkdownIt from 'markdown-it';
import twitterText from '../../lib/text/twitter-text.ts';

/**
 * LinkedIn's Posts API reads `commentary` as "little" text, where \ | { } @ [ ] ( ) < > # * _ ~
 * are markup. Unescaped, LinkedIn can cut the post at the first one and still answer 201. Each is
 * escaped with a backslash, except inside web addresses (which must stay clickable) and in
 * hashtags, which LinkedIn links as written.
 * https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 */
const reserved = /[\\|{}@[\]()<>#*_~]/g;

/** linkify-it, as markdown-it carries it: it finds web addresses whatever their top-level domain. */
const linkify = new MarkdownIt('commonmark', { linkify: true }).linkify;

export function littleText(text: string): string {
  const keep = [
    ...(linkify.match(text) ?? []).map((link) => [link.index, link.lastIndex] as [number, number]),
    ...twitterText.extractHashtagsWithIndices(text).map((tag) => tag.indices),
  ].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, end] of keep) {
    if (end <= at) continue;
    const start = Math.max(from, at);
    out += text.slice(at, start).replace(reserved, '\\$&') + text.slice(start, end);
    at = end;
  }
  return out + text.slice(at).replace(reserved, '\\$&');
}
