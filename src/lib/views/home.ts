/**
 * The home page answers three questions, from the calendar and the ledger alone (no GitHub API, so
 * it is the same for everyone and needs no token): what goes out next, what needs someone before or
 * after it goes out, and what went wrong.
 */
import { isBroken, type CalendarItem, type Placed } from '../calendar/calendar.ts';
import type { Post } from '../project/model.ts';
import type { Problem } from '../project/problems.ts';
import type { ChannelStatus, PostState } from '../publishing/status.ts';

/** States that mean a post did not go out as planned and someone has to act. */
export const troubleStates: readonly PostState[] = ['failed', 'missed', 'unknown'];

export interface Trouble {
  entry: Placed;
  /** The channels in trouble, with their status. */
  channels: { channel: string; status: ChannelStatus }[];
}

export interface NeedsLook {
  entry: CalendarItem;
  /** The checks' findings about its file: errors keep it from going out, warnings ask for a look. */
  findings: Problem[];
}

export interface Home {
  next: CalendarItem[];
  needsLook: NeedsLook[];
  /** Of the last `lookBackDays`, newest first. */
  troubles: Trouble[];
}

export interface HomeInput {
  items: readonly CalendarItem[];
  /** The start of today and the instant "now" stand for, in the build. */
  today: string;
  now: number;
  status: (post: Post, channel: string, at: string) => ChannelStatus;
  findings: (file: { file: string }) => Problem[];
  /** How many upcoming items to list; how many days ahead to look for findings, and back for trouble. */
  nextCount?: number;
  lookAheadDays?: number;
  lookBackDays?: number;
}

const day = 24 * 60 * 60 * 1000;

export function home({
  items,
  today,
  now,
  status,
  findings,
  nextCount = 5,
  lookAheadDays = 14,
  lookBackDays = 30,
}: HomeInput): Home {
  const upcoming = items.filter((item) => item.date >= today);
  const soon = upcoming.filter((item) => Date.parse(item.at) <= now + lookAheadDays * day);
  const seen = new Set<string>();
  const needsLook = soon.flatMap((entry) => {
    const file = isBroken(entry) ? entry.broken.file : entry.post.file;
    // A repeating post is one file: it needs its look once, at its next publication.
    if (seen.has(file)) return [];
    seen.add(file);
    const found = findings({ file });
    return isBroken(entry) || found.length > 0 ? [{ entry, findings: found }] : [];
  });
  const troubles = items
    .filter(
      (item): item is Placed =>
        !isBroken(item) && Date.parse(item.at) <= now && Date.parse(item.at) > now - lookBackDays * day,
    )
    .map((entry) => ({
      entry,
      channels: entry.post.channels
        .map((channel) => ({ channel, status: status(entry.post, channel, entry.at) }))
        .filter(({ status: s }) => troubleStates.includes(s.state)),
    }))
    .filter((trouble) => trouble.channels.length > 0)
    .reverse();
  return { next: upcoming.slice(0, nextCount), needsLook, troubles };
}
