import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Someone who commits: a git identity and the GitHub login it belongs to. */
export interface Person {
  login: string;
  name: string;
  email: string;
}

export const person = (login: string): Person => ({
  login,
  name: login[0]!.toUpperCase() + login.slice(1),
  email: `${login}@example.org`,
});

/**
 * A real git repository in a temporary folder, built commit by commit by a test: branches, merge
 * commits, squash and rebase merges, as GitHub would make them. Dates are fixed and increase with
 * each commit, so the history is the same on every run.
 */
export class TestRepo {
  readonly dir: string;
  private clock = Date.parse('2026-11-01T09:00:00Z');

  private constructor(dir: string) {
    this.dir = dir;
  }

  static create(branch = 'main'): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), 'herald-approvals-')));
    repo.git('init', '--quiet', '--initial-branch', branch);
    return repo;
  }

  /** Runs git in the repository and returns its output, trimmed. */
  git(...args: string[]): string {
    return this.gitAs(undefined, ...args);
  }

  private gitAs(who: Person | undefined, ...args: string[]): string {
    const date = new Date((this.clock += 60_000)).toISOString();
    const identity = who ?? person('herald');
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'],
        HOME: this.dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: identity.name,
        GIT_AUTHOR_EMAIL: identity.email,
        GIT_COMMITTER_NAME: identity.name,
        GIT_COMMITTER_EMAIL: identity.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    }).trim();
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path));
    return this;
  }

  /** Commits everything in the work tree as `who`; returns the new commit. */
  commit(who: Person, message = 'Change'): string {
    this.git('add', '--all');
    this.gitAs(who, 'commit', '--quiet', '--allow-empty', '-m', message);
    return this.head();
  }

  head(ref = 'HEAD'): string {
    return this.git('rev-parse', ref);
  }

  branch(name: string, from = 'main'): this {
    this.git('checkout', '--quiet', '-b', name, from);
    return this;
  }

  checkout(ref: string): this {
    this.git('checkout', '--quiet', ref);
    return this;
  }

  /** "Create a merge commit": main gets a merge commit whose second parent is the branch. */
  mergeCommit(branch: string, who: Person, into = 'main'): string {
    this.checkout(into);
    this.gitAs(who, 'merge', '--quiet', '--no-ff', '-m', `Merge branch ${branch}`, branch);
    return this.head();
  }

  /** "Squash and merge": one new commit on main with the branch's changes. */
  squashMerge(branch: string, who: Person, into = 'main'): string {
    this.checkout(into);
    this.gitAs(who, 'merge', '--quiet', '--squash', branch);
    this.gitAs(who, 'commit', '--quiet', '-m', `Squashed ${branch}`);
    return this.head();
  }

  /** "Rebase and merge": the branch's commits copied onto main; returns the copies, oldest first. */
  rebaseMerge(branch: string, who: Person, into = 'main'): string[] {
    const commits = this.git('rev-list', '--reverse', `${into}..${branch}`).split('\n').filter(Boolean);
    this.checkout(into);
    for (const commit of commits) this.gitAs(who, 'cherry-pick', '--allow-empty', commit);
    return this.git('rev-list', '--reverse', `${into}~${commits.length}..${into}`).split('\n');
  }

  /** The exact bytes of a blob. */
  bytes(blob: string): Buffer {
    return execFileSync('git', ['cat-file', 'blob', blob], { cwd: this.dir });
  }

  blob(rev: string, path: string): string {
    return this.git('rev-parse', `${rev}:${path}`);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
