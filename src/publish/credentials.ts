import type { Channel } from '../schemas/config.ts';
import { setupFailure } from './failure.ts';

/**
 * Secrets never live in files: a channel's credentials come from environment variables named
 * HERALD_<CHANNEL ID, upper-cased, - as _>_<NAME>, e.g. HERALD_MASTODON_TOKEN.
 */
export function credentialName(channelId: string, name: string): string {
  return `HERALD_${channelId.toUpperCase().replaceAll('-', '_')}_${name}`;
}

/** The credential names each network needs, as the README lists them. */
export const credentialNames = {
  mastodon: ['TOKEN'],
  bluesky: ['APP_PASSWORD'],
  x: ['API_KEY', 'API_SECRET', 'ACCESS_TOKEN', 'ACCESS_SECRET'],
  linkedin: ['ACCESS_TOKEN'],
  webhook: ['URL'],
} as const satisfies Record<Channel['network'], readonly string[]>;

type Names<C extends Channel> = (typeof credentialNames)[C['network']][number];

/**
 * The channel's credentials, or a setup failure naming every variable that is missing, so one run
 * tells the whole fix.
 */
export function credentialsFor<C extends Channel>(channel: C, env: Record<string, string | undefined>): Record<Names<C>, string> {
  const names: readonly string[] = credentialNames[channel.network];
  const missing = names.map((name) => credentialName(channel.id, name)).filter((variable) => !env[variable]?.trim());
  if (missing.length > 0) {
    throw setupFailure(`channel "${channel.id}" has no credentials: set ${missing.join(', ')} (a repository secret in GitHub Actions)`);
  }
  return Object.fromEntries(names.map((name) => [name, env[credentialName(channel.id, name)]!.trim()])) as Record<Names<C>, string>;
}

/** Every credential value in the environment, so messages can be scrubbed of them. */
export function secretValues(channels: Channel[], env: Record<string, string | undefined>): string[] {
  return channels.flatMap((channel) =>
    credentialNames[channel.network].flatMap((name) => {
      const value = env[credentialName(channel.id, name)]?.trim();
      return value && value.length >= 4 ? [value] : [];
    }),
  );
}
