import { previews } from '../text/posts.ts';
import type { Problem } from '../project/problems.ts';
import { distinctLinks } from '../text/count.ts';
import { networkProfiles, postsFor } from '../networks/profiles.ts';
import { listing, plural, type Rules } from './context.ts';
import { codePoint } from './hidden-characters.ts';
import { finding } from './registry.ts';
import { sentTexts } from './sent-text.ts';

/**
 * Every part a channel receives (on a network without threads, the one post its parts make), counted
 * the way its network counts (src/lib/text/count.ts) against the channel's limit, and the characters a
 * network refuses at any length, and more web addresses than a network takes (Threads: 5). Channels of one
 * network with the same limit share one finding.
 */
export const limitRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    const counts = new Map(previews(post, project.channels).map((preview) => [preview.channel, preview.parts]));
    for (const text of sentTexts(post, project.channels)) {
      text.parts.forEach((_, i) => {
        const over = new Map<string, { ids: string[]; make: (ids: string[]) => Problem }>();
        for (const channel of text.channels) {
          const counted = counts.get(channel.id)!;
          // A network without threads receives the parts as one post: counted once, as a whole.
          const m = counted[i];
          if (!m) continue;
          const profile = networkProfiles[channel.network];
          const label = profile.label;
          const joined = counted.length < text.parts.length;
          const which = joined
            ? `This thread, as the one post ${label} receives,`
            : text.parts.length > 1
              ? `Part ${i + 1} of ${text.parts.length}`
              : 'This post';
          const cw = profile.text.contentWarning && post.contentWarning ? ', with its content warning,' : '';
          const fix = `or write a variant for ${channel.network}${text.parts.length > 1 || !profile.threads ? '' : ', or split it into a thread with a line of ---'}`;
          const { length, limit } = m;
          if (limit !== undefined && length > limit) {
            const key = `length/${channel.network}/${limit}/${length}`;
            const make = (ids: string[]) =>
              finding(
                'text/length',
                post.file,
                text.start(i),
                `${which}${cw} is ${plural(length, 'character')} on ${label} (${listing(ids)}), which allows ${limit}: shorten it by ${length - limit}, ${fix}.`,
              );
            over.set(key, { ids: [...(over.get(key)?.ids ?? []), channel.id], make });
          }
          for (const character of m.refused ?? []) {
            const make = (ids: string[]) =>
              finding(
                'text/refused-character',
                post.file,
                text.find(i, character),
                `${which} contains ${refusedNames[character] ?? `the character ${codePoint(character)}`}, ${where(text.parts[i]!, character)}. ${label} (${listing(ids)}) refuses a text with it. It is invisible in most editors and often comes with text pasted from a word processor or a web page: delete the words on either side of it and type them again.`,
              );
            const key = `refused/${channel.network}/${character}`;
            over.set(key, { ids: [...(over.get(key)?.ids ?? []), channel.id], make });
          }
          const maxLinks = profile.text.maxLinks;
          const sent = postsFor(channel.network, text.parts)[i];
          const links = maxLinks !== undefined && sent !== undefined ? distinctLinks(sent) : [];
          if (maxLinks !== undefined && links.length > maxLinks) {
            const key = `links/${channel.network}/${maxLinks}`;
            const make = (ids: string[]) =>
              finding(
                'text/links',
                post.file,
                text.find(i, links[maxLinks]!),
                `${which} has ${links.length} different web addresses on ${label} (${listing(ids)}), which refuses a post with more than ${maxLinks}: remove ${links.length - maxLinks} (from ${links[maxLinks]} on), ${text.parts.length > 1 || !profile.threads ? 'move some to another part, ' : 'move some to a second part of a thread (a line of ---), '}or write a variant for ${channel.network}.`,
              );
            over.set(key, { ids: [...(over.get(key)?.ids ?? []), channel.id], make });
          }
          if (m.bytes && m.bytes.length > m.bytes.limit) {
            const { length, limit } = m.bytes;
            const key = `bytes/${channel.network}`;
            const make = (ids: string[]) =>
              finding(
                'text/bytes',
                post.file,
                text.start(i),
                `${which} is ${plural(length, 'byte')} of UTF-8 on ${label} (${listing(ids)}), which allows ${limit}: shorten it by ${length - limit} bytes (letters outside A–Z take 2–4 bytes each), ${fix}.`,
              );
            over.set(key, { ids: [...(over.get(key)?.ids ?? []), channel.id], make });
          }
        }
        for (const { ids, make } of over.values()) found.push(make(ids));
      });
    }
  }
  return found;
};

/** What the characters twitter-text calls invalid are, for people who cannot see them. */
const refusedNames: Record<string, string> = {
  '\uFEFF': 'an invisible zero-width no-break space (U+FEFF, also called a byte-order mark)',
  '\uFFFE': 'the invisible non-character U+FFFE',
  '\uFFFF': 'the invisible non-character U+FFFF',
};

/** Where `character` stands in `text`, by the words around it. */
function where(text: string, character: string): string {
  const at = text.indexOf(character);
  const before = text.slice(0, at).trimEnd().split(/\s+/).slice(-3).join(' ');
  const after = text
    .slice(at + character.length)
    .trimStart()
    .split(/\s+/)
    .slice(0, 3)
    .join(' ');
  if (!before) return after ? `at the very start, before "${after}"` : 'and nothing else';
  if (!after) return `at the very end, after "${before}"`;
  return `between "${before}" and "${after}"`;
}
