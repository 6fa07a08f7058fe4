import type { NetworkName } from '../../schemas/config.ts';
import { bluesky } from './bluesky.ts';
import { imageFormatIds, imageFormats, type ImageFormatId } from './formats.ts';
import { linkedin } from './linkedin.ts';
import { mastodon } from './mastodon.ts';
import type { NetworkProfile } from './profile.ts';
import { threads } from './threads.ts';
import { webhook } from './webhook.ts';
import { x } from './x.ts';

/**
 * One profile per network (one file each in this folder, each saying where its figures come from):
 * its name, how it counts text and how much it takes, whether it takes threads, what images it takes
 * and the credentials a channel needs. The rules, the counts and previews, the site and the publisher
 * all read them here. The image formats themselves are in ./formats.ts.
 */
const profiles = { mastodon, bluesky, x, linkedin, threads, webhook } as const;

/** Each profile as its interface, keeping its literal values (the credential names, for types). */
export const networkProfiles: { readonly [N in NetworkName]: NetworkProfile & (typeof profiles)[N] } = profiles;

/** How the parts of a thread are joined where a network takes no threads (see NetworkProfile.threads). */
export const partSeparator = '\n\n';

/** The text a network receives for a thread: its parts, or where it takes no threads, them joined into one. */
export function postsFor(network: NetworkName, parts: readonly string[]): string[] {
  return networkProfiles[network].threads || parts.length <= 1 ? [...parts] : [parts.join(partSeparator)];
}

/** Whether a network takes images of a format (a network without a media profile takes them all). */
export function takesFormat(network: NetworkName, format: ImageFormatId): boolean {
  const media = networkProfiles[network].media;
  return !media || format in media.formats;
}

/**
 * Why `networks` cannot take an image of `format` and what to save it as instead (the formats all of
 * them take), in one sentence without its full stop: the rules and the publisher say the same.
 */
export function formatRefusal(file: string, format: ImageFormatId, networks: readonly NetworkName[]): string {
  const names = new Intl.ListFormat('en-GB').format(networks.map((network) => networkProfiles[network].label));
  const taken = imageFormatIds
    .filter((id) => networks.every((network) => takesFormat(network, id)))
    .map((id) => imageFormats[id].label);
  return `${file} is ${imageFormats[format].label}, which ${names} ${networks.length > 1 ? 'do' : 'does'} not take: save it as ${new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(taken)}`;
}

/** The credential names a network's channels need, e.g. TOKEN. */
export type CredentialName<N extends NetworkName> = (typeof profiles)[N]['credentials'][number];

/**
 * Where a channel's credential is read from: HERALD_<CHANNEL ID, upper-cased, - as _>_<NAME>, e.g.
 * HERALD_MASTODON_TOKEN. Secrets never live in files.
 */
export function credentialVariable(channelId: string, name: string): string {
  return `HERALD_${channelId.toUpperCase().replaceAll('-', '_')}_${name}`;
}

/** Every environment variable a channel needs. */
export function credentialVariables(channel: { id: string; network: NetworkName }): string[] {
  return networkProfiles[channel.network].credentials.map((name) => credentialVariable(channel.id, name));
}

export type {
  Counting,
  MediaProfile,
  CostProfile,
  NetworkProfile,
  PollProfile,
  QuotingProfile,
  TextProfile,
} from './profile.ts';
