import type { Channel } from '../../schemas/config.ts';
import { quietPeriodsOn } from '../calendar/calendar.ts';
import { locate } from '../project/locate.ts';
import type { Post } from '../project/model.ts';
import { networkProfiles, postsFor } from '../networks/profiles.ts';
import { partsFor } from '../text/posts.ts';
import type { Problem } from '../project/problems.ts';
import { maxOccurrences, occurrences, repeatsBeyondPlan } from '../publishing/schedule.ts';
import { addDuration, shortestSpan, wallClockOf } from '../time/time.ts';
import { channelsOf, deliveryKey, listing, plural, type RuleContext, type Rules } from './context.ts';
import { finding } from './registry.ts';
import { sentTexts } from './sent-text.ts';

/**
 * The calendar rules look at every post at once: a finding about two posts (too close together, the
 * same text twice) belongs to the later one, or, when validate checks only some files, to the one
 * among them (see RuleContext.blame), so a change is told what it collides with.
 */
export const calendarRules: Rules = (context) => {
  const slots = slotsOf(context);
  const perChannel = byChannel(context, slots);
  return [
    ...minGap(context, perChannel),
    ...dailyMax(context, perChannel),
    ...apiQuota(context, perChannel),
    ...wholeThread(context),
    ...quietPeriods(context, slots),
    ...cadence(context, perChannel),
    ...contentMix(context, slots),
    ...duplicateText(context),
    ...pastUnpublished(context),
    ...repeats(context),
  ];
};

/**
 * How far an error about a post holds if the post moved: a `time` finding may go away at another
 * time, a `day` finding holds at every time of the post's local day, an `always` finding at every
 * time at all. The search for a free time (src/lib/calendar/slots.ts) skips what cannot help; every rule not
 * named here is `time`.
 */
export type Reach = 'time' | 'day' | 'always';
export const findingReach: ReadonlyMap<string, Reach> = new Map([
  ['calendar/daily-max', 'day'],
  ['calendar/quiet-period', 'day'],
  ['calendar/duplicate-text', 'always'],
  ['calendar/api-quota-thread', 'always'],
]);

/** One time a post goes out: its publishAt, or a repetition of an evergreen post. */
interface Slot {
  post: Post;
  at: string;
  ms: number;
  /** The date and time in herald.yaml's zone, "YYYY-MM-DD HH:MM". */
  local: string;
}

function slotsOf({ project, config }: RuleContext): Slot[] {
  const slots: Slot[] = [];
  for (const post of project.posts) {
    if (post.retract) continue;
    for (const at of occurrences(post)) {
      const { date, time } = wallClockOf(at, config.timezone);
      slots.push({ post, at, ms: Date.parse(at), local: `${date} ${time}` });
    }
  }
  return slots.sort((a, b) => a.ms - b.ms);
}

/**
 * The slots of each channel, in time order; the channels in herald.yaml's order, so that a finding
 * names them in that order whichever posts are weighed.
 */
function byChannel({ project, config }: RuleContext, slots: Slot[]): Map<Channel, Slot[]> {
  const lists = new Map(config.channels.map((channel) => [channel.id, [] as Slot[]]));
  for (const slot of slots) {
    for (const id of slot.post.channels) lists.get(id)?.push(slot);
  }
  return new Map([...lists].map(([id, list]) => [project.channels[id]!, list]));
}

const publishAt = (post: Post) => locate(post.frontmatter, ['publishAt']);

/** Findings about the same post and cause, merged so that each names every channel once. */
class Merged {
  private readonly groups = new Map<string, { post: Post; channels: string[]; make: (channels: string) => Problem }>();

  add(post: Post, cause: string, channel: string, make: (channels: string) => Problem) {
    const key = `${post.file}\n${cause}`;
    const group = this.groups.get(key) ?? { post, channels: [], make };
    if (!group.channels.includes(channel)) group.channels.push(channel);
    this.groups.set(key, group);
  }

  problems(): Problem[] {
    return [...this.groups.values()].map(({ channels, make }) => make(listing(channels)));
  }
}

