import { Octokit, RequestError } from 'octokit';
import type { PullCommitFact, PullFact, ReviewFact } from './decide.ts';
import { copyKey } from './git.ts';
import { memoize } from './memo.ts';

/**
 * The GitHub side of the approval check: a thin reader over the REST API that turns GitHub's answers
 * into the facts decide.ts works on. Every answer is kept for the run, so checking many posts asks
 * about each pull request, commit and team once. Who pushed to a pull request's branch comes from the
 * repository's activity (GET /repos/{owner}/{repo}/activity), the one record of a push that a commit's
 * own metadata cannot fake.
 */
export interface GitHubFacts {
  pullsFor(commit: string): Promise<PullFact[]>;
  reviews(pull: number): Promise<ReviewFact[]>;
  /** The pull request's commits, oldest first, each with what identifies a rebase merge's copy of it. */
  commits(pull: number): Promise<PullCommitFact[]>;
  /** Who pushed the pull request's commits to its branch, from the repository's activity. */
  pushers(pull: PullFact, commits: string[]): Promise<string[]>;
  /** The value of `path` (from the repository root) at `commit`, and its text when it is a file; null when it is not there. */
  fileAt(commit: string, path: string): Promise<{ value: string | null; text?: string }>;
  /** Members of "org/team", or why they could not be read. */
  team(team: string): Promise<{ members: string[] } | { error: string }>;
  canWrite(login: string): Promise<boolean>;
}

export interface GitHubFactsOptions {
  /** Reads the repository: GITHUB_TOKEN is enough. */
  octokit: Octokit;
  /** Reads team membership: needs the organisation's Members (read) permission, or read:org. */
  teamsOctokit?: Octokit;
  repository: string;
}

export function githubFacts({ octokit, teamsOctokit = octokit, repository }: GitHubFactsOptions): GitHubFacts {
  const [owner = '', repo = ''] = repository.split('/');
  const pullsFor = memoize(async (commit): Promise<PullFact[]> => {
    const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
      owner,
      repo,
      commit_sha: commit,
      per_page: 100,
    });
    return pulls.map((p) => ({
      number: p.number,
      url: p.html_url,
      author: p.user?.login ?? null,
      state: p.state,
      base: p.base.ref,
      mergedAt: p.merged_at,
      mergeCommit: p.merge_commit_sha,
      headRef: p.head.ref,
      headRepo: p.head.repo?.full_name ?? null,
      createdAt: p.created_at,
    }));
  });

  const reviews = memoize(async (pull): Promise<ReviewFact[]> => {
    const list = await octokit.paginate(octokit.rest.pulls.listReviews, {
      owner,
      repo,
      pull_number: Number(pull),
      per_page: 100,
    });
    return list.map((r) => ({
      id: r.id,
      login: r.user?.login ?? null,
      state: r.state,
      commit: r.commit_id,
      submittedAt: r.submitted_at ?? null,
      bot: r.user?.type === 'Bot',
    }));
  });

  const commits = memoize(async (pull): Promise<PullCommitFact[]> => {
    const list = await octokit.paginate(octokit.rest.pulls.listCommits, {
      owner,
      repo,
      pull_number: Number(pull),
      per_page: 100,
    });
    return list.map((c) => ({
      sha: c.sha,
      parents: c.parents.map((p) => p.sha),
      author: c.author?.login ?? null,
      committer: c.committer?.login ?? null,
      copy: copyKey(c.commit.author?.email ?? '', c.commit.author?.date ?? '', c.commit.message),
    }));
  });

  const activity = memoize(async (key): Promise<{ actor: string | null; after: string; at: string }[] | undefined> => {
    const [full = '', ref = ''] = key.split('\0');
    const [headOwner = '', headName = ''] = full.split('/');
    try {
      const list = await octokit.paginate(octokit.rest.repos.listActivities, {
        owner: headOwner,
        repo: headName,
        ref: `refs/heads/${ref}`,
        per_page: 100,
      });
      return list.map((a) => ({ actor: a.actor?.login ?? null, after: a.after, at: a.timestamp }));
    } catch (error) {
      // A fork the token cannot read, or a GitHub Enterprise Server without the endpoint: the commits' logins remain.
      if (error instanceof RequestError && (error.status === 404 || error.status === 403)) return undefined;
      throw error;
    }
  });

  const file = memoize(async (key): Promise<{ value: string | null; text?: string }> => {
    const at = key.indexOf(':');
    try {
      const { data } = await octokit.rest.repos.getContent({
        owner,
        repo,
        path: key.slice(at + 1),
        ref: key.slice(0, at),
      });
      if (Array.isArray(data)) return { value: null };
      if (data.type === 'symlink') return { value: `link:${data.sha}` };
      if (data.type === 'submodule') return { value: `module:${data.sha}` };
      if (data.type !== 'file') return { value: null };
      const text =
        'content' in data && data.encoding === 'base64'
          ? Buffer.from(data.content, 'base64').toString('utf8')
          : undefined;
      return { value: data.sha, ...(text === undefined ? {} : { text }) };
    } catch (error) {
      if (error instanceof RequestError && error.status === 404) return { value: null };
      throw error;
    }
  });

  const team = memoize(async (name): Promise<{ members: string[] } | { error: string }> => {
    const [org = '', team_slug = ''] = name.split('/');
    try {
      const members = await teamsOctokit.paginate(teamsOctokit.rest.teams.listMembersInOrg, {
        org,
        team_slug,
        per_page: 100,
      });
      return { members: members.map((m) => m.login) };
    } catch (error) {
      if (error instanceof RequestError && (error.status === 404 || error.status === 403)) {
        return {
          error: `GitHub answered ${error.status}: the team does not exist, or the token cannot see it. Team membership needs a token with the organisation's Members (read) permission, or read:org, in HERALD_TEAMS_TOKEN`,
        };
      }
      throw error;
    }
  });

  const writers = memoize(async (login): Promise<boolean> => {
    try {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
      return data.permission === 'admin' || data.permission === 'write';
    } catch (error) {
      if (error instanceof RequestError && error.status === 404) return false;
      throw error;
    }
  });

  return {
    pullsFor,
    reviews: (pull) => reviews(String(pull)),
    commits: (pull) => commits(String(pull)),
    async pushers(pull, shas) {
      if (!pull.headRef) return [];
      const found = await activity(`${pull.headRepo ?? repository}\0${pull.headRef}`);
      if (!found) return [];
      // The branch name may have served other pull requests before or since: keep the pushes of this one.
      const ours = new Set(shas);
      const from = pull.createdAt ?? '';
      const until = pull.mergedAt ?? '9999';
      return [
        ...new Set(
          found.filter((a) => a.actor && (ours.has(a.after) || (a.at >= from && a.at <= until))).map((a) => a.actor!),
        ),
      ];
    },
    fileAt: (commit, path) => file(`${commit}:${path}`),
    team: (name) => team(name.toLowerCase()),
    canWrite: (login) => writers(login.toLowerCase()),
  };
}

