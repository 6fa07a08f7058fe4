import type { ApprovalDecision } from '../approval.ts';
import type { Channel, HeraldConfig } from '../../schemas/config.ts';

/**
 * The approval rules as pure logic over data: what git says about the default branch, what GitHub
 * says about the pull requests that changed it, and who may approve. The collectors (git.ts,
 * github.ts, gate.ts) gather the facts; everything that decides is here, so each rule can be tested
 * as a row of a table.
 *
 * What must have been reviewed. A delivery is shaped by its *inputs*: the post's file, the bytes of
 * every image it attaches, and the settings of content/herald.yaml that decide where it goes and who
 * must approve it: the entry of each of its channels, `approvals`, `timezone` and `defaultBranch`.
 * A post is cleared only when the value every input has on the default branch is reviewed, and the
 * checkout holds exactly that value (the publish run then sends images from git's objects, never
 * from the work tree).
 *
 * Values and changes. An input's value is a file's blob id, or a setting's YAML value; either may be
 * absent. Its changes are the commits of the default branch's first-parent history that changed its
 * value. The copies a rebase merge makes of a pull request's commits are one change.
 *
 * A change is reviewed when all of these hold:
 *  1. Merged: GitHub associates the commit with a pull request merged into the default branch (merge
 *     commit, squash or rebase). A direct push is never reviewed, whatever it writes.
 *  2. Approved on exactly this value: enough reviewers approved a commit of the pull request (one in
 *     its list of commits; not one force-pushed away, not one of another pull request) in which the
 *     input has exactly the value the change brought. Each rule of herald.yaml that applies to the
 *     post's channels needs its own count (the strictest wins), and a change of `approvals` also
 *     needs the count the rules asked for before it, so rules are never relaxed by fewer people than
 *     they name. An approval counts only while it stands (no later change request or dismissal by
 *     the same reviewer), when it is not a bot's, when the reviewer is not an author, and when, at the
 *     time of the decision, the reviewer is named in the rule and has write access to the repository,
 *     or is a member of a team the rule names (a rule naming nobody: anyone with write access).
 *     Authors: whoever opened the pull request, every GitHub account that pushed to its branch or that
 *     GitHub names as author or committer of one of its commits, and for the post and its images the
 *     post's `author:`. A name written into a commit's metadata makes nobody else an approver.
 *  3. Reviewed whole: a reviewer sees a diff, not the file, so what the pull request changed from
 *     must itself be reviewed. Its *bases* are the value before the change on the default branch and
 *     the value in every commit outside the pull request that its commits build on (where it branched
 *     off, each update from the default branch). Each base is absent (the diff showed the whole new
 *     file or setting) or the value of an earlier reviewed change; a base that was never the value of
 *     a change on the default branch is not reviewed. A file that git's rename detection (GitHub's
 *     diff uses the same) finds renamed in the change also builds on the old file's values. Instead,
 *     the new value may be one an earlier reviewed change already brought (a revert to reviewed
 *     content). A single-line setting (`timezone`, `defaultBranch`) shows its whole value in any
 *     diff, so it has no bases.
 * The settings of the first version of herald.yaml on the default branch are trusted without a pull
 * request, like the secrets: whoever set up the repository wrote both.
 *
 * So an approved pull request that edits the title of a post pushed straight to the default branch
 * does not clear it, nor does a rebase merge whose net change leaves the post as it was; a post
 * deleted and later added back by a reviewed pull request is reviewed whole; and a shallow clone,
 * which hides where a value came from, is refused rather than trusted.
 */

/** A gated input, named for messages. */
export interface Input {
  kind: 'post' | 'image' | 'setting';
  /** A file's path from the repository root, or a setting's name: `channels.mastodon`, `approvals`. */
  id: string;
  /** How messages name it: the path, or "the channel mastodon in content/herald.yaml". */
  label: string;
  /** A setting written on one line: any diff that changes it shows all of it. */
  oneLine?: boolean;
}

/** A pull request as `GET /repos/{owner}/{repo}/commits/{sha}/pulls` lists it. */
export interface PullFact {
  number: number;
  url: string;
  author: string | null;
  state: string;
  /** Branch it was merged into (its base). */
  base: string;
  mergedAt: string | null;
  mergeCommit: string | null;
  /** Where its commits were pushed: the head branch and its repository (owner/name; a fork's differs). */
  headRef?: string;
  headRepo?: string | null;
  createdAt?: string;
}

