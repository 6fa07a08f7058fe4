import { Temporal } from 'temporal-polyfill';
import type { Channel } from '../schemas/config.ts';
import type { Ledger, LedgerEntry } from '../schemas/ledger.ts';
import type { Post, Project } from './model.ts';
import { contentHash, payloadFor, type Payload } from './payload.ts';
import { addDuration } from './time.ts';

/**
 * When each post goes to each channel, and what a publish run should do about it given the ledger.
 * The run (src/publish/run.ts), `herald publish` and the site's status badges all decide here, so
 * they never disagree.
 */

/** A run that claimed a delivery and has not finished within this time is taken to have died. */
export const claimLeaseMs = 15 * 60_000;

/** One post going to one channel at one time (a repeating post has one per occurrence). */
export interface Delivery {
  key: string;
  post: Post;
  channel: Channel;
  /** Set for repeating posts: the instant of this occurrence. */
  occurrence?: string;
  scheduledAt: string;
}

/** The ledger key: `post/channel`, or `post/channel/occurrence` for a repeating post. */
export function ledgerKey(postId: string, channelId: string, occurrence?: string): string {
  return occurrence ? `${postId}/${channelId}/${occurrence}` : `${postId}/${channelId}`;
}

/** Publications of one evergreen post beyond this many are not planned (calendar/repeat reports it). */
export const maxOccurrences = 520;

/**
 * The instants a post is published at: its publishAt, then for a repeating post every `repeat.every`
 * on the calendar of its own time zone (so P1M keeps the wall-clock time across daylight saving),
 * up to the end of `repeat.until` and before the post expires; only those up to `upTo` when given.
 * The one definition: the publisher sends at these times, the rules weigh them, the calendar shows them.
 */
export function occurrences(post: Post, upTo?: string): string[] {
  return times(post, upTo, maxOccurrences);
}

/** Whether a repeating post would go out more often than the `maxOccurrences` that are planned. */
export function repeatsBeyondPlan(post: Post): boolean {
  return times(post, undefined, maxOccurrences + 1).length > maxOccurrences;
}

function times(post: Post, upTo: string | undefined, max: number): string[] {
  const limit = upTo === undefined ? Number.POSITIVE_INFINITY : Date.parse(upTo);
  if (!post.repeat) return Date.parse(post.publishAt) <= limit ? [post.publishAt] : [];
  const every = Temporal.Duration.from(post.repeat.every);
  const first = Temporal.Instant.from(post.publishAt).toZonedDateTimeISO(post.timezone);
  const end = Temporal.PlainDate.from(post.repeat.until).add({ days: 1 }).toZonedDateTime(post.timezone).toInstant();
  const result: string[] = [];
  // Each occurrence is counted from the first, so month ends do not drift (Jan 31 + P1M, + P2M, ...).
  for (let n = 0; n < max; n++) {
    const at = first.add(multiply(every, n)).toInstant();
    if (Temporal.Instant.compare(at, end) >= 0) break;
    const text = at.toString();
    if (at.epochMilliseconds > limit || (post.expiresAt && Date.parse(text) >= Date.parse(post.expiresAt))) break;
    result.push(text);
  }
  return result;
}

function multiply(duration: Temporal.Duration, n: number): Temporal.Duration {
  const { years, months, weeks, days, hours, minutes, seconds } = duration;
  return Temporal.Duration.from({ years: years * n, months: months * n, weeks: weeks * n, days: days * n, hours: hours * n, minutes: minutes * n, seconds: seconds * n });
}

/** Every delivery of every post (to `only` channels when given), scheduled up to `upTo` when given. */
export function deliveries(project: Pick<Project, 'posts' | 'channels'>, options: { upTo?: string; only?: string } = {}): Delivery[] {
  const result: Delivery[] = [];
  for (const post of project.posts) {
    const times = occurrences(post, options.upTo);
    for (const channelId of post.channels) {
      if (options.only && channelId !== options.only) continue;
      const channel = project.channels[channelId];
      if (!channel) continue;
      for (const at of times) {
        const occurrence = post.repeat ? at : undefined;
        result.push({ key: ledgerKey(post.id, channelId, occurrence), post, channel, occurrence, scheduledAt: at });
      }
    }
  }
  return result;
}

export interface ScheduleContext {
  /** UTC instant, ISO 8601. */
  now: string;
  /** publishing.window: how late a post may still go out. */
  window: string;
}

