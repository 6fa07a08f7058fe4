import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, goodFrontmatter, post, testConfig } from '../helpers/project.ts';

const herald = resolve('scripts/herald.ts');
const run = promisify(execFile);

async function validate(cwd: string, args: string[] = [], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [herald, 'validate', ...args], {
      cwd,
      env: { ...process.env, ...fixedClock, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const dirs: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-validate-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries({ 'content/herald.yaml': testConfig, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const good = {
  'content/posts/2026/12/good.mdx': post(
    goodFrontmatter,
    'Hello, [neighbours](https://riverside.example/)!\n\n---\n\nPart two.',
  ),
};
const bad = { 'content/posts/2026/12/bad.mdx': post(`${goodFrontmatter}\ncampain: agm`) };

describe('herald validate', () => {
  it('passes a clean project with exit code 0', async () => {
    const result = await validate(await project(good));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ 2 files checked, 1 post: 0 errors, 0 warnings.');
  });

  it('names file, line, column and rule of each problem, with exit code 1', async () => {
    const result = await validate(await project({ ...good, ...bad }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'content/posts/2026/12/bad.mdx:5:1  error    schema/unknown-key  Unknown setting "campain". Did you mean "campaign"?',
    );
    expect(result.stderr).toBe('');
  });

  it('points at a lateness that is not a duration, on its line', async () => {
    const result = await validate(
      await project({ 'content/posts/2026/12/late.mdx': post(`${goodFrontmatter}\nlateness: 15 minutes`) }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /content\/posts\/2026\/12\/late\.mdx:5:\d+ +error +schema\/\S+ +.*ISO 8601 duration such as/,
    );
  });

  it("prints json with errors, warnings and each post's parts per channel", async () => {
    const result = await validate(await project({ ...good, ...bad }), ['--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      {
        file: 'content/posts/2026/12/bad.mdx',
        line: 5,
        column: 1,
        rule: 'schema/unknown-key',
        severity: 'error',
        message: expect.stringContaining('campaign'),
      },
    ]);
    expect(report.posts).toEqual([
      {
        id: 'good',
        file: 'content/posts/2026/12/good.mdx',
        title: 'A good post',
        publishAt: '2026-12-03T17:30:00Z',
        timezone: 'Europe/Warsaw',
        channels: [
          {
            channel: 'mastodon',
            network: 'mastodon',
            language: 'en',
            visibility: 'public',
            parts: [
              { text: 'Hello, neighbours https://riverside.example/!', length: expect.any(Number), limit: 500 },
              { text: 'Part two.', length: 9, limit: 500 },
            ],
          },
          {
            channel: 'x',
            network: 'x',
            parts: [
              { text: 'Hello, neighbours https://riverside.example/!', length: expect.any(Number), limit: 280 },
              { text: 'Part two.', length: 9, limit: 280 },
            ],
            // twitter-text finds no link in a .example address: two posts at X's price without one.
            cost: { network: 'x', amount: expect.closeTo(0.03, 6), currency: 'USD' },
          },
        ],
        media: [],
      },
    ]);
  });

  it('lists in json everything else a channel receives: the poll, who may reply, the content warning', async () => {
    const poll = {
      'content/posts/2026/12/poll.mdx': post(
        `${goodFrontmatter}\ncontentWarning: Election talk\nreplies: following\npoll:\n  options: [Saturday, Sunday]\n  duration: P1D`,
        'Which day suits you?',
      ),
    };
    const report = JSON.parse((await validate(await project(poll), ['--format', 'json'])).stdout);
    const [mastodon, x] = report.posts[0].channels;
    expect(mastodon).toMatchObject({
      contentWarning: 'Election talk',
      poll: { options: ['Saturday', 'Sunday'], seconds: 86_400, multiple: false },
    });
    expect(x).toMatchObject({ replies: 'following', poll: { options: ['Saturday', 'Sunday'] } });
  });

  it("lists in json the poll and reply rule a Threads channel receives, and not Threads' default", async () => {
    const files = {
      'content/herald.yaml': `${testConfig}  - id: threads\n    network: threads\n    handle: riverside.assoc\n`,
      'content/posts/2026/12/poll.mdx': post(
        'title: Clean-up\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nreplies: mentioned\npoll:\n  options: [Saturday, Sunday]\n  duration: P1D',
        'Which day suits you, @ada.lovelace?',
      ),
      'content/posts/2026/12/open.mdx': post(
        'title: Open\npublishAt: 2026-12-04 18:30\nchannels: [threads]\nreplies: everyone',
        'Open to all.',
      ),
    };
    const result = await validate(await project(files), ['--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const byId = Object.fromEntries(
      report.posts.map((p: { id: string; channels: unknown[] }) => [p.id, p.channels[0]]),
    );
    expect(byId['poll']).toMatchObject({
      channel: 'threads',
      network: 'threads',
      replies: 'mentioned',
      poll: { options: ['Saturday', 'Sunday'], seconds: 86_400, multiple: false },
    });
    expect(byId['open']).not.toHaveProperty('replies');
  });

  it('writes annotations and a Markdown preview for GitHub Actions', async () => {
    const dir = await project({ ...good, ...bad });
    const summary = join(dir, 'summary.md');
    const result = await validate(dir, ['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error file=content/posts/2026/12/bad.mdx,line=5,col=1,title=schema/unknown-key::Unknown setting "campain"',
    );
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### A good post');
    expect(markdown).toContain('Hello, neighbours https://riverside.example/!');
    expect(markdown).toContain('schema/unknown-key');
  });

  it('checks only the files it is given', async () => {
    const dir = await project({ ...good, ...bad });
    const result = await validate(dir, ['content/posts/2026/12/good.mdx']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('bad.mdx');
  });

  it('exits 2 with a plain message when it cannot run', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'herald-empty-'));
    dirs.push(empty);
    const outside = await validate(empty);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('there is no content/ folder');
    expect(outside.stderr).not.toMatch(/\n\s+at /);

    const dir = await project(good);
    const format = await validate(dir, ['--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of human, json, github');

    const missing = await validate(dir, ['content/posts/nope.mdx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no file content/posts/nope.mdx. Check the name (it is case-sensitive)');

    const notContent = await validate(dir, ['package.json']);
    await writeFile(join(dir, 'package.json'), '{}');
    const outsideContent = await validate(dir, ['package.json']);
    expect(notContent.stderr).toContain('there is no file package.json');
    expect(outsideContent.code).toBe(2);
    expect(outsideContent.stderr).toContain(
      'not a Herald content file: package.json. Name herald.yaml, posts, handbook pages or images under content/.',
    );
  });

  it('passes the example organisation in content/', async () => {
    const result = await validate(process.cwd(), ['--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(report.posts.length).toBeGreaterThanOrEqual(40);
  });
});
