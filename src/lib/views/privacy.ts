import type { Channel, HeraldConfig } from '../../schemas/config.ts';
import { labelSlug } from '../calendar/calendar.ts';
import type { BrokenPost, Post, Project } from '../project/model.ts';
import { networkProfiles } from '../networks/profiles.ts';
import type { Problem } from '../project/problems.ts';

/**
 * What the public site may show. herald.yaml marks channels private (`private: true`; a network's
 * profile says whether its channels are private unless told otherwise: webhooks are) and lists
 * private labels (`privateLabels`). A post is internal when it carries a private label or every one
 * of its channels is private: the public site, its feeds, its post pages, its images and its search
 * never see it. A post that goes to public and private channels
 * alike is shown with its public channels only, and without the variants only private channels use.
 * `herald calendar` and `herald validate` still see everything: they run where the repository is.
 */

export function isPrivateChannel(channel: Channel): boolean {
  return channel.private ?? networkProfiles[channel.network].privateByDefault;
}

/** Whether one of `labels` is one of herald.yaml's privateLabels, however it is spelt (see labelSlug). */
function hasPrivateLabel(labels: readonly string[], config: HeraldConfig): boolean {
  const slugs = new Set(config.privateLabels.map(labelSlug));
  return labels.some((label) => slugs.has(labelSlug(label)));
}

export function isInternalPost(post: Post, config: HeraldConfig, channels: Record<string, Channel>): boolean {
  if (hasPrivateLabel(post.labels, config)) return true;
  return post.channels.every((id) => {
    const channel = channels[id];
    return !channel || isPrivateChannel(channel);
  });
}

/** The project as the public site sees it: see the module's header. */
export function publicView(project: Project): Project {
  const { config } = project;
  if (!config) return project;
  const channels = Object.fromEntries(
    Object.entries(project.channels).filter(([, channel]) => !isPrivateChannel(channel)),
  );
  const posts = project.posts.flatMap((post) =>
    isInternalPost(post, config, project.channels) ? [] : [publicPost(post, channels)],
  );
  const broken = project.broken.filter((post) => !isInternalBrokenPost(post, config, project.channels));
  if (
    posts.length === project.posts.length &&
    broken.length === project.broken.length &&
    Object.keys(channels).length === Object.keys(project.channels).length
  )
    return project;
  const shown = new Set([...posts, ...broken].map((post) => post.file));
  const hidden = new Set(
    [...project.posts, ...project.broken].filter((post) => !shown.has(post.file)).map((post) => post.file),
  );
  const media = new Set(
    posts.flatMap((post) =>
      post.media.flatMap((item) => [item.file, ...(item.captionsFile ? [item.captionsFile] : [])]),
    ),
  );
  return {
    ...project,
    config: { ...config, channels: config.channels.filter((channel) => channels[channel.id]) },
    channels,
    posts,
    broken,
    files: project.files.filter((file) => !hidden.has(file)),
    media: Object.fromEntries(Object.entries(project.media).filter(([file]) => media.has(file))),
    problems: project.problems.filter((problem) => !hidden.has(problem.file)),
  };
}

/**
 * A post file that could not be loaded is shown (with its problems, on the calendar, so the team sees
 * it) unless what could be read of it says it is internal: a private label, or channels that are all
 * known private ones. A misspelt channel is not taken for a private one: that is the usual way a post
 * breaks. Of a file whose front matter could not be read at all, the site shows only its name.
 */
export function isInternalBrokenPost(
  post: BrokenPost,
  config: HeraldConfig,
  channels: Record<string, Channel>,
): boolean {
  if (hasPrivateLabel(post.labels, config)) return true;
  return (
    post.channels.length > 0 &&
    post.channels.every((id) => Object.hasOwn(channels, id) && isPrivateChannel(channels[id]!))
  );
}

/** A post with only its public channels, and only the variants those use (by channel id or network). */
function publicPost(post: Post, channels: Record<string, Channel>): Post {
  const kept = post.channels.filter((id) => channels[id]);
  if (kept.length === post.channels.length) return post;
  const used = new Set([...kept, ...kept.map((id) => channels[id]!.network)]);
  const pick = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([key]) => used.has(key)));
  return { ...post, channels: kept, variants: pick(post.variants), variantParts: pick(post.variantParts) };
}

/**
 * The findings the public site shows: those `herald validate` reports (`all`, from the whole project)
 * that the checks also find in the public view (`visible`). Whatever mentions an internal post or a
 * private channel's text is in the first list only, and a finding that only the missing posts would
 * cause is in the second only; neither is shown.
 */
export function publicFindings(all: readonly Problem[], visible: readonly Problem[]): Problem[] {
  const key = (p: Problem) => `${p.file}\n${p.line}\n${p.column}\n${p.rule}\n${p.message}`;
  const known = new Set(all.map(key));
  return visible.filter((problem) => known.has(key(problem)));
}
