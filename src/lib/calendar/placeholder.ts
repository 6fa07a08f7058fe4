/**
 * The text a new post starts with until its author writes one: `herald new` writes it, the
 * calendar's "propose a post" links fill GitHub's new-file page with it (propose.ts), and the rule
 * post/placeholder refuses a post that still has it, so an unedited draft never passes the checks.
 */

/** The words that mark the placeholder: the rule looks for them in every text a post sends. */
export const placeholderWords = 'Write the post here';

/** The placeholder of post `id`: it names the id, so two drafts never send the same text (calendar/duplicate-text). */
export function placeholderText(id: string): string {
  return `${placeholderWords} (${id}): this is the text the networks receive. A line of three dashes (---) starts the next part of a thread.`;
}

const placeholderPattern = new RegExp(placeholderWords.replaceAll(' ', '\\s+'), 'i');

/** Whether a text sent still has the placeholder in it, in any case. */
export function hasPlaceholder(text: string): boolean {
  return placeholderPattern.test(text);
}
