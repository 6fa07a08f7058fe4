import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, post, testConfig } from '../helpers/project.ts';

const run = promisify(execFile);
const herald = resolve('scripts/herald.ts');
const dirs: string[] = [];

/** A project whose one post was due on 2026-11-02, long before any day these tests run. */
async function project(ledger?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-ledger-'));
  dirs.push(dir);
  const files: Record<string, string> = {
    'content/herald.yaml': testConfig,
    'content/posts/2026/11/save-the-date.mdx': post(
      'title: Save the date\npublishAt: 2026-11-02 10:00\nchannels: [mastodon, x]',
      'Save the date.',
    ),
    ...(ledger === undefined ? {} : { '.herald/ledger.json': ledger }),
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function validate(cwd: string, args: string[] = []) {
  const env = { ...process.env, ...fixedClock, GITHUB_ACTIONS: '' };
  const { stdout, stderr } = await run(process.execPath, [herald, 'validate', '--format', 'json', ...args], {
    cwd,
    env,
  });
  return { report: JSON.parse(stdout) as { warnings: { rule: string; message: string }[] }, stderr };
}

const entry = (channel: string, state: string) => ({
  post: 'save-the-date',
  channel,
  network: channel,
  state,
  contentHash: `sha256:${'0'.repeat(64)}`,
  scheduledAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-02T09:00:05Z',
});

describe('herald validate and the publishing ledger', () => {
  it('names only the channels the ledger has no delivery for', async () => {
    const ledger = {
      version: 1,
      entries: { 'save-the-date/mastodon': entry('mastodon', 'published'), 'save-the-date/x': entry('x', 'failed') },
    };
    const { report } = await validate(await project(JSON.stringify(ledger)));
    const past = report.warnings.filter((w) => w.rule === 'calendar/past-unpublished');
    expect(past).toHaveLength(1);
    expect(past[0]!.message).toContain('never published on x.');
  });

  it('reports nothing once every channel has it', async () => {
    const ledger = {
      version: 1,
      entries: { 'save-the-date/mastodon': entry('mastodon', 'published'), 'save-the-date/x': entry('x', 'published') },
    };
    const { report } = await validate(await project(JSON.stringify(ledger)));
    expect(report.warnings.filter((w) => w.rule === 'calendar/past-unpublished')).toEqual([]);
  });

  it('still validates when the ledger cannot be read, and says so', async () => {
    const { report, stderr } = await validate(await project('{ not json'));
    expect(stderr).toContain('the ledger could not be read');
    expect(report.warnings.filter((w) => w.rule === 'calendar/past-unpublished')[0]!.message).toContain(
      'never published on mastodon and x.',
    );
  });

  it('says so when the ledger named with --ledger is not there', async () => {
    const { report, stderr } = await validate(await project(), ['--ledger', 'ledger-typo.json']);
    expect(stderr).toContain(
      'the ledger could not be read, so no past post counts as published (there is no ledger at ledger-typo.json.',
    );
    expect(report.warnings.filter((w) => w.rule === 'calendar/past-unpublished')).toHaveLength(1);
  });
});
