import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileHistory } from './decide.ts';

/**
 * What the checkout's git knows about a file, for the approval check. History comes from the local
 * clone, not the API: in Actions that needs the full history (actions/checkout with fetch-depth: 0);
 * a shallow clone is detected and reported rather than trusted.
 */
export interface GitHistory {
  /** The commit the default branch points at. */
  tip: string;
  history(file: string): Promise<FileHistory>;
}

export class GitError extends Error {}

function git(root: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new GitError(`git ${args[0]} failed: ${(stderr || error.message).trim()}`));
      else done(stdout.trim());
    });
  });
}

async function optional(root: string, args: string[]): Promise<string | null> {
  try {
    return (await git(root, args)) || null;
  } catch {
    return null;
  }
}

/**
 * Opens the git repository that holds `root` (the Herald project) and finds `branch`: the local branch
 * when there is one, else origin's copy of it.
 */
export async function openGitHistory(root: string, branch: string): Promise<GitHistory> {
  const top = await optional(root, ['rev-parse', '--show-toplevel']);
  if (!top) throw new GitError(`${root} is not in a git repository. Approvals are read from git history: run Herald in a clone of the repository.`);
  const prefix = await git(root, ['rev-parse', '--show-prefix']);
  let ref: string | undefined;
  let tip: string | null = null;
  for (const candidate of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
    tip = await optional(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (tip) {
      ref = candidate;
      break;
    }
  }
  if (!ref || !tip) throw new GitError(`This clone has no branch ${branch} (nor origin/${branch}). Fetch it: git fetch origin ${branch}.`);

  const shallowFile = resolve(root, await git(root, ['rev-parse', '--git-path', 'shallow']));
  const boundary = new Set(existsSync(shallowFile) ? readFileSync(shallowFile, 'utf8').split('\n').filter(Boolean) : []);
  const at = ref;

  return {
    tip,
    async history(file) {
      const [working, onBranch, lastChange] = await Promise.all([
        git(root, ['hash-object', '--', file]),
        optional(root, ['rev-parse', '--verify', '--quiet', `${at}:./${file}`]),
        optional(root, ['log', '-1', '--first-parent', '--format=%H', at, '--', file]),
      ]);
      return {
        path: `${prefix}${file}`,
        branch,
        working,
        onBranch,
        lastChange,
        shallow: lastChange !== null && boundary.has(lastChange),
      };
    },
  };
}
