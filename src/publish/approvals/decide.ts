import type { ApprovalDecision } from '../approval.ts';
import type { Channel, HeraldConfig } from '../../schemas/config.ts';

/**
 * The approval rules as pure logic over data: what git says about the file, what GitHub says about the
 * pull request that merged it, and who may approve. The collectors (git.ts, github.ts) gather the
 * facts; everything that decides is here, so each rule can be tested as a row of a table.
 */

/** What the checkout's git history says about one post's file. */
export interface FileHistory {
  /** Path relative to the repository root, as GitHub names it. */
  path: string;
  /** The default branch, e.g. main. */
  branch: string;
  /** Blob id of the file as it is on disk: what would be published. */
  working: string;
  /** Blob id of the file at the tip of the default branch; null when it is not there. */
  onBranch: string | null;
  /** The commit on the default branch (first-parent history) that last changed the file. */
  lastChange: string | null;
  /** True when lastChange is where a shallow clone's history stops, so it may not be the real one. */
  shallow: boolean;
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
}

export interface ReviewFact {
  id: number;
  login: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING, as GitHub reports it. */
  state: string;
  /** The commit the review was given on. */
  commit: string | null;
  submittedAt: string | null;
}

export interface PullCommitFact {
  sha: string;
  /** The first parent: the commit before it on the pull request's branch. */
  parent: string | null;
  /** GitHub login of the commit's author, when GitHub knows one. */
  author: string | null;
}

/** The pull request that merged the file, with what happened in it. */
export interface PullEvidence extends PullFact {
  /** Oldest first, as GitHub lists them. */
  commits: PullCommitFact[];
  reviews: ReviewFact[];
  /**
   * The file's blob at each commit named by `commits` (and the first one's parent) or by a review;
   * null where the file does not exist.
   */
  blobs: Record<string, string | null>;
}

/** One rule a post must satisfy: `required` approvals from `reviewers` (empty: anyone with write access). */
export interface Requirement {
  /** Which setting asks for it, for the reason: "herald.yaml", "channel x", "network x". */
  scopes: string[];
  required: number;
  reviewers: string[];
}

/** What the collector found out about the people who approved. */
export interface Access {
  /** Members by team ("org/team", lower case), or why the team could not be read. */
  teams: Record<string, { members: string[] } | { error: string }>;
  /** Whether a login has write access to the repository (for rules without a reviewer list). */
  writers: Record<string, boolean>;
}

export interface ApprovalCase {
  history: FileHistory;
  /** Pull requests GitHub associates with history.lastChange. */
  pulls?: PullFact[];
  /** The evidence of the pull request choosePull picked. */
  pull?: PullEvidence;
  /** The post's `author:` front matter. */
  postAuthor?: string;
  requirements: Requirement[];
  access?: Access;
}

export const short = (sha: string) => sha.slice(0, 7);
const lower = (login: string) => login.toLowerCase();

/**
 * The rules that apply to a post going to `channels`: the general one and every channel's and network's
 * own. All must hold, so the strictest wins whichever way they differ (more approvals, other reviewers).
 */
