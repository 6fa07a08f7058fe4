import twitterText from 'twitter-text';
import type { Channel, NetworkName } from '../schemas/config.ts';

/**
 * How long a text is by each network's own rules, and the limit it is held to. The linter counts
 * with these, the preview shows them and the publisher refuses what would not fit.
 */
export interface Measure {
  length: number;
  limit: number | undefined;
  /** Bluesky also caps the UTF-8 size of a post. */
  bytes?: { length: number; limit: number };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Mastodon counts every http(s) URL as 23 characters, whatever its length. */
const mastodonUrlWeight = 23;
/** A remote mention (@user@domain) counts as its local part (@user). */
const remoteMention = /(?<=^|[^\p{L}\p{N}_/])(@[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

function mastodonLength(text: string): number {
  let counted = text.replace(remoteMention, '$1');
  const urls = twitterText.extractUrlsWithIndices(counted, { extractUrlsWithoutProtocol: false });
  for (const url of [...urls].reverse()) {
    counted = counted.slice(0, url.indices[0]) + 'x'.repeat(mastodonUrlWeight) + counted.slice(url.indices[1]);
  }
  return graphemeCount(counted);
}

export const defaultLimits: Record<NetworkName, number | undefined> = {
  x: 280,
  mastodon: 500,
  bluesky: 300,
  linkedin: 3000,
  webhook: undefined,
};

export function measure(text: string, network: NetworkName, channel?: Channel): Measure {
  switch (network) {
    case 'x':
      return { length: twitterText.parseTweet(text).weightedLength, limit: defaultLimits.x };
    case 'mastodon': {
      const limit = channel?.network === 'mastodon' && channel.maxCharacters ? channel.maxCharacters : defaultLimits.mastodon;
      return { length: mastodonLength(text), limit };
    }
    case 'bluesky':
      return {
        length: graphemeCount(text),
        limit: defaultLimits.bluesky,
        bytes: { length: new TextEncoder().encode(text).length, limit: 3000 },
      };
    case 'linkedin':
      return { length: text.length, limit: defaultLimits.linkedin };
    case 'webhook':
      return { length: graphemeCount(text), limit: undefined };
  }
}

export function fits(m: Measure): boolean {
  return (m.limit === undefined || m.length <= m.limit) && (!m.bytes || m.bytes.length <= m.bytes.limit);
}
