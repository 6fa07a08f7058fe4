import type { Channel, NetworkName } from '../schemas/config.ts';
import type { Ledger, LedgerEntry, RemotePart } from '../schemas/ledger.ts';
import { redact } from '../lib/mask.ts';
import type { Project } from '../lib/model.ts';
import type { Payload } from '../lib/payload.ts';
import { plan, verdict, type PlannedDelivery } from '../lib/schedule.ts';
import type { ApprovalGate } from './approval.ts';
import { DeliveryFailure, genericFailure, type Failure } from './failure.ts';
import { updateLedger, type LedgerStore } from './ledger/store.ts';
import { loadMedia } from './media.ts';
import type { Adapter } from './networks/adapter.ts';
import { safeResendMs, WebhookAdapter } from './networks/index.ts';

/**
 * One publish run: load → pick what is due → check approval → claim in the ledger → send → record.
 *
 * Exactly once: every delivery is claimed (state pending, with this run's id) by a compare-and-swap
 * write before anything is sent, so a second run at the same time finds it claimed and leaves it.
 * A claim found later that no one finished means a run died mid-send: networks that can repeat a
 * send safely (Mastodon's Idempotency-Key, Bluesky's record keys) are sent again and return what
 * already exists; for the others the delivery is recorded as unknown, for a person to check.
 */

export type OutcomeKind =
  | 'published'
  | 'retracted'
  | 'failed'
  | 'missed'
  | 'unknown'
  | 'expired'
  /** The approval gate did not clear the post. */
  | 'held'
  /** Another run is sending it. */
  | 'busy'
  /** Dry run: what would happen. */
  | 'would-send'
  | 'would-retract'
  | 'would-resume';

/** Outcomes that make `herald publish` exit non-zero. */
export const failingOutcomes: ReadonlySet<OutcomeKind> = new Set(['failed', 'missed', 'unknown']);

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
}

export interface RunReport {
  now: string;
  paused: boolean;
  dryRun: boolean;
  outcomes: Outcome[];
  /** Notices that could not be delivered to webhook channels. */
  noticeErrors: string[];
}

export interface RetryPolicy {
  /** Sends per delivery in one run, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A network that asks for a longer wait than this is left for the next run. */
  maxRetryAfterMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000, maxRetryAfterMs: 5 * 60_000 };

export interface RunOptions {
  project: Pick<Project, 'posts' | 'channels' | 'config'>;
  /** Project root: media paths are relative to it. */
  root: string;
  store: LedgerStore;
  gate: ApprovalGate;
  /** The channel's adapter; throws a setup DeliveryFailure when its credentials are missing. */
  adapterFor(channel: Channel): Adapter;
  /** The instant the run acts at, epoch ms (`--now`, or the clock). */
  now: number;
  /** Waits between retries; tests pass one that returns at once. */
  sleep(ms: number): Promise<void>;
  /** Identifies this run's claims in the ledger. */
  runId: string;
  only?: string;
  dryRun?: boolean;
  /** HERALD_PAUSED=1; publishing.paused in herald.yaml counts too. */
  paused?: boolean;
  retry?: RetryPolicy;
  /** Credential values to scrub from every message. */
  secrets?: string[];
  /** Progress lines while the run goes on. */
  log?(line: string): void;
}

