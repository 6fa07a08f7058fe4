import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Octokit } from 'octokit';
import type { TestRepo } from '../approvals/git-fixture.ts';
import { startServer, type FakeServer, type SeenRequest } from './server.ts';

/**
 * GitHub's REST API faked at the HTTP boundary, the one every test that talks to GitHub uses, with
 * GitHub's response shapes (typed by octokit's own types), headers (Date, rate limits, Link-header
 * pagination with a small page size) and error bodies:
 *
 * - read from a real git repository, when it is given one: what the approval gate asks (pull requests
 *   of a commit, reviews, commits, contents, activity, permissions, team members);
 * - branches made through the API, held in memory: git refs, trees, commits and blobs, and contents
 *   written with the blob sha as compare-and-swap (409 on a stale sha, 422 when it is missing for an
 *   existing file), as the ledger branch and the keepalive use them. Shas are git's own (sha1 of
 *   "blob <size>\0<content>"), so a client cannot tell it from the real thing by its ids.
 */

type Data<F extends (...args: never[]) => Promise<{ data: unknown }>> = Awaited<ReturnType<F>>['data'];
type Rest = Octokit['rest'];
type PullSimple = Data<Rest['repos']['listPullRequestsAssociatedWithCommit']>[number];
type Review = Data<Rest['pulls']['listReviews']>[number];
type PullCommit = Data<Rest['pulls']['listCommits']>[number];
type Member = Data<Rest['teams']['listMembersInOrg']>[number];
type Permission = Data<Rest['repos']['getCollaboratorPermissionLevel']>;
type Content = Extract<Data<Rest['repos']['getContent']>, { type: 'file' }>;
type Repository = PullSimple['base']['repo'];
type FullRepository = Data<Rest['repos']['get']>;
type Ref = Data<Rest['git']['getRef']>;
type FileCommit = Data<Rest['repos']['createOrUpdateFileContents']>;
type User = NonNullable<PullSimple['user']>;
type Activity = Data<Rest['repos']['listActivities']>[number];
type Tree = Data<Rest['git']['createTree']>;
type GitBlob = Data<Rest['git']['getBlob']>;

export interface FakePull {
  number: number;
  author: string;
  branch: string;
  /** The branch it is proposed for: main unless said otherwise. */
  base?: string;
  title: string;
  /** Where the branch started from main. */
  baseSha: string;
  /** Frozen when merged; the branch tip until then. */
  headSha?: string;
  merged?: { sha: string; at: string; by: string };
  /** For rebase merges: the copies on main GitHub associates with the pull request. */
  rebased?: string[];
  /** The pull request's commits, fixed once it is merged. */
  commits?: string[];
  createdAt: string;
}

/** A push to a branch, as the repository's activity records it: who pushed, not who the commits claim wrote them. */
interface FakeActivity {
  id: number;
  ref: string;
  before: string;
  after: string;
  actor: string;
  type: Activity['activity_type'];
  at: string;
}

interface FakeReview {
  id: number;
  pull: number;
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit: string;
  submittedAt: string;
}

/** A branch made through the API: its tip and its files (path → text). */
interface ApiBranch {
  sha: string;
  files: Map<string, string>;
}

interface Fault {
  path: RegExp;
  status: number;
  body: string;
  times: number;
}

const docs = 'https://docs.github.com/rest';

/** A commit as git log prints it: author name, email, date, committer name, email, date, tree, parents, message. */
type CommitFields = [string, string, string, string, string, string, string, string, string];

/** The token the fake accepts unless it is given another. */
export const githubToken = 'ghs_test-installation-token';

export interface FakeGitHubOptions {
  /** The git repository the fake answers about (commits, pull requests, contents of its branches). */
  repo?: TestRepo;
  token?: string;
  /** owner/name; riverside/social unless said otherwise. */
  repository?: string;
}

