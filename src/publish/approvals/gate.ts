import { approvalsSchema, type Channel, type HeraldConfig } from '../../schemas/config.ts';
import { contentPaths } from '../../lib/project/load.ts';
import type { Post } from '../../lib/project/model.ts';
import { networkProfiles } from '../../lib/networks/profiles.ts';
import type { ApprovalDecision, ApprovalGate } from '../approval.ts';
import { type ApprovalCache, rulesFingerprint } from './cache.ts';
import {
  approvedCommits,
  candidateApprovers,
  choosePull,
  decideInputs,
  failureReason,
  judgeApprovals,
  meets,
  mergeRequirements,
  requirementsFor,
  startsOf,
  teamsIn,
  unusable,
  type Access,
  type ChainVerdict,
  type Failure,
  type Input,
  type InputVerdict,
  type PullEvidence,
  type PullFact,
  type Requirement,
  type Step,
} from './decide.ts';
import type { Change, GitHistory } from './git.ts';
import { describeGitHubError, type GitHubFacts } from './github.ts';
import { settingInputs, settingValue } from './settings.ts';
import { isCaptionsName, isVideoName } from '../../lib/networks/video-formats.ts';

/**
 * The approval gate on GitHub: for each input of a post (its file, its images, the settings that
 * decide where it goes and who approves it) it walks the default branch's history back through the
 * changes the rules of decide.ts rely on, asking git first and GitHub only what git cannot tell, and
 * lets decide.ts judge each change. Answers are kept for the run, and reviewed inputs are remembered
 * in the ledger (cache.ts) so a later run re-checks only who still may approve.
 */

export interface GateOptions {
  /** The configuration the run uses: the work tree's herald.yaml, parsed. */
  config: HeraldConfig;
  /** The work tree's herald.yaml text, whose delivery settings must be exactly the reviewed ones. */
  configText: string | null;
  git: () => Promise<GitHistory>;
  github: GitHubFacts;
  cache?: ApprovalCache;
  /** The key that seals cache entries for these channels; undefined when their credentials are not all here. */
  sealKey?: (channels: Channel[]) => Uint8Array | undefined;
}

/** A gated input with the history the walk needs. */
interface History {
  input: Input;
  /** Changes of the input's value on the default branch, newest first; `root` marks the trusted first herald.yaml. */
  changes: (Change & { root?: boolean })[];
  /** The input's value at any commit: this clone's git when it has the commit, else GitHub. */
  valueAt(commit: string): Promise<string | null>;
  /** For a file created by a rename in `commit`: the history of the file it came from. */
  renamedFrom?(commit: string): Promise<History | undefined>;
}

/** What a post's judgement depends on besides history. */
interface Context {
  requirements: Requirement[];
  /** The post's author:, who never approves the post or its images. */
  postAuthors: string[];
  channels: Channel[];
}

export interface GitHubApprovalGate extends ApprovalGate {
  reviewedBytes(file: string): Promise<Uint8Array>;
  settle(): Promise<void>;
}

