import { appendFile } from 'node:fs/promises';
import { Octokit } from 'octokit';
import { describeGitHubError } from '../../src/publish/approvals/github.ts';
import { keepAlive } from '../../src/publish/keepalive.ts';
import { nowOption, parseOptions, UsageError } from '../cli.ts';

const usage = `Usage: herald keepalive

Run once a day by the publish workflow: keeps GitHub from pausing the publishing schedule of a public
repository after 60 days without a push (a heartbeat commit on the herald-keepalive branch after 45).
Needs GITHUB_TOKEN and GITHUB_REPOSITORY, as GitHub Actions sets them.
Exit code: 0 fine, 1 scheduled publishing is at risk (the run turns red and GitHub notifies), 2 could not run.`;

export async function keepalive(args: string[]): Promise<number> {
  parseOptions(args, {}, usage);
  const env = process.env;
  const token = env['GITHUB_TOKEN'];
  const repository = env['GITHUB_REPOSITORY'];
  if (!token || !repository)
    throw new UsageError('needs GITHUB_TOKEN and GITHUB_REPOSITORY, as GitHub Actions sets them.');
  const octokit = new Octokit({
    auth: token,
    baseUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    userAgent: 'herald',
  });
  try {
    const report = await keepAlive({
      octokit,
      repository,
      workflow: env['HERALD_PUBLISH_WORKFLOW'] ?? 'publish.yml',
      now: nowOption(undefined, env),
    });
    for (const line of report.lines) console.log(line);
    if (report.warning) {
      const oneLine = report.warning.replaceAll('%', '%25').replace(/\r?\n/g, ' ');
      console.log(
        env['GITHUB_ACTIONS'] === 'true'
          ? `::warning title=Scheduled publishing at risk::${oneLine}`
          : `warning: ${report.warning}`,
      );
    }
    const summary = env['GITHUB_STEP_SUMMARY'];
    if (summary)
      await appendFile(
        summary,
        [
          '## Keeping the schedule alive',
          '',
          ...report.lines,
          ...(report.warning ? ['', `**${report.warning}**`] : []),
          '',
        ].join('\n'),
      );
    return report.warning ? 1 : 0;
  } catch (error) {
    console.error(`herald keepalive could not run: ${describeGitHubError(error)}`);
    return 2;
  }
}
