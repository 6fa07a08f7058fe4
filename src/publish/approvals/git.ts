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
  history(file: string): Promise<FileHistory>;
}

export class GitError extends Error {}

function git(root: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd: root, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c');
      if (error) fail(new GitError(`git ${command} failed: ${(stderr || error.message).trim()}`));
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
  let at: string | undefined;
  for (const candidate of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
    if (await optional(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])) {
      at = candidate;
      break;
    }
  }
  if (!at) throw new GitError(`This clone has no branch ${branch} (nor origin/${branch}). Fetch it: git fetch origin ${branch}.`);
  const ref = at;

  const shallowFile = resolve(root, await git(root, ['rev-parse', '--git-path', 'shallow']));
  const boundary = new Set(existsSync(shallowFile) ? readFileSync(shallowFile, 'utf8').split('\n').filter(Boolean) : []);

  // One walk of the history and one listing of the tree answer for every post, instead of a walk per post.
  let index: Promise<{ lastChange: Map<string, string>; blobs: Map<string, string> }> | undefined;
  const indexContent = async () => {
    const [log, tree] = await Promise.all([
      // --first-parent: the default branch's own history; -m: list what each merge changed against it.
      git(root, ['-c', 'core.quotePath=false', 'log', '--first-parent', '-m', '--no-renames', '--name-only', '--format=%x00%H', ref, '--', contentDir]),
      git(root, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '--full-tree', ref, '--', `${prefix}${contentDir}`]),
    ]);
    const lastChange = new Map<string, string>();
    for (const entry of log.split('\0').filter(Boolean)) {
      const [sha = '', ...paths] = entry.split('\n').filter(Boolean);
      for (const path of paths) if (!lastChange.has(path)) lastChange.set(path, sha);
    }
    const blobs = new Map<string, string>();
    for (const line of tree.split('\n').filter(Boolean)) {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line);
      if (match) blobs.set(match[2]!, match[1]!);
    }
    return { lastChange, blobs };
  };

  return {
    async history(file) {
      const path = `${prefix}${file}`;
      const [working, { lastChange, blobs }] = await Promise.all([git(root, ['hash-object', '--', file]), (index ??= indexContent())]);
      const last = lastChange.get(path) ?? null;
      return { path, branch, working, onBranch: blobs.get(path) ?? null, lastChange: last, shallow: last !== null && boundary.has(last) };
    },
  };
}

/** Posts, handbook pages and herald.yaml: the files approvals are asked about. */
const contentDir = 'content';
