import type { Channel, NetworkName } from '../schemas/config.ts';
import { networkProfiles } from '../lib/networks/profiles.ts';
import type { Ledger, LedgerEntry, RemotePart, RunRecord, RunTrigger } from '../schemas/ledger.ts';
import { redact } from '../lib/publishing/mask.ts';
import { durationInWords } from '../lib/time/time.ts';
import type { Post, Project } from '../lib/project/model.ts';
import { partCount, partHash, type Payload, type PayloadCard } from '../lib/text/payload.ts';
import {
  formerDeliveries,
  lateness,
  plan,
  repeatableRepost,
  verdict,
  windowEnd,
  type FormerDeliveries,
  type PlannedDelivery,
  type ScheduleContext,
} from '../lib/publishing/schedule.ts';
import type { ApprovalDecision, ApprovalGate } from './approval.ts';
import { DeliveryFailure, failureText, genericFailure, type Failure } from './failure.ts';
import { LedgerError } from '../lib/ledger/format.ts';
import { missingLedger, updateLedger, type LedgerStore } from './ledger/store.ts';
import { loginsInADay, runRecordFor, withRun } from '../lib/ledger/runs.ts';
import {
  credentialExpiry,
  expiryInstant,
  expiryMessage,
  type CredentialExpiry,
} from '../lib/publishing/expiry-notices.ts';
import { loadMedia } from './media.ts';
import type { Adapter, LoadedCard, SendRequest } from './networks/adapter.ts';
import { cardFetcher, type CardFetch, type CardFetcher } from './link-card.ts';
import {
  handOffNetworks,
  lookupNetworks,
  networkTraits,
  quoteTakeDown,
  repostTakeDown,
  WebhookAdapter,
} from './networks/index.ts';
import { publicImage, type PublicImage } from '../lib/publishing/public-media.ts';

/**
 * One publish run: load → pick what is due → check approval → claim in the ledger → send → record.
 *
 * Exactly once: every delivery is claimed (state pending, with this run's id) by a compare-and-swap
 * write before anything is sent, so a second run at the same time finds it claimed and leaves it.
 * A delivery that may have gone out (a claim no one finished, a send whose answer was lost) is never
 * sent again blindly: where the network can be asked for free (Mastodon, Bluesky) the run looks for
 * it first and records what it finds; elsewhere it is recorded as unknown, for a person to settle
 * with `herald ledger settle`.
 */

export type OutcomeKind =
  | 'published'
  | 'retracted'
  | 'failed'
  | 'missed'
  | 'unknown'
  | 'expired'
  /** The approval gate did not clear the post, or the ledger has another post under its id. */
  | 'held'
  /** Another run is sending it. */
  | 'busy'
  /** Recognised as a delivery recorded under the post's former id (its file was renamed or moved). */
  | 'renamed'
  /** Given to the network's own scheduler (Mastodon's scheduled statuses), to go out on time. */
  | 'handed-off'
  /** Taken back from the network's scheduler: paused, withdrawn, or no longer sendable as it was. */
  | 'taken-back'
  /** Dry run: what would happen. */
  | 'would-send'
  | 'would-retract'
  | 'would-resume'
  | 'would-hold'
  /** Dry run: the send would fail for a reason known now (a missing credential). */
  | 'would-fail';

/** Outcomes that make `herald publish` exit non-zero. */
export const failingOutcomes: ReadonlySet<OutcomeKind> = new Set(['failed', 'missed', 'unknown', 'would-fail']);

export interface Outcome {
  key: string;
  post: string;
  channel: string;
  network: NetworkName;
  occurrence?: string;
  scheduledAt: string;
  kind: OutcomeKind;
  links: string[];
  message?: string;
  /** Sends tried in this run. */
  attempts?: number;
  /** Dry run: exactly what would be sent. */
  payload?: Payload;
  /** Dry run, for a network that fetches images itself (Threads): where it would fetch each from. */
  publicMedia?: PublicImage[];
}

export interface RunReport {
  now: string;
  paused: boolean;
  dryRun: boolean;
  outcomes: Outcome[];
  /** Notices that could not be delivered to webhook channels. */
  noticeErrors: string[];
  /** Dry run: things a real run would stop at or say, e.g. that there is no ledger yet. */
  notes: string[];
}

export interface RetryPolicy {
  /** Sends per delivery in one run, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A network that asks for a longer wait than this is left for the next run. */
  maxRetryAfterMs: number;
}

/** How far this machine's clock may be from the ledger server's before a run refuses to act on it. */
const maxClockSkewMs = 5 * 60_000;

export const defaultRetry: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
};

export interface RunOptions {
  project: Pick<Project, 'posts' | 'channels' | 'config' | 'files'>;
  /** Project root: media paths are relative to it. */
  root: string;
  store: LedgerStore;
  gate: ApprovalGate;
  /** The channel's adapter; throws a setup DeliveryFailure when its credentials are missing. */
  adapterFor(channel: Channel): Adapter;
  /** The instant the run acts at, epoch ms. */
  now: number;
  /** The time as the run goes on, epoch ms, for when it finished; `now` when not given. */
  clock?(): number;
  /** Waits between retries; tests pass one that returns at once. */
  sleep(ms: number): Promise<void>;
  /** Identifies this run's claims in the ledger. */
  runId: string;
  /** What started the run, and for a scheduled one its cron line: recorded with how late it started. */
  trigger?: { event: RunTrigger; cron?: string };
  only?: string;
  dryRun?: boolean;
  /** HERALD_PAUSED=1; publishing.paused in herald.yaml counts too. */
  paused?: boolean;
  retry?: RetryPolicy;
  /** Credential values to scrub from every message. */
  secrets?: string[];
  /** Post files with an error finding, and what to say: those posts are held (see faultsFrom). */
  faults?: ReadonlyMap<string, string>;
  /** Progress lines while the run goes on. */
  log?(line: string): void;
  /**
   * Reads a link card from its page when the post gives none: by default from public addresses
   * only (cardFetcher). Tests pass one that reaches their server on 127.0.0.1.
   */
  cards?: CardFetcher;
}

