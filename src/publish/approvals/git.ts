import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * What the checkout's git knows, for the approval check: the default branch's first-parent history
 * of every file under content/, the values files have in any commit this clone holds, and the bytes
 * of reviewed blobs. History comes from the local clone, not the API: in Actions that needs the full
 * history (actions/checkout with fetch-depth: 0); where a shallow clone cuts it off, the commits at
 * the cut are marked, and the rules refuse rather than guess.
 *
 * A file's value is its blob id; a symbolic link's is `link:<blob>` and a submodule's `module:<commit>`,
 * so neither can ever equal a reviewed file.
 */

/** One change of a file on the default branch: the first-parent commit, and its value before and after. */
export interface Change {
  commit: string;
  before: string | null;
  after: string | null;
}

export interface GitHistory {
  /** The branch read, as herald.yaml names it. */
  readonly branch: string;
  /** The project's folder inside the repository ("" at its root, else ending in "/"). */
  readonly prefix: string;
  /** The value of `path` (from the repository root) at the tip of the branch; null when it is not there. */
  tip(path: string): Promise<string | null>;
  /** The changes of `path` on the branch's first-parent line, newest first. */
  changes(path: string): Promise<Change[]>;
  /** Whether a shallow clone's history stops at `commit`. */
  shallow(commit: string): boolean;
  /** The blob id of the file as it is in the work tree, byte for byte (no .gitattributes conversion); null when missing. */
  working(file: string): Promise<string | null>;
  /** The value of `path` at `commit`; undefined when this clone does not have the commit. */
  valueAt(commit: string, path: string): Promise<string | null | undefined>;
  /** The path a file created in `commit` was renamed from, as git's rename detection (and GitHub's diff) sees it. */
  renamedFrom(commit: string, path: string): Promise<string | undefined>;
  /** The commit and the `count - 1` before it on the first-parent line, newest first, with their parents and what identifies a copy. */
  firstParents(commit: string, count: number): Promise<{ sha: string; parents: string[]; copy: string }[]>;
  /** A blob's bytes. */
  bytes(blob: string): Promise<Uint8Array>;
}

export class GitError extends Error {}

async function git(root: string, args: string[]): Promise<string> {
  return ((await run(root, args, 'utf8')) as string).trim();
}

function run(root: string, args: string[], encoding: 'utf8' | 'buffer'): Promise<string | Buffer> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd: root, maxBuffer: 1024 * 1024 * 1024, encoding }, (error, stdout, stderr) => {
      const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c');
      if (error) fail(new GitError(`git ${command} failed: ${(stderr.toString() || error.message).trim()}`));
      else done(stdout);
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

const zero = /^0+$/;

/** A value from a tree entry's mode and object id, as the rules compare them. */
export function valueOf(mode: string, id: string): string | null {
  if (zero.test(id) || mode === '000000') return null;
  if (mode === '120000') return `link:${id}`;
  if (mode === '160000') return `module:${id}`;
  return id;
}

/** A copy made by a rebase merge keeps the original's author, author date and message. */
export function copyKey(email: string, date: string, message: string): string {
  return `${email.toLowerCase()}\0${Math.floor(Date.parse(date) / 1000)}\0${message.trim()}`;
}

/** Everything under content/ is indexed: posts, their images, herald.yaml. */
const contentDir = 'content';

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

  // One walk of the history and one listing of the tree answer for every file, instead of a walk per file.
  let index: Promise<{ changes: Map<string, Change[]>; tip: Map<string, string> }> | undefined;
  const indexContent = async () => {
    const [log, tree] = await Promise.all([
      // --first-parent: the default branch's own history; -m: what each merge changed against it.
      git(root, ['log', '--first-parent', '-m', '--raw', '--no-renames', '--no-abbrev', '-z', '--format=%x01%H', ref, '--', contentDir]),
      git(root, ['ls-tree', '-r', '-z', '--full-tree', ref, '--', `${prefix}${contentDir}`]),
    ]);
    const changes = new Map<string, Change[]>();
    for (const entry of log.split('\x01')) {
      const end = entry.indexOf('\0');
      if (end < 0) continue;
      const commit = entry.slice(0, end);
      const fields = entry.slice(end + 1).replace(/^\n/, '').split('\0');
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const meta = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) /.exec(fields[i]!);
        if (!meta) continue;
        const path = fields[i + 1]!;
        const list = changes.get(path) ?? [];
        list.push({ commit, before: valueOf(meta[1]!, meta[3]!), after: valueOf(meta[2]!, meta[4]!) });
        changes.set(path, list);
      }
    }
    const tip = new Map<string, string>();
    for (const line of tree.split('\0')) {
      const match = /^(\d{6}) \w+ ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (match) tip.set(match[3]!, valueOf(match[1]!, match[2]!)!);
    }
    return { changes, tip };
  };
  const indexed = () => (index ??= indexContent());

  const memo = <T>(fn: (key: string) => Promise<T>) => {
    const cache = new Map<string, Promise<T>>();
    return (key: string) => {
      let hit = cache.get(key);
      if (!hit) cache.set(key, (hit = fn(key)));
      return hit;
    };
  };

  const valueAt = memo(async (key): Promise<string | null | undefined> => {
    const [commit = '', path = ''] = key.split('\0');
    let listing: string;
    try {
      listing = await git(root, ['ls-tree', '-z', '--full-tree', commit, '--', path]);
    } catch {
      return undefined;
    }
    const match = /^(\d{6}) \w+ ([0-9a-f]+)\t/.exec(listing);
    return match ? valueOf(match[1]!, match[2]!) : null;
  });

  const bytes = memo(async (blob) => {
    const out = (await run(root, ['cat-file', 'blob', blob], 'buffer')) as Buffer;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  });

  return {
    branch,
    prefix,
    async tip(path) {
      return (await indexed()).tip.get(path) ?? null;
    },
    async changes(path) {
      return (await indexed()).changes.get(path) ?? [];
    },
    shallow: (commit) => boundary.has(commit),
    async working(file) {
      if (!existsSync(resolve(root, file))) return null;
      return git(root, ['hash-object', '--no-filters', '--', file]);
    },
    valueAt: (commit, path) => valueAt(`${commit}\0${path}`),
    async renamedFrom(commit, path) {
      const diff = await optional(root, ['diff', '--find-renames', '--name-status', '-z', `${commit}^1`, commit, '--', contentDir]);
      const fields = (diff ?? '').split('\0');
      for (let i = 0; i < fields.length; i++) {
        if (fields[i]!.startsWith('R') && fields[i + 2] === path) return fields[i + 1];
        if (/^[RC]/.test(fields[i]!)) i += 2;
        else i += 1;
      }
      return undefined;
    },
    async firstParents(commit, count) {
      const log = await git(root, ['log', '--first-parent', `-n${count}`, '--format=%H%x00%P%x00%ae%x00%aI%x00%B%x01', commit]);
      return log
        .split('\x01')
        .map((entry) => entry.replace(/^\n/, ''))
        .filter(Boolean)
        .map((entry) => {
          const [sha = '', parents = '', email = '', date = '', message = ''] = entry.split('\0');
          return { sha, parents: parents.split(' ').filter(Boolean), copy: copyKey(email, date, message) };
        });
    },
    bytes,
  };
}
