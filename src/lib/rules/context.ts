import type { Channel, HeraldConfig, NetworkName } from '../../schemas/config.ts';
import type { Post, Project } from '../project/model.ts';
import type { Problem } from '../project/problems.ts';

/** What every group of rules works from: the loaded project and the facts from outside it. */
export interface RuleContext {
  project: Project;
  config: HeraldConfig;
  now: number;
  /** `postId/channelId` of every post the publisher delivered (see deliveryKey). */
  delivered: ReadonlySet<string>;
  /** Whether only some files are reported (validate --changed or named files). */
  focused: boolean;
  inFocus(post: Post): boolean;
  /**
   * The post a finding about several posts belongs to: the last one given, or, when only some files
   * are reported, the last one of those; undefined when none of them is.
   */
  blame(posts: readonly Post[]): Post | undefined;
}

export type Rules = (context: RuleContext) => Problem[];

export function deliveryKey(postId: string, channelId: string): string {
  return `${postId}/${channelId}`;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function plural(count: number, word: string): string {
  return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}

/** The channels of a post that exist in herald.yaml. */
export function channelsOf(post: Post, channels: Record<string, Channel>): Channel[] {
  return post.channels.flatMap((id) => channels[id] ?? []);
}

/** The networks a post goes to, each once, in the order of its channels. */
export function networksOf(post: Post, channels: Record<string, Channel>): NetworkName[] {
  return [...new Set(channelsOf(post, channels).map((channel) => channel.network))];
}
