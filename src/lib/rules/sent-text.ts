import type { Channel } from '../../schemas/config.ts';
import { locate, locateKey } from '../project/locate.ts';
import type { Post } from '../project/model.ts';
import type { Position } from '../project/problems.ts';
import { channelsOf } from './context.ts';

/**
 * One text a post sends, the body or a variant, with the channels that receive it and a way back
 * from what is sent to where it is written, so a finding points at the offending words.
 */
export interface SentText {
  /** "body", or the variant's key. */
  key: string;
  parts: string[];
  channels: Channel[];
  /** Where part `i` starts in the file. */
  start(part: number): Position;
  /** Where `needle`, found in part `i` of what is sent, is written; the part's start when markup hides it. */
  find(part: number, needle: string): Position;
}

/** The texts `post` sends, each once, with the channels that receive it. */
export function sentTexts(post: Post, channels: Record<string, Channel>): SentText[] {
  const byKey = new Map<string, Channel[]>();
  for (const channel of channelsOf(post, channels)) {
    const key = post.variantParts[channel.id]
      ? channel.id
      : post.variantParts[channel.network]
        ? channel.network
        : 'body';
    byKey.set(key, [...(byKey.get(key) ?? []), channel]);
  }
  return [...byKey].map(([key, receivers]) =>
    key === 'body' ? bodyText(post, receivers) : variantText(post, key, receivers),
  );
}

function bodyText(post: Post, channels: Channel[]): SentText {
  const source = new Written(post.body, { line: post.bodyLine, column: 1 });
  const start = (part: number): Position => ({ line: post.partLines[part] ?? post.bodyLine, column: 1 });
  return {
    key: 'body',
    parts: post.parts,
    channels,
    start,
    find: (part, needle) => source.find(needle, source.offsetOf(start(part))) ?? start(part),
  };
}

function variantText(post: Post, key: string, channels: Channel[]): SentText {
  // Positions need the YAML parsed again with positions: only worked out when a finding asks.
  let place: { value: Position; source: Written; from: number; to: number } | undefined;
  const where = () => {
    if (!place) {
      const value = locate(post.frontmatter, ['variants', key]);
      const source = new Written(post.frontmatter.text, { line: post.frontmatter.line, column: 1 });
      // The value goes on while lines are indented deeper than its key (YAML block structure).
      const indent = locateKey(post.frontmatter, ['variants', key]).column - 1;
      place = { value, source, from: source.offsetOf(value), to: source.endOfBlock(value.line, indent) };
    }
    return place;
  };
  return {
    key,
    parts: post.variantParts[key] ?? [],
    channels,
    start: () => where().value,
    find: (_part, needle) => {
      const { source, from, to, value } = where();
      return source.find(needle, from, to) ?? value;
    },
  };
}

/** A written text and the file position it starts at, for turning offsets into lines and columns. */
class Written {
  private readonly text: string;
  private readonly origin: Position;
  private lineStarts: number[] | undefined;

  constructor(text: string, origin: Position) {
    this.text = text;
    this.origin = origin;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    return this.lineStarts;
  }

  offsetOf(at: Position): number {
    const lineStart = this.starts()[at.line - this.origin.line] ?? this.text.length;
    return lineStart + at.column - 1;
  }

  positionOf(offset: number): Position {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: this.origin.line + low, column: offset - starts[low]! + (low === 0 ? this.origin.column : 1) };
  }

  /** The offset where the first line after `line` indented `indent` or less begins. */
  endOfBlock(line: number, indent: number): number {
    const starts = this.starts();
    for (let i = line - this.origin.line + 1; i < starts.length; i++) {
      const text = this.text.slice(starts[i], starts[i + 1] ?? this.text.length);
      if (text.trim() && text.length - text.trimStart().length <= indent) return starts[i]!;
    }
    return this.text.length;
  }

  find(needle: string, from: number, to = this.text.length): Position | undefined {
    let at = this.text.indexOf(needle, from);
    if (at === -1 || at + needle.length > to) at = this.text.toLowerCase().indexOf(needle.toLowerCase(), from);
    return at === -1 || at + needle.length > to ? undefined : this.positionOf(at);
  }
}