/**
 * What is to be done about one delivery:
 * - `send`: due, in the window, not expired, not in the ledger (or failed in a way worth retrying);
 * - `resume`: a run claimed it and died before recording the outcome;
 * - `busy`: another run is sending it right now;
 * - `missed`: its window passed without it going out;
 * - `expired`: due, but the post or one of its images may no longer be used;
 * - `retract`: published, and the post now says `retract: true`;
 * - `scheduled`: not yet due; `done`: nothing left to do (the entry says how it ended).
 */
export type Verdict =
  | { action: 'send'; entry?: LedgerEntry }
  | { action: 'resume'; entry: LedgerEntry }
  | { action: 'busy'; entry: LedgerEntry }
  | { action: 'missed'; entry?: LedgerEntry }
  | { action: 'expired'; reason: string }
  | { action: 'retract'; entry: LedgerEntry }
  | { action: 'scheduled' }
  | { action: 'done'; entry?: LedgerEntry };

export function verdict(delivery: Delivery, entry: LedgerEntry | undefined, context: ScheduleContext, hash?: string): Verdict {
  const { post } = delivery;
  if (post.retract) {
    // A take-down the network refused for good (a webhook message cannot be deleted) is not tried again.
    const retractable = entry?.state === 'published' && !entry.error?.permanent;
    return retractable ? { action: 'retract', entry } : { action: 'done', entry };
  }
  if (entry) {
    switch (entry.state) {
      case 'pending': {
        const claimed = entry.claim ? Date.parse(entry.claim.at) : 0;
        return Date.parse(context.now) - claimed < claimLeaseMs ? { action: 'busy', entry } : { action: 'resume', entry };
      }
      case 'failed': {
        const sameContent = entry.contentHash === (hash ?? contentHash(payloadFor(post, delivery.channel)));
        if (entry.error?.permanent && sameContent) return { action: 'done', entry };
        break;
      }
      default:
        return { action: 'done', entry };
    }
  }
  const now = Date.parse(context.now);
  if (Date.parse(delivery.scheduledAt) > now) return { action: 'scheduled' };
  const late = windowEnd(delivery.scheduledAt, context.window, post.timezone) < now;
  const expired = expiry(post, context.now);
  // An expired post is reported while it would have been due, then it is simply over.
  if (expired) return late ? { action: 'done', entry } : { action: 'expired', reason: expired.reason };
  if (late) return { action: 'missed', entry };
  return { action: 'send', entry };
}

/** Windows made of hours, minutes and seconds, in milliseconds; null for those counted on the calendar (P1D). */
const fixedWindows = new Map<string, number | null>();

/** The epoch milliseconds after which a delivery scheduled at `at` is missed. */
export function windowEnd(at: string, window: string, zone: string): number {
  let fixed = fixedWindows.get(window);
  if (fixed === undefined) {
    const duration = Temporal.Duration.from(window);
    fixed = duration.years || duration.months || duration.weeks || duration.days ? null : duration.total('milliseconds');
    fixedWindows.set(window, fixed);
  }
  return fixed === null ? Date.parse(addDuration(at, window, zone)) : Date.parse(at) + fixed;
}

/** When and why a post may no longer be published at `now`, or undefined when it may. */
export function expiry(post: Post, now: string): { at: string; reason: string } | undefined {
  const at = Date.parse(now);
  const over = (end: string | undefined): end is string => end !== undefined && Date.parse(end) <= at;
  if (over(post.expiresAt)) return { at: post.expiresAt, reason: `the post expired at ${post.expiresAt}` };
  const image = post.media.find((item) => over(item.expiresAt));
  if (image?.expiresAt) return { at: image.expiresAt, reason: `the licence of ${image.file} ended at ${image.expiresAt}` };
  return undefined;
}

export interface PlannedDelivery extends Delivery {
  verdict: Verdict;
  payload: Payload;
  hash: string;
}

/**
 * Everything a run at `now` has to act on: every delivery whose verdict is not `scheduled` or
 * `done`. Payloads are computed only for those, which keeps this fast for large calendars.
 */
export function plan(project: Pick<Project, 'posts' | 'channels'>, ledger: Ledger, context: ScheduleContext & { only?: string }): PlannedDelivery[] {
  const result: PlannedDelivery[] = [];
  for (const delivery of deliveries(project, { upTo: context.now, only: context.only })) {
    const found = verdict(delivery, ledger.entries[delivery.key], context);
    if (found.action === 'scheduled' || found.action === 'done') continue;
    const payload = payloadFor(delivery.post, delivery.channel);
    result.push({ ...delivery, verdict: found, payload, hash: contentHash(payload) });
  }
  return result;
}
