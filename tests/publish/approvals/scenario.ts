import { parseProject } from '../../../src/lib/project/load.ts';
import { readContent } from '../../../src/lib/project/read-content.ts';
import type { Post, Project } from '../../../src/lib/project/model.ts';
import type { ApprovalDecision, ApprovalGate } from '../../../src/publish/approval.ts';
import { approvalGateFromEnv, type GateEnvironment, type GateMemory } from '../../../src/publish/approvals/index.ts';
import { testNow } from '../../helpers/project.ts';
import { FakeGitHub } from '../fakes/github.ts';
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
  readonly github = new FakeGitHub({ repo: this.repo, token });

  /** The repository's first commit (herald.yaml and a README, pushed by bob), then the fake GitHub in front of it. */
  static async start(approvals?: string, heraldYaml = config(approvals)): Promise<Scenario> {
    const scenario = new Scenario();
    scenario.repo
      .write('content/herald.yaml', heraldYaml)
      .write('README.md', '# Riverside social\n')
      .commit(bob, 'Start the calendar');
    // The team: everyone here may push, as collaborators with write access.
    scenario.github.permissions = { ada: 'write', grace: 'write', bob: 'write', carl: 'write', dana: 'write' };
    await scenario.github.start();
    return scenario;
  }

  /** Creates `branch` from main with the post written as `text`, committed and pushed by `who`, and opens a pull request. */
  propose(branch: string, who: Person, text = postText(), file = postPath): { pull: number; commit: string } {
    this.repo.branch(branch).write(file, text);
    const commit = this.repo.commit(who, 'Propose a post');
    this.github.pushed(branch, who.login, null);
    return { pull: this.github.openPull(branch, who.login), commit };
  }

  /**
   * Another commit on `branch`, changing the post (or another file), pushed by `who`; the commit says
   * it is by `as` (git lets anyone write any name and address into a commit).
   */
  push(branch: string, who: Person, file: string, text: string | Buffer, as = who): string {
    const before = this.repo.head(branch);
    this.repo.checkout(branch).write(file, text);
    const commit = this.repo.commit(as, `Edit ${file}`);
    this.github.pushed(branch, who.login, before);
    return commit;
  }

  /** A commit straight onto main by `who`, without a pull request (what an administrator can do). */
  pushToMain(who: Person, file: string, text: string | Buffer | null): string {
    const before = this.repo.head('main');
    this.repo.checkout('main');
    if (text === null) this.repo.remove(file);
    else this.repo.write(file, text);
    const commit = this.repo.commit(who, `Push ${file} straight to main`);
    this.github.pushed('main', who.login, before);
    return commit;
  }

  /**
   * A whole pull request: `who` changes `files` (null deletes one) on a new branch from main and
   * opens it, each of `approvers` approves its head, and grace merges it the way `how` says.
   */
  land(
    branch: string,
    who: Person,
    files: Record<string, string | Buffer | null>,
    approvers: string[] = ['ada'],
    how: 'merge' | 'squash' | 'rebase' = 'merge',
  ): { pull: number; head: string; merged: string } {
    this.repo.branch(branch, 'main');
    for (const [file, text] of Object.entries(files)) {
      if (text === null) this.repo.remove(file);
      else this.repo.write(file, text);
    }
    const head = this.repo.commit(who, `Change ${Object.keys(files).join(', ')}`);
    this.github.pushed(branch, who.login, null);
    const pull = this.github.openPull(branch, who.login);
    for (const login of approvers) this.github.review(pull, login, 'APPROVED');
    const merged =
      how === 'merge'
        ? this.mergeCommit(pull, branch)
        : how === 'squash'
          ? this.squashMerge(pull, branch)
          : this.rebaseMerge(pull, branch);
    return { pull, head, merged };
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

  /** Loads the project from the work tree, as `herald publish` does, and asks the gate about the post in `file`. */
  async decide(
    channels = ['mastodon'],
    env = this.env(),
    root = this.repo.dir,
    file = postPath,
  ): Promise<ApprovalDecision> {
    const { gate, post, project } = await this.gate(env, root, file);
    return gate.decide(
      post,
      channels.map((id) => project.channels[id]!),
    );
  }

  /** The gate a publish run would use (with `memory`, the one that remembers), and the post in `file`. */
  async gate(
    env = this.env(),
    root = this.repo.dir,
    file = postPath,
    memory?: GateMemory,
  ): Promise<{ gate: ApprovalGate; post: Post; project: Project }> {
    const project = parseProject(await readContent(root), { now: testNow });
    const post = project.posts.find((p) => p.file === file);
    if (!project.config || !post)
      throw new Error(`the test project does not load: ${JSON.stringify(project.problems)}`);
    return { gate: approvalGateFromEnv(env, project.config, root, memory), post, project };
  }

  async stop(): Promise<void> {
    await this.github.close();
    this.repo.cleanup();
  }
}
