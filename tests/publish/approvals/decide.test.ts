import { describe, expect, it } from 'vitest';
import type { Channel, HeraldConfig } from '../../../src/schemas/config.ts';
import {
  authorsOf,
  checkHistory,
  choosePull,
  decide,
  requirementsFor,
  type Access,
  type ApprovalCase,
  type FileHistory,
  type PullEvidence,
  type PullFact,
  type Requirement,
  type ReviewFact,
} from '../../../src/publish/approvals/decide.ts';

/**
 * The approval rules as a table: each row changes one fact from a case that clears and says what the
 * decision must be. Commit ids are readable names; blob ids say which version of the file they are.
 */

const sha = (name: string) => name.padEnd(40, '0');
const [base, c1, c2, c3, merge, pushed] = ['ba5e', 'c1', 'c2', 'c3', 'e1e1', 'f0f0'].map(sha) as [string, string, string, string, string, string];
const path = 'content/posts/2026/12/agm.mdx';

const history: FileHistory = { path, branch: 'main', working: 'blob-v2', onBranch: 'blob-v2', lastChange: merge, shallow: false };

const pullFact: PullFact = { number: 7, url: 'https://github.com/riverside/social/pull/7', author: 'bob', state: 'closed', base: 'main', mergedAt: '2026-11-20T10:00:00Z', mergeCommit: merge };

let nextId = 1;
const review = (login: string | null, state: string, commit: string | null = c2, minute = nextId): ReviewFact => ({
  id: nextId++,
  login,
  state,
  commit,
  submittedAt: `2026-11-19T10:${String(minute).padStart(2, '0')}:00Z`,
});

/** bob adds the post in c1 (v1), edits it in c2 (v2); c3 by carl touches another file. Merged: v2. */
function pull(reviews: ReviewFact[], change: Partial<PullEvidence> = {}): PullEvidence {
  return {
    ...pullFact,
    commits: [
      { sha: c1, parent: base, author: 'bob' },
      { sha: c2, parent: c1, author: 'bob' },
      { sha: c3, parent: c2, author: 'carl' },
    ],
    reviews,
    blobs: { [base]: null, [c1]: 'blob-v1', [c2]: 'blob-v2', [c3]: 'blob-v2' },
    ...change,
  };
}

const general: Requirement = { scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] };
const noAccess: Access = { teams: {}, writers: {} };

function facts(reviews: ReviewFact[], change: Partial<ApprovalCase> = {}): ApprovalCase {
  return { history, pulls: [pullFact], pull: pull(reviews), requirements: [general], access: noAccess, ...change };
}

