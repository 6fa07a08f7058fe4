import type { Channel } from '../../schemas/config.ts';

/** Who a post appears to come from, as the network's apps show it above the text. */
export interface Account {
  /** The display name: the organisation on the social networks, the channel's name on a webhook. */
  name: string;
  /** The handle under it (`@riverside.bsky.social`), where the network shows one. */
  handle?: string;
}

/** One segmenter for every preview: making one costs far more than using it. */
const graphemes = new Intl.Segmenter();

/**
 * The letter on an account's avatar: the name's first character as people see it (a whole emoji or
 * accented letter, not half of one), after a leading @ or #.
 */
export function initialOf(name: string): string {
  const first = graphemes.segment(name.replace(/^[@#]/, '').trim())[Symbol.iterator]().next();
  return first.done ? '' : first.value.segment.toLocaleUpperCase();
}

const asHandle = (name: string | undefined) => (name?.startsWith('@') ? name : undefined);

/**
 * A channel's account in a preview. Mastodon shows `@user@server`: herald.yaml's name when it is
 * written that way, otherwise the server alone (the handle is not in herald.yaml). LinkedIn shows
 * the company page's name and no handle.
 */
export function accountOf(channel: Channel, organization: string): Account {
  switch (channel.network) {
    case 'mastodon':
      return { name: organization, handle: asHandle(channel.name) ?? new URL(channel.instance).host };
    case 'bluesky':
      return { name: organization, handle: `@${channel.handle.replace(/^@/, '')}` };
    case 'x': {
      const handle = channel.handle ? `@${channel.handle.replace(/^@/, '')}` : asHandle(channel.name);
      return { name: organization, ...(handle && { handle }) };
    }
    case 'linkedin':
      return { name: organization };
    case 'threads':
      return { name: organization, handle: `@${channel.handle.replace(/^@/, '')}` };
    case 'webhook':
      return { name: channel.name ?? channel.id };
  }
}