export interface ReviewFact {
  id: number;
  login: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING, as GitHub reports it. */
  state: string;
  /** The commit the review was given on. */
  commit: string | null;
  submittedAt: string | null;
  /** A GitHub App or bot account (user.type Bot). */
  bot?: boolean;
}

export interface PullCommitFact {
  sha: string;
  /** Every parent, first parent first. */
  parents: string[];
  /** GitHub logins GitHub attributes the commit to, when it knows them. */
  author: string | null;
  committer?: string | null;
  /** What a rebase merge's copy of the commit keeps: author, author date, message. */
  copy?: string;
}

/** The pull request that brought a change, with what happened in it. */
export interface PullEvidence extends PullFact {
  /** Oldest first, as GitHub lists them. */
  commits: PullCommitFact[];
  reviews: ReviewFact[];
  /** Accounts that pushed commits of the pull request to its branch (the repository's activity). */
  pushers: string[];
  /** The input's value at the commits the rules look at (approved commits); null where it is absent. */
  values: Record<string, string | null>;
}

/** One rule a post must satisfy: `required` approvals from `reviewers` (empty: anyone with write access). */
export interface Requirement {
  /** Which setting asks for it, for the reason: "herald.yaml", "channel x", "network x". */
  scopes: string[];
  required: number;
  reviewers: string[];
}

/** What the collector found out, at the time of the decision, about the people who approved. */
export interface Access {
  /** Members by team ("org/team", lower case), or why the team could not be read. */
  teams: Record<string, { members: string[] } | { error: string }>;
  /** Whether a login has write access to the repository now. */
  writers: Record<string, boolean>;
}

export const short = (sha: string) => sha.slice(0, 7);
const lower = (login: string) => login.toLowerCase();

/**
 * The rules that apply to a post going to `channels`: the general one and every channel's and network's
 * own. All must hold, so the strictest wins whichever way they differ (more approvals, other reviewers).
 */
export function requirementsFor(
  approvals: HeraldConfig['approvals'],
  channels: Pick<Channel, 'id' | 'network'>[],
): Requirement[] {
  const all: Requirement[] = [
    { scopes: ['herald.yaml'], required: approvals.required, reviewers: approvals.reviewers },
  ];
  const keys = new Map<string, string>();
  for (const channel of channels) {
    keys.set(channel.id, `channel ${channel.id}`);
    if (!keys.has(channel.network)) keys.set(channel.network, `network ${channel.network}`);
  }
  for (const [key, scope] of keys) {
    const rule = Object.hasOwn(approvals.channels, key) ? approvals.channels[key] : undefined;
    if (rule) all.push({ scopes: [scope], required: rule.required, reviewers: rule.reviewers ?? approvals.reviewers });
  }
  return mergeRequirements(all);
}

/** One list of rules, where rules that ask the same thing are one. */
export function mergeRequirements(rules: Requirement[]): Requirement[] {
  const merged: Requirement[] = [];
  for (const rule of rules) {
    const same = merged.find((r) => r.required === rule.required && sameReviewers(r.reviewers, rule.reviewers));
    if (!same) merged.push({ ...rule, scopes: [...rule.scopes] });
    else for (const scope of rule.scopes) if (!same.scopes.includes(scope)) same.scopes.push(scope);
  }
  return merged;
}

function sameReviewers(a: string[], b: string[]): boolean {
  const key = (list: string[]) => [...new Set(list.map(lower))].sort().join(',');
  return key(a) === key(b);
}

/**
 * The pull request that brought `commit` into `branch`: merged into that branch, preferring the one
 * whose merge commit it is, then the one merged last.
 */
export function choosePull(pulls: PullFact[], commit: string, branch: string): PullFact | undefined {
  const merged = pulls.filter((p) => p.mergedAt !== null && p.base === branch);
  return (
    merged.find((p) => p.mergeCommit === commit) ??
    merged.sort((a, b) => (b.mergedAt ?? '').localeCompare(a.mergedAt ?? ''))[0]
  );
}

/**
 * The people who wrote the change, whose approval never counts: who opened the pull request, who
 * pushed to it, GitHub's author and committer of each of its commits, and `extra` (the post's author:).
 */
