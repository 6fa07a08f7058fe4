import { Octokit, RequestError } from 'octokit';
import type { Ledger } from '../../schemas/ledger.ts';
import { describeGitHubError } from '../approvals/github.ts';
import { LedgerError, parseLedger, serializeLedger } from '../../lib/ledger/format.ts';
import type { LedgerSnapshot, LedgerStore } from './store.ts';

export interface GitHubLedgerOptions {
  /** GITHUB_TOKEN in Actions: needs `contents: write`. */
  token: string;
  /** owner/name, as GITHUB_REPOSITORY. */
  repository: string;
  /** GITHUB_API_URL; https://api.github.com when not set. */
  apiUrl?: string;
  branch?: string;
  path?: string;
}

/** GitHub's clock, from the Date header of an answer, when there is a readable one. */
function serverTime(date: string | undefined): { serverTime?: number } {
  const at = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(at) ? {} : { serverTime: at };
}

/** 409 and 422 mean "someone else wrote first": never worth the client's own retries. */
const doNotRetry = [400, 401, 403, 404, 409, 410, 422, 451];

/**
 * The ledger as a file on its own branch (`herald-ledger`), written through GitHub's contents API,
 * so publishing never pushes to the protected default branch and every change is a commit anyone
 * can read. The version is the file's blob sha: a write that names an outdated sha gets 409, one
 * that creates a file someone else just created gets 422, and both mean "read again and retry".
 * The branch starts as an orphan holding only the ledger, so it carries none of the site's files.
 */
export class GitHubLedgerStore implements LedgerStore {
  readonly where: string;
  readonly #octokit: Octokit;
  readonly #owner: string;
  readonly #repo: string;
  readonly #branch: string;
  readonly #path: string;

  constructor(options: GitHubLedgerOptions) {
    const [owner, repo] = options.repository.split('/');
    if (!owner || !repo) throw new LedgerError(`GITHUB_REPOSITORY must be owner/name, not "${options.repository}"`);
    this.#owner = owner;
    this.#repo = repo;
    this.#branch = options.branch ?? 'herald-ledger';
    this.#path = options.path ?? 'ledger.json';
    this.where = `${options.repository}@${this.#branch}:${this.#path}`;
    this.#octokit = new Octokit({
      auth: options.token,
      ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
      retry: { doNotRetry },
      throttle: { enabled: false },
    });
  }

  async read(): Promise<LedgerSnapshot> {
    try {
      const { data, headers } = await this.#octokit.rest.repos.getContent({
        owner: this.#owner,
        repo: this.#repo,
        path: this.#path,
        ref: this.#branch,
      });
      if (Array.isArray(data) || data.type !== 'file') throw new LedgerError(`${this.where} is not a file`);
      // Above 1 MB the contents API leaves the content out; the blob API serves up to 100 MB.
      const base64 =
        data.encoding === 'base64' && data.content
          ? data.content
          : (await this.#octokit.rest.git.getBlob({ owner: this.#owner, repo: this.#repo, file_sha: data.sha })).data
              .content;
      return {
        ledger: parseLedger(Buffer.from(base64, 'base64').toString('utf8'), this.where),
        version: data.sha,
        ...serverTime(headers.date),
      };
    } catch (error) {
      if (error instanceof RequestError && error.status === 404)
        return {
          ledger: parseLedger(undefined, this.where),
          version: null,
          ...serverTime(error.response?.headers.date),
        };
      throw this.#explain(error, 'read');
    }
  }

  async write(ledger: Ledger, expected: string | null): Promise<string | null> {
    const content = serializeLedger(ledger);
    try {
      if (expected === null && !(await this.#branchExists())) return await this.#createBranch(content);
      const { data } = await this.#octokit.rest.repos.createOrUpdateFileContents({
        owner: this.#owner,
        repo: this.#repo,
        path: this.#path,
        branch: this.#branch,
        message: 'herald: record publishing',
        content: Buffer.from(content).toString('base64'),
        ...(expected ? { sha: expected } : {}),
      });
      return data.content?.sha ?? null;
    } catch (error) {
      if (error instanceof RequestError && (error.status === 409 || error.status === 422)) return null;
      throw this.#explain(error, 'write');
    }
  }

  async #branchExists(): Promise<boolean> {
    try {
      await this.#octokit.rest.git.getRef({ owner: this.#owner, repo: this.#repo, ref: `heads/${this.#branch}` });
      return true;
    } catch (error) {
      if (error instanceof RequestError && error.status === 404) return false;
      throw error;
    }
  }

  /** The first write: a commit with no parent holding only the ledger, and the branch pointing at it. */
  async #createBranch(content: string): Promise<string | null> {
    const { owner, repo } = { owner: this.#owner, repo: this.#repo };
    const tree = await this.#octokit.rest.git.createTree({
      owner,
      repo,
      tree: [{ path: this.#path, mode: '100644', type: 'blob', content }],
    });
    const commit = await this.#octokit.rest.git.createCommit({
      owner,
      repo,
      message: 'herald: start the publishing ledger',
      tree: tree.data.sha,
      parents: [],
    });
    // 422 "Reference already exists": another run created the branch first; the caller reads again.
    await this.#octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${this.#branch}`, sha: commit.data.sha });
    return tree.data.tree.find((entry) => entry.path === this.#path)?.sha ?? null;
  }

  #explain(error: unknown, doing: 'read' | 'write'): Error {
    if (error instanceof LedgerError) return error;
    if (error instanceof RequestError && !error.response)
      return new LedgerError(`cannot ${doing} the ledger ${this.where}: ${describeGitHubError(error)}`);
    if (error instanceof RequestError) {
      const hint =
        error.status === 401
          ? ' The token was refused.'
          : error.status === 403
            ? ' The token needs "contents: write" permission (permissions: contents: write in the workflow).'
            : '';
      return new LedgerError(
        `cannot ${doing} the ledger ${this.where}: GitHub answered ${error.status} ${error.message}.${hint}`,
      );
    }
    return new LedgerError(
      `cannot ${doing} the ledger ${this.where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
