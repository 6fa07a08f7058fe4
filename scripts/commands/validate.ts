import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { deliveredKeys } from '../../src/lib/ledger/delivered.ts';
import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import {
  formatGithubAnnotations,
  formatHuman,
  formatJson,
  formatMarkdownSummary,
  validationReport,
} from '../../src/lib/rules/report.ts';
import { formatOption, nowOption, parseOptions, projectRoot, readLedgerOrNothing, UsageError } from '../cli.ts';
import { expectedFiles, presentFiles } from '../generated-files.ts';
import { heraldVersion } from '../herald-package.ts';

const usage = `Usage: herald validate [paths...] [--changed <git ref>] [--ledger PATH|github] [--format human|json|github]
                      [--now ISO]

Checks herald.yaml, every post and every handbook page against the file formats and the rules
(docs/rules.md), and prints each problem with its file, line and rule.
  paths...            report only these files
  --changed <ref>     report only the files changed since <ref> (e.g. origin/main); the calendar
                      rules still weigh every post and report a clash on the changed post
  --ledger WHERE      where the publisher records what it sent, to tell which past posts went out:
                      a JSON file (default .herald/ledger.json), or "github" (the default in Actions)
  --now ISO           judge "past" and "expired" against this instant instead of the clock
Exit code: 0 no errors, 1 errors found, 2 could not run.`;

const formats = ['human', 'json', 'github'] as const;

export async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    {
      format: { type: 'string', default: 'human' },
      changed: { type: 'string' },
      ledger: { type: 'string' },
      now: { type: 'string' },
    },
    usage,
    { positionals: true },
  );
  const format = formatOption(values.format, formats);

  if (values.changed?.startsWith('-'))
    throw new UsageError(`--changed needs a git ref such as origin/main, not "${values.changed}".`);

  const root = projectRoot();
  const now = nowOption(values.now);
  const project = parseProject(await readContent(root), { now });
  const known = new Set([...project.files, ...Object.keys(project.media)]);
  const named = positionals.map((path) => relative(root, resolve(path)).split('\\').join('/'));
  const unknown = named.filter((path) => !known.has(path));
  if (unknown.length > 0) {
    const missing = unknown.filter((path) => !existsSync(join(root, path)));
    throw new UsageError(
      missing.length > 0
        ? `there is no file ${missing.join(', ')}. Check the name (it is case-sensitive), or run herald validate without paths to check everything.`
        : `not a Herald content file: ${unknown.join(', ')}. Name herald.yaml, posts, handbook pages or images under content/.`,
    );
  }

  // Deleted files stay among the changes: nothing is reported on them, but a deleted page or post
  // brings in the handbook pages whose links it breaks (see reportedFiles).
  const changed = values.changed === undefined ? [] : changedSince(root, values.changed);
  const files = values.changed === undefined && named.length === 0 ? undefined : new Set([...named, ...changed]);

  // Validation does not depend on the ledger: without it, past posts are warnings (calendar/past-unpublished).
  const ledger = await readLedgerOrNothing('validate', values.ledger, root, 'no past post counts as published');
  // The generated files are compared only with a readable herald.yaml: they repeat what it says.
  const expected = project.config ? expectedFiles(project) : {};
  const generated = { expected, present: presentFiles(root, Object.keys(expected)), version: heraldVersion };
  const { report, checkedFiles: checked } = validationReport(project, {
    now,
    delivered: deliveredKeys(ledger),
    files,
    generated,
  });

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

/** Files changed since `ref`, committed or not, plus new files git does not know yet; relative to root. */
function changedSince(root: string, ref: string): string[] {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new UsageError(
        `--changed ${ref}: git could not list the changes (${stderr || (error instanceof Error ? error.message : String(error))}). Name a branch, tag or commit, e.g. --changed origin/main.`,
      );
    }
  };
  const lines = (text: string) => text.split('\n').filter(Boolean);
  return [
    ...lines(git(['diff', '--name-only', '--relative', '--no-renames', ref, '--'])),
    ...lines(git(['ls-files', '--others', '--exclude-standard'])),
  ];
}
