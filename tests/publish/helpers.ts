import type { CardFetcher } from '../../src/publish/link-card.ts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { lint } from '../../src/lib/rules/index.ts';
import { faultsFrom } from '../../src/lib/publishing/schedule.ts';
import type { Project } from '../../src/lib/project/model.ts';
import type { ApprovalGate } from '../../src/publish/approval.ts';
import { secretValues } from '../../src/publish/credentials.ts';
import { FileLedgerStore, SealedLedgerStore, updateLedger, type LedgerStore } from '../../src/publish/ledger/index.ts';
import { createAdapter } from '../../src/publish/networks/index.ts';
import { publishRun, type RetryPolicy, type RunOptions, type RunReport } from '../../src/publish/run.ts';
import type { Ledger, LedgerEntry } from '../../src/schemas/ledger.ts';

/** The key the tests seal ledgers with, as HERALD_LEDGER_KEY would be in the publish workflow. */
export const testLedgerKey = 'test-ledger-key-0123456789abcdef0123456789abcdef';

/** The test project's local ledger, sealed as a publish run reads and writes it. */
export function sealedStore(root: string, key = testLedgerKey): SealedLedgerStore {
  return new SealedLedgerStore(new FileLedgerStore(join(root, '.herald', 'ledger.json')), key);
}

/** A gate that clears everything, and one that holds everything: tests decide approval themselves. */
export const approveAll: ApprovalGate = {
  decide: () => Promise.resolve({ cleared: true, reason: 'approved in the test' }),
};

/** A sleep that returns at once and remembers how long it was asked to wait. */
export function fakeSleep(): { sleep(ms: number): Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

export { png } from '../helpers/images.ts';

export interface TestProject {
  root: string;
  load(now: number): Promise<Project>;
  write(path: string, content: string | Uint8Array): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A Herald project in a temporary folder: herald.yaml, posts and images on disk, and a local ledger
 * started as `herald ledger init` starts it (unless `ledger` is false).
 */
export async function projectOnDisk(
  files: Record<string, string | Uint8Array>,
  options: { ledger?: boolean } = {},
): Promise<TestProject> {
  const root = await mkdtemp(join(tmpdir(), 'herald-publish-'));
  const write = async (path: string, content: string | Uint8Array) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  };
  for (const [path, content] of Object.entries(files)) await write(path, content);
  if (options.ledger !== false)
    await updateLedger(sealedStore(root), () => ({ ledger: { version: 1, entries: {} }, result: undefined }), {
      create: true,
    });
  return {
    root,
    write,
    load: async (now) => {
      const project = parseProject(await readContent(root), { now });
      const errors = project.problems.filter((p) => p.severity === 'error');
      if (errors.length) throw new Error(`test project has errors: ${JSON.stringify(errors)}`);
      return project;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function heraldYaml(channels: string, extra = ''): string {
  return `organization: Test Association\ntimezone: Europe/Warsaw\nrepository: example/riverside-social\nchannels:\n${channels}${extra}`;
}

export function postFile(frontmatter: string, body: string): string {
  return `---\n${frontmatter.trim()}\n---\n${body}\n`;
}

/** One try, no waiting: a failure is recorded at once instead of retried. */
export const tryOnce: RetryPolicy = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };

/**
 * The video tests' post (content/posts/2026/12/tour.mdx): a walk to the new footbridge, due
 * 2026-12-03 18:30 on `channel`, its video ./tour.mp4 and, when asked, its captions ./tour.vtt.
 */
export function tourPost(
  channel: string,
  options: { captions?: boolean; captionsLang?: string; text?: string } = {},
): string {
  const captions = options.captions
    ? `\n    captions: ./tour.vtt${options.captionsLang ? `\n    captionsLang: ${options.captionsLang}` : ''}`
    : '';
  return postFile(
    `title: Tour
publishAt: 2026-12-03 18:30
channels: [${channel}]
media:
  - src: ./tour.mp4
    alt: A walk along the river path to the new footbridge
    rights: owned${captions}`,
    options.text ?? 'A short walk to the new footbridge.',
  );
}

/** A minimal valid ledger entry, for store tests. */
export function entry(post: string, channel = 'mastodon'): LedgerEntry {
  return {
    post,
    channel,
    network: 'mastodon',
    state: 'published',
    contentHash: `sha256:${'a'.repeat(64)}`,
    parts: [{ id: '1', url: 'https://mastodon.example/@r/1' }],
    attempts: 1,
    scheduledAt: '2026-12-03T17:30:00Z',
    updatedAt: '2026-12-03T17:30:05Z',
  };
}

export interface RunInTest {
  now: string;
  env: Record<string, string | undefined>;
  store?: LedgerStore;
  gate?: ApprovalGate;
  only?: string;
  dryRun?: boolean;
  paused?: boolean;
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  runId?: string;
  trigger?: RunOptions['trigger'];
  /** Milliseconds before a request is given up: short, so tests of lost answers are quick. */
  timeoutMs?: number;
  /** Holds posts that herald validate finds an error in, as `herald publish` does. */
  validate?: boolean;
  /** Reads link cards; by default none can be read (tests reach no network). */
  cards?: CardFetcher;
}

/** One publish run of a test project with the real adapters, a fast clock and a short timeout. */
export async function runPublish(project: TestProject, options: RunInTest): Promise<RunReport> {
  const now = Date.parse(options.now);
  const sleep = options.sleep ?? fakeSleep().sleep;
  const loaded = await project.load(now);
  return publishRun({
    project: loaded,
    root: project.root,
    store: options.store ?? sealedStore(project.root),
    gate: options.gate ?? approveAll,
    adapterFor: (channel) =>
      createAdapter(channel, options.env, { timeoutMs: options.timeoutMs ?? 500, now: () => now, sleep }),
    now,
    sleep,
    runId: options.runId ?? 'test-run',
    ...(options.trigger && { trigger: options.trigger }),
    only: options.only,
    dryRun: options.dryRun,
    paused: options.paused,
    retry: options.retry,
    secrets: secretValues(Object.values(loaded.channels), options.env),
    ...(options.validate && { faults: faultsFrom(lint(loaded, { now })) }),
    cards: options.cards ?? (async (url) => ({ ok: false, reason: `${url}: tests reach no network` })),
  });
}

export async function ledgerOf(project: TestProject): Promise<Ledger> {
  return (await new FileLedgerStore(join(project.root, '.herald', 'ledger.json')).read()).ledger;
}

/** Changes the test project's ledger as Herald would (sealed), e.g. to stage what a crash leaves. */
export async function changeLedger(project: TestProject, change: (ledger: Ledger) => void): Promise<void> {
  await updateLedger(sealedStore(project.root), (ledger) => {
    change(ledger);
    return { ledger, result: undefined };
  });
}
