import { Temporal } from 'temporal-polyfill';
import type { Channel, NetworkName } from '../../schemas/config.ts';
import type { Ledger, LedgerEntry } from '../../schemas/ledger.ts';
import type { Post, Project } from '../project/model.ts';
import { contentHash, partHash, payloadFor, type Payload } from '../text/payload.ts';
import type { Problem } from '../project/problems.ts';
import { addDuration } from '../time/time.ts';
import { networkProfiles } from '../networks/profiles.ts';

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
  const limit = upTo === undefined ? Number.POSITIVE_INFINITY : Date.parse(upTo);
  if (!post.repeat) return Date.parse(post.publishAt) <= limit ? [post.publishAt] : [];
  const planned = repetitions(post, post.repeat).slice(0, maxOccurrences);
  return upTo === undefined ? planned : planned.filter((at) => Date.parse(at) <= limit);
}

/** Whether a repeating post would go out more often than the `maxOccurrences` that are planned. */
export function repeatsBeyondPlan(post: Post): boolean {
  return post.repeat !== undefined && repetitions(post, post.repeat).length > maxOccurrences;
}

/** Worked out once per post: the rules and the calendar ask for the same post's times many times in a build. */
const repetitionsOf = new WeakMap<Post, string[]>();

/** A repeating post's times, one more than planned if there are more, in order. */
function repetitions(post: Post, repeat: NonNullable<Post['repeat']>): string[] {
  const known = repetitionsOf.get(post);
  if (known) return known;
  const every = Temporal.Duration.from(repeat.every);
  const first = Temporal.Instant.from(post.publishAt).toZonedDateTimeISO(post.timezone);
  const end = Temporal.PlainDate.from(repeat.until).add({ days: 1 }).toZonedDateTime(post.timezone).toInstant();
  const result: string[] = [];
  // Each occurrence is counted from the first, so month ends do not drift (Jan 31 + P1M, + P2M, ...).
  for (let n = 0; n <= maxOccurrences; n++) {
    const at = first.add(multiply(every, n)).toInstant();
    if (Temporal.Instant.compare(at, end) >= 0) break;
    const text = at.toString();
    if (post.expiresAt && Date.parse(text) >= Date.parse(post.expiresAt)) break;
    result.push(text);
  }
  repetitionsOf.set(post, result);
  return result;
}

function multiply(duration: Temporal.Duration, n: number): Temporal.Duration {
  const { years, months, weeks, days, hours, minutes, seconds } = duration;
  return Temporal.Duration.from({
    years: years * n,
    months: months * n,
    weeks: weeks * n,
    days: days * n,
    hours: hours * n,
    minutes: minutes * n,
    seconds: seconds * n,
  });
}

/**
 * Every delivery of every post (to `only` channels when given), scheduled up to `upTo` when given;
 * with `withdrawn`, those of posts marked `retract: true` whatever their time, since a post may be
 * moved to a later time and withdrawn in one change after it went out.
 */