export function authorsOf(pull: PullEvidence, extra: string[] = []): Set<string> {
  const authors = new Set<string>(extra.map(lower));
  if (pull.author) authors.add(lower(pull.author));
  for (const login of pull.pushers) authors.add(lower(login));
  for (const commit of pull.commits) {
    // web-flow commits what people write in GitHub's editor; the person is the author.
    for (const login of [commit.author, commit.committer]) if (login && login !== 'web-flow') authors.add(lower(login));
  }
  return authors;
}

/** The commits outside the pull request that its commits build on: where it branched off, and every update merged in. */
export function startsOf(commits: PullCommitFact[]): string[] {
  const inside = new Set(commits.map((c) => c.sha));
  return [...new Set(commits.flatMap((c) => c.parents.filter((p) => !inside.has(p))))];
}

/** A reviewer's approvals still standing at the end: given after their last change request or dismissal. */
interface Standing {
  login: string;
  approvals: ReviewFact[];
  /** The review that withdrew an earlier approval, when there was one. */
  withdrawn?: ReviewFact;
}

function standingByReviewer(reviews: ReviewFact[]): Standing[] {
  const ordered = [...reviews].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
  const byLogin = new Map<string, Standing>();
  for (const review of ordered) {
    if (!review.login || review.bot) continue;
    const key = lower(review.login);
    const standing = byLogin.get(key) ?? { login: review.login, approvals: [] };
    byLogin.set(key, standing);
    if (review.state === 'APPROVED') standing.approvals.push(review);
    else if (review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') {
      // GitHub marks a dismissed review DISMISSED whatever it was: either way no earlier approval stands.
      if (standing.approvals.length > 0 || review.state === 'DISMISSED') standing.withdrawn = review;
      standing.approvals = [];
    }
  }
  return [...byLogin.values()];
}

/** An approval of the changed value, with who gave it and on which commit. */
export interface Approval {
  login: string;
  commit: string;
}

/** An approval that counts for the value, or the reason a reviewer's approval does not. */
type Verdict = { login: string; counts: true; approval: Approval } | { login: string; counts: false; why: string };

function verdicts(pull: PullEvidence, value: string | null, input: Input, extraAuthors: string[]): Verdict[] {
  const authors = authorsOf(pull, extraAuthors);
  const inPull = new Set(pull.commits.map((c) => c.sha));
  const bots = [
    ...new Set(pull.reviews.filter((r) => r.bot && r.login && r.state === 'APPROVED').map((r) => r.login!)),
  ];
  const fromBots = bots.map((login): Verdict => ({
    login,
    counts: false,
    why: `${login} is a bot or app, and only people approve`,
  }));
  return [
    ...fromBots,
    ...standingByReviewer(pull.reviews).flatMap((standing): Verdict[] => {
      const { login } = standing;
      if (standing.approvals.length === 0) {
        const w = standing.withdrawn;
        if (!w) return [];
        const at = w.commit ? ` at ${short(w.commit)}` : '';
        return [
          {
            login,
            counts: false,
            why:
              w.state === 'DISMISSED'
                ? `${login}'s review${at} was dismissed`
                : `${login} requested changes${at} after approving`,
          },
        ];
      }
      if (authors.has(lower(login)))
        return [
          {
            login,
            counts: false,
            why: `${login} wrote ${input.kind === 'setting' ? 'this change' : 'this post'}, and an author's approval never counts`,
          },
        ];
      const matching = standing.approvals.find(
        (r) => r.commit !== null && inPull.has(r.commit) && pull.values[r.commit] === value,
      );
      if (matching) return [{ login, counts: true, approval: { login, commit: matching.commit! } }];
      return [{ login, counts: false, why: staleApproval(pull, standing.approvals.at(-1)!, login, value, input) }];
    }),
  ];
}