function minGap(context: RuleContext, perChannel: Map<Channel, Slot[]>): Problem[] {
  const minutes = context.config.calendar.minGapMinutes;
  if (!minutes) return [];
  const merged = new Merged();
  for (const [channel, list] of perChannel) {
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      if (a.post === b.post || b.ms - a.ms >= minutes * 60_000) continue;
      const target = context.blame([a.post, b.post]);
      if (!target) continue;
      const [mine, other] = target === b.post ? [b, a] : [a, b];
      const apart = Math.round((b.ms - a.ms) / 60_000);
      merged.add(target, `gap:${other.post.file}:${mine.at}`, channel.id, (channels) =>
        finding(
          'calendar/min-gap',
          target.file,
          publishAt(target),
          `This post (${mine.local}) and ${other.post.file} (${other.local}) go to ${channels} ${plural(apart, 'minute')} apart; herald.yaml asks for at least ${minutes} minutes between posts on one channel. Move one of them.`,
        ),
      );
    }
  }
  return merged.problems();
}

function dailyMax(context: RuleContext, perChannel: Map<Channel, Slot[]>): Problem[] {
  const max = context.config.calendar.maxPerDayPerChannel;
  if (!max) return [];
  const merged = new Merged();
  for (const [channel, list] of perChannel) {
    const days = Map.groupBy(list, (slot) => slot.local.slice(0, 10));
    for (const [day, daySlots] of days) {
      if (daySlots.length <= max) continue;
      // The posts beyond the limit, in time order; when only some files are checked, those of them.
      const targets = context.focused ? daySlots.filter((slot) => context.inFocus(slot.post)) : daySlots.slice(max);
      for (const { post } of targets) {
        merged.add(post, `day:${day}`, channel.id, (channels) =>
          finding(
            'calendar/daily-max',
            post.file,
            publishAt(post),
            `${day} has ${daySlots.length} posts on ${channels}; herald.yaml allows ${max} a day on one channel. Move this post to another day.`,
          ),
        );
      }
    }
  }
  return merged.problems();
}

/** A network's API quota is counted over a moving 24 hours, as Threads counts it. */
const quotaWindow = 24 * 60 * 60_000;

/**
 * Posts a channel would publish in any 24 hours beyond its network's API quota (its profile's
 * postsPerDay): every part of a thread counts, since each goes through the publish call the quota
 * is counted on. The post that tips a day over is named; the network would refuse it.
 */
function apiQuota(context: RuleContext, perChannel: Map<Channel, Slot[]>): Problem[] {
  const found = new Map<Post, Problem>();
  for (const [channel, list] of perChannel) {
    const quota = networkProfiles[channel.network].postsPerDay;
    if (quota === undefined) continue;
    const weight = (slot: Slot) => postsFor(channel.network, partsFor(slot.post, channel)).length;
    let start = 0;
    let total = 0;
    list.forEach((slot, end) => {
      total += weight(slot);
      while (list[start]!.ms <= slot.ms - quotaWindow) total -= weight(list[start++]!);
      if (total <= quota) return;
      const target = context.blame(list.slice(start, end + 1).map((s) => s.post));
      // A post over the quota by itself is an error of its own (calendar/api-quota-thread).
      if (!target || found.has(target) || postsFor(channel.network, partsFor(target, channel)).length > quota) return;
      found.set(
        target,
        finding(
          'calendar/api-quota',
          target.file,
          publishAt(target),
          `The 24 hours up to ${slot.local} hold ${total} posts on ${channel.id} (each part of a thread counts); ${networkProfiles[channel.network].label} lets an account publish ${quota} through its API in any 24 hours and refuses the rest. Move some of these posts later.`,
        ),
      );
    });
  }
  return [...found.values()];
}

/**
 * A thread with more parts than its network's API quota lets one account publish in 24 hours can
 * never go out whole, whatever else the calendar holds: the network would refuse the parts past the
 * quota and leave the thread cut off. Reported at the first part that would be refused.
 */
function wholeThread(context: RuleContext): Problem[] {
  const found: Problem[] = [];
  for (const post of context.project.posts) {
    if (post.retract || (context.focused && !context.inFocus(post))) continue;
    for (const text of sentTexts(post, context.project.channels)) {
      const over = new Map<number, Channel[]>();
      for (const channel of text.channels) {
        const quota = networkProfiles[channel.network].postsPerDay;
        if (quota !== undefined && postsFor(channel.network, text.parts).length > quota)
          over.set(quota, [...(over.get(quota) ?? []), channel]);
      }
      for (const [quota, channels] of over) {
        const names = listing([...new Set(channels.map((c) => networkProfiles[c.network].label))]);
        found.push(
          finding(
            'calendar/api-quota-thread',
            post.file,
            text.find(quota, text.parts[quota]!),
            `This thread has ${text.parts.length} parts for ${listing(channels.map((c) => c.id))}; ${names} lets an account publish ${quota} posts through its API in any 24 hours, each part one, so it would refuse part ${quota + 1} on and leave the thread cut off. Make it ${quota} parts or fewer (split the rest into a post of its own on another day${text.key === 'body' ? '' : `, in the variant for ${text.key}`}).`,
          ),
        );
      }
    }
  }
  return found;
}

