import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { claimLeaseMs, ledgerKey } from '../../src/lib/publishing/schedule.ts';
import { networkProfiles } from '../../src/lib/networks/profiles.ts';
import { contentHash, payloadFor } from '../../src/lib/text/payload.ts';
import {
  ledgerKeyFrom,
  ledgerStoreFor,
  missingKeyMessage,
  SealedLedgerStore,
  updateLedger,
  type LedgerStore,
} from '../../src/publish/ledger/index.ts';
import { LedgerError } from '../../src/lib/ledger/format.ts';
import { LinkError, notQuoted, partFromLink, repostParts } from '../../src/publish/networks/index.ts';
import type { LedgerEntry } from '../../src/schemas/ledger.ts';
import { emptyLedger } from '../../src/schemas/ledger.ts';
import { clock, parseOptions, projectRoot, UsageError } from '../cli.ts';

const usage = `Usage: herald ledger <init|check|settle|seal> [options] [--ledger PATH|github]

The publishing ledger records what went out where. Herald seals it with HERALD_LEDGER_KEY and
publishes only from a ledger whose seals match, so it is changed with these commands, never by hand.

  herald ledger init
      Starts an empty ledger where there is none. Do this once, before the first publish run: a
      ledger that is missing later was lost, and publishing stops rather than send everything again.
  herald ledger check
      Checks the seals, and lists the deliveries a person has to settle. Exit 1 when there are some.
  herald ledger settle <post> <channel> [--at ISO] published [LINK...]
  herald ledger settle <post> <channel> [--at ISO] not-sent
      Settles a delivery Herald could not tell about (state unknown, or a send that never finished).
      "published" with the link of each part that went out and the ledger does not list yet, in
      thread order (none for a webhook or a repost on X; a LinkedIn reshare's own link); "not-sent"
      when it is not on the account, so the next run sends it while it is within its window. A
      repost on Bluesky or Mastodon that is on the account stays unknown: retract: true finds it.
      --at names the occurrence of a repeating post.
  herald ledger seal --yes
      Seals the ledger as it is now: for one written before ledgers were sealed, or restored by hand.
      Check its history first: whatever it says now is what Herald will act on.

  --ledger WHERE   a JSON file (default .herald/ledger.json), or "github" for the herald-ledger
                   branch (the default inside GitHub Actions)

Exit code: 0 done, 1 check found deliveries to settle, 2 could not run.`;

export async function ledger(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { ledger: { type: 'string' }, at: { type: 'string' }, yes: { type: 'boolean', default: false } },
    usage,
    { positionals: true },
  );
  const [action, ...rest] = positionals;
  const root = projectRoot();
  const key = ledgerKeyFrom(process.env);
  if (!key) throw new UsageError(missingKeyMessage);
  const plain = ledgerStoreFor(values.ledger, root, process.env);
  const store = new SealedLedgerStore(plain, key);
  switch (action) {
    case 'init':
      return init(store, rest);
    case 'check':
      return check(store, rest);
    case 'settle':
      return settle(store, root, rest, values.at);
    case 'seal':
      if (!values.yes)
        throw new UsageError(
          'herald ledger seal vouches for every entry as it is now. Check the ledger and its history first, then run herald ledger seal --yes.',
        );
      console.log(`Sealed ${store.where}: ${await store.vouch()} entries, as they are.`);
      return 0;
    default:
      throw new UsageError(
        `${action ? `"${action}" is not a ledger command` : 'name a ledger command'}: init, check, settle or seal.\n\n${usage}`,
      );
  }
}

function noMore(rest: string[], command: string): void {
  if (rest.length > 0)
    throw new UsageError(
      `herald ledger ${command} takes no ${rest.length === 1 ? 'argument' : 'arguments'} (got ${rest.join(' ')}).`,
    );
}

async function init(store: SealedLedgerStore, rest: string[]): Promise<number> {
  noMore(rest, 'init');
  const started = await updateLedger(
    store,
    (current) => {
      const entries = Object.keys(current.entries).length;
      if (entries > 0 || current.seal) return { result: entries };
      return { ledger: emptyLedger(), result: -1 };
    },
    { create: true },
  ).catch((error: unknown) => {
    // A ledger there already, whatever state it is in, is never replaced by an empty one.
    if (error instanceof LedgerError)
      throw new LedgerError(`${error.message} herald ledger init never replaces a ledger.`);
    throw error;
  });
  if (started >= 0)
    throw new UsageError(
      `there is a ledger at ${store.where} already (${started} entries); herald ledger init never replaces one.`,
    );
  console.log(`Started an empty ledger at ${store.where}.`);
  return 0;
}