function staleApproval(
  pull: PullEvidence,
  review: ReviewFact,
  login: string,
  value: string | null,
  input: Input,
): string {
  const commit = review.commit;
  const what = input.kind === 'setting' ? input.label : 'the file';
  if (!commit) return `${login}'s approval names no commit`;
  const index = pull.commits.findIndex((c) => c.sha === commit);
  if (index < 0)
    return `approved at ${short(commit)} by ${login}, a commit that is not part of the pull request (its branch was force-pushed since, or the review was given elsewhere)`;
  const approved = pull.values[commit];
  if (approved === undefined)
    return `approved at ${short(commit)} by ${login}, but ${what} changed after that approval`;
  if (approved === null && value !== null)
    return `approved at ${short(commit)} by ${login}, but ${what} did not exist in that commit`;
  const changed = pull.commits.slice(index + 1).find((c) => c.sha in pull.values && pull.values[c.sha] !== approved);
  if (changed)
    return `approved at ${short(commit)} by ${login}, but ${what} changed in ${short(changed.sha)} after that approval`;
  if (approved !== value && pull.commits.slice(index + 1).every((c) => c.sha in pull.values)) {
    const merge = pull.mergeCommit ? ` (in ${short(pull.mergeCommit)})` : '';
    return `approved at ${short(commit)} by ${login}, but the merged ${input.kind === 'setting' ? 'setting' : 'file'} differs from what was approved: it changed when it was merged${merge}`;
  }
  return `approved at ${short(commit)} by ${login}, but ${what} changed after that approval`;
}

/** Logins whose approval would count for `value` if they are allowed reviewers: the ones to ask GitHub about. */
export function candidateApprovers(
  pull: PullEvidence,
  value: string | null,
  input: Input,
  extraAuthors: string[] = [],
): string[] {
  return verdicts(pull, value, input, extraAuthors).flatMap((v) => (v.counts ? [v.login] : []));
}

/** Approved commits whose value of the input the rules need: standing approvals given on commits of the pull request. */
export function approvedCommits(pull: Pick<PullEvidence, 'reviews' | 'commits'>): string[] {
  const inPull = new Set(pull.commits.map((c) => c.sha));
  return [
    ...new Set(
      standingByReviewer(pull.reviews).flatMap((s) =>
        s.approvals.flatMap((r) => (r.commit && inPull.has(r.commit) ? [r.commit] : [])),
      ),
    ),
  ];
}

/** Teams ("org/team") named by the requirements. */
export function teamsIn(requirements: Requirement[]): string[] {
  return [...new Set(requirements.flatMap((r) => r.reviewers.filter((x) => x.includes('/')).map(lower)))];
}

/**
 * Whether `login` may approve under `rule` now: a member of a team it names, or named (or, when it
 * names nobody, anyone) and with write access to the repository.
 */
export function allowed(login: string, rule: Requirement, access: Access | undefined): boolean {
  const writes = access?.writers[lower(login)] === true;
  if (rule.reviewers.length === 0) return writes;
  return rule.reviewers.some((entry) => {
    if (!entry.includes('/')) return lower(entry) === lower(login) && writes;
    const team = access?.teams[lower(entry)];
    return team !== undefined && 'members' in team && team.members.some((m) => lower(m) === lower(login));
  });
}

function describeReviewers(rule: Requirement): string {
  return rule.reviewers.length === 0 ? 'people with write access' : list(rule.reviewers, 'or');
}