function quietPeriods(context: RuleContext, slots: Slot[]): Problem[] {
  const periods = context.config.calendar.quietPeriods;
  if (periods.length === 0) return [];
  const found = new Map<string, Problem>();
  for (const slot of slots) {
    const day = slot.local.slice(0, 10);
    for (const period of quietPeriodsOn(context.config.calendar, day)) {
      const key = `${slot.post.file}\n${period.from}`;
      if (found.has(key)) continue;
      found.set(
        key,
        finding(
          'calendar/quiet-period',
          slot.post.file,
          publishAt(slot.post),
          `This post goes out on ${day}, inside the quiet period ${period.from} to ${period.to} (${period.reason}). Move it after ${period.to}.`,
        ),
      );
    }
  }
  return [...found.values()];
}

function cadence(context: RuleContext, perChannel: Map<Channel, Slot[]>): Problem[] {
  const { config, project, now } = context;
  // Findings about herald.yaml, which is reported on only when every file is (see reportedFiles).
  const configSource = context.focused ? undefined : project.configSource;
  const found: Problem[] = [];
  config.channels.forEach((channel, index) => {
    if (!channel.cadence) return;
    const list = perChannel.get(channel) ?? [];
    const next = list.findIndex((slot) => slot.ms > now);
    if (next === -1) {
      const last = list.at(-1);
      const since = last ? `after ${last.local} (${last.post.file})` : 'at all';
      if (configSource) {
        found.push(
          finding(
            'calendar/cadence',
            'content/herald.yaml',
            locate(configSource, ['channels', index, 'cadence']),
            `Nothing is scheduled on ${channel.id} ${since}; its cadence asks for a post at least every ${channel.cadence}. Plan the next post.`,
          ),
        );
      }
      return;
    }
    // Repetitions of evergreen posts run on past the plan; silence after its last post is the edge
    // of the plan, not a hole in it.
    const horizon = Math.max(...list.map((slot) => Date.parse(slot.post.publishAt)));
    // Most gaps are far shorter than the cadence: those need no calendar arithmetic.
    const surelyShorter = shortestSpan(channel.cadence);
    for (let i = Math.max(next, 1); i < list.length && list[i]!.ms <= horizon; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      if (b.ms - a.ms <= surelyShorter) continue;
      // Blame first: when only some files are reported, most pairs then need no date arithmetic.
      const target = context.blame([a.post, b.post]);
      if (!target || b.ms <= Date.parse(addDuration(a.at, channel.cadence, config.timezone))) continue;
      const other = target === b.post ? a : b;
      found.push(
        finding(
          'calendar/cadence',
          target.file,
          publishAt(target),
          `Nothing goes out on ${channel.id} between ${a.local} and ${b.local}${other.post === target ? '' : ` (${other.post.file})`}; its cadence asks for a post at least every ${channel.cadence}. Plan a post in between.`,
        ),
      );
    }
    const first = list[next]!;
    if (
      next === 0 &&
      configSource &&
      first.ms > Date.parse(addDuration(new Date(now).toISOString(), channel.cadence, config.timezone))
    ) {
      found.push(
        finding(
          'calendar/cadence',
          'content/herald.yaml',
          locate(configSource, ['channels', index, 'cadence']),
          `Nothing is scheduled on ${channel.id} until ${first.local}; its cadence asks for a post at least every ${channel.cadence}. Plan a post before then.`,
        ),
      );
    }
  });
  return found;
}

/** The content mix is counted over the 30 days up to each post. */
export const contentMixWindow = 30 * 24 * 60 * 60_000;

