import type { Ledger } from '../../schemas/ledger.ts';
import type { Project } from '../project/model.ts';
import { contentHash, payloadFor } from '../text/payload.ts';
import { deliveryKey } from '../rules/context.ts';
import { deliveries, type Delivery } from '../publishing/schedule.ts';

/** A delivery that went out, as the ledger remembers it. */
export interface Delivered {
  key: string;
  post: string;
  channel: string;
  occurrence?: string;
  contentHash: string;
  publishedAt?: string;
  links: string[];
}

/**
 * What was delivered (published, or published and later retracted), read from a ledger value.
 * The linter uses it to warn that an edit to a published post will not reach the networks.
 */
export function delivered(ledger: Ledger): Delivered[] {
  return Object.entries(ledger.entries)
    .filter(([, entry]) => entry.state === 'published' || entry.state === 'retracted')
    .map(([key, entry]) => ({
      key,
      post: entry.post,
      channel: entry.channel,
      ...(entry.occurrence ? { occurrence: entry.occurrence } : {}),
      contentHash: entry.contentHash,
      ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
      links: entry.parts.flatMap((part) => (part.url ? [part.url] : [])),
    }));
}

/** `postId/channelId` of every delivery that went out: what the linter's `delivered` option takes. */
export function deliveredKeys(ledger: Ledger): Set<string> {
  return new Set(delivered(ledger).map((item) => deliveryKey(item.post, item.channel)));
}

/** Deliveries whose post changed after it went out: the change will not reach that network. */
export function editedAfterDelivery(
  project: Pick<Project, 'posts' | 'channels'>,
  ledger: Ledger,
): { delivery: Delivery; delivered: Delivered }[] {
  const byKey = new Map(delivered(ledger).map((item) => [item.key, item]));
  return deliveries(project).flatMap((delivery) => {
    const sent = byKey.get(delivery.key);
    if (!sent || sent.contentHash === contentHash(payloadFor(delivery.post, delivery.channel))) return [];
    return [{ delivery, delivered: sent }];
  });
}
