import { Octokit, RequestError } from 'octokit';
import { describeGitHubError } from './approvals/github.ts';

/**
 * GitHub pauses the schedules of a public repository after 60 days without activity, and a calendar
 * that is simply followed (nothing new merged for two months) looks inactive. Once a day the publish
 * workflow checks when the repository last saw a push; after `quietDays` it pushes a heartbeat commit
 * to its own branch (never the protected default branch) and re-enables the publish workflow, and if
 * that fails it says so loudly, with the days left.
 */

export const heartbeatBranch = 'herald-keepalive';
export const heartbeatFile = 'heartbeat.txt';
/** GitHub's limit. */
export const inactiveDays = 60;
/** Act this long after the last push: two weeks of daily retries before the limit. */
export const quietDays = 45;

const day = 24 * 60 * 60 * 1000;

export interface KeepaliveReport {
  /** Days since the last push to the repository. */
  days: number;
  /** What happened, for the log and the summary. */
  lines: string[];
  /** Set when scheduled publishing is at risk and nothing could prevent it. */
  warning?: string;
}

/** Whether a heartbeat is due, from the repository's last push. */
export function heartbeatDue(pushedAt: string, now: number): { days: number; due: boolean } {
  const days = Math.floor((now - Date.parse(pushedAt)) / day);
  return { days, due: days >= quietDays };
}

export async function keepAlive(options: {
  octokit: Octokit;
  repository: string;
  workflow: string;
  now: number;
}): Promise<KeepaliveReport> {
  const { octokit, workflow, now } = options;
  const [owner = '', repo = ''] = options.repository.split('/');
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  if (repository.private) {
    return { days: 0, lines: ['This repository is private: GitHub does not pause its schedules for inactivity.'] };
  }
  const { days, due } = heartbeatDue(repository.pushed_at ?? repository.updated_at ?? new Date(now).toISOString(), now);
  const last = `The repository's last push was ${days} day${days === 1 ? '' : 's'} ago; GitHub pauses scheduled workflows after ${inactiveDays} days without one.`;
  if (!due) return { days, lines: [`${last} Herald pushes a heartbeat after ${quietDays}.`] };

  const lines = [last];
  try {
    await pushHeartbeat(octokit, owner, repo, repository.default_branch, new Date(now).toISOString());
    lines.push(`Pushed a heartbeat commit to the ${heartbeatBranch} branch, which counts as activity.`);
    await octokit.rest.actions.enableWorkflow({ owner, repo, workflow_id: workflow });
    lines.push(`Re-enabled ${workflow}.`);
    return { days, lines };
  } catch (error) {
    const left = Math.max(0, inactiveDays - days);
    return {
      days,
      lines,
      warning: `Scheduled publishing stops in about ${left} day${left === 1 ? '' : 's'} unless something is pushed or merged: the heartbeat failed (${describeGitHubError(error)}). The keepalive job needs contents: write and actions: write.`,
    };
  }
}

async function pushHeartbeat(
  octokit: Octokit,
  owner: string,
  repo: string,
  defaultBranch: string,
  at: string,
): Promise<void> {
  try {
    await octokit.rest.git.getRef({ owner, repo, ref: `heads/${heartbeatBranch}` });
  } catch (error) {
    if (!(error instanceof RequestError && error.status === 404)) throw error;
    const { data: base } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${defaultBranch}` });
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${heartbeatBranch}`, sha: base.object.sha });
  }
  let sha: string | undefined;
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: heartbeatFile, ref: heartbeatBranch });
    if (!Array.isArray(data) && data.type === 'file') sha = data.sha;
  } catch (error) {
    if (!(error instanceof RequestError && error.status === 404)) throw error;
  }
  await octokit.rest.repos.createOrUpdateFileContents({
    owner,
    repo,
    path: heartbeatFile,
    branch: heartbeatBranch,
    message: `Heartbeat: keep the publishing schedule active (${at})`,
    content: Buffer.from(
      `Herald's publish workflow wrote this at ${at} so that GitHub keeps running its schedule.\n`,
    ).toString('base64'),
    ...(sha ? { sha } : {}),
  });
}
