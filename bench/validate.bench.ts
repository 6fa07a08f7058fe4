/**
 * `herald validate` on 10,000 posts of a busy team's calendar (bench/generate.ts), against merely
 * reading and parsing the same files, measured in the same run. What is timed is the command's whole
 * work: reading, parsing, every rule, and the report in the human and the JSON format (the function
 * the command line calls, src/lib/rules/report.ts validationReport). Two scenarios: the example's rules
 * (a few findings per hundred posts) and stricter rules judged half-way through the calendar
 * (about two findings per post), so the cost of each finding shows. The three measurements of a
 * scenario run in turns, so a busy machine slows them alike. Targets: at most 2 s, and at most 3
 * times the time of reading and parsing, in both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/project/load.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { formatHuman, formatJson, validationReport } from '../src/lib/rules/report.ts';
import { generateProject, scenarioNow, type Scenario } from './generate.ts';
import { measureInTurns, report, type Check, type Measurement } from './harness.ts';

const count = 10_000;
const n = count.toLocaleString('en');
const measurements: Measurement[] = [];
const checks: Check[] = [];

for (const scenario of ['busy', 'strict'] as const satisfies Scenario[]) {
  const dir = await mkdtemp(join(tmpdir(), `herald-bench-validate-${scenario}-`));
  try {
    await generateProject(dir, count, scenario);
    const now = scenarioNow(scenario);
    const readAndParse = async () => parseProject(await readContent(dir), { now });
    const validate = async (format: 'human' | 'json') => {
      const project = await readAndParse();
      const { report, checkedFiles } = validationReport(project, { now, delivered: new Set() });
      return format === 'json' ? formatJson(report) : formatHuman(report, checkedFiles);
    };

    const project = await readAndParse();
    if (project.posts.length !== count)
      throw new Error(
        `expected ${count} posts, loaded ${project.posts.length}: ${JSON.stringify(project.problems.slice(0, 3))}`,
      );
    const { report: found } = validationReport(project, { now, delivered: new Set() });
    const findings = [...found.errors, ...found.warnings];
    const byRule = [...Map.groupBy(findings, (p) => p.rule)].sort((a, b) => b[1].length - a[1].length);
    console.error(
      `${scenario}: ${findings.length.toLocaleString('en')} findings: ${byRule.map(([rule, list]) => `${rule} ${list.length}`).join(', ')}`,
    );

    const label = `${scenario === 'busy' ? "a busy team's calendar" : 'strict rules'}, ${findings.length.toLocaleString('en')} findings`;
    const [baseline, ...runs] = await measureInTurns(
      [
        { name: `read and parse ${n} posts (${label}; the baseline)`, fn: readAndParse },
        { name: `validate ${n} posts, human report (${label})`, fn: () => validate('human') },
        { name: `validate ${n} posts, JSON report (${label})`, fn: () => validate('json') },
      ],
      7,
    );
    measurements.push(baseline!, ...runs);
    for (const run of runs) {
      const format = run.name.includes('JSON') ? 'JSON' : 'human';
      const ratio = run.ms / baseline!.ms;
      checks.push(
        {
          name: `${scenario}, ${format}: validate ${n} posts in at most 2 s`,
          pass: run.ms <= 2000,
          detail: `${run.ms.toFixed(0)} ms`,
        },
        {
          name: `${scenario}, ${format}: at most 3× read and parse`,
          pass: ratio <= 3,
          detail: `${ratio.toFixed(2)}× (${run.ms.toFixed(0)} / ${baseline!.ms.toFixed(0)} ms)`,
        },
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
report(measurements, checks);
