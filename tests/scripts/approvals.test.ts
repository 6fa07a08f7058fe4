import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { bob, postPath, postText, Scenario, token } from '../publish/approvals/scenario.ts';

const herald = fileURLToPath(new URL('../../scripts/herald.ts', import.meta.url));

/** Runs `herald approvals` in the scenario's repository as a user would, with only the given environment. */
function run(
  s: Scenario,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [herald, 'approvals', ...args],
      { cwd: s.repo.dir, env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

let scenario: Scenario;
afterEach(async () => {
  await scenario?.stop();
});

/** One post merged after ada and grace approved it (x needs two), one pushed straight to main. */
async function twoPosts() {
  const s = (scenario = await Scenario.start());
  const { pull, commit } = s.propose('agm', bob);
  s.github.review(pull, 'ada', 'APPROVED');
  s.github.review(pull, 'grace', 'APPROVED');
  s.mergeCommit(pull, 'agm');
  s.repo.write(
    'content/posts/2026/12/notice.mdx',
    postText('The office is closed on Friday.').replace('The annual meeting', 'Office closed'),
  );
  const pushed = s.repo.commit(bob, 'Push a notice');
  return { s, commit, pushed };
}

describe('herald approvals', () => {
  it('explains for each post whether it is cleared, and exits 1 when one is not', async () => {
    const { s, commit, pushed } = await twoPosts();
    const result = await run(s, ['--now', '2026-11-23T12:00:00Z'], s.env() as Record<string, string>);
    expect(result.stdout).toBe(
      [
        `✔ agm  ${postPath}`,
        `  Approved by ada and grace at ${commit.slice(0, 7)}, the content that was merged (pull request #1).`,
        '✖ notice  content/posts/2026/12/notice.mdx',
        `  main last changed content/posts/2026/12/notice.mdx in ${pushed.slice(0, 7)}, which no merged pull request brought in. A direct push is never cleared: remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`,
        '',
        '2 posts checked: 1 cleared, 1 not cleared.',
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(1);
  });

  it('checks only the posts named, by id or by path, and exits 0 when all are cleared', async () => {
    const { s } = await twoPosts();
    for (const name of ['agm', postPath]) {
      const result = await run(s, [name, '--format', 'json'], s.env() as Record<string, string>);
      expect(JSON.parse(result.stdout)).toEqual({
        posts: [
          {
            id: 'agm',
            file: postPath,
            channels: ['mastodon', 'bluesky', 'x'],
            cleared: true,
            reason: expect.stringContaining('Approved by ada and grace'),
          },
        ],
      });
      expect(result.code).toBe(0);
    }
  });

  it('leaves out posts whose time has passed unless --all is given', async () => {
    const { s } = await twoPosts();
    const later = await run(s, ['--now', '2026-12-04T12:00:00Z'], s.env() as Record<string, string>);
    expect(later.stdout).toBe('0 posts checked: 0 cleared, 0 not cleared.\n');
    expect(later.code).toBe(0);
    const all = await run(s, ['--now', '2026-12-04T12:00:00Z', '--all'], s.env() as Record<string, string>);
    expect(all.stdout).toContain('2 posts checked');
  });

  it('says what to set when GitHub is not configured, and exits 2', async () => {
    const { s } = await twoPosts();
    const result = await run(s, [], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GITHUB_TOKEN and GITHUB_REPOSITORY are not set');
    expect(s.github.requests).toEqual([]);
  });

  it('names an unknown post instead of guessing', async () => {
    const { s } = await twoPosts();
    const result = await run(s, ['agm-2025'], s.env() as Record<string, string>);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'herald approvals: "agm-2025" is neither a post id nor a post file (or the post has errors: run herald validate). Did you mean agm?\n',
    );
  });

  it('masks the token in Actions and never prints it, even when GitHub echoes it back', async () => {
    const { s } = await twoPosts();
    s.github.fail(/\/pulls$/, 422, `Validation failed for token ${token}`);
    const result = await run(s, ['agm', '--now', '2026-11-23T12:00:00Z'], {
      ...(s.env() as Record<string, string>),
      GITHUB_ACTIONS: 'true',
      HERALD_MASTODON_TOKEN: 'mastodon-secret-token',
    });
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 2).sort()).toEqual([`::add-mask::${token}`, '::add-mask::mastodon-secret-token'].sort());
    const rest = lines.slice(2).join('\n') + result.stderr;
    expect(rest).toContain('Validation failed for token ***');
    expect(rest).not.toContain(token);
  });
});

describe('herald approvals when GitHub cannot be reached', () => {
  it.each([
    // RFC 6761: .invalid never resolves.
    [
      'a name that cannot be looked up',
      async () => 'http://api.github.invalid',
      'the name api.github.invalid could not be looked up',
    ],
    [
      'an address where nothing answers',
      async () => `http://127.0.0.1:${await freePort()}`,
      'nothing answers at 127.0.0.1:',
    ],
  ])('says so once, with what to check, and exits 2: %s', async (_, address, why) => {
    const { s } = await twoPosts();
    const url = await address();
    const result = await run(s, ['--now', '2026-11-23T12:00:00Z'], {
      ...(s.env() as Record<string, string>),
      GITHUB_API_URL: url,
    });
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`herald approvals could not run: GitHub could not be reached at ${url}: ${why}`);
    expect(result.stderr).toContain(
      `Check the internet connection (a proxy or firewall may block it), and that GITHUB_API_URL (${url}) is the right address.\n`,
    );
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/answered 500|getaddrinfo|ECONNREFUSED/);
    expect(result.code).toBe(2);
  });
});
