import type { Channel } from '../schemas/config.ts';
import type { Post } from '../lib/model.ts';

/**
 * The approval gate as the publish run sees it. The run asks before it sends anything; the GitHub
 * implementation checks that the merged content is exactly what allowed reviewers approved.
 */
export interface ApprovalDecision {
  cleared: boolean;
  /** Why, in words a reviewer understands: printed by `herald approvals` and in the run summary. */
  reason: string;
}

export interface ApprovalGate {
  /** Whether `post` may go to `channels` (the strictest rule of those channels applies). */
  decide(post: Post, channels: Channel[]): Promise<ApprovalDecision>;
}
