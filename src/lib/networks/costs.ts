import type { Channel, NetworkName } from '../../schemas/config.ts';
import type { Placed } from '../calendar/calendar.ts';
import type { Post } from '../project/model.ts';
import { payloadFor, type Payload } from '../text/payload.ts';
import { segments } from '../text/rich-text.ts';
import { networkProfiles, postsFor } from './profiles.ts';

/** What one delivery costs on a network that charges for its API (its profile's costs). */
export interface Cost {
  network: NetworkName;
  amount: number;
  currency: string;
}

/**
 * What sending `payload` costs on `network`, from its price list: each post of the thread, dearer
 * when its text holds a link (as the network finds links: twitter-text on X), and each image's alt
 * text; or a repost's one request. Undefined where the network charges nothing.
 */
export function costOf(payload: Payload, network: NetworkName): Cost | undefined {
  const prices = networkProfiles[network].costs;
  if (!prices) return undefined;
  if (payload.repost) return { network, amount: prices.repost, currency: prices.currency };
  const posts = postsFor(network, payload.parts).map((text) =>
    segments(text, network).some((s) => s.kind === 'link') ? prices.postWithLink : prices.post,
  );
  const amount = posts.reduce((sum, price) => sum + price, 0) + payload.media.length * prices.image;
  // Whole thousandths: the prices are given to the tenth of a cent, and sums of floats drift.
  return { network, amount: Math.round(amount * 1000) / 1000, currency: prices.currency };
}

/** A month's cost on one network: the sum and how many deliveries make it. */
export interface MonthCost extends Cost {
  deliveries: number;
}

/**
 * What the publications placed in `month` (YYYY-MM, as the calendar places them) cost per network
 * that charges, every repetition and channel counted; in the order of the networks' profiles.
 */
/**
 * A post's cost on a channel, worked out once: each month page and each of its filtered copies sums
 * the same posts, and a post and its channels do not change during a build.
 */
const costs = new WeakMap<Post, Map<string, Cost | undefined>>();
function deliveryCost(post: Post, channel: Channel): Cost | undefined {
  const known = costs.get(post) ?? new Map<string, Cost | undefined>();
  costs.set(post, known);
  if (!known.has(channel.id)) known.set(channel.id, costOf(payloadFor(post, channel), channel.network));
  return known.get(channel.id);
}

/** `keep`: the publications a filtered page shows; asked only of the month's, the cheap test first. */
export function monthCosts(
  placed: readonly Placed[],
  channels: Record<string, Channel>,
  month: string,
  keep: (item: Placed) => boolean = () => true,
): MonthCost[] {
  const sums = new Map<NetworkName, MonthCost>();
  for (const item of placed) {
    if (!item.date.startsWith(`${month}-`) || !keep(item)) continue;
    for (const id of item.post.channels) {
      const channel = channels[id];
      // Most networks charge nothing: no payload is worked out for them (this runs on every month page).
      if (!channel || !networkProfiles[channel.network].costs) continue;
      const cost = deliveryCost(item.post, channel);
      if (!cost) continue;
      const sum = sums.get(cost.network) ?? { ...cost, amount: 0, deliveries: 0 };
      sum.amount = Math.round((sum.amount + cost.amount) * 1000) / 1000;
      sum.deliveries += 1;
      sums.set(cost.network, sum);
    }
  }
  return (Object.keys(networkProfiles) as NetworkName[]).flatMap((network) => sums.get(network) ?? []);
}