export function requirementsFor(approvals: HeraldConfig['approvals'], channels: Channel[]): Requirement[] {
  const all: Requirement[] = [{ scopes: ['herald.yaml'], required: approvals.required, reviewers: approvals.reviewers }];
  const keys = new Map<string, string>();
  for (const channel of channels) {
    keys.set(channel.id, `channel ${channel.id}`);
    if (!keys.has(channel.network)) keys.set(channel.network, `network ${channel.network}`);
  }
  for (const [key, scope] of keys) {
    const rule = approvals.channels[key];
    if (rule) all.push({ scopes: [scope], required: rule.required, reviewers: rule.reviewers ?? approvals.reviewers });
  }
  const merged: Requirement[] = [];
  for (const rule of all) {
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

/** Why the file itself cannot be cleared, before GitHub is asked anything; undefined when it can go on. */
export function checkHistory(history: FileHistory): ApprovalDecision | undefined {
  const { branch } = history;
  if (history.lastChange === null || history.onBranch === null) {
    return refuse(`${history.path} is not on ${branch}: merge it through a reviewed pull request first.`);
  }
  if (history.working !== history.onBranch) {
    return refuse(`${history.path} here differs from ${branch} (uncommitted changes, or another branch is checked out): only what is merged into ${branch} can be cleared.`);
  }
  if (history.shallow) {
    return refuse(`This checkout's history stops at ${short(history.lastChange)}, so Herald cannot tell which commit last changed ${history.path}. Check out the full history (actions/checkout with fetch-depth: 0).`);
  }
  return undefined;
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
 * The people who wrote the content, whose approval never counts: who opened the pull request, the
 * post's `author:`, and whoever authored a commit of the pull request that changed the file.
 */
export function authorsOf(pull: PullEvidence, postAuthor?: string): Set<string> {
  const authors = new Set<string>();
  if (pull.author) authors.add(lower(pull.author));
  if (postAuthor) authors.add(lower(postAuthor));
  for (const commit of pull.commits) {
    const before = commit.parent === null ? null : pull.blobs[commit.parent];
    if (commit.author && pull.blobs[commit.sha] !== before) authors.add(lower(commit.author));
  }
  return authors;
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
    if (!review.login) continue;
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

/** An approval that counts for the merged content, or the reason a reviewer's approval does not. */
type Verdict = { login: string; counts: true; review: ReviewFact } | { login: string; counts: false; why: string };

function verdicts(pull: PullEvidence, merged: string, postAuthor: string | undefined): Verdict[] {
  const authors = authorsOf(pull, postAuthor);
  return standingByReviewer(pull.reviews).flatMap((standing): Verdict[] => {
    const { login } = standing;
    if (standing.approvals.length === 0) {
      const w = standing.withdrawn;
      if (!w) return [];
      const at = w.commit ? ` at ${short(w.commit)}` : '';
      return [{ login, counts: false, why: w.state === 'DISMISSED' ? `${login}'s review${at} was dismissed` : `${login} requested changes${at} after approving` }];
    }
    if (authors.has(lower(login))) return [{ login, counts: false, why: `${login} wrote this post, and an author's approval never counts` }];
    const matching = standing.approvals.find((r) => r.commit !== null && pull.blobs[r.commit] === merged);
    if (matching) return [{ login, counts: true, review: matching }];
    const last = standing.approvals.at(-1)!;
    return [{ login, counts: false, why: staleApproval(pull, last, login) }];
  });
}

function staleApproval(pull: PullEvidence, review: ReviewFact, login: string): string {
  const commit = review.commit;
  if (!commit) return `${login}'s approval names no commit`;
  const approved = pull.blobs[commit];
  const index = pull.commits.findIndex((c) => c.sha === commit);
  if (index < 0) return `approved at ${short(commit)} by ${login}, a commit no longer in the pull request (the branch was force-pushed), whose version of the file differs from what was merged`;
  const changed = pull.commits.slice(index + 1).find((c) => pull.blobs[c.sha] !== approved);
  if (changed) return `approved at ${short(commit)} by ${login}, but the file changed in ${short(changed.sha)} after that approval`;
  if (approved === null || approved === undefined) return `approved at ${short(commit)} by ${login}, but the file did not exist in that commit`;
  const merge = pull.mergeCommit ? ` (in ${short(pull.mergeCommit)})` : '';
  return `approved at ${short(commit)} by ${login}, but the merged file differs from what was approved: it changed when it was merged${merge}`;
}

/** Logins whose approval would count for the merged content if they are allowed reviewers. */
export function countableApprovers(pull: PullEvidence, merged: string, postAuthor?: string): string[] {
  return verdicts(pull, merged, postAuthor).flatMap((v) => (v.counts ? [v.login] : []));
}

/** Teams ("org/team") named by the requirements. */
export function teamsIn(requirements: Requirement[]): string[] {
  return [...new Set(requirements.flatMap((r) => r.reviewers.filter((x) => x.includes('/')).map(lower)))];
}

function allowed(login: string, rule: Requirement, access: Access | undefined): boolean {
  if (rule.reviewers.length === 0) return access?.writers[lower(login)] === true;
  return rule.reviewers.some((entry) => {
    if (!entry.includes('/')) return lower(entry) === lower(login);
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

function refuse(reason: string): ApprovalDecision {
  return { cleared: false, reason };
}

/** The decision: cleared only when every requirement has enough allowed approvals of the merged content. */
export function decide(input: ApprovalCase): ApprovalDecision {
  const { history } = input;
  const early = checkHistory(history);
  if (early) return early;
  const lastChange = history.lastChange!;
  const merged = history.onBranch!;

  const chosen = choosePull(input.pulls ?? [], lastChange, history.branch);
  if (!chosen || !input.pull || input.pull.number !== chosen.number) {
    const open = (input.pulls ?? []).filter((p) => p.mergedAt === null).map((p) => `#${p.number}`);
    const note = open.length ? ` (${list(open, 'and')} ${open.length === 1 ? 'is' : 'are'} not merged)` : '';
    return refuse(`${history.branch} last changed ${history.path} in ${short(lastChange)}, which no merged pull request brought in${note}. A direct push is never cleared: propose the change in a pull request and have it reviewed.`);
  }
  const pull = input.pull;
  const all = verdicts(pull, merged, input.postAuthor);
  const counted = all.filter((v): v is Extract<Verdict, { counts: true }> => v.counts);
  const where = `pull request #${pull.number}`;

  const unmet = input.requirements.flatMap((rule) => {
    const approvers = counted.filter((v) => allowed(v.login, rule, input.access)).map((v) => v.login);
    return approvers.length >= rule.required ? [] : [{ rule, approvers }];
  });

  if (unmet.length === 0) {
    const names = counted.filter((v) => input.requirements.some((rule) => rule.required > 0 && allowed(v.login, rule, input.access)));
    if (names.length === 0) return { cleared: true, reason: `No approval is required; merged through ${where}.` };
    const commits = [...new Set(names.map((v) => short(v.review.commit!)))];
    return { cleared: true, reason: `Approved by ${list(names.map((v) => v.login), 'and')} at ${list(commits, 'and')}, the content that was merged (${where}).` };
  }

  const needs = unmet.map(({ rule, approvers }) => {
    const has = approvers.length === 0 ? 'has none' : `has ${approvers.length} (${list(approvers, 'and')})`;
    return `${where} needs ${plural(rule.required, 'approval')} of the merged content from ${describeReviewers(rule)} for ${list(rule.scopes, 'and')}, and ${has}.`;
  });
  const notes = [
    ...all.flatMap((v) => (v.counts ? [] : [v.why])),
    ...notAllowed(unmet.map((u) => u.rule), counted.map((v) => v.login), input.access),
    ...teamProblems(unmet.map((u) => u.rule), input.access),
  ];
  return refuse([...needs, ...(notes.length ? [`Not counted: ${notes.join('; ')}.`] : [])].join(' '));
}

function notAllowed(rules: Requirement[], approvers: string[], access: Access | undefined): string[] {
  const notes = rules.flatMap((rule) =>
    approvers
      .filter((login) => !allowed(login, rule, access))
      .map((login) => (rule.reviewers.length === 0 ? `${login} has no write access to the repository` : `${login} is not an allowed reviewer for ${list(rule.scopes, 'and')}`)),
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
