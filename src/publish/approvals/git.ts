import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { memoize } from './memo.ts';

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
  /**
   * Whether the work tree's file holds exactly `blob`, byte for byte (no .gitattributes conversion),
   * or differs only in line endings, which the loader reads alike (a Windows checkout).
   */
  matchesWorkTree(file: string, blob: string): Promise<boolean>;
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
  return (await run(root, args)).trim();
}

/** git's output as it is (run keeps the empty lines that trimming would lose). */
function run(root: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd: root, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-c');
      if (error) fail(new GitError(`git ${command} failed: ${(stderr || error.message).trim()}`));
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

/** A child's stdio stream is a pipe socket, which can stop keeping Node alive. */
const pipe = (stream: NodeJS.ReadableStream | NodeJS.WritableStream) => stream as unknown as Socket;

/** An object as `git cat-file` reports it; `content` only when asked for. */
interface CatObject {
  id: string;
  type: string;
  content?: Buffer;
}

/**
 * One `git cat-file --batch-check` (or `--batch`, with contents) for the whole run: thousands of
 * lookups of `<commit>:<path>`, commits and blobs through one process instead of one process each,
 * which is what makes a long history affordable. The process keeps Node alive only while a lookup
 * is pending.
 */
class CatFile {
  #child?: ChildProcessWithoutNullStreams;
  #waiting: ((found: CatObject | undefined) => void)[] = [];
  #buffer = Buffer.alloc(0);
  readonly #root: string;
  readonly #contents: boolean;

  constructor(root: string, contents: boolean) {
    this.#root = root;
    this.#contents = contents;
  }

  /** The object `name` names, or undefined when git has none. */
  lookup(name: string): Promise<CatObject | undefined> {
    if (name.includes('\n')) return Promise.resolve(undefined);
    const child = this.#start();
    return new Promise((done) => {
      this.#waiting.push(done);
      pipe(child.stdout).ref();
      child.stdin.write(`${name}\n`);
    });
  }

  #start(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const child = spawn(
      'git',
      [
        'cat-file',
        this.#contents
          ? '--batch=%(objectname) %(objecttype) %(objectsize)'
          : '--batch-check=%(objectname) %(objecttype) %(objectsize)',
      ],
      { cwd: this.#root },
    );
    child.unref();
    pipe(child.stdin).unref();
    pipe(child.stderr).unref();
    child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#drain();
      if (this.#waiting.length === 0) pipe(child.stdout).unref();
    });
    pipe(child.stdout).unref();
    child.on('error', () => this.#fail());
    child.on('exit', () => this.#fail());
    return (this.#child = child);
  }

  #drain(): void {
    for (;;) {
      const end = this.#buffer.indexOf(10);
      if (end < 0) return;
      const [id = '', type = '', size = ''] = this.#buffer.subarray(0, end).toString('utf8').split(' ');
      if (type === 'missing' || type === 'ambiguous' || !size) {
        this.#buffer = this.#buffer.subarray(end + 1);
        this.#waiting.shift()?.(undefined);
        continue;
      }
      if (!this.#contents) {
        this.#buffer = this.#buffer.subarray(end + 1);
        this.#waiting.shift()?.({ id, type });
        continue;
      }
      const length = Number(size);
      if (this.#buffer.length < end + 1 + length + 1) return;
      const content = Buffer.from(this.#buffer.subarray(end + 1, end + 1 + length));
      this.#buffer = this.#buffer.subarray(end + 1 + length + 1);
      this.#waiting.shift()?.({ id, type, content });
    }
  }

  #fail(): void {
    this.#child = undefined;
    for (const done of this.#waiting.splice(0)) done(undefined);
  }
}

/** What a commit object says: its parents, and what identifies a rebase merge's copy of it. */
function parseCommit(content: Buffer): { parents: string[]; copy: string } {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const parents = headers.flatMap((line) => (line.startsWith('parent ') ? [line.slice(7)] : []));
  const author = /^author .* <([^>]*)> (\d+) [+-]\d{4}$/.exec(headers.find((line) => line.startsWith('author ')) ?? '');
  const message = split < 0 ? '' : text.slice(split + 2);
  return {
    parents,
    copy: copyKey(author?.[1] ?? '', author ? new Date(Number(author[2]) * 1000).toISOString() : '', message),
  };
}

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
  // One process for what git knows of the clone; --show-prefix prints an empty line at the top.
  const facts = await run(root, [
    'rev-parse',
    '--show-toplevel',
    '--show-object-format',
    '--git-path',
    'shallow',
    '--show-prefix',
  ]).catch(() => null);
  if (!facts)
    throw new GitError(
      `${root} is not in a git repository. Approvals are read from git history: run Herald in a clone of the repository.`,
    );
  const [, format = 'sha1', shallowPath = '', prefix = ''] = facts.split('\n');
  const [local, remote] = await Promise.all(
    [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`].map((candidate) =>
      optional(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]).then((found) =>
        found ? candidate : undefined,
      ),
    ),
  );
  const ref = local ?? remote;
  if (!ref)
    throw new GitError(
      `This clone has no branch ${branch} (nor origin/${branch}). Fetch it: git fetch origin ${branch}.`,
    );

  const shallowFile = resolve(root, shallowPath);
  const boundary = new Set(
    existsSync(shallowFile) ? readFileSync(shallowFile, 'utf8').split('\n').filter(Boolean) : [],
  );

  // One walk of the history and one listing of the tree answer for every file, instead of a walk per file.
  let index:
    Promise<{ changes: Map<string, Change[]>; tip: Map<string, string>; deleted: Map<string, string[]> }> | undefined;
  const indexContent = async () => {
    const [log, tree] = await Promise.all([
      // --first-parent: the default branch's own history; -m: what each merge changed against it.
      git(root, [
        'log',
        '--first-parent',
        '-m',
        '--raw',
        '--no-renames',
        '--no-abbrev',
        '-z',
        '--format=%x01%H',
        ref,
        '--',
        contentDir,
      ]),
      git(root, ['ls-tree', '-r', '-z', '--full-tree', ref, '--', `${prefix}${contentDir}`]),
    ]);
    const changes = new Map<string, Change[]>();
    const deleted = new Map<string, string[]>();
    for (const entry of log.split('\x01')) {
      const end = entry.indexOf('\0');
      if (end < 0) continue;
      const commit = entry.slice(0, end);
      const fields = entry
        .slice(end + 1)
        .replace(/^\n/, '')
        .split('\0');
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const meta = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) /.exec(fields[i]!);
        if (!meta) continue;
        const path = fields[i + 1]!;
        const list = changes.get(path) ?? [];
        const change = { commit, before: valueOf(meta[1]!, meta[3]!), after: valueOf(meta[2]!, meta[4]!) };
        list.push(change);
        changes.set(path, list);
        if (change.after === null) deleted.set(commit, [...(deleted.get(commit) ?? []), path]);
      }
    }
    const tip = new Map<string, string>();
    for (const line of tree.split('\0')) {
      const match = /^(\d{6}) \w+ ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (match) tip.set(match[3]!, valueOf(match[1]!, match[2]!)!);
    }
    return { changes, tip, deleted };
  };
  const indexed = () => (index ??= indexContent());

  const check = new CatFile(root, false);
  const objects = new CatFile(root, true);
  const commitOf = memoize(async (commit) => {
    const found = await objects.lookup(commit);
    return found?.type === 'commit' && found.content ? parseCommit(found.content) : undefined;
  });
  // A value in history by its blob alone: a symbolic link and a file with the same bytes are alike
  // here, which only ever matters for bytes that were reviewed either way. The tip, which is what is
  // sent, is read with its modes.
  const valueAt = memoize(async (key): Promise<string | null | undefined> => {
    const [commit = '', path = ''] = key.split('\0');
    if (!(await commitOf(commit))) return undefined;
    if (path.includes('\n')) {
      const listing = await git(root, ['ls-tree', '-z', '--full-tree', commit, '--', path]);
      const match = /^(\d{6}) \w+ ([0-9a-f]+)\t/.exec(listing);
      return match ? valueOf(match[1]!, match[2]!) : null;
    }
    const found = await check.lookup(`${commit}:${path}`);
    if (found?.type === 'commit') return `module:${found.id}`;
    return found?.type === 'blob' ? found.id : null;
  });

  const readBlob = memoize(async (blob) => {
    const found = await objects.lookup(blob);
    if (found?.type !== 'blob' || !found.content) throw new GitError(`git has no blob ${blob} in this clone`);
    return new Uint8Array(found.content.buffer, found.content.byteOffset, found.content.length);
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
    async matchesWorkTree(file, blob) {
      let bytes: Buffer;
      try {
        bytes = await readFile(resolve(root, file));
      } catch {
        return false;
      }
      // git's blob id of the bytes as they are (hash-object --no-filters), without a process per file.
      if (
        createHash(format === 'sha256' ? 'sha256' : 'sha1')
          .update(`blob ${bytes.length}\0`)
          .update(bytes)
          .digest('hex') === blob
      )
        return true;
      const lines = (data: Uint8Array) => Buffer.from(data).toString('latin1').replace(/\r\n?/g, '\n');
      return lines(bytes) === lines(await readBlob(blob));
    },
    valueAt: (commit, path) => valueAt(`${commit}\0${path}`),
    async renamedFrom(commit, path) {
      // A rename deletes the old path in the same commit: without a deletion there is nothing to ask.
      if (!(await indexed()).deleted.has(commit)) return undefined;
      const diff = await optional(root, [
        'diff',
        '--find-renames',
        '--name-status',
        '-z',
        `${commit}^1`,
        commit,
        '--',
        contentDir,
      ]);
      const fields = (diff ?? '').split('\0');
      for (let i = 0; i < fields.length; i++) {
        if (fields[i]!.startsWith('R') && fields[i + 2] === path) return fields[i + 1];
        if (/^[RC]/.test(fields[i]!)) i += 2;
        else i += 1;
      }
      return undefined;
    },
    async firstParents(commit, count) {
      const line: { sha: string; parents: string[]; copy: string }[] = [];
      for (let sha: string | undefined = commit; sha && line.length < count;) {
        const found = await commitOf(sha);
        if (!found) throw new GitError(`git has no commit ${sha} in this clone`);
        line.push({ sha, ...found });
        sha = found.parents[0];
      }
      return line;
    },
    bytes: readBlob,
  };
}
