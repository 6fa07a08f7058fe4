import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { parseProject, unknownChannelMessage } from '../../src/lib/project/load.ts';
import { pausedByValue } from '../../src/lib/publishing/pause.ts';
import { lint } from '../../src/lib/rules/index.ts';
import { faultsFrom } from '../../src/lib/publishing/schedule.ts';
import { triggerOf } from '../../src/lib/ledger/runs.ts';
import type { RunTrigger } from '../../src/schemas/ledger.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import type { ApprovalGate } from '../../src/publish/approval.ts';
import { approvalGateFromEnv } from '../../src/publish/approvals/index.ts';
import { secretValues } from '../../src/publish/credentials.ts';
import { ledgerKeyFrom, ledgerStoreFor, missingKeyMessage, SealedLedgerStore } from '../../src/publish/ledger/index.ts';
import { createAdapter } from '../../src/publish/networks/index.ts';
import { failingOutcomes, publishRun } from '../../src/publish/run.ts';
import { formatMarkdown, formatPayloads, formatTable } from '../../src/publish/summary.ts';
import { clock, nowOption, parseOptions, projectRoot, usable, UsageError } from '../cli.ts';

const usage = `Usage: herald publish [--dry-run [--now ISO]] [--only CHANNEL] [--ledger PATH|github]

Publishes the posts that are due and approved, exactly once, and records each delivery in the
ledger. Prints a table of what it did.

  --dry-run        print exactly what would be sent, whether each post is cleared and its channel's
                   credentials are set; send nothing, write nothing
  --now ISO        with --dry-run: as if it were this instant (e.g. 2026-12-03T18:30:00+01:00)
  --only CHANNEL   publish to this channel id only
  --ledger WHERE   a JSON file (default .herald/ledger.json), or "github" for the herald-ledger
                   branch (the default inside GitHub Actions); start one with herald ledger init

Credentials come from environment variables (see the README), and HERALD_LEDGER_KEY seals the
ledger. HERALD_PAUSED=1 pauses publishing.
Exit code: 0 all went well, 1 something failed, was missed or is unknown, 2 could not run.`;

export interface PublishDependencies {
  env: Record<string, string | undefined>;
  /** The approval gate; by default the one approvalGateFromEnv builds. */
  gate?: ApprovalGate;
  /** The real time, epoch ms: a run publishes at it. Only tests give another (see tests/publish/fixtures). */
  clock(): number;
  sleep(ms: number): Promise<void>;
  /** Milliseconds before a request to a network is given up. */
  timeoutMs: number;
  out(text: string): void;
}

export function publish(args: string[]): Promise<number> {
  return publishCommand(args, {
    env: process.env,
    clock: () => clock.now(),
    sleep: (ms) => delay(ms),
    timeoutMs: 30_000,
    out: (text) => console.log(text),
  });
}

/**
 * What started this run, from GitHub's environment: the event's name, and for a scheduled run the
 * cron line that fired, which GitHub puts in the event payload (GITHUB_EVENT_PATH) as `schedule`.
 */
async function triggerFrom(env: Record<string, string | undefined>): Promise<{ event: RunTrigger; cron?: string }> {
  const event = triggerOf(env['GITHUB_EVENT_NAME'], env['HERALD_RUN_SOURCE']);
  if (event !== 'schedule' || !env['GITHUB_EVENT_PATH']) return { event };
  try {
    const payload: unknown = JSON.parse(await readFile(env['GITHUB_EVENT_PATH'], 'utf8'));
    const cron =
      payload && typeof payload === 'object' && 'schedule' in payload && typeof payload.schedule === 'string'
        ? payload.schedule
        : undefined;
    return cron ? { event, cron } : { event };
  } catch {
    // Without the payload the run is still recorded, only without its slot.
    return { event };
  }
}

export async function publishCommand(args: string[], deps: PublishDependencies): Promise<number> {
  const { values } = parseOptions(
    args,
    {
      now: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      only: { type: 'string' },
      ledger: { type: 'string' },
    },
    usage,
  );
  const env = deps.env;
  const dryRun = values['dry-run'];
  // A real run acts at the real time: a wrong instant would send posts early, or record them as missed.
  if (!dryRun && (values.now !== undefined || env['HERALD_NOW'])) {
    throw new UsageError(
      `${values.now !== undefined ? '--now' : 'HERALD_NOW'} is only for a dry run (--dry-run): a real run publishes at the real time, so that no post goes out early or is recorded as missed by mistake.`,
    );
  }
  const now = dryRun ? nowOption(values.now, env, deps.clock) : deps.clock();
  const key = ledgerKeyFrom(env);
  if (!key && !dryRun) throw new UsageError(missingKeyMessage);

  const root = projectRoot();
  const project = usable(parseProject(await readContent(root), { now }), 'nothing is published');
  const config = project.config;
  if (values.only !== undefined && !project.channels[values.only])
    throw new UsageError(`--only: ${unknownChannelMessage(values.only, Object.keys(project.channels))}`);
  const broken = new Set(project.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  if (broken.size > 0)
    deps.out(
      `${broken.size} file(s) have errors and are not published: ${[...broken].join(', ')}. Run herald validate.\n`,
    );
  // What validate calls an error (placeholder text, a text too long, a banned phrase...) is never sent.
  const faults = faultsFrom(lint(project, { now }));

  const paused = pausedByValue(env['HERALD_PAUSED']) || config.publishing.paused;
  const plain = ledgerStoreFor(values.ledger, root, env);
  const store = key ? new SealedLedgerStore(plain, key) : plain;
  const report = await publishRun({
    project,
    root,
    store,
    gate: deps.gate ?? approvalGateFromEnv(env, config, root, { store, now }),
    adapterFor: (channel) =>
      createAdapter(channel, env, { timeoutMs: deps.timeoutMs, now: deps.clock, sleep: deps.sleep }),
    now,
    clock: deps.clock,
    sleep: deps.sleep,
    trigger: await triggerFrom(env),
    runId: `${env['GITHUB_RUN_ID'] ?? hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    only: values.only,
    dryRun,
    paused,
    faults,
    secrets: [...secretValues(Object.values(project.channels), env), ...(key ? [key] : [])],
    log: (line) => deps.out(line),
  });
  if (report.dryRun) {
    if (!key)
      report.notes.push(
        `${missingKeyMessage.split('. ')[0]}: a real run would stop, and the ledger's seals were not checked.`,
      );
    deps.out(formatPayloads(report, project.channels));
  }
  deps.out(formatTable(report));
  for (const error of report.noticeErrors) deps.out(`warning: ${error}`);
  if (env['GITHUB_STEP_SUMMARY']) await appendFile(env['GITHUB_STEP_SUMMARY'], formatMarkdown(report));
  return report.outcomes.some((o) => failingOutcomes.has(o.kind)) ? 1 : 0;
}
