import type { Channel, NetworkName } from '../../schemas/config.ts';
import { networkNames } from '../../schemas/config.ts';
import { localeTag } from '../../schemas/common.ts';
import { suggest } from '../project/schema-issues.ts';
import { canonicalTimeZone, unknownZoneMessage } from '../time/time.ts';

/**
 * The answers `herald init` asks for, each checked on its own so that a prompt can refuse a bad one
 * and ask again, and an option can be refused with what to write instead. Every check returns the
 * value as herald.yaml will hold it, or a message saying what to type.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export interface InitAnswers {
  organization: string;
  timezone: string;
  locale: string;
  repository: string;
  channels: Channel[];
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(message: string): Checked<T> => ({ ok: false, message });

/**
 * A carriage return, tab or other control character, which no answer needs and which would break the
 * line of herald.yaml or the handbook the answer is written into.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

function refuseControl<T>(value: string, example: string): Checked<T> | undefined {
  return controlCharacter.test(value)
    ? refuse(
        `${JSON.stringify(value)} holds a tab, line break or other control character: write it on one line, e.g. ${example}.`,
      )
    : undefined;
}

/** The organisation's name, as the site and the handbook show it. */
export function checkOrganization(name: string): Checked<string> {
  const control = refuseControl<string>(name, '--org "Harbour Rowing Club"');
  if (control) return control;
  const value = name.trim();
  if (!value) return refuse('the organisation needs a name, as people know it, e.g. --org "Harbour Rowing Club".');
  // The name goes into the handbook's MDX, where braces and angle brackets would be code.
  if (/[{}<>\n]/.test(value))
    return refuse(`write the name without { } < > or line breaks, e.g. --org "Harbour Rowing Club", not "${value}".`);
  return ok(value);
}

/** An IANA time zone, as Intl knows it ("Europe/Warsw" is refused with "Europe/Warsaw"). */
export function checkTimeZone(zone: string): Checked<string> {
  const control = refuseControl<string>(zone, '--time-zone Europe/Warsaw');
  if (control) return control;
  const value = zone.trim();
  const canonical = canonicalTimeZone(value);
  return canonical && value
    ? ok(canonical)
    : refuse(`${unknownZoneMessage(value)} Write it as --time-zone Region/City.`);
}

/** A BCP 47 language tag whose language Intl can name ("english" is refused: write en or en-GB). */
export function checkLocale(tag: string): Checked<string> {
  const control = refuseControl<string>(tag, '--locale en-GB');
  if (control) return control;
  const value = tag.trim();
  // DisplayNames names the language and region only: it throws on an extension such as -u-ca-islamic.
  const named =
    localeTag.safeParse(value).success &&
    new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(new Intl.Locale(value).baseName) !==
      undefined;
  if (named) return ok(new Intl.Locale(value).toString());
  return refuse(
    `"${value}" is not a language tag. Write the language's code, then the country's, with a hyphen: --locale en-GB (English, United Kingdom), en-US, pl-PL, fa-IR, or en alone.`,
  );
}

/** owner/name of the GitHub repository the project will live in. */
export function checkRepository(name: string): Checked<string> {
  const control = refuseControl<string>(name, '--repo harbour-rowing/social');
  if (control) return control;
  const value = name
    .trim()
    .replace(/^https:\/\/github\.com\//, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
  // GitHub refuses a repository named . or ..
  if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9_.-]+$/.test(value) && !/\/\.{1,2}$/.test(value)) return ok(value);
  return refuse(
    `"${name}" is not a GitHub repository: write its owner and name with a slash, e.g. --repo harbour-rowing/social (the organisation or account, then the repository).`,
  );
}

/** How each network's account is written after `network:` in --channel, with an example. */
export const channelFormats: Record<NetworkName, string> = {
  mastodon: 'mastodon:@news@social.example (the account, then its server)',
  bluesky: 'bluesky:news.bsky.social (the handle)',
  x: 'x:@HarbourNews (the handle)',
  linkedin: 'linkedin:123456 (the numeric id of the company page, or urn:li:organization:123456)',
  threads: 'threads:@harbournews (the username)',
  webhook: 'webhook:slack (a team chat: slack, discord, teams or json)',
};

