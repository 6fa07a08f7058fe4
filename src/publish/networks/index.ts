import { networkNames, type Channel, type NetworkName } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import type { Adapter, AdapterOptions } from './adapter.ts';
import { blueskyPart, BlueskyAdapter } from './bluesky.ts';
import { LinkError } from './link.ts';
import { linkedinPart, LinkedinAdapter } from './linkedin.ts';
import { mastodonPart, MastodonAdapter } from './mastodon.ts';
import { threadsPart, ThreadsAdapter } from './threads.ts';
import { WebhookAdapter } from './webhook.ts';
import { xPart, xRepostPart, XAdapter } from './x.ts';

/**
 * The adapter for a channel, with its credentials read from `env`. Throws a setup DeliveryFailure
 * naming the missing variables when a credential is not set.
 */
export function createAdapter(
  channel: Channel,
  env: Record<string, string | undefined>,
  options: AdapterOptions,
): Adapter {
  switch (channel.network) {
    case 'mastodon':
      return new MastodonAdapter(channel, env, options);
    case 'bluesky':
      return new BlueskyAdapter(channel, env, options);
    case 'x':
      return new XAdapter(channel, env, options);
    case 'linkedin':
      return new LinkedinAdapter(channel, env, options);
    case 'threads':
      return new ThreadsAdapter(channel, env, options);
    case 'webhook':
      return new WebhookAdapter(channel, env, options);
  }
}

/** What the publish run needs to know about a network before it has credentials for it. */
export interface NetworkTraits {
  /**
   * For how long after a send started it may be repeated without risk of a duplicate: Bluesky's
   * record keys make it forever, Mastodon keeps an Idempotency-Key for an hour, X, LinkedIn, Threads
   * and webhooks have nothing of the sort.
   */
  safeResendMs: number;
  /** Whether the adapter can look up, for free, what of a delivery arrived (Adapter.find). */
  lookup: boolean;
  /** Whether the network has a scheduler of its own that a delivery can be handed to (Adapter.schedule). */
  handOff?: boolean;
}

export const networkTraits: Record<NetworkName, NetworkTraits> = {
  mastodon: MastodonAdapter.traits,
  bluesky: BlueskyAdapter.traits,
  x: XAdapter.traits,
  linkedin: LinkedinAdapter.traits,
  threads: ThreadsAdapter.traits,
  webhook: WebhookAdapter.traits,
};

/** The networks on which a delivery whose outcome is unknown can be looked up. */
export const lookupNetworks: ReadonlySet<NetworkName> = new Set(
  networkNames.filter((name) => networkTraits[name].lookup),
);

/** The networks with a scheduler of their own (Mastodon's scheduled statuses); Bluesky, X and LinkedIn have none in their APIs. */
export const handOffNetworks: ReadonlySet<NetworkName> = new Set(
  networkNames.filter((name) => networkTraits[name].handOff),
);

/** The part a person saw on the network, from its link, for `herald ledger settle`. */
export function partFromLink(channel: Channel, link: string): RemotePart {
  switch (channel.network) {
    case 'mastodon':
      return mastodonPart(channel, link);
    case 'bluesky':
      return blueskyPart(channel, link);
    case 'x':
      return xPart(link);
    case 'linkedin': {
      const part = linkedinPart(link);
      // The link people usually copy names the activity, by which LinkedIn deletes nothing.
      if (part.id.startsWith('urn:li:activity:'))
        throw new LinkError(
          `"${link}" names an activity, which LinkedIn cannot delete a post by: give the post's link as its Embed code names it (urn:li:share or urn:li:ugcPost), so that retract: true can take it down`,
        );
      return part;
    }
    case 'threads':
      return threadsPart(channel, link);
    case 'webhook':
      throw new LinkError(`a webhook message has no link: settle a webhook delivery as published without one`);
  }
}

/**
 * The parts a person settles a repost (`repost:`) as published with. On Bluesky, Mastodon and X a
 * repost has no page of its own, and a link given for it would be the reposted post's, which a
 * retraction would then delete (the account's own post, when it reposted one of its own). A person
 * settles only what the next run cannot do by itself, a repost past its window, where not-sent
 * makes it missed and loses it: on X it is settled as published without a link, and recorded as
 * the adapter records it (undone on the reposted post's id, never deleted); Bluesky and Mastodon
 * need ids only the account knows, so it stays unknown, which retract: true looks up and undoes.
 * A LinkedIn reshare is a post of its own: its link, never the reshared post's.
 */
