import { relative, resolve } from 'node:path';
import { parseProject } from '../../src/lib/project/load.ts';
import type { Post } from '../../src/lib/project/model.ts';
import { readContent } from '../../src/lib/project/read-content.ts';
import { suggest } from '../../src/lib/project/schema-issues.ts';
import { occurrences, windowEnd } from '../../src/lib/publishing/schedule.ts';
import { approvalGateFromEnv, githubUnreachable, notConfiguredReason } from '../../src/publish/approvals/index.ts';
import { formatOption, nowOption, parseOptions, projectRoot, usable, UsageError } from '../cli.ts';

const usage = `Usage: herald approvals [posts...] [--all] [--now ISO] [--format human|json]

Explains for each post whether it is cleared to publish: its file, its images and the settings of
its channels in herald.yaml reached the default branch only through merged pull requests, each
approved on exactly that content by enough allowed reviewers (never an author) who may still approve,
and each building on reviewed content. Posts are ids or file paths; without any, every post still to
come (including those inside the publishing window). --all checks past posts too.

Reads the history from this clone's git and the reviews from GitHub: needs GITHUB_TOKEN and
GITHUB_REPOSITORY (Actions sets both), and HERALD_TEAMS_TOKEN when reviewers are teams.
Exit code: 0 all cleared, 1 some are not, 2 could not run.`;

const formats = ['human', 'json'] as const;

export async function approvals(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { all: { type: 'boolean', default: false }, now: { type: 'string' }, format: { type: 'string', default: 'human' } },
    usage,
    { positionals: true },
  );
  const format = formatOption(values.format, formats);
  const now = nowOption(values.now);
  if (!env['GITHUB_TOKEN']?.trim() || !env['GITHUB_REPOSITORY']?.trim()) throw new UsageError(notConfiguredReason);

  const root = projectRoot();
  const project = usable(parseProject(await readContent(root), { now }), 'no approval can be checked');
  const config = project.config;

  const posts =
    positionals.length > 0
      ? named(positionals, project.posts, root)
      : values.all
        ? project.posts
        : upcoming(project.posts, config.publishing.window, now);
  const unreachable = posts.length > 0 ? await githubUnreachable(env) : undefined;
  if (unreachable) throw new Error(unreachable);
  const gate = approvalGateFromEnv(env, config, root);
  const results = [];
  for (const post of posts) {
    const channels = post.channels.flatMap((id) => project.channels[id] ?? []);
    results.push({ id: post.id, file: post.file, channels: post.channels, ...(await gate.decide(post, channels)) });
  }

  if (format === 'json') console.log(JSON.stringify({ posts: results }, null, 2));
  else {
    for (const r of results) console.log(`${r.cleared ? '✔' : '✖'} ${r.id}  ${r.file}\n  ${r.reason}`);
    const cleared = results.filter((r) => r.cleared).length;
    console.log(
      `${results.length ? '\n' : ''}${results.length} post${results.length === 1 ? '' : 's'} checked: ${cleared} cleared, ${results.length - cleared} not cleared.`,
    );
  }
  return results.every((r) => r.cleared) ? 0 : 1;
}

/** The posts asked for by id or by file path. */
function named(wanted: string[], posts: Post[], root: string): Post[] {
  return wanted.map((name) => {
    const path = relative(root, resolve(name)).split('\\').join('/');
    const post = posts.find((p) => p.id === name || p.file === path);
    if (!post) {
      const near = suggest(
        name,
        posts.map((p) => p.id),
      );
      throw new UsageError(
        `"${name}" is neither a post id nor a post file (or the post has errors: run herald validate).${near ? ` Did you mean ${near}?` : ''}`,
      );
    }
    return post;
  });
}

/**
 * Posts that may still be published: one of their publications (each repetition of an evergreen
 * post) is later than now, or due and still within the window, counted as the publisher counts it.
 */
function upcoming(posts: Post[], window: string, now: number): Post[] {
  return posts.filter((post) => occurrences(post).some((at) => windowEnd(at, window, post.timezone) >= now));
}