describe('decide: one rule per row', () => {
  const rows: { name: string; input: ApprovalCase; cleared: boolean; reason: string | RegExp }[] = [
    {
      name: 'an allowed reviewer approved the merged version',
      input: facts([review('ada', 'APPROVED', c2)]),
      cleared: true,
      reason: 'Approved by ada at c200000, the content that was merged (pull request #7).',
    },
    {
      name: 'the approval was of an earlier version: the edit after it voids it',
      input: facts([review('ada', 'APPROVED', c1)]),
      cleared: false,
      reason: 'pull request #7 needs 1 approval of the merged content from ada or grace for herald.yaml, and has none. Not counted: approved at c100000 by ada, but the file changed in c200000 after that approval.',
    },
    {
      name: 'an approval given on a later commit that changed only other files still counts',
      input: facts([review('grace', 'APPROVED', c3)]),
      cleared: true,
      reason: 'Approved by grace at c300000, the content that was merged (pull request #7).',
    },
    {
      name: 'a dismissed approval does not count',
      input: facts([review('ada', 'DISMISSED', c2)]),
      cleared: false,
      reason: /Not counted: ada's review at c200000 was dismissed\.$/,
    },
    {
      name: 'an approval dismissed and given again counts',
      input: facts([review('ada', 'DISMISSED', c2), review('ada', 'APPROVED', c2)]),
      cleared: true,
      reason: /^Approved by ada/,
    },
    {
      name: 'changes requested after approving cancel the approval',
      input: facts([review('ada', 'APPROVED', c2), review('ada', 'CHANGES_REQUESTED', c2)]),
      cleared: false,
      reason: /Not counted: ada requested changes at c200000 after approving\.$/,
    },
    {
      name: "another reviewer's change request does not cancel an approval",
      input: facts([review('ada', 'APPROVED', c2), review('grace', 'CHANGES_REQUESTED', c2)]),
      cleared: true,
      reason: /^Approved by ada/,
    },
    {
      name: 'a dismissal of a later review cancels an earlier approval',
      input: facts([review('ada', 'APPROVED', c2), review('ada', 'DISMISSED', c2)]),
      cleared: false,
      reason: /ada's review at c200000 was dismissed/,
    },
    {
      name: 'an approval after a change request counts',
      input: facts([review('ada', 'CHANGES_REQUESTED', c1), review('ada', 'APPROVED', c2)]),
      cleared: true,
      reason: /^Approved by ada/,
    },
    {
      name: 'a comment after an approval changes nothing',
      input: facts([review('ada', 'APPROVED', c2), review('ada', 'COMMENTED', c3)]),
      cleared: true,
      reason: /^Approved by ada/,
    },
    {
      name: 'reviews are taken in the order they were submitted, not listed',
      input: facts([review('ada', 'CHANGES_REQUESTED', c2, 50), review('ada', 'APPROVED', c2, 10)]),
      cleared: false,
      reason: /ada requested changes at c200000 after approving/,
    },
    {
      name: 'a pending (unsubmitted) review is no approval',
      input: facts([review('ada', 'PENDING', c2)]),
      cleared: false,
      reason: /has none\.$/,
    },
    {
      name: 'an earlier approval of the very content merged still counts after approving another version',
      input: facts([review('ada', 'APPROVED', c2), review('ada', 'APPROVED', c1)]),
      cleared: true,
      reason: 'Approved by ada at c200000, the content that was merged (pull request #7).',
    },
    {
      name: 'the pull request author never counts',
      input: facts([review('bob', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: ['bob', 'ada'] }] }),
      cleared: false,
      reason: /Not counted: bob wrote this post, and an author's approval never counts\.$/,
    },
    {
      name: "the post's author: never counts, whoever opened the pull request",
      input: facts([review('ada', 'APPROVED', c2)], { postAuthor: 'Ada' }),
      cleared: false,
      reason: /ada wrote this post/,
    },
    {
      name: 'a reviewer who committed a change to the file is an author',
      input: { ...facts([review('grace', 'APPROVED', c2)]), pull: pull([review('grace', 'APPROVED', c2)], { commits: [{ sha: c1, parent: base, author: 'bob' }, { sha: c2, parent: c1, author: 'grace' }] }) },
      cleared: false,
      reason: /grace wrote this post/,
    },
    {
      name: 'someone outside the reviewer list does not count',
      input: facts([review('carl', 'APPROVED', c2)]),
      cleared: false,
      reason: /Not counted: carl is not an allowed reviewer for herald\.yaml\.$/,
    },
    {
      name: 'logins match whatever their case',
      input: facts([review('Grace', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: ['GRACE'] }] }),
      cleared: true,
      reason: /^Approved by Grace/,
    },
    {
      name: 'a review by a deleted account (no user) is ignored',
      input: facts([review(null, 'APPROVED', c2)]),
      cleared: false,
      reason: /has none\.$/,
    },
    {
      name: 'a member of an allowed team counts',
      input: facts([review('dana', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: ['riverside/Social'] }], access: { teams: { 'riverside/social': { members: ['erin', 'Dana'] } }, writers: {} } }),
      cleared: true,
      reason: /^Approved by dana/,
    },
    {
      name: 'a team that could not be read lets nobody in, and says why',
      input: facts([review('dana', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: ['riverside/social'] }], access: { teams: { 'riverside/social': { error: 'GitHub answered 403' } }, writers: {} } }),
      cleared: false,
      reason: /team riverside\/social could not be read \(GitHub answered 403\)\.$/,
    },
    {
      name: 'without a reviewer list, write access counts',
      input: facts([review('carl', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: [] }], access: { teams: {}, writers: { carl: true } } }),
      cleared: true,
      reason: /^Approved by carl/,
    },
    {
      name: 'without a reviewer list, read access does not',
      input: facts([review('carl', 'APPROVED', c2)], { requirements: [{ ...general, reviewers: [] }], access: { teams: {}, writers: { carl: false } } }),
      cleared: false,
      reason: 'pull request #7 needs 1 approval of the merged content from people with write access for herald.yaml, and has none. Not counted: carl has no write access to the repository.',
    },
    {
      name: 'no approval required: merged through a pull request is enough',
      input: facts([], { requirements: [{ ...general, required: 0 }] }),
      cleared: true,
      reason: 'No approval is required; merged through pull request #7.',
    },
    {
      name: 'the strictest rule wins: two needed for x, one given',
      input: facts([review('ada', 'APPROVED', c2)], { requirements: [general, { scopes: ['channel x'], required: 2, reviewers: ['ada', 'grace'] }] }),
      cleared: false,
      reason: 'pull request #7 needs 2 approvals of the merged content from ada or grace for channel x, and has 1 (ada).',
    },
    {
      name: 'the strictest rule wins: two needed for x, two given',
      input: facts([review('ada', 'APPROVED', c2), review('grace', 'APPROVED', c3)], { requirements: [general, { scopes: ['channel x'], required: 2, reviewers: ['ada', 'grace'] }] }),
      cleared: true,
      reason: 'Approved by ada and grace at c200000 and c300000, the content that was merged (pull request #7).',
    },
    {
      name: 'an approval of a commit where the file did not exist',
      input: { ...facts([review('ada', 'APPROVED', c1)]), pull: pull([review('ada', 'APPROVED', c1)], { blobs: { [base]: null, [c1]: null, [c2]: 'blob-v2', [c3]: 'blob-v2' } }) },
      cleared: false,
      reason: /approved at c100000 by ada, but the file changed in c200000 after that approval/,
    },
    {
      name: 'an approval of a commit that was force-pushed away',
      input: { ...facts([review('ada', 'APPROVED', sha('dead'))]), pull: pull([review('ada', 'APPROVED', sha('dead'))], { blobs: { [base]: null, [c1]: 'blob-v1', [c2]: 'blob-v2', [c3]: 'blob-v2', [sha('dead')]: 'blob-v0' } }) },
      cleared: false,
      reason: /approved at dead000 by ada, a commit no longer in the pull request \(the branch was force-pushed\)/,
    },
    {
      name: 'an approval of a force-pushed commit with the same content still counts',
      input: { ...facts([review('ada', 'APPROVED', sha('dead'))]), pull: pull([review('ada', 'APPROVED', sha('dead'))], { blobs: { [base]: null, [c1]: 'blob-v1', [c2]: 'blob-v2', [c3]: 'blob-v2', [sha('dead')]: 'blob-v2' } }) },
      cleared: true,
      reason: /^Approved by ada at dead000/,
    },
    {
      name: 'the content changed during the merge itself',
      input: facts([review('ada', 'APPROVED', c3)], { history: { ...history, working: 'blob-v3', onBranch: 'blob-v3' } }),
      cleared: false,
      reason: /approved at c300000 by ada, but the merged file differs from what was approved: it changed when it was merged \(in e1e1000\)/,
    },
    {
      name: 'a direct push: no pull request at all',
      input: { history: { ...history, lastChange: pushed }, pulls: [], requirements: [general] },
      cleared: false,
      reason: `main last changed ${path} in f0f0000, which no merged pull request brought in. A direct push is never cleared: propose the change in a pull request and have it reviewed.`,
    },
    {
      name: 'a commit that is only in an open pull request',
      input: { history: { ...history, lastChange: pushed }, pulls: [{ ...pullFact, number: 9, mergedAt: null, mergeCommit: null, state: 'open' }], requirements: [general] },
      cleared: false,
      reason: /which no merged pull request brought in \(#9 is not merged\)/,
    },
    {
      name: 'the file is not on the default branch',
      input: { history: { ...history, onBranch: null, lastChange: null }, requirements: [general] },
      cleared: false,
      reason: `${path} is not on main: merge it through a reviewed pull request first.`,
    },
  ];

  it.each(rows)('$name', ({ input, cleared, reason }) => {
    const decision = decide(input);
    expect(decision.cleared).toBe(cleared);
    if (typeof reason === 'string') expect(decision.reason).toBe(reason);
    else expect(decision.reason).toMatch(reason);
  });
});