export class FakeGitHub {
  readonly owner: string;
  readonly name: string;
  /** Every request, as "METHOD /path?query". */
  readonly requests: string[] = [];
  /** Members of each "org/team". */
  teams: Record<string, string[]> = {};
  /** Repository permission by login: admin, write, read (anyone else: read, as on a public repository). */
  permissions: Record<string, 'admin' | 'write' | 'read'> = {};
  /** Largest page GitHub sends here, so pagination is exercised with a few items. */
  pageSize = 2;
  /** A token that may read teams; the repository token gets GitHub's 403 on team endpoints. */
  teamsToken?: string;
  /** When the repository last saw a push, and whether it is private (GET /repos/{owner}/{repo}). */
  pushedAt = '2026-11-10T10:00:00Z';
  private = false;
  /** Whether the token may enable workflows (actions: write). */
  actionsWrite = true;
  /** Branches made through the API (git refs, trees, commits and contents endpoints), by name. */
  readonly branches = new Map<string, ApiBranch>();
  /** Workflows enabled through the API. */
  readonly enabled: string[] = [];
  /** Answers the next N PUTs to contents with 409, as when another writer got there first. */
  conflicts = 0;
  /** Carries out the next N PUTs to contents, then cuts the connection: the writer never hears it worked. */
  lostAnswers = 0;
  /** GitHub's clock, epoch ms: every answer's Date header. */
  now = Date.parse('2026-12-03T17:31:00Z');

  private readonly pulls: FakePull[] = [];
  private readonly reviews: FakeReview[] = [];
  private readonly activities: FakeActivity[] = [];
  private readonly faults: Fault[] = [];
  /** Trees and commits made through the git API, before a ref points at them: sha → files. */
  private readonly trees = new Map<string, Map<string, string>>();
  private readonly commits = new Map<string, string>();
  private readonly blobs = new Map<string, string>();
  /** The time stamps of pull requests, reviews and pushes: a minute apart, in order. */
  private clock = Date.parse('2026-11-10T10:00:00Z');
  private server?: FakeServer;
  url = '';

  private readonly gitRepo: TestRepo | undefined;
  readonly token: string;

  constructor({ repo, token = githubToken, repository = 'riverside/social' }: FakeGitHubOptions = {}) {
    this.gitRepo = repo;
    this.token = token;
    [this.owner, this.name] = repository.split('/') as [string, string];
  }

  /** The repository behind the fake; without one, what it would answer from is not found. */
  private get repo(): TestRepo {
    if (!this.gitRepo) throw new Error('this fake GitHub has no git repository');
    return this.gitRepo;
  }

