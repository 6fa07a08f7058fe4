import type { Post, Project } from './model.ts';
import type { Problem } from './problems.ts';

/**
 * What the site shows under a post as the linter's findings: the problems found in its file. The
 * rules engine's findings join here, so the post page and `herald validate` report the same things.
 */
export function findingsFor(project: Project, post: Post): Problem[] {
  return project.problems.filter((problem) => problem.file === post.file);
}
