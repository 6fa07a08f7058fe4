import {
  credentialVariable,
  credentialVariables,
  networkProfiles,
  type CredentialName,
} from '../lib/networks/profiles.ts';
import type { Channel } from '../schemas/config.ts';
import { setupFailure } from './failure.ts';

type Names<C extends Channel> = CredentialName<C['network']>;

/**
 * The channel's credentials, or a setup failure naming every variable that is missing, so one run
 * tells the whole fix.
 */
export function credentialsFor<C extends Channel>(
  channel: C,
  env: Record<string, string | undefined>,
): Record<Names<C>, string> {
  const names: readonly string[] = networkProfiles[channel.network].credentials;
  const missing = names
    .map((name) => credentialVariable(channel.id, name))
    .filter((variable) => !env[variable]?.trim());
  if (missing.length > 0) {
    throw setupFailure(
      `channel "${channel.id}" has no credentials: set ${missing.join(', ')} (a repository secret in GitHub Actions)`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, env[credentialVariable(channel.id, name)]!.trim()])) as Record<
    Names<C>,
    string
  >;
}

/** Every credential value in the environment, so messages can be scrubbed of them. */
export function secretValues(channels: Channel[], env: Record<string, string | undefined>): string[] {
  return channels.flatMap((channel) =>
    credentialVariables(channel).flatMap((variable) => {
      const value = env[variable]?.trim();
      return value && value.length >= 4 ? [value] : [];
    }),
  );
}
