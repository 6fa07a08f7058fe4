import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, post, testConfig } from '../helpers/project.ts';

const run = promisify(execFile);
const herald = resolve('scripts/herald.ts');
let dir: string;

async function write(path: string, content: string, where = dir) {
  await mkdir(dirname(join(where, path)), { recursive: true });
  await writeFile(join(where, path), content);
}
const gitIn =
  (where: string) =>
  (...args: string[]) =>
    run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: where });
const git = (...args: string[]) => gitIn(dir)(...args);

async function validate(args: string[], where = dir) {
  try {
    const { stdout, stderr } = await run(process.execPath, [herald, 'validate', ...args], {
      cwd: where,
      env: { ...process.env, ...fixedClock },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const at = (time: string, body: string) => post(`title: Post\npublishAt: 2027-01-${time}\nchannels: [mastodon]`, body);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-changed-'));
  await write('content/herald.yaml', `${testConfig}calendar:\n  minGapMinutes: 60\n`);
  // Already on main: one post, and one with an unknown setting that this change does not touch.
  await write('content/posts/2027/01/evening.mdx', at('15 19:00', 'The evening walk.'));
  await write(
    'content/posts/2027/01/broken.mdx',
    `${at('20 10:00', 'Broken.').replace('channels:', 'campain: x\nchannels:')}`,
  );
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-qm', 'main');
  // The change: a new post 30 minutes before the evening post.
  await write('content/posts/2027/01/early.mdx', at('15 18:30', 'The early walk.'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('herald validate --changed', () => {
  it('reports only the changed post, with the clash it causes on an unchanged one', async () => {
    const result = await validate(['--changed', 'main', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'content/posts/2027/01/early.mdx',
        line: 3,
        column: 12,
        rule: 'calendar/min-gap',
        message: expect.stringContaining('content/posts/2027/01/evening.mdx'),
      }),
    ]);
    expect(report.posts.map((p: { id: string }) => p.id)).toEqual(['early']);
    expect(result.code).toBe(1);
  });

  it('reports everything without --changed, the clash on the later post', async () => {
    const result = await validate(['--format', 'json']);
    const errors = JSON.parse(result.stdout).errors.map((p: { file: string; rule: string }) => [p.file, p.rule]);
    expect(errors).toEqual([
      ['content/posts/2027/01/broken.mdx', 'schema/unknown-key'],
      ['content/posts/2027/01/evening.mdx', 'calendar/min-gap'],
    ]);
  });

  it('exits 2 with a plain message for a ref git does not know', async () => {
    const result = await validate(['--changed', 'no-such-branch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--changed no-such-branch: git could not list the changes');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a ref that looks like an option', async () => {
    const result = await validate(['--changed=--output=/tmp/x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a git ref');
  });
});

describe('herald validate --changed with deleted files', () => {
  const page = (title: string, body: string) =>
    `---\ntitle: ${title}\ndescription: A page.\nowner: Communications lead\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\n---\n${body}\n`;

  it('reports the links a deleted handbook page or post breaks on the pages that stay', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'herald-deleted-'));
    try {
      const inRepo = gitIn(repo);
      await write('content/herald.yaml', testConfig, repo);
      await write('content/posts/2027/01/evening.mdx', at('15 19:00', 'The evening walk.'), repo);
      await write('content/handbook/crisis-playbook.mdx', page('Crisis playbook', 'Pause everything.'), repo);
      await write(
        'content/handbook/responding.mdx',
        page('Responding', 'See [the playbook](../crisis-playbook/) and [the walk](/posts/evening/).'),
        repo,
      );
      await write('content/handbook/training.mdx', page('Training', 'Nothing linked here.'), repo);
      await inRepo('init', '-q', '-b', 'main');
      await inRepo('add', '.');
      await inRepo('commit', '-qm', 'main');
      await inRepo('rm', '-q', 'content/handbook/crisis-playbook.mdx', 'content/posts/2027/01/evening.mdx');

      const result = await validate(['--changed', 'main', '--format', 'json'], repo);
      const errors = JSON.parse(result.stdout).errors.map((p: { file: string; rule: string; message: string }) => [
        p.file,
        p.rule,
        p.message.split('.')[0],
      ]);
      expect(errors).toEqual([
        [
          'content/handbook/responding.mdx',
          'handbook/broken-link',
          'There is no handbook page handbook/crisis-playbook/',
        ],
        ['content/handbook/responding.mdx', 'handbook/broken-link', 'There is no post evening'],
      ]);
      expect(result.code).toBe(1);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });
});