function contentMix(context: RuleContext, slots: Slot[]): Problem[] {
  const max = context.config.calendar.contentMix?.maxResharePercent;
  if (max === undefined) return [];
  const found = new Map<Post, Problem>();
  let start = 0;
  let reshares = 0;
  slots.forEach((slot, end) => {
    if (slot.post.kind === 'reshare') reshares++;
    while (slots[start]!.ms <= slot.ms - contentMixWindow) {
      if (slots[start]!.post.kind === 'reshare') reshares--;
      start++;
    }
    const total = end - start + 1;
    if (reshares * 100 <= max * total) return;
    const window = slots.slice(start, end + 1);
    const target = context.blame(window.filter((s) => s.post.kind === 'reshare').map((s) => s.post));
    if (!target || found.has(target)) return;
    const percent = Math.round((reshares * 100) / total);
    found.set(
      target,
      finding(
        'calendar/content-mix',
        target.file,
        locate(target.frontmatter, ['kind']),
        `${reshares} of the ${total} posts in the 30 days up to ${slot.local} are reshares (${percent}%); herald.yaml allows ${max}%. Make this one original, or plan more original posts around it.`,
      ),
    );
  });
  return [...found.values()];
}

function duplicateText(context: RuleContext): Problem[] {
  const { project } = context;
  const merged = new Merged();
  const first = new Map<string, Post>();
  for (const post of project.posts) {
    if (post.retract) continue;
    for (const channel of channelsOf(post, project.channels)) {
      const key = sentTextKey(post, channel);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, post);
        continue;
      }
      const target = context.blame([earlier, post]);
      if (!target) continue;
      const other = target === post ? earlier : post;
      merged.add(target, `same:${other.file}`, channel.id, (channels) =>
        finding(
          'calendar/duplicate-text',
          target.file,
          { line: target.partLines[0] ?? target.bodyLine, column: 1 },
          `This post sends the same text to ${channels} as ${other.file} (${other.written.publishAt}). Change the wording, or delete one of them.`,
        ),
      );
    }
  }
  return merged.problems();
}

/** Exactly what `channel` receives of `post`, every part: two posts with one key are a copy, not a rewrite. */
export function sentTextKey(post: Post, channel: Channel): string {
  return `${channel.id}\n${partsFor(post, channel).join('\n---\n')}`;
}

/** A repetition the publisher would never reach: none at all, or more than it plans. */
function repeats({ project }: RuleContext): Problem[] {
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (!post.repeat || post.retract) continue;
    const at = () => locate(post.frontmatter, ['repeat', 'until']);
    const times = occurrences(post);
    const first = wallClockOf(post.publishAt, post.timezone).date;
    if (times.length === 0) {
      found.push(
        finding(
          'calendar/repeat',
          post.file,
          at(),
          `repeat.until (${post.repeat.until}) is before the first publication (${first}), so the post would never be sent. Set until on ${first} or later.`,
        ),
      );
      continue;
    }
    if (repeatsBeyondPlan(post)) {
      const last = wallClockOf(times.at(-1)!, post.timezone).date;
      found.push(
        finding(
          'calendar/repeat',
          post.file,
          at(),
          `This post would repeat more than ${maxOccurrences} times; Herald plans the first ${maxOccurrences}, the last on ${last}. Repeat less often or set until on ${last} or earlier.`,
        ),
      );
    }
  }
  return found;
}

function pastUnpublished({ project, config, now, delivered }: RuleContext): Problem[] {
  // A post is still sent while it is less than the publishing window late.
  const cutoff = Date.parse(addDuration(new Date(now).toISOString(), `-${config.publishing.window}`, config.timezone));
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (post.retract || Date.parse(post.publishAt) >= cutoff) continue;
    const missing = post.channels.filter(
      (channel) => project.channels[channel] && !delivered.has(deliveryKey(post.id, channel)),
    );
    if (missing.length === 0) continue;
    found.push(
      finding(
        'calendar/past-unpublished',
        post.file,
        publishAt(post),
        `This post was due on ${post.written.publishAt} and was never published on ${listing(missing)}. ${pastFix(post, now)}`,
      ),
    );
  }
  return found;
}

/** What to do about a post whose time passed unpublished: an evergreen post's repetitions still go. */
function pastFix(post: Post, now: number): string {
  const next = post.repeat ? occurrences(post).find((time) => Date.parse(time) >= now) : undefined;
  if (!next) return 'Move it to a future time, or delete it if it is no longer wanted.';
  const { date, time } = wallClockOf(next, post.timezone);
  return `Its repetitions go ahead, the next on ${date} ${time}; to take the missed one off the calendar, set publishAt to that time.`;
}
