import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from 'octokit';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/lib/project/load.ts';
import { readContent } from '../../../src/lib/project/read-content.ts';
import { gitHubApprovalGate } from '../../../src/publish/approvals/gate.ts';
import { openGitHistory } from '../../../src/publish/approvals/git.ts';
import { githubFacts } from '../../../src/publish/approvals/github.ts';
import { approvalGateFromEnv, notConfiguredReason } from '../../../src/publish/approvals/index.ts';
import { testNow } from '../../helpers/project.ts';
import { bob, carl, dana, grace, postPath, postText, Scenario, teamsToken, token } from './scenario.ts';

const short = (sha: string) => sha.slice(0, 7);

let scenario: Scenario;
async function start(approvals?: string) {
  scenario = await Scenario.start(approvals);
  return scenario;
}
afterEach(async () => {
  await scenario?.stop();
});

describe('a post is cleared only when a merged pull request brought it in', () => {
  it('clears a post merged with a merge commit after an allowed reviewer approved it', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision).toEqual({
      cleared: true,
      reason: `Approved by ada at ${short(commit)}, the content that was merged (pull request #1).`,
    });
  });

  it('clears a squash-merged post', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.squashMerge(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('clears a rebase-merged post', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.push('agm', bob, 'content/posts/2026/12/notes.md', 'Not a post, a note.\n');
    s.github.review(pull, 'ada', 'APPROVED');
    s.rebaseMerge(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('never clears a file pushed to main without a pull request, and asks GitHub only about that commit', async () => {
    const s = await start();
    s.repo.write(postPath, postText());
    const pushed = s.repo.commit(bob, 'Push straight to main');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toBe(
      `main last changed ${postPath} in ${short(pushed)}, which no merged pull request brought in. A direct push is never cleared: remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`,
    );
    expect(s.github.requests).toEqual([`GET /repos/riverside/social/commits/${pushed}/pulls?per_page=100`]);
  });

  it('does not clear an approved post that a later direct push changed', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.repo.write(postPath, postText('The annual meeting starts at 19:00.'));
    const pushed = s.repo.commit(bob, 'Fix the time on main');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `main last changed ${postPath} in ${short(pushed)}, which no merged pull request brought in`,
    );
  });

  it('still clears the approved post when a later direct push changes only other files', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.repo.write('README.md', '# Riverside social media\n').commit(bob, 'Reword the README');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('finds the history of a file whose name is not ASCII', async () => {
    const s = await start();
    s.repo.branch('cafe');
    s.repo.write('content/posts/2026/12/kawiarnia-zażółć.mdx', postText(undefined, 'id: kawiarnia\n'));
    s.repo.commit(bob);
    const pull = s.github.openPull('cafe', 'bob');
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'cafe');
    const project = parseProject(await readContent(s.repo.dir), { now: testNow });
    const gate = approvalGateFromEnv(s.env(), project.config!, s.repo.dir);
    const post = project.posts.find((p) => p.id === 'kawiarnia')!;
    expect(await gate.decide(post, [project.channels['mastodon']!])).toMatchObject({ cleared: true });
  });

  it('does not clear a post that was never merged, and says where it stands', async () => {
    const s = await start();
    s.propose('agm', bob);
    const decision = await s.decide();
    expect(decision).toEqual({
      cleared: false,
      reason: `${postPath} is not on main: merge it through a reviewed pull request first.`,
    });
    expect(s.github.requests).toEqual([]);
  });
});