function list(items: string[], word: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether the approvals a change has meet every requirement, judged with today's access. */
export function meets(approvals: Approval[], requirements: Requirement[], access: Access | undefined): boolean {
  const logins = [...new Set(approvals.map((a) => a.login))];
  return requirements.every((rule) => logins.filter((login) => allowed(login, rule, access)).length >= rule.required);
}

/** The outcome of the approval rule for one change. */
export type ApprovalOutcome = { ok: true; approvals: Approval[] } | { ok: false; reason: string };

/**
 * Rule 2 for one change: enough allowed approvals of exactly `value` in `pull`. On success, the
 * approvals that count for some rule (the evidence the cache keeps); otherwise the reason.
 */
export function judgeApprovals(
  pull: PullEvidence,
  value: string | null,
  input: Input,
  requirements: Requirement[],
  access: Access | undefined,
  extraAuthors: string[] = [],
): ApprovalOutcome {
  const all = verdicts(pull, value, input, extraAuthors);
  const counted = all.filter((v): v is Extract<Verdict, { counts: true }> => v.counts);
  const where = `pull request #${pull.number}`;
  const unmet = requirements.flatMap((rule) => {
    const approvers = counted.filter((v) => allowed(v.login, rule, access)).map((v) => v.login);
    return approvers.length >= rule.required ? [] : [{ rule, approvers }];
  });
  if (unmet.length === 0) {
    const approvals = counted
      .filter((v) => requirements.some((rule) => allowed(v.login, rule, access)))
      .map((v) => v.approval);
    return { ok: true, approvals };
  }
  const content = input.kind === 'setting' ? `${input.label} as merged` : 'the merged content';
  const needs = unmet.map(({ rule, approvers }) => {
    const has = approvers.length === 0 ? 'has none' : `has ${approvers.length} (${list(approvers, 'and')})`;
    return `${where} needs ${plural(rule.required, 'approval')} of ${content} from ${describeReviewers(rule)} for ${list(rule.scopes, 'and')}, and ${has}.`;
  });
  const notes = [
    ...all.flatMap((v) => (v.counts ? [] : [v.why])),
    ...notAllowed(
      unmet.map((u) => u.rule),
      counted.map((v) => v.login),
      access,
    ),
    ...teamProblems(
      unmet.map((u) => u.rule),
      access,
    ),
  ];
  return { ok: false, reason: [...needs, ...(notes.length ? [`Not counted: ${notes.join('; ')}.`] : [])].join(' ') };
}

function notAllowed(rules: Requirement[], approvers: string[], access: Access | undefined): string[] {
  const notes = rules.flatMap((rule) =>
    approvers
      .filter((login) => !allowed(login, rule, access))
      .map((login) => {
        const named = rule.reviewers.some((entry) => !entry.includes('/') && lower(entry) === lower(login));
        if (rule.reviewers.length === 0 || named) return `${login} has no write access to the repository`;
        return `${login} is not an allowed reviewer for ${list(rule.scopes, 'and')}`;
      }),
  );
  return [...new Set(notes)];
}

function teamProblems(rules: Requirement[], access: Access | undefined): string[] {
  return teamsIn(rules).flatMap((team) => {
    const found = access?.teams[team];
    if (found && 'error' in found) return [`team ${team} could not be read (${found.error})`];
    return [];
  });
}

/** Why a change is not reviewed, as the chain walk found it; the messages below put it in words. */
export type Failure =
  /** The commit came from no pull request merged into the default branch. */
  | { kind: 'direct'; commit: string; open: number[] }
  /** The pull request lacks approvals of the value; `reason` says which. */
  | { kind: 'approvals'; commit: string; pull: number; reason: string }
  /** The pull request built on a value that is not reviewed; `cause` is why that one is not. */
  | { kind: 'base'; commit: string; pull: number; cause: Failure }
  /** The pull request built on a value the default branch never had. */
  | { kind: 'foreign'; commit: string; pull: number; start: string }
  /** The history that would tell is cut off by a shallow clone at `commit`. */
  | { kind: 'shallow'; commit: string };

/** A reviewed change, with the evidence for it and for every change it relies on. */
export interface Step {
  pull: number;
  approvals: Approval[];
  /** Rules the change had to meet besides the post's own (the earlier `approvals`, for a change of them). */
  extra?: Requirement[];
}

export type ChainVerdict = { ok: true; steps: Step[] } | { ok: false; failure: Failure };

/** The change that is the real cause: the first one, following bases, that is not reviewed for its own sake. */
function rootCause(failure: Failure): Exclude<Failure, { kind: 'base' }> {
  return failure.kind === 'base' ? rootCause(failure.cause) : failure;
}

/** The pull requests, newest first, that built on the cause without reviewing it. */
function builtOn(failure: Failure): number[] {
  return failure.kind === 'base' ? [failure.pull, ...builtOn(failure.cause)] : [];
}

/** How the current state of an input, before any history, keeps it from being cleared. */
export type Unusable =
  | { kind: 'missing'; branch: string }
  | { kind: 'differs'; branch: string }
  | { kind: 'link' }
  | { kind: 'lfs' }
  | { kind: 'outside' };

function unusableReason(input: Input, problem: Unusable): string {
  switch (problem.kind) {
    case 'missing':
      return `${input.label} is not on ${problem.branch}: merge it through a reviewed pull request first.`;
    case 'differs':
      return input.kind === 'setting'
        ? `${input.label} here differs from ${problem.branch} (uncommitted changes, or another branch is checked out): only what is merged into ${problem.branch} can be cleared.`
        : `${input.label} here differs from ${problem.branch} (uncommitted changes, another branch checked out, or a conversion by .gitattributes): only what is merged into ${problem.branch} can be cleared.`;
    case 'link':
      return `${input.label} is a symbolic link on the default branch. Herald sends only files stored in the repository as they are: commit the image itself.`;
    case 'lfs':
      return `${input.label} is stored with Git LFS: the repository holds a pointer, not the image reviewers saw. Commit the image itself (untrack it with git lfs untrack).`;
    case 'outside':
      return `${input.label} is outside content/. Herald sends only images kept in content/, next to their post.`;
  }
}

/** Words for an input that is not reviewed: which change, in which commit, and what to do. */
export function failureReason(
  input: Input,
  failure: Failure,
  options: { branch: string; latest: string; revertable: boolean },
): string {
  const cause = rootCause(failure);
  const later = builtOn(failure);
  const { branch } = options;
  const afresh =
    input.kind === 'setting'
      ? `Remove ${input.label.replace(/ in content\/herald\.yaml$/, '')} in one pull request and add it back in another, so its reviewers see all of it.`
      : `Remove the file in one pull request and add it back in another, so its reviewers see every line.`;
  const pulls = later.length
    ? `${later.length === 1 ? 'Pull request' : 'Pull requests'} ${list(
        later.map((n) => `#${n}`),
        'and',
      )}`
    : '';
  const onTop = later.length
    ? ` ${pulls} changed it later but showed ${later.length === 1 ? 'its' : 'their'} reviewers only ${later.length === 1 ? 'its' : 'their'} own changes, so nobody reviewed all of it.`
    : '';
  switch (cause.kind) {
    case 'shallow':
      return `This checkout's history stops at ${short(cause.commit)}, so Herald cannot tell where ${input.label} came from. Check out the full history (actions/checkout with fetch-depth: 0).`;
    case 'direct': {
      const open = cause.open.length
        ? ` (${list(
            cause.open.map((n) => `#${n}`),
            'and',
          )} ${cause.open.length === 1 ? 'is' : 'are'} not merged)`
        : '';
      const head = `${branch} ${cause.commit === options.latest ? 'last ' : ''}changed ${input.label} in ${short(cause.commit)}, which no merged pull request brought in${open}.`;
      if (later.length) return `${head}${onTop} ${afresh}`;
      const fix = options.revertable
        ? `revert ${short(cause.commit)} in a pull request (git revert ${short(cause.commit)}), which brings back the reviewed version, then propose the change in a pull request of its own and have it reviewed.`
        : `remove it in a pull request, then propose it again in another and have it reviewed, so its reviewers see all of it.`;
      return `${head} A direct push is never cleared: ${fix}`;
    }
    case 'foreign':
      return `${input.label}: pull request #${cause.pull} started from ${short(cause.start)}, where it had a version that ${branch} never had, so its reviewers did not see all of it.${onTop} ${afresh}`;
    case 'approvals':
      if (later.length === 0) return input.kind === 'post' ? cause.reason : `${input.label}: ${cause.reason}`;
      return `${input.label}: ${cause.reason}${onTop} ${afresh}`;
  }
}