export async function publishRun(options: RunOptions): Promise<RunReport> {
  const config = options.project.config;
  const now = new Date(options.now).toISOString();
  const paused = Boolean(options.paused || config?.publishing.paused);
  const horizon = config?.publishing.handOff ?? false;
  const context: ScheduleContext & { only?: string } = {
    now,
    window: config?.publishing.window ?? 'PT2H',
    lookups: lookupNetworks,
    only: options.only,
    paused,
    ...(horizon && horizon !== 'P0D' && { handOff: { horizon, networks: handOffNetworks } }),
    ...(options.faults && { faults: options.faults }),
  };
  const report: RunReport = { now, paused, dryRun: Boolean(options.dryRun), outcomes: [], noticeErrors: [], notes: [] };
  const scrub = scrubber(options.secrets ?? []);

  const snapshot = await options.store.read();
  const skew = snapshot.serverTime === undefined ? 0 : options.now - snapshot.serverTime;
  if (!options.dryRun && Math.abs(skew) > maxClockSkewMs) {
    throw new LedgerError(
      `this machine's clock says ${now}, and the clock of ${options.store.where} says ${new Date(snapshot.serverTime!).toISOString()}: ${Math.round(Math.abs(skew) / 60_000)} minutes ${skew > 0 ? 'ahead' : 'behind'}. A run at the wrong time would send posts early or record them as missed; set the clock right (NTP) and run again.`,
    );
  }
  if (snapshot.version === null) {
    if (!options.dryRun) throw missingLedger(options.store.where);
    report.notes.push(
      `There is no ledger at ${options.store.where}: a real run would stop. Start one with herald ledger init, or restore it if posts were published before.`,
    );
  }
  report.notes.push(...loginWarnings(options.project.channels, snapshot.ledger.runs ?? [], options.now));
  // The crisis switch stops sending; taking posts down is exactly what a crisis may need, so retractions still go.
  const due = (ledger: Ledger) =>
    plan(options.project, ledger, context).filter(
      (item) => !paused || ['retract', 'renamed', 'cancel'].includes(item.verdict.action),
    );
  let planned = due(snapshot.ledger);
  const run = new Run(options, context, report, scrub);
  if (options.dryRun) {
    await run.dry(planned);
    return report;
  }

  // Recorded before anything is sent, in its own write, so a run that dies is on record too (without finishedAt).
  const record = await updateLedger(options.store, (ledger) => {
    const started = runRecordFor(
      {
        run: options.runId,
        startedAt: now,
        trigger: options.trigger?.event ?? 'local',
        ...(options.trigger?.cron && { cron: options.trigger.cron }),
      },
      ledger.runs ?? [],
    );
    return { ledger: withRun(ledger, started), result: started };
  });
  const renamed = planned.filter((item) => item.verdict.action === 'renamed');
  if (renamed.length > 0) {
    await run.adopt(renamed);
    planned = due((await options.store.read()).ledger).filter((item) => item.verdict.action !== 'renamed');
  }
  await run.recordMissed(planned.filter((item) => item.verdict.action === 'missed'));
  for (const item of planned) {
    if (item.verdict.action === 'expired')
      report.outcomes.push(outcome(item, 'expired', { message: item.verdict.reason }));
    if (item.verdict.action === 'busy')
      report.outcomes.push(
        outcome(item, 'busy', { message: `run ${item.verdict.entry.claim?.run ?? '?'} is sending it` }),
      );
    if (item.verdict.action === 'held')
      report.outcomes.push(outcome(item, 'held', { message: scrub(item.verdict.reason) }));
  }
  await run.takeBack(planned.filter((item) => item.verdict.action === 'cancel'));
  await run.orphans();
  await run.confirm(planned.filter((item) => item.verdict.action === 'confirm'));
  await run.handOff(planned.filter((item) => item.verdict.action === 'handOff'));
  const toSend = await run.approved(
    planned.filter((item) => item.verdict.action === 'send' || item.verdict.action === 'resume'),
  );
  await run.send(toSend);
  // A take-down carries the channel's credentials too: only to a reviewed destination, for a reviewed request.
  await run.retract(await run.approved(planned.filter((item) => item.verdict.action === 'retract')));
  await run.notify();
  await run.expiring();
  await finished(options, record, run.logins());
  return report;
}

async function finished(options: RunOptions, record: RunRecord, logins: Record<string, number>): Promise<void> {
  const at = new Date(Math.max(options.now, options.clock?.() ?? options.now)).toISOString();
  const counted = Object.keys(logins).length > 0 ? { logins } : {};
  await updateLedger(options.store, (ledger) => ({
    ledger: withRun(ledger, { ...record, finishedAt: at, ...counted }),
    result: undefined,
  }));
}

/** Share of a network's daily logins after which each run warns. */
const loginWarningShare = 0.8;

/**
 * A warning for each channel whose account has used most of its network's logins of the last 24
 * hours (Bluesky: 300 a day), as the runs recorded them: past the limit, the network refuses to log in
 * and nothing goes out there until the day has passed.
 */
function loginWarnings(channels: Record<string, Channel>, runs: readonly RunRecord[], now: number): string[] {
  return Object.values(channels).flatMap((channel) => {
    const limit = networkProfiles[channel.network].loginsPerDay;
    if (!limit) return [];
    const used = loginsInADay(runs, channel.id, now);
    if (used < limit * loginWarningShare) return [];
    return [
      `${channel.id}: Herald logged in to ${networkProfiles[channel.network].label} ${used} times in the last 24 hours, and ${networkProfiles[channel.network].label} allows ${limit} a day per account; past that it refuses logins and posts there fail until the day has passed. Each run with something to do there logs in once: start runs less often (an outside scheduler every 5 minutes, not every minute), and use this account's app password for Herald alone.`,
    ];
  });
}

function outcome(item: PlannedDelivery, kind: OutcomeKind, extra: Partial<Outcome> = {}): Outcome {
  return {
    key: item.key,
    post: item.post.id,
    channel: item.channel.id,
    network: item.channel.network,
    ...(item.occurrence ? { occurrence: item.occurrence } : {}),
    scheduledAt: item.scheduledAt,
    kind,
    links: [],
    ...extra,
  };
}

function scrubber(secrets: string[]): (text: string) => string {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => redact(text, sorted);
}

/** The parts, each with the fingerprint of what it says (`partHash`), so a changed post is not continued under them. */
function fingerprinted(payload: Payload, parts: RemotePart[]): RemotePart[] {
  return parts.map((part, i) => (part.hash ? part : { ...part, hash: partHash(payload, i) }));
}

function links(parts: RemotePart[]): string[] {
  return parts.flatMap((part) => (part.url ? [part.url] : []));
}

