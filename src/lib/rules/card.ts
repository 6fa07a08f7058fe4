import { locate } from '../project/locate.ts';
import type { Problem } from '../project/problems.ts';
import { cardAddressProblem } from '../text/web-address.ts';
import type { Rules } from './context.ts';
import { finding } from './registry.ts';

/**
 * A post's reviewed `card:`. Its address is what a reader opens from the card: it must be a public
 * https page, never one on a private network that a reader's click (or a network's card reader)
 * would be sent to.
 */
export const cardRules: Rules = ({ project }) => {
  const found: Problem[] = [];
  for (const post of project.posts) {
    if (!post.card) continue;
    const problem = cardAddressProblem(post.card.url);
    if (problem)
      found.push(
        finding(
          'card/url',
          post.file,
          locate(post.frontmatter, ['card', 'url']),
          `The card's address ${post.card.url} ${problem}. Write the page's public https address, such as https://example.org/page.`,
        ),
      );
  }
  return found;
};
