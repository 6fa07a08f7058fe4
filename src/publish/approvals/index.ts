import { Octokit, RequestError } from 'octokit';
import type { HeraldConfig } from '../../schemas/config.ts';
import type { ApprovalGate } from '../approval.ts';
import { gitHubApprovalGate } from './gate.ts';
import { openGitHistory } from './git.ts';
import { describeGitHubError, githubFacts } from './github.ts';

/** The variables the gate reads; Actions sets the GITHUB_* ones. */
export interface GateEnvironment {
  GITHUB_TOKEN?: string;
  GITHUB_REPOSITORY?: string;
  /** https://api.github.com unless GitHub Enterprise Server (or a test) says otherwise. */
  GITHUB_API_URL?: string;
  /** Optional: a token that may read team membership, for reviewers written as org/team. */
  HERALD_TEAMS_TOKEN?: string;
  [name: string]: string | undefined;
}

export const notConfiguredReason =
  'Approvals are checked on GitHub, and GITHUB_TOKEN and GITHUB_REPOSITORY are not set. Actions sets both; on your computer run for example GITHUB_REPOSITORY=owner/name GITHUB_TOKEN="$(gh auth token)" npx herald approvals.';

/**
 * The one approval gate every publish run uses, for the Herald project at `root`. Without GITHUB_TOKEN
 * and GITHUB_REPOSITORY it clears nothing, so a run outside GitHub can never publish a post nobody
 * approved.
 */
export function approvalGateFromEnv(env: GateEnvironment, config: HeraldConfig, root: string): ApprovalGate {
  const token = env.GITHUB_TOKEN?.trim();
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (!token || !repository) {
    return { decide: async () => ({ cleared: false, reason: notConfiguredReason }) };
  }
  const client = (auth: string) => githubClient(env, auth);
  const octokit = client(token);
  const teamsToken = env.HERALD_TEAMS_TOKEN?.trim();
  return gitHubApprovalGate({
    approvals: config.approvals,
    git: () => openGitHistory(root, config.defaultBranch),
    github: githubFacts({ octokit, teamsOctokit: teamsToken ? client(teamsToken) : octokit, repository }),
  });
}

function githubClient(env: GateEnvironment, auth: string): Octokit {
  return new Octokit({ auth, baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''), userAgent: 'herald' });
}

/**
 * Why GitHub cannot be reached from here, or undefined when it answers at all (whatever it answers).
 * Asked once, without octokit's retries, before checking many posts: offline, each post would
 * otherwise wait through the retries and fail with the same words.
 */
export async function githubUnreachable(env: GateEnvironment): Promise<string | undefined> {
  try {
    await githubClient(env, env.GITHUB_TOKEN?.trim() ?? '').request('GET /', { request: { retries: 0 } });
  } catch (error) {
    if (error instanceof RequestError && !error.response) return describeGitHubError(error);
  }
  return undefined;
}