async function check(store: LedgerStore, rest: string[]): Promise<number> {
  noMore(rest, 'check');
  const { ledger, version } = await store.read();
  if (version === null)
    throw new LedgerError(
      `there is no ledger at ${store.where}. Start one with herald ledger init, unless posts were published before: then restore it.`,
    );
  const entries = Object.entries(ledger.entries);
  const now = clock.now();
  const open = entries.filter(
    ([, entry]) =>
      entry.state === 'unknown' ||
      (entry.state === 'pending' && now - Date.parse(entry.claim?.at ?? entry.updatedAt) >= claimLeaseMs),
  );
  const counts = Map.groupBy(entries, ([, entry]) => entry.state);
  console.log(
    `${store.where}: sealed by Herald, ${entries.length} entries (${[...counts].map(([state, list]) => `${list.length} ${state}`).join(', ') || 'none yet'}).`,
  );
  if (open.length === 0) return 0;
  console.log(`\n${open.length} to settle with herald ledger settle:`);
  for (const [key, entry] of open) {
    console.log(
      `  ${key}: ${entry.state}${entry.error ? ` (${entry.error.message})` : ` since ${entry.claim?.at ?? entry.updatedAt}`}`,
    );
  }
  return 1;
}

async function settle(store: LedgerStore, root: string, rest: string[], at: string | undefined): Promise<number> {
  const [post, channelId, outcome, ...links] = rest;
  if (!post || !channelId || (outcome !== 'published' && outcome !== 'not-sent')) {
    throw new UsageError(
      'name the post, the channel and what happened: herald ledger settle <post> <channel> published [LINK...], or herald ledger settle <post> <channel> not-sent.',
    );
  }
  if (outcome === 'not-sent' && links.length > 0) throw new UsageError('not-sent takes no links.');
  const now = clock.now();
  const project = parseProject(await readContent(root), { now });
  const channel = project.channels[channelId];
  if (!channel)
    throw new UsageError(
      `there is no channel "${channelId}" in herald.yaml. Channels: ${Object.keys(project.channels).join(', ')}.`,
    );
  const found = project.posts.find((candidate) => candidate.id === post);
  const key = ledgerKey(post, channelId, at);
  /**
   * The parts the links name. Whether the delivery was a repost, whose link would be the reposted
   * post's (which a retraction would then delete), is known only from the post as it was sent: the
   * post as it is now when the ledger's hash of it matches, else not at all (renamed, gone, edited).
   */
  const partsOf = (entry: LedgerEntry) => {
    const payload = found && payloadFor(found, channel);
    const sent = payload && contentHash(payload) === entry.contentHash ? found : undefined;
    if (!sent && links.length > 0 && networkProfiles[channel.network].reposting) {
      const broken = project.broken.some((candidate) => candidate.id === post || candidate.file === entry.file);
      const why = found
        ? "has changed since it was sent (its text, images or settings, or its channel's)"
        : broken
          ? 'does not load (herald validate says why)'
          : 'is not in the project any more';
      throw new UsageError(
        `${key}: the post "${post}" ${why}, so Herald cannot tell whether it went out as a repost, whose link would be the reposted post's (a retraction would then delete that post). Put the post back as it was sent (its file's history has it) and settle again, or settle it as not-sent if it is not on the account.`,
      );
    }
    try {
      if (sent?.repost) return repostParts(channel, sent.repost, links);
      const parts = links.map((link) => partFromLink(channel, link));
      if (payload?.quote) notQuoted(channel, payload.quote, parts, links);
      return parts;
    } catch (error) {
      if (error instanceof LinkError) throw new UsageError(error.message);
      throw error;
    }
  };
  const stamp = new Date(now).toISOString();
  const settled = await updateLedger(store, (current) => {
    const entry = current.entries[key];
    const stale = entry?.state === 'pending' && now - Date.parse(entry.claim?.at ?? entry.updatedAt) >= claimLeaseMs;
    if (!entry || (entry.state !== 'unknown' && !stale)) return { result: entry };
    const parts = outcome === 'published' ? partsOf(entry) : [];
    const { claim: _claim, error: _error, ...kept } = entry;
    const next: LedgerEntry =
      outcome === 'published'
        ? {
            ...kept,
            state: 'published',
            // A part the ledger lists already (a send that never finished recorded it) is not listed twice.
            parts: [...entry.parts, ...parts.filter((part) => !entry.parts.some((known) => known.id === part.id))],
            publishedAt: stamp,
            updatedAt: stamp,
          }
        : {
            ...kept,
            state: 'failed',
            updatedAt: stamp,
            error: { message: `settled by hand at ${stamp}: it did not go out`, permanent: false },
          };
    current.entries[key] = next;
    return { ledger: current, result: next };
  });
  if (!settled)
    throw new UsageError(
      `the ledger has no delivery ${key}. Check the post id and channel${at ? '' : ' (and --at, for a repeating post)'}: herald ledger check lists what there is to settle.`,
    );
  if (settled.updatedAt !== stamp)
    throw new UsageError(`${key} is ${settled.state}, not unknown: there is nothing to settle.`);
  console.log(
    outcome === 'published'
      ? `Settled ${key} as published${settled.parts.length > 0 ? `: ${settled.parts.map((part) => part.url ?? part.id).join(' ')}` : ''}.`
      : `Settled ${key} as not sent: the next run sends it${settled.parts.length > 0 ? `, after the ${settled.parts.length} part(s) that went out,` : ''} if it is still within its window.`,
  );
  return 0;
}
