import { describe, expect, it } from 'vitest';
import type { Channel, HeraldConfig } from '../../../src/schemas/config.ts';
import {
  allowed,
  authorsOf,
  choosePull,
  decideInputs,
  failureReason,
  judgeApprovals,
  requirementsFor,
  startsOf,
  unusable,
  type Access,
  type Failure,
  type Input,
  type PullEvidence,
  type PullFact,
  type Requirement,
  type ReviewFact,
} from '../../../src/publish/approvals/decide.ts';

/**
 * The approval rules as tables: each row changes one fact from a case that passes and says what the
 * outcome must be. Commit ids are readable names; values say which version of the file they are.
 */

const sha = (name: string) => name.padEnd(40, '0');
const [base, c1, c2, c3, merge] = ['ba5e', 'c1', 'c2', 'c3', 'e1e1'].map(sha) as [
  string,
  string,
  string,
  string,
  string,
];
const path = 'content/posts/2026/12/agm.mdx';
const post: Input = { kind: 'post', id: path, label: path };

const pullFact: PullFact = {
  number: 7,
  url: 'https://github.com/riverside/social/pull/7',
  author: 'bob',
  state: 'closed',
  base: 'main',
  mergedAt: '2026-11-20T10:00:00Z',
  mergeCommit: merge,
};

let nextId = 1;
const review = (
  login: string | null,
  state: string,
  commit: string | null = c2,
  minute = nextId,
  bot = false,
): ReviewFact => ({
  id: nextId++,
  login,
  state,
  commit,
  submittedAt: `2026-11-19T10:${String(minute).padStart(2, '0')}:00Z`,
  bot,
});

/** bob adds the post in c1 (v1), edits it in c2 (v2); c3 by bob touches another file. Merged: v2. */
function pull(reviews: ReviewFact[], change: Partial<PullEvidence> = {}): PullEvidence {
  return {
    ...pullFact,
    commits: [
      { sha: c1, parents: [base], author: 'bob', committer: 'bob' },
      { sha: c2, parents: [c1], author: 'bob', committer: 'bob' },
      { sha: c3, parents: [c2], author: 'bob', committer: 'bob' },
    ],
    reviews,
    pushers: ['bob'],
    values: { [base]: null, [c1]: 'blob-v1', [c2]: 'blob-v2', [c3]: 'blob-v2' },
    ...change,
  };
}

const general: Requirement = { scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] };
const writers: Access = { teams: {}, writers: { ada: true, grace: true, carl: true, dana: true, bob: true } };

interface Row {
  name: string;
  pull: PullEvidence;
  requirements?: Requirement[];
  access?: Access;
  authors?: string[];
  value?: string;
  ok: boolean;
  says?: string | RegExp;
}

