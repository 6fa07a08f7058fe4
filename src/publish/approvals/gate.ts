import type { Channel, HeraldConfig } from '../../schemas/config.ts';
import type { Post } from '../../lib/model.ts';
import type { ApprovalDecision, ApprovalGate } from '../approval.ts';
import { checkHistory, choosePull, countableApprovers, decide, requirementsFor, teamsIn, type Access, type PullEvidence, type Requirement } from './decide.ts';
import type { GitHistory } from './git.ts';
import { describeGitHubError, type GitHubFacts } from './github.ts';

/**
 * The approval gate on GitHub: gathers the facts about a post's file from git and the API, in the
 * order the rules need them (no API call for a file that is not even merged), and lets decide.ts judge.
 */
export function gitHubApprovalGate(options: {
  approvals: HeraldConfig['approvals'];
  git: () => Promise<GitHistory>;
  github: GitHubFacts;
}): ApprovalGate {
  const { approvals, github } = options;
  let opened: Promise<GitHistory> | undefined;

  async function judge(post: Post, channels: Channel[]): Promise<ApprovalDecision> {
    const requirements = requirementsFor(approvals, channels);
    const history = await (opened ??= options.git()).then((git) => git.history(post.file));
    const base = { history, requirements, postAuthor: post.author };
    if (checkHistory(history)) return decide(base);

    const pulls = await github.pullsFor(history.lastChange!);
    const chosen = choosePull(pulls, history.lastChange!, history.branch);
    if (!chosen) return decide({ ...base, pulls });

    const [reviews, commits] = await Promise.all([github.reviews(chosen.number), github.commits(chosen.number)]);
    const named = new Set([
      ...commits.flatMap((c) => (c.parent ? [c.sha, c.parent] : [c.sha])),
      ...reviews.flatMap((r) => (r.state === 'APPROVED' && r.commit ? [r.commit] : [])),
    ]);
    const blobs = Object.fromEntries(await Promise.all([...named].map(async (sha) => [sha, await github.blobAt(sha, history.path)] as const)));
    const pull: PullEvidence = { ...chosen, reviews, commits, blobs };

    const access = await resolveAccess(requirements, countableApprovers(pull, history.onBranch!, post.author), github);
    return decide({ ...base, pulls, pull, access });
  }

  return {
    async decide(post, channels) {
      try {
        return await judge(post, channels);
      } catch (error) {
        return { cleared: false, reason: `Herald could not check the approval of ${post.file}: ${describeGitHubError(error)}` };
      }
    },
  };
}

/**
 * Asks GitHub only what the rules need about the people whose approval would count: team membership
 * for those a login does not already allow, write access where a rule names no reviewers.
 */
async function resolveAccess(requirements: Requirement[], approvers: string[], github: GitHubFacts): Promise<Access> {
  const access: Access = { teams: {}, writers: {} };
  const namedIn = (rule: Requirement, login: string) => rule.reviewers.some((x) => x.toLowerCase() === login.toLowerCase());
  const teamRules = requirements.filter((r) => teamsIn([r]).length > 0 && approvers.some((login) => !namedIn(r, login)));
  for (const team of teamsIn(teamRules)) access.teams[team] = await github.team(team);
  if (requirements.some((r) => r.reviewers.length === 0 && r.required > 0)) {
    for (const login of approvers) access.writers[login.toLowerCase()] = await github.canWrite(login);
  }
  return access;
}