function renamedMessage(item: PlannedDelivery): string {
  if (item.verdict.action !== 'renamed') return '';
  const { entry } = item.verdict;
  const file = entry.file ? ` (${entry.file})` : '';
  return `recognised as "${entry.post}"${file}, its id before its file was renamed or its id changed, which the ledger has as ${entry.state} since ${entry.updatedAt}: it is that delivery, not a new one`;
}

/** What went out of a delivery, as far as anyone can tell: the parts, and whether more may have. */
interface Found {
  parts: RemotePart[];
  /** Undefined when the network was asked; otherwise why nobody can tell. */
  unknown?: string;
}

class Run {
  readonly #options: RunOptions;
  readonly #context: ScheduleContext;
  readonly #now: string;
  readonly #report: RunReport;
  readonly #scrub: (text: string) => string;
  readonly #adapters = new Map<string, Adapter | DeliveryFailure>();
  readonly #retry: RetryPolicy;
  /** Cards read in this run, by address: a post going to Bluesky and LinkedIn reads its page once. */
  readonly #cards = new Map<string, Promise<CardFetch>>();

  constructor(options: RunOptions, context: ScheduleContext, report: RunReport, scrub: (text: string) => string) {
    this.#options = options;
    this.#context = context;
    this.#now = context.now;
    this.#report = report;
    this.#scrub = scrub;
    this.#retry = options.retry ?? defaultRetry;
  }

