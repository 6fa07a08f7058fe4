import { hasPlaceholder, placeholderWords } from '../calendar/placeholder.ts';
import type { Problem } from '../project/problems.ts';
import type { Rules } from './context.ts';
import { finding } from './registry.ts';
import { sentTexts } from './sent-text.ts';

/**
 * A post that still sends the placeholder text of a new post (src/lib/calendar/placeholder.ts): `herald new`
 * without --text and the calendar's "propose a post" links write it, and every other check passes it.
 */
export const placeholderRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    // Most posts have none: look at the texts themselves before working out who receives which.
    if (
      !post.parts.some(hasPlaceholder) &&
      !Object.values(post.variantParts).some((parts) => parts.some(hasPlaceholder))
    )
      continue;
    for (const text of sentTexts(post, project.channels)) {
      const part = text.parts.findIndex(hasPlaceholder);
      if (part === -1) continue;
      const where = text.key === 'body' ? 'the text' : `the variant for ${text.key}`;
      found.push(
        finding(
          'post/placeholder',
          post.file,
          text.find(part, placeholderWords),
          `This is still the placeholder of a new post ("${placeholderWords} …"), and ${where} would be sent as it is. Replace it with what the post should say.`,
        ),
      );
    }
  }
  return found;
};