export function deliveries(
  project: Pick<Project, 'posts' | 'channels'>,
  options: { upTo?: string; only?: string; withdrawn?: boolean } = {},
): Delivery[] {
  const result: Delivery[] = [];
  for (const post of project.posts) {
    const times = occurrences(post, options.withdrawn && post.retract ? undefined : options.upTo);
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
  /**
   * Networks on which a run can look up whether a delivery arrived (the account's recent posts, a
   * record by its key). A delivery there whose outcome is unknown is looked up again while it is in
   * its window, and a retraction looks for parts the ledger does not list.
   */
  lookups?: ReadonlySet<NetworkName>;
  /**
   * Post files `herald validate` finds an error in, each with what to say (see `faultsFrom`): such a
   * post is held, never sent as it is, whatever its approvals.
   */
  faults?: ReadonlyMap<string, string>;
  /**
   * publishing.handOff and the networks with a scheduler of their own (Mastodon): a cleared
   * delivery due within `horizon` is handed to it (see `handOffable`).
   */
  handOff?: { horizon: string; networks: ReadonlySet<NetworkName> };
  /** The crisis switch: nothing is handed off, and what was is taken back. */
  paused?: boolean;
}

/** Mastodon refuses a scheduled status less than 5 minutes ahead; a minute more covers the run's own time. */
export const handOffLeadMs = 6 * 60_000;

/**
 * What is to be done about one delivery:
 * - `send`: due, in the window, not expired, not in the ledger (or failed in a way worth retrying);
 * - `resume`: it may have gone out, wholly or in part (a run claimed it and died, or a send's answer
 *   was lost): the run looks on the network before sending anything;
 * - `busy`: another run is sending it right now;
 * - `missed`: its window passed without it going out;
 * - `expired`: due, but the post or one of its images may no longer be used;
 * - `retract`: something of it went out, and the post now says `retract: true`;
 * - `held`: the ledger has a delivery under this id that is not this post (see `reusedId`), part
 *   of a thread went out and the post no longer says what those parts said (see `changedThread`),
 *   or `herald validate` finds an error in the post (see `faultsFrom`);
 * - `renamed`: the ledger has this delivery under the post's former id (see `plan`);
 * - `scheduled`: not yet due; `done`: nothing left to do (the entry says how it ended).
 */
export type Verdict =
  | { action: 'send'; entry?: LedgerEntry }
  | { action: 'resume'; entry: LedgerEntry }
  | { action: 'busy'; entry: LedgerEntry }
  | { action: 'missed'; entry?: LedgerEntry }
  | { action: 'expired'; reason: string }
  | { action: 'retract'; entry: LedgerEntry }
  | { action: 'held'; reason: string; entry?: LedgerEntry }
  | { action: 'renamed'; entry: LedgerEntry; from: string }
  | { action: 'handOff'; entry?: LedgerEntry }
  | { action: 'confirm'; entry: LedgerEntry }
  | { action: 'cancel'; entry: LedgerEntry; reason: string }
  | { action: 'scheduled' }
  | { action: 'done'; entry?: LedgerEntry };

/**
 * Whether a delivery reposting `repost` is one that asking for again changes nothing, as the
 * network keeps one repost per post (its profile's reposting.repeatable): a send of it that may have
 * arrived is sent again rather than left unknown.
 */
export function repeatableRepost(repost: string | undefined, network: NetworkName): boolean {
  return Boolean(repost && networkProfiles[network].reposting?.repeatable);
}

/** Whether a run that claimed this entry is taken to be still at it. */
function claimedRecently(entry: LedgerEntry, now: string): boolean {
  return Date.parse(now) - (entry.claim ? Date.parse(entry.claim.at) : 0) < claimLeaseMs;
}

export function verdict(
  delivery: Delivery,
  entry: LedgerEntry | undefined,
  context: ScheduleContext,
  hash?: string,
): Verdict {
  const { post } = delivery;
  const canLook = context.lookups?.has(delivery.channel.network) ?? false;
  if (post.retract)
    return entry?.state === 'handedOff'
      ? { action: 'cancel', entry, reason: 'the post is withdrawn (retract: true)' }
      : retraction(entry, context, canLook);
  const now = Date.parse(context.now);
  const due = () => Date.parse(delivery.scheduledAt) <= now;
  if (entry?.state === 'handedOff') return handedOff(delivery, entry, context, hash);
  const late = () => windowEnd(delivery.scheduledAt, lateness(post, context), post.timezone) < now;
  const content = () => hash ?? contentHash(payloadFor(post, delivery.channel));
  // Only an entry recorded from another file can be another post's (the cheap test first: this runs for every delivery).
  if (entry?.file && entry.file !== post.file && due() && !late()) {
    const reused = reusedId(delivery, entry, content());
    if (reused) return { action: 'held', reason: reused, entry };
  }
  let uncertain = false;
  if (entry) {
    switch (entry.state) {
      case 'pending':
        return claimedRecently(entry, context.now) ? { action: 'busy', entry } : { action: 'resume', entry };
      case 'failed':
        // Parts went out, and the post changed since: continuing would hang other text under them.
        if (entry.parts.length > 0 && entry.contentHash !== content() && due() && !late()) {
          const changed = changedThread(entry, payloadFor(post, delivery.channel));
          if (changed) return { action: 'held', reason: changed, entry };
        }
        if (entry.error?.permanent && entry.contentHash === content()) return { action: 'done', entry };
        break;
      case 'unknown':
        // Looked up again while in its window (a repost the network keeps once is asked for again);
        // past it, or where neither can be done, a person settles it.
        if (!canLook && !repeatableRepost(delivery.post.repost, delivery.channel.network))
          return { action: 'done', entry };
        uncertain = true;
        break;
      default:
        return { action: 'done', entry };
    }
  }
  if (!due()) return !entry && handOffable(delivery, context) ? { action: 'handOff' } : { action: 'scheduled' };
  if (uncertain) return late() ? { action: 'done', entry } : { action: 'resume', entry: entry! };
  const expired = expiry(post, context.now);
  // An expired post is reported while it would have been due, then it is simply over.
  if (expired) return late() ? { action: 'done', entry } : { action: 'expired', reason: expired.reason };
  if (late()) return { action: 'missed', entry };
  const fault = context.faults?.get(post.file);
  if (fault) return { action: 'held', reason: fault, entry };
  return { action: 'send', entry };
}

/**
 * Whether a delivery not yet due goes to the network's own scheduler now: the network has one, the
 * run is not paused, the post is valid and will not have expired, it is due within the horizon and
 * far enough ahead for the network to take it, and it is one part. A thread is never handed off:
 * its later parts reply to the first, which does not exist until the instance publishes it, so they
 * would follow only when a run next comes, hours later if the run is late, leaving the thread
 * broken in between. A thread goes out whole, in order, from the run.
 */
export function handOffable(delivery: Delivery, context: ScheduleContext): boolean {
  const { handOff } = context;
  if (!handOff || context.paused || !handOff.networks.has(delivery.channel.network)) return false;
  const ahead = Date.parse(delivery.scheduledAt) - Date.parse(context.now);
  if (
    ahead < handOffLeadMs ||
    Date.parse(delivery.scheduledAt) > Date.parse(addDuration(context.now, handOff.horizon, delivery.post.timezone))
  )
    return false;
  if (context.faults?.has(delivery.post.file) || expiry(delivery.post, delivery.scheduledAt)) return false;
  return payloadFor(delivery.post, delivery.channel).parts.length === 1;
}

/**
 * A delivery the network's scheduler holds: taken back while paused or when the post has an error,
 * confirmed once due, handed off again when the post changed (Mastodon cannot change a scheduled
 * status's text, only its time), and otherwise left with the network.
 */
function handedOff(delivery: Delivery, entry: LedgerEntry, context: ScheduleContext, hash?: string): Verdict {
  if (context.paused) return { action: 'cancel', entry, reason: 'publishing is paused' };
  const fault = context.faults?.get(delivery.post.file);
  if (fault) return { action: 'cancel', entry, reason: fault };
  if (
    Date.parse(delivery.scheduledAt) <= Date.parse(context.now) ||
    Date.parse(entry.handOff?.at ?? delivery.scheduledAt) <= Date.parse(context.now)
  )
    return { action: 'confirm', entry };
  const changed =
    entry.scheduledAt !== delivery.scheduledAt ||
    entry.contentHash !== (hash ?? contentHash(payloadFor(delivery.post, delivery.channel)));
  if (!changed) return { action: 'scheduled' };
  return handOffable(delivery, context)
    ? { action: 'handOff', entry }
    : { action: 'cancel', entry, reason: 'the post changed and can no longer be handed off' };
}

/**
 * Rules about how posts stand to each other (too close, too many in a day, the same text twice) or
 * about being unpublished: a post approved and due is not held for them, or a post added later would
 * stop one already cleared, and being unpublished is what the run is about to change.
 */
const notFaults = new Set([
  'calendar/past-unpublished',
  'calendar/min-gap',
  'calendar/daily-max',
  'calendar/duplicate-text',
]);

/** The post files with an error finding of their own, each with its first error. */
export function faultsFrom(findings: readonly Problem[]): Map<string, string> {
  const faults = new Map<string, string>();
  for (const finding of findings) {
    if (finding.severity !== 'error' || notFaults.has(finding.rule) || faults.has(finding.file)) continue;
    faults.set(
      finding.file,
      `herald validate finds an error in it (line ${finding.line}: ${finding.message} [${finding.rule}]), so it is not sent as it is: fix it, and a run within its window sends it`,
    );
  }
  return faults;
}

/** A withdrawn post: every part Herald knows went out is taken down (and looked for, where the network can tell). */
function retraction(entry: LedgerEntry | undefined, context: ScheduleContext, canLook: boolean): Verdict {
  if (!entry || entry.state === 'retracted') return { action: 'done', entry };
  if (entry.state === 'pending' && claimedRecently(entry, context.now)) return { action: 'busy', entry };
  // A take-down the network refused for good (a webhook message cannot be deleted) is not tried again.
  if (entry.error?.takeDown && entry.error.permanent) return { action: 'done', entry };
  const mayHaveGone = entry.state === 'unknown' || entry.state === 'pending' || entry.state === 'published';
  return entry.parts.length > 0 || (canLook && mayHaveGone) ? { action: 'retract', entry } : { action: 'done', entry };
}

/**
 * Why the ledger's delivery under this post's id cannot be this post, or undefined when it can: it
 * came from another file, at another time, with other content. Ids are never reused, so a post that
 * took a deleted post's id would otherwise never go out, and nobody would know.
 */
export function reusedId(delivery: Delivery, entry: LedgerEntry, hash: string): string | undefined {
  if (!entry.file || entry.file === delivery.post.file) return undefined;
  if (entry.scheduledAt === delivery.scheduledAt || entry.contentHash === hash) return undefined;
  if (entry.parts.length === 0 && !wentOut.has(entry.state)) return undefined;
  return `the id "${delivery.post.id}" already went out to ${delivery.channel.id} at ${entry.scheduledAt}, from ${entry.file}, with other content. Ids are never reused: if this is a new post, give it its own id (id: in its front matter); if it is that post, moved and edited after it went out, the edit is not sent.`;
}

/**
 * Why a thread of which some parts went out cannot be continued with `payload`, or undefined when it
 * can: a part that went out no longer says what the post says there (an edit, a part added before
 * it), so the rest would hang under other text, or repeat a part that is out already. Parts recorded
 * without a fingerprint (by hand, or before Herald kept them) are taken as they are.
 */
export function changedThread(entry: LedgerEntry, payload: Payload): string | undefined {
  const changed = entry.parts.findIndex((part, i) => part.hash !== undefined && part.hash !== partHash(payload, i));
  if (changed < 0) return undefined;
  const out = entry.parts.length === 1 ? 'part 1 went out' : `parts 1 to ${entry.parts.length} went out`;
  return `${out} before the rest failed, and the post no longer says what part ${changed + 1} said: Herald does not continue a thread under parts that say something else. Put back the text that went out to finish the thread, or take it down with retract: true.`;
}

/** How late a post may still go out: its own `lateness`, or herald.yaml's publishing.window. */
export function lateness(post: Pick<Post, 'lateness'>, context: Pick<ScheduleContext, 'window'>): string {
  return post.lateness ?? context.window;
}

/** Windows made of hours, minutes and seconds, in milliseconds; null for those counted on the calendar (P1D). */
const fixedWindows = new Map<string, number | null>();

/** The epoch milliseconds after which a delivery scheduled at `at` is missed. */
export function windowEnd(at: string, window: string, zone: string): number {
  let fixed = fixedWindows.get(window);
  if (fixed === undefined) {
    const duration = Temporal.Duration.from(window);
    fixed =
      duration.years || duration.months || duration.weeks || duration.days ? null : duration.total('milliseconds');
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
  if (image?.expiresAt)
    return { at: image.expiresAt, reason: `the licence of ${image.file} ended at ${image.expiresAt}` };
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
 *
 * A due delivery the ledger has no entry for may still have gone out under the post's former id: its
 * file was renamed or moved, or its `id:` changed. Such a delivery is `renamed` when exactly one entry
 * of a post that is no longer there matches it (see `formerDelivery`), and `held` when several could.
 */
export function plan(
  project: Pick<Project, 'posts' | 'channels' | 'files'>,
  ledger: Ledger,
  context: ScheduleContext & { only?: string },
): PlannedDelivery[] {
  const result: PlannedDelivery[] = [];
  let former: FormerDeliveries | undefined;
  // Deliveries up to the hand-off horizon: those to hand off, and those handed off that may have to be taken back.
  const upTo = context.handOff ? addDuration(context.now, context.handOff.horizon, 'UTC') : context.now;
  const visited = new Set<string>();
  for (const delivery of [
    ...deliveries(project, { upTo, only: context.only, withdrawn: true }),
    ...movedAway(project, ledger, upTo, context.only),
  ]) {
    if (visited.has(delivery.key)) continue;
    visited.add(delivery.key);
    const entry = ledger.entries[delivery.key];
    let found = verdict(delivery, entry, context);
    // A withdrawn post's later deliveries matter only where something of them went out.
    if (
      found.action === 'scheduled' ||
      (found.action === 'done' && (entry || Date.parse(delivery.scheduledAt) > Date.parse(context.now)))
    )
      continue;
    const payload = payloadFor(delivery.post, delivery.channel);
    const hash = contentHash(payload);
    if (!entry) {
      former ??= formerDeliveries(project, ledger);
      const candidates = former.matching(delivery, hash);
      if (candidates.length === 1 && former.claimants(candidates[0]!, project, context) === 1) {
        const entry = ledger.entries[candidates[0]!]!;
        // A run is sending it under its former id right now: the entry moves once that run is done.
        found =
          entry.state === 'pending' && claimedRecently(entry, context.now)
            ? { action: 'busy', entry }
            : { action: 'renamed', entry, from: candidates[0]! };
      } else if (candidates.length > 0) {
        found = {
          action: 'held',
          reason: `it may be what went out as ${candidates.join(', ')}, a post that is no longer there, and so may another post: Herald cannot tell which. Put the id it went out with (id: in the front matter) in the one that is that post.`,
        };
      }
    }
    if (found.action === 'done') continue;
    result.push({ ...delivery, verdict: found, payload, hash });
  }
  return result;
}

/**
 * Handed-off deliveries whose post moved beyond `upTo`: still to be taken back from the network's
 * scheduler, which would otherwise publish them at the old time.
 */
function movedAway(
  project: Pick<Project, 'posts' | 'channels'>,
  ledger: Ledger,
  upTo: string,
  only?: string,
): Delivery[] {
  const result: Delivery[] = [];
  for (const [key, entry] of Object.entries(ledger.entries)) {
    if (entry.state !== 'handedOff' || (only && entry.channel !== only)) continue;
    const post = project.posts.find((candidate) => candidate.id === entry.post);
    if (!post || occurrences(post, upTo).includes(entry.occurrence ?? post.publishAt)) continue;
    result.push(
      ...deliveries({ posts: [post], channels: project.channels }, { only: entry.channel }).filter(
        (delivery) => delivery.key === key,
      ),
    );
  }
  return result;
}

/** States in which something of a delivery went out, or may have: what a renamed post may have left behind. */
const wentOut: ReadonlySet<LedgerEntry['state']> = new Set(['published', 'unknown', 'pending', 'retracted']);

/** Entries of posts that are no longer in the content, which a renamed post may be. */
export interface FormerDeliveries {
  /** Keys of the former deliveries `delivery` matches. */
  matching(delivery: Delivery, hash: string): string[];
  /** How many due deliveries without an entry match the former delivery at `key`. */
  claimants(
    key: string,
    project: Pick<Project, 'posts' | 'channels'>,
    context: ScheduleContext & { only?: string },
  ): number;
}

/** The ids of a project's posts, made once per list of posts (a run plans again after moving renamed entries). */
const postIds = new WeakMap<readonly Post[], ReadonlySet<string>>();

export function formerDeliveries(
  project: Pick<Project, 'posts' | 'channels' | 'files'>,
  ledger: Ledger,
): FormerDeliveries {
  let ids = postIds.get(project.posts);
  if (!ids) postIds.set(project.posts, (ids = new Set(project.posts.map((post) => post.id))));
  const others = Object.entries(ledger.entries).filter(
    ([, entry]) => !ids.has(entry.post) && (entry.parts.length > 0 || wentOut.has(entry.state)),
  );
  const byChannel = new Map<string, [string, LedgerEntry][]>();
  if (others.length > 0) {
    const loaded = new Set(project.posts.map((post) => post.file));
    const files = new Set(project.files);
    // A file the loader refused keeps its id (its name), so its deliveries are not anyone else's.
    const names = new Set(
      project.files.map((path) =>
        path
          .split('/')
          .at(-1)!
          .replace(/\.mdx?$/, ''),
      ),
    );
    for (const [key, entry] of others) {
      // Its file is gone, or now holds a post with another id; a file that is there and was refused is still that post.
      const gone = entry.file ? !files.has(entry.file) || loaded.has(entry.file) : !names.has(entry.post);
      if (!gone) continue;
      const list = byChannel.get(entry.channel) ?? [];
      list.push([key, entry]);
      byChannel.set(entry.channel, list);
    }
  }
  const matching = (delivery: Delivery, hash: string) =>
    (byChannel.get(delivery.channel.id) ?? [])
      .filter(([, entry]) => formerDelivery(delivery, hash, entry))
      .map(([key]) => key);
  const claimed = new Map<string, number>();
  return {
    matching,
    claimants(key, all, context) {
      let count = claimed.get(key);
      if (count === undefined) {
        const entry = ledger.entries[key]!;
        count = deliveries(all, { upTo: context.now, only: context.only }).filter(
          (d) =>
            d.channel.id === entry.channel &&
            !ledger.entries[d.key] &&
            formerDelivery(d, contentHash(payloadFor(d.post, d.channel)), entry),
        ).length;
        claimed.set(key, count);
      }
      return count;
    },
  };
}

/**
 * Whether a former post's delivery is this one: on the same channel (and occurrence), and from the
 * same file (its `id:` changed), with the same content (renamed or moved), or at the same time
 * (renamed and edited). A post renamed, edited and rescheduled at once is a new post.
 */
export function formerDelivery(delivery: Delivery, hash: string, entry: LedgerEntry): boolean {
  if (entry.channel !== delivery.channel.id || entry.occurrence !== delivery.occurrence) return false;
  return entry.file === delivery.post.file || entry.contentHash === hash || entry.scheduledAt === delivery.scheduledAt;
}
