import { contentPaths } from '../project/load.ts';
import type { Post, Project } from '../project/model.ts';
import { byLocation, type Problem } from '../project/problems.ts';
import { calendarRules } from './calendar.ts';
import { cardRules } from './card.ts';
import { contentRules } from './content.ts';
import { credentialRules } from './credentials.ts';
import type { RuleContext, Rules } from './context.ts';
import { gateRules } from './gates.ts';
import { handbookLinkRules } from './handbook.ts';
import { hiddenCharacterRules } from './hidden-characters.ts';
import { houseRules } from './house.ts';
import { limitRules } from './limits.ts';
import { mediaRules } from './media.ts';
import { placeholderRules } from './placeholder.ts';
import { pollRules } from './poll.ts';
import { quoteRules } from './quote.ts';
import { repostRules } from './repost.ts';
import { applySeverities } from './registry.ts';
import type { Files } from '../sync/generated.ts';
import { staleFiles } from '../sync/stale.ts';

export { deliveryKey } from './context.ts';
export { rules, type RuleInfo } from './registry.ts';

export interface LintOptions {
  /** The time to judge "in the past" against, in epoch milliseconds. */
  now: number;
  /** `postId/channelId` (see deliveryKey) of every post the publisher delivered; empty when unknown. */
  delivered?: ReadonlySet<string>;
  /**
   * Report only about these files (paths relative to the project root). The calendar rules still
   * weigh every post, and a finding about two posts goes to the one in this set. A changed image
   * brings in the posts that use it; a changed herald.yaml or style guide brings in everything.
   */
  files?: ReadonlySet<string>;
  /**
   * The files Herald generates, as `herald sync` would write them for the installed `version`, and
   * as they are in the project (those present): compared by `sync/stale-file`.
   */
  generated?: { expected: Files; present: Files; version: string };
}

/** Rules that judge each post on its own: only the posts reported on need them. */
const perPost: Rules[] = [
  placeholderRules,
  hiddenCharacterRules,
  limitRules,
  mediaRules,
  pollRules,
  gateRules,
  contentRules,
  cardRules,
  quoteRules,
  repostRules,
  houseRules,
];

/**
 * Everything `herald validate` reports about a project: the loader's problems and the findings of
 * every rule, with herald.yaml's severities applied, in file order. The command line and the site's
 * post pages both call this.
 */
export function lint(project: Project, options: LintOptions): Problem[] {
  const focus = reportedFiles(project, options.files);
  const inFocus = (post: Post) => !focus || focus.has(post.file);
  const found = [...project.problems];
  if (project.config) {
    const context: RuleContext = {
      project,
      config: project.config,
      now: options.now,
      delivered: options.delivered ?? new Set(),
      focused: focus !== undefined,
      inFocus,
      blame: (posts) => posts.findLast(inFocus),
    };
    const reported = focus ? { ...context, project: { ...project, posts: project.posts.filter(inFocus) } } : context;
    for (const group of perPost) found.push(...group(reported));
    found.push(...calendarRules(context), ...handbookLinkRules(context), ...credentialRules(context));
    if (options.generated)
      found.push(...staleFiles(options.generated.expected, options.generated.present, options.generated.version));
  }
  return applySeverities(found, project.config)
    .filter((p) => !focus || focus.has(p.file))
    .sort(byLocation);
}

/**
 * The files `lint` reports on when asked about `files` (deleted ones included): those, the posts
 * using a changed image, every handbook page when one of them changed (a renamed or deleted page
 * breaks links on the others), the handbook pages linking to a changed post, or every file
 * (undefined) when herald.yaml or the style guide is among them.
 */
export function reportedFiles(
  project: Project,
  files: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  if (!files) return undefined;
  const styleGuide = project.handbook.find((page) => page.houseRules)?.file;
  if (files.has('content/herald.yaml') || (styleGuide && files.has(styleGuide))) return undefined;
  const focus = new Set(files);
  for (const post of project.posts) {
    if (
      post.media.some(
        (item) => files.has(item.file) || (item.captionsFile !== undefined && files.has(item.captionsFile)),
      )
    )
      focus.add(post.file);
  }
  if ([...files].some((file) => file.startsWith(contentPaths.handbook))) {
    for (const page of project.handbook) focus.add(page.file);
  }
  const postIds = [...files]
    .filter((file) => file.startsWith(contentPaths.posts))
    .map((file) =>
      file
        .split('/')
        .at(-1)!
        .replace(/\.mdx?$/, ''),
    );
  for (const page of project.handbook) {
    if (page.links.some((link) => postIds.some((id) => link.url.includes(`posts/${id}`)))) focus.add(page.file);
  }
  return focus;
}
