import type { Post } from '../project/model.ts';
import type { Problem } from '../project/problems.ts';

/**
 * What a post page lists under "Findings": what `herald validate` reports about the post's file.
 * Grouped by file once: a build asks for every post, and a busy calendar has thousands of findings.
 */
export function findingsByFile(findings: readonly Problem[]): (post: Pick<Post, 'file'>) => Problem[] {
  const byFile = Map.groupBy(findings, (problem) => problem.file);
  return (post) => byFile.get(post.file) ?? [];
}
