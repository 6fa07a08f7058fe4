/**
 * `herald/core`: what a tool built on Herald needs, without Astro or the network. Read a project
 * folder (readContent), parse it (parseProject), check it as `herald validate` does (lint,
 * validationReport), and see what each network would receive (partsFor, measure) and what was sent
 * (channelStatus). The rest of src/lib is internal and may change in any release.
 */
export { contentPaths, parseProject, usableProject, byPublishingOrder } from './project/load.ts';
export { readContent, readImage, type ImageFile } from './project/read-content.ts';
export { lint, rules, type LintOptions, type RuleInfo } from './rules/index.ts';
export {
  validationReport,
  formatHuman,
  formatJson,
  formatGithubAnnotations,
  type ValidationReport,
} from './rules/report.ts';
export type { Problem, Severity, Position } from './project/problems.ts';
export type { Post, PostMedia, BrokenPost, HandbookPage, Project, Schedule } from './project/model.ts';
export { partsFor, previews, type ChannelPreview } from './text/posts.ts';
export { measure, fits, type Measure, type MeasureOptions } from './text/count.ts';
export { networkProfiles, type NetworkProfile } from './networks/profiles.ts';
export { publicView } from './views/privacy.ts';
export { channelStatus, ledgerLookup, postStates, type ChannelStatus, type PostState } from './publishing/status.ts';
export { resolveNow, type Now } from './time/now.ts';