  async start(): Promise<this> {
    this.server = await startServer((request, res) => {
      try {
        const text = request.body.toString('utf8');
        this.handle(request, res, text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        send(res, 500, { message: `fake GitHub failed: ${String(error)}`, documentation_url: docs, status: '500' });
      }
    });
    this.url = this.server.url;
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  /** A file's text on a branch made through the API. */
  file(branch: string, path: string): string | undefined {
    return this.branches.get(branch)?.files.get(path);
  }

  /** Puts a file on a branch behind the API's back (creating the branch), as a push by someone else would. */
  setFile(branch: string, path: string, text: string): void {
    const found = this.branches.get(branch) ?? {
      sha: commitSha(`${branch} ${path}`),
      files: new Map<string, string>(),
    };
    found.files.set(path, text);
    this.branches.set(branch, found);
  }

  /** Remembers a text as a blob (GET /git/blobs answers it) and gives its id. */
  private blob(text: string): string {
    const sha = gitBlobSha(text);
    this.blobs.set(sha, text);
    return sha;
  }

  private tick(): string {
    return new Date((this.clock += 60_000)).toISOString().replace('.000', '');
  }

  openPull(branch: string, author: string, title = `Post from ${branch}`, base = 'main'): number {
    const number = this.pulls.length + 1;
    this.pulls.push({
      number,
      author,
      branch,
      title,
      base,
      baseSha: this.repo.git('merge-base', base, branch),
      createdAt: this.tick(),
    });
    return number;
  }

  /** Records that `actor` pushed `branch` from `before` to its tip, as the repository's activity shows it. */
  pushed(
    branch: string,
    actor: string,
    before: string | null,
    type: FakeActivity['type'] = before ? 'push' : 'branch_creation',
  ): void {
    this.activity({
      ref: `refs/heads/${branch}`,
      before: before ?? '0'.repeat(40),
      after: this.repo.head(branch),
      actor,
      type,
      at: this.tick(),
    });
  }

  /** Records the merge GitHub would have made (the test makes it in git). */
  merged(number: number, sha: string, by: string, rebased?: string[]): void {
    const pull = this.pull(number);
    pull.headSha = this.repo.head(pull.branch);
    // The pull request's commits: its head's, less what the base branch had before the merge.
    const before = this.repo.git('rev-parse', `${rebased?.[0] ?? sha}^1`);
    pull.commits = this.repo
      .git('rev-list', '--reverse', '--topo-order', pull.headSha, '--not', before)
      .split('\n')
      .filter(Boolean);
    pull.merged = { sha, at: this.tick(), by };
    pull.rebased = rebased;
    this.index(pull);
  }

  /**
   * A merged pull request given whole, for histories too long to build step by step (the benchmark):
   * its commits, where it started and where it landed, and its reviews and pushes as they happened.
   */
  addMerged(
    pull: Omit<FakePull, 'number' | 'title'> & { merged: NonNullable<FakePull['merged']>; commits: string[] },
    reviews: Omit<FakeReview, 'id' | 'pull'>[],
    pushes: Omit<FakeActivity, 'id'>[],
  ): number {
    const number = this.pulls.length + 1;
    const added: FakePull = { ...pull, number, title: `Post from ${pull.branch}` };
    this.pulls.push(added);
    this.index(added);
    for (const review of reviews) {
      const full = { ...review, id: 80_000 + this.reviews.length + 1, pull: number };
      this.reviews.push(full);
      this.reviewsOf.set(number, [...(this.reviewsOf.get(number) ?? []), full]);
    }
    for (const push of pushes) this.activity(push);
    return number;
  }

  /** Reads every commit of the repository once, so answers about commits need no git process. */
  preloadCommits(): void {
    const log = this.repo.git(
      'log',
      '--all',
      '--format=%H%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%T%x00%P%x00%B%x01',
    );
    for (const entry of log.split('\x01')) {
      const fields = entry.replace(/^\n/, '').split('\0');
      if (fields.length < 10) continue;
      this.byCommit.set(`commit ${fields[0]}`, fields[0]);
      this.byCommit.set(`json ${fields[0]}`, this.commitFromFields(fields[0]!, fields.slice(1) as CommitFields));
    }
  }

  private readonly mergedWith = new Map<string, FakePull[]>();
  private readonly reviewsOf = new Map<number, FakeReview[]>();
  private readonly activitiesOf = new Map<string, FakeActivity[]>();

  private index(pull: FakePull): void {
    const shas = new Set([pull.merged!.sha, ...(pull.rebased ?? []), ...(pull.commits ?? [])]);
    for (const sha of shas) this.mergedWith.set(sha, [...(this.mergedWith.get(sha) ?? []), pull]);
  }

  private activity(push: Omit<FakeActivity, 'id'>): void {
    const full = { ...push, id: 70_000 + this.activities.length + 1 };
    this.activities.push(full);
    this.activitiesOf.set(full.ref, [...(this.activitiesOf.get(full.ref) ?? []), full]);
  }

  review(
    number: number,
    login: string,
    state: FakeReview['state'],
    commit = this.repo.head(this.pull(number).branch),
  ): number {
    const id = 80_000 + this.reviews.length + 1;
    const review = { id, pull: number, login, state, commit, submittedAt: this.tick() };
    this.reviews.push(review);
    this.reviewsOf.set(number, [...(this.reviewsOf.get(number) ?? []), review]);
    return id;
  }

  /** "Dismiss review": GitHub turns the review's state into DISMISSED. */
  dismiss(id: number): void {
    this.reviews.find((r) => r.id === id)!.state = 'DISMISSED';
  }

  /** The next `times` requests whose path matches get `status` with GitHub's body for it. */
  fail(path: RegExp, status: number, message: string, times = 1): void {
    this.faults.push({
      path,
      status,
      body: JSON.stringify({ message, documentation_url: docs, status: String(status) }),
      times,
    });
  }

  private pull(number: number): FakePull {
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw new Error(`no pull request #${number}`);
    return pull;
  }

  private pullCommits(pull: FakePull): string[] {
    if (pull.commits) return pull.commits;
    const head = pull.headSha ?? this.repo.head(pull.branch);
    return this.repo.git('rev-list', '--reverse', '--topo-order', head, '--not', 'main').split('\n').filter(Boolean);
  }

  private handle(req: SeenRequest, res: ServerResponse, body: Record<string, unknown>): void {
    res.setHeader('Date', new Date(this.now).toUTCString());
    const url = new URL(req.path, this.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const fault = this.faults.find((f) => f.times > 0 && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      res.writeHead(fault.status, { 'content-type': 'application/json; charset=utf-8' }).end(fault.body);
      return;
    }
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (auth !== this.token && auth !== this.teamsToken) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: docs, status: '401' });
    }
    const repoPath = `/repos/${this.owner}/${this.name}`;
    const path = decodeURIComponent(url.pathname);
    let match: RegExpExecArray | null;

    if (req.method !== 'GET') return this.write(req, res, path, body);
    if (path === repoPath) return send(res, 200, this.fullRepositoryJson());
    if ((match = new RegExp(`^${repoPath}/git/ref/heads/(.+)$`).exec(path))) {
      const sha = this.branches.get(match[1]!)?.sha ?? this.commitOf(`refs/heads/${match[1]}`);
      if (!sha) return notFound(res, `${docs}/git/refs#get-a-reference`);
      return send(res, 200, this.refJson(match[1]!, sha));
    }
    if ((match = new RegExp(`^${repoPath}/git/blobs/([0-9a-f]{40})$`).exec(path))) {
      const sha = match[1]!;
      const text = this.blobs.get(sha);
      if (text === undefined) return notFound(res, `${docs}/git/blobs#get-a-blob`);
      const bytes = Buffer.from(text);
      return send(res, 200, {
        sha,
        node_id: `B_${sha.slice(0, 12)}`,
        size: bytes.length,
        url: `${this.url}${path}`,
        encoding: 'base64',
        content: bytes.toString('base64').replace(/.{60}/g, '$&\n'),
      } satisfies GitBlob);
    }
    const apiFile = new RegExp(`^${repoPath}/contents/(.+)$`).exec(path);
    const ref = url.searchParams.get('ref') ?? 'main';
    const branch = this.branches.get(ref);
    if (apiFile && branch) {
      const text = branch.files.get(apiFile[1]!);
      if (text === undefined) return notFound(res, `${docs}/repos/contents#get-repository-content`);
      const bytes = Buffer.from(text);
      return this.fileContent(res, apiFile[1]!, ref, this.blob(text), bytes);
    }
    if ((match = new RegExp(`^${repoPath}/commits/([^/]+)/pulls$`).exec(path))) {
      const sha = this.commitOf(match[1]!);
      if (!sha) {
        return send(res, 422, {
          message: `No commit found for SHA: ${match[1]}`,
          documentation_url: `${docs}/commits/commits#list-pull-requests-associated-with-a-commit`,
          status: '422',
        });
      }
      // Merged ones from the index; an open one only lists a commit that is not on main yet.
      const open = this.pulls.filter((p) => !p.merged && this.pullCommits(p).includes(sha));
      const found = [
        ...(this.mergedWith.get(sha) ?? []),
        ...(open.length && !this.isAncestor(sha, 'main') ? open : []),
      ].sort((a, b) => a.number - b.number);
      return this.page(
        res,
        url,
        found.map((p) => this.pullJson(p)),
      );
    }
    if ((match = new RegExp(`^${repoPath}/pulls/(\\d+)/reviews$`).exec(path))) {
      const number = Number(match[1]);
      const list = (this.reviewsOf.get(number) ?? [])
        .filter((r) => r.state !== 'PENDING')
        .map((r) => this.reviewJson(r));
      return this.page(res, url, list);
    }
    if ((match = new RegExp(`^${repoPath}/pulls/(\\d+)/commits$`).exec(path))) {
      const pull = this.pulls.find((p) => p.number === Number(match![1]));
      if (!pull) return notFound(res);
      return this.page(
        res,
        url,
        this.pullCommits(pull).map((sha) => this.commitJson(sha)),
      );
    }
    if ((match = new RegExp(`^${repoPath}/contents/(.+)$`).exec(path))) {
      return this.content(res, match[1]!, url.searchParams.get('ref') ?? 'main');
    }
    if (path === `${repoPath}/activity`) {
      const ref = url.searchParams.get('ref');
      const wanted = ref && !ref.startsWith('refs/') ? `refs/heads/${ref}` : ref;
      const list = (wanted ? (this.activitiesOf.get(wanted) ?? []) : this.activities).slice().reverse();
      return this.page(
        res,
        url,
        list.map((a) => this.activityJson(a)),
      );
    }
    if ((match = new RegExp(`^${repoPath}/collaborators/([^/]+)/permission$`).exec(path))) {
      const login = match[1]!;
      const permission = this.permissions[login] ?? 'read';
      const body: Permission = {
        permission,
        role_name: permission,
        user: {
          ...user(login),
          permissions: {
            admin: permission === 'admin',
            maintain: false,
            push: permission !== 'read',
            triage: permission !== 'read',
            pull: true,
          },
          role_name: permission,
        },
      };
      return send(res, 200, body);
    }
    if ((match = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(path))) {
      if (auth !== this.teamsToken) {
        return send(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: `${docs}/teams/members#list-team-members`,
          status: '403',
        });
      }
      const members = this.teams[`${match[1]}/${match[2]}`.toLowerCase()];
      if (!members) return notFound(res);
      return this.page(
        res,
        url,
        members.map((login): Member => user(login)),
      );
    }
    notFound(res);
  }

  /** The API's write endpoints: make a tree, a commit and a branch, write a file, enable a workflow. */
  private write(req: SeenRequest, res: ServerResponse, path: string, body: Record<string, unknown>): void {
    const repoPath = `/repos/${this.owner}/${this.name}`;
    let match: RegExpExecArray | null;
    if (req.method === 'POST' && path === `${repoPath}/git/trees`) {
      const entries = body['tree'] as { path: string; mode: string; type: string; content: string }[];
      const files = new Map(entries.map((entry) => [entry.path, entry.content]));
      const sha = commitSha(JSON.stringify([...files]));
      this.trees.set(sha, files);
      const tree: Tree = {
        sha,
        url: `${this.url}${repoPath}/git/trees/${sha}`,
        truncated: false,
        tree: entries.map((entry) => ({
          path: entry.path,
          mode: entry.mode,
          type: 'blob',
          sha: this.blob(entry.content),
          size: Buffer.byteLength(entry.content),
        })),
      };
      return send(res, 201, tree);
    }
    if (req.method === 'POST' && path === `${repoPath}/git/commits`) {
      const tree = String(body['tree']);
      const parents = (body['parents'] as string[] | undefined) ?? [];
      if (!this.trees.has(tree))
        return send(res, 422, {
          message: 'Tree SHA does not exist',
          documentation_url: `${docs}/git/commits#create-a-commit`,
          status: '422',
        });
      const sha = commitSha(`${tree}${String(body['message'])}${parents.join()}`);
      this.commits.set(sha, tree);
      return send(res, 201, {
        sha,
        message: String(body['message']),
        tree: { sha: tree },
        parents: parents.map((parent) => ({ sha: parent })),
      });
    }
    if (req.method === 'POST' && path === `${repoPath}/git/refs`) {
      const name = String(body['ref']).replace(/^refs\/heads\//, '');
      const sha = String(body['sha']);
      if (this.branches.has(name) || this.commitOf(`refs/heads/${name}`)) {
        return send(res, 422, {
          message: 'Reference already exists',
          documentation_url: `${docs}/git/refs#create-a-reference`,
          status: '422',
        });
      }
      const tree = this.commits.get(sha);
      if (!tree && !this.commitOf(sha))
        return send(res, 422, {
          message: 'Object does not exist',
          documentation_url: `${docs}/git/refs#create-a-reference`,
          status: '422',
        });
      this.branches.set(name, { sha, files: new Map(tree ? this.trees.get(tree) : []) });
      return send(res, 201, this.refJson(name, sha));
    }
    if (req.method === 'PUT' && (match = new RegExp(`^${repoPath}/contents/(.+)$`).exec(path))) {
      const file = match[1]!;
      const branch = this.branches.get(String(body['branch']));
      if (!branch)
        return send(res, 404, {
          message: `Branch ${String(body['branch'])} not found`,
          documentation_url: `${docs}/repos/contents#create-or-update-file-contents`,
          status: '404',
        });
      const existing = branch.files.get(file);
      if (this.conflicts > 0) {
        this.conflicts--;
        return send(res, 409, {
          message: `${file} does not match ${String(body['sha'] ?? '')}`,
          documentation_url: `${docs}/repos/contents#create-or-update-file-contents`,
          status: '409',
        });
      }
      if (existing !== undefined && body['sha'] === undefined) {
        return send(res, 422, {
          message: 'Invalid request.\n\n"sha" wasn\'t supplied.',
          documentation_url: `${docs}/repos/contents#create-or-update-file-contents`,
          status: '422',
        });
      }
      if (existing !== undefined && body['sha'] !== gitBlobSha(existing)) {
        return send(res, 409, {
          message: `${file} does not match ${String(body['sha'])}`,
          documentation_url: `${docs}/repos/contents#create-or-update-file-contents`,
          status: '409',
        });
      }
      const text = Buffer.from(String(body['content']), 'base64').toString('utf8');
      const blob = this.blob(text);
      const commit = commitSha(`${branch.sha}${blob}${String(body['message'])}`);
      branch.files.set(file, text);
      branch.sha = commit;
      this.pushedAt = this.tick();
      if (this.lostAnswers > 0) {
        this.lostAnswers--;
        res.socket?.destroy();
        return;
      }
      const result: FileCommit = {
        content: { name: file.split('/').at(-1), path: file, sha: blob, size: Buffer.byteLength(text), type: 'file' },
        commit: {
          sha: commit,
          message: String(body['message']),
          parents: [],
          author: {
            date: this.pushedAt,
            name: 'github-actions[bot]',
            email: '41898282+github-actions[bot]@users.noreply.github.com',
          },
        },
      };
      return send(res, existing === undefined ? 201 : 200, result);
    }
    if (req.method === 'PUT' && (match = new RegExp(`^${repoPath}/actions/workflows/([^/]+)/enable$`).exec(path))) {
      if (!this.actionsWrite)
        return send(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: `${docs}/actions/workflows#enable-a-workflow`,
          status: '403',
        });
      this.enabled.push(match[1]!);
      res.writeHead(204).end();
      return;
    }
    notFound(res);
  }

  private refJson(branch: string, sha: string): Ref {
    const api = `${this.url}/repos/${this.owner}/${this.name}`;
    return {
      ref: `refs/heads/${branch}`,
      node_id: `REF_${branch}`,
      url: `${api}/git/refs/heads/${branch}`,
      object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` },
    };
  }

  private fullRepositoryJson(): FullRepository {
    return {
      ...this.repositoryJson(),
      private: this.private,
      visibility: this.private ? 'private' : 'public',
      pushed_at: this.pushedAt,
      created_at: '2026-01-05T08:00:00Z',
      updated_at: this.pushedAt,
      has_discussions: false,
      network_count: 0,
      subscribers_count: 1,
    };
  }

  /** Answers about a commit id never change, so they are looked up in git once (branches do move). */
  private readonly byCommit = new Map<string, unknown>();
  private once<T>(key: string, fixed: boolean, lookup: () => T): T {
    if (fixed && this.byCommit.has(key)) return this.byCommit.get(key) as T;
    const value = lookup();
    if (fixed) this.byCommit.set(key, value);
    return value;
  }

  private commitOf(ref: string): string | undefined {
    return this.once(`commit ${ref}`, isSha(ref), () => {
      try {
        return this.repo.git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
      } catch {
        return undefined;
      }
    });
  }

  private isAncestor(sha: string, ref: string): boolean {
    try {
      this.repo.git('merge-base', '--is-ancestor', sha, ref);
      return true;
    } catch {
      return false;
    }
  }

  private page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100, this.pageSize);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(n));
      return `<${next}>`;
    };
    const links = [
      ...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
      ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : []),
    ];
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  }

  private content(res: ServerResponse, path: string, ref: string): void {
    const entry = this.once(`entry ${ref}:${path}`, isSha(ref), () => {
      try {
        const listing = this.repo.git('ls-tree', '--full-tree', ref, '--', path);
        const match = /^(\d{6}) (\w+) ([0-9a-f]+)\t/.exec(listing);
        return match ? { mode: match[1]!, type: match[2]!, sha: match[3]! } : undefined;
      } catch {
        return undefined;
      }
    });
    if (!entry || entry.type !== 'blob') return notFound(res, `${docs}/repos/contents#get-repository-content`);
    const blob = entry.sha;
    const bytes = this.once(`bytes ${blob}`, true, () => this.repo.bytes(blob));
    if (entry.mode === '120000') {
      const { url: api, git_url: git, html_url: html } = this.fileLinks(path, ref, blob);
      // GitHub answers a symbolic link with its target, not the content of what it points to.
      return send(res, 200, {
        type: 'symlink',
        target: bytes.toString('utf8'),
        size: bytes.length,
        name: path.split('/').at(-1)!,
        path,
        sha: blob,
        url: api,
        git_url: git,
        html_url: html,
        download_url: null,
        _links: { self: api, git, html },
      });
    }
    this.fileContent(res, path, ref, blob, bytes);
  }

  private fileLinks(path: string, ref: string, blob: string): { url: string; git_url: string; html_url: string } {
    return {
      url: `${this.url}/repos/${this.owner}/${this.name}/contents/${path}?ref=${ref}`,
      git_url: `${this.url}/repos/${this.owner}/${this.name}/git/blobs/${blob}`,
      html_url: `https://github.com/${this.owner}/${this.name}/blob/${ref}/${path}`,
    };
  }

  /** A file as the contents API answers it: base64 in lines of 60 characters, as GitHub sends it. */
  private fileContent(res: ServerResponse, path: string, ref: string, blob: string, bytes: Buffer): void {
    const { url: api, git_url: git, html_url: html } = this.fileLinks(path, ref, blob);
    const body: Content = {
      type: 'file',
      encoding: 'base64',
      size: bytes.length,
      name: path.split('/').at(-1)!,
      path,
      content: bytes.toString('base64').replace(/.{60}/g, '$&\n'),
      sha: blob,
      url: api,
      git_url: git,
      html_url: html,
      download_url: `https://raw.githubusercontent.com/${this.owner}/${this.name}/${ref}/${path}`,
      _links: { self: api, git, html },
    };
    send(res, 200, body);
  }

  private pullJson(pull: FakePull): PullSimple {
    const base = `${this.url}/repos/${this.owner}/${this.name}`;
    const html = `https://github.com/${this.owner}/${this.name}/pull/${pull.number}`;
    const head = pull.headSha ?? this.repo.head(pull.branch);
    const repository = this.repositoryJson();
    const link = (href: string) => ({ href });
    return {
      url: `${base}/pulls/${pull.number}`,
      id: 1_000_000 + pull.number,
      node_id: `PR_${pull.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${base}/issues/${pull.number}`,
      commits_url: `${base}/pulls/${pull.number}/commits`,
      review_comments_url: `${base}/pulls/${pull.number}/comments`,
      review_comment_url: `${base}/pulls/comments{/number}`,
      comments_url: `${base}/issues/${pull.number}/comments`,
      statuses_url: `${base}/statuses/${head}`,
      number: pull.number,
      state: pull.merged ? 'closed' : 'open',
      locked: false,
      title: pull.title,
      user: user(pull.author),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: pull.createdAt,
      updated_at: pull.merged?.at ?? pull.createdAt,
      closed_at: pull.merged?.at ?? null,
      merged_at: pull.merged?.at ?? null,
      merge_commit_sha: pull.merged?.sha ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: {
        label: `${this.owner}:${pull.branch}`,
        ref: pull.branch,
        repo: repository,
        sha: head,
        user: user(this.owner),
      },
      base: {
        label: `${this.owner}:${pull.base ?? 'main'}`,
        ref: pull.base ?? 'main',
        repo: repository,
        sha: pull.baseSha,
        user: user(this.owner),
      },
      _links: {
        comments: link(`${base}/issues/${pull.number}/comments`),
        commits: link(`${base}/pulls/${pull.number}/commits`),
        statuses: link(`${base}/statuses/${head}`),
        html: link(html),
        issue: link(`${base}/issues/${pull.number}`),
        review_comments: link(`${base}/pulls/${pull.number}/comments`),
        review_comment: link(`${base}/pulls/comments{/number}`),
        self: link(`${base}/pulls/${pull.number}`),
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: false,
    };
  }

  private activityJson(activity: FakeActivity): Activity {
    return {
      id: activity.id,
      node_id: `RA_${activity.id}`,
      before: activity.before,
      after: activity.after,
      ref: activity.ref,
      timestamp: activity.at,
      activity_type: activity.type,
      actor: user(activity.actor),
    };
  }

  private reviewJson(review: FakeReview): Review {
    const html = `https://github.com/${this.owner}/${this.name}/pull/${review.pull}#pullrequestreview-${review.id}`;
    const pullUrl = `${this.url}/repos/${this.owner}/${this.name}/pulls/${review.pull}`;
    return {
      id: review.id,
      node_id: `PRR_${review.id}`,
      user: user(review.login),
      body: review.state === 'CHANGES_REQUESTED' ? 'Please change the wording.' : '',
      state: review.state,
      html_url: html,
      pull_request_url: pullUrl,
      _links: { html: { href: html }, pull_request: { href: pullUrl } },
      submitted_at: review.submittedAt,
      commit_id: review.commit,
      author_association: 'MEMBER',
    };
  }

  private commitJson(sha: string): PullCommit {
    return this.once(`json ${sha}`, true, () => this.readCommit(sha));
  }

  private readCommit(sha: string): PullCommit {
    return this.commitFromFields(
      sha,
      this.repo
        .git('show', '--no-patch', '--format=%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%T%x00%P%x00%B', sha)
        .split('\0') as CommitFields,
    );
  }

  private commitFromFields(sha: string, fields: CommitFields): PullCommit {
    const [authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, tree, parents, message] =
      fields;
    const base = `${this.url}/repos/${this.owner}/${this.name}`;
    const html = `https://github.com/${this.owner}/${this.name}/commit/${sha}`;
    const login = (email: string) => (email.endsWith('@example.org') ? user(email.split('@')[0]!) : null);
    return {
      url: `${base}/commits/${sha}`,
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      html_url: html,
      comments_url: `${base}/commits/${sha}/comments`,
      commit: {
        url: `${base}/git/commits/${sha}`,
        author: { name: authorName, email: authorEmail, date: authorDate },
        committer: { name: committerName, email: committerEmail, date: committerDate },
        message: message.trim(),
        comment_count: 0,
        tree: { sha: tree, url: `${base}/git/trees/${tree}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: login(authorEmail),
      committer: login(committerEmail),
      parents: parents
        .split(' ')
        .filter(Boolean)
        .map((p) => ({
          sha: p,
          url: `${base}/commits/${p}`,
          html_url: `https://github.com/${this.owner}/${this.name}/commit/${p}`,
        })),
    };
  }

  private repositoryJson(): Repository {
    const full = `${this.owner}/${this.name}`;
    const api = `${this.url}/repos/${full}`;
    return {
      id: 424242,
      node_id: 'R_kgDOHerald',
      name: this.name,
      full_name: full,
      license: null,
      forks: 0,
      owner: user(this.owner),
      private: false,
      html_url: `https://github.com/${full}`,
      description: 'Our social media calendar',
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${full}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${full}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `https://github.com/${full}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: `https://github.com/${full}`,
      homepage: null,
      language: 'TypeScript',
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 120,
      default_branch: 'main',
      open_issues_count: 0,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: true,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: '2026-11-10T10:00:00Z',
      created_at: '2026-01-05T08:00:00Z',
      updated_at: '2026-11-10T10:00:00Z',
      allow_forking: true,
      web_commit_signoff_required: false,
      open_issues: 0,
      watchers: 0,
    };
  }
}

function user(login: string): User {
  const id = [...login].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) % 9_000_000;
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    // GitHub Apps act through accounts named like github-actions[bot].
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': '1790000000',
    'x-ratelimit-used': '1',
    'x-ratelimit-resource': 'core',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const isSha = (ref: string) => /^[0-9a-f]{40}$/.test(ref);

/** Git's id of a blob: sha1 of "blob <size>\0" and the bytes. */
function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** An id shaped like a commit's, for commits and trees the fake makes without git. */
function commitSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

function notFound(res: ServerResponse, documentation = docs): void {
  send(res, 404, { message: 'Not Found', documentation_url: documentation, status: '404' });
}