export function repostParts(channel: Channel, repost: string, links: string[]): RemotePart[] {
  if (channel.network === 'x') {
    if (links.length > 0)
      throw new LinkError(
        `a repost has no link of its own: settle it as published without a link if it is on the account (Herald records the repost of the post it names, which retract: true undoes), or as not-sent if it is not`,
      );
    return [xRepostPart(repost)];
  }
  if (channel.network !== 'linkedin')
    throw new LinkError(
      `a repost has no link of its own, and Herald can record it only by asking the account: if it is on the account, leave it unknown (retract: true finds it there and undoes it); if it is not, settle it as not-sent, and the next run reposts it while the post is within its window`,
    );
  const parent = linkedinPart(repost).id;
  // Without its link, retract: true would have nothing to take down (LinkedIn cannot be asked).
  if (links.length !== 1)
    throw new LinkError(
      `a reshare is one post: give its own link, once (the urn:li:share or urn:li:ugcPost its Embed code names), so that retract: true can take it down; settle it as not-sent if it is not on the account`,
    );
  return links.map((link) => {
    // An activity link is refused there: it cannot be told from the reshared post's.
    const part = partFromLink(channel, link);
    if (part.id === parent)
      throw new LinkError(
        `"${link}" is the post this one reshares: give the reshare's own link (the urn:li:share or urn:li:ugcPost its Embed code names), so that retracting takes down the reshare, never the post`,
      );
    return { ...part, repostOf: parent };
  });
}

/**
 * The parts of a repost that retract: true takes down. One settled by hand before `herald ledger
 * settle` refused the reposted post's link has that post as its part, without repostOf: on
 * Bluesky, Mastodon and X it is undone as a repost (on the reposted post's id), never deleted; on
 * LinkedIn, where a reshare is a post of its own, the reshared post is left alone.
 */
export function repostTakeDown(channel: Channel, repost: string, parts: RemotePart[]): RemotePart[] {
  if (channel.network !== 'linkedin')
    return parts.map((part) => (part.repostOf ? part : { ...part, repostOf: part.id }));
  const parent = linkedinPart(repost).id;
  return parts.filter((part) => part.id !== parent);
}

/**
 * Whether a part is the post a quote post quotes, compared as a retraction would delete it (Bluesky
 * deletes by record key in the account's repository). A quoted post that the channel's links
 * cannot name is not the account's, and never matches.
 */
function isQuoted(channel: Channel, quote: string): (part: RemotePart) => boolean {
  let quoted: RemotePart;
  try {
    quoted = partFromLink(channel, quote);
  } catch (error) {
    if (error instanceof LinkError) return () => false;
    throw error;
  }
  const key = (part: RemotePart) => (channel.network === 'bluesky' ? part.id.split('/').at(-1) : part.id);
  return (part) => key(part) === key(quoted);
}

/**
 * Refuses the quoted post's link among those a person settles a quote post with: it is the link at
 * hand, and a retraction would delete it (the account's own post, when it quoted one of its own).
 */
export function notQuoted(channel: Channel, quote: string, parts: RemotePart[], links: string[]): void {
  const at = parts.findIndex(isQuoted(channel, quote));
  if (at >= 0)
    throw new LinkError(
      `"${links[at]}" is the post this one quotes: give the link of this post, the one that quotes it, so that retracting takes down this post, never the quoted one`,
    );
}

/** The parts of a quote post that retract: true takes down: never the quoted post, which an earlier settle could record. */
export function quoteTakeDown(channel: Channel, quote: string, parts: RemotePart[]): RemotePart[] {
  const quoted = isQuoted(channel, quote);
  return parts.filter((part) => !quoted(part));
}

export { deliveryId, type Adapter, type AdapterOptions, type SendRequest } from './adapter.ts';
export { LinkError } from './link.ts';
export { WebhookAdapter };
