import { appendFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseProject } from '../../src/lib/load.ts';
import { readContent } from '../../src/lib/read-content.ts';
import { buildReport, formatGithubAnnotations, formatHuman, formatJson, formatMarkdownSummary } from '../../src/lib/report.ts';
import { parseOptions, projectRoot, UsageError } from '../cli.ts';

const usage = `Usage: herald validate [paths...] [--format human|json|github]

Checks herald.yaml, every post and every handbook page (or only the given files) and prints each
problem with its file, line and rule. Exit code: 0 no errors, 1 errors found, 2 could not run.`;

const formats = ['human', 'json', 'github'] as const;

export async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string', default: 'human' } }, usage);
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const format = values.format as (typeof formats)[number];
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}.`);

  const root = projectRoot();
  const project = parseProject(await readContent(root), { now: Date.now() });
  const only = positionals.map((path) => relative(root, resolve(path)).split('\\').join('/'));
  const unknown = only.filter((path) => !project.files.includes(path));
  if (unknown.length > 0) throw new UsageError(`not a Herald content file: ${unknown.join(', ')}`);

  const selected = <T extends { file: string }>(items: T[]) => (only.length ? items.filter((item) => only.includes(item.file)) : items);
  const report = buildReport(selected(project.problems), selected(project.posts), project.channels);
  const checked = only.length || project.files.length;

  if (format === 'json') console.log(formatJson(report));
  else if (format === 'human') console.log(formatHuman(report, checked));
  else {
    const annotations = formatGithubAnnotations(report);
    if (annotations) console.log(annotations);
    console.log(formatHuman(report, checked).split('\n').at(-1));
    const summaryFile = process.env['GITHUB_STEP_SUMMARY'];
    if (summaryFile) await appendFile(summaryFile, formatMarkdownSummary(report));
  }
  return report.ok ? 0 : 1;
}
