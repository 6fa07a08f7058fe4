import type { Post } from '../project/model.ts';
import type { Problem } from '../project/problems.ts';

/** What a post page lists under "Findings": what `herald validate` reports about the post's file. */
export function findingsFor(findings: readonly Problem[], post: Pick<Post, 'file'>): Problem[] {
  return findings.filter((problem) => problem.file === post.file);
}
