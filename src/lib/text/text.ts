import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/**
 * The one function that turns a post's Markdown into the plain text each network receives.
 *
 * Post bodies are read as CommonMark, not compiled as MDX: a post is sent as text, never rendered as a
 * component, so `<3` or `{today}` are words, not syntax errors. Links become their URL (or `text URL`
 * when the text says something else), emphasis is dropped, mentions and hashtags stay as written, line
 * breaks stay where the author put them, and a line of `---` starts the next part of a thread.
 */

export interface RenderedText {
  /** One string per thread part, in order; never empty strings. */
  parts: string[];
  /** The source line (1-based) on which each part starts, so findings can point at it. */
  lines: number[];
  /** Things in the Markdown that cannot be sent, with the body line (1-based) where they stand. */
  dropped: { line: number; what: string }[];
}

const markdown = new MarkdownIt('commonmark', { html: false, linkify: true }).enable('linkify');

export function renderText(source: string): RenderedText {
  const tokens = markdown.parse(source, {});
  const parts: string[] = [];
  const lines: number[] = [];
  const dropped: RenderedText['dropped'] = [];
  let blocks: { text: string; line: number; list?: number }[] = [];
  let lists = 0;
  let prefix: string[] = [];
  const listNumbers: (number | undefined)[] = [];

  const endPart = () => {
    // Lines of one list stay together; other blocks are paragraphs apart.
    const text = blocks
      .map(
        (block, i) =>
          (i === 0 ? '' : block.list !== undefined && block.list === blocks[i - 1]!.list ? '\n' : '\n\n') + block.text,
      )
      .join('')
      .trim();
    if (text) {
      parts.push(text);
      lines.push(blocks.find((block) => block.text.trim())?.line ?? 1);
    }
    blocks = [];
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'hr':
        endPart();
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (listNumbers.length === 0) lists++;
        listNumbers.push(token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : undefined);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listNumbers.pop();
        break;
      case 'list_item_open': {
        const depth = listNumbers.length - 1;
        const number = listNumbers[depth];
        const marker = number === undefined ? '-' : `${number}.`;
        if (number !== undefined) listNumbers[depth] = number + 1;
        prefix.push(`${'  '.repeat(depth)}${marker} `);
        break;
      }
      case 'inline': {
        const text =
          prefix.join('') + inlineText(token.children ?? [], (what) => dropped.push({ line: lineOf(token), what }));
        prefix = [];
        blocks.push({ text, line: lineOf(token), list: listNumbers.length > 0 ? lists : undefined });
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push({ text: token.content.replace(/\n$/, ''), line: lineOf(token) });
        break;
      case 'heading_close':
        // A line of dashes right under text makes a Markdown heading; authors mean a thread break.
        if (token.markup === '-') endPart();
        break;
    }
  }
  endPart();
  return { parts, lines, dropped };
}

function lineOf(token: Token): number {
  return (token.map?.[0] ?? 0) + 1;
}

function inlineText(tokens: Token[], drop: (what: string) => void): string {
  let out = '';
  let link: { href: string; start: number } | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        out += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'link_open':
        link = { href: token.attrGet('href') ?? '', start: out.length };
        break;
      case 'link_close':
        if (link) {
          const text = out.slice(link.start);
          out = out.slice(0, link.start) + linkText(text, link.href);
          link = undefined;
        }
        break;
      case 'image':
        drop(`the image "${token.content}" (images go in the media setting, with alt text)`);
        break;
    }
  }
  return out;
}

/**
 * A link as plain text: the address as written, or `text address` when the text says something else.
 * markdown-it stores addresses encoded (punycode, %XX); normalizeLinkText gives back the readable form.
 */
function linkText(text: string, href: string): string {
  const url = markdown.normalizeLinkText(href);
  const bare = (address: string) => address.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '');
  if (text === '') return url;
  return bare(text) === bare(url) ? text : `${text} ${url}`;
}
