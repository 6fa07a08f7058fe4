import { Document, isSeq } from 'yaml';
import type { HeraldConfig } from '../../schemas/config.ts';
import { postKinds, type PostFrontmatter } from '../../schemas/post.ts';
import { contentPaths } from '../project/load.ts';
import { placeholderText } from './placeholder.ts';
import { isPrivateChannel } from '../views/privacy.ts';
import { decodeText, splitFrontmatter, type SourceFile } from '../project/source.ts';

/**
 * What a new post starts from: its id and file name from the title, its folder from its date, and
 * the text of the file. `herald new` writes it, the calendar's "propose a post" links fill GitHub's
 * new-file page with it (propose.ts); the loader must accept it as it is.
 */

export type PostKind = (typeof postKinds)[number];

export interface NewPost {
  title: string;
  /** Local wall-clock time, "YYYY-MM-DD HH:MM", in herald.yaml's time zone. */
  publishAt: string;
  channels: string[];
  kind: PostKind;
  campaign?: string;
  labels: string[];
  /** The post's id and file name (without .mdx). */
  id: string;
  /** The post's text; a placeholder that says what to write when missing. */
  text?: string;
}

/** A new post goes to the public channels unless told otherwise (see isPrivateChannel). */
export function publicChannels(config: Pick<HeraldConfig, 'channels'>): string[] {
  const open = config.channels.filter((channel) => !isPrivateChannel(channel));
  return (open.length > 0 ? open : config.channels).map((channel) => channel.id);
}

/**
 * Every id a new post must not take: each post's file name and each `id:` written in front matter,
 * read from the files themselves so that a post the loader refused still keeps its id.
 */
export function takenIds(files: readonly SourceFile[]): Set<string> {
  const taken = new Set<string>();
  for (const file of files) {
    if (!file.path.startsWith(contentPaths.posts) || !/\.mdx?$/.test(file.path)) continue;
    taken.add(
      file.path
        .split('/')
        .at(-1)!
        .replace(/\.mdx?$/, ''),
    );
    const text = decodeText(file);
    const split = text.ok ? splitFrontmatter(file.path, text.value) : undefined;
    const written = split?.ok ? /^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$/m.exec(split.value.yaml) : null;
    if (written) taken.add(written[1]!);
  }
  return taken;
}

/** content/posts/YYYY/MM/<id>.mdx: the folder of the local date, as the loader expects. */
export function newPostPath(post: Pick<NewPost, 'publishAt' | 'id'>): string {
  return `${contentPaths.posts}${post.publishAt.slice(0, 4)}/${post.publishAt.slice(5, 7)}/${post.id}.mdx`;
}

/** The file of a new post: front matter the schema accepts, its id written out, then the text. */
export function newPostText(post: NewPost): string {
  const frontmatter: Partial<PostFrontmatter> = {
    title: post.title.trim(),
    publishAt: post.publishAt,
    channels: post.channels,
    kind: post.kind,
    ...(post.campaign && { campaign: post.campaign }),
    ...(post.labels.length > 0 && { labels: post.labels }),
    // Written out, so the post stays itself when its file is renamed or moved (see plan() in schedule.ts).
    id: post.id,
  };
  const doc = new Document(frontmatter);
  // Short lists read best on one line, as in the examples: channels: [mastodon, bluesky]
  for (const key of ['channels', 'labels']) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return `---\n${yaml}---\n${(post.text ?? placeholderText(post.id)).trim()}\n`;
}
