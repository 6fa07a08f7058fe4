/**
 * Publishing: choosing what is due among 10,000 posts (compared with merely loading them, in the
 * same run), and a whole run of 50 due posts against local Mastodon, X, LinkedIn and webhook
 * servers that speak the real APIs (the test fakes), with the JSON file ledger.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseProject } from '../src/lib/project/load.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { deliveries, plan } from '../src/lib/publishing/schedule.ts';
import { contentHash, payloadFor } from '../src/lib/text/payload.ts';
import { FileLedgerStore, SealedLedgerStore, updateLedger } from '../src/publish/ledger/index.ts';
import { createAdapter } from '../src/publish/networks/index.ts';
import { publishRun } from '../src/publish/run.ts';
import type { Ledger } from '../src/schemas/ledger.ts';
import { startLinkedin, linkedinToken } from '../tests/publish/fakes/linkedin.ts';
import { startMastodon, mastodonToken } from '../tests/publish/fakes/mastodon.ts';
import { startWebhook, webhookPath } from '../tests/publish/fakes/webhook.ts';
import { startX, xKeys } from '../tests/publish/fakes/x.ts';
import { approveAll, png } from '../tests/publish/helpers.ts';
import { generateProject } from './generate.ts';
import { measure, peakRssMb, report, type Check, type Measurement } from './harness.ts';

const count = 10_000;
const ledgerKey = 'bench-ledger-key-0123456789abcdef0123456789abcdef';
const measurements: Measurement[] = [];
const checks: Check[] = [];

// 1. Fifty due posts, end to end (first, so the peak memory is this run's own).
const posts = 50;
const [mastodon, x, linkedin, webhook] = await Promise.all([
  startMastodon(),
  startX(),
  startLinkedin(),
  startWebhook(),
]);
const e2e = await mkdtemp(join(tmpdir(), 'herald-bench-publish-e2e-'));
try {
  const env = {
    HERALD_MASTODON_TOKEN: mastodonToken,
    HERALD_X_API_KEY: xKeys.API_KEY,
    HERALD_X_API_SECRET: xKeys.API_SECRET,
    HERALD_X_ACCESS_TOKEN: xKeys.ACCESS_TOKEN,
    HERALD_X_ACCESS_SECRET: xKeys.ACCESS_SECRET,
    HERALD_LINKEDIN_ACCESS_TOKEN: linkedinToken,
    HERALD_CHAT_URL: `${webhook.url}${webhookPath}`,
  };
  await mkdir(join(e2e, 'content', 'posts', '2026', '12'), { recursive: true });
  await writeFile(
    join(e2e, 'content', 'herald.yaml'),
    `organization: Bench\ntimezone: Europe/Warsaw\nrepository: example/bench\nchannels:\n  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n  - { id: x, network: x, api: "${x.url}" }\n  - { id: linkedin, network: linkedin, organization: "1", api: "${linkedin.url}" }\n  - { id: chat, network: webhook, format: slack }\n`,
  );
  await writeFile(join(e2e, 'content', 'posts', '2026', '12', 'photo.png'), png(64, 48));
  for (let i = 0; i < posts; i++) {
    const media = i % 5 === 0 ? 'media:\n  - { src: ./photo.png, alt: The river at dawn, rights: owned }\n' : '';
    const thread = i % 4 === 0 ? '\n\n---\n\nMore details in the thread.' : '';
    await writeFile(
      join(e2e, 'content', 'posts', '2026', '12', `post-${i}.mdx`),
      `---\ntitle: Post ${i}\npublishAt: 2026-12-03 18:${String(i % 60).padStart(2, '0')}\nchannels: [mastodon, x, linkedin, chat]\n${media}---\nNeighbourhood news number ${i}: the repair café opens on Saturday. #riverside${thread}\n`,
    );
  }
  const now = Date.parse('2026-12-03T18:00:00Z');
  const project = parseProject(await readContent(e2e), { now });
  const times: number[] = [];
  let deliveriesSent = 0;
  for (let runIndex = 0; runIndex < 3; runIndex++) {
    await rm(join(e2e, '.herald'), { recursive: true, force: true });
    const store = new SealedLedgerStore(new FileLedgerStore(join(e2e, '.herald', 'ledger.json')), ledgerKey);
    await updateLedger(store, (ledger) => ({ ledger, result: undefined }), { create: true });
    const start = performance.now();
    const result = await publishRun({
      project,
      root: e2e,
      store,
      gate: approveAll,
      adapterFor: (channel) =>
        createAdapter(channel, env, { timeoutMs: 10_000, now: () => now, sleep: () => Promise.resolve() }),
      now,
      sleep: () => Promise.resolve(),
      runId: `bench-${runIndex}`,
    });
    times.push(performance.now() - start);
    deliveriesSent = result.outcomes.filter((o) => o.kind === 'published').length;
    if (deliveriesSent !== posts * 4)
      throw new Error(
        `expected ${posts * 4} deliveries, got ${JSON.stringify(result.outcomes.filter((o) => o.kind !== 'published').slice(0, 3))}`,
      );
  }
  times.sort((a, b) => a - b);
  const median = times[1]!;
  measurements.push({
    name: `publish ${posts} due posts to 4 channels (${deliveriesSent} deliveries, ${(posts / (median / 1000)).toFixed(1)} posts/s)`,
    ms: median,
    runs: 3,
    peakRssMb: peakRssMb(),
  });
} finally {
  await Promise.all([mastodon.close(), x.close(), linkedin.close(), webhook.close()]);
  await rm(e2e, { recursive: true, force: true });
}

// 2. Selecting due posts among 10,000, half of them already in the ledger.
const dir = await mkdtemp(join(tmpdir(), 'herald-bench-publish-'));
try {
  await generateProject(dir, count);
  // The generated calendar runs from 2027-01-04, about four posts a day: this is its middle, an
  // hour after a post to four channels.
  const now = '2028-09-20T08:10:00Z';
  const project = parseProject(await readContent(dir), { now: Date.parse(now) });
  if (project.posts.length !== count) throw new Error(`expected ${count} posts, loaded ${project.posts.length}`);
  const ledger: Ledger = { version: 1, entries: {} };
  for (const d of deliveries(project)) {
    if (d.scheduledAt >= '2028-09-20T06:00:00Z') continue;
    ledger.entries[d.key] = {
      post: d.post.id,
      channel: d.channel.id,
      network: d.channel.network,
      state: 'published',
      contentHash: contentHash(payloadFor(d.post, d.channel)),
      parts: [{ id: '1' }],
      attempts: 1,
      scheduledAt: d.scheduledAt,
      updatedAt: d.scheduledAt,
    };
  }
  const due = plan(project, ledger, { now, window: 'PT2H' });
  if (due.length === 0) throw new Error('nothing was due: the benchmark would measure nothing');

  const load = await measure(`load ${count.toLocaleString('en')} posts (baseline)`, async () =>
    parseProject(await readContent(dir), { now: 0 }),
  );
  const select = await measure(
    `select due posts among ${count.toLocaleString('en')} with the ledger (${Object.keys(ledger.entries).length.toLocaleString('en')} ledger entries, ${due.length} due)`,
    () => plan(project, ledger, { now, window: 'PT2H' }),
    10,
  );
  // The worst case: a new ledger next to years of old posts, every one of them to be reported missed.
  const fresh: Ledger = { version: 1, entries: {} };
  const missed = plan(project, fresh, { now, window: 'PT2H' }).length;
  const selectFresh = await measure(
    `select due posts among ${count.toLocaleString('en')} with an empty ledger (${missed.toLocaleString('en')} missed)`,
    () => plan(project, fresh, { now, window: 'PT2H' }),
    10,
  );
  measurements.push(load, select, selectFresh);

  // Every write of a run reads the ledger again: with seals, that read checks an HMAC of every entry.
  const file = join(dir, 'ledger.json');
  await updateLedger(
    new SealedLedgerStore(new FileLedgerStore(file), ledgerKey),
    () => ({ ledger, result: undefined }),
    { create: true },
  );
  const entries = Object.keys(ledger.entries).length.toLocaleString('en');
  const plainRead = await measure(
    `read a ledger of ${entries} entries (baseline)`,
    () => new FileLedgerStore(file).read(),
    10,
  );
  const sealedRead = await measure(
    `read and check the seals of a ledger of ${entries} entries`,
    () => new SealedLedgerStore(new FileLedgerStore(file), ledgerKey).read(),
    10,
  );
  measurements.push(plainRead, sealedRead);
  checks.push({
    name: 'reading the ledger and checking its seals costs at most 3x reading it',
    pass: sealedRead.ms <= 3 * plainRead.ms,
    detail: `${(sealedRead.ms / plainRead.ms).toFixed(2)}x`,
  });
  for (const m of [select, selectFresh]) {
    checks.push({
      name: `${m.name.split(' (')[0]} < 200 ms`,
      pass: m.ms < 200,
      detail: `${m.ms.toFixed(1)} ms (${((m.ms / load.ms) * 100).toFixed(1)}% of loading them)`,
    });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

report(measurements, checks);
