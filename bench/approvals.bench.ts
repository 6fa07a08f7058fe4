/**
 * The approval check for 200 posts, each merged through its own reviewed pull request: the git
 * history alone (three git commands a post) as the baseline, then the whole gate, git plus the GitHub
 * API answered by the tests' fake GitHub on localhost (no network latency: this measures Herald).
 */
import { parseProject } from '../src/lib/load.ts';
import { readContent } from '../src/lib/read-content.ts';
import { approvalGateFromEnv } from '../src/publish/approvals/index.ts';
import { openGitHistory } from '../src/publish/approvals/git.ts';
import { FakeGitHub } from '../tests/publish/approvals/fake-github.ts';
import { person, TestRepo } from '../tests/publish/approvals/git-fixture.ts';
import { config, postText } from '../tests/publish/approvals/scenario.ts';
import { measure, report } from './harness.ts';

const count = 200;
const token = 'ghs_benchToken';
const repo = TestRepo.create();
const github = new FakeGitHub(repo, token);
github.pageSize = 100;
try {
  repo.write('content/herald.yaml', config(`approvals:\n  required: 1\n  reviewers: [ada, grace]\n`)).commit(person('bob'));
  await github.start();
  for (let i = 0; i < count; i++) {
    const branch = `post-${i}`;
    repo.branch(branch).write(`content/posts/2026/12/post-${i}.mdx`, postText(`Post number ${i}.`).replace('18:30', `${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`));
    repo.commit(person('bob'), `Propose post ${i}`);
    const pull = github.openPull(branch, 'bob');
    github.review(pull, i % 2 ? 'ada' : 'grace', 'APPROVED');
    github.merged(pull, repo.mergeCommit(branch, person('grace')), 'grace');
  }
  const project = parseProject(await readContent(repo.dir), { now: Date.parse('2026-11-23T12:00:00Z') });
  if (project.posts.length !== count || !project.config) throw new Error(`expected ${count} posts: ${JSON.stringify(project.problems.slice(0, 3))}`);
  const env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'riverside/social', GITHUB_API_URL: github.url };
  const channels = [project.channels['mastodon']!];

  const decideAll = async () => {
    const gate = approvalGateFromEnv(env, project.config!, repo.dir);
    const decisions = await Promise.all(project.posts.map((post) => gate.decide(post, channels)));
    const refused = decisions.filter((d) => !d.cleared);
    if (refused.length > 0) throw new Error(`not cleared: ${refused[0]!.reason}`);
  };
  report([
    await measure(`git history of ${count} posts (baseline)`, async () => {
      const git = await openGitHistory(repo.dir, 'main');
      await Promise.all(project.posts.map((post) => git.history(post.file)));
    }, 3),
    await measure(`approval check of ${count} posts: git and GitHub API`, decideAll, 3),
  ]);
} finally {
  await github.stop();
  repo.cleanup();
}
