import type { HeraldConfig } from '../schemas/config.ts';
import { newPostPath, newPostText, publicChannels, type NewPost } from './authoring.ts';

/**
 * A new post for a given day, as a file and as a link to GitHub's "new file" page with that file
 * filled in: the calendar's "propose a post on this day" and `herald new` write the same thing.
 */

export interface ProposedPost {
  /** YYYY-MM-DD, in the organisation's time zone. */
  date: string;
  /** HH:MM; noon unless given, a time no daylight-saving change skips. */
  time?: string;
  /** File name without extension; defaults to the date followed by "new-post". */
  slug?: string;
  title: string;
  /** The placeholder body the author replaces. */
  body: string;
  /** Channel ids; defaults to every channel that is not a webhook (those are internal notices). */
  channels?: string[];
}

type ProposalConfig = Pick<HeraldConfig, 'repository' | 'defaultBranch' | 'channels'>;

export function proposedPostFile(config: ProposalConfig, proposal: ProposedPost): { path: string; text: string } {
  const post: NewPost = {
    title: proposal.title,
    publishAt: `${proposal.date} ${proposal.time ?? '12:00'}`,
    channels: proposal.channels ?? publicChannels(config),
    kind: 'original',
    labels: [],
    id: proposal.slug ?? `${proposal.date}-new-post`,
    text: proposal.body,
  };
  return { path: newPostPath(post), text: newPostText(post) };
}

/** GitHub's new-file page for the proposed post, on the repository's default branch. */
export function proposePostUrl(config: ProposalConfig, proposal: ProposedPost): string {
  const file = proposedPostFile(config, proposal);
  // encodeURIComponent, not URLSearchParams: a space must arrive as %20, not as a "+" GitHub might keep.
  const query = `filename=${encodeURIComponent(file.path)}&value=${encodeURIComponent(file.text)}`;
  return `https://github.com/${config.repository}/new/${encodeURI(config.defaultBranch)}?${query}`;
}
