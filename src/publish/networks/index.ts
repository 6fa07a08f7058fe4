import type { Channel, NetworkName } from '../../schemas/config.ts';
import type { Adapter, AdapterOptions } from './adapter.ts';
import { BlueskyAdapter } from './bluesky.ts';
import { LinkedinAdapter } from './linkedin.ts';
import { MastodonAdapter } from './mastodon.ts';
import { WebhookAdapter } from './webhook.ts';
import { XAdapter } from './x.ts';

/**
 * The adapter for a channel, with its credentials read from `env`. Throws a setup DeliveryFailure
 * naming the missing variables when a credential is not set.
 */
export function createAdapter(channel: Channel, env: Record<string, string | undefined>, options: AdapterOptions): Adapter {
  switch (channel.network) {
    case 'mastodon':
      return new MastodonAdapter(channel, env, options);
    case 'bluesky':
      return new BlueskyAdapter(channel, env, options);
    case 'x':
      return new XAdapter(channel, env, options);
    case 'linkedin':
      return new LinkedinAdapter(channel, env, options);
    case 'webhook':
      return new WebhookAdapter(channel, env, options);
  }
}

/**
 * For how long after a send started it may be repeated without risk of a duplicate: Bluesky's
 * deterministic record keys make it forever, Mastodon keeps an Idempotency-Key for an hour, X,
 * LinkedIn and webhooks have nothing of the sort. Known without credentials, so a run can decide
 * about an interrupted send even when the channel cannot be reached.
 */
export const safeResendMs: Record<NetworkName, number> = {
  mastodon: MastodonAdapter.safeResendMs,
  bluesky: BlueskyAdapter.safeResendMs,
  x: XAdapter.safeResendMs,
  linkedin: LinkedinAdapter.safeResendMs,
  webhook: WebhookAdapter.safeResendMs,
};

export type { Adapter, AdapterOptions, SendRequest } from './adapter.ts';
export { WebhookAdapter };