/** What the gate found for one input. */
export type InputVerdict =
  { input: Input; cleared: true; steps: Step[] } | { input: Input; cleared: false; reason: string };

/** Words for a cleared post: who approved its current text, where. */
function clearedReason(verdict: Extract<InputVerdict, { cleared: true }> | undefined): string {
  const latest = verdict?.steps[0];
  if (!latest) return 'Every input of this post is reviewed.';
  const where = `pull request #${latest.pull}`;
  if (latest.approvals.length === 0) return `No approval is required; merged through ${where}.`;
  const names = [...new Set(latest.approvals.map((a) => a.login))];
  const commits = [...new Set(latest.approvals.map((a) => short(a.commit)))];
  return `Approved by ${list(names, 'and')} at ${list(commits, 'and')}, the content that was merged (${where}).`;
}

/** The decision for a post from the verdicts on its inputs: cleared only when every one is. */
export function decideInputs(verdicts: InputVerdict[]): ApprovalDecision {
  const refused = verdicts.filter((v): v is Extract<InputVerdict, { cleared: false }> => !v.cleared);
  if (refused.length > 0) return { cleared: false, reason: refused.map((v) => v.reason).join(' ') };
  const post = verdicts.find(
    (v): v is Extract<InputVerdict, { cleared: true }> => v.cleared && v.input.kind === 'post',
  );
  return { cleared: true, reason: clearedReason(post) };
}

/** An input that cannot be cleared whatever its history says. */
export function unusable(input: Input, problem: Unusable): InputVerdict {
  return { input, cleared: false, reason: unusableReason(input, problem) };
}
