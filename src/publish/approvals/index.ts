import type { HeraldConfig } from '../../schemas/config.ts';
import type { ApprovalGate } from '../approval.ts';

/**
 * The approval gate a publish run uses, built from the environment GitHub Actions provides.
 * Approvals live on GitHub (pull request reviews); without access to them nothing can be shown to
 * be approved, so every post is held, with the reason.
 */
export function approvalGateFromEnv(env: Record<string, string | undefined>, _config: HeraldConfig): ApprovalGate {
  const reason = env['GITHUB_TOKEN'] && env['GITHUB_REPOSITORY']
    ? 'approvals cannot be checked: this version of Herald has no GitHub approval check installed'
    : 'approvals cannot be checked: GITHUB_TOKEN and GITHUB_REPOSITORY are not set';
  return { decide: () => Promise.resolve({ cleared: false, reason }) };
}
