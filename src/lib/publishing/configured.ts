import type { HeraldConfig } from '../../schemas/config.ts';

/**
 * Whether the repository a workflow runs in is the one herald.yaml describes. A repository made
 * from the template starts with the example's herald.yaml (repository: example/riverside-social)
 * and its posts; until step 2 of docs/setup.md names the new repository there, the scheduled
 * workflows must neither publish the example's posts nor fail every 15 minutes for want of
 * secrets, approvals or Pages, so they stop and say why. GitHub compares owner and name without
 * regard to case, and so does this.
 */
export type Configured = { configured: true } | { configured: false; reason: string };

export function configuredFor(config: Pick<HeraldConfig, 'repository'> | undefined, repository: string): Configured {
  // A herald.yaml that cannot be read names no repository: the workflow goes on and reports why.
  if (!config || config.repository.toLowerCase() === repository.toLowerCase()) return { configured: true };
  return {
    configured: false,
    reason: `content/herald.yaml describes ${config.repository}, not this repository (${repository}), so nothing is published and no site is built here yet. To start, make the example yours: set repository: ${repository} in content/herald.yaml (docs/setup.md, step 2).`,
  };
}