/** A GitHub error in words: what GitHub said and what to check. */
export function describeGitHubError(error: unknown): string {
  if (error instanceof RequestError && !error.response) return unreachable(error);
  if (error instanceof RequestError) {
    const said = (error.response?.data as { message?: string } | undefined)?.message ?? error.message;
    const hint =
      error.status === 401
        ? ' Check GITHUB_TOKEN.'
        : error.status === 403
          ? ' The token lacks a permission this needs, or the rate limit was reached.'
          : error.status === 422
            ? ' Is the commit pushed to GitHub?'
            : '';
    return `GitHub answered ${error.status} (${said}) to ${error.request.method} ${new URL(error.request.url).pathname}.${hint}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A request that got no answer at all. @octokit/request reports a failed fetch as a RequestError
 * with status 500 and no response; what failed is the cause of fetch's TypeError (Node's undici
 * sets a system error code such as ENOTFOUND).
 */
function unreachable(error: RequestError): string {
  const origin = new URL(error.request.url).origin;
  const fetchError = error.cause instanceof Error ? error.cause : undefined;
  const code = fetchError?.cause instanceof Error ? (fetchError.cause as NodeJS.ErrnoException).code : undefined;
  const host = new URL(origin).host;
  const why: Record<string, string> = {
    ENOTFOUND: `the name ${host} could not be looked up`,
    EAI_AGAIN: `the name ${host} could not be looked up`,
    ECONNREFUSED: `nothing answers at ${host}`,
    ECONNRESET: 'the connection was cut',
    ETIMEDOUT: 'it did not answer in time',
    UND_ERR_CONNECT_TIMEOUT: 'it did not answer in time',
  };
  const reason = (code && why[code]) ?? error.message;
  const address =
    origin === 'https://api.github.com' ? '' : `, and that GITHUB_API_URL (${origin}) is the right address`;
  return `GitHub could not be reached at ${origin}: ${reason}. Check the internet connection (a proxy or firewall may block it)${address}.`;
}
