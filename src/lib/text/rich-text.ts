/**
 * A post's text cut into the pieces its network turns into links, so the preview styles them as
 * that network shows them. Each network's own rules find them, the same ones that count the text
 * (src/lib/text/count.ts):
 *
 * - X: twitter-text's extractEntitiesWithIndices (URLs, @mentions, #hashtags, $cashtags).
 * - Mastodon: the server's URL and mention patterns (Mastodon's Extractor, as count.ts rebuilds
 *   them: @user@domain is one mention) and twitter-text's hashtags, which Mastodon's Extractor uses.
 * - Bluesky: what the app links as facets (@atproto/api RichText.detectFacets): URLs, @handles
 *   (a domain name: riverside.bsky.social) and #tags.
 * - LinkedIn: URLs and hashtags; a mention there needs the member's URN, which plain text has not.
 * - Threads: URLs, #tags and @usernames (letters, digits, . and _, up to 30, as Instagram's).
 * - Webhook: nothing; the receiver decides.
 */
import type { NetworkName } from '../../schemas/config.ts';
import { mastodonMentions, mastodonUrls } from './count.ts';
import twitterText from './twitter-text.ts';

export type SegmentKind = 'text' | 'link' | 'mention' | 'hashtag';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

interface Found {
  indices: [number, number];
  kind: Exclude<SegmentKind, 'text'>;
}

const links = (text: string): Found[] =>
  twitterText.extractUrlsWithIndices(text).map((url) => ({ indices: url.indices, kind: 'link' }));
const hashtags = (text: string): Found[] =>
  twitterText.extractHashtagsWithIndices(text).map((tag) => ({ indices: tag.indices, kind: 'hashtag' }));

/** @handle as RichText.detectFacets finds it: after a start, space or "(", a domain name. */
const blueskyHandle = /(^|\s|\()(@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*)\b/giu;

/** @username on Threads: after a start or a character that cannot be part of one; never ending in a dot, nor followed by @. */
const threadsMention = /(^|[^\p{L}\p{N}._@])(@[A-Za-z0-9._]{0,29}[A-Za-z0-9_])(?![A-Za-z0-9_@])/gu;

const finders: Record<NetworkName, (text: string) => Found[]> = {
  x: (text) =>
    twitterText.extractEntitiesWithIndices(text).map((entity) => ({
      indices: entity.indices,
      kind: 'url' in entity ? 'link' : 'screenName' in entity ? 'mention' : 'hashtag',
    })),
  mastodon: (text) => [
    ...mastodonUrls(text).map(({ indices }): Found => ({ indices, kind: 'link' })),
    ...mastodonMentions(text).map(({ indices }): Found => ({ indices, kind: 'mention' })),
    ...hashtags(text),
  ],
  bluesky: (text) => [
    ...links(text),
    ...[...text.matchAll(blueskyHandle)].map((match): Found => {
      const start = match.index + match[1]!.length;
      return { indices: [start, start + match[2]!.length], kind: 'mention' };
    }),
    ...hashtags(text),
  ],
  linkedin: (text) => [...links(text), ...hashtags(text)],
  threads: (text) => [
    ...links(text),
    ...[...text.matchAll(threadsMention)].map((match): Found => {
      const start = match.index + match[1]!.length;
      return { indices: [start, start + match[2]!.length], kind: 'mention' };
    }),
    ...hashtags(text),
  ],
  webhook: () => [],
};

/**
 * Texts already cut, per network: a site build asks for the same text's pieces for its preview, its
 * link card and its cost. Bounded, so a long `astro dev` session does not keep every text it saw.
 */
const cut = new Map<string, readonly Segment[]>();
const cutLimit = 20_000;

export function segments(text: string, network: NetworkName): readonly Segment[] {
  const key = `${network}\n${text}`;
  let pieces = cut.get(key);
  if (!pieces) {
    if (cut.size >= cutLimit) cut.clear();
    pieces = Object.freeze(cutInto(text, network));
    cut.set(key, pieces);
  }
  return pieces;
}

function cutInto(text: string, network: NetworkName): Segment[] {
  const found = finders[network](text).sort((a, b) => a.indices[0] - b.indices[0] || b.indices[1] - a.indices[1]);
  const result: Segment[] = [];
  let at = 0;
  for (const { indices, kind } of found) {
    // The first of overlapping entities wins, as twitter-text's removeOverlappingEntities keeps it.
    if (indices[0] < at) continue;
    if (indices[0] > at) result.push({ kind: 'text', text: text.slice(at, indices[0]) });
    result.push({ kind, text: text.slice(indices[0], indices[1]) });
    at = indices[1];
  }
  if (at < text.length) result.push({ kind: 'text', text: text.slice(at) });
  return result;
}
