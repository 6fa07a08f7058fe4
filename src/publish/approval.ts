import type { Channel } from '../schemas/config.ts';
import type { Post } from '../lib/project/model.ts';

/**
 * The approval gate as the publish run sees it. The run asks before it sends anything; the GitHub
 * implementation checks that everything that shapes the delivery (the post, its images, the settings
 * that decide where it goes and who approves it) is exactly what allowed reviewers approved.
 */
export interface ApprovalDecision {
  cleared: boolean;
  /** Why, in words a reviewer understands: printed by `herald approvals` and in the run summary. */
  reason: string;
}

export interface ApprovalGate {
  /** Whether `post` may go to `channels` (the strictest rule of those channels applies). */
  decide(post: Post, channels: Channel[]): Promise<ApprovalDecision>;
  /**
   * The reviewed bytes of an image of a post this gate cleared, from git's objects rather than the
   * work tree, so what is sent is exactly what was reviewed. Gates without it leave the run to read
   * the work tree.
   */
  reviewedBytes?(file: string): Promise<Uint8Array>;
  /** Writes down what the decisions found out for later runs (see approvals/cache.ts), once they are all made. */
  settle?(): Promise<void>;
}