describe('checkHistory', () => {
  it.each([
    { name: 'merged and unchanged', change: {}, says: undefined },
    { name: 'never committed to the branch', change: { onBranch: null, lastChange: null }, says: /is not on main/ },
    { name: 'edited in the work tree', change: { working: 'blob-local' }, says: /differs from main \(uncommitted changes/ },
    { name: 'history cut off by a shallow clone', change: { shallow: true }, says: /history stops at e1e1000.*fetch-depth: 0/ },
  ])('$name', ({ change, says }) => {
    const result = checkHistory({ ...history, ...change });
    if (says === undefined) expect(result).toBeUndefined();
    else expect(result).toEqual({ cleared: false, reason: expect.stringMatching(says) });
  });
});

describe('choosePull', () => {
  const merged = (number: number, at: string, mergeCommit: string | null, base = 'main'): PullFact => ({ ...pullFact, number, mergedAt: at, mergeCommit, base });
  it.each([
    { name: 'nothing associated', pulls: [], chosen: undefined },
    { name: 'only an open pull request', pulls: [{ ...pullFact, number: 3, mergedAt: null, mergeCommit: null }], chosen: undefined },
    { name: 'merged into another branch', pulls: [merged(4, '2026-11-20T10:00:00Z', merge, 'release')], chosen: undefined },
    { name: 'the one whose merge commit it is wins', pulls: [merged(5, '2026-11-21T10:00:00Z', sha('other')), merged(6, '2026-11-20T10:00:00Z', merge)], chosen: 6 },
    { name: 'else the one merged last', pulls: [merged(5, '2026-11-19T10:00:00Z', sha('a')), merged(8, '2026-11-21T10:00:00Z', sha('b'))], chosen: 8 },
  ])('$name', ({ pulls, chosen }) => {
    expect(choosePull(pulls, merge, 'main')?.number).toBe(chosen);
  });
});

describe('authorsOf', () => {
  it('counts who opened the pull request, the post author, and whoever changed the file', () => {
    expect([...authorsOf(pull([]), 'Zoe')].sort()).toEqual(['bob', 'zoe']);
  });

  it('does not count a commit author whose commit left the file as it was', () => {
    const untouched = pull([], {
      commits: [
        { sha: c1, parent: base, author: 'carl' },
        { sha: c2, parent: c1, author: 'dana' },
      ],
      blobs: { [base]: 'blob-v1', [c1]: 'blob-v1', [c2]: 'blob-v2' },
    });
    expect([...authorsOf(untouched)].sort()).toEqual(['bob', 'dana']);
  });
});

describe('requirementsFor', () => {
  const channels: Channel[] = [
    { id: 'mastodon', network: 'mastodon', instance: 'https://mastodon.social' },
    { id: 'riverside-x', network: 'x' },
    { id: 'bluesky', network: 'bluesky', handle: 'riverside.bsky.social', service: 'https://bsky.social' },
  ];
  const approvals = (channelRules: HeraldConfig['approvals']['channels']): HeraldConfig['approvals'] => ({ required: 1, reviewers: ['ada', 'grace'], channels: channelRules });

  it('has only the general rule when no channel has its own', () => {
    expect(requirementsFor(approvals({}), channels)).toEqual([{ scopes: ['herald.yaml'], required: 1, reviewers: ['ada', 'grace'] }]);
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
    expect(requirementsFor(rules, channels)).toEqual([{ scopes: ['herald.yaml', 'channel bluesky'], required: 1, reviewers: ['ada', 'grace'] }]);
  });
});