/**
 * One channel from `network:account`, e.g. `mastodon:@news@social.example`. Its id is the network's
 * name (the second channel of a network gets -2, and so on); `taken` are the ids already used.
 */
export function checkChannel(spec: string, taken: readonly string[] = []): Checked<Channel> {
  const control = refuseControl<Channel>(spec, `--channel ${channelFormats.mastodon.split(' ')[0]}`);
  if (control) return control;
  const at = spec.indexOf(':');
  const network = (at < 0 ? spec : spec.slice(0, at)).trim().toLowerCase();
  const account = at < 0 ? '' : spec.slice(at + 1).trim();
  if (!(networkNames as readonly string[]).includes(network)) {
    const near = suggest(network, networkNames);
    return refuse(
      `"${network}" is not a network Herald publishes to${near ? ` (did you mean ${near}?)` : ''}. Write one of ${networkNames.join(', ')}, e.g. --channel ${channelFormats.mastodon.split(' ')[0]}.`,
    );
  }
  const name = network as NetworkName;
  const base = name === 'webhook' ? 'team-chat' : name;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  const channel = channelOf(name, id, account);
  return channel
    ? ok(channel)
    : refuse(`"${spec}" does not say which ${name} account: write --channel ${channelFormats[name]}.`);
}

function channelOf(network: NetworkName, id: string, account: string): Channel | undefined {
  switch (network) {
    case 'mastodon': {
      const match = /^@?([A-Za-z0-9_]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/.exec(account);
      return match
        ? { id, network, name: `@${match[1]}@${match[2]}`, instance: `https://${match[2]!.toLowerCase()}` }
        : undefined;
    }
    case 'bluesky': {
      const match = /^@?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/.exec(account);
      return match
        ? { id, network, name: `@${match[1]}`, handle: match[1]!, service: 'https://bsky.social' }
        : undefined;
    }
    case 'x': {
      const match = /^@?([A-Za-z0-9_]{1,15})$/.exec(account);
      return match ? { id, network, name: `@${match[1]}`, handle: match[1]! } : undefined;
    }
    case 'linkedin': {
      const match = /^(?:urn:li:organization:)?(\d+)$/.exec(account);
      return match
        ? { id, network, name: 'Our LinkedIn page', organization: `urn:li:organization:${match[1]}` }
        : undefined;
    }
    case 'threads': {
      const match = /^@?([A-Za-z0-9._]{1,30})$/.exec(account);
      return match ? { id, network, name: `@${match[1]}`, handle: match[1]! } : undefined;
    }
    case 'webhook': {
      const format = account.toLowerCase();
      return format === 'slack' || format === 'discord' || format === 'teams' || format === 'json'
        ? { id, network, name: 'Team chat', format, notify: true, private: true }
        : undefined;
    }
  }
}

/** Every channel of a list of `network:account`, or the first refusal. */
export function checkChannels(specs: readonly string[]): Checked<Channel[]> {
  if (specs.length === 0)
    return refuse(`name at least one account to publish to, e.g. --channel ${channelFormats.mastodon.split(' ')[0]}.`);
  const channels: Channel[] = [];
  for (const spec of specs) {
    const channel = checkChannel(
      spec,
      channels.map((c) => c.id),
    );
    if (!channel.ok) return channel;
    const account = accountOf(channel.value);
    const same = channels.find((earlier) => account !== undefined && accountOf(earlier) === account);
    if (same)
      return refuse(
        `"${spec}" is the account of channel ${same.id} again: name each account once, or every post would go out to it twice.`,
      );
    channels.push(channel.value);
  }
  return ok(channels);
}

/**
 * Which account a channel publishes to, the same however it is written (handles and servers are
 * case-insensitive); a team chat has none to compare, since two webhooks of a kind are two chats.
 */
function accountOf(channel: Channel): string | undefined {
  switch (channel.network) {
    case 'mastodon':
    case 'bluesky':
    case 'x':
    case 'threads':
      return `${channel.network}:${channel.name?.toLowerCase()}`;
    case 'linkedin':
      return `${channel.network}:${channel.organization}`;
    case 'webhook':
      return undefined;
  }
}
