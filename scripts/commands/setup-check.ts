import { appendFile } from 'node:fs/promises';
import { configuredFor } from '../../src/lib/publishing/configured.ts';
import { parseProject } from '../../src/lib/project/load.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { nowOption, parseOptions, projectRoot, UsageError } from '../cli.ts';

const usage = `Usage: herald setup-check

The first step of the scheduled workflows: whether this repository is set up, that is whether
content/herald.yaml names it (src/lib/publishing/configured.ts). Writes configured=true or false to the step's
outputs (GITHUB_OUTPUT), for the steps that publish, keep the schedule alive or build the site; when
false, says why in a notice. Needs GITHUB_REPOSITORY, as GitHub Actions sets it.
Exit code: 0 either way (a copy of the example not set up yet is not a failure), 2 could not run.`;

export async function setupCheck(args: string[]): Promise<number> {
  parseOptions(args, {}, usage);
  const repository = process.env['GITHUB_REPOSITORY'];
  if (!repository) throw new UsageError('needs GITHUB_REPOSITORY (owner/name), as GitHub Actions sets it.');
  const { config } = parseProject(await readContent(projectRoot()), { now: nowOption(undefined) });
  const result = configuredFor(config, repository);
  if (!result.configured) console.log(`::notice title=Herald is not set up in this repository yet::${result.reason}`);
  const output = process.env['GITHUB_OUTPUT'];
  if (output) await appendFile(output, `configured=${result.configured}\n`);
  return 0;
}