describe('approval is bound to content', () => {
  it('does not clear a post edited after its approval, and names the approval and the edit', async () => {
    const s = await start();
    const { pull, commit: approved } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED', approved);
    const edit = s.push('agm', bob, postPath, postText('The annual meeting starts at 18:00 sharp.'));
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `approved at ${short(approved)} by ada, but the file changed in ${short(edit)} after that approval`,
    );
    expect(decision.reason).toContain(
      'pull request #1 needs 1 approval of the merged content from ada, grace or riverside/social-team for herald.yaml, and has none.',
    );
  });

  it('keeps the approval when later commits change only other files', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED', commit);
    s.push('agm', bob, 'content/posts/2026/12/agm.jpg.txt', 'caption draft');
    s.squashMerge(pull, 'agm');
    expect(await s.decide()).toMatchObject({
      cleared: true,
      reason: `Approved by ada at ${short(commit)}, the content that was merged (pull request #1).`,
    });
  });

  it('clears the edited post once it is approved again', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED', commit);
    const edit = s.push('agm', bob, postPath, postText('The annual meeting starts at 18:00 sharp.'));
    s.github.review(pull, 'ada', 'APPROVED', edit);
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({
      cleared: true,
      reason: `Approved by ada at ${short(edit)}, the content that was merged (pull request #1).`,
    });
  });

  it('does not clear a post whose content changed while it was being merged', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED', commit);
    s.repo.checkout('main').git('merge', '--squash', 'agm');
    s.repo.write(postPath, postText('Changed while merging.'));
    const merge = s.repo.commit(grace, 'Squash with a change');
    s.github.merged(pull, merge, 'grace');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(
      `approved at ${short(commit)} by ada, but the merged file differs from what was approved: it changed when it was merged (in ${short(merge)})`,
    );
  });

  it('does not clear a file with local changes that were never committed', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.repo.write(postPath, postText('Edited here, not in a pull request.'));
    const decision = await s.decide();
    expect(decision).toEqual({
      cleared: false,
      reason: expect.stringContaining(`${postPath} here differs from main (uncommitted changes`),
    });
  });
});

describe('who counts', () => {
  it("never counts the post's author, even when someone else opened the pull request", async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob, postText(undefined, 'author: ada\n'));
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain("Not counted: ada wrote this post, and an author's approval never counts.");
  });

  it('counts another allowed reviewer of the same post', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob, postText(undefined, 'author: ada\n'));
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('does not count a reviewer who changed the file in the pull request', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    const edit = s.push('agm', grace, postPath, postText('Reworded by grace.'));
    s.github.review(pull, 'grace', 'APPROVED', edit);
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('grace wrote this post');
  });

  it('does not count a dismissed approval', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.dismiss(s.github.review(pull, 'ada', 'APPROVED'));
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(`Not counted: ada's review at ${short(commit)} was dismissed.`);
  });

  it('counts an approval given again after a dismissal', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.dismiss(s.github.review(pull, 'ada', 'APPROVED'));
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('does not count an approval followed by "changes requested" from the same reviewer', async () => {
    const s = await start();
    const { pull, commit } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.github.review(pull, 'ada', 'COMMENTED');
    s.github.review(pull, 'ada', 'CHANGES_REQUESTED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain(`ada requested changes at ${short(commit)} after approving`);
  });

  it('counts an approval that follows a change request, and a comment after it does not undo it', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'CHANGES_REQUESTED');
    s.github.review(pull, 'ada', 'APPROVED');
    s.github.review(pull, 'ada', 'COMMENTED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
  });

  it('does not count someone who is not an allowed reviewer', async () => {
    const s = await start();
    s.github.teamsToken = teamsToken;
    s.github.teams = { 'riverside/social-team': ['erin'] };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'carl', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide(['mastodon'], s.env({ HERALD_TEAMS_TOKEN: teamsToken }));
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('carl is not an allowed reviewer for herald.yaml');
  });
});

