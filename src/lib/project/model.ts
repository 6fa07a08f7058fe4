import type { Channel, HeraldConfig } from '../../schemas/config.ts';
import type { HandbookFrontmatter, HouseRules } from '../../schemas/handbook.ts';
import type { Card, Media, PostFrontmatter } from '../../schemas/post.ts';
import type { Position, Problem } from './problems.ts';
import type { MediaFileInfo } from './source.ts';

/** The YAML of a file's front matter and the file line it starts on; see locate.ts for positions. */
export interface FrontmatterSource {
  text: string;
  line: number;
}

/**
 * What the loader makes of the content folder: the front matter as the schemas define it, with every
 * time turned into a UTC instant and the body turned into the text the networks receive.
 * Plain data throughout, so the site's content store can keep it.
 */

export interface PostMedia extends Omit<Media, 'expiresAt'> {
  /** Path of the image or video relative to the project root. */
  file: string;
  /** Path of the video's captions file relative to the project root. */
  captionsFile?: string;
  /** The captions' language: captionsLang, else herald.yaml's locale; only with captionsFile. */
  captionsLang?: string;
  /** End of the licence as a UTC instant. */
  expiresAt?: string;
}

/** A card from the front matter, with its picture's path relative to the project root. */
export interface PostCard extends Card {
  file?: string;
}

export interface Post extends Omit<PostFrontmatter, 'publishAt' | 'expiresAt' | 'timezone' | 'id' | 'media' | 'card'> {
  id: string;
  /** Path relative to the project root. */
  file: string;
  /** Canonical IANA zone the times were written in. */
  timezone: string;
  /** UTC instant, ISO 8601. */
  publishAt: string;
  /** UTC instant, ISO 8601. */
  expiresAt?: string;
  /** The times as the author wrote them. */
  written: { publishAt: string; expiresAt?: string };
  media: PostMedia[];
  card?: PostCard;
  /** The language the post is written in (BCP 47): its `lang`, else herald.yaml's locale. */
  language?: string;
  /** The Markdown after the front matter, and the file line it starts on. */
  body: string;
  bodyLine: number;
  /** The body as the networks receive it: one string per thread part. */
  parts: string[];
  /** The file line on which each part of the body starts. */
  partLines: number[];
  /** Variant texts by network or channel id, rendered the same way. */
  variantParts: Record<string, string[]>;
  frontmatter: FrontmatterSource;
}

/**
 * A post file the loader could not use, with what could still be read of it: the site shows it with
 * its problems where the calendar would show it, instead of leaving it out without a word. It is
 * never published.
 */
export interface BrokenPost {
  file: string;
  /** The address of its page on the site, unique among posts and broken posts (see brokenPosts). */
  id: string;
  title?: string;
  /** UTC instant, when its time could be read. */
  publishAt?: string;
  /** As written, for the calendar's filters; they may name channels herald.yaml does not have. */
  channels: string[];
  campaign?: string;
  labels: string[];
}

export interface HandbookPage extends HandbookFrontmatter {
  /** File name without extension; the page's address under /handbook/. */
  slug: string;
  file: string;
  body: string;
  bodyLine: number;
  /** The date by which the page should be reviewed again. */
  reviewDue: string;
  frontmatter: FrontmatterSource;
  /** Every link, image and link definition in the body, in order. */
  links: PageLink[];
  /** The ids the site gives the page's headings, which links may point at with #id. */
  anchors: string[];
}

/** An address written in a handbook page, and where. */
export interface PageLink {
  url: string;
  /** An image (resolved next to the file) rather than a link (resolved from the page's address). */
  image: boolean;
  at: Position;
}

export interface Project {
  config?: HeraldConfig;
  /** herald.yaml's text, so findings about a setting can point at it (see locate.ts). */
  configSource?: FrontmatterSource;
  channels: Record<string, Channel>;
  posts: Post[];
  /** Post files that could not be loaded, in file order (see BrokenPost). */
  broken: BrokenPost[];
  handbook: HandbookPage[];
  /** From the style guide's front matter, when one page carries them. */
  houseRules?: HouseRules;
  /** Paths of the files that were checked. */
  files: string[];
  /** Every other file under content/ (images next to posts), by path, as read-content measured it. */
  media: Record<string, MediaFileInfo>;
  problems: Problem[];
}

/** A project whose herald.yaml can be acted on (see usableProject): the commands and the site work on this. */
export type Schedule = Project & { config: HeraldConfig; configSource: FrontmatterSource };
