import { parseProject } from '../../../src/lib/load.ts';
import { readContent } from '../../../src/lib/read-content.ts';
import type { ApprovalDecision } from '../../../src/publish/approval.ts';
import { approvalGateFromEnv, type GateEnvironment } from '../../../src/publish/approvals/index.ts';
import { testNow } from '../../helpers/project.ts';
import { FakeGitHub } from './fake-github.ts';
import { person, TestRepo, type Person } from './git-fixture.ts';

export const ada = person('ada');
export const grace = person('grace');
export const bob = person('bob');
export const carl = person('carl');
export const dana = person('dana');

export const postPath = 'content/posts/2026/12/agm.mdx';
export const token = 'ghs_repositoryToken000000000000000000000';
export const teamsToken = 'github_pat_teamsToken0000000000000000000';

export const defaultApprovals = `approvals:
  required: 1
  reviewers: [ada, grace, riverside/social-team]
  channels:
    x: { required: 2 }
`;

export function config(approvals = defaultApprovals): string {
  return `organization: Riverside Residents' Association
timezone: Europe/Warsaw
repository: riverside/social
channels:
  - id: mastodon
    network: mastodon
    instance: https://mastodon.social
  - id: bluesky
    network: bluesky
    handle: riverside.bsky.social
  - id: x
    network: x
${approvals}`;
}

export function postText(text = 'The annual meeting starts at 18:30 in the main hall.', extra = ''): string {
  return `---
title: The annual meeting
publishAt: 2026-12-03 18:30
channels: [mastodon, bluesky, x]
${extra}---
${text}
`;
}

/**
 * A repository whose main branch has herald.yaml and a README, a fake GitHub in front of it, and the
 * steps a team takes: branch, commit, open a pull request, review, merge.
 */
export class Scenario {
  readonly repo = TestRepo.create();
  readonly github = new FakeGitHub(this.repo, token);

  static async start(approvals?: string, heraldYaml = config(approvals)): Promise<Scenario> {
    const scenario = new Scenario();
    scenario.repo.write('content/herald.yaml', heraldYaml).write('README.md', '# Riverside social\n').commit(bob, 'Start the calendar');
    await scenario.github.start();
    return scenario;
  }

  /** Creates `branch` from main with the post written as `text`, committed by `who`, and opens a pull request. */
  propose(branch: string, who: Person, text = postText()): { pull: number; commit: string } {
    this.repo.branch(branch).write(postPath, text);
    const commit = this.repo.commit(who, 'Propose a post');
    return { pull: this.github.openPull(branch, who.login), commit };
  }

  /** Another commit on `branch`, changing the post (or another file) as `who`. */
  push(branch: string, who: Person, file: string, text: string): string {
    this.repo.checkout(branch).write(file, text);
    return this.repo.commit(who, `Edit ${file}`);
  }

  mergeCommit(pull: number, branch: string, by = grace): string {
    const sha = this.repo.mergeCommit(branch, by);
    this.github.merged(pull, sha, by.login);
    return sha;
  }

  squashMerge(pull: number, branch: string, by = grace): string {
    const sha = this.repo.squashMerge(branch, by);
    this.github.merged(pull, sha, by.login);
    return sha;
  }

  rebaseMerge(pull: number, branch: string, by = grace): string {
    const copies = this.repo.rebaseMerge(branch, by);
    this.github.merged(pull, copies.at(-1)!, by.login, copies);
    return copies.at(-1)!;
  }

  env(extra: GateEnvironment = {}): GateEnvironment {
    return { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'riverside/social', GITHUB_API_URL: this.github.url, ...extra };
  }

  /** Loads the project from the work tree, as `herald publish` does, and asks the gate about the post. */
  async decide(channels = ['mastodon'], env = this.env(), root = this.repo.dir): Promise<ApprovalDecision> {
    const project = parseProject(await readContent(root), { now: testNow });
    const post = project.posts.find((p) => p.file === postPath);
    if (!project.config || !post) throw new Error(`the test project does not load: ${JSON.stringify(project.problems)}`);
    const gate = approvalGateFromEnv(env, project.config, root);
    return gate.decide(post, channels.map((id) => project.channels[id]!));
  }

  async stop(): Promise<void> {
    await this.github.stop();
    this.repo.cleanup();
  }
}
