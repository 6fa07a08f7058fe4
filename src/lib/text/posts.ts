import type { Channel, NetworkName } from '../../schemas/config.ts';
import { measure, type Measure } from './count.ts';
import type { Post } from '../project/model.ts';
import { postsFor } from '../networks/profiles.ts';

/**
 * The parts a channel receives: a variant for the channel id wins over one for its network, which
 * wins over the body.
 */
export function partsFor(post: Post, channel: Channel): string[] {
  return post.variantParts[channel.id] ?? post.variantParts[channel.network] ?? post.parts;
}

export interface PartPreview extends Measure {
  text: string;
}

export interface ChannelPreview {
  channel: string;
  network: NetworkName;
  parts: PartPreview[];
}

/** A part of `post` as `channel` counts it: a network with content warnings (Mastodon) adds it to every part. */
export function measureFor(post: Post, channel: Channel, text: string): Measure {
  return measure(text, channel.network, channel, { contentWarning: post.contentWarning });
}

/**
 * What each of the post's channels will receive, counted by that network's rules: the parts of a
 * thread, or on a network without threads (LinkedIn, webhooks) the one post they make together. Counted once per
 * post and channels: the length rules and the report (or the post's page) ask for the same counts.
 */
export function previews(post: Post, channels: Record<string, Channel>): ChannelPreview[] {
  const known = counted.get(post);
  if (known?.channels === channels) return known.previews;
  const result = post.channels.flatMap((id) => {
    const channel = channels[id];
    if (!channel) return [];
    const parts = postsFor(channel.network, partsFor(post, channel)).map((text) => ({
      text,
      ...measureFor(post, channel, text),
    }));
    return [{ channel: id, network: channel.network, parts }];
  });
  counted.set(post, { channels, previews: result });
  return result;
}

const counted = new WeakMap<Post, { channels: Record<string, Channel>; previews: ChannelPreview[] }>();