  #log(line: string): void {
    this.#options.log?.(this.#scrub(line));
  }

  #push(item: PlannedDelivery, kind: OutcomeKind, extra: Partial<Outcome> = {}): void {
    this.#report.outcomes.push(
      outcome(item, kind, extra.message ? { ...extra, message: this.#scrub(extra.message) } : extra),
    );
  }

  /** The logins of this run per channel, on networks that limit them (recorded with the run). */
  logins(): Record<string, number> {
    const counted: Record<string, number> = {};
    for (const [id, adapter] of this.#adapters) {
      const logins = adapter instanceof DeliveryFailure ? 0 : (adapter.logins?.() ?? 0);
      if (logins > 0) counted[id] = logins;
    }
    return counted;
  }

  #adapter(channel: Channel): Adapter | DeliveryFailure {
    let found = this.#adapters.get(channel.id);
    if (!found) {
      try {
        found = this.#options.adapterFor(channel);
      } catch (error) {
        found =
          error instanceof DeliveryFailure
            ? error
            : new DeliveryFailure(genericFailure(error, `channel "${channel.id}"`));
      }
      this.#adapters.set(channel.id, found);
    }
    return found;
  }

  /** Writes entries for these keys; `change` sees the latest entry (or undefined) and returns the new one. */
  async #record(
    keys: string[],
    change: (key: string, entry: LedgerEntry | undefined, ledger: Ledger) => LedgerEntry | undefined,
  ): Promise<Set<string>> {
    return updateLedger(this.#options.store, (ledger) => {
      const changed = new Set<string>();
      for (const key of keys) {
        const next = change(key, ledger.entries[key], ledger);
        if (next) {
          ledger.entries[key] = next;
          changed.add(key);
        }
      }
      return changed.size > 0 ? { ledger, result: changed } : { result: changed };
    });
  }

  /** A delivery's next entry: what it had (less the claim, last error and seal), then `fields`. */
  #entry(
    item: PlannedDelivery,
    previous: LedgerEntry | undefined,
    fields: Partial<LedgerEntry> & Pick<LedgerEntry, 'state'>,
  ): LedgerEntry {
    return {
      parts: previous?.parts ?? [],
      attempts: previous?.attempts ?? 0,
      ...(previous?.publishedAt ? { publishedAt: previous.publishedAt } : {}),
      post: item.post.id,
      channel: item.channel.id,
      ...(item.occurrence ? { occurrence: item.occurrence } : {}),
      network: item.channel.network,
      contentHash: item.hash,
      scheduledAt: item.scheduledAt,
      updatedAt: this.#now,
      file: item.post.file,
      ...fields,
    };
  }

  /** Moves the entries of renamed posts to their new ids, so they are what they were, not new posts. */
  async adopt(items: PlannedDelivery[]): Promise<void> {
    const byKey = new Map(items.map((item) => [item.key, item]));
    const moved = await this.#record([...byKey.keys()], (key, current, ledger) => {
      const item = byKey.get(key)!;
      if (item.verdict.action !== 'renamed' || current) return undefined;
      const { from } = item.verdict;
      const former = ledger.entries[from];
      // Changed since the plan (another run moved it, or a person settled it): the next run decides again.
      if (!former || former.updatedAt !== item.verdict.entry.updatedAt) return undefined;
      delete ledger.entries[from];
      return { ...former, post: item.post.id, file: item.post.file, updatedAt: this.#now };
    });
    for (const item of items) {
      if (!moved.has(item.key)) continue;
      this.#push(item, 'renamed', {
        message: renamedMessage(item),
        links: item.verdict.action === 'renamed' ? links(item.verdict.entry.parts) : [],
      });
      this.#log(`↪ ${item.key}: ${renamedMessage(item)}`);
    }
  }

  async recordMissed(items: PlannedDelivery[]): Promise<void> {
    if (items.length === 0) return;
    const byKey = new Map(items.map((item) => [item.key, item]));
    const recorded = await this.#record([...byKey.keys()], (key, entry) => {
      const item = byKey.get(key)!;
      if (verdict(item, entry, this.#context, item.hash).action !== 'missed') return undefined;
      return this.#entry(item, entry, { state: 'missed', ...(entry?.error ? { error: entry.error } : {}) });
    });
    for (const item of items) {
      if (!recorded.has(item.key)) continue;
      const previous = 'entry' in item.verdict ? item.verdict.entry?.error?.message : undefined;
      this.#push(item, 'missed', {
        message: `not published within ${durationInWords(lateness(item.post, this.#context))} of ${item.scheduledAt}${item.post.lateness ? ' (the lateness its post allows), so it is not sent late' : ''}${previous ? ` (last error: ${previous})` : ''}`,
      });
      this.#log(`✖ ${item.key}: missed`);
    }
  }

  /** The gate's decision for each post, asked once per post for the channels it goes to now. */
  async #decisions(items: PlannedDelivery[]): Promise<Map<Post, ApprovalDecision | Error>> {
    const decisions = new Map<Post, ApprovalDecision | Error>();
    for (const [post, group] of Map.groupBy(items, (item) => item.post)) {
      try {
        decisions.set(
          post,
          await this.#options.gate.decide(
            post,
            group.map((item) => item.channel),
          ),
        );
      } catch (error) {
        decisions.set(post, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return decisions;
  }

  /** The deliveries the approval gate clears; the others are reported as held. */
  async approved(items: PlannedDelivery[]): Promise<PlannedDelivery[]> {
    const decisions = await this.#decisions(items);
    const cleared: PlannedDelivery[] = [];
    for (const item of items) {
      const decision = decisions.get(item.post)!;
      if (decision instanceof Error)
        this.#push(item, 'failed', { message: `the approval check failed: ${decision.message}` });
      else if (decision.cleared) cleared.push(item);
      else this.#push(item, 'held', { message: decision.reason });
    }
    await this.#options.gate.settle?.();
    return cleared;
  }

  /**
   * The dry run: what a real run would do with each delivery, and whether it could (the approval
   * gate's decision, the channel's credentials), without sending anything or writing the ledger.
   */
  async dry(items: PlannedDelivery[]): Promise<void> {
    const sendable = items.filter((item) => item.verdict.action === 'send' || item.verdict.action === 'resume');
    const decisions = await this.#decisions(sendable);
    for (const item of items) {
      const entry = 'entry' in item.verdict ? item.verdict.entry : undefined;
      const setup = this.#adapter(item.channel);
      const missing = setup instanceof DeliveryFailure ? setup.failure.message : undefined;
      switch (item.verdict.action) {
        case 'send':
        case 'resume': {
          const decision = decisions.get(item.post)!;
          const resume = item.verdict.action === 'resume';
          const publicMedia = this.#publicMedia(item);
          const refused = publicMedia?.find((where) => 'refused' in where);
          const what = resume
            ? 'it may have gone out already: a real run looks on the network first where it can, and otherwise reports it as unknown'
            : '';
          if (decision instanceof Error)
            this.#push(item, 'would-fail', {
              payload: item.payload,
              message: `the approval check failed: ${decision.message}`,
            });
          else if (!decision.cleared)
            this.#push(item, 'would-hold', { payload: item.payload, message: `not cleared: ${decision.reason}` });
          else if (missing)
            this.#push(item, 'would-fail', { payload: item.payload, message: `cleared, but ${missing}` });
          else if (refused)
            this.#push(item, 'would-fail', {
              payload: item.payload,
              publicMedia,
              message: `cleared, but ${refused.refused}`,
            });
          else
            this.#push(item, resume ? 'would-resume' : 'would-send', {
              payload: item.payload,
              ...(publicMedia && { publicMedia }),
              message: [`cleared: ${decision.reason}`, 'credentials set', what].filter(Boolean).join('; '),
            });
          break;
        }
        case 'retract':
          this.#push(item, missing ? 'would-fail' : 'would-retract', {
            links: links(item.verdict.entry.parts),
            ...(missing ? { message: missing } : {}),
          });
          break;
        case 'renamed':
          this.#push(item, 'renamed', { message: renamedMessage(item), links: links(item.verdict.entry.parts) });
          break;
        case 'held':
          this.#push(item, 'held', { message: item.verdict.reason });
          break;
        case 'expired':
          this.#push(item, 'expired', { message: item.verdict.reason });
          break;
        case 'busy':
          this.#push(item, 'busy', { message: `run ${item.verdict.entry.claim?.run ?? '?'} is sending it` });
          break;
        case 'handOff':
          this.#push(item, missing ? 'would-fail' : 'would-send', {
            payload: item.payload,
            message:
              missing ?? `if cleared, would be handed to ${item.channel.id}'s own scheduler for ${item.scheduledAt}`,
          });
          break;
        case 'confirm':
          this.#push(item, 'would-resume', {
            message: 'handed off: a real run checks that it went live and records its link',
          });
          break;
        case 'cancel':
          this.#push(item, 'would-retract', { message: `handed off, and would be taken back: ${item.verdict.reason}` });
          break;
        default:
          this.#push(item, 'missed', {
            message: 'its publishing window has passed',
            links: entry ? links(entry.parts) : [],
          });
      }
    }
  }

  async send(items: PlannedDelivery[]): Promise<void> {
    const { claimed, former } = await this.#claim(items);
    for (const item of items) {
      const entry = claimed.get(item.key);
      if (!entry) {
        const as = former.get(item.key);
        this.#push(item, 'busy', {
          message: as
            ? `another run is sending or sent it as ${as}, its id before its file was renamed or its id changed; the next run records it under this id`
            : 'another run claimed it first',
        });
        continue;
      }
      await this.#deliver(item, entry);
    }
  }

  /**
   * Claims every delivery in one write; `claimed` holds the entries this run now owns. A claim of this
   * run found already written (the answer to its write was lost, and the write retried) is its own.
   * A delivery with no entry is not claimed when the latest ledger has it under a former id (`former`):
   * a run with the content of before a rename claimed or sent it since this run planned.
   */
  async #claim(items: PlannedDelivery[]): Promise<{ claimed: Map<string, LedgerEntry>; former: Map<string, string> }> {
    const claimed = new Map<string, LedgerEntry>();
    const former = new Map<string, string>();
    if (items.length === 0) return { claimed, former };
    const byKey = new Map(items.map((item) => [item.key, item]));
    const claim = { run: this.#options.runId, at: this.#now };
    const formerIn = new WeakMap<Ledger, FormerDeliveries>();
    await this.#record([...byKey.keys()], (key, entry, ledger) => {
      const item = byKey.get(key)!;
      if (entry?.state === 'pending' && entry.claim?.run === claim.run && entry.claim.at === claim.at) {
        claimed.set(key, entry);
        return undefined;
      }
      claimed.delete(key);
      former.delete(key);
      if (verdict(item, entry, this.#context, item.hash).action !== item.verdict.action) return undefined;
      if (!entry) {
        let found = formerIn.get(ledger);
        if (!found) formerIn.set(ledger, (found = formerDeliveries(this.#options.project, ledger)));
        const as = found.matching(item, item.hash);
        if (as.length > 0) return void former.set(key, as.join(', '));
      }
      const next = this.#entry(item, entry, { state: 'pending', claim });
      claimed.set(key, next);
      return next;
    });
    return { claimed, former };
  }

  #request(item: PlannedDelivery, sent: RemotePart[]): Omit<SendRequest, 'media' | 'onPart'> {
    return {
      key: item.key,
      contentHash: item.hash,
      scheduledAt: item.scheduledAt,
      payload: item.payload,
      sent: [...sent],
    };
  }

  /**
   * Asks the network which parts of the delivery it has. Where it cannot be asked, or does not
   * answer, nobody can tell, unless the network makes sending again harmless for a while yet
   * (Mastodon's Idempotency-Key) and the send began `resendSafeSince` recently enough.
   */
  async #look(
    adapter: Adapter,
    request: Omit<SendRequest, 'media' | 'onPart'>,
    resendSafeSince?: string,
  ): Promise<Found> {
    let why = `${adapter.network} offers no free way to look it up`;
    if (adapter.find) {
      try {
        return { parts: fingerprinted(request.payload, await adapter.find(request)) };
      } catch (error) {
        why = `looking it up failed: ${adapter.classify(error).message}`;
      }
    }
    if (
      resendSafeSince &&
      (repeatableRepost(request.payload.repost, adapter.network) ||
        Date.parse(this.#now) - Date.parse(resendSafeSince) < networkTraits[adapter.network].safeResendMs)
    )
      return { parts: request.sent };
    return { parts: request.sent, unknown: why };
  }

  /** Where each of a delivery's images is on the web, for a network that fetches them (Threads). */
  #publicMedia(item: PlannedDelivery): PublicImage[] | undefined {
    const { config, channels } = this.#options.project;
    if (!config || item.payload.media.length === 0 || !networkProfiles[item.channel.network].media?.byAddress)
      return undefined;
    return item.payload.media.map((m) => publicImage(item.post, m.file, config, channels));
  }

  async #deliver(item: PlannedDelivery, claimed: LedgerEntry): Promise<void> {
    const adapter = this.#adapter(item.channel);
    // What the ledger had, when the delivery may have gone out (a run died, an answer was lost).
    const resumed = item.verdict.action === 'resume' ? item.verdict.entry : undefined;
    if (adapter instanceof DeliveryFailure) {
      // Without credentials nothing can be looked up: a delivery that may have gone out stays unknown.
      if (resumed)
        return this.#unknown(
          item,
          claimed,
          claimed.parts,
          `${adapter.failure.message}, so Herald could not look whether it went out`,
        );
      return this.#fail(item, claimed, adapter.failure, 0);
    }
    let sent = [...claimed.parts];
    if (resumed) {
      const started = resumed.claim?.at ?? resumed.updatedAt;
      // What may have arrived is the content of then, which Herald no longer has to look for.
      if (resumed.contentHash !== item.hash)
        return this.#unknown(
          item,
          claimed,
          claimed.parts,
          `a send that began at ${started} may have arrived, and the post has changed since, so Herald cannot look for what was sent`,
        );
      const found = await this.#look(adapter, this.#request(item, sent), started);
      if (found.unknown)
        return this.#unknown(
          item,
          claimed,
          found.parts,
          `a send that began at ${started} may have arrived, and ${found.unknown}`,
        );
      sent = found.parts;
      if (sent.length === partCount(item.payload))
        return this.#published(item, sent, 0, 'found on the network: it had arrived');
      // The run that began it died, and its window has passed since: the rest is not sent late.
      if (windowEnd(item.scheduledAt, lateness(item.post, this.#context), item.post.timezone) < Date.parse(this.#now))
        return this.#missedAfterAll(item, sent, started);
    }
    let media;
    try {
      const gate = this.#options.gate;
      media = await loadMedia(
        this.#options.root,
        item.payload.media,
        item.channel.network,
        gate.reviewedBytes ? (file) => gate.reviewedBytes!(file) : undefined,
      );
    } catch (error) {
      return this.#fail(item, { ...claimed, parts: sent }, genericFailure(error, item.post.file), 0);
    }
    let card: { card?: LoadedCard; note?: string };
    try {
      card = item.payload.card ? await this.#card(item.payload.card) : {};
    } catch (error) {
      return this.#fail(item, { ...claimed, parts: sent }, genericFailure(error, item.post.file), 0);
    }
    if (card.note) this.#log(`… ${item.key}: ${card.note}`);
    const traits = networkTraits[item.channel.network];
    let uncertain = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const parts = await adapter.send({
          ...this.#request(item, sent),
          media,
          publicMedia: this.#publicMedia(item),
          ...(card.card && { card: card.card }),
          onPart: async (part) => {
            sent.push({ ...part, hash: partHash(item.payload, sent.length) });
            // Networks that cannot repeat a send need each part on record before the next goes.
            if (traits.safeResendMs === 0 && sent.length < partCount(item.payload)) await this.#progress(item, sent);
          },
        });
        return this.#published(item, parts, attempt, card.note);
      } catch (error) {
        const failure = adapter.classify(error);
        if (failure.kind === 'uncertain') return this.#unknown(item, claimed, sent, failure.message);
        // A lost answer to creating a post: retried here under the same key; networks without one say `uncertain` at once (see creating()).
        uncertain ||= Boolean(failure.postMayExist);
        const wait = this.#wait(failure, attempt);
        if (wait === undefined) {
          // A repost asked again changes nothing where the network keeps one per post: the next run asks again.
          if (!uncertain || (!adapter.find && repeatableRepost(item.payload.repost, adapter.network)))
            return this.#fail(item, { ...claimed, parts: sent }, failure, attempt);
          // An answer was lost: look now, for a later run may send after the network forgot its idempotency key.
          const found = await this.#look(adapter, this.#request(item, sent));
          if (found.unknown)
            return this.#unknown(
              item,
              claimed,
              found.parts,
              `${failure.message}, so it may have arrived, and ${found.unknown}`,
            );
          if (found.parts.length === partCount(item.payload))
            return this.#published(item, found.parts, attempt, 'found on the network after its answer was lost');
          return this.#fail(
            item,
            { ...claimed, parts: found.parts },
            {
              ...failure,
              message: `${failure.message} (looked on the network: ${found.parts.length} of ${partCount(item.payload)} parts had arrived)`,
            },
            attempt,
          );
        }
        this.#log(`… ${item.key}: ${failure.message}; trying again in ${Math.round(wait / 1000)} s`);
        await this.#options.sleep(wait);
      }
    }
  }

  /**
   * The card to send: the post's own, with its picture from what was reviewed; or read from the
   * page now, where a page that cannot be read leaves the post without a card (and says so), since
   * a card is not worth holding a post back for.
   */
  async #card(wanted: PayloadCard): Promise<{ card?: LoadedCard; note?: string }> {
    if (wanted.title !== undefined) {
      const gate = this.#options.gate;
      const [image] = wanted.image
        ? await loadMedia(
            this.#options.root,
            [{ file: wanted.image, alt: '' }],
            undefined,
            gate.reviewedBytes ? (file) => gate.reviewedBytes!(file) : undefined,
          )
        : [];
      return {
        card: {
          url: wanted.url,
          title: wanted.title,
          description: wanted.description ?? '',
          ...(image && { image: { data: image.data, mimeType: image.mimeType } }),
        },
      };
    }
    let fetching = this.#cards.get(wanted.url);
    if (!fetching) {
      fetching = (this.#options.cards ?? cardFetcher())(wanted.url);
      this.#cards.set(wanted.url, fetching);
    }
    const fetched = await fetching;
    if (!fetched.ok) return { note: `sent without a link card: ${fetched.reason}` };
    return {
      card: fetched.card,
      ...(fetched.card.imageProblem && { note: `the link card has no picture: ${fetched.card.imageProblem}` }),
    };
  }

  /** Records it published, at `at` when the network's scheduler published it then, else now. */
  async #published(
    item: PlannedDelivery,
    parts: RemotePart[],
    attempts: number,
    note?: string,
    at = this.#now,
  ): Promise<void> {
    await this.#record([item.key], (_key, entry) =>
      this.#entry(item, entry, {
        state: 'published',
        parts: fingerprinted(item.payload, parts),
        publishedAt: at,
        attempts: (entry?.attempts ?? 0) + attempts,
      }),
    );
    this.#push(item, 'published', { links: links(parts), attempts, ...(note ? { message: note } : {}) });
    this.#log(`✔ ${item.key}: ${links(parts).join(' ') || 'published'}`);
  }

  /** Records a send that began, did not finish and is now past its window, with what of it arrived. */
  async #missedAfterAll(item: PlannedDelivery, parts: RemotePart[], started: string): Promise<void> {
    await this.#record([item.key], (_key, entry) => this.#entry(item, entry, { state: 'missed', parts }));
    const arrived =
      parts.length > 0
        ? ` (${parts.length} of its ${partCount(item.payload)} parts had arrived)`
        : ' (looked on the network: it had not arrived)';
    this.#push(item, 'missed', {
      message: `a send that began at ${started} did not finish${arrived}, and it is more than ${lateness(item.post, this.#context)} past ${item.scheduledAt}: the rest is not sent late`,
      links: links(parts),
    });
    this.#log(`✖ ${item.key}: missed`);
  }

  /** Records that nobody can tell whether (all of) the delivery arrived, and what a person should do. */
  async #unknown(item: PlannedDelivery, claimed: LedgerEntry, parts: RemotePart[], what: string): Promise<void> {
    const known = parts.length > 0 ? ` Herald knows of ${parts.length} of its ${partCount(item.payload)} parts.` : '';
    const message = `${this.#scrub(what)}; Herald cannot tell whether it arrived.${known} Check the account, then run herald ledger settle ${item.post.id} ${item.channel.id}${item.occurrence ? ` --at ${item.occurrence}` : ''} published <link...> if it is there, or not-sent if it is not.`;
    await this.#record([item.key], (_key, current) =>
      current?.state === 'pending' && current.claim?.run === claimed.claim?.run
        ? this.#entry(item, current, { state: 'unknown', parts, error: { message, permanent: true } })
        : undefined,
    );
    this.#push(item, 'unknown', { message, links: links(parts) });
    this.#log(`? ${item.key}: unknown`);
  }

  /** How long to wait before the next attempt, or undefined to stop trying in this run. */
  #wait(failure: Failure, attempt: number): number | undefined {
    if (failure.kind !== 'transient' || attempt >= this.#retry.attempts) return undefined;
    if (failure.retryAfterMs !== undefined)
      return failure.retryAfterMs <= this.#retry.maxRetryAfterMs ? failure.retryAfterMs : undefined;
    return Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
  }

  async #progress(item: PlannedDelivery, parts: RemotePart[]): Promise<void> {
    await this.#record([item.key], (_key, entry) =>
      entry ? { ...entry, parts: [...parts], updatedAt: this.#now } : undefined,
    );
  }

  async #fail(item: PlannedDelivery, claimed: LedgerEntry, failure: Failure, attempts: number): Promise<void> {
    const message = this.#scrub(failureText(failure, item.channel.id));
    const retry =
      failure.kind === 'rejected'
        ? 'not sent again unless the post changes'
        : 'the next run tries again while the post is within its window';
    await this.#record([item.key], (_key, entry) =>
      this.#entry(item, entry, {
        state: 'failed',
        parts: claimed.parts,
        attempts: (entry?.attempts ?? 0) + attempts,
        error: {
          message,
          permanent: failure.kind === 'rejected',
          ...(failure.status ? { status: failure.status } : {}),
        },
      }),
    );
    this.#push(item, 'failed', { message: `${message} (${retry})`, attempts, links: links(claimed.parts) });
    this.#log(`✖ ${item.key}: ${message}`);
  }

  /**
   * Takes down every part Herald knows went out: those in the ledger, and where the network can be
   * asked, those of an unfinished or unknown send that arrived unrecorded.
   */
  async retract(items: PlannedDelivery[]): Promise<void> {
    for (const item of items) {
      if (item.verdict.action !== 'retract') continue;
      const entry = item.verdict.entry;
      const adapter = this.#adapter(item.channel);
      let parts = entry.parts;
      let unsure = '';
      if (!(adapter instanceof DeliveryFailure) && entry.state !== 'published') {
        const found = await this.#look(adapter, this.#request(item, entry.parts));
        parts = found.parts;
        if (found.unknown && (entry.state === 'unknown' || entry.state === 'pending'))
          unsure = ` Whether more of it went out cannot be told (${found.unknown}): check the account.`;
      }
      if (item.payload.repost) parts = repostTakeDown(item.channel, item.payload.repost, parts);
      if (item.payload.quote) parts = quoteTakeDown(item.channel, item.payload.quote, parts);
      const failure = adapter instanceof DeliveryFailure ? adapter.failure : await this.#takeDown(adapter, parts);
      if (failure) {
        const message = this.#scrub(`could not take it down: ${failure.message}`);
        if (failure.kind === 'rejected') {
          await this.#record([item.key], (_key, current) =>
            current
              ? { ...current, error: { message, permanent: true, takeDown: true }, updatedAt: this.#now }
              : undefined,
          );
        }
        this.#push(item, 'failed', { message, links: links(parts) });
        continue;
      }
      await this.#record([item.key], (_key, current) => {
        if (!current) return undefined;
        const { error: _error, claim: _claim, ...kept } = current;
        return {
          ...kept,
          state: 'retracted',
          parts,
          retractedAt: this.#now,
          updatedAt: this.#now,
          file: item.post.file,
        };
      });
      const took =
        parts.length === entry.parts.length
          ? ''
          : `took down ${parts.length} part(s), ${parts.length - entry.parts.length} of them found on the network.`;
      this.#push(item, 'retracted', {
        links: links(parts),
        ...(took || unsure ? { message: `${took}${unsure}`.trim() } : {}),
      });
      this.#log(`⌫ ${item.key}: retracted`);
    }
  }

  /** Deletes the parts, retrying transient failures; the failure that stopped it, if any. */
  async #takeDown(adapter: Adapter, parts: RemotePart[]): Promise<Failure | undefined> {
    if (parts.length === 0) return undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await adapter.retract(parts);
        return undefined;
      } catch (error) {
        const failure = adapter.classify(error);
        const wait = this.#wait(failure, attempt);
        if (wait === undefined) return failure;
        await this.#options.sleep(wait);
      }
    }
  }

  /**
   * Hands cleared deliveries to the network's own scheduler. Nothing is claimed first: a pending
   * claim would read, after a crash, as a send that may have arrived, and the live status would be
   * sent again beside the scheduled one. Instead the adapter finds what it scheduled before by its
   * Idempotency-Key. A post whose new version is not cleared is taken back: its old version must not
   * go out in its place. A network that refuses it (e.g. less than 5 minutes ahead, by its clock)
   * leaves it to be sent when due.
   */
  async handOff(items: PlannedDelivery[]): Promise<void> {
    const decisions = await this.#decisions(items);
    for (const item of items) {
      const entry = 'entry' in item.verdict ? item.verdict.entry : undefined;
      const decision = decisions.get(item.post)!;
      if (decision instanceof Error || !decision.cleared) {
        if (entry)
          await this.#takeBackOne(
            item,
            entry,
            `its new version is not cleared (${decision instanceof Error ? decision.message : decision.reason})`,
          );
        continue;
      }
      const adapter = this.#adapter(item.channel);
      if (adapter instanceof DeliveryFailure || !adapter.schedule || !adapter.unschedule) continue;
      try {
        if (entry?.handOff) await adapter.unschedule(entry.handOff.id);
        const media = await loadMedia(
          this.#options.root,
          item.payload.media,
          item.channel.network,
          this.#options.gate.reviewedBytes ? (file) => this.#options.gate.reviewedBytes!(file) : undefined,
        );
        const scheduled = await adapter.schedule(
          { ...this.#request(item, []), media, onPart: () => Promise.resolve() },
          item.scheduledAt,
        );
        await this.#record([item.key], (_key, current) =>
          current && current.state !== 'handedOff'
            ? undefined
            : this.#entry(item, current, { state: 'handedOff', parts: [], handOff: scheduled }),
        );
        this.#push(item, 'handed-off', {
          message: `${entry ? 'replaced: ' : ''}scheduled on ${item.channel.id} for ${scheduled.at}`,
        });
        this.#log(`◷ ${item.key}: handed off for ${scheduled.at}`);
      } catch (error) {
        const failure = adapter.classify(error);
        // The old one is taken back (or was never there): the run sends it when due, as without hand-off.
        if (entry) await this.#forget(item.key);
        this.#log(`… ${item.key}: not handed off (${this.#scrub(failure.message)}); it is sent when due`);
      }
    }
  }

  /** Takes back what the network's scheduler holds: paused, withdrawn, or not sendable as it is. */
  async takeBack(items: PlannedDelivery[]): Promise<void> {
    for (const item of items)
      if (item.verdict.action === 'cancel') await this.#takeBackOne(item, item.verdict.entry, item.verdict.reason);
  }

  async #takeBackOne(item: PlannedDelivery, entry: LedgerEntry, reason: string): Promise<void> {
    const adapter = this.#adapter(item.channel);
    try {
      if (adapter instanceof DeliveryFailure) throw adapter;
      if (entry.handOff) await adapter.unschedule?.(entry.handOff.id);
    } catch (error) {
      const failure = adapter instanceof DeliveryFailure ? adapter.failure : adapter.classify(error);
      this.#push(item, 'failed', {
        message: `could not take it back from ${item.channel.id}'s scheduler (${reason}): ${failure.message}. Delete the scheduled post on the network by hand, or it goes out at ${entry.handOff?.at ?? item.scheduledAt}`,
      });
      return;
    }
    await this.#forget(item.key);
    this.#push(item, 'taken-back', { message: reason });
    this.#log(`↩ ${item.key}: taken back (${reason})`);
  }

  /**
   * Takes back what was handed off for a post that is no longer there (its file deleted): nothing
   * else would, and the network would publish it. A post renamed to a new id is handed off again
   * under it, as a hand-off is not something that went out (see formerDeliveries).
   */
  async orphans(): Promise<void> {
    const { project } = this.#options;
    const ids = new Set(project.posts.map((post) => post.id));
    const ledger = (await this.#options.store.read()).ledger;
    for (const [key, entry] of Object.entries(ledger.entries)) {
      if (
        entry.state !== 'handedOff' ||
        ids.has(entry.post) ||
        (this.#options.only && entry.channel !== this.#options.only)
      )
        continue;
      const channel = project.channels[entry.channel];
      const adapter = channel ? this.#adapter(channel) : undefined;
      try {
        if (!adapter)
          throw new DeliveryFailure({
            kind: 'setup',
            message: `herald.yaml no longer has the channel "${entry.channel}"`,
          });
        if (adapter instanceof DeliveryFailure) throw adapter;
        if (entry.handOff) await adapter.unschedule?.(entry.handOff.id);
      } catch (error) {
        const failure =
          error instanceof DeliveryFailure
            ? error.failure
            : adapter && !(adapter instanceof DeliveryFailure)
              ? adapter.classify(error)
              : genericFailure(error, key);
        this.#report.noticeErrors.push(
          this.#scrub(
            `${key} was handed off and its post is gone, but it could not be taken back: ${failure.message}. Delete the scheduled post on the network by hand, or it goes out at ${entry.handOff?.at ?? entry.scheduledAt}`,
          ),
        );
        continue;
      }
      await this.#forget(key);
      this.#log(`↩ ${key}: taken back (its post is gone)`);
    }
  }

  /** Drops a handed-off entry: nothing of it went out, and a later run decides afresh. */
  async #forget(key: string): Promise<void> {
    await updateLedger(this.#options.store, (ledger) => {
      if (ledger.entries[key]?.state !== 'handedOff') return { result: undefined };
      delete ledger.entries[key];
      return { ledger, result: undefined };
    });
  }

  /**
   * Confirms handed-off deliveries that are due: once the network's scheduler no longer holds one, it
   * is found among the account's statuses and recorded as published with its link. One that is gone
   * and not found (deleted on the network) is recorded unknown, and looked for again by the next run.
   */
  async confirm(items: PlannedDelivery[]): Promise<void> {
    for (const item of items) {
      if (item.verdict.action !== 'confirm') continue;
      const entry = item.verdict.entry;
      const adapter = this.#adapter(item.channel);
      if (adapter instanceof DeliveryFailure || !adapter.stillScheduled || !entry.handOff) continue;
      try {
        if (await adapter.stillScheduled(entry.handOff.id)) {
          this.#log(`◷ ${item.key}: still scheduled on ${item.channel.id}`);
          continue;
        }
      } catch (error) {
        this.#log(`… ${item.key}: could not ask ${item.channel.id}: ${this.#scrub(adapter.classify(error).message)}`);
        continue;
      }
      const found = await this.#look(adapter, this.#request(item, []));
      if (!found.unknown && found.parts.length === partCount(item.payload)) {
        // It went out at the time the instance was given (its scheduler publishes then), not when this, perhaps late, run looked.
        await this.#published(
          item,
          found.parts,
          0,
          `went out from ${item.channel.id}'s own scheduler`,
          entry.handOff.at,
        );
        continue;
      }
      const message = `the scheduled post left ${item.channel.id}'s scheduler, and ${found.unknown ?? 'no post with its text was found on the account'}`;
      await this.#record([item.key], (_key, current) =>
        current?.state === 'handedOff'
          ? this.#entry(item, current, { state: 'unknown', parts: found.parts, error: { message, permanent: false } })
          : undefined,
      );
      this.#push(item, 'unknown', { message });
    }
  }

  /** Tells the webhook channels marked `notify` what failed, was missed or is unknown. */
  async notify(): Promise<void> {
    const bad = this.#report.outcomes.filter((item) => failingOutcomes.has(item.kind));
    if (bad.length === 0) return;
    await this.#tell(
      [
        `Herald publish run at ${this.#now}: ${bad.length} problem(s)`,
        ...bad.map(
          (item) => `• ${item.kind}: ${item.post} → ${item.channel}${item.message ? `: ${item.message}` : ''}`,
        ),
      ].join('\n'),
    );
  }

  /**
   * Tells the notify webhooks, once at 14 days and once at 3, that a channel's credentials expire:
   * by its credentialsExpire in herald.yaml, or by what the network reports (LinkedIn's token
   * introspection), the earlier of the two. Each notice sent is recorded in the ledger.
   */
  async expiring(): Promise<void> {
    const config = this.#options.project.config;
    if (!config) return;
    const now = Date.parse(this.#now);
    const found: CredentialExpiry[] = [];
    for (const channel of Object.values(this.#options.project.channels)) {
      if (this.#options.only && channel.id !== this.#options.only) continue;
      let reported: string | undefined;
      const adapter = this.#adapter(channel);
      if (!(adapter instanceof DeliveryFailure) && adapter.credentialsExpire) {
        try {
          reported = await adapter.credentialsExpire();
        } catch (error) {
          this.#log(
            `… ${channel.id}: could not ask when its credentials expire: ${this.#scrub(adapter.classify(error).message)}`,
          );
        }
      }
      const own = channel.credentialsExpire ? expiryInstant(channel.credentialsExpire, config.timezone) : undefined;
      const earliest = [own, reported]
        .filter((at): at is string => at !== undefined)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
      const expiry = earliest ? credentialExpiry(channel, config.timezone, now, earliest) : undefined;
      if (expiry) found.push(expiry);
    }
    if (found.length === 0) return;
    const told = (await this.#options.store.read()).ledger.notices ?? [];
    const fresh = found.filter(
      (e) => !told.some((n) => n.channel === e.channel && n.level === e.level && n.expires === e.expires),
    );
    if (fresh.length === 0) return;
    for (const expiry of fresh) this.#log(`! ${expiryMessage(expiry)}`);
    if (!(await this.#tell(fresh.map(expiryMessage).join('\n')))) return;
    await updateLedger(this.#options.store, (ledger) => {
      const kept = (ledger.notices ?? []).filter((n) => Date.parse(n.expires) > now - 30 * 24 * 60 * 60_000);
      return {
        ledger: {
          ...ledger,
          notices: [
            ...kept,
            ...fresh.map((e) => ({ channel: e.channel, level: e.level, expires: e.expires, at: this.#now })),
          ],
        },
        result: undefined,
      };
    });
  }

  /** Sends `text` to every webhook channel marked `notify`; whether one took it. */
  async #tell(text: string): Promise<boolean> {
    let told = false;
    const channels = Object.values(this.#options.project.channels).filter(
      (channel) => channel.network === 'webhook' && channel.notify,
    );
    for (const channel of channels) {
      const adapter = this.#adapter(channel);
      try {
        if (adapter instanceof DeliveryFailure) throw adapter;
        if (!(adapter instanceof WebhookAdapter)) continue;
        await adapter.notice(text);
        told = true;
      } catch (error) {
        const failure = adapter instanceof DeliveryFailure ? adapter.failure : (adapter as Adapter).classify(error);
        this.#report.noticeErrors.push(
          this.#scrub(`the notice to "${channel.id}" could not be sent: ${failure.message}`),
        );
      }
    }
    return told;
  }
}
