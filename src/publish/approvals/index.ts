import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Octokit, RequestError } from 'octokit';
import { contentPaths } from '../../lib/project/load.ts';
import { credentialVariables } from '../../lib/networks/profiles.ts';
import type { Channel, HeraldConfig } from '../../schemas/config.ts';
import type { ApprovalGate } from '../approval.ts';
import type { LedgerStore } from '../ledger/store.ts';
import { ledgerApprovalCache, sealKey } from './cache.ts';
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

/** Where a publish run keeps what the gate found reviewed (the ledger), and the instant it acts at. */
export interface GateMemory {
  store: LedgerStore;
  now: number;
}

/**
 * The one approval gate every publish run uses, for the Herald project at `root`. Without GITHUB_TOKEN
 * and GITHUB_REPOSITORY it clears nothing, so a run outside GitHub can never publish a post nobody
 * approved. With `memory`, reviewed inputs are remembered in the ledger, sealed with the channels'
 * credentials from `env`.
 */
export function approvalGateFromEnv(
  env: GateEnvironment,
  config: HeraldConfig,
  root: string,
  memory?: GateMemory,
): ApprovalGate {
  const token = env.GITHUB_TOKEN?.trim();
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (!token || !repository) {
    return { decide: async () => ({ cleared: false, reason: notConfiguredReason }) };
  }
  const client = (auth: string) => githubClient(env, auth);
  const octokit = client(token);
  const teamsToken = env.HERALD_TEAMS_TOKEN?.trim();
  return gitHubApprovalGate({
    config,
    configText: readText(join(root, contentPaths.config)),
    git: () => openGitHistory(root, config.defaultBranch),
    github: githubFacts({ octokit, teamsOctokit: teamsToken ? client(teamsToken) : octokit, repository }),
    ...(memory
      ? {
          cache: ledgerApprovalCache(memory.store, memory.now),
          sealKey: (channels: Channel[]) =>
            sealKey(channels.map((channel) => ({ channel: channel.id, values: credentialsOf(channel, env) }))),
        }
      : {}),
  });
}

function githubClient(env: GateEnvironment, auth: string): Octokit {
  return new Octokit({
    auth,
    baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'herald',
  });
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

/** A channel's credential values, all of them or none. */
function credentialsOf(channel: Channel, env: GateEnvironment): string[] {
  const values = credentialVariables(channel).map((variable) => env[variable]?.trim() ?? '');
  return values.every(Boolean) ? values : [];
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
