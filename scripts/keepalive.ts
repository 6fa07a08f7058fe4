/**
 * `npm run keepalive`, run once a day by the publish workflow: keeps GitHub from pausing the
 * publishing schedule (see src/publish/keepalive.ts). Exit code 1 when scheduled publishing is at
 * risk, so the run turns red and GitHub notifies; 2 when it could not run.
 */
import { appendFile } from 'node:fs/promises';
import { Octokit } from 'octokit';
import { keepAlive } from '../src/publish/keepalive.ts';
import { describeGitHubError } from '../src/publish/approvals/github.ts';
import { nowOption } from './cli.ts';
import { maskOutput } from './mask-output.ts';

const env = process.env;
maskOutput(env);
const token = env['GITHUB_TOKEN'];
const repository = env['GITHUB_REPOSITORY'];
if (!token || !repository) {
  console.error('keepalive needs GITHUB_TOKEN and GITHUB_REPOSITORY, as GitHub Actions sets them.');
  process.exit(2);
}
const octokit = new Octokit({ auth: token, baseUrl: env['GITHUB_API_URL'] || 'https://api.github.com', userAgent: 'herald' });
try {
  const report = await keepAlive({ octokit, repository, workflow: env['HERALD_PUBLISH_WORKFLOW'] ?? 'publish.yml', now: nowOption(undefined, env) });
  for (const line of report.lines) console.log(line);
  if (report.warning) {
    const oneLine = report.warning.replaceAll('%', '%25').replace(/\r?\n/g, " ");
    console.log(env['GITHUB_ACTIONS'] === 'true' ? `::warning title=Scheduled publishing at risk::${oneLine}` : `warning: ${report.warning}`);
  }
  const summary = env['GITHUB_STEP_SUMMARY'];
  if (summary) await appendFile(summary, ['## Keeping the schedule alive', '', ...report.lines, ...(report.warning ? ['', `**${report.warning}**`] : []), ''].join('\n'));
  process.exitCode = report.warning ? 1 : 0;
} catch (error) {
  console.error(`keepalive could not run: ${describeGitHubError(error)}`);
  process.exitCode = 2;
}
