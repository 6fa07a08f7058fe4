/**
 * The approval check on long histories: 200 and 2,000 posts (three a day, in their month folders), each
 * changed by five pull requests one after another (merge commits, squash and rebase merges in turn;
 * six commits per post, one post in four with an image), so every post's check walks five reviewed
 * changes back to its creation.
 * The repository is written with git fast-import; the tests' fake GitHub answers on localhost (no
 * network latency: this measures Herald). Baseline: reading the git history of every post. Then the
 * check of every post, first with an empty ledger, then a later run that finds what the first one
 * remembered in the ledger and asks GitHub only whether the approvers may still approve.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/project/load.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { approvalGateFromEnv } from '../src/publish/approvals/index.ts';
import { openGitHistory } from '../src/publish/approvals/git.ts';
import { FileLedgerStore } from '../src/publish/ledger/index.ts';
import { FakeGitHub } from '../tests/publish/fakes/github.ts';
import { TestRepo } from '../tests/publish/approvals/git-fixture.ts';
import { config } from '../tests/publish/approvals/scenario.ts';
import { png } from '../tests/publish/helpers.ts';
import { performance } from 'node:perf_hooks';
import { measure, peakRssMb, report, type Check, type Measurement } from './harness.ts';

const rounds = 5;
const token = 'ghs_benchToken';
const env = {
  GITHUB_TOKEN: token,
  GITHUB_REPOSITORY: 'riverside/social',
  HERALD_MASTODON_TOKEN: 'bench-mastodon-token',
};
const now = Date.parse('2026-11-23T12:00:00Z');
const image = Buffer.from(png(4, 3));

interface Commit {
  mark: number;
  author: string;
  at: number;
  message: string;
  files: Record<string, string | Buffer>;
}

/** git's blob id of some bytes, to write the history's files once and refer to them by mark. */
const blobId = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** Post `i`: three a day from December 2026 on, each in its month's folder as Herald lays them out. */
function postPath(i: number): string {
  const day = new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 3)));
  return `content/posts/${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/post-${i}`;
}