describe('judgeApprovals: one rule per row', () => {
  const rows: Row[] = [
    { name: 'an allowed reviewer approved the merged version', pull: pull([review('ada', 'APPROVED', c2)]), ok: true },
    {
      name: 'the approval was of an earlier version: the edit after it voids it',
      pull: pull([review('ada', 'APPROVED', c1)]),
      ok: false,
      says: 'pull request #7 needs 1 approval of the merged content from ada or grace for herald.yaml, and has none. Not counted: approved at c100000 by ada, but the file changed in c200000 after that approval.',
    },
    {
      name: 'an approval given on a later commit that changed only other files still counts',
      pull: pull([review('grace', 'APPROVED', c3)]),
      ok: true,
    },
    {
      name: 'a dismissed approval does not count',
      pull: pull([review('ada', 'DISMISSED', c2)]),
      ok: false,
      says: /Not counted: ada's review at c200000 was dismissed\.$/,
    },
    {
      name: 'an approval dismissed and given again counts',
      pull: pull([review('ada', 'DISMISSED', c2), review('ada', 'APPROVED', c2)]),
      ok: true,
    },
    {
      name: 'changes requested after approving cancel the approval',
      pull: pull([review('ada', 'APPROVED', c2), review('ada', 'CHANGES_REQUESTED', c2)]),
      ok: false,
      says: /Not counted: ada requested changes at c200000 after approving\.$/,
    },
    {
      name: "another reviewer's change request does not cancel an approval",
      pull: pull([review('ada', 'APPROVED', c2), review('grace', 'CHANGES_REQUESTED', c2)]),
      ok: true,
    },
    {
      name: 'a dismissal of a later review cancels an earlier approval',
      pull: pull([review('ada', 'APPROVED', c2), review('ada', 'DISMISSED', c2)]),
      ok: false,
      says: /ada's review at c200000 was dismissed/,
    },
    {
      name: 'an approval after a change request counts',
      pull: pull([review('ada', 'CHANGES_REQUESTED', c1), review('ada', 'APPROVED', c2)]),
      ok: true,
    },
    {
      name: 'a comment after an approval changes nothing',
      pull: pull([review('ada', 'APPROVED', c2), review('ada', 'COMMENTED', c3)]),
      ok: true,
    },
    {
      name: 'reviews are taken in the order they were submitted, not listed',
      pull: pull([review('ada', 'CHANGES_REQUESTED', c2, 50), review('ada', 'APPROVED', c2, 10)]),
      ok: false,
      says: /ada requested changes at c200000 after approving/,
    },
    {
      name: 'a pending (unsubmitted) review is no approval',
      pull: pull([review('ada', 'PENDING', c2)]),
      ok: false,
      says: /has none\.$/,
    },
    {
      name: 'an earlier approval of the very content merged still counts after approving another version',
      pull: pull([review('ada', 'APPROVED', c2), review('ada', 'APPROVED', c1)]),
      ok: true,
    },
    {
      name: 'whoever opened the pull request never counts',
      pull: pull([review('bob', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: ['bob', 'ada'] }],
      ok: false,
      says: /Not counted: bob wrote this post, and an author's approval never counts\.$/,
    },
    {
      name: "the post's author: never counts, whoever opened the pull request",
      pull: pull([review('ada', 'APPROVED', c2)]),
      authors: ['Ada'],
      ok: false,
      says: /ada wrote this post/,
    },
    {
      name: "GitHub's author of any commit of the pull request is an author, even of a commit that changed another file",
      pull: pull([review('grace', 'APPROVED', c2)], {
        commits: [
          { sha: c1, parents: [base], author: 'bob' },
          { sha: c2, parents: [c1], author: 'bob' },
          { sha: c3, parents: [c2], author: 'grace', committer: 'bob' },
        ],
      }),
      ok: false,
      says: /grace wrote this post/,
    },
    {
      name: "GitHub's committer of a commit is an author",
      pull: pull([review('grace', 'APPROVED', c2)], {
        commits: [
          { sha: c1, parents: [base], author: 'bob', committer: 'grace' },
          { sha: c2, parents: [c1], author: 'bob' },
          { sha: c3, parents: [c2], author: 'bob' },
        ],
      }),
      ok: false,
      says: /grace wrote this post/,
    },
    {
      name: 'whoever pushed to the branch is an author, whatever the commits claim',
      pull: pull([review('grace', 'APPROVED', c2)], { pushers: ['bob', 'grace'] }),
      ok: false,
      says: /grace wrote this post/,
    },
    {
      name: 'someone outside the reviewer list does not count',
      pull: pull([review('carl', 'APPROVED', c2)]),
      ok: false,
      says: /Not counted: carl is not an allowed reviewer for herald\.yaml\.$/,
    },
    {
      name: 'a named reviewer without write access today does not count',
      pull: pull([review('ada', 'APPROVED', c2)]),
      access: { teams: {}, writers: { ada: false } },
      ok: false,
      says: /Not counted: ada has no write access to the repository\.$/,
    },
    {
      name: 'logins match whatever their case',
      pull: pull([review('Grace', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: ['GRACE'] }],
      ok: true,
    },
    {
      name: 'a review by a deleted account (no user) is ignored',
      pull: pull([review(null, 'APPROVED', c2)]),
      ok: false,
      says: /has none\.$/,
    },
    {
      name: 'an approval by a bot or app never counts',
      pull: pull([review('herald-app[bot]', 'APPROVED', c2, nextId, true)]),
      requirements: [{ ...general, reviewers: [] }],
      access: { teams: {}, writers: { 'herald-app[bot]': true } },
      ok: false,
      says: /Not counted: herald-app\[bot\] is a bot or app, and only people approve\.$/,
    },
    {
      name: 'a member of an allowed team counts, write access or not',
      pull: pull([review('dana', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: ['riverside/Social'] }],
      access: { teams: { 'riverside/social': { members: ['erin', 'Dana'] } }, writers: { dana: false } },
      ok: true,
    },
    {
      name: 'a team that could not be read lets nobody in, and says why',
      pull: pull([review('dana', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: ['riverside/social'] }],
      access: { teams: { 'riverside/social': { error: 'GitHub answered 403' } }, writers: {} },
      ok: false,
      says: /team riverside\/social could not be read \(GitHub answered 403\)\.$/,
    },
    {
      name: 'without a reviewer list, write access counts',
      pull: pull([review('carl', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: [] }],
      ok: true,
    },
    {
      name: 'without a reviewer list, read access does not',
      pull: pull([review('carl', 'APPROVED', c2)]),
      requirements: [{ ...general, reviewers: [] }],
      access: { teams: {}, writers: { carl: false } },
      ok: false,
      says: 'pull request #7 needs 1 approval of the merged content from people with write access for herald.yaml, and has none. Not counted: carl has no write access to the repository.',
    },
    {
      name: 'no approval required: merged through a pull request is enough',
      pull: pull([]),
      requirements: [{ ...general, required: 0 }],
      ok: true,
    },
    {
      name: 'the strictest rule wins: two needed for x, one given',
      pull: pull([review('ada', 'APPROVED', c2)]),
      requirements: [general, { scopes: ['channel x'], required: 2, reviewers: ['ada', 'grace'] }],
      ok: false,
      says: 'pull request #7 needs 2 approvals of the merged content from ada or grace for channel x, and has 1 (ada).',
    },
    {
      name: 'the strictest rule wins: two needed for x, two given',
      pull: pull([review('ada', 'APPROVED', c2), review('grace', 'APPROVED', c3)]),
      requirements: [general, { scopes: ['channel x'], required: 2, reviewers: ['ada', 'grace'] }],
      ok: true,
    },
    {
      name: 'an approval of a commit where the file did not exist',
      pull: pull([review('ada', 'APPROVED', c1)], {
        values: { [base]: null, [c1]: null, [c2]: 'blob-v2', [c3]: 'blob-v2' },
      }),
      ok: false,
      says: /approved at c100000 by ada, but the file did not exist in that commit/,
    },
    {
      name: 'an approval of a commit force-pushed away does not count, even with the same content',
      pull: pull([review('ada', 'APPROVED', sha('dead'))], {
        values: { [base]: null, [c1]: 'blob-v1', [c2]: 'blob-v2', [c3]: 'blob-v2', [sha('dead')]: 'blob-v2' },
      }),
      ok: false,
      says: /approved at dead000 by ada, a commit that is not part of the pull request \(its branch was force-pushed since, or the review was given elsewhere\)/,
    },
    {
      name: 'the content changed during the merge itself',
      pull: pull([review('ada', 'APPROVED', c3)]),
      value: 'blob-v3',
      ok: false,
      says: /approved at c300000 by ada, but the merged file differs from what was approved: it changed when it was merged \(in e1e1000\)/,
    },
  ];

  it.each(rows)('$name', (row) => {
    const outcome = judgeApprovals(
      row.pull,
      row.value ?? 'blob-v2',
      post,
      row.requirements ?? [general],
      row.access ?? writers,
      row.authors ?? [],
    );
    expect(outcome.ok).toBe(row.ok);
    if (!outcome.ok && row.says !== undefined) {
      if (typeof row.says === 'string') expect(outcome.reason).toBe(row.says);
      else expect(outcome.reason).toMatch(row.says);
    }
  });

  it('names the approvals that count, with the commit each was given on', () => {
    const outcome = judgeApprovals(
      pull([review('ada', 'APPROVED', c2), review('grace', 'APPROVED', c3), review('carl', 'APPROVED', c3)]),
      'blob-v2',
      post,
      [general],
      writers,
    );
    expect(outcome).toEqual({
      ok: true,
      approvals: [
        { login: 'ada', commit: c2 },
        { login: 'grace', commit: c3 },
      ],
    });
  });

  it('speaks of a setting as merged, not of a post', () => {
    const setting: Input = {
      kind: 'setting',
      id: 'channels.mastodon',
      label: 'the channel mastodon in content/herald.yaml',
    };
    const outcome = judgeApprovals(pull([review('carl', 'APPROVED', c2)]), 'blob-v2', setting, [general], writers);
    expect(outcome).toEqual({
      ok: false,
      reason:
        'pull request #7 needs 1 approval of the channel mastodon in content/herald.yaml as merged from ada or grace for herald.yaml, and has none. Not counted: carl is not an allowed reviewer for herald.yaml.',
    });
  });
});

describe('allowed', () => {
  it.each([
    { name: 'named, with write access', rule: general, access: writers, login: 'ada', yes: true },
    {
      name: 'named, read access only',
      rule: general,
      access: { teams: {}, writers: { ada: false } },
      login: 'ada',
      yes: false,
    },
    { name: 'not named', rule: general, access: writers, login: 'carl', yes: false },
    {
      name: 'no list: anyone with write access',
      rule: { ...general, reviewers: [] },
      access: writers,
      login: 'carl',
      yes: true,
    },
    {
      name: 'a team member',
      rule: { ...general, reviewers: ['org/social'] },
      access: { teams: { 'org/social': { members: ['carl'] } }, writers: {} },
      login: 'Carl',
      yes: true,
    },
  ])('$name', ({ rule, access, login, yes }) => {
    expect(allowed(login, rule, access)).toBe(yes);
  });
});

describe('failureReason: which change, in which commit, and what to do', () => {
  const pushed = sha('f0f0');
  const setting: Input = {
    kind: 'setting',
    id: 'channels.mastodon',
    label: 'the channel mastodon in content/herald.yaml',
  };
  const image: Input = {
    kind: 'image',
    id: 'content/posts/2026/12/hall.png',
    label: 'the image content/posts/2026/12/hall.png',
  };
  const direct: Failure = { kind: 'direct', commit: pushed, open: [] };
  const options = { branch: 'main', latest: pushed, revertable: true };
  it.each([
    {
      name: 'the latest change was pushed straight over a reviewed version: revert it',
      input: post,
      failure: direct,
      options,
      says: `main last changed ${path} in f0f0000, which no merged pull request brought in. A direct push is never cleared: revert f0f0000 in a pull request (git revert f0f0000), which brings back the reviewed version, then propose the change in a pull request of its own and have it reviewed.`,
    },
    {
      name: 'a file created by a direct push: remove it and propose it again',
      input: post,
      failure: { ...direct, open: [9] },
      options: { ...options, revertable: false },
      says: `main last changed ${path} in f0f0000, which no merged pull request brought in (#9 is not merged). A direct push is never cleared: remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`,
    },
    {
      name: 'a direct push under later reviewed changes: nobody saw all of it',
      input: post,
      failure: { kind: 'base', commit: c3, pull: 12, cause: { kind: 'base', commit: c2, pull: 11, cause: direct } },
      options: { ...options, latest: c3 },
      says: `main changed ${path} in f0f0000, which no merged pull request brought in. Pull requests #12 and #11 changed it later but showed their reviewers only their own changes, so nobody reviewed all of it. Remove the file in one pull request and add it back in another, so its reviewers see every line.`,
    },
    {
      name: 'a setting under a later reviewed change',
      input: setting,
      failure: { kind: 'base', commit: c3, pull: 12, cause: direct },
      options: { ...options, latest: c3 },
      says: 'main changed the channel mastodon in content/herald.yaml in f0f0000, which no merged pull request brought in. Pull request #12 changed it later but showed its reviewers only its own changes, so nobody reviewed all of it. Remove the channel mastodon in one pull request and add it back in another, so its reviewers see all of it.',
    },
    {
      name: 'a pull request that started from a version main never had',
      input: post,
      failure: { kind: 'foreign', commit: c3, pull: 12, start: sha('5a5a') },
      options,
      says: `${path}: pull request #12 started from 5a5a000, where it had a version that main never had, so its reviewers did not see all of it. Remove the file in one pull request and add it back in another, so its reviewers see every line.`,
    },
    {
      name: 'missing approvals of the post: the rule says it all',
      input: post,
      failure: { kind: 'approvals', commit: c3, pull: 12, reason: 'pull request #12 needs 1 approval.' },
      options,
      says: 'pull request #12 needs 1 approval.',
    },
    {
      name: 'missing approvals of an image name the image',
      input: image,
      failure: { kind: 'approvals', commit: c3, pull: 12, reason: 'pull request #12 needs 1 approval.' },
      options,
      says: 'the image content/posts/2026/12/hall.png: pull request #12 needs 1 approval.',
    },
    {
      name: 'a shallow clone',
      input: post,
      failure: { kind: 'shallow', commit: c1 },
      options,
      says: `This checkout's history stops at c100000, so Herald cannot tell where ${path} came from. Check out the full history (actions/checkout with fetch-depth: 0).`,
    },
  ] satisfies { name: string; input: Input; failure: Failure; options: typeof options; says: string }[])(
    '$name',
    ({ input, failure, options, says }) => {
      expect(failureReason(input, failure, options)).toBe(says);
    },
  );
});

describe('decideInputs', () => {
  const approvals = [
    { login: 'ada', commit: c2 },
    { login: 'grace', commit: c3 },
  ];
  it('clears a post only when every input is reviewed, naming who approved its text', () => {
    const decision = decideInputs([
      {
        input: post,
        cleared: true,
        steps: [
          { pull: 7, approvals },
          { pull: 3, approvals: [] },
        ],
      },
      { input: { kind: 'setting', id: 'approvals', label: 'approvals' }, cleared: true, steps: [] },
    ]);
    expect(decision).toEqual({
      cleared: true,
      reason: 'Approved by ada and grace at c200000 and c300000, the content that was merged (pull request #7).',
    });
  });

  it('says every input that is not reviewed', () => {
    const decision = decideInputs([
      { input: post, cleared: true, steps: [{ pull: 7, approvals }] },
      unusable({ kind: 'image', id: 'content/hall.png', label: 'the image content/hall.png' }, { kind: 'link' }),
      unusable(
        { kind: 'setting', id: 'timezone', label: 'timezone in content/herald.yaml' },
        { kind: 'differs', branch: 'main' },
      ),
    ]);
    expect(decision.cleared).toBe(false);
    expect(decision.reason).toBe(
      'the image content/hall.png is a symbolic link on the default branch. Herald sends only files stored in the repository as they are: commit the image itself. timezone in content/herald.yaml here differs from main (uncommitted changes, or another branch is checked out): only what is merged into main can be cleared.',
    );
  });

  it('a pull request that needed no approval says so', () => {
    expect(decideInputs([{ input: post, cleared: true, steps: [{ pull: 7, approvals: [] }] }])).toEqual({
      cleared: true,
      reason: 'No approval is required; merged through pull request #7.',
    });
  });
});

describe('choosePull', () => {
  const merged = (number: number, at: string, mergeCommit: string | null, base = 'main'): PullFact => ({
    ...pullFact,
    number,
    mergedAt: at,
    mergeCommit,
    base,
  });
  it.each([
    { name: 'nothing associated', pulls: [], chosen: undefined },
    {
      name: 'only an open pull request',
      pulls: [{ ...pullFact, number: 3, mergedAt: null, mergeCommit: null }],
      chosen: undefined,
    },
    {
      name: 'merged into another branch',
      pulls: [merged(4, '2026-11-20T10:00:00Z', merge, 'release')],
      chosen: undefined,
    },
    {
      name: 'the one whose merge commit it is wins',
      pulls: [merged(5, '2026-11-21T10:00:00Z', sha('other')), merged(6, '2026-11-20T10:00:00Z', merge)],
      chosen: 6,
    },
    {
      name: 'else the one merged last',
      pulls: [merged(5, '2026-11-19T10:00:00Z', sha('a')), merged(8, '2026-11-21T10:00:00Z', sha('b'))],
      chosen: 8,
    },
  ])('$name', ({ pulls, chosen }) => {
    expect(choosePull(pulls, merge, 'main')?.number).toBe(chosen);
  });
});

describe('authorsOf', () => {
  it("counts who opened the pull request, who pushed to it, GitHub's authors and committers of its commits, and the post author", () => {
    const evidence = pull([], {
      pushers: ['carl'],
      commits: [
        { sha: c1, parents: [base], author: 'dana', committer: 'web-flow' },
        { sha: c2, parents: [c1], author: null, committer: 'Erin' },
      ],
    });
    expect([...authorsOf(evidence, ['Zoe'])].sort()).toEqual(['bob', 'carl', 'dana', 'erin', 'zoe']);
  });
});

describe('startsOf', () => {
  it('finds where the pull request branched off and every update merged into it', () => {
    const update = sha('ma1n');
    const commits = [
      { sha: c1, parents: [base], author: 'bob' },
      { sha: c2, parents: [c1, update], author: 'bob' },
      { sha: c3, parents: [c2], author: 'bob' },
    ];
    expect(startsOf(commits)).toEqual([base, update]);
  });
});

describe('requirementsFor', () => {
  const channels: Channel[] = [
    { id: 'mastodon', network: 'mastodon', instance: 'https://mastodon.social' },
    { id: 'riverside-x', network: 'x' },
    { id: 'bluesky', network: 'bluesky', handle: 'riverside.bsky.social', service: 'https://bsky.social' },
  ];
  const approvals = (channelRules: HeraldConfig['approvals']['channels']): HeraldConfig['approvals'] => ({
    required: 1,
    reviewers: ['ada', 'grace'],
    channels: channelRules,
  });

  it('has only the general rule when no channel has its own', () => {
    expect(requirementsFor(approvals({}), channels)).toEqual([
      { scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] },
    ]);
  });

  it('adds a rule keyed by network, inheriting the reviewers', () => {
    expect(requirementsFor(approvals({ x: { required: 2 } }), channels)).toEqual([
      { scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] },
      { scopes: ['network x'], required: 2, reviewers: ['ada', 'grace'] },
    ]);
  });

  it('adds both the channel id rule and the network rule, and a channel rule with its own reviewers', () => {
    const rules = approvals({ 'riverside-x': { required: 1, reviewers: ['legal/reviewers'] }, x: { required: 2 } });
    expect(requirementsFor(rules, channels)).toEqual([
      { scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] },
      { scopes: ['channel riverside-x'], required: 1, reviewers: ['legal/reviewers'] },
      { scopes: ['network x'], required: 2, reviewers: ['ada', 'grace'] },
    ]);
  });

  it('merges rules that ask the same, and ignores rules for channels the post does not use', () => {
    const rules = approvals({ bluesky: { required: 1, reviewers: ['Grace', 'ada'] }, linkedin: { required: 5 } });
    expect(requirementsFor(rules, channels)).toEqual([
      { scopes: ['herald.yaml', 'channel bluesky'], required: 1, reviewers: ['ada', 'grace'] },
    ]);
  });
});
