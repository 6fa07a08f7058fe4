import { describe, expect, it } from 'vitest';
import { keptRuns, loginsInADay, runRecordFor, triggerOf, withRun } from '../../../src/lib/ledger/runs.ts';
import { emptyLedger, type RunRecord } from '../../../src/schemas/ledger.ts';

const cron = '7,22,37,52 * * * *';

describe('run records', () => {
  it("names what started a run from GitHub's event", () => {
    expect(
      ['schedule', 'repository_dispatch', 'workflow_dispatch', 'push', undefined].map((name) => triggerOf(name)),
    ).toEqual(['schedule', 'dispatch', 'manual', 'push', 'local']);
  });

  it('records a run an outside scheduler started through workflow_dispatch as a dispatch, not a manual run', () => {
    expect(triggerOf('workflow_dispatch', 'scheduler')).toBe('dispatch');
    expect(triggerOf('workflow_dispatch', '')).toBe('manual');
  });

  it('counts a first scheduled run from the latest slot of its cron', () => {
    expect(runRecordFor({ run: 'a', startedAt: '2026-12-03T17:40:30.000Z', trigger: 'schedule', cron }, [])).toEqual({
      run: 'a',
      startedAt: '2026-12-03T17:40:30.000Z',
      trigger: 'schedule',
      cron,
      slot: '2026-12-03T17:37:00.000Z',
      lateSeconds: 210,
    });
  });

  it('counts a run after skipped slots from the first slot nobody served, so hours late shows as hours', () => {
    const before: RunRecord = {
      run: 'a',
      startedAt: '2026-12-03T10:08:00.000Z',
      trigger: 'schedule',
      cron,
      slot: '2026-12-03T10:07:00.000Z',
      lateSeconds: 60,
    };
    const record = runRecordFor({ run: 'b', startedAt: '2026-12-03T15:10:00.000Z', trigger: 'schedule', cron }, [
      before,
    ]);
    expect(record).toMatchObject({ slot: '2026-12-03T10:22:00.000Z', lateSeconds: 4 * 3600 + 48 * 60 });
  });

  it('gives runs started by hand, by a dispatch or outside Actions no slot', () => {
    expect(runRecordFor({ run: 'm', startedAt: '2026-12-03T15:10:00.000Z', trigger: 'dispatch' }, [])).toEqual({
      run: 'm',
      startedAt: '2026-12-03T15:10:00.000Z',
      trigger: 'dispatch',
    });
  });

  it("keeps 60 days of runs, at most a thousand, and replaces a run's own record", () => {
    let ledger = emptyLedger();
    const start = Date.parse('2026-10-01T00:00:00Z');
    for (let i = 0; i < 1200; i++)
      ledger = withRun(ledger, {
        run: `r${i}`,
        startedAt: new Date(start + i * 3600_000).toISOString(),
        trigger: 'local',
      });
    expect(ledger.runs).toHaveLength(keptRuns);
    expect(ledger.runs![0]!.run).toBe('r200');
    ledger = withRun(ledger, { run: 'late', startedAt: '2027-03-01T00:00:00.000Z', trigger: 'local' });
    expect(ledger.runs!.every((run) => Date.parse(run.startedAt) >= Date.parse('2026-12-31T00:00:00Z'))).toBe(true);
    ledger = withRun(ledger, {
      run: 'late',
      startedAt: '2027-03-01T00:00:00.000Z',
      trigger: 'local',
      finishedAt: '2027-03-01T00:01:00.000Z',
    });
    expect(ledger.runs!.filter((run) => run.run === 'late')).toEqual([
      { run: 'late', startedAt: '2027-03-01T00:00:00.000Z', trigger: 'local', finishedAt: '2027-03-01T00:01:00.000Z' },
    ]);
  });
});

describe('logins a day', () => {
  const run = (startedAt: string, logins?: Record<string, number>): RunRecord => ({
    run: startedAt,
    startedAt,
    trigger: 'dispatch',
    ...(logins && { logins }),
  });

  it('sums the logins of one channel recorded by the runs of the last 24 hours', () => {
    const runs = [
      run('2026-12-02T17:00:00.000Z', { bluesky: 5 }),
      run('2026-12-02T18:30:00.000Z', { bluesky: 1, other: 7 }),
      run('2026-12-03T09:00:00.000Z'),
      run('2026-12-03T17:00:00.000Z', { bluesky: 2 }),
    ];
    expect(loginsInADay(runs, 'bluesky', Date.parse('2026-12-03T18:00:00Z'))).toBe(3);
    expect(loginsInADay(runs, 'other', Date.parse('2026-12-03T18:00:00Z'))).toBe(7);
    expect(loginsInADay(runs, 'bluesky', Date.parse('2026-12-04T18:00:00Z'))).toBe(0);
  });
});
