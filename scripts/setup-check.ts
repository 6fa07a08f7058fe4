/**
 * `npm run setup-check`, the first step of the scheduled workflows: whether this repository is set
 * up (src/lib/configured.ts). Writes configured=true or false to the step's outputs, for the steps
 * that publish, keep the schedule alive or build the site; when false, says why in a notice. Exit 0
 * either way: a repository made from the template and not set up yet is not a failure.
 */
import { appendFile } from 'node:fs/promises';
import { configuredFor } from '../src/lib/configured.ts';
import { parseProject } from '../src/lib/load.ts';
import { readContent } from '../src/lib/read-content.ts';
import { nowOption, projectRoot } from './cli.ts';

const repository = process.env['GITHUB_REPOSITORY'];
if (!repository) {
  console.error('setup-check needs GITHUB_REPOSITORY (owner/name), as GitHub Actions sets it.');
  process.exit(2);
}
const { config } = parseProject(await readContent(projectRoot()), { now: nowOption(undefined) });
const result = configuredFor(config, repository);
if (!result.configured) console.log(`::notice title=Herald is not set up in this repository yet::${result.reason}`);
const output = process.env['GITHUB_OUTPUT'];
if (output) await appendFile(output, `configured=${result.configured}\n`);
