import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heartbeatBranch, heartbeatDue, keepAlive } from '../../src/publish/keepalive.ts';
import { FakeGitHub } from '../publish/fakes/github.ts';
import { person, TestRepo } from '../publish/approvals/git-fixture.ts';

const now = Date.parse('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
const token = 'ghs_keepaliveToken0000000000000000000000';

let repo: TestRepo;
let github: FakeGitHub;
beforeEach(async () => {
  repo = TestRepo.create();
  repo.write('README.md', '# Riverside\n').commit(person('bob'));
  github = await new FakeGitHub({ repo, token }).start();
});
afterEach(async () => {
  await github.close();
  repo.cleanup();
});

const run = () =>
  keepAlive({
    octokit: new Octokit({ auth: token, baseUrl: github.url, throttle: { enabled: false } }),
    repository: 'riverside/social',
    workflow: 'publish.yml',
    now,
  });

describe('heartbeatDue', () => {
  it.each([
    { days: 0, due: false },
    { days: 44, due: false },
    { days: 45, due: true },
    { days: 59, due: true },
  ])('after $days days: $due', ({ days, due }) => {
    expect(heartbeatDue(daysAgo(days), now)).toEqual({ days, due });
  });
});

describe('keepAlive', () => {
  it('does nothing while the repository is active', async () => {
    github.pushedAt = daysAgo(10);
    expect(await run()).toEqual({
      days: 10,
      lines: [
        "The repository's last push was 10 days ago; GitHub pauses scheduled workflows after 60 days without one. Herald pushes a heartbeat after 45.",
      ],
    });
    expect(github.requests).toEqual(['GET /repos/riverside/social']);
  });

  it('pushes a heartbeat to its own branch, never main, and re-enables the publish workflow', async () => {
    github.pushedAt = daysAgo(50);
    const report = await run();
    expect(report.warning).toBeUndefined();
    expect(report.lines.slice(1)).toEqual([
      `Pushed a heartbeat commit to the ${heartbeatBranch} branch, which counts as activity.`,
      'Re-enabled publish.yml.',
    ]);
    expect(github.file(heartbeatBranch, 'heartbeat.txt')).toContain('2026-11-23T12:00:00.000Z');
    expect(github.branches.get(heartbeatBranch)?.sha).not.toBe(repo.head('main'));
    expect(github.enabled).toEqual(['publish.yml']);
    expect(github.requests.filter((r) => !r.startsWith('GET'))).toEqual([
      'POST /repos/riverside/social/git/refs',
      'PUT /repos/riverside/social/contents/heartbeat.txt',
      'PUT /repos/riverside/social/actions/workflows/publish.yml/enable',
    ]);
  });

  it('updates the heartbeat on the branch it made before', async () => {
    github.pushedAt = daysAgo(50);
    await run();
    github.pushedAt = daysAgo(46);
    const second = await run();
    expect(second.warning).toBeUndefined();
    expect(github.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(github.requests.filter((r) => r.startsWith('PUT /repos/riverside/social/contents'))).toHaveLength(2);
  });

  it('warns with the days left when the heartbeat cannot be pushed', async () => {
    github.pushedAt = daysAgo(52);
    github.actionsWrite = false;
    const report = await run();
    expect(report.warning).toBe(
      'Scheduled publishing stops in about 8 days unless something is pushed or merged: the heartbeat failed (GitHub answered 403 (Resource not accessible by integration) to PUT /repos/riverside/social/actions/workflows/publish.yml/enable. The token lacks a permission this needs, or the rate limit was reached.). The keepalive job needs contents: write and actions: write.',
    );
  });

  it('leaves a private repository alone: GitHub does not pause its schedules', async () => {
    github.private = true;
    github.pushedAt = daysAgo(90);
    expect((await run()).lines).toEqual([
      'This repository is private: GitHub does not pause its schedules for inactivity.',
    ]);
    expect(github.requests).toEqual(['GET /repos/riverside/social']);
  });
});

describe('herald keepalive', () => {
  const script = fileURLToPath(new URL('../../scripts/herald.ts', import.meta.url));
  const exec = (env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string }>((done) => {
      execFile(
        process.execPath,
        [script, 'keepalive'],
        { env: { PATH: process.env['PATH'] ?? '', ...env } },
        (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout }),
      );
    });

  it('turns the run red with a warning annotation when publishing is at risk, and masks the token', async () => {
    github.pushedAt = daysAgo(50);
    github.actionsWrite = false;
    const result = await exec({
      GITHUB_TOKEN: token,
      GITHUB_REPOSITORY: 'riverside/social',
      GITHUB_API_URL: github.url,
      GITHUB_ACTIONS: 'true',
      HERALD_NOW: new Date(now).toISOString(),
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`::add-mask::${token}`);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::warning title=Scheduled publishing at risk::Scheduled publishing stops in about 10 days/,
      ),
    );
  });

  it('exits 2 outside Actions without a token', async () => {
    expect((await exec({})).code).toBe(2);
  });
});
