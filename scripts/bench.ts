/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, then prints one table of the
 * measurements and the targets they were checked against. Exit code 1 when a target is missed.
 * `npm run bench -- validate` runs only the files whose name contains "validate".
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Check, Measurement } from '../bench/harness.ts';

const filter = process.argv[2] ?? '';
const files = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
  .sort();

const measurements: Measurement[] = [];
const checks: Check[] = [];
for (const name of files) {
  console.error(`Running bench/${name}...`);
  const output = execFileSync(process.execPath, [join('bench', name)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  for (const line of output.split('\n')) {
    if (!line.startsWith('HERALD_BENCH ')) continue;
    const result = JSON.parse(line.slice('HERALD_BENCH '.length)) as { measurements: Measurement[]; checks: Check[] };
    measurements.push(...result.measurements);
    checks.push(...result.checks);
  }
}

console.log(`\nNode ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
console.log('| Measurement | Median | CPU | Runs | Peak RSS |\n| --- | ---: | ---: | ---: | ---: |');
for (const m of measurements)
  console.log(
    `| ${m.name} | ${m.ms.toFixed(0)} ms | ${m.cpuMs === undefined ? '' : `${m.cpuMs.toFixed(0)} ms`} | ${m.runs} | ${m.peakRssMb} MB |`,
  );
if (checks.length) {
  console.log('\n| Target | Result | |\n| --- | --- | --- |');
  for (const c of checks) console.log(`| ${c.name} | ${c.detail} | ${c.pass ? 'pass' : 'FAIL'} |`);
}
process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
