import type { HeraldConfig } from '../schemas/config.ts';
import { contentPaths } from './load.ts';

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
  const { date } = proposal;
  const slug = proposal.slug ?? `${date}-new-post`;
  const publicChannels = config.channels.filter((channel) => channel.network !== 'webhook');
  const channels = proposal.channels ?? (publicChannels.length ? publicChannels : config.channels).map((channel) => channel.id);
  const frontmatter = [
    `title: ${JSON.stringify(proposal.title)}`,
    `publishAt: ${date} ${proposal.time ?? '12:00'}`,
    `channels: [${channels.join(', ')}]`,
  ];
  return {
    path: `${contentPaths.posts}${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}.mdx`,
    text: `---\n${frontmatter.join('\n')}\n---\n${proposal.body.trim()}\n`,
  };
}

/** GitHub's new-file page for the proposed post, on the repository's default branch. */
export function proposePostUrl(config: ProposalConfig, proposal: ProposedPost): string {
  const file = proposedPostFile(config, proposal);
  // encodeURIComponent, not URLSearchParams: a space must arrive as %20, not as a "+" GitHub might keep.
  const query = `filename=${encodeURIComponent(file.path)}&value=${encodeURIComponent(file.text)}`;
  return `https://github.com/${config.repository}/new/${encodeURI(config.defaultBranch)}?${query}`;
}