describe('teams are resolved through the API', () => {
  it('counts a member of an allowed team when HERALD_TEAMS_TOKEN can read the team', async () => {
    const s = await start();
    s.github.teamsToken = teamsToken;
    s.github.teams = { 'riverside/social-team': ['erin', 'frank', 'dana'] };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'dana', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide(['mastodon'], s.env({ HERALD_TEAMS_TOKEN: teamsToken }))).toMatchObject({
      cleared: true,
      reason: expect.stringContaining('Approved by dana'),
    });
    // Three members at two a page: the member on the second page was found by following the Link header.
    expect(s.github.requests).toContain('GET /orgs/riverside/teams/social-team/members?per_page=2&page=2');
  });

  it('does not count someone outside the team', async () => {
    const s = await start();
    s.github.teamsToken = teamsToken;
    s.github.teams = { 'riverside/social-team': ['erin'] };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, dana.login, 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide(['mastodon'], s.env({ HERALD_TEAMS_TOKEN: teamsToken }));
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('dana is not an allowed reviewer for herald.yaml');
  });

  it('says which token is missing when the repository token cannot read the team', async () => {
    const s = await start();
    s.github.teamsToken = teamsToken;
    s.github.teams = { 'riverside/social-team': ['dana'] };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'dana', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('team riverside/social-team could not be read (GitHub answered 403');
    expect(decision.reason).toContain("organisation's Members (read) permission, or read:org, in HERALD_TEAMS_TOKEN");
  });

  it('clears logins without any team token', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true });
    expect(s.github.requests.filter((r) => r.includes('/teams/'))).toEqual([]);
  });
});

describe('without a reviewer list, anyone with write access counts', () => {
  const open = `approvals:\n  required: 1\n`;

  it('counts a reviewer with write access', async () => {
    const s = await start(open);
    s.github.permissions = { carl: 'write' };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'carl', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true, reason: expect.stringContaining('Approved by carl') });
  });

  it('does not count a reviewer who can only read', async () => {
    const s = await start(open);
    s.github.permissions = { carl: 'read' };
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, carl.login, 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide();
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('needs 1 approval of the merged content from people with write access');
    expect(decision.reason).toContain('carl has no write access to the repository');
  });
});

describe('per-channel rules: the strictest wins', () => {
  it('clears a post for mastodon with one approval but not for x, which needs two', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide(['mastodon', 'bluesky'])).toMatchObject({ cleared: true });
    const decision = await s.decide(['mastodon', 'x']);
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toBe(
      'pull request #1 needs 2 approvals of the merged content from ada, grace or riverside/social-team for channel x, and has 1 (ada).',
    );
  });

  it('clears the post for x with two allowed approvals', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide(['mastodon', 'x'])).toMatchObject({
      cleared: true,
      reason: expect.stringContaining('Approved by ada and grace'),
    });
  });

  it("applies a channel's own reviewer list on top of the general rule", async () => {
    const rules = `approvals:\n  required: 1\n  reviewers: [ada, grace]\n  channels:\n    bluesky: { required: 1, reviewers: [grace] }\n`;
    const s = await start(rules);
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide(['mastodon', 'bluesky']);
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toContain('from grace for channel bluesky, and has none');
    expect(decision.reason).toContain('Not counted: ada is not an allowed reviewer for channel bluesky.');
    s.github.review(pull, 'grace', 'APPROVED');
    expect(await s.decide(['mastodon', 'bluesky'])).toMatchObject({ cleared: true });
  });
});

describe('pagination', () => {
  it('reads every page of reviews and commits', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    for (let i = 0; i < 4; i++) s.push('agm', bob, `content/posts/2026/12/note-${i}.txt`, `note ${i}`);
    for (let i = 0; i < 4; i++) s.github.review(pull, 'carl', 'COMMENTED');
    s.github.review(pull, 'grace', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    expect(await s.decide()).toMatchObject({ cleared: true, reason: expect.stringContaining('Approved by grace') });
    expect(s.github.requests).toContain(`GET /repos/riverside/social/pulls/${pull}/reviews?per_page=2&page=3`);
    expect(s.github.requests).toContain(`GET /repos/riverside/social/pulls/${pull}/commits?per_page=2&page=3`);
  });
});

