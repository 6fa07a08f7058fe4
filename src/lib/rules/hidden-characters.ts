import { locate } from '../project/locate.ts';
import type { Post } from '../project/model.ts';
import type { Position, Problem } from '../project/problems.ts';
import type { Rules } from './context.ts';
import { finding } from './registry.ts';
import { sentTexts } from './sent-text.ts';

/**
 * Control characters (a backspace, an escape, a bell) and the bidirectional overrides (U+202A to
 * U+202E) make a text look other than it is: in a terminal's dry run, on the site, in a reviewer's
 * diff, a backspace rubs out the words before it and an override turns the words after it around,
 * while the network receives them as written. What a reviewer approves must be what goes out, so
 * any of them in what a post sends is an error. Tabs and line breaks are text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's purpose.
const hidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E]/u;

/** A character as Unicode names it: U+202E. */
export function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function hiddenCharacterName(character: string): string {
  const code = codePoint(character);
  if (/[\u202A-\u202E]/u.test(character)) return `a bidirectional override (${code}), which reorders what follows it`;
  return `a control character (${code})`;
}

export const hiddenCharacterRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  const report = (post: Post, at: Position, what: string, character: string) =>
    found.push(
      finding(
        'text/hidden-character',
        post.file,
        at,
        `${what} contains ${hiddenCharacterName(character)}: it shows differently from what the network receives. Delete it (retype the words around it if you cannot see it).`,
      ),
    );
  for (const post of project.posts) {
    for (const text of sentTexts(post, project.channels)) {
      text.parts.forEach((part, i) => {
        const character = hidden.exec(part)?.[0];
        if (character)
          report(
            post,
            text.find(i, character),
            text.key === 'body' ? 'The text' : `The variant for ${text.key}`,
            character,
          );
      });
    }
    const fields: [path: (string | number)[], value: string | undefined, what: string][] = [
      [['contentWarning'], post.contentWarning, 'The content warning'],
      ...(post.poll?.options ?? []).map((option, i): [(string | number)[], string, string] => [
        ['poll', 'options', i],
        option,
        `Poll option ${i + 1}`,
      ]),
      [['card', 'title'], post.card?.title, "The card's title"],
      [['card', 'description'], post.card?.description, "The card's description"],
      ...post.media.map((item, i): [(string | number)[], string, string] => [
        ['media', i, 'alt'],
        item.alt,
        `The alt text of media ${i + 1}`,
      ]),
    ];
    for (const [path, value, what] of fields) {
      const character = value === undefined ? undefined : hidden.exec(value)?.[0];
      if (character) report(post, locate(post.frontmatter, path), what, character);
    }
  }
  return found;
};

/**
 * `text` with every hidden character (and carriage returns) written out as ⟨U+001B⟩, for output a
 * person reads in a terminal: the dry run shows what would be sent, not what the characters make of it.
 */
export function showHidden(text: string): string {
  return text.replace(new RegExp(`${hidden.source}|\\r`, 'gu'), (character) => {
    return `⟨${codePoint(character)}⟩`;
  });
}