export function gitHubApprovalGate(options: GateOptions): GitHubApprovalGate {
  const { config, github } = options;
  const branch = config.defaultBranch;
  let opened: Promise<GitHistory> | undefined;
  const repo = () => (opened ??= options.git());
  /** Images found reviewed, by file: the blob the run sends. */
  const reviewedImages = new Map<string, string>();
  const walks = new Map<string, Promise<ChainVerdict>>();
  const histories = new Map<string, Promise<History>>();

  const configPath = async () => `${(await repo()).prefix}${contentPaths.config}`;

  /** The text of herald.yaml at a commit, local first. */
  async function configTextAt(commit: string): Promise<string | null> {
    const git = await repo();
    const path = await configPath();
    const local = await git.valueAt(commit, path);
    if (local === null) return null;
    if (local !== undefined) return local.includes(':') ? null : new TextDecoder().decode(await git.bytes(local));
    const remote = await github.fileAt(commit, path);
    return remote.value === null ? null : (remote.text ?? null);
  }

  /** A file's history; `path` is from the repository root. */
  function fileHistory(input: Input, path: string): Promise<History> {
    const key = `file\0${path}\0${input.kind}`;
    let found = histories.get(key);
    if (!found) {
      found = (async (): Promise<History> => {
        const git = await repo();
        const changes = await git.changes(path);
        return {
          input,
          changes,
          async valueAt(commit) {
            const local = await git.valueAt(commit, path);
            return local !== undefined ? local : (await github.fileAt(commit, path)).value;
          },
          async renamedFrom(commit) {
            const from = await git.renamedFrom(commit, path);
            return from ? fileHistory({ ...input, id: from, label: from }, from) : undefined;
          },
        };
      })();
      histories.set(key, found);
    }
    return found;
  }

  /** A setting's history, from herald.yaml's: a change wherever the setting's value changed. */
  function settingHistory(input: Input): Promise<History> {
    const key = `setting\0${input.id}`;
    let found = histories.get(key);
    if (!found) {
      found = (async (): Promise<History> => {
        const git = await repo();
        const fileChanges = await git.changes(await configPath());
        const text = async (value: string | null) =>
          value === null || value.includes(':') ? null : new TextDecoder().decode(await git.bytes(value));
        const changes: History['changes'] = [];
        for (const [i, change] of fileChanges.entries()) {
          const before = settingValue(await text(change.before), input.id);
          const after = settingValue(await text(change.after), input.id);
          const first = i === fileChanges.length - 1 && change.before === null && !git.shallow(change.commit);
          if (first) changes.push({ commit: change.commit, before: null, after, root: true });
          else if (before !== after) changes.push({ commit: change.commit, before, after });
        }
        return { input, changes, valueAt: async (commit) => settingValue(await configTextAt(commit), input.id) };
      })();
      histories.set(key, found);
    }
    return found;
  }

  /** The first-parent commits a pull request's merge made: one, or a rebase merge's copies. */
  async function landing(pull: PullEvidence, commit: string): Promise<Set<string>> {
    const merge = pull.mergeCommit;
    if (!merge) return new Set([commit]);
    try {
      const line = await (await repo()).firstParents(merge, Math.max(1, pull.commits.length));
      const own = pull.commits.filter((c) => c.parents.length === 1);
      const copies =
        line.length === own.length &&
        own.length > 1 &&
        line.every((entry, i) => entry.parents.length === 1 && entry.copy === own[own.length - 1 - i]!.copy);
      const group = copies ? new Set(line.map((entry) => entry.sha)) : new Set([merge]);
      return group.has(commit) ? group : new Set([commit]);
    } catch {
      return new Set([commit]);
    }
  }

  async function evidence(pull: PullFact): Promise<PullEvidence> {
    const [reviews, commits] = await Promise.all([github.reviews(pull.number), github.commits(pull.number)]);
    const pushers = await github.pushers(
      pull,
      commits.map((c) => c.sha),
    );
    return { ...pull, commits, reviews, pushers, values: {} };
  }

  /**
   * What GitHub says, at the time of the decision, about the people whose approval would count:
   * write access for each, team membership where a rule names teams they are not named beside.
   */
  async function accessFor(requirements: Requirement[], approvers: string[]): Promise<Access> {
    const access: Access = { teams: {}, writers: {} };
    for (const login of approvers) access.writers[login.toLowerCase()] = await github.canWrite(login);
    const namedWriter = (rule: Requirement, login: string) =>
      access.writers[login.toLowerCase()] === true &&
      rule.reviewers.some((x) => x.toLowerCase() === login.toLowerCase());
    const teamRules = requirements.filter(
      (r) => teamsIn([r]).length > 0 && approvers.some((login) => !namedWriter(r, login)),
    );
    for (const team of teamsIn(teamRules)) access.teams[team] = await github.team(team);
    return access;
  }

  /**
   * Rules a change must meet besides the post's: for a change of `approvals`, the rules it set and
   * the rules before it, so the rules are never loosened by fewer people than they named. Of the
   * rules before, only as many approvals as there are people left who could give them: reviewers who
   * left (or a template's example logins) must not lock the rules for good.
   */
  async function extraRules(history: History, index: number, context: Context): Promise<Requirement[]> {
    if (history.input.id !== 'approvals') return [];
    const change = history.changes[index]!;
    const rules = (value: string | null, when?: string) => {
      let data: unknown = {};
      try {
        if (value !== null) data = JSON.parse(value);
      } catch {
        return [];
      }
      const parsed = approvalsSchema.safeParse(data);
      return parsed.success
        ? requirementsFor(parsed.data, context.channels).map((r) =>
            when ? { ...r, scopes: r.scopes.map((scope) => `${scope} ${when}`) } : r,
          )
        : [];
    };
    const before = await Promise.all(
      rules(change.before, 'as it was before').map(async (rule) => ({
        ...rule,
        required: Math.min(rule.required, await stillThere(rule)),
      })),
    );
    return [...rules(change.after), ...before];
  }

  /** How many people a rule names who could approve today (a rule naming nobody: anyone with write access, so no limit). */
  async function stillThere(rule: Requirement): Promise<number> {
    if (rule.reviewers.length === 0) return Number.POSITIVE_INFINITY;
    const people = new Set<string>();
    for (const entry of rule.reviewers) {
      if (entry.includes('/')) {
        const team = await github.team(entry);
        if ('members' in team) for (const member of team.members) people.add(member.toLowerCase());
      } else if (await github.canWrite(entry)) people.add(entry.toLowerCase());
    }
    return people.size;
  }

  const fail = (failure: Failure): ChainVerdict => ({ ok: false, failure });

  /** Whether change `index` of `history` is reviewed (decide.ts, rules 1-3), with the steps it relies on. */
  function reviewed(history: History, index: number, context: Context): Promise<ChainVerdict> {
    const key = `${history.input.kind}\0${history.input.id}\0${index}\0${rulesFingerprint([context.requirements, context.postAuthors, context.channels.map((c) => c.id)])}`;
    let found = walks.get(key);
    if (!found) walks.set(key, (found = walk(history, index, context)));
    return found;
  }

  async function walk(history: History, index: number, context: Context): Promise<ChainVerdict> {
    const git = await repo();
    const change = history.changes[index]!;
    if (git.shallow(change.commit)) return fail({ kind: 'shallow', commit: change.commit });
    if (change.root) return { ok: true, steps: [] };

    const pulls = await github.pullsFor(change.commit);
    const chosen = choosePull(pulls, change.commit, branch);
    if (!chosen)
      return fail({
        kind: 'direct',
        commit: change.commit,
        open: pulls.filter((p) => p.mergedAt === null).map((p) => p.number),
      });
    const pull = await evidence(chosen);
    const group = await landing(pull, change.commit);
    let last = index;
    while (last + 1 < history.changes.length && group.has(history.changes[last + 1]!.commit)) last++;
    const value = change.after;

    const extra = await extraRules(history, index, context);
    const requirements = mergeRequirements([...context.requirements, ...extra]);
    const authors = history.input.kind === 'setting' ? [] : context.postAuthors;
    for (const sha of approvedCommits(pull)) pull.values[sha] = await history.valueAt(sha);
    let outcome = judgeApprovals(
      pull,
      value,
      history.input,
      requirements,
      await accessFor(requirements, candidateApprovers(pull, value, history.input, authors)),
      authors,
    );
    if (!outcome.ok) {
      // Every commit's value, so the reason can say where the approved version was changed.
      for (const commit of pull.commits)
        if (!(commit.sha in pull.values)) pull.values[commit.sha] = await history.valueAt(commit.sha);
      outcome = judgeApprovals(
        pull,
        value,
        history.input,
        requirements,
        await accessFor(requirements, candidateApprovers(pull, value, history.input, authors)),
        authors,
      );
      if (!outcome.ok)
        return fail({ kind: 'approvals', commit: change.commit, pull: pull.number, reason: outcome.reason });
    }
    const step: Step = { pull: pull.number, approvals: outcome.approvals, ...(extra.length ? { extra } : {}) };
    // A removal, or a one-line setting, is all in the diff.
    if (value === null || history.input.oneLine) return { ok: true, steps: [step] };

    const bases: { history: History; value: string | null; below: number; start?: string }[] = [
      { history, value: history.changes[last]!.before, below: last + 1 },
    ];
    for (const start of startsOf(pull.commits))
      bases.push({ history, value: await history.valueAt(start), below: last + 1, start });
    if (history.changes[last]!.before === null && history.renamedFrom) {
      const from = await history.renamedFrom(history.changes[last]!.commit);
      const at = from?.changes.findIndex((c) => c.commit === history.changes[last]!.commit) ?? -1;
      if (from && at >= 0) {
        bases.push({ history: from, value: from.changes[at]!.before, below: at + 1 });
        for (const start of startsOf(pull.commits))
          bases.push({ history: from, value: await from.valueAt(start), below: at + 1, start });
      }
    }

    const relied: Step[] = [];
    let problem: Failure | undefined;
    for (const base of bases) {
      if (base.value === null) continue;
      const verdict = await earlier(base.history, base.value, base.below, context);
      if (verdict === undefined) {
        problem ??= {
          kind: 'foreign',
          commit: change.commit,
          pull: pull.number,
          start: base.start ?? history.changes[last]!.commit,
        };
      } else if (!verdict.ok)
        problem ??= { kind: 'base', commit: change.commit, pull: pull.number, cause: verdict.failure };
      else relied.push(...verdict.steps);
    }
    if (!problem) return { ok: true, steps: unique([step, ...relied]) };
    // A revert to a value an earlier reviewed change brought is reviewed content.
    const again = await earlier(history, value, last + 1, context);
    if (again?.ok) return { ok: true, steps: unique([step, ...again.steps]) };
    return fail(problem);
  }

  /** Whether `value` is what a reviewed change at or below `below` brought: the first such change that is reviewed, else the newest's failure. */
  async function earlier(
    history: History,
    value: string,
    below: number,
    context: Context,
  ): Promise<ChainVerdict | undefined> {
    let first: ChainVerdict | undefined;
    for (let i = below; i < history.changes.length; i++) {
      if (history.changes[i]!.after !== value) continue;
      const verdict = await reviewed(history, i, context);
      if (verdict.ok) return verdict;
      first ??= verdict;
    }
    return first;
  }

  function unique(steps: Step[]): Step[] {
    const seen = new Set<string>();
    return steps.filter((step) => {
      const key = JSON.stringify(step);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Judges one input: its current value must be the reviewed one, and the change that brought it reviewed. */
  async function judgeInput(
    input: Input,
    post: Post,
    context: Context,
    secret: Uint8Array | undefined,
  ): Promise<InputVerdict> {
    const git = await repo();
    let history: History;
    let current: string | null;
    if (input.kind === 'setting') {
      const path = await configPath();
      const tipBlob = await git.tip(path);
      const tipText =
        tipBlob === null || tipBlob.includes(':') ? null : new TextDecoder().decode(await git.bytes(tipBlob));
      current = settingValue(tipText, input.id);
      if (settingValue(options.configText, input.id) !== current) return unusable(input, { kind: 'differs', branch });
      history = await settingHistory(input);
    } else {
      const path = `${git.prefix}${input.id}`;
      if (!input.id.startsWith('content/') || input.id.split('/').includes('..'))
        return unusable(input, { kind: 'outside' });
      current = await git.tip(path);
      if (current === null) return unusable(input, { kind: 'missing', branch });
      if (current.startsWith('link:')) return unusable(input, { kind: 'link' });
      if (input.kind === 'post' && (current.includes(':') || !(await git.matchesWorkTree(post.file, current))))
        return unusable(input, { kind: 'differs', branch });
      if (current.includes(':')) return unusable(input, { kind: 'missing', branch });
      if (input.kind === 'image' && isLfsPointer(await git.bytes(current))) return unusable(input, { kind: 'lfs' });
      history = await fileHistory(input, path);
    }
    const latest = history.changes.findIndex((c) => c.after === current);
    if (latest !== 0) {
      // The tip's value always comes from the newest change; anything else is history this clone cannot show.
      return {
        input,
        cleared: false,
        reason: `Herald cannot find the change on ${branch} that brought ${input.label} as it is. Check out the full history (actions/checkout with fetch-depth: 0).`,
      };
    }
    const commit = history.changes[0]!.commit;
    const rules = rulesFingerprint([
      context.channels.map((c) => c.id).sort(),
      context.requirements,
      input.kind === 'setting' ? [] : context.postAuthors,
    ]);
    const key = { input: input.id, value: current, commit, rules };
    if (secret && options.cache) {
      const steps = await options.cache.get(key, secret);
      if (steps && (await stillMeets(steps, context))) return remember(input, current, { input, cleared: true, steps });
    }
    const verdict = await reviewed(history, 0, context);
    if (!verdict.ok) {
      const revertable =
        verdict.failure.kind === 'direct' &&
        (history.changes[0]!.before === null
          ? false
          : (await earlier(history, history.changes[0]!.before, 1, context))?.ok === true);
      return {
        input,
        cleared: false,
        reason: failureReason(input, verdict.failure, { branch, latest: commit, revertable }),
      };
    }
    if (secret && options.cache) options.cache.put(key, verdict.steps, secret);
    return remember(input, current, { input, cleared: true, steps: verdict.steps });
  }

  function remember(input: Input, value: string | null, verdict: InputVerdict): InputVerdict {
    if (input.kind === 'image' && verdict.cleared && value) reviewedImages.set(input.id, value);
    return verdict;
  }

  /** Remembered steps still hold when every approver they count still may approve. */
  async function stillMeets(steps: Step[], context: Context): Promise<boolean> {
    for (const step of steps) {
      const rules = step.extra ? mergeRequirements([...context.requirements, ...step.extra]) : context.requirements;
      const access = await accessFor(rules, [...new Set(step.approvals.map((a) => a.login))]);
      if (!meets(step.approvals, rules, access)) return false;
    }
    return true;
  }

  async function judge(post: Post, channels: Channel[]): Promise<ApprovalDecision> {
    const context: Context = {
      requirements: requirementsFor(config.approvals, channels),
      postAuthors: post.author ? [post.author] : [],
      channels,
    };
    const inputs: Input[] = [
      { kind: 'post', id: post.file, label: post.file },
      // Every file a network receives: images, videos and their captions, the card's picture, each reviewed as sent.
      ...[
        ...new Set([
          ...post.media.flatMap((m) => [m.file, ...(m.captionsFile ? [m.captionsFile] : [])]),
          ...(post.card?.file ? [post.card.file] : []),
        ]),
      ].map((file): Input => ({
        kind: 'image',
        id: file,
        label: `${isCaptionsName(file) ? 'the captions' : isVideoName(file) ? 'the video' : 'the image'} ${file}`,
      })),
      ...settingInputs(
        channels.map((c) => c.id),
        { locale: post.lang === undefined && channels.some((c) => networkProfiles[c.network].language) },
      ),
    ];
    const secret = options.sealKey?.(channels);
    const verdicts: InputVerdict[] = [];
    for (const input of inputs) verdicts.push(await judgeInput(input, post, context, secret));
    return decideInputs(verdicts);
  }

  return {
    async decide(post, channels) {
      try {
        return await judge(post, channels);
      } catch (error) {
        return {
          cleared: false,
          reason: `Herald could not check the approval of ${post.file}: ${describeGitHubError(error)}`,
        };
      }
    },
    async settle() {
      try {
        await options.cache?.flush();
      } catch {
        // Only a memory: the next run walks the history again. A ledger that cannot be written stops the run at its claim.
      }
    },
    async reviewedBytes(file) {
      const blob = reviewedImages.get(file);
      if (!blob) throw new Error(`${file} was not cleared by the approval check`);
      return (await repo()).bytes(blob);
    },
  };
}

/** A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md) instead of the image. */
function isLfsPointer(bytes: Uint8Array): boolean {
  return (
    bytes.length < 1024 &&
    new TextDecoder().decode(bytes.subarray(0, 64)).startsWith('version https://git-lfs.github.com/spec/')
  );
}
