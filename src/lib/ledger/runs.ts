import { CronExpressionParser } from 'cron-parser';
import type { Ledger, RunRecord, RunTrigger } from '../../schemas/ledger.ts';

/**
 * The record of publish runs in the ledger: when each started against the schedule slot it stands
 * for, so that a late or silent scheduler is something people can see, not guess.
 *
 * GitHub does not say which slot a late scheduled run was meant for: the event names only its cron
 * line. A run stands for the first slot of that cron after the slot the previous run of the same
 * cron stood for, so a run that starts five hours late after the scheduler skipped its slots counts
 * as five hours late, not as on time for the slot it happens to follow. The first run of a cron
 * stands for the latest slot at or before its start. GitHub's cron is in UTC.
 */

/** How long run records are kept, and how many at most: the ledger is read by every run. */
export const keptRunsMs = 60 * 24 * 60 * 60_000;
export const keptRuns = 1000;

/**
 * What started the run, from GitHub's event name (GITHUB_EVENT_NAME); `local` outside Actions. An
 * outside scheduler starts publish.yml by hand through the API (`workflow_dispatch`, which needs the
 * smallest token) and says so with the workflow's `scheduler` input, passed on as `source`.
 */
export function triggerOf(eventName: string | undefined, source?: string): RunTrigger {
  switch (eventName) {
    case 'schedule':
      return 'schedule';
    case 'repository_dispatch':
      return 'dispatch';
    case 'workflow_dispatch':
      return source === 'scheduler' ? 'dispatch' : 'manual';
    case 'push':
      return 'push';
    default:
      return 'local';
  }
}

export interface RunStart {
  run: string;
  /** UTC instant, ISO 8601. */
  startedAt: string;
  trigger: RunTrigger;
  /** For a scheduled run: the cron line that started it. */
  cron?: string;
}

/** The latest time of `cron` at or before `at`; undefined when `cron` is not a cron line. */
function slotAtOrBefore(cron: string, at: number): number | undefined {
  try {
    return CronExpressionParser.parse(cron, { currentDate: new Date(at + 1), tz: 'UTC' })
      .prev()
      .getTime();
  } catch {
    return undefined;
  }
}

function slotAfter(cron: string, at: number): number {
  return CronExpressionParser.parse(cron, { currentDate: new Date(at), tz: 'UTC' })
    .next()
    .getTime();
}

/** The record of a run starting now, given the runs before it. */
export function runRecordFor(start: RunStart, previous: readonly RunRecord[]): RunRecord {
  const record: RunRecord = { run: start.run, startedAt: start.startedAt, trigger: start.trigger };
  if (start.trigger !== 'schedule' || !start.cron) return record;
  const started = Date.parse(start.startedAt);
  const latest = slotAtOrBefore(start.cron, started);
  if (latest === undefined) return { ...record, cron: start.cron };
  const before = previous.findLast(
    (run) => run.cron === start.cron && run.slot !== undefined && Date.parse(run.slot) < started,
  );
  const next = before ? slotAfter(start.cron, Date.parse(before.slot!)) : latest;
  const slot = Math.min(next, latest);
  return {
    ...record,
    cron: start.cron,
    slot: new Date(slot).toISOString(),
    lateSeconds: Math.floor((started - slot) / 1000),
  };
}

/**
 * Logins on `channel` recorded by the runs that started in the 24 hours before `now` (epoch ms): what
 * a network's daily login limit counts.
 */
export function loginsInADay(runs: readonly RunRecord[], channel: string, now: number): number {
  const since = now - 24 * 60 * 60_000;
  return runs
    .filter((run) => Date.parse(run.startedAt) > since)
    .reduce((sum, run) => sum + (run.logins?.[channel] ?? 0), 0);
}

/** The ledger with this run recorded (or its record replaced), and runs beyond what is kept dropped. */
export function withRun(ledger: Ledger, record: RunRecord): Ledger {
  const runs = [...(ledger.runs ?? [])];
  const at = runs.findIndex((run) => run.run === record.run);
  if (at >= 0) runs[at] = record;
  else runs.push(record);
  const oldest = Date.parse(record.startedAt) - keptRunsMs;
  return { ...ledger, runs: runs.filter((run) => Date.parse(run.startedAt) >= oldest).slice(-keptRuns) };
}

/**
 * The longest time between two slots of `cron` in the week after `at` (at least one gap, however
 * rare the cron): how long the schedule may rightly stay quiet. Undefined when `cron` is not a cron line.
 */
export function cronIntervalMs(cron: string, at: number): number | undefined {
  try {
    const slots = CronExpressionParser.parse(cron, { currentDate: new Date(at), tz: 'UTC' });
    const end = at + 7 * 24 * 60 * 60_000;
    let previous = slots.next().getTime();
    let longest = 0;
    do {
      const next = slots.next().getTime();
      longest = Math.max(longest, next - previous);
      previous = next;
    } while (previous < end);
    return longest;
  } catch {
    return undefined;
  }
}