function postFile(i: number, round: number): string {
  const day = new Date(Date.UTC(2026, 11, 1 + Math.floor(i / 3))).toISOString().slice(0, 10);
  const time = `${String(9 + 3 * (i % 3)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  const media =
    i % 4 === 0 ? `media:\n  - src: ./post-${i}.png\n    alt: The hall before meeting ${i}.\n    rights: owned\n` : '';
  return `---\ntitle: Post ${i}\npublishAt: ${day} ${time}\nchannels: [mastodon]\n${media}---\nPost number ${i}, revision ${round}: the repair café opens again on Saturday.\n`;
}

/**
 * Writes the repository: herald.yaml (changed twice by pull requests), then `rounds` rounds of one
 * pull request per post, and tells the fake GitHub about every pull request, review and push.
 */
function build(count: number): { repo: TestRepo; github: FakeGitHub } {
  const repo = TestRepo.create();
  const github = new FakeGitHub({ repo, token });
  github.pageSize = 100;
  github.permissions = { ada: 'write', grace: 'write', bob: 'write' };
  let mark = 0;
  let clock = Date.parse('2026-06-01T08:00:00Z') / 1000;
  const lines: (string | Buffer)[] = [];
  const person = (login: string) => `${login[0]!.toUpperCase()}${login.slice(1)} <${login}@example.org>`;
  const data = (bytes: string | Buffer) => {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    lines.push(`data ${buffer.length}\n`, buffer, '\n');
  };
  const blobs = new Map<string, number>();
  const blob = (bytes: string | Buffer) => {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
    const id = blobId(buffer);
    let found = blobs.get(id);
    if (found === undefined) {
      found = ++mark;
      blobs.set(id, found);
      lines.push(`blob\nmark :${found}\n`);
      data(buffer);
    }
    return found;
  };
  const write = (ref: string, commit: Omit<Commit, 'mark'>, parents: number[], committer = commit.author): Commit => {
    const marks = Object.fromEntries(Object.entries(commit.files).map(([path, bytes]) => [path, blob(bytes)]));
    const made = { ...commit, mark: ++mark };
    lines.push(
      `commit ${ref}\nmark :${made.mark}\nauthor ${person(commit.author)} ${commit.at} +0000\ncommitter ${person(committer)} ${clock++} +0000\n`,
    );
    data(commit.message);
    if (parents[0] !== undefined) lines.push(`from :${parents[0]}\n`);
    for (const parent of parents.slice(1)) lines.push(`merge :${parent}\n`);
    for (const [path, blobMark] of Object.entries(marks)) lines.push(`M 100644 :${blobMark} ${path}\n`);
    lines.push('\n');
    return made;
  };

  interface Pending {
    branch: string;
    base: number;
    commits: Commit[];
    style: 'merge' | 'squash' | 'rebase';
    landed: number;
    copies: Commit[];
    approver: string;
  }
  const pulls: Pending[] = [];
  let main = write(
    'refs/heads/main',
    {
      author: 'bob',
      at: clock++,
      message: 'Start the calendar',
      files: {
        'content/herald.yaml': config(`approvals:\n  required: 1\n  reviewers: [ada, grace]\n`),
        'README.md': '# Riverside social\n',
      },
    },
    [],
  );

  /** One pull request: its commits on a branch from main, merged the way `style` says. */
  const pull = (
    branch: string,
    changes: Record<string, string | Buffer>[],
    style: Pending['style'],
    approver: string,
  ) => {
    const base = main.mark;
    const commits: Commit[] = [];
    let tip = base;
    for (const files of changes) {
      const commit = write(
        `refs/heads/${branch}`,
        { author: 'bob', at: clock++, message: `Change ${Object.keys(files).join(', ')}`, files },
        [tip],
      );
      commits.push(commit);
      tip = commit.mark;
    }
    const all = Object.assign({}, ...changes) as Record<string, string | Buffer>;
    let copies: Commit[] = [];
    if (style === 'merge')
      main = write(
        'refs/heads/main',
        { author: 'grace', at: clock++, message: `Merge pull request from ${branch}`, files: all },
        [main.mark, tip],
      );
    else if (style === 'squash')
      main = write(
        'refs/heads/main',
        { author: 'bob', at: clock++, message: `Squashed ${branch}`, files: all },
        [main.mark],
        'grace',
      );
    else copies = commits.map((commit) => (main = write('refs/heads/main', { ...commit }, [main.mark], 'grace')));
    pulls.push({ branch, base, commits, style, landed: main.mark, copies, approver });
  };

  pull(
    'channels',
    [
      {
        'content/herald.yaml': config(
          `approvals:\n  required: 1\n  reviewers: [ada, grace]\n  channels:\n    x: { required: 2 }\n`,
        ),
      },
    ],
    'merge',
    'ada',
  );
  pull(
    'name',
    [
      {
        'content/herald.yaml': config(
          `approvals:\n  required: 1\n  reviewers: [ada, grace]\n  channels:\n    x: { required: 2 }\n`,
        ).replace('network: mastodon\n', 'network: mastodon\n    name: "@riverside@mastodon.social"\n'),
      },
    ],
    'squash',
    'grace',
  );
  const styles = ['merge', 'squash', 'rebase'] as const;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < count; i++) {
      const path = `${postPath(i)}.mdx`;
      const changes: Record<string, string | Buffer>[] =
        round === 0
          ? [
              {
                [path]: postFile(i, 0).replace('revision 0', 'first draft'),
                ...(i % 4 === 0 ? { [`${postPath(i)}.png`]: image } : {}),
              },
              { [path]: postFile(i, 0) },
            ]
          : [{ [path]: postFile(i, round) }];
      pull(`post-${i}-${round}`, changes, styles[(i + round) % 3]!, (i + round) % 2 ? 'ada' : 'grace');
    }
  }

  const folder = mkdtempSync(join(tmpdir(), 'herald-bench-marks-'));
  try {
    execFileSync('git', ['fast-import', '--quiet', `--export-marks=${join(folder, 'marks')}`], {
      cwd: repo.dir,
      input: Buffer.concat(lines.map((l) => (Buffer.isBuffer(l) ? l : Buffer.from(l)))),
      maxBuffer: 1 << 30,
    });
    const marks = new Map(
      execFileSync('cat', [join(folder, 'marks')], { encoding: 'utf8', maxBuffer: 1 << 30 })
        .split('\n')
        .filter(Boolean)
        .map((line) => [Number(line.slice(1, line.indexOf(' '))), line.slice(line.indexOf(' ') + 1)] as const),
    );
    repo.git('checkout', '--quiet', '--force', 'main');
    github.preloadCommits();
    const sha = (m: number) => marks.get(m)!;
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000', '');
    for (const p of pulls) {
      const head = p.commits.at(-1)!;
      const opened = iso(p.commits[0]!.at);
      const mergedAt = iso(head.at + 30);
      github.addMerged(
        {
          author: 'bob',
          branch: p.branch,
          baseSha: sha(p.base),
          headSha: sha(head.mark),
          commits: p.commits.map((c) => sha(c.mark)),
          merged: { sha: sha(p.landed), at: mergedAt, by: 'grace' },
          ...(p.style === 'rebase' ? { rebased: p.copies.map((c) => sha(c.mark)) } : {}),
          createdAt: opened,
        },
        [
          { login: 'carl', state: 'COMMENTED', commit: sha(p.commits[0]!.mark), submittedAt: iso(head.at + 10) },
          { login: p.approver, state: 'APPROVED', commit: sha(head.mark), submittedAt: iso(head.at + 20) },
        ],
        [
          {
            ref: `refs/heads/${p.branch}`,
            before: '0'.repeat(40),
            after: sha(head.mark),
            actor: 'bob',
            type: 'push',
            at: opened,
          },
        ],
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { repo, github };
}

const measurements: Measurement[] = [];
const checks: Check[] = [];
for (const count of [200, 2_000]) {
  const { repo, github } = build(count);
  const ledgers = mkdtempSync(join(tmpdir(), 'herald-bench-ledger-'));
  try {
    await github.start();
    const project = parseProject(await readContent(repo.dir), { now });
    if (project.posts.length !== count || !project.config)
      throw new Error(`expected ${count} posts: ${JSON.stringify(project.problems.slice(0, 3))}`);
    const gateEnv = { ...env, GITHUB_API_URL: github.url };
    const channels = [project.channels['mastodon']!];
    const checkAll = async (store: FileLedgerStore) => {
      const gate = approvalGateFromEnv(gateEnv, project.config!, repo.dir, { store, now });
      for (const post of project.posts) {
        const decision = await gate.decide(post, channels);
        if (!decision.cleared) throw new Error(`${post.file} not cleared: ${decision.reason}`);
      }
      await gate.settle?.();
    };
    const history = await measure(
      `${count} posts: git history of every post (baseline)`,
      async () => {
        const git = await openGitHistory(repo.dir, 'main');
        for (const post of project.posts) await git.changes(post.file);
      },
      3,
    );
    // The first run is timed once: a warm-up would be a run with something to remember already.
    const remembered = new FileLedgerStore(join(ledgers, 'ledger.json'));
    const asked = github.requests.length;
    const start = performance.now();
    await checkAll(remembered);
    const first: Measurement = {
      name: `${count} posts: approval check, first run (empty ledger)`,
      ms: performance.now() - start,
      runs: 1,
      peakRssMb: peakRssMb(),
    };
    const firstRequests = github.requests.length - asked;
    const runs = 3;
    const later = await measure(
      `${count} posts: approval check, later run (reviewed inputs in the ledger)`,
      () => checkAll(remembered),
      runs,
    );
    const laterRequests = (github.requests.length - asked - firstRequests) / (runs + 1);
    measurements.push(history, first, later);
    const ledgerKb = Math.round(statSync(join(ledgers, 'ledger.json')).size / 1024);
    console.error(
      `${count} posts: history ${history.ms.toFixed(0)} ms, first run ${first.ms.toFixed(0)} ms, later run ${later.ms.toFixed(0)} ms, ledger ${ledgerKb} KB`,
    );
    checks.push(
      {
        name: `${count} posts: a later run at most a tenth of the first`,
        pass: later.ms * 10 <= first.ms,
        detail: `${(first.ms / later.ms).toFixed(1)}× faster; ${firstRequests} GitHub requests, then ${laterRequests}; ledger ${ledgerKb} KB`,
      },
      {
        name: `${count} posts: a later run at most 3× reading the history`,
        pass: later.ms <= 3 * history.ms,
        detail: `${(later.ms / history.ms).toFixed(1)}× the baseline`,
      },
    );
  } finally {
    await github.close();
    repo.cleanup();
    rmSync(ledgers, { recursive: true, force: true });
  }
}
report(measurements, checks);
