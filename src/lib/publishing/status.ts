import { Temporal } from 'temporal-polyfill';
import { isHttpUrl } from '../../schemas/common.ts';
import type { Ledger, LedgerEntry } from '../../schemas/ledger.ts';
import type { Post } from '../project/model.ts';
import { expiry, lateness, ledgerKey, occurrences, windowEnd } from './schedule.ts';

/**
 * Where a post stands on one channel, as the calendar and the post page show it. Time alone decides
 * scheduled, paused, expired and missed; what happened at a network (published, failed, retracted,
 * unknown) comes from the publishing ledger, passed in as a lookup so this stays a pure function.
 */

export const postStates = [
  'scheduled',
  'paused',
  'published',
  'missed',
  'failed',
  'expired',
  'retracted',
  'unknown',
] as const;
export type PostState = (typeof postStates)[number];

/** A symbol per state, so a state reads without colour: on a printout, in a terminal, to colour-blind eyes. */
export const stateSymbols: Record<PostState, string> = {
  scheduled: '◷',
  paused: '⏸',
  published: '✓',
  missed: '!',
  failed: '✗',
  expired: '⌛',
  retracted: '↩',
  unknown: '?',
};

export interface ChannelStatus {
  state: PostState;
  /** Where the post can be read, once published. */
  url?: string;
  /** When it was published, failed or found missing (UTC ISO 8601). */
  at?: string;
  /** The network's own words when something went wrong. */
  message?: string;
}

/** What the ledger knows about one post on one channel; the ledger's own type is mapped onto this. */
export interface LedgerRecord {
  state: 'pending' | 'published' | 'failed' | 'missed' | 'unknown' | 'retracted';
  url?: string;
  at?: string;
  message?: string;
}

/** The record of a post on a channel; for a repeating post, of one occurrence (its instant). */
export type LedgerLookup = (postId: string, channel: string, occurrence?: string) => LedgerRecord | undefined;

export interface StatusContext {
  /** Epoch milliseconds. */
  now: number;
  /** herald.yaml's publishing.window: a post later than this is missed. */
  window: string;
  /** herald.yaml's publishing.paused (or HERALD_PAUSED=1). */
  paused: boolean;
  ledger?: LedgerLookup;
}

/**
 * `at`: one publication of the post (a repetition of an evergreen post, as the calendar places it).
 * Without it, an evergreen post stands as its next publication still in its window, or its last.
 */
export function channelStatus(post: Post, channel: string, context: StatusContext, at?: string): ChannelStatus {
  const time = at ?? currentPublication(post, context);
  const record = context.ledger?.(post.id, channel, post.repeat ? time : undefined);
  if (record && record.state !== 'pending') {
    const { url, at, message } = record;
    return { state: record.state, ...(url && { url }), ...(at && { at }), ...(message && { message }) };
  }
  // A pending entry means a run started sending and could not confirm it: never shown as scheduled.
  if (record) return { state: 'unknown', ...(record.at && { at: record.at }) };

  // Expiry and the window are decided by the same functions the publish run uses (schedule.ts).
  if (post.retract) return { state: 'retracted' };
  // A licence that ends before a later repetition expires that repetition, though it has not ended yet.
  const expired = expiry(post, new Date(Math.max(context.now, Date.parse(time))).toISOString());
  if (expired) return { state: 'expired', at: expired.at };
  const deadline = windowEnd(time, lateness(post, context), post.timezone);
  if (context.now > deadline)
    return { state: 'missed', at: Temporal.Instant.fromEpochMilliseconds(deadline).toString() };
  return { state: context.paused ? 'paused' : 'scheduled' };
}

function currentPublication(post: Post, context: StatusContext): string {
  if (!post.repeat) return post.publishAt;
  const times = occurrences(post);
  return (
    times.find((time) => context.now <= windowEnd(time, lateness(post, context), post.timezone)) ??
    times.at(-1) ??
    post.publishAt
  );
}

/** The publishing ledger as the lookup `channelStatus` reads: one entry per delivery (see ledgerKey). */
export function ledgerLookup(ledger: Ledger): LedgerLookup {
  return (postId, channel, occurrence) => {
    const entry = ledger.entries[ledgerKey(postId, channel, occurrence)];
    // Handed to the network's scheduler: still scheduled, as time alone says, until a run confirms it.
    return entry && entry.state !== 'handedOff' ? recordOf(entry, entry.state) : undefined;
  };
}

function recordOf(entry: LedgerEntry, state: LedgerRecord['state']): LedgerRecord {
  // The ledger schema refuses other schemes; a ledger object that bypassed it still never yields a
  // link that could run a script where the status is shown.
  const url = entry.parts.find((part) => isHttpUrl(part.url))?.url;
  const at =
    entry.state === 'published'
      ? entry.publishedAt
      : entry.state === 'retracted'
        ? entry.retractedAt
        : entry.state === 'pending'
          ? entry.claim?.at
          : entry.updatedAt;
  return { state, ...(url && { url }), ...(at && { at }), ...(entry.error && { message: entry.error.message }) };
}