describe('configuration and faults', () => {
  it('clears nothing when GitHub is not configured', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    for (const env of [
      {},
      { GITHUB_TOKEN: token },
      { GITHUB_REPOSITORY: 'riverside/social' },
      { GITHUB_TOKEN: ' ', GITHUB_REPOSITORY: 'riverside/social' },
    ]) {
      expect(await s.decide(['mastodon'], env)).toEqual({ cleared: false, reason: notConfiguredReason });
    }
    expect(s.github.requests).toEqual([]);
  });

  it('reports a bad token in words, without throwing', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    const decision = await s.decide(['mastodon'], s.env({ GITHUB_TOKEN: 'ghs_expired' }));
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toMatch(
      /^Herald could not check the approval of content\/posts\/2026\/12\/agm\.mdx: GitHub answered 401 \(Bad credentials\) to GET \/repos\/riverside\/social\/commits\/[0-9a-f]{40}\/pulls\. Check GITHUB_TOKEN\.$/,
    );
  });

  it('says so when the commit was never pushed to GitHub', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.github.fail(/\/commits\/[0-9a-f]+\/pulls$/, 422, 'No commit found for SHA: 0123abc');
    const decision = await s.decide();
    expect(decision.reason).toContain('GitHub answered 422 (No commit found for SHA: 0123abc)');
    expect(decision.reason).toContain('Is the commit pushed to GitHub?');
  });

  async function gateWithQuickRetries(s: Scenario) {
    const project = parseProject(await readContent(s.repo.dir), { now: testNow });
    const octokit = new Octokit({ auth: token, baseUrl: s.github.url, retry: { retryAfterBaseValue: 1 } });
    const gate = gitHubApprovalGate({
      config: project.config!,
      configText: readFileSync(join(s.repo.dir, 'content/herald.yaml'), 'utf8'),
      git: () => openGitHistory(s.repo.dir, 'main'),
      github: githubFacts({ octokit, repository: 'riverside/social' }),
    });
    return { decide: () => gate.decide(project.posts[0]!, [project.channels['mastodon']!]) };
  }

  it('retries a server error and then clears', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.github.fail(/\/reviews$/, 502, 'Server Error', 2);
    expect(await (await gateWithQuickRetries(s)).decide()).toMatchObject({ cleared: true });
    expect(s.github.requests.filter((r) => r.includes('/reviews')).length).toBe(3);
  });

  it('gives up on a server that keeps failing, with the reason, not a crash', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.github.fail(/\/reviews$/, 500, 'Server Error', 10);
    const decision = await (await gateWithQuickRetries(s)).decide();
    expect(decision).toEqual({
      cleared: false,
      reason: `Herald could not check the approval of ${postPath}: GitHub answered 500 (Server Error) to GET /repos/riverside/social/pulls/1/reviews.`,
    });
  });

  it('refuses to guess from a shallow clone and says which fetch depth to use', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.repo.write('README.md', '# Later\n').commit(bob, 'Later change');
    const clone = mkdtempSync(join(tmpdir(), 'herald-shallow-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${s.repo.dir}`, clone]);
      const decision = await s.decide(['mastodon'], s.env(), clone);
      expect(decision.cleared).toBe(false);
      expect(decision.reason).toContain('fetch-depth: 0');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('reads history from a full clone, where the default branch is only origin/main', async () => {
    const s = await start();
    const { pull } = s.propose('agm', bob);
    s.github.review(pull, 'ada', 'APPROVED');
    s.mergeCommit(pull, 'agm');
    s.push('agm', bob, postPath, postText('A draft for next year.'));
    const clone = mkdtempSync(join(tmpdir(), 'herald-clone-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--branch', 'agm', s.repo.dir, clone]);
      expect(await s.decide(['mastodon'], s.env(), clone)).toMatchObject({
        cleared: false,
        reason: expect.stringContaining('differs from main'),
      });
      execFileSync('git', ['checkout', '--quiet', '--detach', 'origin/main'], { cwd: clone });
      expect(await s.decide(['mastodon'], s.env(), clone)).toMatchObject({ cleared: true });
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('explains that approvals need git when the project is not in a repository', async () => {
    const s = await start();
    s.repo.write(postPath, postText()).commit(bob);
    const plain = mkdtempSync(join(tmpdir(), 'herald-nogit-'));
    try {
      execFileSync('cp', ['-r', join(s.repo.dir, 'content'), plain]);
      const decision = await s.decide(['mastodon'], s.env(), plain);
      expect(decision.reason).toContain('is not in a git repository');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
