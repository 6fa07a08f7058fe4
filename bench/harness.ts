/**
 * Shared by the benchmark files in bench/. Each file is run by scripts/bench.ts in a fresh process
 * (so its peak memory is its own) and reports its measurements with `report`.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** What was measured, e.g. "validate 10,000 posts". */
  name: string;
  /** Median wall-clock time over the runs. */
  ms: number;
  /**
   * Median CPU time (user and system, all threads) of the runs: less sensitive than wall-clock
   * time to other work on the machine, though garbage collection on helper threads adds to it.
   */
  cpuMs?: number;
  runs: number;
  /** Peak resident memory of the benchmark process so far, in MB. */
  peakRssMb: number;
}

/** Runs `fn` `runs` times after one warm-up and returns the median time. */
export async function measure(name: string, fn: () => unknown, runs = 5): Promise<Measurement> {
  await fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await fn();
    times.push(performance.now() - start);
    const { user, system } = process.cpuUsage(startCpu);
    cpu.push((user + system) / 1000);
  }
  return { name, ms: median(times), cpuMs: median(cpu), runs, peakRssMb: peakRssMb() };
}

/**
 * Measures several functions in turns (one run of each, then the next round), after one warm-up
 * each, and returns their medians: on a machine shared with other work, each one sees the same
 * load, so their ratio holds even when the absolute times do not.
 */
export async function measureInTurns(fns: { name: string; fn: () => unknown }[], runs = 5): Promise<Measurement[]> {
  for (const { fn } of fns) await fn();
  const times = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [j, { fn }] of fns.entries()) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await fn();
      times[j]!.push(performance.now() - start);
      const { user, system } = process.cpuUsage(startCpu);
      cpu[j]!.push((user + system) / 1000);
    }
  }
  return fns.map(({ name }, j) => ({
    name,
    ms: median(times[j]!),
    cpuMs: median(cpu[j]!),
    runs,
    peakRssMb: peakRssMb(),
  }));
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** A benchmark's verdict against its target, printed with the numbers. */
export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** Prints one JSON line that scripts/bench.ts collects. */
export function report(measurements: Measurement[], checks: Check[] = []): void {
  console.log(`HERALD_BENCH ${JSON.stringify({ measurements, checks })}`);
}