export async function publishRun(options: RunOptions): Promise<RunReport> {
  const config = options.project.config;
  const now = new Date(options.now).toISOString();
  const paused = Boolean(options.paused || config?.publishing.paused);
  const window = config?.publishing.window ?? 'PT2H';
  const report: RunReport = { now, paused, dryRun: Boolean(options.dryRun), outcomes: [], noticeErrors: [] };
  const scrub = scrubber(options.secrets ?? []);

  const { ledger } = await options.store.read();
  // The crisis switch stops sending; taking posts down is exactly what a crisis may need, so retractions still go.
  const planned = plan(options.project, ledger, { now, window, only: options.only }).filter((item) => !paused || item.verdict.action === 'retract');
  if (options.dryRun) {
    report.outcomes = planned.map(dryOutcome);
    return report;
  }

  const run = new Run(options, now, report, scrub);
  await run.recordMissed(planned.filter((item) => item.verdict.action === 'missed'));
  for (const item of planned) {
    if (item.verdict.action === 'expired') report.outcomes.push(outcome(item, 'expired', { message: item.verdict.reason }));
    if (item.verdict.action === 'busy') report.outcomes.push(outcome(item, 'busy', { message: `run ${item.verdict.entry.claim?.run ?? '?'} is sending it` }));
  }
  const toSend = await run.approved(planned.filter((item) => item.verdict.action === 'send' || item.verdict.action === 'resume'));
  await run.send(toSend);
  await run.retract(planned.filter((item) => item.verdict.action === 'retract'));
  await run.notify();
  return report;
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

function dryOutcome(item: PlannedDelivery): Outcome {
  const links = 'entry' in item.verdict && item.verdict.entry ? item.verdict.entry.parts.flatMap((p) => (p.url ? [p.url] : [])) : [];
  switch (item.verdict.action) {
    case 'send':
      return outcome(item, 'would-send', { payload: item.payload });
    case 'resume':
      return outcome(item, 'would-resume', { payload: item.payload, message: 'a run stopped while sending this: sent again where the network makes that safe, otherwise reported as unknown' });
    case 'retract':
      return outcome(item, 'would-retract', { links });
    case 'expired':
      return outcome(item, 'expired', { message: item.verdict.reason });
    case 'busy':
      return outcome(item, 'busy', { message: `run ${item.verdict.entry.claim?.run ?? '?'} is sending it` });
    default:
      return outcome(item, 'missed', { message: 'its publishing window has passed' });
  }
}

function scrubber(secrets: string[]): (text: string) => string {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return (text) => redact(text, sorted);
}

function links(parts: RemotePart[]): string[] {
  return parts.flatMap((part) => (part.url ? [part.url] : []));
}

class Run {
  readonly #options: RunOptions;
  readonly #now: string;
  readonly #report: RunReport;
  readonly #scrub: (text: string) => string;
  readonly #adapters = new Map<string, Adapter | DeliveryFailure>();
  readonly #retry: RetryPolicy;

  constructor(options: RunOptions, now: string, report: RunReport, scrub: (text: string) => string) {
    this.#options = options;
    this.#now = now;
    this.#report = report;
    this.#scrub = scrub;
    this.#retry = options.retry ?? defaultRetry;
  }

  #log(line: string): void {
    this.#options.log?.(this.#scrub(line));
  }

  #push(item: PlannedDelivery, kind: OutcomeKind, extra: Partial<Outcome> = {}): void {
    this.#report.outcomes.push(outcome(item, kind, extra.message ? { ...extra, message: this.#scrub(extra.message) } : extra));
  }

  #adapter(channel: Channel): Adapter | DeliveryFailure {
    let found = this.#adapters.get(channel.id);
    if (!found) {
      try {
        found = this.#options.adapterFor(channel);
      } catch (error) {
        found = error instanceof DeliveryFailure ? error : new DeliveryFailure(genericFailure(error, `channel "${channel.id}"`));
      }
      this.#adapters.set(channel.id, found);
    }
    return found;
  }

  /** Writes entries for these keys; `change` sees the latest entry (or undefined) and returns the new one. */
  async #record(keys: string[], change: (key: string, entry: LedgerEntry | undefined, ledger: Ledger) => LedgerEntry | undefined): Promise<Set<string>> {
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

  /** A delivery's next entry: what it had (less the claim and last error), then `fields`. */
  #entry(item: PlannedDelivery, previous: LedgerEntry | undefined, fields: Partial<LedgerEntry> & Pick<LedgerEntry, 'state'>): LedgerEntry {
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
      ...fields,
    };
  }

  async recordMissed(items: PlannedDelivery[]): Promise<void> {
    if (items.length === 0) return;
    const byKey = new Map(items.map((item) => [item.key, item]));
    const recorded = await this.#record([...byKey.keys()], (key, entry) => {
      const item = byKey.get(key)!;
      const now = verdict(item, entry, { now: this.#now, window: this.#options.project.config?.publishing.window ?? 'PT2H' }, item.hash);
      if (now.action !== 'missed') return undefined;
      return this.#entry(item, entry, { state: 'missed', ...(entry?.error ? { error: entry.error } : {}) });
    });
    for (const item of items) {
      if (!recorded.has(item.key)) continue;
      const previous = 'entry' in item.verdict ? item.verdict.entry?.error?.message : undefined;
      this.#push(item, 'missed', { message: `not published within ${this.#options.project.config?.publishing.window ?? 'PT2H'} of ${item.scheduledAt}${previous ? ` (last error: ${previous})` : ''}` });
      this.#log(`✖ ${item.key}: missed`);
    }
  }

  /** The deliveries the approval gate clears; the others are reported as held. */
  async approved(items: PlannedDelivery[]): Promise<PlannedDelivery[]> {
    const byPost = Map.groupBy(items, (item) => item.post);
    const cleared: PlannedDelivery[] = [];
    for (const [post, group] of byPost) {
      try {
        const decision = await this.#options.gate.decide(post, group.map((item) => item.channel));
        if (decision.cleared) cleared.push(...group);
        else for (const item of group) this.#push(item, 'held', { message: decision.reason });
      } catch (error) {
        for (const item of group) this.#push(item, 'failed', { message: `the approval check failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    return cleared;
  }

  async send(items: PlannedDelivery[]): Promise<void> {
    const ready: PlannedDelivery[] = [];
    for (const item of items) {
      if (item.verdict.action !== 'resume') {
        ready.push(item);
        continue;
      }
      const entry = item.verdict.entry;
      const since = Date.parse(this.#now) - Date.parse(entry.claim?.at ?? entry.updatedAt);
      if (entry.contentHash === item.hash && since < safeResendMs[item.channel.network]) ready.push(item);
      else await this.#unknown(item, entry, `a run stopped while sending this at ${entry.claim?.at ?? entry.updatedAt}`);
    }
    const claimed = await this.#claim(ready);
    for (const item of ready) {
      const entry = claimed.get(item.key);
      if (!entry) {
        this.#push(item, 'busy', { message: 'another run claimed it first' });
        continue;
      }
      await this.#deliver(item, entry);
    }
  }

  /** Records that nobody can tell whether the delivery arrived, and what a person should do. */
  async #unknown(item: PlannedDelivery, entry: LedgerEntry, what: string): Promise<void> {
    const message = `${this.#scrub(what)}; ${item.channel.network} cannot tell whether it arrived. Check the account: if it is there, set this entry's state to "published" in the ledger; if not, delete the entry and the next run sends it.`;
    await this.#record([item.key], (_key, current) =>
      current?.state === 'pending' && current.claim?.run === entry.claim?.run
        ? this.#entry(item, current, { state: 'unknown', contentHash: current.contentHash, parts: entry.parts, error: { message, permanent: true } })
        : undefined,
    );
    this.#push(item, 'unknown', { message, links: links(entry.parts) });
    this.#log(`? ${item.key}: unknown`);
  }

  /** Claims every delivery in one write; the map holds the entries this run now owns. */
  async #claim(items: PlannedDelivery[]): Promise<Map<string, LedgerEntry>> {
    const claimed = new Map<string, LedgerEntry>();
    if (items.length === 0) return claimed;
    const byKey = new Map(items.map((item) => [item.key, item]));
    const window = this.#options.project.config?.publishing.window ?? 'PT2H';
    await this.#record([...byKey.keys()], (key, entry) => {
      const item = byKey.get(key)!;
      const current = verdict(item, entry, { now: this.#now, window }, item.hash);
      if (current.action !== item.verdict.action) {
        claimed.delete(key);
        return undefined;
      }
      const next = this.#entry(item, entry, { state: 'pending', claim: { run: this.#options.runId, at: this.#now } });
      claimed.set(key, next);
      return next;
    });
    return claimed;
  }

  async #deliver(item: PlannedDelivery, claimed: LedgerEntry): Promise<void> {
    const adapter = this.#adapter(item.channel);
    if (adapter instanceof DeliveryFailure) return this.#fail(item, claimed, adapter.failure, 0);
    let media;
    try {
      media = await loadMedia(this.#options.root, item.payload.media, item.channel.network);
    } catch (error) {
      return this.#fail(item, claimed, genericFailure(error, item.post.file), 0);
    }
    const sent = [...claimed.parts];
    for (let attempt = 1; ; attempt++) {
      try {
        const parts = await adapter.send({
          key: item.key,
          contentHash: item.hash,
          scheduledAt: item.scheduledAt,
          payload: item.payload,
          media,
          sent: [...sent],
          onPart: async (part) => {
            sent.push(part);
            // Networks that cannot repeat a send need each part on record before the next goes.
            if (safeResendMs[item.channel.network] === 0 && sent.length < item.payload.parts.length) await this.#progress(item, sent);
          },
        });
        await this.#record([item.key], (_key, entry) =>
          this.#entry(item, entry, { state: 'published', parts, publishedAt: this.#now, attempts: (entry?.attempts ?? 0) + attempt }),
        );
        this.#push(item, 'published', { links: links(parts), attempts: attempt });
        this.#log(`✔ ${item.key}: ${links(parts).join(' ') || 'published'}`);
        return;
      } catch (error) {
        const failure = adapter.classify(error);
        if (failure.kind === 'uncertain') return this.#unknown(item, { ...claimed, parts: sent }, failure.message);
        const wait = this.#wait(failure, attempt);
        if (wait === undefined) return this.#fail(item, { ...claimed, parts: sent }, failure, attempt);
        this.#log(`… ${item.key}: ${failure.message}; trying again in ${Math.round(wait / 1000)} s`);
        await this.#options.sleep(wait);
      }
    }
  }

  /** How long to wait before the next attempt, or undefined to stop trying in this run. */
  #wait(failure: Failure, attempt: number): number | undefined {
    if (failure.kind !== 'transient' || attempt >= this.#retry.attempts) return undefined;
    if (failure.retryAfterMs !== undefined) return failure.retryAfterMs <= this.#retry.maxRetryAfterMs ? failure.retryAfterMs : undefined;
    return Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
  }

  async #progress(item: PlannedDelivery, parts: RemotePart[]): Promise<void> {
    await this.#record([item.key], (_key, entry) => (entry ? { ...entry, parts: [...parts], updatedAt: this.#now } : undefined));
  }

  async #fail(item: PlannedDelivery, claimed: LedgerEntry, failure: Failure, attempts: number): Promise<void> {
    const message = this.#scrub(failure.message);
    const retry = failure.kind === 'rejected' ? 'not sent again unless the post changes' : 'the next run tries again while the post is within its window';
    await this.#record([item.key], (_key, entry) =>
      this.#entry(item, entry, {
        state: 'failed',
        parts: claimed.parts,
        attempts: (entry?.attempts ?? 0) + attempts,
        error: { message, permanent: failure.kind === 'rejected', ...(failure.status ? { status: failure.status } : {}) },
      }),
    );
    this.#push(item, 'failed', { message: `${message} (${retry})`, attempts, links: links(claimed.parts) });
    this.#log(`✖ ${item.key}: ${message}`);
  }

  async retract(items: PlannedDelivery[]): Promise<void> {
    for (const item of items) {
      if (item.verdict.action !== 'retract') continue;
      const entry = item.verdict.entry;
      const failure = await this.#takeDown(item.channel, entry.parts);
      if (failure) {
        const message = this.#scrub(`could not take it down: ${failure.message}`);
        if (failure.kind === 'rejected') {
          await this.#record([item.key], (_key, current) => (current ? { ...current, error: { message, permanent: true }, updatedAt: this.#now } : undefined));
        }
        this.#push(item, 'failed', { message, links: links(entry.parts) });
        continue;
      }
      await this.#record([item.key], (_key, current) => (current ? { ...current, state: 'retracted', retractedAt: this.#now, updatedAt: this.#now } : undefined));
      this.#push(item, 'retracted', { links: links(entry.parts) });
      this.#log(`⌫ ${item.key}: retracted`);
    }
  }

  /** Deletes the parts, retrying transient failures; the failure that stopped it, if any. */
  async #takeDown(channel: Channel, parts: RemotePart[]): Promise<Failure | undefined> {
    const adapter = this.#adapter(channel);
    if (adapter instanceof DeliveryFailure) return adapter.failure;
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

  /** Tells the webhook channels marked `notify` what failed, was missed or is unknown. */
  async notify(): Promise<void> {
    const bad = this.#report.outcomes.filter((item) => failingOutcomes.has(item.kind));
    if (bad.length === 0) return;
    const text = [`Herald publish run at ${this.#now}: ${bad.length} problem(s)`, ...bad.map((item) => `• ${item.kind}: ${item.post} → ${item.channel}${item.message ? `: ${item.message}` : ''}`)].join('\n');
    const channels = Object.values(this.#options.project.channels).filter((channel) => channel.network === 'webhook' && channel.notify);
    for (const channel of channels) {
      const adapter = this.#adapter(channel);
      try {
        if (adapter instanceof DeliveryFailure) throw adapter;
        if (!(adapter instanceof WebhookAdapter)) continue;
        await adapter.notice(text);
      } catch (error) {
        const failure = adapter instanceof DeliveryFailure ? adapter.failure : (adapter as Adapter).classify(error);
        this.#report.noticeErrors.push(this.#scrub(`the notice to "${channel.id}" could not be sent: ${failure.message}`));
      }
    }
  }
}
